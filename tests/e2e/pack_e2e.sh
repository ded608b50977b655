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
import os, pty, signal, sys
signal.alarm(60)  # A guard against a hang only: a run takes a fraction of a second.
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
phone-photo-upright)
    # A photo taken with the phone held upright (EXIF orientation 6) is shown upright: fitted,
    # covering, on the contact sheet, and in the touch screen's gallery.
    mkdir -p "$work/src/posters"
    $py "$src/tests/e2e/make-phone-photo.py" "$work/src/posters/phone.jpg" "$work/upright.png" ||
        fail "cannot make the photo"
    cat >"$work/src/settings.ini" <<'INI'
[bundle]
version = 1
time_zone = Asia/Shanghai +08:00
[theme]
header = 手机照片
[slide photo]
poster = posters/phone.jpg
fit = fit
[slide photo-cover]
poster = posters/phone.jpg
fit = cover
[playlist]
order = photo, photo-cover
INI
    "$pack" build "$work/src" "$work/bundle" 2>"$work/err" || { cat "$work/err" >&2; fail "build failed"; }
    for size in 1920x1080 1080x1920; do
        for slide in photo photo-cover; do
            "$kiosk" --content "$work/bundle" --size $size --clock 2020-11-08T10:00:00+08:00 --slide $slide \
                --screenshot "$work/$slide-$size.png" --draw-list "$work/$slide-$size.txt" 2>"$work/err" ||
                { cat "$work/err" >&2; fail "screenshot of $slide at $size failed"; }
        done
    done
    "$pack" preview "$work/bundle" --size 1920x1080 --from 2020-11-08T10:00:00+08:00 --to 2020-11-08T10:00:00+08:00 \
        --every 1h "$work/sheet.png" 2>"$work/err" || { cat "$work/err" >&2; fail "preview failed"; }
    # The picture on screen is the upright photo: its shape, and its content (compared with the
    # upright picture, and with the photo as stored, on its side).
    $py - "$work" <<'PY' || fail "the photo is not upright"
import re, sys
from PIL import Image, ImageChops, ImageStat
work = sys.argv[1]
upright = Image.open(f"{work}/upright.png").convert("RGB")
sideways = upright.transpose(Image.Transpose.ROTATE_90)
def diff(a, b):
    return sum(ImageStat.Stat(ImageChops.difference(a, b.resize(a.size))).mean) / 3
def check(shot, box, what):
    crop = Image.open(shot).convert("RGB").crop(box)
    good, bad = diff(crop, upright), diff(crop, sideways)
    print(f"{what}: {box} differs by {good:.1f} from upright, {bad:.1f} from sideways")
    assert good < 12 and bad > 2 * good, what
for size in ("1920x1080", "1080x1920"):
    for slide in ("photo", "photo-cover"):
        text = open(f"{work}/{slide}-{size}.txt").read()
        x, y, w, h, fit = re.search(r"image posters/phone.jpg (\d+),(\d+) (\d+)x(\d+) (\w+)", text).groups()
        x, y, w, h = int(x), int(y), int(w), int(h)
        if fit == "fit":  # Upright 3:4, fitted into the slide's area.
            s = min(w / 3024, h / 4032)
            pw, ph = round(3024 * s), round(4032 * s)
            box = (x + (w - pw) // 2, y + (h - ph) // 2, x + (w + pw) // 2, y + (h + ph) // 2)
            assert ph > pw, (size, pw, ph)
            check(f"{work}/{slide}-{size}.png", box, f"{slide} {size}")
        else:  # Covering: the middle of the upright photo fills the area.
            s = max(w / 3024, h / 4032)
            cw, ch = w / s / 4032 * 400, h / s / 4032 * 400
            ref = upright.crop((round(150 - cw / 2), round(200 - ch / 2), round(150 + cw / 2), round(200 + ch / 2)))
            crop = Image.open(f"{work}/{slide}-{size}.png").convert("RGB").crop((x, y, x + w, y + h))
            good = diff(crop, ref)
            print(f"{slide} {size}: differs by {good:.1f} from the upright photo's middle")
            assert good < 14, (slide, size, good)
# The contact sheet's one tile, 480x270, shows the same as the 1920x1080 screen.
tile = Image.open(f"{work}/sheet.png").convert("RGB").crop((16, 16, 496, 286))
screen = Image.open(f"{work}/photo-1920x1080.png").convert("RGB").resize((480, 270))
d = sum(ImageStat.Stat(ImageChops.difference(tile, screen)).mean) / 3
print(f"contact sheet tile differs by {d:.1f} from the screen")
assert d < 8
PY
    ;;
xlsx-from-spreadsheet-programs)
    # Workbooks written now by openpyxl and saved by LibreOffice (headless), as the timetable and
    # results of a folder: the boards show the week's days and the scores as entered, the
    # contestants without a score unranked at the bottom.
    $py "$src/tests/pack/sheets/make-sheets.py" "$work/sheets" || fail "cannot make the workbooks"
    mkdir -p "$work/src"
    cp "$work/sheets/timetable-libreoffice.xlsx" "$work/src/timetable.xlsx"
    cp "$work/sheets/results-libreoffice.xlsx" "$work/src/results.xlsx"
    cat >"$work/src/settings.ini" <<'INI'
[bundle]
version = 1
time_zone = Asia/Shanghai +08:00
[theme]
header = 2020年潍坊市职业教育活动周 · 人人出彩，技能强国
[timetable]
file = timetable.xlsx
[results]
file = results.xlsx
[slide today]
schedule = yes
[slide cnc]
results = 数控车加工
INI
    "$pack" build "$work/src" "$work/bundle" 2>"$work/err" || { cat "$work/err" >&2; fail "build failed"; }
    grep -q "slides play in the order of settings.ini (today, cnc)" "$work/err" ||
        { cat "$work/err" >&2; fail "no warning for the missing playlist"; }
    "$kiosk" --content "$work/bundle" --size 1920x1080 --clock 2020-11-09T15:00:00+08:00 --slide cnc \
        --screenshot "$work/cnc.png" --draw-list "$work/cnc.txt" 2>"$work/err" ||
        { cat "$work/err" >&2; fail "results screenshot failed"; }
    # Rank, school and score on one row each (the draw list's text items, in drawing order).
    $py - "$work/cnc.txt" <<'PY' || fail "the results board is not as entered"
import re, sys
items = [l.split(" ", 4) for l in open(sys.argv[1]).read().splitlines() if l.startswith("text ")]
rows = {}
for _, xy, _, _, text in items:
    x, y = map(int, xy.split(","))
    rows.setdefault(y, []).append((x, text))
lines = [" ".join(t for _, t in sorted(r)) for _, r in sorted(rows.items())]
want = ["1 青州职业学院 选手04 88.5", "2 潍坊科技学院 选手02 85.30 一等奖",
        "3 寿光职教中心 选手03 85.2501 二等奖", "4 并列 潍坊职业学院 选手01 85.25 一等奖",
        "4 并列 安丘职教中心 选手08 85.25", "— 昌乐职教中心 选手05 缺考",
        "— 诸城职教中心 选手06 —", "— 高密职教中心 选手07 弃权"]
found = [l for l in lines if any(l == w for w in want)]
assert found == want, "\n".join(lines)
PY
    "$kiosk" --content "$work/bundle" --size 1920x1080 --clock 2020-11-09T15:00:00+08:00 --slide today \
        --screenshot "$work/today.png" --draw-list "$work/today.txt" 2>"$work/err" ||
        { cat "$work/err" >&2; fail "schedule screenshot failed"; }
    grep -q ' 技能展演$' "$work/today.txt" || fail "9 November (11月9日 in the sheet) lacks its event"
    grep -q ' 进行中$' "$work/today.txt" || fail "the 14:30 event is not running at 15:00"
    ;;
damaged-png)
    # A PNG with a bad checksum: kiosk-pack check refuses it in libpng's words; put on a display
    # anyway (a bundle made by hand), the display skips the slide and says so in its own log line,
    # and libpng prints nothing of its own.
    mkdir -p "$work/src/posters"
    cp "$src/tools/sample/source/posters/epidemic.png" "$src/tools/sample/source/posters/launch.jpg" "$work/src/posters/"
    cat >"$work/src/settings.ini" <<'INI'
[bundle]
version = 1
time_zone = Asia/Shanghai +08:00
[theme]
header = 海报
[slide rules]
poster = posters/epidemic.png
[slide launch]
poster = posters/launch.jpg
INI
    "$pack" build "$work/src" "$work/bundle" 2>/dev/null || fail "the good folder does not build"
    # The first image data chunk's checksum spoilt, in the folder and in the built bundle (its
    # manifest's hash made to match, as a bundle made by other means could be).
    $py - "$work/src/posters/epidemic.png" "$work/bundle/posters/epidemic.png" "$work/bundle/manifest.json" <<'PY'
import hashlib, json, sys
data = bytearray(open(sys.argv[1], "rb").read())
i = data.find(b"IDAT")
n = int.from_bytes(data[i - 4:i], "big")
data[i + 4 + n] ^= 0x55
for f in sys.argv[1:3]:
    open(f, "wb").write(data)
m = json.load(open(sys.argv[3]))
m["assets"]["posters/epidemic.png"]["sha256"] = hashlib.sha256(data).hexdigest()
json.dump(m, open(sys.argv[3], "w"), ensure_ascii=False)
PY
    "$pack" check "$work/src" 2>"$work/err" && fail "check passed a PNG with a bad checksum"
    grep -q 'settings.ini:7: poster: "posters/epidemic.png" cannot be decoded (libpng: IDAT: CRC error)' "$work/err" ||
        { cat "$work/err" >&2; fail "check did not name the fault"; }
    "$kiosk" --content "$work/bundle" --size 1280x720 --clock 2020-11-08T09:30:00+08:00 --after 2 \
        --screenshot "$work/s.png" --draw-list "$work/s.txt" 2>"$work/err" || fail "the kiosk failed"
    grep -q 'error: image: epidemic.png: cannot be decoded (libpng: IDAT: CRC error)' "$work/err" ||
        { cat "$work/err" >&2; fail "the display's log does not name the file and the fault"; }
    grep -q 'slide rules: skipped' "$work/err" || { cat "$work/err" >&2; fail "the slide was not skipped"; }
    grep -q '^libpng' "$work/err" && { cat "$work/err" >&2; fail "libpng printed its own line"; }
    grep -q '^image posters/launch.jpg ' "$work/s.txt" || fail "the other poster is not shown"
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
echo "ok: $case_name"
