#!/usr/bin/env bash
# Running unattended against nginx on loopback with the shipped site (deploy/nginx): the fleet
# view (WebDAV PUT with a password per display, the dashboard page in headless Chromium) and the
# night schedule (black screen, power commands, updates still taken at night).
# Usage: unattended_e2e.sh KIOSK KIOSK_PACK SOURCE_DIR CASE
set -uo pipefail
kiosk=$1
pack=$2
src=$3
case_name=$4
work=$(mktemp -d)
cleanup() {
    [[ -f $work/nginx/nginx.pid ]] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
    sleep 0.1
    [[ -n ${KEEP_WORK:-} ]] || rm -rf "$work"; [[ -n ${KEEP_WORK:-} ]] && echo "kept $work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f $work/nginx/error.log ]] && tail -5 "$work/nginx/error.log" >&2; exit 1; }
python=$(command -v python3 || echo /usr/bin/python3)

webroot="$work/www"
status_root="$work/status"
mkdir -p "$webroot" "$status_root/fleet" "$work/nginx/tmp"
cp -r "$src/deploy/dashboard" "$status_root/"
# One password per display, and one for a technician who only reads.
for user in hall-a-1:pw-one hall-a-2:pw-two technician:pw-tech; do
    printf '%s:%s\n' "${user%%:*}" "$(openssl passwd -apr1 "${user#*:}")"
done >"$work/fleet.htpasswd"
printf 'pw-one\n' >"$work/hall-a-1.password"

# The shipped site, with this machine's paths and a free loopback port.
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $nginx ]] || fail "nginx is not installed (deploy/install-deps.sh --test)"
for attempt in $(seq 1 20); do
    port=$((20000 + RANDOM % 20000))
    {
        printf 'user root;\nworker_processes 1;\ndaemon on;\npid %s/nginx/nginx.pid;\nerror_log %s/nginx/error.log warn;\n' "$work" "$work"
        printf 'events { worker_connections 64; }\nhttp {\n'
        printf 'client_body_temp_path %s/nginx/tmp; proxy_temp_path %s/nginx/tmp; fastcgi_temp_path %s/nginx/tmp;\n' "$work" "$work" "$work"
        printf 'uwsgi_temp_path %s/nginx/tmp; scgi_temp_path %s/nginx/tmp;\n' "$work" "$work"
        sed -e "s|listen 80;|listen 127.0.0.1:$port;|" -e '/listen \[::\]:80;/d' \
            -e "s|root /srv/kiosk-status;|root $status_root;|" -e "s|root /srv/kiosk;|root $webroot;|" \
            -e "s|/etc/nginx/kiosk-fleet.htpasswd|$work/fleet.htpasswd|" \
            -e "s|/var/log/nginx/kiosk-access.log|$work/nginx/access.log|" \
            "$src/deploy/nginx/kiosk-content.conf"
        printf '}\n'
    } >"$work/nginx/nginx.conf"
    "$nginx" -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>"$work/nginx/start.err" && break
    port=""
done
[[ -n $port ]] || { cat "$work/nginx/start.err" >&2; fail "nginx did not start"; }
base="http://127.0.0.1:$port"

# A published channel, so the display has a version to report.
"$pack" keygen "$work/key" >/dev/null 2>&1 || fail "keygen"
cp -r "$src/tools/sample/source" "$work/source"
"$pack" build "$work/source" "$work/bundle" >/dev/null 2>&1 || fail "build"
"$pack" publish "$work/bundle" "$webroot" --channel hall-a --key "$work/key" >/dev/null 2>&1 || fail "publish"

config() { # FLEET-URL [INTERVAL] [EXTRA-JSON]
    cat >"$work/display.json" <<JSON
// A display of hall A (comments are allowed in the config).
{"display_id": "hall-a-1", "server": "$base/", "channel": "hall-a",
 "trusted_keys": ["$(cat "$work/key.pub")"], "poll_interval_s": 1, "cache_dir": "$work/cache",
 "fleet": {"url": "$1", "password_file": "$work/hall-a-1.password", "interval_s": ${2:-10}} ${3:-}}
JSON
}

# The display in the background until stop_kiosk; the test waits for what it does, never for a
# time (--run-for only guards against a hang).
start_kiosk() { # [KIOSK OPTIONS…]
    "$kiosk" --config "$work/display.json" --content "$work/none" --headless --size 640x360 \
        --clock 2020-11-10T10:00:00+08:00 --run-for 300 "$@" >"$work/out" 2>"$work/log" &
    kiosk_pid=$!
}
stop_kiosk() {
    kill -TERM "$kiosk_pid" 2>/dev/null
    wait "$kiosk_pid" || { cat "$work/log" >&2; fail "kiosk exited $?"; }
}
# Until COMMAND succeeds (a guard of 90 s against a hang).
wait_until() { # WHAT COMMAND…
    local what=$1 end=$((SECONDS + 90))
    shift
    until "$@"; do
        ((SECONDS < end)) || { cat "$work/log" >&2; fail "$what never happened"; }
        kill -0 "$kiosk_pid" 2>/dev/null || { cat "$work/log" >&2; fail "the kiosk ended before $what"; }
        sleep 0.05
    done
}
logged() { grep -qF -- "$1" "$work/log"; }

# True when every pixel of an 8-bit RGB PNG is black: after inflating, every byte of each
# scanline but its filter byte is 0 (whatever the filter, zeros stay zeros).
png_black() {
    "$python" - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w = struct.unpack(">I", body[:4])[0]
    if kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = 1 + 3 * w
sys.exit(0 if all(b == 0 for i, b in enumerate(raw) if i % stride) else 1)
PY
}

http() { # USER:PASS METHOD PATH [FILE]
    local auth=() data=()
    [[ -n $1 ]] && auth=(-u "$1")
    [[ -n ${4:-} ]] && data=(--data-binary "@$4")
    curl -s -o "$work/body" -w '%{http_code}' "${auth[@]}" -X "$2" "${data[@]}" "$base$3"
}
expect_http() { # CODE USER:PASS METHOD PATH [FILE]
    local got
    got=$(http "${@:2}")
    [[ $got == "$1" ]] || fail "$3 $4 as '${2%%:*}': HTTP $got, expected $1"
}

png_size() {
    local w h
    w=$(od -An -tu1 -j16 -N4 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
    h=$(od -An -tu1 -j20 -N4 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
    echo "${w}x${h}"
}

case $case_name in
fleet-upload)
    config "$base/fleet/"
    start_kiosk
    dir="$status_root/fleet/hall-a-1"
    # The report after the first version went on screen names the sync.
    wait_until "a report with a sync" grep -q '"last_sync": "' "$dir/status.json"
    wait_until "a screenshot" test -s "$dir/screen.png"
    stop_kiosk
    [[ -s $dir/status.json && -s $dir/screen.png ]] || { cat "$work/log" >&2; fail "no status or screenshot uploaded"; }
    [[ $(png_size "$dir/screen.png") == 320x180 ]] || fail "the screenshot is $(png_size "$dir/screen.png"), not 320x180"
    "$python" - "$dir/status.json" <<'PY' || fail "status.json is not as expected: $(cat "$dir/status.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["display_id"] == "hall-a-1", s
assert s["bundle_version"] >= 1 and s["stored_version"] >= 1, s
assert s["screen_on"] is True and s["interval_s"] == 10
assert s["last_sync"] is not None and s["uptime_s"] >= 0 and s["free_disk_bytes"] > 0
for k in ("time", "last_error", "network_address", "current_slide", "program_version"):
    assert k in s, k
PY
    # Uploads go through the real server's log, as this display.
    grep -q 'PUT /fleet/hall-a-1/status.json HTTP/1.1" 201\|PUT /fleet/hall-a-1/status.json HTTP/1.1" 204' "$work/nginx/access.log" ||
        fail "no PUT in the access log"
    ;;
fleet-wrong-password)
    # A wrong password is refused by the server and said in the display's log; the screen goes on.
    printf 'not-the-password\n' >"$work/hall-a-1.password"
    config "$base/fleet/"
    start_kiosk
    wait_until "the refused upload" logged "HTTP 401"
    wait_until "a version on screen" logged "now showing bundle"
    stop_kiosk
    grep -q "fleet: PUT $base/fleet/hall-a-1/screen.png: HTTP 401 (wrong display id or password)" "$work/log" ||
        { cat "$work/log" >&2; fail "no 401 line in the log"; }
    [[ ! -e $status_root/fleet/hall-a-1/status.json ]] || fail "a status was stored with a wrong password"
    grep -q "now showing bundle" "$work/log" || fail "the display did not play"
    ;;
fleet-permissions)
    echo '{"display_id": "x"}' >"$work/s.json"
    expect_http 201 hall-a-1:pw-one PUT /fleet/hall-a-1/status.json "$work/s.json"
    expect_http 204 hall-a-1:pw-one PUT /fleet/hall-a-1/status.json "$work/s.json"
    expect_http 401 hall-a-1:wrong PUT /fleet/hall-a-1/status.json "$work/s.json"
    expect_http 401 "" PUT /fleet/hall-a-1/status.json "$work/s.json"
    # Another display's folder, even with a good password.
    expect_http 403 hall-a-1:pw-one PUT /fleet/hall-a-2/status.json "$work/s.json"
    expect_http 403 technician:pw-tech PUT /fleet/hall-a-1/status.json "$work/s.json"
    # Only the two files, only PUT and GET.
    expect_http 403 hall-a-1:pw-one PUT /fleet/hall-a-1/other.html "$work/s.json"
    expect_http 403 hall-a-1:pw-one DELETE /fleet/hall-a-1/status.json
    expect_http 403 hall-a-1:pw-one PUT /fleet/index.html "$work/s.json"
    expect_http 405 hall-a-1:pw-one PUT /dashboard/index.html "$work/s.json"
    # Reading needs a password; a technician reads every display.
    expect_http 401 "" GET /fleet/hall-a-1/status.json
    expect_http 200 technician:pw-tech GET /fleet/hall-a-1/status.json
    expect_http 200 technician:pw-tech GET /fleet/
    grep -q '"name":"hall-a-1"' "$work/body" || fail "the fleet index does not list hall-a-1: $(cat "$work/body")"
    expect_http 401 "" GET /dashboard/
    expect_http 200 technician:pw-tech GET /dashboard/
    # The content itself stays as it was: no writing there.
    expect_http 405 hall-a-1:pw-one PUT /channels/hall-a/manifest.json "$work/s.json"
    ;;
dashboard)
    chromium=$(command -v chromium || echo /usr/bin/chromium)
    [[ -x $chromium ]] || fail "chromium is not installed (deploy/install-deps.sh --test)"
    # hall-a-1 reports now, through the real program; hall-a-2 last reported two hours ago.
    config "$base/fleet/"
    start_kiosk
    wait_until "a report" test -s "$status_root/fleet/hall-a-1/status.json"
    wait_until "a screenshot" test -s "$status_root/fleet/hall-a-1/screen.png"
    stop_kiosk
    cp "$status_root/fleet/hall-a-1/screen.png" "$work/old.png"
    "$python" - "$work/s2.json" <<'PY'
import json, sys
json.dump({"display_id": "hall-a-2", "bundle_version": 7, "stored_version": 7, "screen_on": True,
           "time": "2020-11-10T00:00:00.000Z", "uptime_s": 86400, "last_sync": None,
           "last_error": "channel hall-a: cannot reach the server: Couldn't connect to server",
           "free_disk_bytes": 1 << 30, "network_address": "10.0.0.12", "interval_s": 300},
          open(sys.argv[1], "w"))
PY
    expect_http 201 hall-a-2:pw-two PUT /fleet/hall-a-2/screen.png "$work/old.png"
    expect_http 201 hall-a-2:pw-two PUT /fleet/hall-a-2/status.json "$work/s2.json"
    touch -d '-2 hours' "$status_root/fleet/hall-a-2/status.json"
    url="http://technician:pw-tech@127.0.0.1:$port/dashboard/"
    flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run
           --user-data-dir="$work/chromium" --virtual-time-budget=5000 --window-size=1000,700)
    timeout 60 "$chromium" "${flags[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/chromium.err" ||
        { tail -5 "$work/chromium.err" >&2; fail "chromium failed"; }
    "$python" - "$work/dom.html" <<'PY' || fail "the dashboard is not as expected"
import html.parser, sys
class Tiles(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.tiles = {}; self.cur = None; self.field = None; self.summary = ""; self.in_summary = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "tile" in a.get("class", ""):
            self.cur = self.tiles.setdefault(a["data-display"], {"class": a["class"], "text": "", "img": ""})
        if tag == "img" and self.cur is not None:
            self.cur["img"] = a.get("src", "")
        if a.get("id") == "summary":
            self.in_summary = True
    def handle_endtag(self, tag):
        if tag == "section":
            self.cur = None
        if tag == "span":
            self.in_summary = False
    def handle_data(self, data):
        if self.cur is not None:
            self.cur["text"] += data + "|"
        if self.in_summary:
            self.summary += data
p = Tiles(); p.feed(open(sys.argv[1], encoding="utf-8").read())
t = p.tiles
print("tiles:", {k: (v["class"], v["text"][:90]) for k, v in t.items()}, "summary:", p.summary)
assert set(t) == {"hall-a-1", "hall-a-2"}, t.keys()
assert "stale" not in t["hall-a-1"]["class"], "a display that just reported is shown in red"
assert "stale" in t["hall-a-2"]["class"], "a display silent for two hours is not shown in red"
assert "NOT HEARD FROM" in t["hall-a-2"]["text"]
assert "Couldn't connect to server" in t["hall-a-2"]["text"]
assert "|7|" in t["hall-a-2"]["text"], "hall-a-2's version is missing"
assert "2 h ago" in t["hall-a-2"]["text"]
assert "/fleet/hall-a-1/screen.png" in t["hall-a-1"]["img"], t["hall-a-1"]["img"]
assert p.summary.startswith("2 displays, 1 not heard from"), p.summary
PY
    # The thumbnail really loads (same credentials as the page).
    grep -q 'GET /fleet/hall-a-1/screen.png?seen=[0-9]* HTTP/1.1" 200' "$work/nginx/access.log" ||
        fail "the dashboard did not load the screenshot"
    if [[ -n ${KIOSK_DASHBOARD_SHOT:-} ]]; then
        timeout 60 "$chromium" "${flags[@]}" --screenshot="$KIOSK_DASHBOARD_SHOT" "$url" 2>/dev/null
    fi
    ;;
night)
    # On-hours 07:00-22:00 from 21:59:30, on a clock the test drives (--step-clock): off at 22:00,
    # held at 02:00 while the test looks at the night, then on to 07:30, on again at 07:00. A new
    # version published at night is taken at once.
    config "$base/fleet/" 10 ', "on_hours": {"daily": "07:00-22:00"}, "utc_offset": "+08:00",
        "screen_off_command": "echo off >>'"$work"'/power.log; echo display_power=0",
        "screen_on_command": "echo on >>'"$work"'/power.log", "play_log_dir": "'"$work"'/play"'
    mkfifo "$work/steps"
    "$kiosk" --config "$work/display.json" --content "$work/none" --headless --size 640x360 --clock 2020-11-10T21:59:30+08:00 \
        --speed 6000 --step-clock --run-until 2020-11-11T07:30:00+08:00 --run-for 300 <"$work/steps" >"$work/out" 2>"$work/log" &
    kiosk_pid=$!
    exec 3>"$work/steps"
    echo 2020-11-11T02:00:00+08:00 >&3
    wait_until "02:00" grep -q "^clock at" "$work/out"
    # Night: the report shows a black screen and says so.
    wait_until "a report at night" grep -q '"screen_on": false' "$status_root/fleet/hall-a-1/status.json"
    wait_until "a screenshot at night" test -s "$status_root/fleet/hall-a-1/screen.png"
    png_black "$status_root/fleet/hall-a-1/screen.png" || fail "the screen is not black at night"
    # An update at night, taken while it is still night (the clock stands at 02:00).
    sed -i 's/^version = .*/version = 2/' "$work/source/settings.ini"
    "$pack" build "$work/source" "$work/bundle2" >/dev/null 2>&1 || fail "build v2"
    "$pack" publish "$work/bundle2" "$webroot" --channel hall-a --key "$work/key" >/dev/null 2>&1 || fail "publish v2"
    wait_until "version 2 at night" logged "now showing bundle 2"
    exec 3>&- # The end of the steps: the clock runs on to 07:30, and the display stops there.
    wait "$kiosk_pid" || { cat "$work/log" >&2; fail "kiosk failed"; }
    grep -q "night: screen off until 2020-11-11T07:00:00+08:00" "$work/log" || { cat "$work/log" >&2; fail "no 'screen off' line"; }
    grep -q "night: screen on until 2020-11-11T22:00:00+08:00" "$work/log" || { cat "$work/log" >&2; fail "no 'screen on' line"; }
    # "on" at start, then off, then on; a command that a newer one overtook before it ran is
    # not run.
    power=$(tr '\n' ' ' <"$work/power.log")
    [[ $power == "on off on " || $power == "off on " ]] || fail "power commands: $power"
    grep -q 'power: screen off: `echo off.*` done: display_power=0' "$work/log" || fail "the power command's result is not logged"
    # Version 2 arrived and was taken during the night, not held for the morning.
    taken=$(grep -n "now showing bundle 2" "$work/log" | head -1 | cut -d: -f1)
    morning=$(grep -n "night: screen on until" "$work/log" | head -1 | cut -d: -f1)
    [[ -n $taken && $taken -lt $morning ]] || { cat "$work/log" >&2; fail "version 2 was not taken at night"; }
    # Proof of play: nothing shown between 22:00 and 07:00, slides before and after.
    "$python" - "$work/play" <<'PY' || fail "proof of play during the night"
import csv, glob, sys
from datetime import datetime
t = datetime.fromisoformat
rows = [r for f in sorted(glob.glob(sys.argv[1] + "/play-*.csv")) for r in csv.DictReader(open(f)) if r["type"] == "slide"]
night_start, night_end = t("2020-11-10T22:00:00+08:00"), t("2020-11-11T07:00:00+08:00")
night = [r for r in rows if t(r["end"]) > night_start and t(r["start"]) < night_end]
assert not night, night[:3]
assert any(t(r["start"]) >= night_end and r["bundle"] == "hall-a/2" for r in rows), "nothing of v2 in the morning"
print(len(rows), "slides shown, none at night")
PY
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
echo "PASS: $case_name"
