#!/usr/bin/env bash
# Remote refresh against a real nginx on loopback. Usage: sync_e2e.sh KIOSK KIOSK_PACK SOURCE_DIR CASE
set -uo pipefail
kiosk=$1
pack=$2
src=$3
case_name=$4
work=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
cleanup() {
    bash "$here/nginx.sh" stop "$work/nginx" 2>/dev/null
    mountpoint -q "$work/small" 2>/dev/null && umount "$work/small"
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

webroot="$work/www"
mkdir -p "$webroot"
"$pack" keygen "$work/key" >/dev/null 2>&1 || fail "keygen"
"$pack" keygen "$work/other" >/dev/null 2>&1 || fail "keygen"
port=$(bash "$here/nginx.sh" start "$work/nginx" "$webroot") || fail "nginx did not start"
access="$work/nginx/access.log"

# A source folder of fifty posters; poster CHANGED (if given) has other bytes.
make_source() { # DIR VERSION [CHANGED] [SALT]
    local dir=$1 version=$2 changed=${3:-0} salt=${4:-} i
    rm -rf "$dir"
    mkdir -p "$dir/posters"
    {
        printf '[bundle]\nversion = %s\ntime_zone = Asia/Shanghai +08:00\ncreated = 2020-11-07 18:00\n\n' "$version"
        printf '[theme]\nheader = 2020年潍坊市职业教育活动周 · 人人出彩，技能强国\n\n'
        for i in $(seq 1 50); do
            printf '[slide p%d]\nposter = posters/p%d.png\nduration = 2\n\n' "$i" "$i"
        done
        printf '[playlist]\norder = %s\n' "$(seq -s, -f 'p%g' 1 50)"
    } >"$dir/settings.ini"
    for i in $(seq 1 50); do
        # Bytes after a PNG's end are ignored by decoders: fifty distinct objects from one image.
        { cat "$src/tools/sample/source/posters/epidemic.png"; printf 'poster-%d%s' "$i" "$salt"; } >"$dir/posters/p$i.png"
    done
    if ((changed > 0)); then
        { cat "$src/tools/sample/source/posters/epidemic.png"; printf 'changed-%d' "$changed"; } >"$dir/posters/p$changed.png"
    fi
}

publish() { # SOURCE VERSION [CHANGED] [KEY] [SALT]
    make_source "$work/src-$2" "$2" "${3:-0}" "${5:-}"
    "$pack" build "$work/src-$2" "$work/bundle-$2" --now 2020-11-07T18:00:00+08:00 2>"$work/pack.err" || { cat "$work/pack.err" >&2; fail "build v$2"; }
    "$pack" publish "$work/bundle-$2" "$webroot" --channel hall-a --key "${4:-$work/key}" 2>"$work/pack.err" || { cat "$work/pack.err" >&2; fail "publish v$2"; }
}

config() { # [CACHE] [CHANNEL] [SERVER-PATH] [EXTRA-JSON]
    cat >"$work/display.json" <<JSON
{"display_id": "hall-a-1", "tags": ["hall-a"], "server": "http://127.0.0.1:$port/${3:-}", "channel": "${2:-hall-a}",
 "trusted_keys": ["$(cat "$work/key.pub")"], "poll_interval_s": 1, "cache_dir": "${1:-$work/cache}", "cache_max_mb": 64
 ${4:-}}
JSON
}

# Runs the display until the channel was polled POLLS times and what came is on screen: no test
# waits a fixed time for the network (--run-for only guards against a hang).
run_kiosk() { # POLLS
    "$kiosk" --config "$work/display.json" --content "$work/none" --headless --size 320x180 --polls "$1" \
        --run-for 150 >"$work/out" 2>"$work/log"
    local status=$?
    [[ $status == 0 ]] || { cat "$work/log" >&2; fail "kiosk exited $status"; }
}

active_version() { cat "$work/cache/current" 2>/dev/null | tr -d '\n'; }
expect_log() { grep -qF -- "$1" "$work/log" || { cat "$work/log" >&2; fail "the log lacks: $1"; }; }

# The store holds only complete, verified objects, and the active manifest names only those.
check_store() {
    local cache=$1 f v
    for f in "$cache"/objects/*; do
        [[ -e $f ]] || continue
        [[ $(sha256sum "$f" | cut -d' ' -f1) == "$(basename "$f")" ]] || fail "corrupt object $(basename "$f")"
    done
    v=$(cat "$cache/current" 2>/dev/null | tr -d '\n')
    [[ -z $v ]] && return 0
    [[ -f $cache/manifests/$v.json && -f $cache/manifests/$v.json.sig ]] || fail "active version $v has no manifest"
    for sha in $(grep -o '"sha256": "[0-9a-f]*"' "$cache/manifests/$v.json" | cut -d'"' -f4); do
        [[ -f $cache/objects/$sha ]] || fail "active version $v lacks object $sha"
    done
}

# v1 synced, as the start of most cases.
start_with_v1() {
    publish src 1
    config
    run_kiosk 1
    [[ $(active_version) == 1 ]] || { cat "$work/log" >&2; fail "v1 was not activated"; }
    expect_log "version 1 is active"
}

# After a fault: the last good version is still active and on screen, and a line says why.
expect_refused() { # WHY
    run_kiosk 1
    expect_log "$1"
    [[ $(active_version) == 1 ]] || fail "the active version changed to $(active_version)"
    expect_log "showing stored version 1"
    check_store "$work/cache"
}

# A bundle with one results board, and a feed CSV.
results_bundle() {
    mkdir -p "$work/rsrc"
    printf '[bundle]\nversion = 1\ntime_zone = Asia/Shanghai +08:00\n\n[theme]\nheader = 技能大赛成绩\n\n' >"$work/rsrc/settings.ini"
    printf '[results]\nfile = results.csv\n\n[slide board]\nresults = 数控车加工\nduration = 60\n\n[playlist]\norder = board\n' >>"$work/rsrc/settings.ini"
    printf '赛项,学校,选手,成绩\n数控车加工,潍坊职业学院,选手01,80\n' >"$work/rsrc/results.csv"
    "$pack" build "$work/rsrc" "$work/rbundle" 2>"$work/pack.err" || { cat "$work/pack.err" >&2; fail "build"; }
    "$pack" publish "$work/rbundle" "$webroot" --channel hall-a --key "$work/key" 2>/dev/null || fail "publish"
}

feed_csv() { # SCORE-A SCORE-B
    printf '赛项,学校,选手,成绩,奖项,决赛\n数控车加工,潍坊职业学院,选手01,%s,,否\n数控车加工,潍坊科技学院,选手02,%s,,否\n' "$1" "$2" >"$work/feed.csv"
}

publish_feed() {
    "$pack" results "$work/feed.csv" "$webroot" --channel hall-a --key "${1:-$work/key}" 2>"$work/pack.err" ||
        { cat "$work/pack.err" >&2; fail "kiosk-pack results"; }
}

# The display in the background until stop_kiosk; waits are for what it logs, never for a time.
start_kiosk_bg() {
    "$kiosk" --config "$work/display.json" --content "$work/none" --headless --size 320x180 --run-for 150 \
        >"$work/out" 2>"$work/log" &
    kiosk_pid=$!
}

# Stops it as systemd does; it must exit cleanly.
stop_kiosk() {
    kill -TERM "$kiosk_pid" 2>/dev/null
    wait "$kiosk_pid" || { cat "$work/log" >&2; fail "kiosk failed"; }
}

# Until the log says TEXT (COUNT times); the limit is only a guard against a hang.
wait_for_log() { # TEXT [COUNT]
    local end=$((SECONDS + 90))
    while ((SECONDS < end)); do
        (($(grep -cF -- "$1" "$work/log") >= ${2:-1})) && return 0
        sleep 0.05
    done
    cat "$work/log" >&2
    fail "the log never said: $1"
}

ms_now() { date +%s%3N; }
# Milliseconds since the epoch of an ISO time the kiosk logged (UTC, with milliseconds).
ms_of() { date -d "$1" +%s%3N; }

results_config() {
    config "$work/cache" hall-a "" ', "results_poll_s": 1, "results_lost_after_s": 2'
}

case $case_name in
results-latency)
    results_bundle
    results_config
    start_kiosk_bg
    wait_for_log "now showing bundle 1"
    # Publish, then change and re-rank: each is taken by the display's first poll of the feed after
    # the publication (or the second, when the first was already under way), and drawn as soon as
    # it arrives (the results board lasts a minute, as does the clock's minute: without the wake-up
    # the frame would wait for them). Orders of events, not times, decide; the times are shown.
    for round in 1 2 3; do
        case $round in 1) feed_csv 90 85 ;; 2) feed_csv 90 95 ;; 3) feed_csv 70 95 ;; esac
        mark=$(wc -l <"$access")
        before=$(ms_now)
        publish_feed
        wait_for_log "sequence $round on screen at"
        received=$(grep -o "results sequence $round received at [0-9T:.-]*Z" "$work/log" | awk '{print $NF}')
        shown=$(grep -o "sequence $round on screen at [0-9T:.-]*Z" "$work/log" | awk '{print $NF}')
        [[ -n $received ]] || fail "no receive line for sequence $round"
        echo "round $round: publish to screen $(($(ms_of "$shown") - before)) ms, receipt to screen $(($(ms_of "$shown") - $(ms_of "$received"))) ms"
        nth=$(tail -n +$((mark + 1)) "$access" | awk '$5 == "/feeds/hall-a/results.json" { n++; if ($7 == 200) { print n; exit } }')
        [[ -n $nth && $nth -le 2 ]] || { tail -n +$((mark + 1)) "$access" >&2; fail "sequence $round was not taken by the first polls after its publication (poll ${nth:-none})"; }
        # Drawn when it came, not at the next minute: a guard far above a frame, far below a minute.
        (($(ms_of "$shown") - $(ms_of "$received") < 20000)) || fail "sequence $round waited for a later frame"
    done
    stop_kiosk
    ;;
results-unreachable)
    results_bundle
    results_config
    feed_csv 90 85
    publish_feed
    start_kiosk_bg
    wait_for_log "sequence 1 on screen"
    bash "$here/nginx.sh" stop "$work/nginx"
    wait_for_log "the boards are marked stale"
    stop_kiosk
    # The last good results stay: they were kept on disk.
    [[ -s $work/cache/feed/results.json ]] || fail "the last good feed was not kept"
    ;;
results-replay)
    results_bundle
    results_config
    feed_csv 90 85
    publish_feed
    cp "$webroot/feeds/hall-a/results.json" "$work/old.json"
    cp "$webroot/feeds/hall-a/results.json.sig" "$work/old.json.sig"
    feed_csv 91 85
    publish_feed
    start_kiosk_bg
    wait_for_log "sequence 2 on screen"
    # A replay: the old signed document put back (with a new time, as a copy would have).
    cp "$work/old.json" "$webroot/feeds/hall-a/results.json"
    cp "$work/old.json.sig" "$webroot/feeds/hall-a/results.json.sig"
    touch -d "+2 seconds" "$webroot/feeds/hall-a/results.json"
    wait_for_log "sequence 1 is older than 2 (a replayed feed?)"
    stop_kiosk
    ! grep -q "sequence 1 on screen" "$work/log" || fail "the replayed feed was shown"
    ;;
results-bad-signature)
    results_bundle
    results_config
    feed_csv 90 85
    publish_feed
    start_kiosk_bg
    wait_for_log "sequence 1 on screen"
    feed_csv 99 85
    publish_feed "$work/other"
    wait_for_log "results feed: refused: signed with key"
    # A new second: the server's validators (modification time and size) change with it.
    sleep 1.1
    feed_csv 98 85
    publish_feed
    printf ' ' >>"$webroot/feeds/hall-a/results.json"
    wait_for_log "results feed: refused: the signature does not match"
    stop_kiosk
    ! grep -q "sequence 2 on screen" "$work/log" || fail "a feed with a bad signature was shown"
    ;;
results-csv-errors)
    printf '赛项,学校,选手,得分\n数控车加工,潍坊职业学院,选手01,80\n' >"$work/feed.csv"
    "$pack" results "$work/feed.csv" "$webroot" --channel hall-a --key "$work/key" 2>"$work/err" && fail "a wrong column was published"
    grep -q 'feed.csv:1: 得分: unknown column' "$work/err" || { cat "$work/err" >&2; fail "the wrong column is not named"; }
    printf '赛项,学校,选手,成绩\n数控车加工,潍坊职业学院,选手01,80\n数控车加工,潍坊科技学院,选手02,八十\n' >"$work/feed.csv"
    "$pack" results "$work/feed.csv" "$webroot" --channel hall-a --key "$work/key" 2>"$work/err" && fail "a bad score was published"
    grep -q 'feed.csv:3: 成绩 (score): "八十" is not a number' "$work/err" || { cat "$work/err" >&2; fail "the bad score is not named with its line"; }
    [[ ! -e $webroot/feeds/hall-a/results.json ]] || fail "a feed was written despite errors"
    ;;
delta)
    start_with_v1
    : >"$access"
    publish src 2 17
    # A poll that brings version 2, and an unchanged one after it.
    run_kiosk 2
    [[ $(active_version) == 2 ]] || { cat "$work/log" >&2; fail "v2 was not activated"; }
    expect_log "now showing bundle 2"
    changed=$(sha256sum "$work/bundle-2/posters/p17.png" | cut -d' ' -f1)
    size=$(stat -c %s "$work/bundle-2/posters/p17.png")
    # Downloads: the manifest, its signature and the one changed poster; nothing else.
    got=$(awk '$7 == 200 {print $5}' "$access" | sort -u | tr '\n' ' ')
    want="/channels/hall-a/manifest.json /channels/hall-a/manifest.json.sig /objects/$changed "
    [[ $got == "$want" ]] || { cat "$access" >&2; fail "downloads were: $got"; }
    obj_bytes=$(awk -v o="/objects/$changed" '$5 == o && $7 == 200 {print $8}' "$access")
    ((obj_bytes >= size && obj_bytes < size + 1024)) || fail "poster transfer was $obj_bytes bytes for a $size-byte poster"
    # Unchanged polls afterwards: 304, well under a kilobyte each.
    polls=$(awk '$5 == "/channels/hall-a/manifest.json" && $7 == 304 {print $8}' "$access")
    [[ -n $polls ]] || fail "no conditional poll answered 304"
    for b in $polls; do ((b < 1024)) || fail "an unchanged poll cost $b bytes"; done
    # Requests say which display asks and what it shows (version 2 once it is on screen: a start
    # with version 2 stored).
    grep -q 'display="hall-a-1" version="1"' "$access" || fail "requests do not carry the display id and version"
    run_kiosk 1
    grep -q 'display="hall-a-1" version="2"' "$access" || fail "requests do not carry the version shown"
    man_bytes=$(awk '$5 == "/channels/hall-a/manifest.json" && $7 == 200 {print $8}' "$access" | tail -1)
    sig_bytes=$(awk '$5 == "/channels/hall-a/manifest.json.sig" && $7 == 200 {print $8}' "$access" | tail -1)
    echo "delta: poster $size bytes, transfer $obj_bytes bytes; manifest $man_bytes bytes, signature $sig_bytes bytes; unchanged polls: $(echo $polls | tr '\n' ' ')bytes"
    ;;
expired)
    start_with_v1
    make_source "$work/src-2" 2 3
    "$pack" build "$work/src-2" "$work/bundle-2" 2>/dev/null || fail "build"
    # kiosk-pack refuses an expiry already past…
    "$pack" publish "$work/bundle-2" "$webroot" --channel hall-a --key "$work/key" --expires 2020-11-21T00:00:00+08:00 \
        2>"$work/pack.err" && fail "a version that had already expired was published"
    grep -q -- "--expires: 2020-11-21T00:00:00+08:00 is already past" "$work/pack.err" || { cat "$work/pack.err" >&2; fail "no reason given"; }
    # … and a display refuses one signed by hand (an old manifest, replayed).
    "$pack" publish "$work/bundle-2" "$webroot" --channel hall-a --key "$work/key" 2>/dev/null || fail "publish"
    m="$webroot/channels/hall-a/manifest.json"
    /usr/bin/python3 - "$m" <<'PY'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
m["expires"] = "2020-11-21T00:00:00+08:00"
json.dump(m, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
PY
    "$pack" sign "$m" --key "$work/key" || fail "sign"
    expect_refused "manifest refused: version 2 expired at 2020-11-21T00:00:00+08:00"
    ;;
expired-content-kept)
    # The active version passes its expiry: it stays on screen (the last good content), and the
    # log says so once.
    publish src 1
    make_source "$work/src-2" 2 6
    "$pack" build "$work/src-2" "$work/bundle-2" 2>/dev/null || fail "build"
    "$pack" publish "$work/bundle-2" "$webroot" --channel hall-a --key "$work/key" --expires "$(date -d '+1 day' --iso-8601=seconds)" \
        2>"$work/pack.err" || { cat "$work/pack.err" >&2; fail "publish"; }
    config
    run_kiosk 1
    [[ $(active_version) == 2 ]] || { cat "$work/log" >&2; fail "v2 was not activated"; }
    "$kiosk" --config "$work/display.json" --content "$work/none" --headless --size 320x180 --polls 2 --run-for 150 \
        --clock "$(date -d '+2 days' --iso-8601=seconds)" >"$work/out" 2>"$work/log" || { cat "$work/log" >&2; fail "kiosk failed"; }
    expect_log "showing stored version 2"
    [[ $(grep -c "bundle hall-a/2: content expired at" "$work/log") == 1 ]] || { cat "$work/log" >&2; fail "the expiry was not said once"; }
    [[ $(active_version) == 2 ]] || fail "the expired version was dropped"
    ;;
results-kept)
    # A feed kept from the last run is not reported lost while the server answers.
    results_bundle
    config "$work/cache" hall-a "" ', "results_poll_s": 1, "results_lost_after_s": 60'
    feed_csv 90 85
    publish_feed
    start_kiosk_bg
    wait_for_log "sequence 1 on screen"
    stop_kiosk
    : >"$access"
    start_kiosk_bg
    # The restarted display's first polls of the feed were answered.
    for _ in $(seq 1800); do
        (($(grep -c "GET /feeds/hall-a/results.json HTTP" "$access") >= 2)) && break
        sleep 0.05
    done
    stop_kiosk
    ! grep -q "the boards are marked stale" "$work/log" || { cat "$work/log" >&2; fail "the kept feed was reported lost at start"; }
    ;;
stop-during-poll)
    # Stopped (SIGTERM) while a poll downloads: an info line, not a warning about the network.
    start_with_v1
    publish src 2 0 "$work/key" "-v2"
    bash "$here/nginx.sh" stop "$work/nginx"
    port=$(LIMIT_RATE=200k bash "$here/nginx.sh" start "$work/nginx" "$webroot") || fail "nginx restart"
    config "$work/cache" hall-a slow/
    start_kiosk_bg
    for _ in $(seq 1800); do
        [[ -n $(ls "$work/cache/partial" 2>/dev/null) ]] && break
        sleep 0.05
    done
    stop_kiosk
    expect_log "poll stopped (the program stops)"
    ! grep -q "^warning: sync" "$work/log" || { cat "$work/log" >&2; fail "stopping during a poll was logged as a warning"; }
    ;;
bit-rot)
    # A byte of a stored object flipped while the display was off: found at start, removed, fetched
    # again; the version stays whole and on screen, and no damaged object is ever used.
    start_with_v1
    obj=$(sha256sum "$work/bundle-1/posters/p5.png" | cut -d' ' -f1)
    printf 'X' | dd of="$work/cache/objects/$obj" bs=1 seek=100 conv=notrunc 2>/dev/null
    : >"$access"
    run_kiosk 1
    expect_log "object $obj: damaged in the store (version 1); removed, to be fetched again"
    grep -q "GET /objects/$obj " "$access" || fail "the damaged object was not fetched again"
    [[ $(sha256sum "$work/cache/objects/$obj" | cut -d' ' -f1) == "$obj" ]] || fail "the object is still damaged"
    expect_log "now showing bundle 1"
    check_store "$work/cache"
    # A stored manifest truncated to nothing: the channel's is taken again, not "not newer".
    : >"$work/cache/manifests/1.json"
    run_kiosk 1
    ! grep -q "is not newer than" "$work/log" || { cat "$work/log" >&2; fail "the damaged manifest blocked the channel"; }
    [[ -s $work/cache/manifests/1.json ]] || fail "the stored manifest was not restored"
    expect_log "now showing bundle 1"
    ;;
empty-version)
    start_with_v1
    # kiosk-pack refuses to publish a version with nothing to show…
    make_source "$work/src-2" 2
    sed -i 's/^order = .*/order = p1/; s#^poster = posters/p1.png#poster = posters/p1.png\nuntil = 2020-11-01#' "$work/src-2/settings.ini"
    "$pack" build "$work/src-2" "$work/bundle-2" --now 2020-10-01T00:00:00+08:00 2>/dev/null || fail "build"
    "$pack" publish "$work/bundle-2" "$webroot" --channel hall-a --key "$work/key" 2>"$work/pack.err" &&
        fail "a version with nothing to show was published"
    grep -q "version 2 has nothing to show" "$work/pack.err" || { cat "$work/pack.err" >&2; fail "no reason given"; }
    # … and a display does not activate one signed by hand: every slide a 0x0 picture.
    make_source "$work/src-3" 3
    "$pack" build "$work/src-3" "$work/bundle-3" 2>/dev/null || fail "build"
    for i in $(seq 1 50); do
        printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x00\x00\x00\x00\x00\x08\x06\x00\x00\x00\x00\x00%02x\x00' "$i" >"$work/bundle-3/posters/p$i.png"
    done
    /usr/bin/python3 - "$work/bundle-3" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
for name in m["assets"]:
    data = open(os.path.join(d, name), "rb").read()
    m["assets"][name].update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
json.dump(m, open(os.path.join(d, "manifest.json"), "w", encoding="utf-8"), ensure_ascii=False)
for name, info in m["assets"].items():
    os.makedirs(os.path.join(sys.argv[1], "..", "www", "objects"), exist_ok=True)
PY
    mkdir -p "$webroot/objects"
    for f in "$work"/bundle-3/posters/*.png "$work"/bundle-3/data/* ; do
        [[ -f $f ]] && cp "$f" "$webroot/objects/$(sha256sum "$f" | cut -d' ' -f1)"
    done
    cp "$work/bundle-3/manifest.json" "$webroot/channels/hall-a/manifest.json"
    "$pack" sign "$webroot/channels/hall-a/manifest.json" --key "$work/key" || fail "sign"
    expect_refused "version 3 has nothing to show"
    ;;
huge-version)
    start_with_v1
    # kiosk-pack refuses a version beyond 2^53…
    make_source "$work/src-2" 9007199254740993
    "$pack" build "$work/src-2" "$work/bundle-2" 2>"$work/pack.err" && fail "a version beyond 2^53 was built"
    grep -q "must be a whole number from 1 to 2^53" "$work/pack.err" || { cat "$work/pack.err" >&2; fail "no reason given"; }
    # … and a display refuses one signed by hand: it would leave no room for any later version.
    make_source "$work/src-2" 2 4
    "$pack" build "$work/src-2" "$work/bundle-2" 2>/dev/null || fail "build"
    "$pack" publish "$work/bundle-2" "$webroot" --channel hall-a --key "$work/key" 2>/dev/null || fail "publish"
    m="$webroot/channels/hall-a/manifest.json"
    sed -i 's/"bundle_version": 2/"bundle_version": 9223372036854775807/' "$m"
    "$pack" sign "$m" --key "$work/key" || fail "sign"
    expect_refused "field \"bundle_version\" must be 1 to 2^53"
    ;;
key-rotation)
    # Version 5 under the old key; the display is then given only the new key (the documented
    # rotation) while the channel is still signed with the old one: the waiting screen, not the
    # sample and not another channel's content. Then the new key's versions start again at 1.
    publish src 5
    config
    run_kiosk 1
    [[ $(active_version) == 5 ]] || { cat "$work/log" >&2; fail "v5 was not activated"; }
    cp "$work/key.pub" "$work/old.pub"
    cp "$work/other.pub" "$work/key.pub"
    config "$work/cache" hall-a "" ', "play_log_dir": "'"$work/play"'"'
    "$kiosk" --config "$work/display.json" --content "$src/content" --headless --size 320x180 --polls 1 \
        --run-for 150 >"$work/out" 2>"$work/log" || { cat "$work/log" >&2; fail "kiosk failed"; }
    expect_log "the waiting screen until one arrives"
    expect_log "which this display does not trust"
    ! grep -q "now showing bundle" "$work/log" || fail "something was shown while waiting"
    ! cat "$work/play"/*.csv 2>/dev/null | grep -q '^slide' || fail "proof of play logged slides while waiting"
    publish src 1 0 "$work/other"
    run_kiosk 1
    [[ $(active_version) == 1 ]] || { cat "$work/log" >&2; fail "the new key's version 1 was not taken"; }
    expect_log "now showing bundle 1"
    ;;
retry-after)
    start_with_v1
    # The channel answers 503 with Retry-After: 4 while the poll interval is 1 s: the next request
    # waits at least 4 s (a lower bound: a slow machine only waits longer).
    config "$work/cache" unavailable
    : >"$access"
    start_kiosk_bg
    for _ in $(seq 1800); do
        (($(grep -c "GET /channels/unavailable/manifest.json" "$access") >= 2)) && break
        sleep 0.05
    done
    stop_kiosk
    times=($(awk '$5 == "/channels/unavailable/manifest.json" { gsub(/\[|\]/, "", $2); print $2 }' "$access" | head -2))
    ((${#times[@]} == 2)) || { cat "$access" >&2; fail "fewer than two polls"; }
    gap=$(( $(date -d "$(sed 's#/# #g; s#:# #' <<<"${times[1]}")" +%s) - $(date -d "$(sed 's#/# #g; s#:# #' <<<"${times[0]}")" +%s) ))
    echo "503 with Retry-After: 4: the next poll came $gap s later"
    ((gap >= 4)) || fail "the next poll came after $gap s, before the server's Retry-After"
    ;;
header-spellings)
    # Servers that spell the ETag header otherwise (Go's Etag, ETAG) or send none (Python's
    # http.server: Last-Modified only): unchanged polls are conditional and answered 304.
    publish src 1
    for spelling in Etag ETAG none; do
        rm -f "$work/hs.log" "$work/hs.port"
        /usr/bin/python3 "$here/header_server.py" "$webroot" "$work/hs.log" "$work/hs.port" "$spelling" &
        hs_pid=$!
        for _ in $(seq 600); do [[ -s $work/hs.port ]] && break; sleep 0.05; done
        hs_port=$(cat "$work/hs.port")
        rm -rf "$work/cache"
        cat >"$work/display.json" <<JSON
{"display_id": "hall-a-1", "server": "http://127.0.0.1:$hs_port/", "channel": "hall-a",
 "trusted_keys": ["$(cat "$work/key.pub")"], "poll_interval_s": 1, "cache_dir": "$work/cache"}
JSON
        run_kiosk 4
        kill "$hs_pid"; wait "$hs_pid" 2>/dev/null
        polls=$(grep -c "GET /channels/hall-a/manifest.json " "$work/hs.log")
        not_modified=$(grep -c "GET /channels/hall-a/manifest.json 304" "$work/hs.log")
        echo "$spelling: $polls polls, $not_modified answered 304"
        ((polls == 4 && not_modified == 3)) || { cat "$work/hs.log" >&2; fail "$spelling: $not_modified of $polls polls were answered 304"; }
    done
    ;;
https-http2)
    # nginx over HTTPS with HTTP/2, a certificate made now, trusted through the config's ca_file.
    publish src 1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
        -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null || fail "openssl"
    tls_port=$(TLS_CERT="$work/tls.crt" TLS_KEY="$work/tls.key" bash "$here/nginx.sh" start "$work/nginx-tls" "$webroot") ||
        fail "nginx over TLS did not start"
    cat >"$work/display.json" <<JSON
{"display_id": "hall-a-1", "server": "https://127.0.0.1:$tls_port/", "channel": "hall-a", "ca_file": "$work/tls.crt",
 "trusted_keys": ["$(cat "$work/key.pub")"], "poll_interval_s": 1, "cache_dir": "$work/cache"}
JSON
    run_kiosk 4
    bash "$here/nginx.sh" stop "$work/nginx-tls"
    [[ $(active_version) == 1 ]] || { cat "$work/log" >&2; fail "v1 was not taken over HTTPS"; }
    tls_log="$work/nginx-tls/access.log"
    grep -q '"GET /channels/hall-a/manifest.json HTTP/2.0" 200' "$tls_log" || { cat "$tls_log" >&2; fail "not HTTP/2"; }
    not_modified=$(grep -c '"GET /channels/hall-a/manifest.json HTTP/2.0" 304' "$tls_log")
    ((not_modified == 3)) || { cat "$tls_log" >&2; fail "$not_modified of 3 unchanged polls were answered 304"; }
    ;;
republish-unchanged)
    publish src 1
    before=$(find "$webroot" -type f -printf '%P %T@\n' | sort)
    "$pack" publish "$work/bundle-1" "$webroot" --channel hall-a --key "$work/key" 2>"$work/pack.err" || fail "publish again"
    grep -q "nothing changed" "$work/pack.err" || fail "publishing the same content again was not a no-op"
    [[ $(find "$webroot" -type f -printf '%P %T@\n' | sort) == "$before" ]] || fail "files on the server changed"
    make_source "$work/src-1c" 1 7
    "$pack" build "$work/src-1c" "$work/bundle-1c" 2>/dev/null || fail "build"
    "$pack" publish "$work/bundle-1c" "$webroot" --channel hall-a --key "$work/key" 2>"$work/pack.err" && fail "a changed bundle with the same version was published"
    grep -q "raise \[bundle\] version" "$work/pack.err" || { cat "$work/pack.err" >&2; fail "no advice to raise the version"; }
    ;;
server-down)
    start_with_v1
    bash "$here/nginx.sh" stop "$work/nginx"
    expect_refused "manifest: Couldn't connect to server"
    ;;
http-500)
    start_with_v1
    config "$work/cache" http500
    expect_refused "manifest: HTTP 500"
    ;;
trickle)
    start_with_v1
    publish src 2 5
    # The changed poster comes at 100 bytes a second; the display gives up after 2 s that slow.
    config "$work/cache" hall-a slow/ ', "timeouts": {"low_speed_bytes": 1000, "low_speed_s": 2}'
    expect_refused "Timeout was reached"
    ;;
truncated-object)
    start_with_v1
    publish src 2 9
    obj=$(sha256sum "$work/bundle-2/posters/p9.png" | cut -d' ' -f1)
    truncate -s 1000 "$webroot/objects/$obj"
    expect_refused "object $obj: size does not match the manifest"
    ;;
wrong-hash)
    start_with_v1
    publish src 2 9
    obj=$(sha256sum "$work/bundle-2/posters/p9.png" | cut -d' ' -f1)
    size=$(stat -c %s "$webroot/objects/$obj")
    head -c "$size" /dev/urandom >"$webroot/objects/$obj"
    expect_refused "object $obj: SHA-256 does not match the manifest"
    ;;
bad-signature)
    start_with_v1
    publish src 2 3
    printf ' ' >>"$webroot/channels/hall-a/manifest.json"
    expect_refused "the signature does not match the manifest"
    ;;
no-signature)
    start_with_v1
    publish src 2 3
    rm "$webroot/channels/hall-a/manifest.json.sig"
    expect_refused "manifest signature: HTTP 404"
    ;;
untrusted-key)
    start_with_v1
    publish src 2 3 "$work/other"
    expect_refused "which this display does not trust"
    ;;
older-version)
    start_with_v1
    # The same version number with other content, signed with the right key.
    make_source "$work/src-1b" 1 4
    "$pack" build "$work/src-1b" "$work/bundle-1b" 2>/dev/null || fail "build"
    sed 's/"channel"/"channel"/' "$work/bundle-1b/manifest.json" >"$webroot/channels/hall-a/manifest.json"
    "$pack" sign "$webroot/channels/hall-a/manifest.json" --key "$work/key" || fail "sign"
    expect_refused "version 1 is not newer than version 1"
    ;;
oversized-object)
    start_with_v1
    publish src 2 3
    m="$webroot/channels/hall-a/manifest.json"
    sed -i '0,/"size": [0-9]*/s//"size": 999999999999/' "$m"
    "$pack" sign "$m" --key "$work/key" || fail "sign"
    expect_refused "over the limit of"
    ;;
escaping-names)
    start_with_v1
    publish src 2 3
    m="$webroot/channels/hall-a/manifest.json"
    cp "$m" "$work/m2.json"
    # An object name that would leave the store, signed with the right key.
    sed -i '0,/"sha256": "[0-9a-f]*"/s//"sha256": "..\/..\/..\/..\/tmp\/kiosk-escape"/' "$m"
    "$pack" sign "$m" --key "$work/key" || fail "sign"
    expect_refused "\"sha256\" must be 64 lowercase hexadecimal digits"
    # An absolute asset name.
    sed 's#"posters/p2.png"#"/etc/kiosk-escape.png"#' "$work/m2.json" >"$m"
    "$pack" sign "$m" --key "$work/key" || fail "sign"
    expect_refused "must be a relative path without"
    [[ ! -e /tmp/kiosk-escape && ! -e /etc/kiosk-escape.png ]] || fail "a file was written outside the store"
    ;;
missing-object)
    start_with_v1
    publish src 2 8
    obj=$(sha256sum "$work/bundle-2/posters/p8.png" | cut -d' ' -f1)
    mv "$webroot/objects/$obj" "$work/held"
    expect_refused "object $obj: HTTP 404"
    # The error page was not kept as a partial download: once the object is back, v2 arrives.
    [[ ! -e $work/cache/partial/$obj ]] || fail "the 404 left a file in partial/"
    mv "$work/held" "$webroot/objects/$obj"
    run_kiosk 1
    [[ $(active_version) == 2 ]] || { cat "$work/log" >&2; fail "v2 was not activated once the object was back"; }
    ;;
huge-image-header)
    start_with_v1
    make_source "$work/src-2" 2
    # PNGs whose header claims 30000x30000 pixels (3.6 GB decoded).
    printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x75\x30\x00\x00\x75\x30\x08\x06\x00\x00\x00\x00\x00\x00\x00' >"$work/bomb.png"
    cp "$work/src-2/posters/p1.png" "$work/p1-good.png"
    cp "$work/bomb.png" "$work/src-2/posters/p1.png"
    # kiosk-pack refuses it; a hostile publisher writes the bundle by hand.
    "$pack" build "$work/src-2" "$work/bundle-2" 2>/dev/null && fail "kiosk-pack built a bundle with the bomb"
    cp "$work/p1-good.png" "$work/src-2/posters/p1.png"
    "$pack" build "$work/src-2" "$work/bundle-2" 2>/dev/null || fail "build"
    # Every poster but p1 becomes a bomb (a new version continues the playlist where it was, so
    # the next slide must be one of them); each differs in a byte, as distinct objects.
    for i in $(seq 2 50); do
        printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x75\x30\x00\x00\x75\x30\x08\x06\x00\x00\x00\x00\x00%02x\x00' "$i" >"$work/bundle-2/posters/p$i.png"
    done
    /usr/bin/python3 - "$work/bundle-2" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
for i in range(2, 51):
    name = "posters/p%d.png" % i
    data = open(os.path.join(d, name), "rb").read()
    m["assets"][name].update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
json.dump(m, open(os.path.join(d, "manifest.json"), "w", encoding="utf-8"), ensure_ascii=False)
PY
    "$pack" publish "$work/bundle-2" "$webroot" --channel hall-a --key "$work/key" 2>/dev/null || fail "publish"
    start_kiosk_bg
    wait_for_log "now showing bundle 2"
    # The next slide is a bomb: refused by its header, and skipped.
    for _ in $(seq 1800); do
        grep -qE "slide p([2-9]|[1-4][0-9]|50): skipped" "$work/log" && break
        sleep 0.05
    done
    stop_kiosk
    [[ $(active_version) == 2 ]] || fail "v2 was not activated"
    expect_log "30000x30000 pixels is more than the limit"
    grep -qE "slide p([2-9]|[1-4][0-9]|50): skipped" "$work/log" || { cat "$work/log" >&2; fail "no slide was skipped"; }
    ;;
full-disk)
    mkdir -p "$work/small"
    if ! mount -t tmpfs -o size=9m tmpfs "$work/small" 2>/dev/null; then
        echo "SKIP: cannot mount a small tmpfs here (not root?)"
        exit 0
    fi
    # Version 1 (6.7 MB) fits the 9 MB store; version 2 changes every poster and cannot fit.
    publish src 1
    config "$work/small/cache"
    run_kiosk 1
    [[ $(cat "$work/small/cache/current" 2>/dev/null) == 1 ]] || { cat "$work/log" >&2; fail "v1 did not fit"; }
    publish src 2 0 "$work/key" "-v2"
    run_kiosk 1
    grep -qE "Failed writing received data|write failed|No space left" "$work/log" || { cat "$work/log" >&2; fail "no line about the full disk"; }
    expect_log "showing stored version 1"
    [[ $(cat "$work/small/cache/current") == 1 ]] || fail "the active version changed on a full disk"
    check_store "$work/small/cache"
    ;;
power-cuts)
    start_with_v1
    # Version 2 changes every poster (6.7 MB), served at 400 kB/s a connection: kills land in the middle of
    # transfers, of the activation, or while playing.
    publish src 2 0 "$work/key" "-v2"
    bash "$here/nginx.sh" stop "$work/nginx"
    port=$(LIMIT_RATE=400k bash "$here/nginx.sh" start "$work/nginx" "$webroot") || fail "nginx restart"
    config "$work/cache" hall-a slow/
    seen_partial=0
    for i in $(seq 1 15); do
        "$kiosk" --config "$work/display.json" --content "$work/none" --headless --size 320x180 --run-for 30 \
            >/dev/null 2>"$work/log" &
        pid=$!
        if ((i == 1)); then
            # The first cut lands in the middle of a download, however long the start takes.
            for _ in $(seq 1800); do
                [[ -n $(ls "$work/cache/partial" 2>/dev/null) ]] && break
                sleep 0.05
            done
        else
            sleep "$((RANDOM % 2)).$((RANDOM % 10))"
        fi
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        [[ -n $(ls "$work/cache/partial" 2>/dev/null) ]] && seen_partial=1
        check_store "$work/cache"
        v=$(active_version)
        [[ $v == 1 || $v == 2 ]] || fail "after a power cut the active version is \"$v\""
    done
    ((seen_partial)) || fail "no kill landed in the middle of a download"
    # Restarted once more, it shows a complete version and gets to the newest.
    run_kiosk 1
    expect_log "showing stored version"
    [[ $(active_version) == 2 ]] || { cat "$work/log" >&2; fail "v2 never activated after the power cuts"; }
    check_store "$work/cache"
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
echo "PASS: $case_name"
