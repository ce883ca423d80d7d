#!/usr/bin/env bash
# Rebuild Armistice's military symbols (assets/symbols), the application icon's PNG sizes
# (assets/icon) and the symbol comparison test's reference images (tests/data/symbols) from
# pinned npm packages:
#   bash tools/build-symbols/build.sh
# Installs tools/build-symbols/node_modules (package.json / package-lock.json, git-ignored), then
# runs build.mjs with the machine's Node (18 or later). Deterministic: two runs give
# byte-identical files.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
node "$HERE/build.mjs"
