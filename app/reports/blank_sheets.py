"""Blank interview score sheets: the mission's rubric with a tick box per level, the
recommendation and room for notes, one per scheduled candidate, for when a laptop dies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from .data import RECOMMENDATION_LABEL, TRACK_LABEL, CandidateData, MissionData
from .fonts import SANS, SANS_BOLD
from .layout import TextLine, build_pdf, para, rich
from .sheets_common import TickBox, by_room
from .styles import HEAD_FILL, RULE
from .tables import grid

TITLE = "Grille d'entretien / Interview score sheet"


def _rubric(data: MissionData) -> Table:
    criteria = data.config.rubric.criteria
    n_levels = max(len(c.levels) for c in criteria)
    level_w = (267 - 48) * mm / n_levels
    head: list[object] = ["Criterion / Critère",
                          "Level — tick one box / Niveau — cocher une case"]
    head += [""] * (n_levels - 1)
    rows: list[list[object]] = [head]
    for crit in criteria:
        label = crit.label if not crit.label_fr or crit.label_fr == crit.label else \
            f"{crit.label} / {crit.label_fr}"
        row: list[object] = [para(label, "cell_bold")]
        for lvl in crit.levels:
            row.append([TickBox(f"{lvl.value} · {lvl.label}", font_size=7.5, bold=True),
                        Spacer(0, 1), rich(escape(lvl.description), "small")])
        row += [""] * (n_levels - len(crit.levels))
        rows.append(row)
    return grid(rows, [48 * mm] + [level_w] * n_levels, zebra=False,
                extra=[("VALIGN", (0, 1), (-1, -1), "TOP"),
                       ("SPAN", (1, 0), (-1, 0)),
                       ("TOPPADDING", (0, 1), (-1, -1), 3)])


def _fields(c: CandidateData | None, slot: str) -> Table:
    name: object = TextLine(c.name, 10, bold=True) if c else ""
    rows = [["Candidate / Candidat(e)", name, "Application no.",
             c.application_number if c else "", "Slot", slot],
            ["Assessor / Évaluateur", "", "Track", TRACK_LABEL[c.track] if c else "",
             "Date", ""]]
    t = Table(rows, colWidths=[40 * mm, 75 * mm, 28 * mm, 52 * mm, 14 * mm, 58 * mm])
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, RULE), ("FONT", (0, 0), (-1, -1), SANS, 8),
        ("FONT", (0, 0), (0, -1), SANS_BOLD, 8), ("FONT", (2, 0), (2, -1), SANS_BOLD, 8),
        ("FONT", (4, 0), (4, -1), SANS_BOLD, 8), ("BACKGROUND", (0, 0), (0, -1), HEAD_FILL),
        ("BACKGROUND", (2, 0), (2, -1), HEAD_FILL), ("BACKGROUND", (4, 0), (4, -1), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]))
    return t


def _sheet(data: MissionData, c: CandidateData | None) -> list[Flowable]:
    slot = ""
    if c is not None:
        slot = f"{(c.interview_at or '').replace('T', ' ')} {c.room}".strip()
    recs = Table([[TickBox(RECOMMENDATION_LABEL[r], font_size=9, bold=True)
                   for r in ("strong_admit", "admit", "waitlist", "reject")]],
                 colWidths=[45 * mm] * 4, hAlign="LEFT",
                 style=[("FONT", (0, 0), (-1, -1), SANS, 8)])
    bottom = Table(
        [[para("Notes", "h3"), para("Signature of the assessor / Signature", "h3")],
         ["", ""]],
        colWidths=[187 * mm, 80 * mm], rowHeights=[6 * mm, 22 * mm])
    bottom.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS, 8),
                                ("BOX", (0, 1), (0, 1), 0.6, RULE),
                                ("BOX", (1, 1), (1, 1), 0.6, RULE),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [
        para(TITLE, "h2"),
        para("Tick exactly one level per criterion and one recommendation. Enter the sheet on "
             "the desk as soon as a laptop is available; keep the paper with the jury "
             "papers.", "muted"),
        Spacer(0, 1.5 * mm), _fields(c, slot), Spacer(0, 2 * mm), _rubric(data),
        Spacer(0, 2 * mm),
        rich("<b>Overall recommendation / Avis global</b> (no neutral choice):", "body"),
        Spacer(0, 1 * mm), recs, Spacer(0, 2 * mm), bottom,
    ]


def blank_sheets_story(data: MissionData, room: str | None = None,
                       candidates: Iterable[CandidateData] | None = None) -> list[Flowable]:
    """One sheet per scheduled candidate (of ``room`` if given), then one sheet with no
    candidate printed for walk-ins."""
    pool = candidates if candidates is not None else (
        c for c in data.candidates if c.status not in ("withdrawn", "absent"))
    story: list[Flowable] = []
    for people in by_room(pool, room).values():
        for c in people:
            story += _sheet(data, c)
            story.append(PageBreak())
    story += _sheet(data, None)
    return story


def write(data: MissionData, out: Path | str, room: str | None = None,
          now: dt.datetime | None = None) -> None:
    build_pdf(out, data.header(TITLE, now=now), blank_sheets_story(data, room), wide=True,
              author=data.chair)
