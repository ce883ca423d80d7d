#!/usr/bin/env python3
"""Generate the scale-test plans of BENCHMARKS.md ("Scale"): the default scenario (its forces,
demarcation, guarantee area and walkthrough) with more forces, N forces in all.

    python3 tools/scale/make_scale_plans.py OUT_DIR [N ...]     # default N: 1000 10000 100000

writes OUT_DIR/scale-N.geojson for each N. Only the standard library; deterministic (the same N
gives the same bytes). Each force copies one of the default scenario's forces (nation, component,
role, echelon, readiness, range), moved by up to about 10 km around its position on a fixed
pseudo-random sequence, with its own id, name and a strength of 100 to 5,000 (the default's own
forces stay, so its steps still name what they name), so the plan stands
where the real plan stands and every rule has work to do on every force. Written compactly, as a
large plan would be shared.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "..", "scenarios", "default.geojson")


def lcg(seed):
    """A fixed pseudo-random sequence in [0, 1), the same on every machine."""
    state = seed
    while True:
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield (state >> 11) / float(1 << 53)


def make(n, default):
    templates = [f for f in default["features"] if f["properties"].get("kind") == "force"]
    others = [f for f in default["features"] if f["properties"].get("kind") != "force"]
    rnd = lcg(n)
    features = []
    for i in range(max(0, n - len(templates))):
        t = templates[i % len(templates)]
        lon, lat = t["geometry"]["coordinates"][:2]
        props = dict(t["properties"])
        props["name"] = "%s %d" % (props.get("name", "Force"), i + 1)
        props["strength"] = 100 + int(next(rnd) * 4900)
        features.append({
            "type": "Feature",
            "id": "f-%d" % (i + 1),
            "geometry": {"type": "Point", "coordinates": [
                round(lon + (next(rnd) - 0.5) * 0.2, 5),
                round(lat + (next(rnd) - 0.5) * 0.15, 5),
            ]},
            "properties": props,
        })
    settings = dict(default["armistice"])
    settings["title"] = "Scale test: %d forces" % n
    return {"type": "FeatureCollection", "armistice": settings,
            "features": templates + others + features}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    counts = [int(a) for a in sys.argv[2:]] or [1000, 10000, 100000]
    with open(DEFAULT, encoding="utf-8") as f:
        default = json.load(f)
    os.makedirs(out_dir, exist_ok=True)
    for n in counts:
        path = os.path.join(out_dir, "scale-%d.geojson" % n)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(make(n, default), f, separators=(",", ":"), ensure_ascii=False)
            f.write("\n")
        print("%s: %d forces, %d bytes" % (path, n, os.path.getsize(path)))


if __name__ == "__main__":
    main()
