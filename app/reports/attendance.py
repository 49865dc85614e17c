"""Attendance sheets (feuilles d'émargement), one per room: each candidate signs on arrival,
the supervisor checks the identity document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from .data import STATUS_LABEL, MissionData
from .layout import Section, TextLine, build_pdf, para
from .sheets_common import TickBox, by_room, sitting_sheets
from .tables import grid

TITLE = "Feuille d'émargement / Attendance sheet"


def _signatures() -> Flowable:
    return KeepTogether([
        para("Present / Présents: ______    Absent / Absents: ______", "body"),
        Spacer(0, 6 * mm),
        para("Supervisor / Surveillant(e): ________________________    "
             "Signature: ____________________", "body")])


def written_story(data: MissionData, room: str | None = None) -> list[Flowable]:
    """One sheet per written-test sitting, in seat order, with each candidate's script code
    (the code the candidate copies onto every page of their script)."""
    labels = {s.key: s.label for s in data.config.subjects}
    story: list[Flowable] = []
    for sheet in sitting_sheets(data, room):
        if story:
            story.append(PageBreak())
        story += [
            Section(f"{sheet.sitting.room} · {sheet.sitting.id}"),
            para(f"{TITLE} — {sheet.heading(labels)}", "title"),
            para(f"Written test, sitting {sheet.sitting.id}: {len(sheet.seated)} candidates "
                 "seated. Check the identity document, hand over the script code, then have "
                 "the candidate sign.", "subtitle"),
        ]
        rows: list[list[object]] = [["Seat", "Application no.", "Name / Nom",
                                     "Script code", "ID check", "Signature"]]
        for c, a in sheet.seated:
            rows.append(["" if a.seat is None else str(a.seat), c.application_number,
                         TextLine(c.name, 8.5), a.script_code, TickBox(), ""])
        story += [grid(rows, [16 * mm, 27 * mm, 55 * mm, 26 * mm, 16 * mm, 40 * mm],
                       align_center=(0, 3),
                       extra=[("TOPPADDING", (0, 1), (-1, -1), 4.5),
                              ("BOTTOMPADDING", (0, 1), (-1, -1), 4.5)]),
                  Spacer(0, 6 * mm), _signatures()]
    return story


def attendance_story(data: MissionData, room: str | None = None) -> list[Flowable]:
    """The written-test sittings' sheets (seats, script codes), then one sheet per interview
    room."""
    story: list[Flowable] = written_story(data, room)
    rooms = by_room((c for c in data.candidates if c.status != "withdrawn"), room)
    for name, people in rooms.items():
        if story:
            story.append(PageBreak())
        story += [
            Section(name),
            para(f"{TITLE} — {name}", "title"),
            para(f"{len(people)} candidates. Check the identity document, then have the "
                 "candidate sign. Status as recorded on the desk when printed.", "subtitle"),
        ]
        rows: list[list[object]] = [["#", "Application no.", "Name / Nom", "Slot",
                                     "Recorded", "ID check", "Signature"]]
        for n, c in enumerate(people, 1):
            slot = (c.interview_at or "")[5:].replace("T", " ")
            rows.append([str(n), c.application_number, TextLine(c.name, 8.5), slot,
                         STATUS_LABEL.get(c.status, c.status), TickBox(), ""])
        table = grid(rows, [8 * mm, 27 * mm, 50 * mm, 21 * mm, 18 * mm, 18 * mm, 38 * mm],
                     align_center=(0,),
                     extra=[("TOPPADDING", (0, 1), (-1, -1), 4.5),
                            ("BOTTOMPADDING", (0, 1), (-1, -1), 4.5)])
        story += [table, Spacer(0, 6 * mm), _signatures()]
    if not story:
        story.append(para(f"No candidate in room {room!r}.", "body"))
    return story


def write(data: MissionData, out: Path | str, room: str | None = None,
          now: dt.datetime | None = None) -> None:
    build_pdf(out, data.header(TITLE, now=now), attendance_story(data, room),
              author=data.chair)
