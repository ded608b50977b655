#!/usr/bin/env bash
# Configures and builds into build/ (or $1), sanitizers on when KIOSK_SANITIZE=ON.
# DEBUG_INFO=1 keeps only line tables (enough for a stack trace, and quicker to compile:
# tools/run-tests), 2 (the default) full debug information. KIOSK_UNITY_TESTS=ON compiles each test
# program's sources in batches, KIOSK_UNITY=ON every target's (tools/run-tests: docs/ci.md).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
g=-g${DEBUG_INFO:-2}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} -DKIOSK_SANITIZE=${KIOSK_SANITIZE:-OFF} -DKIOSK_TESTS=${KIOSK_TESTS:-ON} \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 $g -DNDEBUG" "-DCMAKE_CXX_FLAGS_DEBUG=$g" -DKIOSK_UNITY_TESTS=${KIOSK_UNITY_TESTS:-OFF} \
    -DCMAKE_UNITY_BUILD=${KIOSK_UNITY:-OFF} >/dev/null
cmake --build "$dir" -j "$(nproc)"
