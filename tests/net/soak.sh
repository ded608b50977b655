#!/usr/bin/env bash
# The soak: the real binary headless through a simulated week at an accelerated clock, following a
# channel on nginx (loopback) where a new version is published every simulated hour. Anonymous
# memory is sampled every simulated hour: the last two days' medians are within 2 MB of the first
# two days';
# the open files and threads at the end are as after the first hour; and every slide the schedule
# has for each day was shown (compared with the same bundle played through the week in simulated
# time).
# Usage: soak.sh KIOSK KIOSK_PACK SOURCE_DIR
# SOAK_HOURS (168), SOAK_SPEED (at most 20000 times real time) and SOAK_SAMPLES (a CSV to keep)
# change it; bench/soak.sh runs it for longer, in real time.
#
# The script drives the display's clock (--step-clock): simulated time runs at SOAK_SPEED up to
# the next hour and stops there until the script has sampled memory and published the next
# version; it also stands still while a poster decodes, as a screenshot's does. Every few hours
# the script waits for a version published in the last four to be active. So a slower or busier
# machine makes the week take longer, never play differently: nothing races the wall clock.
#
# The display starts SOAK_LEAD_HOURS (12) before the week, as one installed the day before would:
# the first hour of the week, not of the process, is the baseline (the process's own first hour
# holds the first decode of every poster). The process's own first hour is printed too.
set -uo pipefail
kiosk=$1
pack=$2
src=$3
hours=${SOAK_HOURS:-168}
speed=${SOAK_SPEED:-20000}
lead=${SOAK_LEAD_HOURS:-12}
week_start=2020-11-08T00:00:00+08:00
start_epoch=$(($(date -d "$week_start" +%s) - lead * 3600))
hour_time() { date -u -d "@$((start_epoch + $1 * 3600 + ${2:-0}))" +%Y-%m-%dT%H:%M:%SZ; } # HOUR [SECONDS]
work=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
kiosk_pid=""
cleanup() {
    [[ -n $kiosk_pid ]] && kill "$kiosk_pid" 2>/dev/null && wait "$kiosk_pid" 2>/dev/null
    bash "$here/nginx.sh" stop "$work/nginx" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
python=$(command -v python3 || echo /usr/bin/python3)

webroot="$work/www"
mkdir -p "$webroot"
"$pack" keygen "$work/key" >/dev/null 2>&1 || fail "keygen"
port=$(bash "$here/nginx.sh" start "$work/nginx" "$webroot") || fail "nginx did not start"
cp -r "$src/tools/sample/source" "$work/source"
poster="$work/source/posters/pilot-competition.png"
cp "$poster" "$work/poster.png"

# Version N: the sample week with one poster changed (bytes after a PNG's end are ignored by
# decoders), so every version brings one new object and the store has something to clean up.
publish() { # N
    sed -i "s/^version = .*/version = $1/" "$work/source/settings.ini"
    { cat "$work/poster.png"; printf 'version-%s' "$1"; } >"$poster"
    rm -rf "$work/bundle"
    "$pack" build "$work/source" "$work/bundle" >/dev/null 2>"$work/pack.err" || { cat "$work/pack.err" >&2; fail "build v$1"; }
    "$pack" publish "$work/bundle" "$webroot" --channel soak --key "$work/key" >/dev/null 2>"$work/pack.err" ||
        { cat "$work/pack.err" >&2; fail "publish v$1"; }
}

publish 1
cp -r "$work/bundle" "$work/bundle-1"
cat >"$work/display.json" <<JSON
{"display_id": "soak-1", "server": "http://127.0.0.1:$port/", "channel": "soak",
 "trusted_keys": ["$(cat "$work/key.pub")"], "poll_interval_s": 1, "cache_dir": "$work/cache", "cache_max_mb": 16,
 "play_log_dir": "$work/play"}
JSON

# The display was installed and had synced before the week: its store holds version 1 (the first
# download of every object is not part of a week of running).
"$kiosk" --config "$work/display.json" --content "$work/bundle-1" --headless --size 640x360 --polls 1 --run-for 120 \
    >/dev/null 2>"$work/first.log" || { cat "$work/first.log" >&2; fail "the first sync failed"; }
grep -q "version 1 is active" "$work/first.log" || { cat "$work/first.log" >&2; fail "version 1 was not synced"; }

total=$((lead + hours))
# The clock stops at each hour the script gives on the pipe; the run ends a minute after the last.
mkfifo "$work/steps"
"$kiosk" --config "$work/display.json" --content "$work/bundle-1" --headless --size 640x360 \
    --clock "$(hour_time 0)" --speed "$speed" --step-clock --run-until "$(hour_time "$total" 60)" --run-for 3000 \
    <"$work/steps" >"$work/out" 2>"$work/log" &
kiosk_pid=$!
exec 3>"$work/steps"
steps=0
# Lets simulated time run on to hour H; arrive waits until the display is there.
run_to() { # H
    echo "$(hour_time "$1")" >&3
    steps=$((steps + 1))
}
arrive() { # H
    while (($(grep -c '^clock at' "$work/out") < steps)); do
        kill -0 "$kiosk_pid" 2>/dev/null || { tail -20 "$work/log" >&2; fail "the kiosk died before hour $1"; }
        sleep 0.01
    done
}
# Waits (a guard of two minutes against a hang) until version V or a newer one is active.
wait_active() { # V
    local end=$((SECONDS + 120))
    while (($(cat "$work/cache/current" 2>/dev/null || echo 0) < $1)); do
        ((SECONDS < end)) || { tail -20 "$work/log" >&2; fail "version $1 was not active by hour $h"; }
        sleep 0.02
    done
}

# One sample into s_rss (kB), s_threads, s_fds. Anonymous memory (heap, mapped buffers, stacks):
# what a leak grows. Pages of shared libraries touched for the first time later in the week (a
# decoder's code) are not counted. Read with the shell's builtins: sampling costs no processes.
sample() {
    local key value rest tasks fds
    s_rss=""
    while read -r key value rest; do
        [[ $key == RssAnon: ]] && s_rss=$value && break
    done <"/proc/$kiosk_pid/status" 2>/dev/null
    [[ -n $s_rss ]] || return 1
    tasks=("/proc/$kiosk_pid/task/"*)
    fds=("/proc/$kiosk_pid/fd/"*)
    s_threads=${#tasks[@]}
    s_fds=${#fds[@]}
}

# The quietest of 25 samples over half a second, column by column: a decode (a full-size poster is
# 8 MB for a moment) or a download in flight holds buffers, two transfer threads and their sockets
# for a moment. Used for the first hour and the end alike. Prints "hour,rss_kb,threads,fds".
mkfifo "$work/tick"
exec 4<>"$work/tick" # Nothing is ever written: a read with a timeout is a sleep without a process.
quiet_sample() { # HOUR [SAMPLES]
    local i r="" t="" f=""
    for ((i = 0; i < ${2:-25}; i++)); do
        if sample; then
            [[ -z $r || $s_rss -lt $r ]] && r=$s_rss
            [[ -z $t || $s_threads -lt $t ]] && t=$s_threads
            [[ -z $f || $s_fds -lt $f ]] && f=$s_fds
        fi
        read -r -t 0.02 -u 4 _
    done
    [[ -n $r ]] || return 1
    echo "$1,$r,$t,$f"
}

echo "hour,anon_kb,threads,fds" >"$work/samples.csv"
run_to 1
for ((h = 1; h < total; h++)); do
    # Simulated hour h: the display has had the version published in the hour before for a while.
    arrive "$h"
    if ((h == 1 || h == lead + 1)); then
        quiet_sample "$h" >>"$work/samples.csv"
    else
        quiet_sample "$h" 5 >>"$work/samples.csv"
    fi
    # A new version reaches the display at least every four hours (version h-2 was published in
    # hour h-3).
    ((h % 4 == 0)) && wait_active $((h - 2))
    # The next hour plays while its version is published.
    run_to $((h + 1))
    publish $((h + 1))
done
arrive "$total"
wait_active "$total"
last=$(quiet_sample "$total") || fail "the kiosk is gone before the end"
echo "$last" >>"$work/samples.csv"
exec 3>&- # The end of the steps: the display plays its last minute and stops by itself.
wait "$kiosk_pid"
status=$?
kiosk_pid=""
[[ $status == 0 ]] || { tail -20 "$work/log" >&2; fail "the kiosk exited $status"; }
[[ -n ${SOAK_SAMPLES:-} ]] && cp "$work/samples.csv" "$SOAK_SAMPLES"

process_first=$(awk -F, '$1 == 1' "$work/samples.csv" | cut -d, -f2)
first=$(awk -F, -v h=$((lead + 1)) '$1 == h' "$work/samples.csv")
IFS=, read -r _ rss1 threads1 fds1 <<<"$first"
IFS=, read -r _ rss2 threads2 fds2 <<<"$last"
# What the caches hold at a given moment depends on which slides were drawn in the last simulated
# hour: a single sample swings by a few MB either way, and each day of the week has its own
# posters and boards (the launch day's hold about 1.5 MB less than the others'). A leak raises
# every day above the ones before it, so the lower of the last two days' medians is compared with
# the higher of the first two days'.
median() { awk -F, -v a="$1" -v b="$2" 'NR > 1 && $1 >= a && $1 <= b { print $2 }' "$work/samples.csv" | sort -n |
           awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
day1=$(median $((lead + 1)) $((lead + 24)))
day2=$(median $((lead + 25)) $((lead + 48)))
floor1=$((day1 > day2 ? day1 : day2))
day6=$(median $((total - 47)) $((total - 24)))
day7=$(median $((total - 23)) "$total")
floor2=$((day6 < day7 ? day6 : day7))
peak=$(awk -F, -v h=$((lead + 1)) 'NR > 1 && $1 >= h && $2 > m { m = $2 } END { print m }' "$work/samples.csv")
versions=$(grep -c "now showing bundle" "$work/log")
echo "anonymous memory: after the first hour of the week ${rss1} kB, at its end ${rss2} kB;" \
     "median of the first two days ${day1} and ${day2} kB, of the last two ${day6} and ${day7} kB; peak ${peak} kB;" \
     "after the process's first hour ${process_first} kB;" \
     "threads ${threads1} -> ${threads2}; open files ${fds1} -> ${fds2}; versions shown: $versions"
((floor2 - floor1 <= 2048)) || fail "memory grew by $((floor2 - floor1)) kB from the first two days to the last two (more than 2 MB)"
((threads2 == threads1)) || fail "threads: $threads1 after the first hour, $threads2 at the end"
((fds2 == fds1)) || fail "open files: $fds1 after the first hour, $fds2 at the end"
((versions >= hours / 4)) || fail "only $versions versions reached the screen"
grep -q "version $total is active" "$work/log" || fail "the last version ($total) never became active"

# Every (day, slide) the schedule has was shown: the last version, played through the same period
# in simulated time, is the reference.
after=$((hours * 3600))
"$kiosk" --content "$work/bundle" --size 640x360 --clock "$week_start" --after "$after" \
    --screenshot "$work/ref.png" --play-log "$work/ref" --display-id soak-1 >/dev/null 2>"$work/ref.log" ||
    { cat "$work/ref.log" >&2; fail "the reference run failed"; }
"$pack" report "$work/ref" | awk -F, 'NR > 1 && $3 != "TOTAL" { print $1 "," $3 }' | sort -u >"$work/ref.pairs"
"$pack" report "$work/play" | awk -F, 'NR > 1 && $3 != "TOTAL" { print $1 "," $3 }' | sort -u >"$work/soak.pairs"
missing=$(comm -23 "$work/ref.pairs" "$work/soak.pairs")
echo "scheduled (day, slide) pairs: $(wc -l <"$work/ref.pairs"), shown: $(comm -12 "$work/ref.pairs" "$work/soak.pairs" | wc -l)"
[[ -z $missing ]] || fail "scheduled but never shown: $(echo $missing)"
echo "PASS: soak"
