#!/usr/bin/env bash
# Configures and builds into build/ (or $1), sanitizers on when KIOSK_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} -DKIOSK_SANITIZE=${KIOSK_SANITIZE:-OFF} -DKIOSK_TESTS=${KIOSK_TESTS:-ON} >/dev/null
cmake --build "$dir" -j "$(nproc)"
