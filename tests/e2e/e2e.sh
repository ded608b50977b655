#!/usr/bin/env bash
# End-to-end runs of the real kiosk binary, headless. Usage: e2e.sh KIOSK SOURCE_DIR CASE
set -uo pipefail
kiosk=$1
src=$2
case_name=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
content="$src/content"

fail() { echo "FAIL: $*" >&2; exit 1; }

# Width and height of a PNG, from its IHDR chunk.
png_size() {
    local w h
    w=$(od -An -tu1 -j16 -N4 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
    h=$(od -An -tu1 -j20 -N4 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
    echo "${w}x${h}"
}

# Runs the kiosk; keeps stdout, stderr and the exit code.
run() {
    "$kiosk" "$@" >"$work/out" 2>"$work/err"
    echo $? >"$work/code"
}
code() { cat "$work/code"; }
expect_code() { [[ $(code) == "$1" ]] || { cat "$work/err" >&2; fail "exit code $(code), expected $1"; }; }
expect_err() { grep -qF -- "$1" "$work/err" || { cat "$work/err" >&2; fail "stderr lacks: $1"; }; }
expect_line() { grep -qE -- "$2" "$1" || fail "$1 has no line matching: $2"; }

# A bundle folder with the sample's data and the given manifest slides, hashes filled in.
make_bundle() {
    local dir=$1 slides=$2 playlist=$3 extra_assets=${4:-}
    mkdir -p "$dir/data" "$dir/posters"
    cp "$content/data/timetable.json" "$dir/data/"
    cp "$content/posters/epidemic.png" "$dir/posters/"
    local assets="" f
    for f in data/timetable.json posters/epidemic.png $extra_assets; do
        local type=application/json
        case $f in *.png) type=image/png ;; *.jpg) type=image/jpeg ;; *.webp) type=image/webp ;; *.svg) type=image/svg+xml ;; esac
        assets+="\"$f\": {\"sha256\": \"$(sha256sum "$dir/$f" | cut -d' ' -f1)\", \"size\": $(stat -c %s "$dir/$f"), \"type\": \"$type\"},"
    done
    cat >"$dir/manifest.json" <<JSON
{"schema_version": 1, "bundle_version": 9, "time_zone": {"name": "Asia/Shanghai", "utc_offset": "+08:00"},
 "theme": {"header": "2020年潍坊市职业教育活动周 · 人人出彩，技能强国", "ticker": ["人人出彩，技能强国"]},
 "assets": {${assets%,}}, "slides": [$slides], "playlist": [$playlist]}
JSON
}

case $case_name in
launch-running-at-0930)
    # At 09:30 on 8 November the schedule board marks the launch ceremony as running.
    run --content "$content" --size 1920x1080 --clock 2020-11-08T09:30:00+08:00 --slide today \
        --screenshot "$work/s.png" --draw-list "$work/s.txt"
    expect_code 0
    [[ $(png_size "$work/s.png") == 1920x1080 ]] || fail "screenshot is $(png_size "$work/s.png")"
    expect_line "$work/s.txt" '^text [0-9]+,[0-9]+ [0-9]+b #[0-9A-F]+ 进行中$'
    row=$(grep -E ' 进行中$' "$work/s.txt" | head -1 | cut -d' ' -f2 | cut -d, -f2)
    title=$(grep -E '启动仪式' "$work/s.txt" | grep -v '^text.* 今日' | head -1)
    [[ -n $title ]] || fail "no launch ceremony on the board"
    title_y=$(echo "$title" | cut -d' ' -f2 | cut -d, -f2)
    (( title_y - row < 40 && row - title_y < 40 )) || fail "running badge (y=$row) is not on the ceremony's row (y=$title_y)"
    # The running row's highlight is drawn in the accent colour behind it.
    expect_line "$work/s.txt" '^fill [0-9]+,[0-9]+ [0-9]+x[0-9]+ #F5C400FF$'
    ;;
play-an-hour)
    # An hour of simulated time passes through every slide; the screenshot still comes at once.
    start=$(date +%s)
    run --content "$content" --size 1280x720 --clock 2020-11-09T10:00:00+08:00 --after 3600 --screenshot "$work/s.png" --stats
    expect_code 0
    (( $(date +%s) - start < 60 )) || fail "an hour of simulated time took more than a minute"
    [[ $(png_size "$work/s.png") == 1280x720 ]] || fail "wrong size"
    grep -q "frames drawn 1;" "$work/out" || fail "stats missing: $(cat "$work/out")"
    ;;
portrait-and-4k)
    for size in 1080x1920 3840x2160; do
        run --content "$content" --size $size --clock 2020-11-10T15:40:00+08:00 --slide results-cnc --screenshot "$work/$size.png" --draw-list "$work/$size.txt"
        expect_code 0
        [[ $(png_size "$work/$size.png") == "$size" ]] || fail "$size screenshot is $(png_size "$work/$size.png")"
        expect_line "$work/$size.txt" ' 示例$'
    done
    ;;
bad-input)
    run --content "$work/nowhere" --size 1920x1080 --screenshot "$work/s.png"
    expect_code 2; expect_err "manifest.json"
    run --content "$content" --size 1920x0 --screenshot "$work/s.png"
    expect_code 2; expect_err "--size"
    run --content "$content" --size 1920x1080 --clock "8 Nov 2020" --screenshot "$work/s.png"
    expect_code 2; expect_err "--clock"
    run --content "$content" --size 1920x1080 --after -5 --screenshot "$work/s.png"
    expect_code 2; expect_err "--after"
    run --content "$content" --size 1920x1080 --slide nosuch --screenshot "$work/s.png"
    expect_code 2; expect_err 'no playable slide "nosuch"'
    mkdir -p "$work/broken" && echo '{"schema_version": 1, "bundle_version": 1,' >"$work/broken/manifest.json"
    run --content "$work/broken" --size 1920x1080 --screenshot "$work/s.png"
    expect_code 2; expect_err "manifest.json: not valid JSON"
    [[ ! -e $work/s.png ]] || fail "a screenshot was written for a bad bundle"
    ;;
broken-slide-skipped)
    # An undecodable poster (hash and size right, bytes not an image) and a slide naming an asset
    # that is not listed: both are refused by name, and the rest plays.
    b="$work/b"
    mkdir -p "$b/posters" && head -c 5000 /dev/urandom >"$b/posters/noise.png"
    make_bundle "$b" '{"id": "noise", "kind": "image", "asset": "posters/noise.png", "duration_s": 5},
        {"id": "ghost", "kind": "image", "asset": "posters/ghost.png"},
        {"id": "rules", "kind": "image", "asset": "posters/epidemic.png", "duration_s": 5},
        {"id": "today", "kind": "schedule", "data": "data/timetable.json", "duration_s": 5}' \
        '"noise", "ghost", "rules", "today"' "posters/noise.png"
    run --content "$b" --size 1280x720 --clock 2020-11-08T09:30:00+08:00 --after 2 --screenshot "$work/s.png" --draw-list "$work/s.txt"
    expect_code 0
    expect_err 'posters/ghost.png" is not listed in assets'
    expect_err "noise.png: not a JPEG, PNG, WebP or SVG image"
    expect_err "slide noise: skipped"
    expect_line "$work/s.txt" '^image posters/epidemic.png '
    ;;
nothing-playable)
    # No playable slide: the branded fallback, never a black screen.
    b="$work/b"
    make_bundle "$b" '{"id": "ghost", "kind": "image", "asset": "posters/ghost.png"}' '"ghost"'
    run --content "$b" --size 1280x720 --screenshot "$work/s.png" --draw-list "$work/s.txt"
    expect_code 0
    expect_line "$work/s.txt" '^fill 0,0 1280x720 #B5121BFF$'
    expect_line "$work/s.txt" '暂无可播放的内容$'
    expect_err "nothing playable"
    ;;
help-and-version)
    run --help; expect_code 0; grep -q -- "--screenshot OUT.png" "$work/out" || fail "--help lacks --screenshot"
    run --version; expect_code 0; grep -qE '^kiosk [0-9]+\.[0-9]+\.[0-9]+$' "$work/out" || fail "--version: $(cat "$work/out")"
    run --frobnicate; expect_code 2; expect_err 'unknown option "--frobnicate"'
    ;;
headless-live)
    # Real time, headless: the loop draws transitions and sleeps between them.
    run --content "$content" --headless --size 1280x720 --clock 2020-11-08T09:30:00+08:00 --speed 4 --run-for 4 --stats
    expect_code 0
    frames=$(sed -nE 's/.*frames drawn ([0-9]+);.*/\1/p' "$work/out")
    [[ -n $frames ]] || fail "no stats: $(cat "$work/out")"
    # 16 simulated seconds hold at least one transition (about 60 frames a second for a second of
    # simulated time) but far fewer frames than a loop redrawing all the time would make (240+).
    (( frames >= 5 && frames < 200 )) || fail "frames drawn: $frames"
    ;;
no-display)
    # Without a display the kiosk says so plainly and shows how to get screenshots.
    DISPLAY= WAYLAND_DISPLAY= SDL_VIDEODRIVER=x11 run --content "$content"
    expect_code 3
    expect_err "there is no display"
    expect_err "--screenshot"
    ;;
xvfb-window)
    # A real window in a virtual X screen, in real time.
    command -v xvfb-run >/dev/null || fail "xvfb-run is not installed (deploy/install-deps.sh --test)"
    # Leak checking is off here alone: D-Bus and Mesa, loaded by SDL for a real window, keep
    # allocations for the life of the process. Every other case runs with it on.
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    xvfb-run -a -s "-screen 0 1280x720x24" "$kiosk" --content "$content" --clock 2020-11-08T09:30:00+08:00 \
        --speed 4 --run-for 4 --stats >"$work/out" 2>"$work/err"
    [[ $? == 0 ]] || { cat "$work/err" >&2; fail "kiosk under Xvfb failed"; }
    grep -qE "frames drawn [1-9]" "$work/out" || fail "no frames under Xvfb: $(cat "$work/out")"
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
echo "PASS: $case_name"
