#!/usr/bin/env python3
"""Times `armistice check` beside figures.py (shapely + pyproj) on perturbed copies of every
example plan and prints the ratio. Run through run.sh, which makes the virtual environment and
the release build first.

    python run.py ARMISTICE_BINARY [--copies 20] [--repeat 11]

Per plan = (time for COPIES files - time for 1 file) / (COPIES - 1), each time the median (and,
beside it, the fastest) of --repeat runs of the whole process, so start-up, loading the map and
splitting Ukraine by today's line (done once per run by both) cancel out. The runs of the two
tools are interleaved, so that whatever else the machine does falls on both alike. The figures
of both are compared too.
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


def run_once(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit("%s failed (%d): %s" % (cmd[0], done.returncode, done.stderr))
    return took, done.stdout


def side_by_side(commands, files, repeat):
    """Per plan, ms, for each command: (t_all - t_1) / (len(files) - 1), from the median and
    from the fastest of `repeat` runs of each, the runs of all commands interleaved so that
    whatever else the machine does falls on both alike. Also each command's last output."""
    times = [([], []) for _ in commands]
    outputs = [None for _ in commands]
    for _ in range(repeat):
        for k, cmd in enumerate(commands):
            for which, chosen in enumerate((files[:1], files)):
                took, out = run_once(cmd + chosen)
                times[k][which].append(took)
                if which == 1:
                    outputs[k] = out
    per_plan = []
    for one, many in times:
        scale = 1000.0 / (len(files) - 1)
        per_plan.append(((statistics.median(many) - statistics.median(one)) * scale,
                         (min(many) - min(one)) * scale))
    return per_plan, outputs


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
    ap.add_argument("--repeat", type=int, default=11)
    args = ap.parse_args()
    python = sys.executable
    scenarios = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.geojson")))
    print("load: %s" % open("/proc/loadavg").read().strip())
    print("%-14s %12s %12s %8s   %12s %12s %8s" % ("plan", "armistice", "shapely", "ratio",
                                                    "fastest: ours", "shapely", "ratio"))
    rows, differences = [], {}
    with tempfile.TemporaryDirectory(prefix="armistice-vs-shapely-") as tmp:
        subprocess.run([python, os.path.join(HERE, "perturb.py"), tmp, str(args.copies)]
                       + scenarios, check=True)
        for path in scenarios:
            name = os.path.splitext(os.path.basename(path))[0]
            files = [os.path.join(tmp, "%s-%02d.geojson" % (name, k))
                     for k in range(1, args.copies + 1)]
            (ours, theirs), (ours_out, theirs_out) = side_by_side(
                [[args.armistice, "check", "--format", "json"],
                 [python, os.path.join(HERE, "figures.py"), os.path.join(ROOT, "maps")]],
                files, args.repeat)
            rows.append((name, ours, theirs))
            print("%-14s %9.2f ms %9.2f ms %7.1fx   %9.2f ms %9.2f ms %7.1fx"
                  % (name, ours[0], theirs[0], theirs[0] / ours[0],
                     ours[1], theirs[1], theirs[1] / ours[1]), flush=True)
            reports = json.loads(ours_out)
            for key, value in compare(reports, json.loads(theirs_out)).items():
                differences[key] = max(differences.get(key, 0.0), value)
    print("\nper plan = (t%d - t1) / %d, from the median (left) and the fastest (right) of %d"
          " runs each, the two tools' runs interleaved; release build"
          % (args.copies, args.copies - 1, args.repeat))
    print("largest difference between the two, over all plans:")
    for key, value in sorted(differences.items()):
        print("  %-28s %.4g" % (key, value))


if __name__ == "__main__":
    main()
