#!/usr/bin/env python3
"""Perturbed copies of Armistice scenarios: every vertex and every force moved by 1 to 10 m.

    python3 perturb.py OUT_DIR COPIES SCENARIO.geojson...

Writes OUT_DIR/<name>-NN.geojson for NN in 01..COPIES. Each coordinate (force positions,
demarcation vertices, guarantee-area vertices) moves by a distance drawn uniformly from
1..10 m in a random direction, so a copy is close to its original everywhere and identical
nowhere: a demarcation copied from today's front line becomes a line a planner drew by
snapping to the front, which no cache of today's line can answer. A ring's closing vertex
moves with its first. Deterministic: the same arguments give the same files.

Needs only the standard library.
"""

import json
import math
import os
import random
import sys

M_PER_DEG_LAT = 111_320.0


def moved(rng, coord):
    lon, lat = coord[0], coord[1]
    r = rng.uniform(1.0, 10.0)
    az = rng.uniform(0.0, 2.0 * math.pi)
    dlat = r * math.cos(az) / M_PER_DEG_LAT
    dlon = r * math.sin(az) / (M_PER_DEG_LAT * math.cos(math.radians(lat)))
    return [lon + dlon, lat + dlat] + list(coord[2:])


def moved_ring(rng, ring):
    closed = len(ring) > 1 and ring[0] == ring[-1]
    out = [moved(rng, c) for c in (ring[:-1] if closed else ring)]
    if closed:
        out.append(list(out[0]))
    return out


def perturb_geometry(rng, g):
    t, cs = g.get("type"), g.get("coordinates")
    if t == "Point":
        g["coordinates"] = moved(rng, cs)
    elif t == "LineString":
        g["coordinates"] = [moved(rng, c) for c in cs]
    elif t == "Polygon":
        g["coordinates"] = [moved_ring(rng, r) for r in cs]
    elif t == "MultiPolygon":
        g["coordinates"] = [[moved_ring(rng, r) for r in p] for p in cs]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out_dir, copies, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as fh:
            original = json.load(fh)
        front = original.get("armistice", {}).get("front_line")
        if front is not None:
            # A scenario's own front line is read relative to it: point at the original.
            original["armistice"]["front_line"] = os.path.abspath(
                os.path.join(os.path.dirname(path), front))
        for k in range(1, copies + 1):
            rng = random.Random("%s-%d" % (name, k))
            sc = json.loads(json.dumps(original))
            for f in sc.get("features", []):
                if isinstance(f, dict) and isinstance(f.get("geometry"), dict):
                    perturb_geometry(rng, f["geometry"])
            with open(os.path.join(out_dir, "%s-%02d.geojson" % (name, k)), "w",
                      encoding="utf-8") as fh:
                json.dump(sc, fh)


if __name__ == "__main__":
    main()
