#!/usr/bin/env bash
# The fleet view against nginx on loopback running the shipped site (deploy/nginx), WebDAV PUT
# with a password per display, and the dashboard page in headless Chromium.
# Usage: fleet_e2e.sh KIOSK KIOSK_PACK SOURCE_DIR CASE
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
"$pack" build "$src/tools/sample/source" "$work/bundle" >/dev/null 2>&1 || fail "build"
"$pack" publish "$work/bundle" "$webroot" --channel hall-a --key "$work/key" >/dev/null 2>&1 || fail "publish"

config() { # FLEET-URL [INTERVAL]
    cat >"$work/display.json" <<JSON
// A display of hall A (comments are allowed in the config).
{"display_id": "hall-a-1", "server": "$base/", "channel": "hall-a",
 "trusted_keys": ["$(cat "$work/key.pub")"], "poll_interval_s": 1, "cache_dir": "$work/cache",
 "fleet": {"url": "$1", "password_file": "$work/hall-a-1.password", "interval_s": ${2:-10}}}
JSON
}

run_kiosk() { # SECONDS
    "$kiosk" --config "$work/display.json" --content "$work/none" --headless --size 640x360 \
        --clock 2020-11-10T10:00:00+08:00 --run-for "$1" >"$work/out" 2>"$work/log" || { cat "$work/log" >&2; fail "kiosk exited $?"; }
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
    run_kiosk 5
    dir="$status_root/fleet/hall-a-1"
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
    run_kiosk 3
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
    run_kiosk 5
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
*)
    fail "unknown case $case_name"
    ;;
esac
echo "PASS: $case_name"
