#!/usr/bin/env bash
# Touch browsing, lockdown and the admin screen through the real binary: replay files of timed
# input go through SDL's event queue and the same handlers as live input, in simulated time.
# Usage: touch.sh KIOSK SOURCE_DIR CASE   (KIOSK_PACK: the kiosk-pack binary)
set -uo pipefail
kiosk=$1
src=$2
case_name=$3
replays="$src/tests/e2e/replay"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

# shellcheck source=tests/e2e/lib.sh
source "$src/tests/e2e/lib.sh"
# replay FILE SIZE CLOCK [more kiosk options]: runs it headless; keeps the log and exit code.
replay() {
    local file=$1 size=$2 clock=$3
    shift 3
    "$kiosk" --content "$src/content" --headless --size "$size" --clock "$clock" \
        --replay "$replays/$file" "$@" >out 2>err
    echo $? >code
}
expect_code() { [[ $(cat code) == "$1" ]] || { cat err >&2; fail "exit code $(cat code), expected $1"; }; }
expect_err() { grep -qF -- "$1" err || { cat err >&2; fail "the log lacks: $1"; }; }
# A display config with an admin PIN (2468), held for HOLD seconds (5), and no reachable server
# (replays do not sync).
make_config() { # [HOLD]
    "$KIOSK_PACK" keygen key >/dev/null 2>&1 || fail "keygen"
    local hash
    hash=$(echo 2468 | "$KIOSK_PACK" pin) || fail "kiosk-pack pin"
    cat >display.json <<JSON
{"display_id": "hall-a-1", "server": "http://127.0.0.1:9/", "channel": "weifang",
 "trusted_keys": ["$(cat key.pub)"], "cache_dir": "$work/cache",
 "touch": {"admin_pin": "$hash", "admin_corner": "top-left", "admin_hold_s": ${1:-5}}}
JSON
}

case $case_name in
browse-landscape | browse-portrait)
    size=1920x1080
    [[ $case_name == browse-portrait ]] && size=1080x1920
    replay browse.replay "$size" 2020-11-09T10:30:00+08:00
    expect_code 0
    expect_err "0 failed"
    shots=(home gallery pressed poster schedule results about online)
    for s in "${shots[@]}"; do
        [[ -s $s.png ]] || fail "$s.png was not written"
        [[ $(png_size "$s.png") == "$size" ]] || fail "$s.png is $(png_size "$s.png")"
    done
    # Every screen looks different (no blank or repeated screen), and the press changed pixels.
    dupes=$(md5sum ./*.png | awk '{print $1}' | sort | uniq -d | wc -l)
    [[ $dupes == 0 ]] || fail "some screens are identical: $(md5sum ./*.png)"
    # The QR codes on the online page read back as the bundle's addresses.
    decoded=$(zbarimg --quiet --raw online.png) || fail "zbarimg read no code in online.png"
    grep -qx "https://live.example.org/weifang-2020/skills" <<<"$decoded" || fail "QR: $decoded"
    grep -qx "https://expo.example.org/weifang-2020/cloud-week" <<<"$decoded" || fail "QR: $decoded"
    ;;
qr-slide)
    # The slideshow's QR slide reads back as its link's address, in both orientations.
    for size in 1920x1080 1080x1920; do
        "$kiosk" --content "$src/content" --size $size --clock 2020-11-09T10:30:00+08:00 \
            --slide live-qr --screenshot "qr-$size.png" 2>err || { cat err >&2; fail "no screenshot"; }
        decoded=$(zbarimg --quiet --raw "qr-$size.png") || fail "zbarimg read no code at $size"
        [[ $decoded == "https://live.example.org/weifang-2020/skills" ]] || fail "QR at $size: $decoded"
    done
    ;;
gallery-ends)
    replay gallery-ends.replay 1920x1080 2020-11-09T10:30:00+08:00
    expect_code 0
    expect_err "0 failed"
    ;;
idle-back-to-slideshow)
    replay idle.replay 1920x1080 2020-11-09T10:30:00+08:00 --play-log log --display-id hall-a-1
    expect_code 0
    expect_err "no touch for 60 s: back to the slideshow"
    # Proof of play counts the touches, and where they landed.
    grep -q "touch.*browse:home" log/*.csv || fail "no touch on the home screen in $(cat log/*.csv)"
    [[ $(grep -c '^touch' log/*.csv) -ge 3 ]] || fail "touches missing: $(grep touch log/*.csv)"
    ;;
emergency-while-browsing)
    replay emergency.replay 1920x1080 2020-11-12T09:59:00+08:00
    expect_code 0
    expect_err "an emergency notice (or the night) takes the screen: browsing closed"
    ;;
lockdown-keys)
    replay lockdown.replay 1920x1080 2020-11-09T10:30:00+08:00
    expect_code 0
    expect_err "kiosk mode ignores every key (first: Alt+F4)"
    expect_err "a request to close the window was ignored"
    expect_err "the window lost focus or was hidden: raised again"
    ;;
lockdown-keys-in-a-window)
    # A real fullscreen window in a virtual X screen: the keyboard grab and raising run for real.
    # Leak checking is off in a real window (as in e2e.sh): D-Bus and Mesa, loaded by SDL, keep
    # allocations for the life of the process.
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" xvfb-run -a -s "-screen 0 1280x720x24" "$kiosk" --content "$src/content" \
        --clock 2020-11-09T10:30:00+08:00 --replay "$replays/lockdown.replay" >out 2>err
    echo $? >code
    expect_code 0
    expect_err "0 failed"
    [[ $(png_size still-here.png) == 1280x720 ]] || fail "still-here.png is $(png_size still-here.png)"
    ;;
admin-pin)
    make_config
    replay admin.replay 1080x1920 2020-11-09T10:30:00+08:00 --config display.json
    expect_code 0
    expect_err "admin corner held: PIN asked"
    expect_err "wrong PIN (3 in a row, 3 since the start)"
    expect_err "PIN accepted: status screen open"
    expect_err "exit chosen on the status screen"
    for s in pin-wrong pin-locked admin; do [[ -s $s.png ]] || fail "$s.png missing"; done
    ;;
admin-without-pin)
    printf '1 hold 20 20 6\n7.5 expect screen pin\n' >nopin.replay
    "$kiosk" --content "$src/content" --headless --size 1920x1080 \
        --clock 2020-11-09T10:30:00+08:00 --replay nopin.replay >out 2>err
    echo $? >code
    # The check fails: without a PIN in the config there is no admin screen.
    expect_code 1
    expect_err "no admin PIN is configured"
    expect_err "line 2: expected the pin screen, the home screen is showing"
    ;;
live-clicks-in-a-window)
    # The live loop in a real fullscreen window: X input from xdotool, not a replay.
    cat >live.sh <<'SH'
"$1" --content "$2/content" --clock 2020-11-09T10:30:00+08:00 --play-log plog --verbose 2>err &
pid=$!
source "$2/tests/e2e/lib.sh"
xdotool search --sync --onlyvisible --name '^kiosk$' >/dev/null
# A click while the window is still going fullscreen can be lost, as a visitor's tap can: tap again.
for _ in $(seq 10); do
    xdotool mousemove 640 360 click 1
    wait_for "touched: home screen open" 20 && break
done
wait_for "touched: home screen open" 1 || echo "no home screen" >>problems
xdotool mousemove 300 300 click 1
xdotool key alt+F4 key Escape key ctrl+q
wait_for "ignored Ctrl+Q" || echo "keys not seen" >>problems
kill -0 $pid || echo "a key ended the program" >>problems
kill -TERM $pid
wait $pid
echo $? >status
SH
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
        xvfb-run -a -s "-screen 0 1280x720x24" bash live.sh "$kiosk" "$src"
    [[ ! -s problems ]] || { cat err >&2; fail "$(cat problems)"; }
    [[ $(cat status) == 0 ]] || fail "exit status $(cat status) after SIGTERM"
    grep -q "^touch.*browse:home" plog/*.csv ||
        fail "the touch on the home screen is not in the play log: $(cat plog/*.csv)"
    ;;
admin-restart-in-a-window)
    # The admin screen's restart, live in a real window: the program starts itself again. The
    # corner is held 6 s for a hold of 2: a busy machine that takes the press late still sees it.
    make_config 2
    # Where the keys are at this size, from a headless replay of the same screens.
    printf '1 hold 20 20 6\n7.5 targets pin.txt\n8 pin 2468\n10 targets admin.txt\n' >where.replay
    "$kiosk" --content "$src/content" --headless --size 1280x720 --config display.json \
        --clock 2020-11-09T10:30:00+08:00 --replay "$work/where.replay" >out 2>err ||
        { cat err >&2; fail "the replay of the admin screens failed"; }
    centre() { awk -v n="$2" '$1 == n { print int($2 + $4 / 2), int($3 + $5 / 2) }' "$1"; }
    {
        echo "pin_keys=("
        for k in digit:2 digit:4 digit:6 digit:8 pin-enter; do echo "\"$(centre pin.txt $k)\""; done
        echo ")"
        echo "restart=\"$(centre admin.txt admin:restart)\""
    } >coords.sh
    cat >live.sh <<'SH'
source ./coords.sh
"$1" --content "$2/content" --config display.json --clock 2020-11-09T10:30:00+08:00 2>err &
pid=$!
source "$2/tests/e2e/lib.sh"
xdotool search --sync --onlyvisible --name '^kiosk$' >/dev/null
for _ in $(seq 5); do
    xdotool mousemove 10 10 mousedown 1
    sleep 6
    xdotool mouseup 1
    wait_for "PIN asked" 20 && break
done
for p in "${pin_keys[@]}"; do xdotool mousemove $p click 1; sleep 0.2; done
wait_for "PIN accepted" || echo "the PIN was not accepted" >>problems
xdotool mousemove $restart click 1
wait_for "started, process" 300 2 || echo "no second start" >>problems
# The new start has its window (and its signal handling) before it is asked to stop.
sleep 0.5
xdotool search --sync --onlyvisible --name '^kiosk$' >/dev/null
sleep 1
kill -0 $pid || echo "the process is gone" >>problems
kill -TERM $pid
wait $pid
echo $? >status
SH
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
        xvfb-run -a -s "-screen 0 1280x720x24" bash live.sh "$kiosk" "$src"
    [[ ! -s problems ]] || { cat err >&2; fail "$(cat problems)"; }
    grep -qF "restart chosen on the status screen" err || fail "no restart in the log"
    [[ $(grep -c "started, process" err) == 2 ]] || fail "expected two starts: $(grep "started, process" err)"
    [[ $(grep "started, process" err | awk '{print $NF}' | sort -u | wc -l) == 1 ]] ||
        fail "the restart was not the same process: $(grep "started, process" err)"
    [[ $(cat status) == 0 ]] || fail "exit status $(cat status) after SIGTERM"
    ;;
signal-ends-kiosk-mode)
    "$kiosk" --content "$src/content" --headless --size 640x360 >out 2>err &
    pid=$!
    # Once it plays (however long the start takes), SIGTERM ends it cleanly.
    wait_for "playing bundle" 900 || { kill -9 $pid; fail "the kiosk never started playing"; }
    kill -TERM $pid
    for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
    kill -0 $pid 2>/dev/null && { kill -9 $pid; fail "SIGTERM did not end the kiosk"; }
    wait $pid
    status=$?
    [[ $status == 0 ]] || { cat err >&2; fail "exit status $status after SIGTERM"; }
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
echo "ok: $case_name"
