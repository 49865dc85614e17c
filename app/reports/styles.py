"""Paragraph styles and colours shared by every report: one sober look for papers a jury signs."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from .fonts import SANS, SANS_BOLD, register_fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#ececec")
HEAD_FILL = colors.HexColor("#dde3ea")


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=SANS, fontSize=9, leading=11.5, textColor=INK,
                          alignment=TA_LEFT)
    out = {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=SANS_BOLD, fontSize=8,
                                    leading=10),
        "title": ParagraphStyle("title", parent=base, fontName=SANS_BOLD, fontSize=15,
                                leading=19, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10, leading=13,
                                   textColor=MUTED, spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=SANS_BOLD, fontSize=11, leading=14,
                             spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=base, fontName=SANS_BOLD, fontSize=9.5, leading=12,
                             spaceBefore=6, spaceAfter=2),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
    }
    # No HarfBuzz shaping in paragraphs: Latin stays unshaped so that every precomposed
    # Vietnamese letter is one glyph and extracts as the same character; text with Devanagari
    # goes through layout.WrappedText, which shapes it and writes /ActualText.
    return out
