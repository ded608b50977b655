# The benchmark's content: twenty posters, the kiosk's source folder and the browser's page, all
# made from a fixed seed so every run (and every machine) shows the same pixels.
import random
import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

COUNT = 20
SEED = 20201108


def background(index):
    """The flat colour at the middle of poster `index` (1-based): what the first-frame watcher
    looks for on the screen."""
    rng = random.Random(SEED * 100 + index)
    # Saturated, never near black or white, so no player's empty screen can look like a poster.
    base = [rng.randint(40, 90), rng.randint(90, 150), rng.randint(150, 215)]
    rng.shuffle(base)
    return tuple(base)


def make_poster(path, index, size, font_path):
    w, h = size
    rng = random.Random(SEED * 1000 + index)
    bg = background(index)
    img = Image.new("RGB", size, bg)
    d = ImageDraw.Draw(img)
    # Decoration around the edges only: the middle stays flat for the watcher.
    for _ in range(40):
        r = rng.randint(h // 30, h // 8)
        x = rng.randint(0, w)
        y = rng.choice([rng.randint(0, h // 5), rng.randint(h * 4 // 5, h)])
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        d.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    band = h // 40
    d.rectangle([0, 0, w - 1, h - 1], outline=(245, 196, 0), width=band)
    font = ImageFont.truetype(str(font_path), h // 10)
    title = f"职业教育活动周 · 海报 {index:02d}"
    tw = d.textlength(title, font=font)
    d.text(((w - tw) / 2, h // 5), title, font=font, fill=(255, 255, 255))
    small = ImageFont.truetype(str(font_path), h // 24)
    line = "人人出彩，技能强国"
    lw = d.textlength(line, font=small)
    d.text(((w - lw) / 2, h * 7 // 10), line, font=small, fill=(255, 255, 255))
    img.save(path, "JPEG", quality=90)


def make_posters(out_dir, size, font_path):
    """Writes poster-01.jpg … poster-20.jpg into out_dir (kept when already there)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, COUNT + 1):
        p = out / f"poster-{i:02d}.jpg"
        stamp = out / f".poster-{i:02d}.{size[0]}x{size[1]}"
        if not (p.exists() and stamp.exists()):
            make_poster(p, i, size, font_path)
            stamp.touch()
        paths.append(p)
    return paths


def write_kiosk_source(src_dir, posters, slide_s, screen):
    """A kiosk-pack source folder: one slide per poster, each `slide_s` long, fading in."""
    src = Path(src_dir)
    (src / "posters").mkdir(parents=True, exist_ok=True)
    lines = [
        "# The benchmark's slideshow (made by bench/posters.py).",
        "[bundle]",
        "version = 1",
        "time_zone = Asia/Shanghai +08:00",
        "created = 2020-11-07 18:00",
        f"screen = {screen[0]}x{screen[1]}",
        "",
        "[theme]",
        "header = 2020年潍坊市职业教育活动周 · 人人出彩，技能强国",
        "",
    ]
    ids = []
    for i, p in enumerate(posters, 1):
        target = src / "posters" / p.name
        shutil.copyfile(p, target)
        ids.append(f"p{i:02d}")
        lines += [f"[slide p{i:02d}]", f"poster = posters/{p.name}", "fit = fit",
                  f"duration = {slide_s:g}", "transition = fade", ""]
    lines += ["[playlist]", "order = " + ", ".join(ids), ""]
    (src / "settings.ini").write_text("\n".join(lines), encoding="utf-8")


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>slideshow</title>
<style>
html, body {{ margin: 0; height: 100%; background: #000; overflow: hidden; cursor: none; }}
img {{ position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain;
       opacity: 0; transition: opacity {fade_s}s linear; }}
img.on {{ opacity: 1; }}
</style></head>
<body>
{images}
<script>
// One poster every {slide_s} s, crossfading over {fade_s} s: the usual browser signage player.
const slides = document.querySelectorAll("img");
let i = 0;
setInterval(() => {{
  slides[i].classList.remove("on");
  i = (i + 1) % slides.length;
  slides[i].classList.add("on");
}}, {slide_ms});
</script>
</body></html>
"""


def write_page(path, posters, slide_s, fade_s):
    imgs = "\n".join(
        f'<img src="{p.resolve().as_uri()}"{" class=on" if i == 0 else ""} alt="">'
        for i, p in enumerate(posters))
    Path(path).write_text(
        PAGE.format(images=imgs, slide_s=f"{slide_s:g}", fade_s=f"{fade_s:g}",
                    slide_ms=int(slide_s * 1000)), encoding="utf-8")
