"""Written-test mark sheets per room and subject: the free movers who sit the tests, with the
marks recorded on the desk so far and room to write the missing ones by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from app.domain.enums import Track

from .data import STATUS_LABEL, MissionData
from .layout import Section, TextLine, build_pdf, para
from .sheets_common import by_room
from .tables import grid

TITLE = "Relevé de notes / Written-test mark sheet"


def mark_sheets_story(data: MissionData, room: str | None = None) -> list[Flowable]:
    story: list[Flowable] = []
    sitting = (c for c in data.candidates
               if c.track == Track.FREE_MOVER and c.status != "withdrawn")
    rooms = by_room(sitting, room)
    first = True
    for name, people in rooms.items():
        for subject in data.config.subjects:
            if not first:
                story.append(PageBreak())
            first = False
            label = f"{subject.label} / {subject.label_fr}" if subject.label_fr else \
                subject.label
            story += [
                Section(f"{name} · {subject.label}"),
                para(f"{TITLE} — {name}", "title"),
                para(f"{label}: marks out of {subject.max_mark} in steps of {subject.step}, "
                     f"coefficient {subject.coefficient}. Write 'ABS' for an absent "
                     "candidate. Marks already on the desk are printed.", "subtitle"),
            ]
            rows: list[list[object]] = [["#", "Application no.", "Name / Nom", "Status",
                                         "First marking", "Second marking", "Initials"]]
            for n, c in enumerate(people, 1):
                readings = c.marks.get(subject.key, [])
                # shrink-to-fit: a mark and its marker's name must never spill over
                cells: list[object] = [TextLine(f"{w}  ({m})", 7) for m, w in readings[:2]]
                cells += ["", ""]
                rows.append([str(n), c.application_number, TextLine(c.name, 8.5),
                             STATUS_LABEL.get(c.status, c.status), cells[0], cells[1], ""])
            story.append(grid(
                rows, [8 * mm, 27 * mm, 52 * mm, 18 * mm, 30 * mm, 30 * mm, 15 * mm],
                align_center=(0,), extra=[("TOPPADDING", (0, 1), (-1, -1), 4),
                                          ("BOTTOMPADDING", (0, 1), (-1, -1), 4)]))
            story += [Spacer(0, 6 * mm), KeepTogether([
                para("Marker / Correcteur: ________________________    Signature: "
                     "____________________    Date: ____________", "body")])]
    if not story:
        story.append(para("No candidate sits the written tests in this selection.", "body"))
    return story


def write(data: MissionData, out: Path | str, room: str | None = None,
          now: dt.datetime | None = None) -> None:
    build_pdf(out, data.header(TITLE, now=now), mark_sheets_story(data, room),
              author=data.chair)
