#!/usr/bin/env bash
# The install package: built with CPack from this build, installed with apt-get on this machine,
# the installed program run headless as the service's user, then removed.
# Usage: deb.sh CPACK BUILD_DIR. Needs root (CI runs as root); exits 77 (skipped) otherwise.
set -uo pipefail
cpack=$1
build=$2
work=$(mktemp -d)
chmod 755 "$work"
installed=0
cleanup() {
    if ((installed)); then
        apt_get remove --purge -y kiosk >/dev/null 2>&1 || echo "warning: kiosk could not be removed" >&2
    fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
if [[ $(id -u) -ne 0 ]]; then
    echo "SKIP: installing a package needs root"
    exit 77
fi
if dpkg-query -W -f='${Status}' kiosk 2>/dev/null | grep -q "install ok installed"; then
    echo "SKIP: a kiosk package is already installed on this machine; not touching it"
    exit 77
fi
# apt may be busy with another install: wait for its lock.
apt_get() {
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 "$@"
}

(cd "$build" && "$cpack" -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$work"/pkg/kiosk_*.deb 2>/dev/null | head -1)
[[ -n $deb ]] || fail "no .deb was made"
dpkg-deb -f "$deb" Depends | grep -q "libsdl2-2.0-0" || fail "the package does not depend on SDL: $(dpkg-deb -f "$deb" Depends)"

(cd "$work/pkg" && apt_get install -y --no-install-recommends "./$(basename "$deb")") >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "apt-get install failed"; }
installed=1
for f in /usr/bin/kiosk /usr/share/kiosk/fonts/kiosk-cjk.ttf /usr/share/kiosk/content/manifest.json \
         /etc/kiosk/display.json /usr/lib/systemd/system/kiosk.service /usr/lib/systemd/system/kiosk-retry.timer /usr/share/kiosk/server/dashboard/index.html; do
    [[ -e $f ]] || fail "$f is not installed"
done
dpkg-query -W -f='${Conffiles}' kiosk | grep -q /etc/kiosk/display.json || fail "the config is not a conffile"
id kiosk >/dev/null 2>&1 || fail "no kiosk user"
id -nG kiosk | grep -qw video || fail "the kiosk user is not in the video group"

# The unit is well formed (systemd checks it offline).
if command -v systemd-analyze >/dev/null; then
    systemd-analyze verify /usr/lib/systemd/system/kiosk.service /usr/lib/systemd/system/kiosk-retry.timer \
        /usr/lib/systemd/system/kiosk-retry.service >"$work/verify.log" 2>&1 ||
        { cat "$work/verify.log" >&2; fail "systemd-analyze verify"; }
fi

# The installed program, headless, as the unprivileged user: its own fonts and sample content.
install -d -o kiosk "$work/shots"
/usr/bin/kiosk --version | grep -q '^kiosk ' || fail "kiosk --version"
runuser -u kiosk -- /usr/bin/kiosk --size 960x540 --clock 2020-11-08T09:30:00+08:00 --after 20 \
    --screenshot "$work/shots/shot.png" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; fail "the installed kiosk failed"; }
[[ -s $work/shots/shot.png ]] || fail "no screenshot"
runuser -u kiosk -- /usr/bin/kiosk --headless --size 320x180 --run-for 1 --stats >"$work/out" 2>"$work/err" ||
    { cat "$work/err" >&2; fail "the installed kiosk failed live"; }
grep -q "frames drawn" "$work/out" || fail "no frames drawn"
# The default config parses (comments and all) and stops at the key that must be replaced.
runuser -u kiosk -- /usr/bin/kiosk --config /etc/kiosk/display.json --headless --size 320x180 --run-for 1 \
    >"$work/out" 2>"$work/err"
status=$?
[[ $status == 2 ]] || { cat "$work/err" >&2; fail "the default config gave status $status, expected 2"; }
grep -q 'field "trusted_keys\[0\]"' "$work/err" || { cat "$work/err" >&2; fail "the default config's message does not name the key"; }
echo "PASS: $(basename "$deb") ($(stat -c %s "$deb") bytes) installed, run and removed"
