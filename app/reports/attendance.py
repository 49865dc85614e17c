"""Attendance sheets (feuilles d'émargement), one per room: each candidate signs on arrival,
the supervisor checks the identity document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from .data import STATUS_LABEL, MissionData
from .layout import Section, TextLine, build_pdf, para
from .sheets_common import TickBox, by_room
from .tables import grid

TITLE = "Feuille d'émargement / Attendance sheet"


def attendance_story(data: MissionData, room: str | None = None) -> list[Flowable]:
    story: list[Flowable] = []
    rooms = by_room((c for c in data.candidates if c.status != "withdrawn"), room)
    for i, (name, people) in enumerate(rooms.items()):
        if i:
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
        story += [table, Spacer(0, 6 * mm), KeepTogether([
            para("Present / Présents: ______    Absent / Absents: ______", "body"),
            Spacer(0, 6 * mm),
            para("Supervisor / Surveillant(e): ________________________    "
                 "Signature: ____________________", "body")])]
    if not story:
        story.append(para(f"No candidate in room {room!r}.", "body"))
    return story


def write(data: MissionData, out: Path | str, room: str | None = None,
          now: dt.datetime | None = None) -> None:
    build_pdf(out, data.header(TITLE, now=now), attendance_story(data, room),
              author=data.chair)
