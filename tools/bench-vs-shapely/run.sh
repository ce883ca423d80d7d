#!/usr/bin/env bash
# `armistice check` beside a shapely/pyproj script on 20 perturbed copies of every example plan:
#   bash tools/bench-vs-shapely/run.sh [--copies 20] [--repeat 11]
# Installs shapely and pyproj (pins in requirements.txt) from PyPI into tools/.venv (git-ignored),
# builds the release binary, writes the perturbed plans to a temporary folder, times both and
# prints the ratio and the largest difference between their figures. See BENCHMARKS.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tools/bench-vs-shapely"
VENV="$ROOT/tools/.venv"
PYTHON="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
(cd "$ROOT" && cargo build --release --quiet)
"$VENV/bin/python" "$HERE/run.py" "$ROOT/target/release/armistice" "$@"
