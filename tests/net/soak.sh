#!/usr/bin/env bash
# The soak: the real binary headless through a simulated week at an accelerated clock, following a
# channel on nginx (loopback) where a new version is published every simulated hour. Anonymous
# memory is sampled every simulated hour: the last day's median is within 2 MB of the first day's;
# the open files and threads at the end are as after the first hour; and every slide the schedule
# has for each day was shown (compared with the same bundle played through the week in simulated
# time).
# Usage: soak.sh KIOSK KIOSK_PACK SOURCE_DIR
# SOAK_HOURS (168), SOAK_SPEED (6720: a week in 90 s) and SOAK_SAMPLES (a CSV to keep) change it;
# bench/soak.sh runs it for longer, in real time.
#
# The display starts SOAK_LEAD_HOURS (12) before the week, as one installed the day before would:
# at 6720x a simulated hour lasts half a second of real time, less than the warm-up that real time
# governs (every poster decoded once, the first download and switch), so the first hour of the
# week, not of the process, is the baseline. The process's own first hour is printed too.
set -uo pipefail
kiosk=$1
pack=$2
src=$3
hours=${SOAK_HOURS:-168}
speed=${SOAK_SPEED:-6720}
lead=${SOAK_LEAD_HOURS:-12}
week_start=2020-11-08T00:00:00+08:00
start_clock=$(date -u -d "@$(($(date -d "$week_start" +%s) - lead * 3600 + 8 * 3600))" +%Y-%m-%dT%H:%M:%S+08:00)
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
"$kiosk" --config "$work/display.json" --content "$work/bundle-1" --headless --size 640x360 --run-for 3 \
    >/dev/null 2>"$work/first.log" || { cat "$work/first.log" >&2; fail "the first sync failed"; }
grep -q "version 1 is active" "$work/first.log" || { cat "$work/first.log" >&2; fail "version 1 was not synced"; }

total=$((lead + hours))
run_for=$(awk -v h="$total" -v s="$speed" 'BEGIN { printf "%.3f", h * 3600 / s + 2 }')
"$kiosk" --config "$work/display.json" --content "$work/bundle-1" --headless --size 640x360 \
    --clock "$start_clock" --speed "$speed" --run-for "$run_for" >"$work/out" 2>"$work/log" &
kiosk_pid=$!
t0=$(date +%s%N)

sample() { # HOUR → "hour,rss_kb,threads,fds"
    local rss threads fds
    # Anonymous memory (heap, mapped buffers, stacks): what a leak grows. Pages of shared
    # libraries touched for the first time later in the week (a decoder's code) are not counted.
    rss=$(awk '/^RssAnon:/ {print $2}' "/proc/$kiosk_pid/status" 2>/dev/null) || return 1
    threads=$(ls "/proc/$kiosk_pid/task" 2>/dev/null | wc -l)
    fds=$(ls "/proc/$kiosk_pid/fd" 2>/dev/null | wc -l)
    [[ -n $rss ]] || return 1
    echo "$1,$rss,$threads,$fds"
}

# The quietest of 25 samples over half a second, column by column: a decode (a full-size poster is
# 8 MB for a moment) or a download in flight holds buffers, two transfer threads and their sockets
# for a moment. Used for the first hour and the end alike.
quiet_sample() { # HOUR [SAMPLES]
    for _ in $(seq 1 "${2:-25}"); do
        sample "$1"
        sleep 0.02
    done | awk -F, 'NR == 1 || $2 < r { r = $2 } NR == 1 || $3 < t { t = $3 } NR == 1 || $4 < f { f = $4 }
                    END { if (NR) print $1 "," r "," t "," f; else exit 1 }'
}

echo "hour,anon_kb,threads,fds" >"$work/samples.csv"
for ((h = 1; h < total; h++)); do
    # Just before simulated hour h: the display has had the previous version for a while.
    due=$((t0 + h * 3600 * 1000000000 / speed))
    now=$(date +%s%N)
    ((due > now)) && sleep "$(awk -v d=$((due - now)) 'BEGIN { printf "%.3f", d / 1e9 }')"
    kill -0 "$kiosk_pid" 2>/dev/null || { cat "$work/log" >&2; fail "the kiosk died in hour $h"; }
    if ((h == 1 || h == lead + 1)); then
        quiet_sample "$h" >>"$work/samples.csv"
    else
        quiet_sample "$h" 5 >>"$work/samples.csv"
    fi
    publish $((h + 1))
done
last=$(quiet_sample "$total") || fail "the kiosk is gone before the end"
echo "$last" >>"$work/samples.csv"
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
# hour, half a second of real time here: a single sample swings by a few MB either way. A leak
# raises every sample, so the medians of the first and the last simulated day are compared.
median() { awk -F, -v a="$1" -v b="$2" 'NR > 1 && $1 >= a && $1 <= b { print $2 }' "$work/samples.csv" | sort -n |
           awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
floor1=$(median $((lead + 1)) $((lead + 24)))
floor2=$(median $((total - 23)) "$total")
peak=$(awk -F, -v h=$((lead + 1)) 'NR > 1 && $1 >= h && $2 > m { m = $2 } END { print m }' "$work/samples.csv")
versions=$(grep -c "now showing bundle" "$work/log")
echo "anonymous memory: after the first hour of the week ${rss1} kB, at its end ${rss2} kB;" \
     "median of the first day ${floor1} kB, of the last day ${floor2} kB; peak ${peak} kB;" \
     "after the process's first hour ${process_first} kB;" \
     "threads ${threads1} -> ${threads2}; open files ${fds1} -> ${fds2}; versions shown: $versions"
((floor2 - floor1 <= 2048)) || fail "memory grew by $((floor2 - floor1)) kB from the first day to the last (more than 2 MB)"
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
