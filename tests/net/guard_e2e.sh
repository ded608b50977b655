#!/usr/bin/env bash
# One bad slide never blacks out a board: a display that dies inside one slide twice skips it on
# its third start and plays the rest. Usage: guard_e2e.sh KIOSK KIOSK_PACK SOURCE_DIR
set -uo pipefail
kiosk=$1
pack=$2
src=$3
work=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
cleanup() {
    bash "$here/nginx.sh" stop "$work/nginx" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

webroot="$work/www"
mkdir -p "$webroot" "$work/src/notices"
"$pack" keygen "$work/key" >/dev/null 2>&1 || fail "keygen"
port=$(bash "$here/nginx.sh" start "$work/nginx" "$webroot") || fail "nginx did not start"

# Three notices, the second of which the test hook makes the program die in.
{
    printf '[bundle]\nversion = 1\ntime_zone = Asia/Shanghai +08:00\n\n[theme]\nheader = 2020年潍坊市职业教育活动周\n\n'
    for id in first bad last; do
        printf '# %s\n\n通知正文 %s。\n' "$id" "$id" >"$work/src/notices/$id.md"
        printf '[slide %s]\nnotice = notices/%s.md\nduration = 2\n\n' "$id" "$id"
    done
    printf '[playlist]\norder = first, bad, last\n'
} >"$work/src/settings.ini"
"$pack" build "$work/src" "$work/bundle" 2>"$work/pack.err" || { cat "$work/pack.err" >&2; fail "build"; }
"$pack" publish "$work/bundle" "$webroot" --channel hall-a --key "$work/key" 2>"$work/pack.err" ||
    { cat "$work/pack.err" >&2; fail "publish"; }
cat >"$work/display.json" <<JSON
{"display_id": "hall-a-1", "server": "http://127.0.0.1:$port/", "channel": "hall-a",
 "trusted_keys": ["$(cat "$work/key.pub")"], "poll_interval_s": 1, "cache_dir": "$work/cache",
 "play_log_dir": "$work/play"}
JSON

# The first start takes the channel's version; then every start plays it from the store, ten times
# faster than real time, until it dies or --run-for (a guard against a hang) ends it.
run() { # N
    KIOSK_FAULT_CRASH_SLIDE=${2:-} "$kiosk" --config "$work/display.json" --headless --size 640x360 \
        --clock 2020-11-09T10:00:00+08:00 --speed 10 --run-for "$3" >"$work/out$1" 2>"$work/log$1"
    echo $? >"$work/status$1"
}
run 0 "" 60 &
# Wait for the version to be active, however long that takes, then stop that start.
for _ in $(seq 1 600); do
    [[ -s $work/cache/current ]] && grep -q "now showing bundle 1" "$work/log0" 2>/dev/null && break
    sleep 0.1
done
pkill -TERM -f -- "--config $work/display.json" 2>/dev/null
wait
[[ -s $work/cache/current ]] || { cat "$work/log0" >&2; fail "version 1 never became active"; }

for n in 1 2; do
    run $n bad 120
    [[ $(cat "$work/status$n") == 134 ]] || { cat "$work/log$n" >&2; fail "start $n: exit $(cat "$work/status$n"), expected an abort inside slide bad"; }
    grep -q "crashing on purpose" "$work/log$n" || { cat "$work/log$n" >&2; fail "start $n did not die in slide bad"; }
done
grep -q "the last run ended inside slide bad (1 time)" "$work/log2" || { cat "$work/log2" >&2; fail "the second start did not count the first death"; }

# The third start skips the slide, says so once, and plays the others; it would abort if it
# entered the slide.
rm -rf "$work/play"
run 3 bad 6
[[ $(cat "$work/status3") == 0 ]] || { cat "$work/log3" >&2; fail "third start: exit $(cat "$work/status3")"; }
[[ $(grep -c "slide bad is skipped" "$work/log3") == 1 ]] || { cat "$work/log3" >&2; fail "the skip is not logged once"; }
plays=$(cat "$work"/play/* 2>/dev/null)
grep -q ",first," <<<"$plays" || { echo "$plays" >&2; fail "slide first was not played"; }
grep -q ",last," <<<"$plays" || { echo "$plays" >&2; fail "slide last was not played"; }
! grep -q ",bad," <<<"$plays" || fail "slide bad was played"
# A new version tries the slide again.
sed -i 's/^version = 1/version = 2/' "$work/src/settings.ini"
"$pack" build "$work/src" "$work/bundle2" 2>/dev/null || fail "build v2"
"$pack" publish "$work/bundle2" "$webroot" --channel hall-a --key "$work/key" 2>/dev/null || fail "publish v2"
run 4 "" 60 &
for _ in $(seq 1 600); do
    grep -q "now showing bundle 2" "$work/log4" 2>/dev/null && break
    sleep 0.1
done
pkill -TERM -f -- "--config $work/display.json" 2>/dev/null
wait
grep -q "now showing bundle 2" "$work/log4" || { cat "$work/log4" >&2; fail "version 2 never came"; }
grep -q '"bundle": *"channel hall-a version 2"' "$work/cache/slide-guard.json" ||
    { cat "$work/cache/slide-guard.json" >&2; fail "the guard still speaks of version 1"; }
grep -q '"bad"' "$work/cache/slide-guard.json" && { cat "$work/cache/slide-guard.json" >&2; fail "version 2 inherited the deaths of version 1"; }
echo "ok"
