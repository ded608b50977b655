#!/usr/bin/python3
"""Makes the sample bundle in content/ and the header logo assets/logo.svg.

The sample is a week of the 2020 Weifang vocational-education activity week, built from the
organiser's plan: posters (JPEG, PNG, WebP, SVG), text notices, a timetable and sample results.
Run it from anywhere with Debian's python3 (standard library, python3-pil, python3-fonttools):

    /usr/bin/python3 tools/sample/make-sample.py

It deletes and rewrites content/ and assets/logo.svg. The output is the same bytes on every run:
no timestamps, fixed random seeds, fixed encoder options. At the end it checks the bundle against
docs/bundle-format.md and fails loudly if anything is off.
"""
import hashlib
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FONT_PATH = os.path.join(ROOT, "fonts", "kiosk-cjk.ttf")
CONTENT = os.path.join(ROOT, "content")
SOURCE = os.path.join(ROOT, "tools", "sample", "source")
LOGO_OUT = os.path.join(ROOT, "assets", "logo.svg")
SIZE_LIMIT = 2_500_000  # bytes for the whole content/ folder
# SHA-256 of the contact person named on the plan's last line, which must not appear in content/.
CONTACT_NAME_SHA256 = "8a7f74ad0f4329c56840a321e861314c4977798e9228e3509c2932d337b0e313"

# Theme colours (also written into the manifest).
RED = "#B5121B"
DEEP_RED = "#7A0A10"
GOLD = "#F5C400"
LIGHT_GOLD = "#FFE27A"
WHITE = "#FFFFFF"

HEADER = "2020年潍坊市职业教育活动周 · 人人出彩，技能强国"
WEEK = "2020年11月8日—14日"
THEME = "人人出彩，技能强国"
WEEK_NAME = "2020年潍坊市职业教育活动周"

S = 2  # raster posters are drawn at twice their size and scaled down: anti-aliased shapes


# --------------------------------------------------------------------------------------------
# Colours and geometry shared by raster and SVG posters


def rgb(color):
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t):
    a, b = rgb(a) if isinstance(a, str) else a, rgb(b) if isinstance(b, str) else b
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


def star_points(cx, cy, r_out, r_in=None, n=5, rot=-90.0):
    r_in = r_out * 0.382 if r_in is None else r_in
    pts = []
    for i in range(2 * n):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rot + i * 180.0 / n)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def gear_points(cx, cy, r_out, r_root, teeth):
    """A gear outline: trapezoid teeth on a root circle (the gaps follow the circle)."""
    pitch = 2 * math.pi / teeth
    w_base, w_top = pitch * 0.27, pitch * 0.17
    pts = []
    for i in range(teeth):
        a = i * pitch - math.pi / 2
        pts.append((cx + r_root * math.cos(a - w_base), cy + r_root * math.sin(a - w_base)))
        pts.append((cx + r_out * math.cos(a - w_top), cy + r_out * math.sin(a - w_top)))
        pts.append((cx + r_out * math.cos(a + w_top), cy + r_out * math.sin(a + w_top)))
        pts.append((cx + r_root * math.cos(a + w_base), cy + r_root * math.sin(a + w_base)))
        gap0, gap1 = a + w_base, a + pitch - w_base
        for k in range(1, 4):
            g = gap0 + (gap1 - gap0) * k / 4
            pts.append((cx + r_root * math.cos(g), cy + r_root * math.sin(g)))
    return pts


def circle_points(cx, cy, r, n=96):
    return [(cx + r * math.cos(2 * math.pi * i / n), cy + r * math.sin(2 * math.pi * i / n))
            for i in range(n)]


def ray_polygons(cx, cy, length, count, width_deg, rot=0.0):
    polys = []
    for i in range(count):
        a = math.radians(rot + i * 360.0 / count)
        w = math.radians(width_deg) / 2
        polys.append([(cx, cy),
                      (cx + length * math.cos(a - w), cy + length * math.sin(a - w)),
                      (cx + length * math.cos(a + w), cy + length * math.sin(a + w))])
    return polys


def wrap_cjk(text, max_chars):
    """Breaks Chinese text into lines of at most max_chars (full-width units), keeping closing
    punctuation off the start of a line and opening punctuation off its end."""
    no_start = set("，。、：；！？）」』”’》·—")
    no_end = set("（「『“‘《")
    lines, line = [], ""
    for ch in text:
        if len(line) >= max_chars and ch not in no_start:
            carry = ""
            while line and line[-1] in no_end:
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line)
            line = carry
        line += ch
    if line:
        lines.append(line)
    return lines


# --------------------------------------------------------------------------------------------
# Raster posters (PIL)


class Poster:
    """A raster poster drawn at S times its size. All coordinates are in final pixels."""

    _fonts = {}

    def __init__(self, w, h, background):
        self.w, self.h = w, h
        self.im = Image.new("RGBA", (w * S, h * S), rgb(background) + (255,))

    @staticmethod
    def font(px):
        size = int(round(px * S))
        if size not in Poster._fonts:
            Poster._fonts[size] = ImageFont.truetype(
                FONT_PATH, size, layout_engine=ImageFont.Layout.BASIC)
        return Poster._fonts[size]

    def _sc(self, pts):
        return [(x * S, y * S) for x, y in pts]

    def _composite(self, layer, opacity):
        if opacity < 1.0:
            alpha = layer.getchannel("A").point(lambda a: int(a * opacity + 0.5))
            layer.putalpha(alpha)
        self.im.alpha_composite(layer)

    # Backgrounds -----------------------------------------------------------------------------

    def gradient(self, stops, angle, box=None, mask=None, opacity=1.0):
        """Linear gradient; angle in degrees, 0 = left to right, 90 = top to bottom. stops is
        a list of (position 0..1, colour)."""
        x0, y0, x1, y1 = box if box else (0, 0, self.w, self.h)
        w, h = int(x1 - x0), int(y1 - y0)
        grad = linear_gradient(w, h, stops, angle).resize((w * S, h * S), Image.BILINEAR)
        layer = Image.new("RGBA", self.im.size, (0, 0, 0, 0))
        grad = grad.convert("RGBA")
        if mask is not None:
            grad.putalpha(mask.crop((int(x0 * S), int(y0 * S), int(x0 * S) + w * S,
                                     int(y0 * S) + h * S)))
        layer.paste(grad, (int(x0 * S), int(y0 * S)))
        self._composite(layer, opacity)

    def glow(self, cx, cy, r, color, opacity):
        """A soft round light that fades out to its radius."""
        n = 128
        data = []
        for y in range(n):
            for x in range(n):
                d = math.hypot(x - n / 2 + 0.5, y - n / 2 + 0.5) / (n / 2)
                t = max(0.0, 1.0 - d)
                data.append(int(255 * t * t * (3 - 2 * t)))
        mask = Image.new("L", (n, n))
        mask.putdata(data)
        size = int(2 * r * S)
        mask = mask.resize((size, size), Image.BICUBIC)
        layer = Image.new("RGBA", self.im.size, (0, 0, 0, 0))
        spot = Image.new("RGBA", (size, size), rgb(color) + (0,))
        spot.putalpha(mask)
        layer.paste(spot, (int((cx - r) * S), int((cy - r) * S)))
        self._composite(layer, opacity)

    # Shapes ------------------------------------------------------------------------------------

    def group(self, opacity=1.0):
        return _Group(self, opacity)

    def poly(self, pts, color, opacity=1.0):
        with self.group(opacity) as g:
            g.poly(pts, color)

    def rect(self, box, color, opacity=1.0, radius=0):
        with self.group(opacity) as g:
            g.rect(box, color, radius)

    def ellipse(self, box, color, opacity=1.0, width=0):
        with self.group(opacity) as g:
            g.ellipse(box, color, width)

    def shape_mask(self, draw_fn):
        """An L mask (at S times size) for gradient-filled shapes."""
        mask = Image.new("L", self.im.size, 0)
        draw_fn(_Scaled(ImageDraw.Draw(mask), fill=255))
        return mask

    # Text --------------------------------------------------------------------------------------

    @staticmethod
    def text_width(text, px, tracking=0.0):
        f = Poster.font(px)
        return sum(f.getlength(c) for c in text) / S + tracking * max(0, len(text) - 1)

    @staticmethod
    def fit_px(text, px, max_w, tracking=0.0):
        while Poster.text_width(text, px, tracking) > max_w and px > 8:
            px -= 1
        return px

    def text(self, text, x, cy, px, color, anchor="l", bold=0.0, tracking=0.0, opacity=1.0,
             shadow=None, max_w=None):
        """Draws one line whose visual centre is at cy. anchor: l, m or r for x. bold is the
        stroke width as a fraction of the size. shadow: (colour, opacity, blur, dx, dy).
        Returns (left, right, px)."""
        if max_w is not None:
            px = self.fit_px(text, px, max_w, tracking)
        f = self.font(px)
        width = self.text_width(text, px, tracking)
        left = {"l": x, "m": x - width / 2, "r": x - width}[anchor]
        top, bottom = f.getbbox("国", anchor="ls")[1], f.getbbox("国", anchor="ls")[3]
        baseline = cy * S - (top + bottom) / 2
        stroke = int(round(bold * px * S))
        pad = int(px * S * 0.6) + stroke + 4
        x0, y0 = int(left * S) - pad, int(baseline - px * S) - pad
        w, h = int(width * S) + 2 * pad, int(px * S * 1.5) + 2 * pad
        mask = Image.new("L", (w, h), 0)
        d = ImageDraw.Draw(mask)
        cx = left * S - x0
        for ch in text:
            d.text((cx, baseline - y0), ch, font=f, fill=255, anchor="ls",
                   stroke_width=stroke, stroke_fill=255)
            cx += f.getlength(ch) + tracking * S
        if shadow:
            scolor, sop, blur, dx, dy = shadow
            smask = mask.filter(ImageFilter.GaussianBlur(blur * S))
            self._paste_mask(smask, x0 + int(dx * S), y0 + int(dy * S), scolor, sop)
        self._paste_mask(mask, x0, y0, color, opacity)
        return left, left + width, px

    def _paste_mask(self, mask, x0, y0, color, opacity):
        layer = Image.new("RGBA", mask.size, rgb(color) + (0,))
        if opacity < 1.0:
            mask = mask.point(lambda a: int(a * opacity + 0.5))
        layer.putalpha(mask)
        # Clip to the canvas: alpha_composite wants dest inside the image.
        sx, sy = max(0, -x0), max(0, -y0)
        dx, dy = max(0, x0), max(0, y0)
        w = min(layer.width - sx, self.im.width - dx)
        h = min(layer.height - sy, self.im.height - dy)
        if w > 0 and h > 0:
            self.im.alpha_composite(layer.crop((sx, sy, sx + w, sy + h)), dest=(dx, dy))

    def paragraph(self, text, x, top, px, color, max_chars, line_h=1.55, anchor="l",
                  opacity=1.0):
        """Wrapped lines; returns the y below the last line."""
        y = top + px * line_h / 2
        for line in wrap_cjk(text, max_chars):
            self.text(line, x, y, px, color, anchor=anchor, opacity=opacity)
            y += px * line_h
        return y - px * line_h / 2

    def chip(self, text, x, cy, px, bg, fg, anchor="l", pad=0.7, bold=0.0, outline=None,
             opacity=1.0):
        """Text in a pill; returns (left, right)."""
        width = self.text_width(text, px) + 2 * pad * px
        left = {"l": x, "m": x - width / 2, "r": x - width}[anchor]
        h = px * 1.75
        with self.group(opacity) as g:
            if outline:
                g.rect((left, cy - h / 2, left + width, cy + h / 2), outline, radius=h / 2)
                lw = max(2, px * 0.07)
                g.rect((left + lw, cy - h / 2 + lw, left + width - lw, cy + h / 2 - lw), bg,
                       radius=h / 2 - lw, erase=bg is None)
            else:
                g.rect((left, cy - h / 2, left + width, cy + h / 2), bg, radius=h / 2)
        self.text(text, left + pad * px, cy, px, fg, bold=bold)
        return left, left + width

    # Emblem --------------------------------------------------------------------------------------

    def emblem(self, cx, cy, r, gold=GOLD, inner=RED, opacity=1.0, star=None):
        """Gear ring with a star: the activity-week emblem."""
        with self.group(opacity) as g:
            g.poly(gear_points(cx, cy, r, r * 0.86, 16), gold)
            g.ellipse((cx - r * 0.74, cy - r * 0.74, cx + r * 0.74, cy + r * 0.74), inner)
            g.ellipse((cx - r * 0.66, cy - r * 0.66, cx + r * 0.66, cy + r * 0.66), gold,
                      width=max(2, r * 0.03))
            g.poly(star_points(cx, cy + r * 0.04, r * 0.52), star or gold)

    def footer(self, y, h, bg, bg_opacity, line_color, left_text, right_text, px, margin,
               right_color=GOLD, left_color=WHITE):
        """The band with the week's date and the theme."""
        self.rect((0, y, self.w, y + h), bg, bg_opacity)
        self.rect((0, y, self.w, y + max(3, h * 0.03)), line_color)
        cy = y + h / 2
        self.text(left_text, margin, cy, px, left_color)
        self.text(right_text, self.w - margin, cy, px * 1.08, right_color, anchor="r", bold=0.03)

    def save(self, path, fmt):
        out = self.im.convert("RGB").resize((self.w, self.h), Image.LANCZOS)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if fmt == "jpeg":
            out.save(path, "JPEG", quality=85, optimize=True, progressive=False, subsampling=0)
        elif fmt == "png":
            out = out.quantize(colors=256, method=Image.MEDIANCUT, dither=Image.NONE)
            out.save(path, "PNG", optimize=True)
        elif fmt == "webp":
            out.save(path, "WEBP", quality=80, method=6)
        else:
            raise ValueError(fmt)


class _Scaled:
    """ImageDraw with coordinates in final pixels."""

    def __init__(self, draw, fill=None):
        self.d, self.fill = draw, fill

    def _c(self, color):
        if self.fill is not None:
            return self.fill
        if color is None:
            return (0, 0, 0, 0)
        return rgb(color) + (255,) if isinstance(color, str) else color

    def poly(self, pts, color=None):
        self.d.polygon([(x * S, y * S) for x, y in pts], fill=self._c(color))

    def rect(self, box, color=None, radius=0, erase=False):
        b = [v * S for v in box]
        c = (0, 0, 0, 0) if erase else self._c(color)
        if radius:
            self.d.rounded_rectangle(b, radius=radius * S, fill=c)
        else:
            self.d.rectangle(b, fill=c)

    def ellipse(self, box, color=None, width=0):
        b = [v * S for v in box]
        if width:
            self.d.ellipse(b, outline=self._c(color), width=int(round(width * S)))
        else:
            self.d.ellipse(b, fill=self._c(color))

    def line(self, pts, color=None, width=1):
        self.d.line([(x * S, y * S) for x, y in pts], fill=self._c(color),
                    width=int(round(width * S)), joint="curve")

    def arc(self, box, start, end, color=None, width=1):
        self.d.arc([v * S for v in box], start, end, fill=self._c(color),
                   width=int(round(width * S)))


class _Group(_Scaled):
    """Shapes drawn together on one layer, then blended with one opacity."""

    def __init__(self, poster, opacity):
        self.poster, self.opacity = poster, opacity
        self.layer = Image.new("RGBA", poster.im.size, (0, 0, 0, 0))
        super().__init__(ImageDraw.Draw(self.layer))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.poster._composite(self.layer, self.opacity)


def linear_gradient(w, h, stops, angle):
    """An RGB image of w x h with a linear gradient along angle (degrees, y down)."""
    a = math.radians(angle)
    span = abs(w * math.cos(a)) + abs(h * math.sin(a))
    d = int(math.ceil(math.hypot(w, h))) + 4
    cols = []
    for i in range(d):
        t = ((i - (d - span) / 2) / span) if span else 0
        t = min(1.0, max(0.0, t))
        for k in range(len(stops) - 1):
            p0, c0 = stops[k]
            p1, c1 = stops[k + 1]
            if t <= p1 or k == len(stops) - 2:
                u = 0 if p1 == p0 else min(1.0, max(0.0, (t - p0) / (p1 - p0)))
                cols.append(mix(c0, c1, u))
                break
    strip = Image.new("RGB", (d, 1))
    strip.putdata(cols)
    square = strip.resize((d, d), Image.NEAREST).rotate(-angle, resample=Image.BICUBIC)
    left, top = (d - w) // 2, (d - h) // 2
    return square.crop((left, top, left + w, top + h))


# --------------------------------------------------------------------------------------------
# SVG posters: only what nanosvg (SDL_image) draws, text as outlined paths


def fmt(v):
    s = "%.1f" % v
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


class Outliner:
    """Lays out text with the repo's font and returns it as SVG path data."""

    def __init__(self, path):
        self.font = TTFont(path)
        self.glyphs = self.font.getGlyphSet()
        self.cmap = self.font.getBestCmap()
        self.hmtx = self.font["hmtx"]
        self.upm = self.font["head"].unitsPerEm
        pen = BoundsPen(self.glyphs)
        self.glyphs[self.cmap[ord("国")]].draw(pen)
        _, y0, _, y1 = pen.bounds
        self.center = (y0 + y1) / 2 / self.upm  # ink centre of a CJK glyph, in em

    def width(self, text, px, tracking=0.0):
        adv = sum(self.hmtx[self.cmap[ord(c)]][0] for c in text)
        return adv * px / self.upm + tracking * max(0, len(text) - 1)

    def fit_px(self, text, px, max_w, tracking=0.0):
        while self.width(text, px, tracking) > max_w and px > 8:
            px -= 1
        return px

    def path(self, text, x, cy, px, anchor="l", tracking=0.0):
        width = self.width(text, px, tracking)
        pen_x = {"l": x, "m": x - width / 2, "r": x - width}[anchor]
        baseline = cy + self.center * px
        scale = px / self.upm
        pen = SVGPathPen(self.glyphs, ntos=fmt)
        for ch in text:
            name = self.cmap[ord(ch)]
            self.glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, pen_x, baseline)))
            pen_x += self.hmtx[name][0] * scale + tracking
        return pen.getCommands()


class Svg:
    def __init__(self, w, h, outliner):
        self.w, self.h, self.o = w, h, outliner
        self.defs, self.body = [], []

    @staticmethod
    def _attrs(attrs):
        out = []
        for k, v in attrs.items():
            if v is None:
                continue
            k = k.rstrip("_").replace("_", "-")
            out.append('%s="%s"' % (k, fmt(v) if isinstance(v, float) else v))
        return " ".join(out)

    def el(self, tag, **attrs):
        self.body.append("<%s %s/>" % (tag, self._attrs(attrs)))

    def linear(self, gid, stops, x1, y1, x2, y2):
        s = "".join('<stop offset="%s" stop-color="%s"%s/>' % (
            fmt(p), c, "" if o == 1 else ' stop-opacity="%s"' % fmt(o)) for p, c, o in stops)
        self.defs.append('<linearGradient id="%s" gradientUnits="userSpaceOnUse" x1="%s" y1="%s" '
                         'x2="%s" y2="%s">%s</linearGradient>'
                         % (gid, fmt(x1), fmt(y1), fmt(x2), fmt(y2), s))

    def radial(self, gid, stops, cx, cy, r):
        s = "".join('<stop offset="%s" stop-color="%s" stop-opacity="%s"/>' % (fmt(p), c, fmt(o))
                    for p, c, o in stops)
        self.defs.append('<radialGradient id="%s" gradientUnits="userSpaceOnUse" cx="%s" cy="%s" '
                         'r="%s">%s</radialGradient>' % (gid, fmt(cx), fmt(cy), fmt(r), s))

    def rect(self, x, y, w, h, fill, opacity=None, rx=None):
        self.el("rect", x=float(x), y=float(y), width=float(w), height=float(h),
                rx=None if rx is None else float(rx), fill=fill,
                opacity=None if opacity is None else float(opacity))

    def circle(self, cx, cy, r, fill="none", opacity=None, stroke=None, stroke_width=None):
        self.el("circle", cx=float(cx), cy=float(cy), r=float(r), fill=fill,
                stroke=stroke, stroke_width=None if stroke_width is None else float(stroke_width),
                opacity=None if opacity is None else float(opacity))

    def poly(self, pts, fill, opacity=None):
        self.el("polygon", points=" ".join("%s,%s" % (fmt(x), fmt(y)) for x, y in pts),
                fill=fill, opacity=None if opacity is None else float(opacity))

    def path(self, d, fill, opacity=None, evenodd=False, stroke_width=None):
        self.el("path", d=d, fill=fill, fill_rule="evenodd" if evenodd else None,
                stroke=fill if stroke_width else None,
                stroke_width=float(stroke_width) if stroke_width else None,
                stroke_linejoin="round" if stroke_width else None,
                opacity=None if opacity is None else float(opacity))

    def text(self, text, x, cy, px, fill, anchor="l", tracking=0.0, opacity=None, max_w=None,
             shadow=None, bold=0.0):
        """One line of outlined text centred on cy; bold strokes the outline (fraction of px)."""
        if max_w is not None:
            px = self.o.fit_px(text, px, max_w, tracking)
        sw = round(bold * px * 2, 1) if bold else None
        if shadow:
            scolor, sop, dx, dy = shadow
            self.path(self.o.path(text, x + dx, cy + dy, px, anchor, tracking), scolor, sop)
        self.path(self.o.path(text, x, cy, px, anchor, tracking), fill, opacity, stroke_width=sw)
        width = self.o.width(text, px, tracking)
        left = {"l": x, "m": x - width / 2, "r": x - width}[anchor]
        return left, left + width, px

    def chip(self, text, x, cy, px, bg, fg, anchor="l", pad=0.7, opacity=None):
        width = self.o.width(text, px) + 2 * pad * px
        left = {"l": x, "m": x - width / 2, "r": x - width}[anchor]
        h = px * 1.75
        self.rect(left, cy - h / 2, width, h, bg, opacity, rx=h / 2)
        self.text(text, left + pad * px, cy, px, fg)
        return left, left + width

    def emblem(self, cx, cy, r, gold=GOLD, inner=RED, star=None):
        gear = gear_points(cx, cy, r, r * 0.86, 16)
        hole = list(reversed(circle_points(cx, cy, r * 0.74)))
        self.path(points_path(gear) + points_path(hole), gold)
        self.circle(cx, cy, r * 0.74, fill=inner)
        self.circle(cx, cy, r * 0.66, stroke=gold, stroke_width=max(2.0, r * 0.03))
        self.poly(star_points(cx, cy + r * 0.04, r * 0.52), star or gold)

    def save(self, path):
        out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
               'viewBox="0 0 %d %d">' % (self.w, self.h, self.w, self.h)]
        if self.defs:
            out.append("<defs>")
            out.extend(self.defs)
            out.append("</defs>")
        out.extend(self.body)
        out.append("</svg>")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out) + "\n")


def points_path(pts):
    return "M" + " L".join("%s %s" % (fmt(x), fmt(y)) for x, y in pts) + "Z"


# --------------------------------------------------------------------------------------------
# The posters


def poster_launch(path):
    """16:9, fit: the national launch ceremony on 8 November at 潍坊职业学院."""
    w, h = 1920, 1080
    p = Poster(w, h, DEEP_RED)
    p.gradient([(0, "#5E070C"), (0.55, "#A3111A"), (1, "#D0251E")], 25)
    cx, cy = 1460, 470
    p.glow(cx, cy, 820, "#FFB300", 0.35)
    with p.group(0.07) as g:
        for poly in ray_polygons(cx, cy, 1700, 36, 4.5, rot=3):
            g.poly(poly, GOLD)
    for r, op in ((300, 0.35), (380, 0.22), (470, 0.12), (570, 0.06)):
        p.ellipse((cx - r, cy - r, cx + r, cy + r), GOLD, op, width=3)
    p.emblem(cx, cy, 240, inner="#A3111A")
    # Diagonal ribbons at the lower left.
    p.poly([(0, 760), (760, 1080), (0, 1080)], "#5E070C", 0.55)
    p.poly([(0, 840), (560, 1080), (420, 1080), (0, 900)], GOLD, 0.25)

    m = 130
    p.chip("2020年职业教育活动周", m, 190, 34, GOLD, DEEP_RED, bold=0.02)
    p.text("全国启动仪式", m - 6, 335, 156, WHITE, bold=0.022, tracking=6,
           shadow=("#3A0306", 0.55, 8, 0, 6))
    p.text("暨全国职业院校技能大赛改革试点赛开幕式", m, 478, 52, LIGHT_GOLD, bold=0.01,
           max_w=1180 - m)
    p.rect((m, 540, m + 110, 548), GOLD)
    p.text("活动周设立以来，第一次在京津以外举办启动仪式", m, 604, 36, WHITE, opacity=0.9,
           max_w=1180 - m)
    _, right = p.chip("11月8日", m, 700, 44, None, WHITE, outline=GOLD, bold=0.02)
    p.chip("潍坊职业学院", right + 24, 700, 44, GOLD, DEEP_RED, bold=0.02)
    p.text("教育部、山东省、潍坊市领导，职业院校师生代表、企业代表共同参加", m, 800, 30,
           WHITE, opacity=0.75, max_w=1180 - m)
    p.footer(880, 200, "#3E0407", 0.6, GOLD, WEEK, THEME, 44, m)
    p.save(path, "jpeg")


def poster_pilot(path):
    """4:3, flat PNG: the skills-competition reform pilot with an online viewing channel."""
    w, h = 1600, 1200
    navy, navy2, cyan = "#0E2A5C", "#163C7E", "#35C2E0"
    p = Poster(w, h, navy)
    p.ellipse((880, -260, 1880, 740), navy2)
    p.ellipse((1020, -120, 1740, 600), "#1B4792")
    with p.group() as g:
        g.poly([(1600, 760), (1600, 1200), (1160, 1200)], GOLD)
        g.poly(gear_points(1380, 330, 230, 198, 14), "#24539F")
        g.ellipse((1380 - 150, 330 - 150, 1380 + 150, 330 + 150), "#1B4792")
    # Hexagon outlines, a flat tech pattern.
    with p.group(0.35) as g:
        for i, (hx, hy) in enumerate([(1190, 700), (1276, 750), (1276, 650), (1362, 700),
                                     (1448, 750), (1448, 650), (1362, 800)]):
            pts = [(hx + 50 * math.cos(math.radians(60 * k)), hy + 50 * math.sin(math.radians(60 * k)))
                   for k in range(6)]
            g.line(pts + [pts[0]], cyan if i % 2 else GOLD, 3)
    m = 110
    p.text("全国职业院校技能大赛", m, 170, 56, cyan, bold=0.02, tracking=4)
    p.text("改革试点赛", m - 6, 310, 170, WHITE, bold=0.022, tracking=8)
    p.rect((m, 420, m + 640, 428), GOLD)
    p.text("潍坊承办部分赛项 · 11月8日开幕", m, 480, 44, WHITE, opacity=0.9)
    # The online viewing card: a screen with a play button.
    card = (m, 580, 1060, 930)
    p.rect(card, "#0A1F47", radius=28)
    sx0, sy0, sx1, sy1 = m + 40, 620, m + 380, 830
    p.rect((sx0, sy0, sx1, sy1), cyan, radius=16)
    p.rect((sx0 + 10, sy0 + 10, sx1 - 10, sy1 - 10), "#0E2A5C", radius=10)
    p.rect(((sx0 + sx1) / 2 - 18, sy1, (sx0 + sx1) / 2 + 18, sy1 + 36), cyan)
    p.rect(((sx0 + sx1) / 2 - 80, sy1 + 32, (sx0 + sx1) / 2 + 80, sy1 + 46), cyan, radius=7)
    pcx, pcy = (sx0 + sx1) / 2, (sy0 + sy1) / 2
    p.ellipse((pcx - 62, pcy - 62, pcx + 62, pcy + 62), GOLD)
    p.poly([(pcx - 20, pcy - 34), (pcx - 20, pcy + 34), (pcx + 38, pcy)], navy)
    tx = sx1 + 50
    p.text("网上观赛通道", tx, 680, 72, GOLD, bold=0.03)
    p.text("赛场视频直播", tx, 775, 44, WHITE)
    p.text("足不出户看比赛", tx, 845, 44, WHITE, opacity=0.85)
    p.text(WEEK, m, 1040, 44, WHITE, opacity=0.95)
    p.text(THEME, m, 1115, 52, GOLD, bold=0.03)
    p.save(path, "png")


def poster_provincial(path):
    """16:9, cover, WebP: the Shandong provincial skills competition."""
    w, h = 1920, 1080
    p = Poster(w, h, "#0A1A3F")
    p.gradient([(0, "#07132F"), (0.6, "#0F2E66"), (1, "#1A4C96")], 15)
    p.glow(1500, 420, 700, "#3FA9F5", 0.25)
    # Diagonal stripes on the right.
    for x, wd, op, col in [(1100, 150, 0.07, WHITE), (1290, 22, 0.9, GOLD),
                           (1350, 70, 0.06, WHITE), (1540, 10, 0.8, GOLD),
                           (1640, 130, 0.08, WHITE)]:
        xb = x + 420 * (1 - 880 / 1080)  # the stripes stop at the footer band
        p.poly([(x + 420, 0), (x + 420 + wd, 0), (xb + wd, 880), (xb, 880)], col, op)
    p.ellipse((-260, 620, 500, 1380), "#FFFFFF", 0.08, width=4)
    with p.group(0.12) as g:
        g.poly(gear_points(120, 1000, 360, 320, 18), WHITE)
        g.ellipse((120 - 250, 1000 - 250, 120 + 250, 1000 + 250), None)
    p.emblem(1560, 420, 170, inner="#0F2E66")
    m = 140
    p.chip("山东省 · 2020", m, 200, 34, GOLD, "#0A1A3F", bold=0.02)
    p.text("全省职业院校", m - 4, 320, 118, WHITE, bold=0.022, tracking=4,
           shadow=("#000000", 0.4, 8, 0, 6))
    p.text("技能大赛", m - 4, 465, 140, GOLD, bold=0.024, tracking=10,
           shadow=("#000000", 0.4, 8, 0, 6))
    p.text("弘扬劳模精神、劳动精神、工匠精神", m, 600, 44, WHITE, opacity=0.92)
    x = m
    for name in ("数控车加工", "护理技能", "烹饪"):
        _, right = p.chip(name, x, 700, 32, None, WHITE, outline="#7FB8F0")
        x = right + 16
    p.text("各赛项成绩实时发布 · 请关注现场看板", m, 790, 34, "#9CC7F5")
    p.footer(880, 200, "#050D22", 0.55, GOLD, WEEK, THEME, 44, m)
    p.save(path, "webp")


def _icon(p, kind, cx, cy, r, fg, bg=None):
    """Simple flat pictograms inside a circle of radius r."""
    with p.group() as g:
        if kind == "pen":
            a = math.radians(-45)
            ux, uy = math.cos(a), math.sin(a)
            vx, vy = -uy, ux
            L, W = r * 1.1, r * 0.2

            def pt(s, t):
                return (cx + ux * s + vx * t, cy + uy * s + vy * t)
            g.poly([pt(-L / 2, -W), pt(L / 2, -W), pt(L / 2, W), pt(-L / 2, W)], fg)
            g.poly([pt(-L / 2, -W), pt(-L / 2 - W * 1.8, 0), pt(-L / 2, W)], fg)
            g.poly([pt(L / 2 + 4, -W), pt(L / 2 + W * 1.2, -W), pt(L / 2 + W * 1.2, W),
                    pt(L / 2 + 4, W)], fg)
        elif kind == "mic":
            g.rect((cx - r * 0.22, cy - r * 0.62, cx + r * 0.22, cy + r * 0.12), fg,
                   radius=r * 0.22)
            g.arc((cx - r * 0.4, cy - r * 0.5, cx + r * 0.4, cy + r * 0.3), 0, 180, fg,
                  width=r * 0.08)
            g.rect((cx - r * 0.04, cy + r * 0.3, cx + r * 0.04, cy + r * 0.55), fg)
            g.rect((cx - r * 0.25, cy + r * 0.52, cx + r * 0.25, cy + r * 0.6), fg,
                   radius=r * 0.04)
        elif kind == "note":
            g.ellipse((cx - r * 0.5, cy + r * 0.12, cx - r * 0.1, cy + r * 0.46), fg)
            g.ellipse((cx + r * 0.1, cy + r * 0.02, cx + r * 0.5, cy + r * 0.36), fg)
            g.rect((cx - r * 0.18, cy - r * 0.5, cx - r * 0.1, cy + r * 0.3), fg)
            g.rect((cx + r * 0.42, cy - r * 0.6, cx + r * 0.5, cy + r * 0.2), fg)
            g.poly([(cx - r * 0.18, cy - r * 0.5), (cx + r * 0.5, cy - r * 0.6),
                    (cx + r * 0.5, cy - r * 0.44), (cx - r * 0.18, cy - r * 0.34)], fg)
        elif kind == "cup":
            g.poly([(cx - r * 0.42, cy - r * 0.55), (cx + r * 0.42, cy - r * 0.55),
                    (cx + r * 0.3, cy - r * 0.05), (cx, cy + r * 0.12),
                    (cx - r * 0.3, cy - r * 0.05)], fg)
            g.arc((cx - r * 0.62, cy - r * 0.5, cx - r * 0.22, cy - r * 0.1), 90, 270, fg,
                  width=r * 0.08)
            g.arc((cx + r * 0.22, cy - r * 0.5, cx + r * 0.62, cy - r * 0.1), 270, 90, fg,
                  width=r * 0.08)
            g.rect((cx - r * 0.07, cy + r * 0.1, cx + r * 0.07, cy + r * 0.38), fg)
            g.rect((cx - r * 0.34, cy + r * 0.36, cx + r * 0.34, cy + r * 0.52), fg,
                   radius=r * 0.05)
        elif kind == "mask":
            g.rect((cx - r * 0.55, cy - r * 0.35, cx + r * 0.55, cy + r * 0.35), fg,
                   radius=r * 0.2)
            g.arc((cx - r * 0.85, cy - r * 0.35, cx - r * 0.35, cy + r * 0.25), 90, 270, fg,
                  width=r * 0.07)
            g.arc((cx + r * 0.35, cy - r * 0.35, cx + r * 0.85, cy + r * 0.25), 270, 90, fg,
                  width=r * 0.07)
        elif kind == "thermo":
            g.rect((cx - r * 0.14, cy - r * 0.65, cx + r * 0.14, cy + r * 0.25), fg,
                   radius=r * 0.14)
            g.ellipse((cx - r * 0.27, cy + r * 0.08, cx + r * 0.27, cy + r * 0.62), fg)
            for k in range(3):
                yy = cy - r * 0.5 + k * r * 0.2
                g.rect((cx + r * 0.22, yy, cx + r * 0.42, yy + r * 0.06), fg)
        elif kind == "clipboard":
            g.rect((cx - r * 0.42, cy - r * 0.52, cx + r * 0.42, cy + r * 0.62), fg,
                   radius=r * 0.08)
            g.rect((cx - r * 0.2, cy - r * 0.64, cx + r * 0.2, cy - r * 0.42), fg,
                   radius=r * 0.06)
            if bg:
                for k in range(3):
                    yy = cy - r * 0.28 + k * r * 0.26
                    g.rect((cx - r * 0.26, yy, cx - r * 0.16, yy + r * 0.08), bg)
                    g.rect((cx - r * 0.08, yy, cx + r * 0.28, yy + r * 0.08), bg)
        elif kind == "distance":
            for sx in (-1, 1):
                hx = cx + sx * r * 0.5
                g.ellipse((hx - r * 0.14, cy - r * 0.55, hx + r * 0.14, cy - r * 0.27), fg)
                g.rect((hx - r * 0.2, cy - r * 0.2, hx + r * 0.2, cy + r * 0.5), fg,
                       radius=r * 0.12)
            g.rect((cx - r * 0.22, cy + r * 0.02, cx + r * 0.22, cy + r * 0.08), fg)
            g.poly([(cx - r * 0.3, cy + r * 0.05), (cx - r * 0.18, cy - r * 0.06),
                    (cx - r * 0.18, cy + r * 0.16)], fg)
            g.poly([(cx + r * 0.3, cy + r * 0.05), (cx + r * 0.18, cy - r * 0.06),
                    (cx + r * 0.18, cy + r * 0.16)], fg)


def poster_civility(path):
    """9:16 portrait JPEG: 文明风采 activities."""
    w, h = 1080, 1920
    p = Poster(w, h, "#C21E3A")
    p.gradient([(0, "#9E0F2E"), (0.5, "#D7263D"), (1, "#F08A24")], 100)
    p.glow(900, 300, 600, "#FFD54F", 0.35)
    p.ellipse((-300, -300, 500, 500), WHITE, 0.07)
    p.ellipse((700, 1250, 1400, 1950), WHITE, 0.06)
    rng = random.Random(1108)
    with p.group(0.22) as g:
        for _ in range(40):
            x, y, s = rng.uniform(40, 1040), rng.uniform(60, 680), rng.uniform(8, 22)
            if 150 < y < 660 and 50 < x < 1030:
                continue  # keep the title clear
            kind = rng.randrange(3)
            col = rng.choice([GOLD, WHITE, LIGHT_GOLD])
            if kind == 0:
                g.ellipse((x - s, y - s, x + s, y + s), col)
            elif kind == 1:
                g.poly(star_points(x, y, s * 1.4), col)
            else:
                g.rect((x - s, y - s * 0.4, x + s, y + s * 0.4), col)
    p.chip("职业院校", 540, 230, 40, GOLD, "#8E0C27", anchor="m", bold=0.02)
    p.text("文明风采", 540, 420, 212, WHITE, anchor="m", bold=0.025, tracking=8,
           shadow=("#5A0618", 0.5, 10, 0, 8))
    p.text("展现师生风采 · 丰富校园文化", 540, 590, 52, LIGHT_GOLD, anchor="m")
    cards = [("征文活动", "pen", "#E53950"), ("演讲比赛", "mic", "#F08A24"),
             ("才艺演出", "note", "#8E44AD"), ("运动项目比赛", "cup", "#1E88E5")]
    cw, ch, gap, top = 430, 300, 40, 720
    for i, (label, icon, col) in enumerate(cards):
        x0 = (w - 2 * cw - gap) / 2 + (i % 2) * (cw + gap)
        y0 = top + (i // 2) * (ch + gap)
        p.rect((x0 + 6, y0 + 10, x0 + cw + 6, y0 + ch + 10), "#5A0618", 0.25, radius=30)
        p.rect((x0, y0, x0 + cw, y0 + ch), WHITE, 0.96, radius=30)
        icx, icy, r = x0 + cw / 2, y0 + 115, 72
        p.ellipse((icx - r, icy - r, icx + r, icy + r), col)
        _icon(p, icon, icx, icy, r, WHITE)
        p.text(label, icx, y0 + 235, 48, "#3A1020", anchor="m", bold=0.012, max_w=cw - 40)
    p.text("促进校园精神文明建设", 540, 1460, 50, WHITE, anchor="m")
    p.rect((0, 1600, w, 1920), "#7E0A22", 0.55)
    p.rect((0, 1600, w, 1606), GOLD)
    p.text(WEEK_NAME, 540, 1680, 40, WHITE, anchor="m", opacity=0.9)
    p.text(WEEK, 540, 1752, 46, WHITE, anchor="m")
    p.text(THEME, 540, 1836, 60, GOLD, anchor="m", bold=0.035)
    p.save(path, "jpeg")


def poster_skills_service(path):
    """3:4 portrait WebP: skills-service activities and 技能下乡."""
    w, h = 1200, 1600
    p = Poster(w, h, "#0F5132")
    p.gradient([(0, "#0B3D26"), (0.55, "#15704A"), (1, "#2E9E5B")], 90)
    p.glow(960, 260, 420, "#FFE082", 0.5)
    p.ellipse((960 - 110, 260 - 110, 960 + 110, 260 + 110), GOLD, 0.9)

    def band(y, amp, phase, col, op):
        pts = [(x, y + amp * math.sin(x / 260 + phase)) for x in range(0, w + 1, 20)]
        p.poly(pts + [(w, h), (0, h)], col, op)
    band(1180, 30, 0.0, "#7CC576", 0.45)
    band(1260, 36, 1.8, "#F5C400", 0.55)
    band(1340, 28, 3.3, "#3FA34D", 0.85)
    with p.group(0.35) as g:  # furrows
        for k in range(7):
            x = 80 + k * 170
            g.poly([(x, 1600), (x + 20, 1600), (600 + (x - 600) * 0.3 + 6, 1390),
                    (600 + (x - 600) * 0.3, 1390)], "#0B3D26")
    p.rect((0, 1420, w, 1600), "#0B3D26", 0.8)
    p.rect((0, 1420, w, 1425), GOLD)
    m = 100
    p.chip("技术技能服务活动", m, 200, 38, GOLD, "#0B3D26", bold=0.02)
    p.text("技能下乡", m - 6, 360, 176, WHITE, bold=0.025, tracking=8,
           shadow=("#062416", 0.5, 10, 0, 8))
    p.text("把技术技能送到田间地头和养殖农牧场", m, 500, 44, LIGHT_GOLD, max_w=w - 2 * m)
    p.text("服务社区居民、市民群众", m, 600, 40, WHITE, opacity=0.9)
    items = ["防疫知识宣传", "健康护理", "生活服务", "家电维修保养", "传统工艺", "职业礼仪",
             "环境保护", "进城务工常识普及"]
    colw = (w - 2 * m - 30) / 2
    for i, label in enumerate(items):
        x0 = m + (i % 2) * (colw + 30)
        cy = 700 + (i // 2) * 100
        p.rect((x0, cy - 40, x0 + colw, cy + 40), WHITE, 0.14, radius=40)
        p.ellipse((x0 + 22, cy - 14, x0 + 50, cy + 14), GOLD)
        p.text(label, x0 + 70, cy, 40, WHITE, max_w=colw - 90)
    p.text("开展技能扶贫 · 服务脱贫攻坚和乡村振兴", m, 1130, 40, WHITE, bold=0.02,
           max_w=w - 2 * m)
    p.text(WEEK, m, 1475, 42, WHITE)
    p.text(THEME, m, 1548, 50, GOLD, bold=0.035)
    p.text("2020年潍坊市", w - m, 1475, 34, WHITE, anchor="r", opacity=0.8)
    p.text("职业教育活动周", w - m, 1548, 34, WHITE, anchor="r", opacity=0.8)
    p.save(path, "webp")


def poster_epidemic(path):
    """9:16 portrait flat PNG: epidemic-prevention rules at the venue."""
    w, h = 1080, 1920
    teal, ink = "#0E8A7E", "#1F2A30"
    p = Poster(w, h, "#F3F7F8")
    with p.group() as g:
        g.rect((0, 0, w, 620), RED)
        g.ellipse((620, -260, 1320, 440), "#C8242C")
        g.poly([(0, 560), (w, 460), (w, 620), (0, 620)], "#F3F7F8")
        g.poly([(0, 540), (w, 440), (w, 470), (0, 570)], GOLD)
    p.text("科学防控", 540, 200, 170, WHITE, anchor="m", bold=0.025, tracking=10)
    p.text("安全观赛 · 文明参观", 540, 360, 58, LIGHT_GOLD, anchor="m", bold=0.02)
    rows = [("mask", "佩戴口罩", "进入场馆请全程规范佩戴口罩"),
            ("thermo", "测量体温", "入口处测温，体温正常方可进入"),
            ("clipboard", "登记入场", "严把进出登记，配合工作人员查验"),
            ("distance", "保持距离", "保持1米以上安全距离，不聚集")]
    p.text("进入场馆，请遵守以下防控要求", 540, 610, 44, teal, anchor="m", bold=0.015)
    y = 690
    for icon, title, line in rows:
        p.rect((76, y + 8, w - 64, y + 208), "#C9D6DA", 0.6, radius=28)
        p.rect((70, y, w - 70, y + 200), WHITE, radius=28)
        r = 70
        icx, icy = 190, y + 100
        p.ellipse((icx - r, icy - r, icx + r, icy + r), teal)
        _icon(p, icon, icx, icy, r, WHITE, bg=teal)
        p.text(title, 300, y + 68, 60, ink, bold=0.012)
        p.text(line, 300, y + 145, 36, "#4A5A63", max_w=w - 70 - 300 - 30)
        y += 232
    p.text("严格执行国家和地方疫情防控要求", 540, 1650, 40, ink, anchor="m", bold=0.01)
    p.text("防范聚集性感染疫情风险", 540, 1715, 40, ink, anchor="m", bold=0.01)
    p.rect((0, 1800, w, 1920), RED)
    p.text(WEEK, 70, 1860, 38, WHITE)
    p.text(THEME, w - 70, 1860, 42, GOLD, anchor="r", bold=0.03)
    p.save(path, "png")


def poster_theme(path):
    """3:2 JPEG: the theme 人人出彩，技能强国."""
    w, h = 1800, 1200
    p = Poster(w, h, GOLD)
    p.gradient([(0, "#FFE27A"), (1, "#F2B705")], 60)
    p.emblem(1390, 520, 300, gold=RED, inner="#F7C928", star=RED, opacity=0.95)
    for r, op in ((360, 0.5), (420, 0.3), (480, 0.15)):
        p.ellipse((1390 - r, 520 - r, 1390 + r, 520 + r), RED, op, width=4)
    mask = p.shape_mask(lambda d: d.poly([(0, 0), (1080, 0), (860, 1200), (0, 1200)]))
    p.gradient([(0, "#8E0C14"), (1, "#C8161F")], 70, mask=mask)
    p.poly([(1080, 0), (1110, 0), (890, 1200), (860, 1200)], WHITE, 0.9)
    with p.group(0.1) as g:
        for i in range(6):
            g.poly(star_points(700 - i * 110, 70 + (i % 2) * 50, 22), GOLD)
    m = 120
    p.text(WEEK_NAME, m, 170, 42, LIGHT_GOLD, tracking=2)
    p.rect((m, 215, m + 90, 222), GOLD)
    p.text("人人出彩", m - 6, 390, 200, WHITE, bold=0.025, tracking=10,
           shadow=("#3A0306", 0.5, 10, 0, 8))
    p.text("技能强国", m - 6, 630, 200, GOLD, bold=0.025, tracking=10,
           shadow=("#3A0306", 0.5, 10, 0, 8))
    p.text("人人皆可成才、人人尽展其才", m, 820, 50, WHITE)
    p.text("幸福都是奋斗出来的", m, 900, 40, WHITE, opacity=0.85)
    p.text(WEEK, m, 1080, 46, LIGHT_GOLD)
    p.text("劳动光荣、技能宝贵、创造伟大", 1390, 990, 42, "#8E0C14", anchor="m", bold=0.02,
           max_w=1720 - 1060)
    p.save(path, "jpeg")


def poster_cloud(path, outliner):
    """16:9 SVG: 云上活动周, 线上逛校园, 网络校园开放日."""
    w, h = 1920, 1080
    s = Svg(w, h, outliner)
    s.linear("sky", [(0, "#0B3A8C", 1), (0.6, "#1565C0", 1), (1, "#3FA2F0", 1)], 0, 0, 600, 1080)
    s.radial("halo", [(0, "#8FD3FF", 0.55), (1, "#8FD3FF", 0)], 1430, 430, 650)
    s.rect(0, 0, w, h, "url(#sky)")
    s.rect(0, 0, w, h, "url(#halo)")
    # Network: dots and links.
    nodes = [(1080, 180), (1250, 120), (1420, 210), (1620, 140), (1800, 250), (1700, 430),
             (1860, 560), (1180, 330)]
    for a, b in [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (2, 7), (0, 7), (2, 5)]:
        (x1, y1), (x2, y2) = nodes[a], nodes[b]
        s.el("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), stroke="#9FD8FF",
             stroke_width=2.0, opacity=0.5)
    for x, y in nodes:
        s.circle(x, y, 9, fill="#CFEFFF", opacity=0.9)
    # Clouds: circles over a rounded base.

    def cloud(cx, cy, k, op):
        s.rect(cx - 150 * k, cy - 10 * k, 300 * k, 80 * k, WHITE, op, rx=40 * k)
        s.circle(cx - 70 * k, cy, 62 * k, fill=WHITE, opacity=op)
        s.circle(cx + 20 * k, cy - 40 * k, 86 * k, fill=WHITE, opacity=op)
        s.circle(cx + 100 * k, cy + 10 * k, 54 * k, fill=WHITE, opacity=op)
    cloud(1500, 300, 1.5, 0.95)
    cloud(1150, 820, 0.7, 0.25)
    cloud(300, 120, 0.6, 0.15)
    # A screen inside the cloud with a play button and VR glasses.
    s.rect(1330, 290, 340, 210, "#0B3A8C", rx=18)
    s.rect(1344, 304, 312, 182, "#1E88E5", rx=10)
    s.circle(1500, 395, 52, fill=GOLD)
    s.poly([(1482, 366), (1482, 424), (1532, 395)], "#0B3A8C")
    s.rect(1480, 500, 40, 40, "#0B3A8C")
    s.rect(1420, 534, 160, 16, "#0B3A8C", rx=8)
    gx, gy = 1520, 700
    s.rect(gx - 170, gy - 60, 340, 120, WHITE, 0.95, rx=50)
    s.circle(gx - 75, gy, 40, fill="#1565C0")
    s.circle(gx + 75, gy, 40, fill="#1565C0")
    s.rect(gx - 20, gy - 12, 40, 24, "#1565C0", rx=8)
    s.text("VR · AR · MR", gx, gy + 120, 40, WHITE, anchor="m")
    m = 130
    s.chip("线上宣传展示", m, 190, 36, GOLD, "#0B3A8C")
    s.text("云上活动周", m - 6, 340, 168, WHITE, tracking=8, bold=0.02,
           shadow=("#041A40", 0.45, 0, 8))
    s.text("线上逛校园 · 网络校园开放日", m, 480, 56, "#FFE082")
    s.rect(m, 540, 110, 8, GOLD)
    s.text("短视频 · 微动漫 · 网络直播 · H5小程序", m, 605, 38, WHITE, opacity=0.92)
    for i, line in enumerate(["面向学生、家长和社区居民展示办学成果、",
                              "校园文化、教学实训、职业体验、大师技艺"]):
        s.text(line, m, 680 + i * 56, 34, "#D6ECFF")
    s.rect(0, 880, w, 200, "#061E4A", 0.6)
    s.rect(0, 880, w, 5, GOLD)
    s.text(WEEK, m, 980, 44, WHITE)
    s.text(THEME, w - m, 980, 48, GOLD, anchor="r", bold=0.02)
    s.save(path)


def poster_labour(path, outliner):
    """Square SVG: 劳动光荣、技能宝贵、创造伟大."""
    w = h = 1080
    s = Svg(w, h, outliner)
    s.radial("bg", [(0, "#D62A23", 1), (0.7, "#A3111A", 1), (1, "#6E0A10", 1)], 540, 330, 900)
    s.rect(0, 0, w, h, "url(#bg)")
    for poly in ray_polygons(540, 250, 1200, 32, 5, rot=2):
        s.poly(poly, GOLD, 0.07)
    for r, op in ((190, 0.35), (230, 0.2)):
        s.circle(540, 250, r, stroke=GOLD, stroke_width=3.0, opacity=op)
    s.emblem(540, 250, 150, inner="#A3111A")
    lines = [("劳动光荣", 470), ("技能宝贵", 630), ("创造伟大", 790)]
    for text, cy in lines:
        s.text(text, 540, cy, 138, GOLD, anchor="m", tracking=14, bold=0.02,
               shadow=("#3A0306", 0.45, 0, 7))
    s.rect(380, 885, 320, 4, GOLD, 0.7)
    s.text("弘扬劳模精神、劳动精神、工匠精神", 540, 940, 40, WHITE, anchor="m")
    s.text(WEEK + " · " + THEME, 540, 1020, 32, LIGHT_GOLD, anchor="m")
    s.save(path)


def make_logo(path, outliner):
    """The header emblem: gold gear ring and star on red, 职教周 below the star."""
    s = Svg(256, 256, outliner)
    s.circle(128, 128, 127, fill=GOLD)
    s.circle(128, 128, 121, fill=RED)
    gear = gear_points(128, 128, 112, 100, 20)
    hole = list(reversed(circle_points(128, 128, 90)))
    s.path(points_path(gear) + points_path(hole), GOLD)
    s.poly(star_points(128, 92, 50), GOLD)
    s.text("职教周", 128, 170, 44, GOLD, anchor="m", tracking=2, bold=0.03)
    s.save(path)


# --------------------------------------------------------------------------------------------
# Data: timetable, results, notices

TZ = "+08:00"


def ts(day, hm):
    return "2020-11-%02dT%s:00%s" % (day, hm, TZ)


# (day, start, end, title, place). The plan gives the launch ceremony's date and place only; all
# times, the other places and the single events are invented, so every entry is invented: true.
TIMETABLE = [
    (8, "09:00", "11:00", "活动周全国启动仪式暨改革试点赛开幕式", "潍坊职业学院"),
    (8, "11:00", "16:30", "职业技能展演与宣传看板展示", "潍坊职业学院 展示广场"),
    (8, "13:30", "17:30", "改革试点赛：工业机器人技术应用", "潍坊职业学院 实训中心"),
    (8, "19:00", "20:30", "“云上活动周”开幕直播", "线上 · 活动周主题网站"),
    (9, "08:30", "12:00", "改革试点赛：工业机器人技术应用", "潍坊职业学院 实训中心"),
    (9, "09:00", "12:00", "全省技能大赛：数控车加工", "潍坊工程职业学院 实训中心"),
    (9, "14:00", "16:30", "“文明风采”演讲比赛", "潍坊市技师学院 报告厅"),
    (9, "14:00", "17:00", "全省技能大赛：烹饪", "潍坊市技师学院 实训中心"),
    (9, "14:00", "17:30", "改革试点赛：电子商务技能", "潍坊职业学院 实训中心"),
    (9, "19:30", "21:00", "线上逛校园：高职院校专场", "线上 · 网络直播"),
    (10, "08:30", "12:00", "全省技能大赛：护理技能", "潍坊护理职业学院 实训楼"),
    (10, "08:30", "12:00", "全省技能大赛：数控车加工", "潍坊工程职业学院 实训中心"),
    (10, "09:00", "11:30", "技能下乡：农机维修进田间", "寿光市 蔬菜产业园"),
    (10, "15:00", "17:00", "网上研讨会：校企融合与就业创业", "线上 · 网络直播"),
    (10, "19:00", "21:00", "“文明风采”才艺演出", "潍坊工程职业学院 礼堂"),
    (11, "09:00", "11:30", "技术技能服务进社区：家电维修", "奎文区 社区服务中心"),
    (11, "10:00", "11:30", "职业体验日：走进实训室", "潍坊工程职业学院 实训中心"),
    (11, "14:00", "16:30", "网络校园开放日", "线上 · 活动周主题网站"),
    (11, "19:30", "21:00", "线上招生政策宣传：高职扩招", "线上 · 网络直播"),
    (12, "09:00", "11:00", "示范区建设成果展示", "潍坊职业学院 展示广场"),
    (12, "09:00", "12:00", "技能下乡：养殖技术服务", "青州市 养殖农牧场"),
    (12, "14:00", "16:00", "网上研讨会：职业教育提质培优", "线上 · 网络直播"),
    (12, "14:30", "16:30", "“文明风采”运动项目比赛", "潍坊科技学院 体育场"),
    (13, "08:30", "12:00", "改革试点赛：电子商务技能", "潍坊职业学院 实训中心"),
    (13, "09:30", "11:00", "“文明风采”征文活动展评", "潍坊市工业学校 图书馆"),
    (13, "14:00", "16:00", "职业技能展演：大师技艺", "潍坊职业学院 展示广场"),
    (13, "19:00", "20:30", "云上活动周：职业体验直播", "线上 · 网络直播"),
    (14, "09:00", "11:30", "技术技能服务日：健康护理", "潍城区 社区服务中心"),
    (14, "10:00", "11:30", "线上逛校园：中职学校专场", "线上 · 网络直播"),
    (14, "14:00", "15:30", "技能大赛成绩发布与颁奖", "潍坊职业学院 报告厅"),
    (14, "15:30", "17:00", "活动周总结交流会", "潍坊职业学院 报告厅"),
]


def make_timetable():
    events = []
    for day, start, end, title, place in sorted(TIMETABLE, key=lambda e: (e[0], e[1], e[4])):
        events.append({"title": title, "start": ts(day, start), "end": ts(day, end),
                       "place": place, "invented": True})
    return {"events": events}


SCHOOLS = ["潍坊职业学院", "潍坊工程职业学院", "山东畜牧兽医职业学院", "潍坊护理职业学院",
           "潍坊科技学院", "山东海事职业学院", "潍坊市工业学校", "寿光市职业教育中心学校",
           "青州市职业教育中心学校", "潍坊市技师学院", "诸城市职业教育中心学校",
           "高密市中等职业学校", "昌乐县职业教育中心学校", "安丘市职业中等专业学校"]

# (event, final, entries, tie): tie makes the 3rd and 4th best scores equal.
RESULT_EVENTS = [
    ("数控车加工", True, 12, True),
    ("工业机器人技术应用", True, 14, False),
    ("电子商务技能", False, 10, False),
    ("护理技能", True, 9, False),
    ("烹饪", True, 8, False),
]


def make_results():
    events = []
    for index, (name, final, n, tie) in enumerate(RESULT_EVENTS):
        rng = random.Random(20201110 + index)
        scores = set()
        while len(scores) < n:
            scores.add(round(rng.uniform(68.0, 97.5), 1))
        scores = sorted(scores, reverse=True)
        if tie:
            scores[3] = scores[2]
        order = list(range(n))
        rng.shuffle(order)  # draw numbers (选手NN) are not in score order
        teams = rng.sample(SCHOOLS, min(n, len(SCHOOLS)))
        teams += rng.sample(SCHOOLS, n - len(teams))
        ranks = [1 + sum(1 for t in scores if t > sc) for sc in scores]
        entries = [None] * n
        for pos, draw in enumerate(order):
            e = {"team": teams[draw], "contestant": "选手%02d" % (draw + 1),
                 "score": scores[pos]}
            if final:
                first, second, third = max(1, round(n * 0.1)), round(n * 0.3), round(n * 0.6)
                rank = ranks[pos]
                award = ("一等奖" if rank <= first else "二等奖" if rank <= second
                         else "三等奖" if rank <= third else None)
                if award:
                    e["award"] = award
            entries[draw] = e
        events.append({"event": name, "final": final, "entries": entries})
    return {"sample": True, "updated": "2020-11-10T15:30:00+08:00", "events": events}


NOTICES = {
    "week-intro": ("活动周简介", "\n".join([
        "时间：2020年11月8日至14日。主题：人人出彩，技能强国。",
        "11月8日，2020年职业教育活动周全国启动仪式暨全国职业院校技能大赛改革试点赛开幕式在潍坊职业学院举行。"
        "这是活动周自2015年设立以来，第一次在京津以外举办启动仪式。",
        "主要活动：全国职业院校技能大赛改革试点赛、全省职业院校技能大赛、职业院校“文明风采”活动、"
        "线上宣传展示、主题推介和技术技能服务活动。",
    ])),
    "guiding-idea": ("指导思想", "\n".join([
        "以习近平新时代中国特色社会主义思想为指导，深入贯彻落实《国家职业教育改革实施方案》"
        "《职业教育提质培优行动计划（2020-2023）》等文件精神。",
        "宣传省部共建国家职业教育创新发展高地、省市共建山东省职业教育创新发展示范区成果。",
        "大力弘扬劳动光荣、技能宝贵、创造伟大的时代风尚，进一步营造全社会关心支持职业教育的良好氛围，"
        "推进我市职业教育现代化发展。",
    ])),
    "epidemic-rules": ("疫情防控要求", "\n".join([
        "活动周期间严格执行国家和地方疫情防控要求，加强安全防范措施，防范聚集性感染疫情风险。",
        "进入场馆请全程佩戴口罩，在入口处配合测量体温并登记，体温正常方可进入。",
        "参观、观赛请保持1米以上安全距离，不聚集，有序排队，听从工作人员引导。",
        "如有发热、咳嗽等症状，请勿进入场馆。观看比赛可通过网上观赛通道。",
    ])),
    "skills-service": ("技术技能服务活动", "\n".join([
        "各职业院校和行业企业根据当地疫情防控要求设置开放场地，利用专业技术技能为社区居民、市民群众提供服务：",
        "防疫知识宣传、健康护理、生活服务、家电维修保养、传统工艺、职业礼仪、环境保护、进城务工常识普及。",
        "组织师生、职工开展“技能下乡活动”，把技术技能送到田间地头和养殖农牧场，开展技能扶贫，"
        "服务脱贫攻坚和乡村振兴。",
    ])),
    "cloud-week": ("云上活动周", "\n".join([
        "结合大数据、云计算、人工智能等现代信息技术，利用网络新媒体和社交平台，以短视频、微动漫、网络直播、"
        "H5小程序、VR、AR、MR等形式，通过主题网站、线上展厅、开放资源，举办“云上活动周”“线上逛校园”"
        "“网络校园开放日”等专题。",
        "面向学生、家长和社区居民展示办学成果、校园文化、教学实训活动、职业体验、大师技艺。",
    ])),
}

TICKER = ["劳动光荣、技能宝贵、创造伟大", "人人出彩，技能强国", "人人皆可成才、人人尽展其才",
          "弘扬劳模精神、劳动精神、工匠精神", "请佩戴口罩，保持安全距离"]

# (slide id, asset, fit, duration, transition)
POSTERS = [
    ("launch", "posters/launch.jpg", "fit", 12, "fade", poster_launch),
    ("pilot-competition", "posters/pilot-competition.png", "fit", 10, "fade", poster_pilot),
    ("provincial-competition", "posters/provincial-competition.webp", "cover", 10, "slide",
     poster_provincial),
    ("civility", "posters/civility.jpg", "fit", 10, "fade", poster_civility),
    ("cloud-week-poster", "posters/cloud-week.svg", "fit", 10, "fade", poster_cloud),
    ("skills-service-poster", "posters/skills-service.webp", "fit", 10, "fade",
     poster_skills_service),
    ("labour", "posters/labour.svg", "fit", 8, "slide", poster_labour),
    ("epidemic-poster", "posters/epidemic.png", "fit", 12, "fade", poster_epidemic),
    ("theme", "posters/theme.jpg", "fit", 10, "fade", poster_theme),
]

PLAYLIST = [
    "launch", "week-intro", "today", "pilot-competition", "results-robot", "civility",
    "guiding-idea", "provincial-competition", "live-qr", "results-cnc", "epidemic-poster",
    "epidemic-rules",
    "cloud-week-poster", "cloud-week", "today", "skills-service-poster", "skills-service",
    "results-ecommerce", "labour", "results-nursing", "theme", "results-cooking",
]

RESULT_SLIDES = [("results-cnc", "数控车加工", "fade"), ("results-robot", "工业机器人技术应用", "slide"),
                 ("results-ecommerce", "电子商务技能", "fade"), ("results-nursing", "护理技能", "fade"),
                 ("results-cooking", "烹饪", "slide")]

MIME = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
        ".svg": "image/svg+xml", ".json": "application/json", ".txt": "text/plain"}


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_text(path, text, encoding="utf-8"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)


def csv_line(fields):
    out = []
    for v in fields:
        v = str(v)
        if any(c in v for c in ',"\n'):
            v = '"' + v.replace('"', '""') + '"'
        out.append(v)
    return ",".join(out) + "\r\n"


def write_timetable():
    # Saved as a spreadsheet does with "CSV UTF-8": a byte-order mark and CRLF line ends.
    rows = [csv_line(["日期", "开始", "结束", "活动", "地点", "示例"])]
    for day, start, end, title, place in sorted(TIMETABLE, key=lambda e: (e[0], e[1], e[4])):
        rows.append(csv_line(["2020/11/%d" % day, start, end, title, place, "是"]))
    write_text(os.path.join(SOURCE, "timetable.csv"), "\ufeff" + "".join(rows))


def write_results():
    # Saved as a spreadsheet on a Chinese Windows PC does by default: GBK.
    rows = [csv_line(["赛项", "学校", "选手", "成绩", "奖项", "决赛"])]
    for e in make_results()["events"]:
        for x in e["entries"]:
            rows.append(csv_line([e["event"], x["team"], x["contestant"], "%.1f" % x["score"],
                                  x.get("award", ""), "是" if e["final"] else "否"]))
    write_text(os.path.join(SOURCE, "results.csv"), "".join(rows), encoding="gbk")


def write_notices():
    for sid, (title, body) in NOTICES.items():
        text = "# " + title + "\n\n" + "\n\n".join(body.split("\n")) + "\n"
        write_text(os.path.join(SOURCE, "notices", sid + ".md"), text)


def write_settings():
    L = []
    L += ["# 2020年潍坊市职业教育活动周: the sample week. kiosk-pack build turns this folder into",
          "# the bundle in content/ (docs/authoring.md describes every setting).", ""]
    L += ["[bundle]", "version = 1", "time_zone = Asia/Shanghai +08:00", "created = 2020-11-07 18:00",
          "notice_every = 6", "screen = 1920x1080", ""]
    L += ["[theme]", "header = " + HEADER, "logo = assets/logo.svg", "primary = " + RED,
          "accent = " + GOLD, "text = " + WHITE, "background = #1A1A1A", "panel = " + WHITE,
          "panel_text = #222222", ""]
    L += ["[ticker]"] + ["slogan = " + t for t in TICKER if "口罩" not in t] + [""]
    L += ["# Masks are asked for while the venues are open.", "[slogan masks]",
          "text = 请佩戴口罩，保持安全距离", "hours = 08:00-18:00", ""]
    L += ["[timetable]", "file = timetable.csv", "", "[results]", "file = results.csv",
          "sample = yes", "updated = 2020-11-10 15:30", ""]
    for sid, asset, fit, dur, trans, _ in POSTERS:
        L += ["[slide %s]" % sid, "poster = " + asset, "fit = " + fit, "duration = %d" % dur,
              "transition = " + trans]
        if sid == "launch":
            L += ["# The launch poster runs until the ceremony day is over.", "until = 2020-11-08"]
        L += [""]
    for sid, (title, body) in NOTICES.items():
        L += ["[slide %s]" % sid, "notice = notices/%s.md" % sid,
              "duration = %d" % (20 if len(body) > 150 else 16), "transition = fade"]
        if sid == "epidemic-rules":
            L += ["# Shown between every six playlist slides all week.", "priority = notice",
                  "from = 2020-11-08", "until = 2020-11-14"]
        L += [""]
    L += ["[slide today]", "schedule = yes", "duration = 15", "transition = fade", ""]
    for sid, event, trans in RESULT_SLIDES:
        L += ["[slide %s]" % sid, "results = " + event, "duration = 12", "transition = " + trans, ""]
    L += ["# A fire-evacuation drill takes every screen for five minutes.", "[slide drill]",
          "notice = notices/drill.md", "priority = emergency", "from = 2020-11-12 10:00",
          "until = 2020-11-12 10:05", "duration = 60", ""]
    # The plan asks for online viewing of the competitions and an online exhibition; it gives no
    # addresses, so these are invented (example.org) and marked as samples on screen.
    L += ["# Offered as QR codes on the touch screens' online-viewing page.",
          "[link live]", "title = 网上观赛通道", "caption = 扫码观看技能大赛视频直播",
          "url = https://live.example.org/weifang-2020/skills", "sample = yes", "",
          "[link cloud-week]", "title = 云上活动周", "caption = 扫码进入线上展厅，线上逛校园",
          "url = https://expo.example.org/weifang-2020/cloud-week", "sample = yes", ""]
    L += ["# The online viewing channel on every board, for phones.", "[slide live-qr]",
          "qr = live", "duration = 10", "transition = fade", "from = 2020-11-08",
          "until = 2020-11-14", ""]
    L += ["[playlist]"]
    order = [p for p in PLAYLIST if p != "epidemic-rules"]
    for k in range(0, len(order), 6):
        L += ["order = " + ", ".join(order[k:k + 6])]
    write_text(os.path.join(SOURCE, "settings.ini"), "\n".join(L) + "\n")
    write_text(os.path.join(SOURCE, "notices", "drill.md"),
               "# 消防疏散演练\n\n演练进行中，请听从工作人员指挥，沿疏散指示标志有序撤离，不要奔跑，不要使用电梯。\n")


# --------------------------------------------------------------------------------------------
# Checks against docs/bundle-format.md and the brief


def check_bundle():
    problems = []

    def need(cond, msg):
        if not cond:
            problems.append(msg)

    with open(os.path.join(CONTENT, "manifest.json"), encoding="utf-8") as f:
        raw = f.read()
    m = json.loads(raw)
    need(raw.endswith("\n"), "manifest: no trailing newline")
    need(m["schema_version"] == 1 and m["bundle_version"] >= 1, "manifest: versions")
    need(m["time_zone"] == {"name": "Asia/Shanghai", "utc_offset": "+08:00"}, "time_zone")
    need(m["theme"]["header"] == HEADER, "theme.header")
    need(m["theme"]["logo"] in m["assets"], "theme.logo is not an asset")
    need(all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in m["theme"]["colors"].values()), "colors")
    need(3 <= len(m["theme"]["ticker"]) <= 5, "ticker")

    # Every file is an asset and every asset matches its file.
    on_disk = set()
    for folder, _, files in os.walk(CONTENT):
        for name in files:
            on_disk.add(os.path.relpath(os.path.join(folder, name), CONTENT).replace(os.sep, "/"))
    on_disk.discard("manifest.json")
    need(on_disk == set(m["assets"]), "files and assets differ: %s" % (on_disk ^ set(m["assets"])))
    for name, a in m["assets"].items():
        need(not name.startswith("/") and ".." not in name.split("/"), "bad name " + name)
        path = os.path.join(CONTENT, name)
        if not os.path.isfile(path):
            problems.append("missing asset " + name)
            continue
        need(re.fullmatch(r"[0-9a-f]{64}", a["sha256"]) is not None, name + ": hash format")
        need(sha256(path) == a["sha256"], name + ": sha256")
        need(os.path.getsize(path) == a["size"], name + ": size")
        need(a["type"] == MIME[os.path.splitext(name)[1]], name + ": type")

    # Slides and playlist.
    ids = [s["id"] for s in m["slides"]]
    need(len(ids) == len(set(ids)), "duplicate slide ids")
    need(set(m["playlist"]) <= set(ids), "playlist names unknown slides")
    need({s["id"] for s in m["slides"] if s.get("priority", "normal") == "normal"} <= set(m["playlist"]),
         "slides not in the playlist")
    kinds = {}
    for s in m["slides"]:
        kinds[s["kind"]] = kinds.get(s["kind"], 0) + 1
        need(1 <= s["duration_s"] <= 3600, s["id"] + ": duration")
        need(s.get("transition", "fade") in ("fade", "slide", "cut"), s["id"] + ": transition")
        if s["kind"] == "image":
            a = m["assets"].get(s["asset"])
            need(a is not None and a["type"].startswith("image/"), s["id"] + ": asset")
            need(s["fit"] in ("fit", "cover"), s["id"] + ": fit")
        elif s["kind"] == "text":
            need(s["title"] and s["body"], s["id"] + ": text")
            need(len(s["body"].replace("\n", "")) <= 220, s["id"] + ": body too long")
        elif s["kind"] in ("schedule", "results"):
            a = m["assets"].get(s["data"])
            need(a is not None and a["type"] == "application/json", s["id"] + ": data")
        elif s["kind"] == "qr":
            need(any(l["id"] == s["link"] for l in m.get("links", [])), s["id"] + ": link")
            need(all("example.org" in l["url"] and l["sample"] for l in m["links"]),
                 s["id"] + ": invented links must be example.org and marked sample")
        else:
            problems.append(s["id"] + ": unknown kind")
    need(kinds.get("image", 0) >= 8 and kinds.get("text", 0) >= 4, "slide counts")
    types = {m["assets"][s["asset"]]["type"] for s in m["slides"]
             if s["kind"] == "image" and s["asset"] in m["assets"]}
    need(types >= {"image/jpeg", "image/png", "image/webp", "image/svg+xml"}, "poster formats")

    # Poster sizes: mixed aspect ratios.
    shapes = set()
    for s in m["slides"]:
        if s["kind"] != "image" or s["asset"] not in m["assets"]:
            continue
        path = os.path.join(CONTENT, s["asset"])
        if path.endswith(".svg"):
            with open(path, encoding="utf-8") as f:
                svg = f.read()
            size = tuple(int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', svg).groups())
            need('viewBox="0 0 %d %d"' % size in svg, s["asset"] + ": viewBox")
            for tag in ("<text", "<image", "<filter", "<mask", "<clipPath", "<style", "<use",
                        "style="):
                need(tag not in svg, s["asset"] + ": nanosvg cannot draw " + tag)
        else:
            with Image.open(path) as im:
                size = im.size
        w, h = size
        shapes.add("landscape" if w > h else "portrait" if h > w else "square")
    need(shapes == {"landscape", "portrait", "square"}, "aspect ratios")

    # Timetable.
    with open(os.path.join(CONTENT, "data", "timetable.json"), encoding="utf-8") as f:
        tt = json.load(f)
    per_day, by_place = {}, {}
    for e in tt["events"]:
        start, end = datetime.fromisoformat(e["start"]), datetime.fromisoformat(e["end"])
        need(len(e["title"]) <= 24, e["title"] + ": title longer than 24")
        need(end > start, e["title"] + ": end before start")
        need(start.utcoffset() == timedelta(hours=8), e["title"] + ": offset")
        need(isinstance(e["invented"], bool), e["title"] + ": invented")
        per_day[start.date()] = per_day.get(start.date(), 0) + 1
        by_place.setdefault(e["place"], []).append((start, end, e["title"]))
    need(sorted(d.day for d in per_day) == list(range(8, 15)), "timetable days")
    need(all(3 <= n <= 6 for n in per_day.values()), "events per day: %s" % per_day)
    for place, spans in by_place.items():
        spans.sort()
        for (s0, e0, t0), (s1, e1, t1) in zip(spans, spans[1:]):
            need(s1 >= e0, "overlap at %s: %s / %s" % (place, t0, t1))
    at = datetime.fromisoformat("2020-11-08T09:30:00+08:00")
    need(any("启动仪式" in e["title"] and datetime.fromisoformat(e["start"]) <= at <
             datetime.fromisoformat(e["end"]) for e in tt["events"]), "09:30 on 8 Nov")

    # Results.
    with open(os.path.join(CONTENT, "data", "results.json"), encoding="utf-8") as f:
        res = json.load(f)
    need(res["sample"] is True and res["updated"] == "2020-11-10T15:30:00+08:00", "results head")
    names = {e["event"] for e in res["events"]}
    need({s["event"] for s in m["slides"] if s["kind"] == "results"} <= names, "results events")
    need(any(not e["final"] for e in res["events"]), "no event with final: false")
    need(any(len(e["entries"]) == 14 for e in res["events"]), "no event with 14 entries")
    ties = 0
    for e in res["events"]:
        scores = [x["score"] for x in e["entries"]]
        ties += len(scores) - len(set(scores))
        need(8 <= len(scores) <= 14, e["event"] + ": entry count")
        need(all(round(sc, 1) == sc for sc in scores), e["event"] + ": one decimal")
        need(all(re.fullmatch(r"选手\d\d", x["contestant"]) for x in e["entries"]),
             e["event"] + ": contestant names")
        if not e["final"]:
            need(all("award" not in x for x in e["entries"]), e["event"] + ": awards")
    need(ties >= 1, "no tie in the results")

    # No personal data from the plan: no phone number, no e-mail address, and not the contact
    # person's name (compared by hash, so that the name is not copied into this script).
    for folder, _, files in os.walk(CONTENT):
        for name in files:
            if not name.endswith((".json", ".svg", ".txt")):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = re.sub(r"[0-9a-f]{64}", "", f.read())  # hashes are not numbers
            need(not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text), name + ": phone number")
            need(not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), name + ": e-mail address")
            windows = {text[i:i + 3] for i in range(len(text) - 2)}
            need(not any(hashlib.sha256(w.encode()).hexdigest() == CONTACT_NAME_SHA256
                         for w in windows), name + ": the plan's contact person")

    total = sum(os.path.getsize(os.path.join(d, n)) for d, _, fs in os.walk(CONTENT) for n in fs)
    need(total < SIZE_LIMIT, "content/ is %d bytes, over %d" % (total, SIZE_LIMIT))
    return problems, total


def main():
    if os.path.isdir(SOURCE):
        shutil.rmtree(SOURCE)
    os.makedirs(SOURCE)
    outliner = Outliner(FONT_PATH)

    make_logo(LOGO_OUT, outliner)
    os.makedirs(os.path.join(SOURCE, "assets"))
    shutil.copyfile(LOGO_OUT, os.path.join(SOURCE, "assets", "logo.svg"))
    for _, asset, _, _, _, make in POSTERS:
        path = os.path.join(SOURCE, asset)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if asset.endswith(".svg"):
            make(path, outliner)
        else:
            make(path)
    write_timetable()
    write_results()
    write_notices()
    write_settings()
    print("make-sample: %s written" % os.path.relpath(SOURCE, ROOT))

    # The bundle is built by the operator's own tool, exactly as an operator would.
    pack = os.environ.get("KIOSK_PACK", os.path.join(ROOT, "build", "tools", "kiosk-pack", "kiosk-pack"))
    if not os.path.exists(pack):
        sys.exit("make-sample: build kiosk-pack first (tools/build.sh), or set KIOSK_PACK")
    subprocess.run([pack, "build", SOURCE, CONTENT, "--now", "2020-11-07T18:00:00+08:00"], check=True)

    problems, total = check_bundle()
    for p in problems:
        print("make-sample: " + p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print("make-sample: content/ built, %d bytes, checks passed" % total)


if __name__ == "__main__":
    main()
