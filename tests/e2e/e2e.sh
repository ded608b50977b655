#!/usr/bin/env bash
# End-to-end runs of the real kiosk binary, headless. Usage: e2e.sh KIOSK SOURCE_DIR CASE
set -uo pipefail
kiosk=$1
src=$2
case_name=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
content="$src/content"

# shellcheck source=tests/e2e/lib.sh
source "$src/tests/e2e/lib.sh"

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
    # An hour of simulated time passes through every slide, drawing only the last frame (in real
    # time it would take an hour: the test's time limit catches that).
    run --content "$content" --size 1280x720 --clock 2020-11-09T10:00:00+08:00 --after 3600 --screenshot "$work/s.png" --stats
    expect_code 0
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
    # Real time, headless: the loop draws transitions and sleeps between them. The run ends with
    # 16 simulated seconds, however long a slow machine takes for them.
    run --content "$content" --headless --size 1280x720 --clock 2020-11-08T09:30:00+08:00 --speed 4 \
        --run-until 2020-11-08T09:30:16+08:00 --run-for 120 --stats
    expect_code 0
    frames=$(sed -nE 's/.*frames drawn ([0-9]+);.*/\1/p' "$work/out")
    moving=$(sed -nE 's/.* in transitions ([0-9]+):.*/\1/p' "$work/out")
    same=$(sed -nE 's/.*unchanged redraws ([0-9]+);.*/\1/p' "$work/out")
    [[ -n $frames && -n $moving && -n $same ]] || fail "no stats: $(cat "$work/out")"
    # They hold a transition, drawn in frames of its own, but no frame drawn again unchanged and
    # far fewer frames than a loop redrawing all the time would make (240+).
    (( moving >= 1 && same == 0 && frames < 200 )) || fail "frames drawn: $frames, in transitions $moving, unchanged $same"
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
        --speed 4 --run-for 4 --stats --verbose >"$work/out" 2>"$work/err"
    [[ $? == 0 ]] || { cat "$work/err" >&2; fail "kiosk under Xvfb failed"; }
    grep -qE "frames drawn [1-9]" "$work/out" || fail "no frames under Xvfb: $(cat "$work/out")"
    # The window opens hidden, and the first slide's poster is being decoded while it is shown
    # (showing a fullscreen window waits on the X server and any window manager).
    asked=$(grep -n "image: decoding posters/" "$work/err" | head -1 | cut -d: -f1)
    shown=$(grep -n "display: window shown, 1280x720" "$work/err" | head -1 | cut -d: -f1)
    [[ -n $asked && -n $shown ]] || { cat "$work/err" >&2; fail "no decode or no window in the log"; }
    ((asked < shown)) || { cat "$work/err" >&2; fail "the first poster was asked for only after the window was shown"; }
    ;;
pack-builds-the-sample)
    # The sample bundle in the repository is exactly what kiosk-pack makes of its source folder.
    "$KIOSK_PACK" build "$src/tools/sample/source" "$work/built" --now 2020-11-07T18:00:00+08:00 2>"$work/err" ||
        { cat "$work/err" >&2; fail "kiosk-pack build failed"; }
    diff -r "$content" "$work/built" >&2 || fail "content/ differs from what kiosk-pack builds from tools/sample/source"
    "$KIOSK_PACK" check "$src/tools/sample/source" --now 2020-11-07T18:00:00+08:00 2>"$work/err" || fail "check failed"
    ! grep -q "^error" "$work/err" || fail "check reported errors"
    ;;
pack-refuses-a-bad-folder)
    cp -r "$src/tools/sample/source" "$work/src"
    rm "$work/src/posters/theme.jpg"
    printf '日期,开始,结束,活动,地点,示例\n2020-11-08,09:00,11:00,启动仪式,潍坊职业学院,是\n2020-13-01,09:00,10:00,坏日期,礼堂,否\n' >"$work/src/timetable.csv"
    "$KIOSK_PACK" build "$work/src" "$work/out" 2>"$work/err"
    status=$?
    [[ $status == 1 ]] || fail "kiosk-pack build of a bad folder exited $status"
    grep -q "posters/theme.jpg" "$work/err" || fail "the missing poster is not named"
    grep -q "timetable.csv:3: 日期 (date)" "$work/err" || { cat "$work/err" >&2; fail "the broken date is not named with its line"; }
    [[ ! -e $work/out ]] || fail "a bundle was written despite errors"
    ;;
week-preview)
    "$KIOSK_PACK" preview "$src/tools/sample/source" --size 1920x1080 --from 2020-11-08T08:00:00+08:00 \
        --to 2020-11-14T20:00:00+08:00 --every 13h --display-tags hall-a "$work/week.png" 2>"$work/err" ||
        { cat "$work/err" >&2; fail "preview failed"; }
    # 13 frames, 4 a row, 480x270 tiles with a 40-pixel caption, 16 pixels apart.
    [[ $(png_size "$work/week.png") == "$((16 + 4 * 496))x$((16 + 4 * 326))" ]] || fail "contact sheet is $(png_size "$work/week.png")"
    "$KIOSK_PACK" preview "$content" --size 1080x1920 --from 2020-11-08T08:00:00+08:00 --to 2020-11-08T09:00:00+08:00 \
        --every 30m "$work/p.png" 2>/dev/null || fail "preview of a bundle folder failed"
    "$KIOSK_PACK" preview "$content" --size 1080x1920 --from 2020-11-08T08:00:00+08:00 --to 2020-11-09T09:00:00+08:00 \
        --every 1m "$work/p.png" 2>"$work/err"
    [[ $? == 2 ]] && grep -q "more than 400" "$work/err" || fail "too many frames not refused"
    ;;
partial-redraw-matches-whole)
    # On a still slide only the ticker's slogan (here a long one giving way to a short one) and the
    # clock change, and in a crossfade only the incoming slide's alpha: the software renderer
    # draws only those parts over the last frame. Each picture must be the one drawn whole at the
    # same moment.
    cat >"$work/r.replay" <<'REPLAY'
20.3  shot e.png
20.7  shot f.png
65    shot a.png
69.5  shot b.png
70.5  shot c.png
75    shot d.png
REPLAY
    (cd "$work" && "$kiosk" --content "$content" --headless --size 1280x720 \
        --clock 2020-11-09T10:29:50+08:00 --replay r.replay --stats >out 2>err) ||
        { cat "$work/err" >&2; fail "the replay failed"; }
    parts=$(sed -nE 's/.*drawn in part ([0-9]+);.*/\1/p' "$work/out")
    (( ${parts:-0} >= 3 )) || fail "too few frames were drawn in part: $(cat "$work/out")"
    for shot in e:20.3 f:20.7 a:65 b:69.5 c:70.5 d:75; do
        run --content "$content" --size 1280x720 --clock 2020-11-09T10:29:50+08:00 \
            --after "${shot#*:}" --screenshot "$work/whole.png"
        expect_code 0
        cmp -s "$work/${shot%%:*}.png" "$work/whole.png" ||
            fail "the frame at ${shot#*:} s drawn in part differs from the one drawn whole"
    done
    ;;
week-of-proof-of-play)
    # A simulated week through the real player: every day has a file, and the report adds up.
    run --content "$content" --size 640x360 --clock 2020-11-08T00:00:00+08:00 --after 604800 \
        --screenshot "$work/s.png" --play-log "$work/log" --display-id hall-a-1
    expect_code 0
    for d in 08 09 10 11 12 13 14; do
        [[ -s $work/log/play-2020-11-$d.csv ]] || fail "no proof of play for 2020-11-$d"
    done
    "$KIOSK_PACK" report "$work/log" >"$work/week.csv" || fail "report failed"
    # Each day's slides fill the day: 1440 minutes on screen (the last slide may run past midnight).
    awk -F, '$3 == "TOTAL" { if ($5 < 1430 || $5 > 1442) bad = bad " " $1 "=" $5 } END { if (bad) { print "minutes:" bad; exit 1 } }' \
        "$work/week.csv" || fail "a day's minutes on screen do not add up"
    [[ $(grep -c ',TOTAL,' "$work/week.csv") == 7 ]] || fail "not seven days in the report"
    grep -q '^2020-11-12,hall-a-1,drill,1,5.0,0$' "$work/week.csv" || fail "the five-minute drill is not in the report once"
    ! grep -q '^2020-11-09,hall-a-1,launch,' "$work/week.csv" || fail "the launch poster was shown after its window"
    "$KIOSK_PACK" report "$work/log" --day 2020-11-10 >"$work/day.csv"
    [[ $(cut -d, -f1 "$work/day.csv" | sort -u | grep -c 2020) == 1 ]] || fail "--day gave other days"
    ;;
text-from-the-field)
    # Notices as people write them (tests/e2e/text-source): flags and emoji sequences, ℃, pinyin,
    # Markdown lists and emphasis, and a notice too long for one page. check names the long one
    # with its pages; the display draws every slide without dying, emoji in colour, pages in turn.
    text_src="$src/tests/e2e/text-source"
    "$KIOSK_PACK" check "$text_src" --now 2020-10-01T09:00:00+08:00 2>"$work/check.err" ||
        { cat "$work/check.err" >&2; fail "check failed"; }
    grep -q "notices/long-notice.md: needs 2 pages at 1920x1080" "$work/check.err" ||
        { cat "$work/check.err" >&2; fail "check does not say the long notice needs its pages"; }
    ! grep -q "no font\|is cut" "$work/check.err" || { cat "$work/check.err" >&2; fail "check found text that cannot be drawn"; }
    "$KIOSK_PACK" build "$text_src" "$work/text-bundle" --now 2020-10-01T09:00:00+08:00 2>/dev/null || fail "build failed"
    for shot in national-day:1 visitor-guide:1 long-notice:1 long-notice:31; do
        slide=${shot%%:*} after=${shot##*:}
        run --content "$work/text-bundle" --size 1920x1080 --clock 2020-10-01T09:00:00+08:00 \
            --slide "$slide" --after "$after" --screenshot "$work/$slide-$after.png" --draw-list "$work/$slide-$after.txt"
        expect_code 0
    done
    # The flags, the family, the skin tone and the keycap are pictures in colour on the white panel.
    /usr/bin/python3 - "$work/national-day-1.png" <<'PY' || fail "the emoji are not drawn in colour"
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
w, h = im.size
coloured = sum(1 for x in range(60, w - 60, 2) for y in range(170, h - 120, 2)
               if (lambda p: max(p) - min(p) > 90 and max(p) > 150)(im.getpixel((x, y))))
sys.exit(0 if coloured > 400 else 1)
PY
    grep -q ' 1/2$' "$work/long-notice-1.txt" || fail "the long notice's first page has no 1/2 marker"
    grep -q ' 2/2$' "$work/long-notice-31.txt" || fail "the long notice does not turn to its second page"
    grep -q '安全须知' "$work/long-notice-31.txt" || fail "the safety paragraph is not on the last page"
    ! grep -q '…' "$work/long-notice-1.txt" "$work/long-notice-31.txt" || fail "the long notice was cut"
    grep -q '一号馆' "$work/visitor-guide-1.txt" && grep -qE ' 1\.$' "$work/visitor-guide-1.txt" ||
        fail "the numbered list is not drawn as items"
    ! grep -qE '\*\*|_现代农业_|\]\(' "$work/visitor-guide-1.txt" || fail "Markdown marks reached the screen"
    "$KIOSK_PACK" preview "$text_src" --size 1920x1080 --slide national-day "$work/preview.png" 2>"$work/err" ||
        { cat "$work/err" >&2; fail "preview of the emoji notice failed"; }
    ;;
screens-as-documented)
    # Every screen of docs/screenshots/ that the kiosk draws, drawn again by this build and
    # compared pixel for pixel: a change that moves a pixel of any slide kind, touch screen or
    # notice shows here (regenerate them with tools/make-screenshots and review the pictures).
    KIOSK="$kiosk" bash "$src/tools/make-screenshots" "$work/shots" >"$work/out" 2>&1 ||
        { cat "$work/out" >&2; fail "make-screenshots failed"; }
    /usr/bin/python3 - "$work/shots" "$src/docs/screenshots" <<'PY' || fail "screens differ from docs/screenshots"
import os, sys
from PIL import Image, ImageChops
shots, docs = sys.argv[1], sys.argv[2]
bad = []
# The admin screen shows the machine's addresses and the program's uptime.
names = sorted(n for n in os.listdir(shots) if n.endswith(".png") and n != "browse-admin.png")
for n in names:
    a = Image.open(os.path.join(shots, n)).convert("RGB")
    if not os.path.exists(os.path.join(docs, n)):
        bad.append(n + ": not in docs/screenshots")
        continue
    b = Image.open(os.path.join(docs, n)).convert("RGB")
    if a.size != b.size:
        bad.append(f"{n}: {a.size} against {b.size}")
        continue
    diff = ImageChops.difference(a, b)
    if diff.getbbox() is not None:
        count = sum(1 for p in diff.getdata() if p != (0, 0, 0))
        bad.append(f"{n}: {count} pixels differ, within {diff.getbbox()}")
print(f"{len(names)} screens compared")
for line in bad:
    print("differs: " + line, file=sys.stderr)
sys.exit(1 if bad or len(names) < 30 else 0)  # All of them, not a few that happened to be made.
PY
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
echo "PASS: $case_name"
