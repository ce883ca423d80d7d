#!/usr/bin/env bash
# Time from process start to the first frame painted, release build, under Xvfb:
#   bash tools/startup-time.sh [runs]
# Needs Xvfb (apt-get install -y xvfb). Prints each run and the median in ms.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
cargo build --release --quiet
display=:87
Xvfb $display -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb' EXIT
sleep 1
home=$(mktemp -d)   # no remembered window or view: a first start
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%3N)
  out=$(DISPLAY=$display HOME=$home XDG_DATA_HOME=$home ARMISTICE_STARTUP_REPORT=1 ./target/release/armistice)
  painted=$(sed -n 's/^first-frame-painted-unix-ms //p' <<<"$out")
  times+=($((painted - start)))
done
printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' '
echo
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median ms:", a[int((NR+1)/2)]}'
