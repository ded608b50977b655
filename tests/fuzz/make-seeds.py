#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/<target>/.

Seeds are small, valid (or nearly valid) inputs that start each fuzzer deep inside its reader:
the sample bundle's own files, the sample source folder's spreadsheets, and tiny images of every
accepted format. Run it again after a format changes; files it did not write (regression inputs
that a fuzzer found) are left alone. Needs PIL (Debian's python3-pil) for the images.
"""
import base64
import hashlib
import io
import json
import os
import sys

from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")
SEP = b"\n--8<--\n"


def put(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def key_line(raw):
    return "ed25519 %s %s" % (hashlib.sha256(raw).hexdigest()[:16], base64.b64encode(raw).decode())


def image(fmt, size=(48, 32), mode="RGB", **kw):
    img = Image.new("RGB", size, (181, 18, 27))
    ImageDraw.Draw(img).rectangle([4, 4, size[0] - 5, size[1] - 5], fill=(245, 196, 0))
    out = io.BytesIO()
    img.convert(mode).save(out, fmt, **kw)
    return out.getvalue()


SVG = (b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
       b'width="160" height="90" viewBox="0 0 160 90"><rect width="160" height="90" fill="#B5121B"/>'
       b'<circle cx="80" cy="45" r="30" fill="#F5C400"/></svg>\n')
IMAGES = {
    "tiny.jpg": image("JPEG", quality=80),
    "progressive.jpg": image("JPEG", quality=60, progressive=True),
    # Larger than the fuzzer's smallest places: decoded at a fraction of its size.
    "subsampled.jpg": image("JPEG", (160, 96), quality=70, subsampling=2),
    "grey.jpg": image("JPEG", mode="L", quality=70),
    "cmyk.jpg": image("JPEG", mode="CMYK", quality=70),  # Not libjpeg-turbo's to turn into RGB.
    "tiny.png": image("PNG"),
    "palette.png": image("PNG", (16, 16), bits=4, optimize=True),
    "lossy.webp": image("WEBP", quality=50),
    "lossless.webp": image("WEBP", lossless=True),
    "poster.svg": SVG,
    "viewbox-only.svg": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1920 1080">'
                        b'<path d="M0 0L1920 1080" stroke="#000" stroke-width="8"/></svg>',
}


def seeds():
    # The display config.
    key = key_line(bytes(range(32)))
    config = {"display_id": "hall-a-1", "tags": ["hall-a"], "server": "https://content.example.org/",
              "channel": "hall-a", "trusted_keys": [key], "poll_interval_s": 60,
              "cache_dir": "/var/lib/kiosk", "cache_max_mb": 1024, "play_log_dir": "/var/log/kiosk",
              "ca_file": "", "results_poll_s": 2.5, "results_lost_after_s": 60,
              "timeouts": {"connect_s": 10, "low_speed_bytes": 1024, "low_speed_s": 20, "total_s": 600}}
    put("config", "full.json", json.dumps(config, indent=2))
    put("config", "minimal.json", json.dumps({k: config[k] for k in
                                              ("display_id", "server", "channel", "trusted_keys", "cache_dir")}))

    # The manifest and the data files of the sample bundle.
    manifest = read("content/manifest.json")
    put("manifest", "sample.json", manifest)
    small = {"schema_version": 1, "bundle_version": 3, "created": "2020-11-07T18:00:00+08:00",
             "expires": "2020-11-21T00:00:00+08:00",
             "time_zone": {"name": "Asia/Shanghai", "utc_offset": "+08:00"},
             "theme": {"header": "活动周", "ticker": [{"text": "人人出彩", "window": {"hours": [["08:00", "18:00"]]}}]},
             "assets": {"a.png": {"sha256": "0" * 64, "size": 10, "type": "image/png"}},
             "slides": [{"id": "a", "kind": "image", "asset": "a.png", "fit": "cover", "duration_s": 5,
                         "window": {"from": "2020-11-08", "until": "2020-11-09", "weekdays": [1, 7]}},
                        {"id": "n", "kind": "text", "title": "提示", "body": "正文", "priority": "emergency"}],
             "playlist": ["a"]}
    put("manifest", "small.json", json.dumps(small, ensure_ascii=False))
    put("data", "timetable.json", read("content/data/timetable.json"))
    put("data", "results.json", read("content/data/results.json"))

    # Signature lines.
    sig = "ed25519 %s %s\n" % (hashlib.sha256(bytes(range(32))).hexdigest()[:16],
                                base64.b64encode(bytes(64)).decode())
    put("signature", "line", b'{"schema_version": 1}\n' + SEP + sig.encode() + SEP + key.encode())

    # A channel: a manifest naming two objects that the server has, signed; and one unsigned.
    poster = IMAGES["tiny.png"]
    timetable = read("content/data/timetable.json")
    chan = dict(small)
    chan["assets"] = {
        "posters/a.png": {"sha256": hashlib.sha256(poster).hexdigest(), "size": len(poster), "type": "image/png"},
        "data/timetable.json": {"sha256": hashlib.sha256(timetable).hexdigest(), "size": len(timetable),
                                "type": "application/json"}}
    chan["slides"] = [{"id": "a", "kind": "image", "asset": "posters/a.png", "duration_s": 5},
                      {"id": "today", "kind": "schedule", "data": "data/timetable.json"}]
    chan["playlist"] = ["a", "today"]
    body = json.dumps(chan, ensure_ascii=False).encode()
    put("channel", "signed", body + SEP + b"sign" + SEP + poster + SEP + timetable)
    put("channel", "bad-signature", body + SEP + sig.encode() + SEP + poster)

    # The live results feed, then an update with one changed score.
    feed = json.loads(read("content/data/results.json"))
    feed["sequence"] = 7
    first = json.dumps(feed, ensure_ascii=False).encode()
    feed["sequence"] = 8
    feed["events"][0]["entries"][0]["score"] = 99.5
    second = json.dumps(feed, ensure_ascii=False).encode()
    put("feed", "update", first + SEP + b"sign" + SEP + second + SEP + b"sign")
    put("feed", "replayed", second + SEP + b"sign" + SEP + first + SEP + b"sign")

    # Spreadsheets and settings as operators save them.
    src = "tools/sample/source/"
    put("csv", "timetable-utf8-bom.csv", read(src + "timetable.csv"))
    put("csv", "results-gbk.csv", read(src + "results.csv"))
    put("csv", "results-utf8.csv", read(src + "results.csv").decode("gbk").encode())
    put("csv", "settings.ini", read(src + "settings.ini"))
    put("csv", "quoted.csv", '日期,开始,活动,地点\r\n2020-11-08,09:00,"开幕式, 主会场","A ""馆"""\r\n')

    # A whole small source folder.
    settings = ("[bundle]\nversion = 2\ntime_zone = Asia/Shanghai +08:00\ncreated = 2020-11-07 18:00\n\n"
                "[theme]\nheader = 活动周\nprimary = #B5121B\n\n[ticker]\nslogan = 人人出彩\n\n"
                "[timetable]\nfile = timetable.csv\n\n[results]\nfile = results.csv\nsample = yes\n\n"
                "[slide poster]\nposter = posters/poster.png\nduration = 8\n\n"
                "[slide notice]\nnotice = notices/notice.md\nfrom = 2020-11-08\nuntil = 2020-11-14\n\n"
                "[slide today]\nschedule = yes\n\n[slide results]\nresults = 数控车\n\n"
                "[playlist]\norder = poster, notice, today, results\n")
    notice = "# 疫情防控提示\n\n请佩戴口罩，保持安全距离。\n\n进入场馆请扫码登记。\n"
    results = "赛项,学校,选手,成绩,奖项,决赛\n数控车,潍坊职业学院,选手01,88.5,一等奖,是\n数控车,潍坊商业学校,选手02,80,,是\n"
    put("pack", "folder", SEP.join([settings.encode(), read(src + "timetable.csv"), results.encode("gbk"),
                                    notice.encode(), image("PNG", (1920, 1080), optimize=True)]))

    # Images of every accepted format.
    for name, data in IMAGES.items():
        put("image_info", name, data)
        put("decode", name, data)
    # The decode target reads its place from the input's last byte (a JPEG's is its end marker's
    # 0xD9, always the same place): a byte after the end marker picks the others, so that decodes
    # at 2/8 (37x23) and 1/8 (5x3, covered) of a 160x96 JPEG are reached, and 320x180.
    for name, place in [("subsampled", 8), ("subsampled", 16 | 1), ("cmyk-large", 8),
                        ("grey-large", 4)]:
        data = {"subsampled": IMAGES["subsampled.jpg"],
                "cmyk-large": image("JPEG", (160, 96), mode="CMYK", quality=70),
                "grey-large": image("JPEG", (400, 300), mode="L", quality=70)}[name]
        put("decode", "%s-place-%d.jpg" % (name, place), data + bytes([place]))


if __name__ == "__main__":
    seeds()
