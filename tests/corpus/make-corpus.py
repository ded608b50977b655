#!/usr/bin/python3
"""Makes a corpus of broken and malicious input for the kiosk and kiosk-pack: tests/corpus/run.sh
runs the real programs on it and checks that each item is refused by name and the rest plays.

    make-corpus.py OUT

writes into OUT (made at test time, never committed: some files are megabytes, and the script is
the record of what they are):

  bundle/        one bundle folder: good slides of every kind, and image slides and data files
                 that are broken in every way listed below, written directly (manifest + files,
                 hashes right) because kiosk-pack would refuse to build most of them
  manifests/X/   bundles whose manifest.json itself is broken
  configs/X.json display configs that are broken
  sources/X/     kiosk-pack source folders: spreadsheets in every encoding an office PC saves,
                 and spreadsheets and posters that are wrong
  expect.tsv     what must happen to each item: KIND, TARGET, text the refusal must contain

Everything is deterministic (a fixed random seed). Needs PIL (python3-pil).
"""
import base64
import hashlib
import io
import json
import os
import random
import shutil
import struct
import sys
import zlib

from PIL import Image, ImageDraw

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
rng = random.Random(20201108)
expect = []


class Sparse:
    """File contents with long runs of zero bytes, written as holes: the files over the size
    limits take no disk space (they are tens of megabytes each)."""

    def __init__(self, *parts):
        self.parts = parts  # bytes, or an int: that many zero bytes

    def __len__(self):
        return sum(p if isinstance(p, int) else len(p) for p in self.parts)

    def sha256(self):
        h, zeros = hashlib.sha256(), bytes(1 << 20)
        for p in self.parts:
            if isinstance(p, int):
                for at in range(0, p, len(zeros)):
                    h.update(zeros[: min(len(zeros), p - at)])
            else:
                h.update(p)
        return h.hexdigest()


def zero_chunk(kind, size):
    """A PNG chunk of `size` zero bytes, as Sparse parts."""
    crc = zlib.crc32(kind)
    zeros = bytes(1 << 20)
    for at in range(0, size, len(zeros)):
        crc = zlib.crc32(zeros[: min(len(zeros), size - at)], crc)
    return [struct.pack(">I", size) + kind, size, struct.pack(">I", crc)]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        if isinstance(data, Sparse):
            for p in data.parts:
                if isinstance(p, int):
                    f.seek(p, os.SEEK_CUR)
                else:
                    f.write(p)
            f.truncate()
        else:
            f.write(data.encode() if isinstance(data, str) else data)


def picture(fmt, size=(800, 450), **kw):
    img = Image.new("RGB", size, (26, 26, 26))
    d = ImageDraw.Draw(img)
    for i in range(12):
        d.rectangle([i * 60, 40 + i * 20, i * 60 + 120, 200 + i * 15],
                    fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    d.ellipse([500, 100, 760, 400], fill=(245, 196, 0))
    out = io.BytesIO()
    img.save(out, fmt, **kw)
    return out.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(w, h):
    """A valid PNG signature and IHDR for w x h, and a little image data: a decompression bomb's
    header."""
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) +
            png_chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + png_chunk(b"IEND", b""))


def jpeg_claiming(w, h):
    good = picture("JPEG", (64, 64))
    at = good.index(b"\xff\xc0") + 5
    return good[:at] + struct.pack(">HH", h, w) + good[at + 4:]


def webp_claiming(w, h):
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\0\0\0\0" + (w - 1).to_bytes(3, "little") + \
        (h - 1).to_bytes(3, "little")
    body = b"WEBP" + vp8x + picture("WEBP", (16, 16))[12:]
    return b"RIFF" + struct.pack("<I", len(body)) + body


def flip_bits(data, count, skip):
    b = bytearray(data)
    for _ in range(count):
        i = rng.randrange(skip, len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


MIME = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp", ".svg": "image/svg+xml",
        ".json": "application/json"}


class Bundle:
    def __init__(self, folder):
        self.folder = folder
        self.assets = {}
        self.slides = []
        self.playlist = []

    def asset(self, name, data, mime=None):
        write(os.path.join(self.folder, name), data)
        digest = data.sha256() if isinstance(data, Sparse) else hashlib.sha256(data).hexdigest()
        self.assets[name] = {"sha256": digest, "size": len(data),
                             "type": mime or MIME[os.path.splitext(name)[1]]}

    def image(self, slide_id, name, data, mime=None):
        self.asset(name, data, mime)
        self.slides.append({"id": slide_id, "kind": "image", "asset": name, "duration_s": 5})
        self.playlist.append(slide_id)

    def data_slide(self, slide_id, kind, name, data, event=None):
        self.asset(name, data)
        slide = {"id": slide_id, "kind": kind, "data": name, "duration_s": 5}
        if event:
            slide["event"] = event
        self.slides.append(slide)
        self.playlist.append(slide_id)

    def text(self, slide_id, title, body):
        self.slides.append({"id": slide_id, "kind": "text", "title": title, "body": body, "duration_s": 5})
        self.playlist.append(slide_id)

    def finish(self):
        manifest = {"schema_version": 1, "bundle_version": 5, "created": "2020-11-07T18:00:00+08:00",
                    "time_zone": {"name": "Asia/Shanghai", "utc_offset": "+08:00"},
                    "theme": {"header": "2020年潍坊市职业教育活动周 · 人人出彩，技能强国",
                              "ticker": ["人人出彩，技能强国"]},
                    "assets": self.assets, "slides": self.slides, "playlist": self.playlist}
        write(os.path.join(self.folder, "manifest.json"), json.dumps(manifest, ensure_ascii=False, indent=1))


def svg(body, attrs='width="800" height="450"'):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" %s>%s</svg>\n'
            % (attrs, body)).encode()


def bundle(out):
    b = Bundle(os.path.join(out, "bundle"))
    read = lambda p: open(os.path.join(ROOT, p), "rb").read()

    # What must keep playing.
    b.image("good-png", "posters/good.png", picture("PNG"))
    b.image("good-jpg", "posters/good.jpg", picture("JPEG", quality=85))
    b.image("good-webp", "posters/good.webp", picture("WEBP", quality=80))
    b.image("good-svg", "posters/good.svg", svg('<rect width="800" height="450" fill="#B5121B"/>'
                                                  '<circle cx="400" cy="225" r="150" fill="#F5C400"/>'))
    b.data_slide("today", "schedule", "data/timetable.json", read("content/data/timetable.json"))
    b.text("notice", "疫情防控提示", "请佩戴口罩，保持安全距离。")
    for slide in ("good-png", "good-jpg", "good-webp", "good-svg", "today", "notice"):
        expect.append(("show", slide, ""))

    def refuse(slide_id, name, data, why, mime=None):
        b.image(slide_id, name, data, mime)
        expect.append(("refuse-image", slide_id, os.path.basename(name) + ": " + why))

    jpg, png, webp = picture("JPEG", quality=85), picture("PNG"), picture("WEBP", quality=80)
    # Truncated images of each format.
    refuse("cut-jpg", "posters/cut.jpg", jpg[: len(jpg) * 2 // 5], "the JPEG is cut short")
    refuse("cut-png", "posters/cut.png", png[: len(png) * 2 // 5], "cannot be decoded")
    refuse("cut-webp", "posters/cut.webp", webp[: len(webp) * 2 // 5], "cannot be decoded")
    # A damaged header: one bit of the PNG's size, so the chunk's checksum fails.
    refuse("flip-ihdr", "posters/flip-ihdr.png", png[:18] + bytes([png[18] ^ 0x10]) + png[19:],
           "cannot be decoded")
    # Headers that claim enormous sizes (decompression bombs).
    refuse("bomb-png", "posters/bomb.png", png_claiming(30000, 30000), "30000x30000 pixels is more than the limit")
    refuse("bomb-jpg", "posters/bomb.jpg", jpeg_claiming(65000, 65000), "65000x65000 pixels is more than the limit")
    refuse("bomb-webp", "posters/bomb.webp", webp_claiming(16384, 16384), "16384x16384 pixels is more than the limit")
    # Contents that do not match their names.
    refuse("png-as-jpg", "posters/really-png.jpg", png, "the file is image/png but the manifest says image/jpeg")
    refuse("text-as-png", "posters/notes.png", "会议纪要\n这不是图片。\n".encode(), "not a JPEG, PNG, WebP or SVG image")
    refuse("html-as-svg", "posters/page.svg", b"<!DOCTYPE html><html><body>x</body></html>",
           "not a JPEG, PNG, WebP or SVG image")
    refuse("jpg-as-webp", "posters/photo.webp", jpg, "the file is image/jpeg but the manifest says image/webp")
    # SVGs: enormous, deeply nested, with external and exponential entities.
    rects = "".join('<rect x="%d" y="%d" width="3" height="3"/>' % (i % 800, i // 800 % 450) for i in range(230000))
    refuse("svg-enormous", "posters/enormous.svg", svg(rects), "more than the limit of 8 MiB")
    refuse("svg-deep", "posters/deep.svg", svg("<g>" * 20000 + '<rect width="9" height="9"/>' + "</g>" * 20000),
           "deeper than 64 levels")
    refuse("svg-xxe", "posters/xxe.svg",
           b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
           b'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450"><text y="40">&xxe;</text></svg>',
           "declares entities")
    laughs = "".join('<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10 if i else "lol") for i in range(10))
    refuse("svg-laughs", "posters/laughs.svg",
           ('<?xml version="1.0"?>\n<!DOCTYPE svg [%s]>\n<svg xmlns="http://www.w3.org/2000/svg">'
            '<text>&l9;</text></svg>' % laughs).encode(), "declares entities")
    # 58 KB that take minutes to draw: 2000 screen-sized triangles in one path.
    triangles = "".join("M%d %d L%d %d L%d %d Z" % (i % 1900, i * 7 % 1000, i * 13 % 1920, i * 17 % 1080,
                                                   i * 29 % 1920, i * 31 % 1080) for i in range(2000))
    refuse("svg-slow", "posters/slow.svg", svg('<path fill="#B5121B" stroke="#000" stroke-width="3" d="%s"/>' % triangles,
                                               'width="1920" height="1080"'), "takes more than 5 s to draw")
    # An SVG that claims to be enormous is a valid drawing: it is drawn at the size it is shown.
    b.image("svg-claims-huge", "posters/claims-huge.svg",
            svg('<rect width="10" height="10" fill="#F5C400"/>', 'width="200in" height="200in" viewBox="0 0 10 10"'))
    b.image("svg-no-size", "posters/no-size.svg", svg('<path d="M0 0L40000 40000L0 40000z" fill="#B5121B"/>', ""))
    # Just under the pixel limit (49 million): shown, within the memory limit.
    big = Image.new("RGB", (7000, 7000), (181, 18, 27))
    ImageDraw.Draw(big).ellipse([1000, 1000, 6000, 6000], fill=(245, 196, 0))
    near_cap = io.BytesIO()
    big.save(near_cap, "PNG")
    b.image("near-cap", "posters/near-cap.png", near_cap.getvalue())
    expect.append(("show", "near-cap", ""))
    # The same with 60 MB of private data in it: the largest file with the most pixels allowed.
    data = near_cap.getvalue()
    padded = Sparse(data[:33], *zero_chunk(b"kiSk", 60 << 20), data[33:])
    b.image("near-cap-padded", "posters/near-cap-padded.png", padded)
    expect.append(("show", "near-cap-padded", ""))
    refuse("too-large-file", "posters/too-large.png", Sparse(png[:33], *zero_chunk(b"kiSk", 65 << 20), png[33:]),
           "more than the limit of 64 MiB")
    expect.append(("show", "svg-claims-huge", ""))
    expect.append(("show", "svg-no-size", ""))
    # Random bit flips: a decoder cannot always tell (JPEG has no checksum), so each is either
    # shown or refused by name; the program must survive all of them.
    for fmt, data in (("jpg", jpg), ("png", png), ("webp", webp)):
        for i in range(6):
            slide = "flip-%s-%d" % (fmt, i)
            b.image(slide, "posters/flip-%d.%s" % (i, fmt), flip_bits(data, 1 + i * 3, 40))
            expect.append(("survive-image", slide, "flip-%d.%s" % (i, fmt)))

    # Data files: huge, deeply nested, wrong types, repeated keys, huge numbers.
    results = json.loads(read("content/data/results.json"))
    event = results["events"][0]["event"]

    def refuse_data(slide_id, name, data, why, kind="results"):
        b.data_slide(slide_id, kind, name, data, event if kind == "results" else None)
        expect.append(("refuse-data", slide_id, name + ": " + why))

    many = dict(results)
    entry = results["events"][0]["entries"][0]
    many["events"] = [{"event": event, "entries": [dict(entry, team="队伍%06d" % i) for i in range(130000)]}]
    refuse_data("r-huge", "data/results-huge.json", json.dumps(many, ensure_ascii=False).encode(),
                "more than the limit of 8388608")
    refuse_data("r-deep", "data/results-deep.json", ("[" * 100000 + "]" * 100000).encode(), "nested deeper than 32")
    refuse_data("r-types", "data/results-types.json", json.dumps({"events": {"event": event}}).encode(),
                'field "events" must be a list')
    refuse_data("r-repeat", "data/results-repeat.json",
                ('{"events": [], "sample": true, "events": [{"event": "%s", "entries": []}]}' % event).encode(),
                'the key "events" appears twice')
    refuse_data("r-numbers", "data/results-numbers.json",
                ('{"events": [{"event": "%s", "entries": [{"team": "a", "score": 1e400}]}]}' % event).encode(),
                "JSON that cannot be read")
    refuse_data("t-types", "data/timetable-types.json", b'{"days": "2020-11-08", "events": 7}', 'field "events" must be a list',
                kind="schedule")
    b.finish()


def manifests(out):
    base = json.loads(open(os.path.join(ROOT, "content/manifest.json"), encoding="utf-8").read())
    text = json.dumps(base, ensure_ascii=False)
    cases = {
        "huge": " " * (5 << 20) + text,  # Over the 4 MiB a manifest may have.
        "deep": '{"schema_version": 1, "x": ' + "[" * 5000 + "]" * 5000 + "}",
        "wrong-types": text.replace('"schema_version": 1', '"schema_version": "1"', 1),
        "repeated-key": text.replace('"bundle_version": ', '"bundle_version": 99, "bundle_version": ', 1),
        "huge-number": text.replace('"bundle_version": 1', '"bundle_version": 1e400', 1),
        "beyond-int64": text.replace('"bundle_version": 1', '"bundle_version": 18446744073709551615', 1),
        "truncated": text[: len(text) // 2],
        "not-utf8": text.replace("人人出彩", "\udcff\udcfe", 1),
    }
    whys = {"huge": "more than the limit", "deep": "nested deeper than 32", "wrong-types": "schema_version",
            "repeated-key": 'the key "bundle_version" appears twice', "huge-number": "JSON that cannot be read",
            "beyond-int64": 'field "bundle_version" is too large', "truncated": "not valid JSON",
            "not-utf8": "not valid JSON"}
    for name, body in cases.items():
        write(os.path.join(out, "manifests", name, "manifest.json"), body.encode("utf-8", "surrogateescape"))
        expect.append(("refuse-manifest", "manifests/" + name, whys[name]))


def configs(out):
    raw = bytes(range(32))
    key_id, key_b64 = hashlib.sha256(raw).hexdigest()[:16], base64.b64encode(raw).decode()
    key = "ed25519 %s %s" % (key_id, key_b64)
    good = {"display_id": "hall-a-1", "server": "http://127.0.0.1:9/", "channel": "hall-a",
            "trusted_keys": [key], "cache_dir": os.path.join(out, "cache")}
    text = json.dumps(good)
    cases = {
        "wrong-types": (json.dumps(dict(good, poll_interval_s="60")), 'field "poll_interval_s"'),
        "repeated-key": (text[:-1] + ', "channel": "other"}', 'the key "channel" appears twice'),
        "deep": ('{"tags": ' + "[" * 1000 + "]" * 1000 + "}", "nested deeper than 32"),
        "huge-number": (json.dumps(good)[:-1] + ', "cache_max_mb": 1e400}', "JSON that cannot be read"),
        "huge": (text[:-1] + ', "display_id_pad": "' + "x" * (2 << 20) + '"}', "more than the limit"),
        "bad-key": (json.dumps(dict(good, trusted_keys=["ed25519 %s \t\t\t\t%s" % (key_id, key_b64)])),
                    'field "trusted_keys[0]"'),
    }
    for name, (body, why) in cases.items():
        write(os.path.join(out, "configs", name + ".json"), body)
        expect.append(("refuse-config", "configs/%s.json" % name, why))


def sources(out):
    src = os.path.join(ROOT, "tools/sample/source")
    settings = ("[bundle]\nversion = 3\ntime_zone = Asia/Shanghai +08:00\ncreated = 2020-11-07 18:00\n\n"
                "[theme]\nheader = 2020年潍坊市职业教育活动周\n\n[timetable]\nfile = timetable.csv\n\n[results]\nfile = results.csv\nsample = yes\n\n"
                "[slide poster]\nposter = posters/poster.png\n\n[slide today]\nschedule = yes\n\n"
                "[slide cnc]\nresults = 数控车加工\n\n[playlist]\norder = poster, today, cnc\n")
    timetable = "日期,开始,结束,活动,地点\n2020-11-08,09:00,11:00,启动仪式,潍坊职业学院\n"
    results = "赛项,学校,选手,成绩,奖项,决赛\n数控车加工,潍坊职业学院,选手01,88.5,一等奖,是\n"
    poster = picture("PNG", (1920, 1080), optimize=True)

    def folder(name, tt=timetable.encode(), rs=results.encode(), extra=None, ini=settings):
        d = os.path.join(out, "sources", name)
        write(os.path.join(d, "settings.ini"), ini)
        write(os.path.join(d, "timetable.csv"), tt)
        write(os.path.join(d, "results.csv"), rs)
        write(os.path.join(d, "posters/poster.png"), poster)
        for rel, data in (extra or {}).items():
            write(os.path.join(d, rel), data)
        return "sources/" + name

    # Ordinary input from an office PC: GBK from a Chinese Windows spreadsheet, UTF-8 with a BOM.
    expect.append(("pack-ok", folder("gbk", tt=timetable.encode("gbk"), rs=results.encode("gbk")), ""))
    expect.append(("pack-ok", folder("utf8-bom", tt=b"\xef\xbb\xbf" + timetable.encode(),
                                     rs=b"\xef\xbb\xbf" + results.encode()), ""))
    expect.append(("pack-ok", folder("crlf", tt=timetable.replace("\n", "\r\n").encode("gbk")), ""))
    # Encodings that cannot be told, and UTF-16 ("Unicode text").
    expect.append(("pack-refuse", folder("unknown-encoding", rs=results.encode("gbk") + b"\x80\xff\xfe\n"),
                   "results.csv: the file's encoding cannot be told (neither UTF-8 nor GBK); in the spreadsheet, use Save As"))
    expect.append(("pack-refuse", folder("utf16", rs=results.encode("utf-16")),
                   "results.csv: the file is saved as UTF-16"))
    expect.append(("pack-refuse", folder("bom-not-utf8", rs=b"\xef\xbb\xbf" + results.encode("gbk")),
                   "results.csv: the file says it is UTF-8 but is not"))
    # Missing and extra columns, stray quotes, very long lines.
    expect.append(("pack-refuse", folder("missing-column", rs="赛项,学校,选手\n数控车加工,潍坊职业学院,选手01\n".encode()),
                   "results.csv:1: score: the first row has no column named"))
    expect.append(("pack-refuse", folder("extra-column", rs=(results + "数控车加工,潍坊商业学校,选手02,80,,是,多余\n").encode()),
                   "results.csv:3: this row has 7 fields, the first row names 6 columns"))
    expect.append(("pack-refuse", folder("stray-quote", tt=(timetable + '2020-11-08,13:00,14:00,展演 "技能",礼堂\n').encode()),
                   "timetable.csv:3: a quote mark in the middle of a field"))
    expect.append(("pack-refuse", folder("unclosed-quote", tt=(timetable + '2020-11-08,13:00,14:00,"展演,礼堂\n').encode()),
                   "timetable.csv:3: a quoted field is never closed"))
    # A line of 1.2 MB: read like any other (the screen cuts the title with "…").
    expect.append(("pack-ok", folder("long-line", tt=(timetable + "2020-11-08,13:00,14:00," + "长" * 400000 + ",礼堂\n").encode()), ""))
    # Posters the player would refuse are refused before they are published.
    bad_posters = {
        "posters/poster.png": png_claiming(30000, 30000),
    }
    expect.append(("pack-refuse", folder("bomb-poster", extra=bad_posters),
                   '"posters/poster.png" is 30000x30000 pixels, more than the player\'s limit'))
    # One byte over the 64 MiB a file may have (the player's limit for an image file too).
    padded = Sparse(poster[:33], *zero_chunk(b"kiSk", 63 << 20), poster[33:])
    padded = Sparse(*padded.parts, (64 << 20) + 1 - len(padded))
    expect.append(("pack-refuse", folder("too-large-poster", extra={"posters/poster.png": padded}),
                   '"posters/poster.png" is 67108865 bytes, more than the limit of 64 MiB'))
    sheet = Sparse(results.encode(), 64 << 20)
    expect.append(("pack-refuse", folder("too-large-sheet", rs=sheet),
                   '"results.csv" is %d bytes, more than the limit of 64 MiB' % len(sheet)))
    cut = picture("JPEG", (1920, 1080), quality=80)
    expect.append(("pack-refuse", folder("cut-poster", extra={"posters/poster.jpg": cut[: len(cut) // 2]},
                                         ini=settings.replace("posters/poster.png", "posters/poster.jpg")),
                   '"posters/poster.jpg" is cut short'))
    expect.append(("pack-refuse", folder("xxe-poster", extra={"posters/poster.svg":
                                                                 b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>'},
                                         ini=settings.replace("posters/poster.png", "posters/poster.svg")),
                   '"posters/poster.svg" is refused: the SVG declares entities'))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-corpus.py OUT")
    out = sys.argv[1]
    shutil.rmtree(out, ignore_errors=True)
    bundle(out)
    manifests(out)
    configs(out)
    sources(out)
    with open(os.path.join(out, "expect.tsv"), "w", encoding="utf-8") as f:
        for row in expect:
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
