#!/usr/bin/env python3
"""Times `armistice check` beside figures.py (shapely + pyproj) on perturbed copies of every
example plan and prints the ratio. Run through run.sh, which makes the virtual environment and
the release build first.

    python run.py ARMISTICE_BINARY [--copies 20] [--repeat 7]

Per plan = (time for COPIES files - time for 1 file) / (COPIES - 1), each time the median of
--repeat runs of the whole process, so start-up, loading the map and splitting Ukraine by
today's line (done once per run by both) cancel out. The figures of both are compared too.
"""

import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def timed(cmd, repeat):
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit("%s failed (%d): %s" % (cmd[0], done.returncode, done.stderr))
        out = done.stdout
    return statistics.median(times), out


def per_plan(cmd, files, repeat):
    one, _ = timed(cmd + files[:1], repeat)
    many, out = timed(cmd + files, repeat)
    return (many - one) / (len(files) - 1) * 1000.0, out


def compare(ours, theirs):
    """Largest differences between Armistice's figures and the script's, per figure."""
    worst = {}

    def note(key, a, b, relative=True):
        diff = abs(a - b) / max(abs(b), 1e-9) if relative else abs(a - b)
        worst[key] = max(worst.get(key, 0.0), diff)

    for report, script in zip(ours, theirs):
        for d in report["demarcations"]:
            s = script["demarcations"].get(d["id"])
            if s is None:
                continue
            for key in ("ceded_km2", "gained_km2"):
                note(key + " (km2)", d[key], s[key], relative=False)
            note("max_advance_km (km)", d["max_advance_km"], s["max_advance_km"], False)
            for key in ("donetsk_share", "luhansk_share", "monitored_share"):
                note(key, d[key], s[key], relative=False)
            for city, depth in d["belt_depth_km"].items():
                note("belt depth (km)", depth, s["belt_depth_km"][city], relative=False)
        note("guarantor_land_in_ukraine", report["forces"]["guarantor_land_in_ukraine"],
             script["guarantor_land_in_ukraine"], relative=False)
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("armistice")
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    python = sys.executable
    scenarios = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.geojson")))
    print("load: %s" % open("/proc/loadavg").read().strip())
    print("%-14s %12s %12s %8s" % ("plan", "armistice", "shapely", "ratio"))
    rows, differences = [], {}
    with tempfile.TemporaryDirectory(prefix="armistice-vs-shapely-") as tmp:
        subprocess.run([python, os.path.join(HERE, "perturb.py"), tmp, str(args.copies)]
                       + scenarios, check=True)
        for path in scenarios:
            name = os.path.splitext(os.path.basename(path))[0]
            files = [os.path.join(tmp, "%s-%02d.geojson" % (name, k))
                     for k in range(1, args.copies + 1)]
            ours, ours_out = per_plan([args.armistice, "check", "--format", "json"], files,
                                      args.repeat)
            theirs, theirs_out = per_plan(
                [python, os.path.join(HERE, "figures.py"), os.path.join(ROOT, "maps")], files,
                args.repeat)
            rows.append((name, ours, theirs))
            print("%-14s %9.2f ms %9.2f ms %7.1fx" % (name, ours, theirs, theirs / ours),
                  flush=True)
            reports = json.loads(ours_out)
            for key, value in compare(reports, json.loads(theirs_out)).items():
                differences[key] = max(differences.get(key, 0.0), value)
    print("\nper plan = (t%d - t1) / %d, median of %d runs each; release build"
          % (args.copies, args.copies - 1, args.repeat))
    print("largest difference between the two, over all plans:")
    for key, value in sorted(differences.items()):
        print("  %-28s %.4g" % (key, value))


if __name__ == "__main__":
    main()
