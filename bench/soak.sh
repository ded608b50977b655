#!/usr/bin/env bash
# A longer soak for manual runs: the same scenario as the CI soak (tests/net/soak.sh: nginx on
# loopback, a new version every simulated hour, memory, threads and open files sampled every hour,
# every scheduled slide checked), at a slower clock or in real time, with the samples kept.
#   bench/soak.sh [HOURS] [SPEED] [SAMPLES.csv]
#   bench/soak.sh 168 600               # a week in 17 minutes
#   bench/soak.sh 24 1 soak-day.csv     # a day in real time
# Prints the memory after the first hour, at the end and at its peak, and the samples' file.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
hours=${1:-168}
speed=${2:-600}
samples=${3:-$PWD/soak-samples.csv}
build=${BUILD_DIR:-$here/build}
[[ -x $build/kiosk/app/kiosk ]] || { echo "build first: tools/build.sh build" >&2; exit 1; }
echo "soak: $hours simulated hours at ${speed}x ($(awk -v h="$hours" -v s="$speed" 'BEGIN { printf "%.1f", h / s }') hours of real time)"
SOAK_HOURS=$hours SOAK_SPEED=$speed SOAK_SAMPLES=$samples \
    bash "$here/tests/net/soak.sh" "$build/kiosk/app/kiosk" "$build/tools/kiosk-pack/kiosk-pack" "$here"
echo "samples (hour, anonymous kB, threads, open files): $samples"
