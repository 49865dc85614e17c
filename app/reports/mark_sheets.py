"""Written-test mark sheets per subject, with the marks recorded on the desk so far and room
to write the missing ones by hand.

Where the subject's scripts carry script codes (seats planned), there is one sheet per sitting
and subject. While the mission marks anonymously and the chair has not lifted anonymity for the
subject, such a sheet shows script codes only, in code order (neither names, application
numbers nor seats, which would lead back to a name). A subject with no script codes issued
(a mission not planned) has one sheet per interview room with the names, as before planning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from app.domain.enums import Track
from app.domain.mission import Subject

from .data import STATUS_LABEL, CandidateData, MissionData
from .layout import Section, TextLine, build_pdf, para
from .sheets_common import SittingSheet, by_room, sitting_sheets
from .tables import grid

TITLE = "Relevé de notes / Written-test mark sheet"


def _label(subject: Subject) -> str:
    return f"{subject.label} / {subject.label_fr}" if subject.label_fr else subject.label


def _readings(c: CandidateData, subject: Subject) -> list[object]:
    # shrink-to-fit: a mark and its marker's name must never spill over
    cells: list[object] = [TextLine(f"{w}  ({m})", 7) for m, w in c.marks.get(subject.key,
                                                                                [])[:2]]
    return [*cells, "", ""][:2]


def _sheet(section: str, heading: str, subject: Subject, note: str, rows: list[list[object]],
           widths: Sequence[float]) -> list[Flowable]:
    return [
        Section(section),
        para(f"{TITLE} — {heading}", "title"),
        para(f"{_label(subject)}: marks out of {subject.max_mark} in steps of {subject.step}, "
             f"coefficient {subject.coefficient}. Write 'ABS' for an absent candidate. Marks "
             f"already on the desk are printed.{note}", "subtitle"),
        grid(rows, widths, align_center=(0,),
             extra=[("TOPPADDING", (0, 1), (-1, -1), 4), ("BOTTOMPADDING", (0, 1), (-1, -1), 4)]),
        Spacer(0, 6 * mm),
        KeepTogether([para("Marker / Correcteur: ________________________    Signature: "
                           "____________________    Date: ____________", "body")])]


def _sitting_sheet(data: MissionData, sheet: SittingSheet, subject: Subject
                   ) -> list[Flowable]:
    s = sheet.sitting
    section = f"{s.room} · {s.id} · {subject.label}"
    heading = f"{subject.label} · {sheet.where_when()}"
    if data.anonymous(subject.key):
        rows: list[list[object]] = [["#", "Script code", "First marking", "Second marking",
                                     "Initials"]]
        ordered = sorted(sheet.seated, key=lambda x: x[1].script_code)
        for n, (c, a) in enumerate(ordered, 1):
            rows.append([str(n), a.script_code or "—", *_readings(c, subject), ""])
        note = (" Anonymous marking: names are hidden until the head of delegation lifts "
                "anonymity for this subject.")
        return _sheet(section, heading, subject, note, rows,
                      [10 * mm, 34 * mm, 50 * mm, 50 * mm, 20 * mm])
    rows = [["Seat", "Script code", "Application no.", "Name / Nom", "First marking",
             "Second marking", "Initials"]]
    for c, a in sheet.seated:
        rows.append(["" if a.seat is None else str(a.seat), a.script_code,
                     c.application_number, TextLine(c.name, 8.5), *_readings(c, subject), ""])
    note = " Names shown: anonymity is lifted or off for this subject."
    return _sheet(section, heading, subject, note, rows,
                  [10 * mm, 22 * mm, 27 * mm, 45 * mm, 29 * mm, 29 * mm, 14 * mm])


def _room_sheet(data: MissionData, room: str, people: list[CandidateData], subject: Subject
                ) -> list[Flowable]:
    rows: list[list[object]] = [["#", "Application no.", "Name / Nom", "Status",
                                 "First marking", "Second marking", "Initials"]]
    for n, c in enumerate(people, 1):
        rows.append([str(n), c.application_number, TextLine(c.name, 8.5),
                     STATUS_LABEL.get(c.status, c.status), *_readings(c, subject), ""])
    note = (" No script codes are issued for this subject (no sitting planned): names are "
            "shown." if data.config.anonymous_marking else "")
    return _sheet(f"{room} · {subject.label}", room, subject, note, rows,
                  [8 * mm, 27 * mm, 52 * mm, 18 * mm, 30 * mm, 30 * mm, 15 * mm])


def _unseated_note(data: MissionData, sitting: list[CandidateData], subject: Subject
                   ) -> Flowable:
    """Free movers with no script code for a subject are on no sheet of it: say how many."""
    seated = {a.candidate_id for a in data.schedule.written if subject.key in a.subjects}
    missing = sum(1 for c in sitting if c.id not in seated)
    who = "1 free mover has" if missing == 1 else f"{missing} free movers have"
    text = (f"{who} no seat for {subject.label}: on no sheet of this subject (seat them in a "
            "sitting to issue their script code)."
            if missing else f"Every free mover has a seat for {subject.label}.")
    return para(text, "muted")


def mark_sheets_story(data: MissionData, room: str | None = None) -> list[Flowable]:
    parts: list[list[Flowable]] = []
    coded = {k for a in data.schedule.written for k in a.subjects}
    sitting = [c for c in data.candidates
               if c.track == Track.FREE_MOVER and c.status != "withdrawn"]
    rooms = by_room(sitting, room)
    for subject in data.config.subjects:
        if subject.key in coded:
            sheets = sitting_sheets(data, room, subject.key)
            parts += [_sitting_sheet(data, sheet, subject) for sheet in sheets]
            if sheets and room is None:
                parts[-1].append(_unseated_note(data, sitting, subject))
        else:
            parts += [_room_sheet(data, name, people, subject)
                      for name, people in rooms.items()]
    story: list[Flowable] = []
    for part in parts:
        if story:
            story.append(PageBreak())
        story += part
    return story or [para("No candidate sits the written tests in this selection.", "body")]


def write(data: MissionData, out: Path | str, room: str | None = None,
          now: dt.datetime | None = None) -> None:
    build_pdf(out, data.header(TITLE, now=now), mark_sheets_story(data, room),
              author=data.chair)
