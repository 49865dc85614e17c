"""Rebuild the committed report fonts from their published sources (run by a developer, not at
run time; needs ``fonttools``).

Sources:
* Noto Sans and Noto Sans Devanagari (SIL OFL 1.1): the variable fonts of the PyPI packages
  ``fontpkg-noto-sans`` and ``fontpkg-noto-sans-devanagari``. ReportLab embeds the default
  instance of a variable font only, so static Regular (wght 400) and Bold (wght 700) instances
  are cut here.
* Droid Sans Fallback (Apache 2.0): Debian package ``fonts-droid-fallback``, a TrueType (glyf)
  CJK font that ReportLab can embed (Noto Sans CJK is CFF, which it cannot). Subset to the
  Han characters of GB 2312 (simplified) and Big5 (traditional) plus CJK punctuation, to keep
  the repository small.

Usage: python resources/fonts/build_fonts.py NOTO_SANS.ttf NOTO_DEVANAGARI.ttf DROID.ttf
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

HERE = Path(__file__).resolve().parent

LATIN_RANGES = [
    (0x0020, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A/B (Portuguese, Spanish...)
    (0x0250, 0x02FF),  # IPA, spacing modifiers
    (0x0300, 0x036F),  # combining diacritics (decomposed input still renders)
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x215F),  # letterlike, numero sign
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # maths operators
    (0x25A0, 0x25FF),  # geometric shapes
]


def _codes(ranges: list[tuple[int, int]]) -> list[int]:
    return [c for lo, hi in ranges for c in range(lo, hi + 1)]


def _cjk_codes() -> list[int]:
    chars: set[int] = set()
    for cp in range(0x4E00, 0xA000):
        ch = chr(cp)
        for enc in ("gb2312", "big5"):
            try:
                ch.encode(enc)
            except UnicodeEncodeError:
                continue
            chars.add(cp)
            break
    chars.update(range(0x3000, 0x3040))  # CJK symbols and punctuation
    chars.update(range(0xFF00, 0xFFF0))  # full-width forms
    chars.update(range(0x0020, 0x007F))
    return sorted(chars)


def _subset(font: TTFont, unicodes: list[int] | None, out: Path) -> None:
    opts = subset.Options()
    opts.layout_features = ["*"]  # keep every OpenType feature: Devanagari shaping needs them
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = False  # printed, not screen-rendered at small pixel sizes
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes if unicodes is not None else font.getBestCmap().keys())
    sub.subset(font)
    font.save(out)
    print(f"{out.name}: {out.stat().st_size // 1024} KB")


def _static(path: str, weight: int, style: str) -> TTFont:
    font = instancer.instantiateVariableFont(TTFont(path), {"wght": weight, "wdth": 100},
                                             updateFontNames=False)
    # Name the instance after its weight: PDF readers and ReportLab tell fonts apart by their
    # PostScript name, which the default instance would otherwise lend to every weight.
    name = font["name"]
    family = name.getDebugName(1)
    postscript = family.replace(" ", "") + "-" + style
    for record in list(name.names):
        if record.nameID in (2, 4, 6, 3, 17):
            name.removeNames(nameID=record.nameID)
    name.setName(style, 2, 3, 1, 0x409)
    name.setName(f"{family} {style}", 4, 3, 1, 0x409)
    name.setName(postscript, 6, 3, 1, 0x409)
    name.setName(f"{postscript};mission-desk", 3, 3, 1, 0x409)
    return font


def main(noto: str, deva: str, droid: str) -> None:
    for weight, style in ((400, "Regular"), (700, "Bold")):
        _subset(_static(noto, weight, style), _codes(LATIN_RANGES),
                HERE / f"NotoSans-{style}.ttf")
        _subset(_static(deva, weight, style), None, HERE / f"NotoSansDevanagari-{style}.ttf")
    _subset(TTFont(droid), _cjk_codes(), HERE / "DroidSansFallback-CJK.ttf")


if __name__ == "__main__":
    main(*sys.argv[1:4])
