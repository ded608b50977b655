#!/usr/bin/python3
"""Makes fonts/kiosk-cjk.ttf: WenQuanYi Micro Hei (Debian's fonts-wqy-microhei) cut down to the
characters a Chinese exhibition display needs: every character of GBK (so all of GB 2312), ASCII,
Latin-1, general punctuation, CJK symbols and full-width forms. Run it again after a font update;
the output is the same for the same input.

Usage: fonts/make-font.py [SOURCE.ttc] [OUT.ttf]
"""
import os
import sys
import unicodedata
from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "kiosk-cjk.ttf")


def gbk_code_points():
    points = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            try:
                points.update(ord(c) for c in bytes([hi, lo]).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return points


def wanted_code_points():
    points = gbk_code_points()
    ranges = [
        (0x20, 0x7E),      # ASCII
        (0xA0, 0xFF),      # Latin-1
        (0x2000, 0x206F),  # general punctuation
        (0x2190, 0x21FF),  # arrows
        (0x2460, 0x24FF),  # enclosed numbers
        (0x25A0, 0x25FF),  # geometric shapes
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3040, 0x30FF),  # kana (GB 2312 rows 4 and 5; iconv maps A1A4 to U+30FB)
        (0xFF00, 0xFFEF),  # full-width forms
    ]
    for lo, hi in ranges:
        points.update(range(lo, hi + 1))
    return points


def empty_glyphs(font, cmap):
    """Characters the source maps to a glyph without ink (℃, ǎ and a few others in WenQuanYi
    Micro Hei): left out, so the display draws them with the next font of its chain instead of
    drawing nothing. White space and format characters are meant to be empty."""
    glyf = font["glyf"]
    out = set()
    for cp, name in cmap.items():
        category = unicodedata.category(chr(cp))
        if category[0] in "ZC":
            continue
        if glyf[name].numberOfContours == 0:
            out.add(cp)
    return out


def main():
    font = TTFont(SOURCE, fontNumber=0)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # Hinting is not used at display sizes and doubles the file.
    subsetter = subset.Subsetter(options)
    cmap = font.getBestCmap()
    wanted = wanted_code_points() - empty_glyphs(font, cmap)
    subsetter.populate(unicodes=[cp for cp in sorted(wanted) if cp in cmap])
    subsetter.subset(font)
    font.save(OUT)
    empty = empty_glyphs(TTFont(SOURCE, fontNumber=0), cmap)
    missing = sorted(cp for cp in gbk_code_points() if cp not in cmap or cp in empty)
    print(f"{OUT}: {len(font.getBestCmap())} characters; GBK characters the source lacks or "
          "draws empty (the next fonts of the chain draw them): "
          + " ".join(f"U+{cp:04X}" for cp in missing))


if __name__ == "__main__":
    main()
