#!/usr/bin/env bash
# The real binary talking to a stand-in for systemd's notification socket: readiness, status,
# watchdog pings while frames are presented, none once the main loop is frozen (by the test-only
# fault switch), STOPPING at exit. Usage: service_e2e.sh KIOSK SOURCE_DIR CASE
set -uo pipefail
kiosk=$1
src=$2
case_name=$3
work=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f $work/notify.log ]] && tail -20 "$work/notify.log" >&2; [[ -f $work/err ]] && tail -20 "$work/err" >&2; exit 1; }
python=$(command -v python3 || echo /usr/bin/python3)

"$python" "$here/notify_listen.py" "$work/notify.sock" "$work/notify.log" &
pids+=($!)
for _ in $(seq 1 600); do [[ -S $work/notify.sock ]] && break; sleep 0.1; done
[[ -S $work/notify.sock ]] || fail "the stand-in socket did not come up"

# A still screen: one poster for an hour (only the clock's minute changes).
mkdir -p "$work/b/posters"
cp "$src/content/posters/epidemic.png" "$work/b/posters/"
cat >"$work/b/manifest.json" <<JSON
{"schema_version": 1, "bundle_version": 4, "time_zone": {"name": "Asia/Shanghai", "utc_offset": "+08:00"},
 "theme": {"header": "2020年潍坊市职业教育活动周"},
 "assets": {"posters/epidemic.png": {"sha256": "$(sha256sum "$work/b/posters/epidemic.png" | cut -d' ' -f1)", "size": $(stat -c %s "$work/b/posters/epidemic.png"), "type": "image/png"}},
 "slides": [{"id": "rules", "kind": "image", "asset": "posters/epidemic.png", "duration_s": 3600}],
 "playlist": ["rules"]}
JSON

# The longest gap between pings in [A, B).
longest_gap() {
    awk -v a="$1" -v b="$2" '$2 == "WATCHDOG=1" && $1 >= a && $1 < b { if (last) { g = $1 - last; if (g > max) max = g } last = $1 } END { print max + 0 }' "$work/notify.log"
}

case $case_name in
watchdog-frozen-loop)
    # WatchdogSec=3: a frame at least every 750 ms and a ping after it, even on a still screen.
    NOTIFY_SOCKET="$work/notify.sock" WATCHDOG_USEC=3000000 KIOSK_FAULT_FREEZE_FILE="$work/freeze" \
        "$kiosk" --content "$work/b" --headless --size 320x180 --run-for 300 >"$work/out" 2>"$work/err" &
    kiosk_pid=$!
    pids+=($kiosk_pid)
    # Events, not times: READY, then pings (a guard of a minute against a hang).
    for _ in $(seq 1 600); do (($(grep -c "WATCHDOG=1" "$work/notify.log") >= 4)) && break; sleep 0.1; done
    grep -q "READY=1" "$work/notify.log" || fail "no READY=1"
    grep -q "STATUS=showing bundle 4" "$work/notify.log" || fail "no STATUS line"
    running=$(grep -c "WATCHDOG=1" "$work/notify.log")
    ((running >= 4)) || fail "only $running pings with a 3 s watchdog"
    touch "$work/freeze"
    for _ in $(seq 1 600); do grep -q "STATUS=main loop frozen" "$work/notify.log" && break; sleep 0.1; done
    grep -q "STATUS=main loop frozen" "$work/notify.log" || fail "the freeze was not said"
    # Longer than the timeout with the loop frozen: no ping after the loop said it froze.
    sleep 3.5
    frozen_at=$(awk '/STATUS=main loop frozen/ { print $1; exit }' "$work/notify.log")
    gap=$(longest_gap 0 "$frozen_at")
    after=$(awk 'f && $2 == "WATCHDOG=1" { n++ } /STATUS=main loop frozen/ { f = 1 } END { print n + 0 }' "$work/notify.log")
    echo "pings while running: $running (longest gap $gap ms); after the freeze: $after"
    # The ping rule keeps them a quarter of the timeout apart (750 ms); systemd's limit is 3 s.
    ((gap < 3000)) || fail "a gap of $gap ms between pings: systemd would have restarted a working kiosk"
    ((after == 0)) || fail "$after pings after the main loop froze"
    grep -q "the main loop is frozen" "$work/err" || fail "the freeze was not logged"
    kill -0 "$kiosk_pid" 2>/dev/null || fail "the frozen kiosk exited by itself"
    # What systemd does on a missed ping: SIGABRT.
    kill -ABRT "$kiosk_pid"
    wait "$kiosk_pid" 2>/dev/null
    ;;
notify-lifecycle)
    # Without a watchdog: READY once the first frame is up, STOPPING at a clean exit, no pings,
    # and the switch unarmed by default.
    NOTIFY_SOCKET="$work/notify.sock" "$kiosk" --content "$work/b" --headless --size 320x180 --run-for 1.5 \
        >"$work/out" 2>"$work/err" || fail "kiosk failed"
    # The listener writes what it received (the kiosk has exited: everything was sent).
    for _ in $(seq 1 100); do grep -q "STOPPING=1" "$work/notify.log" && break; sleep 0.1; done
    [[ $(grep -c "READY=1" "$work/notify.log") == 1 ]] || fail "READY=1 not sent exactly once"
    grep -q "STOPPING=1" "$work/notify.log" || fail "no STOPPING=1"
    ! grep -q "WATCHDOG=1" "$work/notify.log" || fail "pings without a watchdog"
    ! grep -q "fault switch" "$work/err" || fail "the fault switch is armed by default"
    # A WATCHDOG_PID of another process: its watchdog is not ours.
    NOTIFY_SOCKET="$work/notify.sock" WATCHDOG_USEC=1000000 WATCHDOG_PID=1 "$kiosk" --content "$work/b" \
        --headless --size 320x180 --run-for 1.5 >"$work/out" 2>"$work/err" || fail "kiosk failed"
    ! grep -q "WATCHDOG=1" "$work/notify.log" || fail "pinged a watchdog meant for another process"
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
echo "PASS: $case_name"
