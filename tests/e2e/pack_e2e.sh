#!/usr/bin/env bash
# kiosk-pack and the kiosk on operators' real files: photos as phones take them, spreadsheets as
# spreadsheet programs save them, a slide checked at full size, a PIN typed on a terminal.
# Usage: pack_e2e.sh KIOSK KIOSK_PACK SOURCE_DIR CASE
set -uo pipefail
kiosk=$1
pack=$2
src=$3
case_name=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
py=/usr/bin/python3 # Debian's, with PIL and openpyxl.
export SDL_VIDEODRIVER=offscreen

# shellcheck source=tests/e2e/lib.sh
source "$src/tests/e2e/lib.sh"

case $case_name in
slide-preview)
    # One slide at full size, with the header and the ticker, whatever its window.
    "$pack" preview "$src/tools/sample/source" --size 1920x1080 --slide epidemic-rules \
        --at 2020-11-09T10:00:00+08:00 "$work/notice.png" 2>"$work/err" ||
        { cat "$work/err" >&2; fail "preview --slide failed"; }
    [[ $(png_size "$work/notice.png") == 1920x1080 ]] || fail "the slide is $(png_size "$work/notice.png")"
    "$pack" preview "$src/content" --size 1080x1920 --slide launch "$work/poster.png" 2>"$work/err" ||
        { cat "$work/err" >&2; fail "preview --slide of a bundle failed"; }
    [[ $(png_size "$work/poster.png") == 1080x1920 ]] || fail "the poster is $(png_size "$work/poster.png")"
    # The header's red band is at the top of both.
    $py - "$work/notice.png" "$work/poster.png" <<'PY' || fail "no header on the slide"
import sys
from PIL import Image
for f in sys.argv[1:]:
    r, g, b = Image.open(f).convert("RGB").getpixel((4, 4))
    assert r > 150 and g < 60 and b < 60, (f, r, g, b)
PY
    "$pack" preview "$src/content" --size 1920x1080 --slide nowhere "$work/x.png" 2>"$work/err"
    [[ $? == 2 ]] && grep -q 'no slide "nowhere"' "$work/err" || { cat "$work/err" >&2; fail "an unknown slide not refused"; }
    ;;
pin-without-echo)
    # On a terminal the PIN is read without echo: it appears nowhere in what the terminal shows.
    $py - "$pack" <<'PY' || fail "the PIN was echoed"
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "pin"])
seen = b""
while b"not shown" not in seen:
    seen += os.read(fd, 1024)
os.write(fd, b"97531\n")
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
_, status = os.waitpid(pid, 0)
assert os.waitstatus_to_exitcode(status) == 0, seen
text = seen.decode()
hash_line = [l for l in text.splitlines() if l.startswith("pbkdf2")]
assert hash_line, text
assert "97531" not in text.replace(hash_line[0], ""), text
PY
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
echo "ok: $case_name"
