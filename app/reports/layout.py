"""What every report shares: mixed-script text on one line, paragraphs, the page frame with
the mission header, page numbers "Page n of N", and the print date in the mission's zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import shapeFragWord
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.paragraph import ABag

from .fonts import (
    CJK,
    DEVA,
    DEVA_BOLD,
    SANS,
    SANS_BOLD,
    Script,
    markup,
    needs_shaping,
    register_fonts,
    runs,
)
from .styles import INK, MUTED, RULE, styles

MARGIN = 15 * mm


def _face(script: Script, bold: bool) -> str:
    if script == Script.DEVANAGARI:
        return DEVA_BOLD if bold else DEVA
    if script == Script.CJK:
        return CJK
    return SANS_BOLD if bold else SANS


def _actual_text(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


@dataclass
class _Piece:
    face: str
    text: Any  # str, or ReportLab's ShapedStr for Devanagari
    width: float
    original: str
    shaped: bool


def _pieces(text: str, size: float, bold: bool) -> list[_Piece]:
    register_fonts()
    out = []
    for script, chunk in runs(text):
        face = _face(script, bold)
        if script == Script.DEVANAGARI:
            word = shapeFragWord([pdfmetrics.stringWidth(chunk, face, size),
                                  (ABag(fontName=face, fontSize=size), chunk)])
            out.append(_Piece(face, word[1][1], float(word[0]), chunk, True))
        else:
            out.append(_Piece(face, chunk, pdfmetrics.stringWidth(chunk, face, size), chunk,
                              False))
    return out


def text_width(text: str, size: float, bold: bool = False) -> float:
    return sum(p.width for p in _pieces(text, size, bold))


def draw_text(canv: Canvas, x: float, y: float, text: str, size: float, *, bold: bool = False,
              align: str = "left", color: Any = INK) -> float:
    """Draw one line of mixed-script text; returns its width.

    Each Devanagari run is shaped by HarfBuzz and wrapped in a marked-content span whose
    /ActualText holds the run as typed: the shaped glyphs (conjuncts, reordered matras) do not
    map back to the characters one by one, so text extraction and copy-paste use ActualText.
    """
    pieces = _pieces(text, size, bold)
    width = sum(p.width for p in pieces)
    if align == "right":
        x -= width
    elif align == "center":
        x -= width / 2
    canv.setFillColor(color)
    for p in pieces:
        if p.shaped:
            canv._code.append(f"/Span <</ActualText {_actual_text(p.original)}>> BDC")
        tx = canv.beginText(x, y)
        tx.setFont(p.face, size)
        tx.textOut(p.text)
        canv.drawText(tx)
        if p.shaped:
            canv._code.append("EMC")
        x += p.width
    return width


def break_lines(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` cut into lines no wider than ``width`` at ``size``: at spaces, and inside a
    word only when the word alone is wider (a name in Chinese has no spaces). A line cut at
    a space keeps it at its end, so copied text keeps its words apart."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        trial = f"{current} {word}" if current else word
        if text_width(trial, size, bold) <= width:
            current = trial
            continue
        if current:
            lines.append(current + " ")
            current = ""
        while text_width(word, size, bold) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], size, bold) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    lines.append(current)
    return lines


class TextLine(Flowable):
    """A name or label in a cell: on one line when it fits (shrunk a little at most), else
    wrapped onto as many lines as it needs at its own size: the row grows, a name is never
    cut, shrunk out of legibility or drawn past its cell."""

    def __init__(self, text: str, size: float = 8, *, bold: bool = False, align: str = "left",
                 min_size: float | None = None) -> None:
        super().__init__()
        self.text, self.size, self.bold, self.align = text, size, bold, align
        self.min_size = min_size if min_size is not None else size * 0.9
        self._natural = text_width(text, size, bold)
        self._used = size
        self._lines = [text]
        self._avail = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        self._used, self._lines = self.size, [self.text]
        if self._natural > avail_width > 0:
            shrunk = self.size * avail_width / self._natural
            if shrunk >= self.min_size:
                self._used = shrunk
            else:
                self._lines = break_lines(self.text, self.size, avail_width, self.bold)
        return avail_width, self.size * 1.25 * len(self._lines)

    def draw(self) -> None:
        x = {"left": 0, "right": self._avail, "center": self._avail / 2}[self.align]
        leading = self.size * 1.25
        y = self.size * 0.24 + leading * (len(self._lines) - 1)
        for line in self._lines:
            draw_text(self.canv, x, y, line.rstrip(" ") if self.align != "left" else line,
                      self._used, bold=self.bold, align=self.align)
            y -= leading


class WrappedText(Flowable):
    """Plain text wrapped at spaces and drawn line by line with ``draw_text``, for text with
    Devanagari: each shaped run then carries its /ActualText, which ReportLab's Paragraph
    does not write (its shaped words would print right but copy scrambled)."""

    def __init__(self, text: str, style: ParagraphStyle, *, bold: bool = False,
                 lines: list[str] | None = None) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.bold = bold or style.fontName in (SANS_BOLD, DEVA_BOLD)
        self._lines = lines
        self._width = 0.0

    def _wrap_lines(self, width: float) -> list[str]:
        size = self.style.fontSize
        lines: list[str] = []
        for raw in self.text.splitlines() or [""]:
            lines.extend(break_lines(raw, size, width, self.bold))
        return lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._lines is None or self._width != avail_width:
            self._lines = self._wrap_lines(avail_width)
            self._width = avail_width
        return avail_width, len(self._lines) * self.style.leading

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self._lines is not None
        fit = int(avail_height // self.style.leading)
        if fit <= 0 or fit >= len(self._lines):
            return [] if fit <= 0 else [self]
        head, tail = self._lines[:fit], self._lines[fit:]
        return [WrappedText("\n".join(head), self.style, bold=self.bold, lines=head),
                WrappedText("\n".join(tail), self.style, bold=self.bold, lines=tail)]

    def draw(self) -> None:
        assert self._lines is not None
        size, leading = self.style.fontSize, self.style.leading
        y = len(self._lines) * leading - size
        for line in self._lines:
            draw_text(self.canv, 0, y, line, size, bold=self.bold, color=self.style.textColor)
            y -= leading


def para(text: str, style: str = "body", *, bold: bool = False) -> Flowable:
    """A wrapping paragraph of plain ``text`` (escaped), each script in its font."""
    if needs_shaping(text):
        return WrappedText(text, styles()[style], bold=bold)
    body = markup(text)
    if bold:
        body = f"<b>{body}</b>"
    return Paragraph(body, styles()[style])


def rich(markup_text: str, style: str = "body") -> Paragraph:
    """A paragraph of ready-made markup (fixed labels with <b>, already escaped values)."""
    return Paragraph(markup_text, styles()[style])


def mission_zone(tz: str) -> dt.tzinfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def local_now(tz: str, now: dt.datetime | None = None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(mission_zone(tz))


@dataclass
class Header:
    """The mission header printed on every page."""

    mission_code: str
    mission_name: str
    place: str
    dates: str
    title: str
    printed: str  # print date and time in the mission's time zone, with the zone's name


class Section(Flowable):
    """An invisible mark starting a section (one candidate's report, one room's sheet): pages
    are then numbered within their section, "APP-2027-00016 · page 1 of 2", so each signed
    paper stands on its own, and the document's own count follows in brackets."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._md_section = self.label  # type: ignore[attr-defined]


class _NumberedCanvas(Canvas):
    """Defers page output to the end so every page can say "Page n of N"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The canvas's default initial font is Helvetica, which is never embedded.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []
        self._md_section: str | None = None

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        sections = [state.get("_md_section") for state in self._saved]
        counts: dict[str | None, int] = {}
        for label in sections:
            counts[label] = counts.get(label, 0) + 1
        seen: dict[str | None, int] = {}
        for state, label in zip(self._saved, sections, strict=True):
            self.__dict__.update(state)
            w, _h = self._pagesize
            if label is None:
                footer = f"Page {self._pageNumber} of {total}"
            else:
                seen[label] = seen.get(label, 0) + 1
                footer = (f"{label} · page {seen[label]} of {counts[label]}   "
                          f"({self._pageNumber}/{total})")
            draw_text(self, w - MARGIN, 8 * mm, footer, 7.5, align="right", color=MUTED)
            super().showPage()
        super().save()


def build_pdf(out: Path | str | IO[bytes], header: Header, story: Sequence[Flowable], *,
              wide: bool = False, on_page: Callable[[Canvas, Any], None] | None = None,
              author: str = "") -> None:
    """Lay out ``story`` on A4 pages (landscape when ``wide``) with the mission header and the
    page footer, and write the PDF to ``out`` (a path, or a binary stream: the server answers
    with the bytes)."""
    pagesize = landscape(A4) if wide else A4
    w, h = pagesize
    frame = Frame(MARGIN, 16 * mm, w - 2 * MARGIN, h - 16 * mm - 27 * mm, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def decorate(canv: Canvas, doc: Any) -> None:
        canv.saveState()
        top = h - 12 * mm
        draw_text(canv, MARGIN, top, header.mission_code, 9, bold=True)
        draw_text(canv, MARGIN, top - 4.2 * mm, f"{header.mission_name} · {header.place}", 8,
                  color=MUTED)
        draw_text(canv, w - MARGIN, top, header.title, 9, bold=True, align="right")
        draw_text(canv, w - MARGIN, top - 4.2 * mm, header.dates, 8, align="right",
                  color=MUTED)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN, top - 7 * mm, w - MARGIN, top - 7 * mm)
        canv.line(MARGIN, 12 * mm, w - MARGIN, 12 * mm)
        draw_text(canv, MARGIN, 8 * mm, header.printed, 7.5, color=MUTED)
        if on_page is not None:
            on_page(canv, doc)
        canv.restoreState()

    target = str(out) if isinstance(out, str | Path) else out
    doc = BaseDocTemplate(target, pagesize=pagesize, title=header.title,
                          author=author or header.mission_code, subject=header.mission_name,
                          creator="Mission Desk", leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=27 * mm, bottomMargin=16 * mm)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    doc.build(list(story), canvasmaker=_NumberedCanvas)
