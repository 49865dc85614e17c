"""Timetables (emplois du temps): door lists per room and per assessor, day by day, in the
mission's time zone. A room's list is pinned on its door (who is called when, before which
panel); an assessor's list says where to be. Written-test sittings appear as one line each
(the attendance sheet lists their candidates)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from app.export.appointments import Appointment, SittingTime, utc_offset

from .data import CandidateData, MissionData
from .layout import Section, TextLine, build_pdf, para
from .tables import grid

TITLE = "Emploi du temps / Timetable"


class UnknownName(LookupError):
    """No room or assessor of that name in the mission (a user error)."""


def find_assessor(data: MissionData, user: str) -> tuple[str, str]:
    """(id, name) of the assessor ``user`` names: their name or e-mail (or the e-mail's user
    part), any case; else a part of one name only. Raises UnknownName."""
    key = user.strip().casefold()
    exact = [(i, n) for i, n, _r, _c in data.assessors
             if key and key in (i.casefold(), n.casefold(), data.emails.get(i, "").casefold(),
                                data.emails.get(i, "").partition("@")[0].casefold())]
    found = exact or [(i, n) for i, n, _r, _c in data.assessors if key and key in n.casefold()]
    if len(found) == 1:
        return found[0]
    if found:
        raise UnknownName(f"'{user}' names several assessors of mission {data.code}: "
                          + ", ".join(n for _i, n in found))
    raise UnknownName(f"no assessor '{user}' in mission {data.code} (team: "
                      + ", ".join(n for _i, n, _r, _c in data.assessors) + ")")


def rooms_of(data: MissionData) -> list[str]:
    s = data.schedule
    return sorted({a.room for a in s.interviews if a.room} | {x.room for x in s.sittings})


def find_room(data: MissionData, room: str) -> str:
    for name in rooms_of(data):
        if name.casefold() == room.strip().casefold():
            return name
    raise UnknownName(f"no room '{room}' in the timetable of mission {data.code} (rooms: "
                      + (", ".join(rooms_of(data)) or "none") + ")")


def _span(start: dt.datetime, end: dt.datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def _day(start: dt.datetime) -> str:
    return f"{start:%A} {start.date().isoformat()}"


def _sitting_text(data: MissionData, s: SittingTime) -> str:
    labels = {x.key: x.label for x in data.config.subjects}
    subjects = ", ".join(labels.get(k, k) for k in s.subjects)
    return f"Written test / Épreuve écrite: {subjects} — {s.seated} seated (see attendance sheet)"


def _by_day(items: Iterable[tuple[dt.datetime, list[object], int]]
            ) -> dict[str, list[tuple[dt.datetime, list[object], int]]]:
    out: dict[str, list[tuple[dt.datetime, list[object], int]]] = defaultdict(list)
    for item in sorted(items, key=lambda x: x[0]):
        out[_day(item[0])].append(item)
    return out


def _section(data: MissionData, label: str, header: list[str], widths: list[float],
             items: list[tuple[dt.datetime, list[object], int]], what: str) -> list[Flowable]:
    """One door list: a title, then a table per day; an item is (start, cells, the column
    from which a sitting's line spans to the end, 0 for none)."""
    zone = data.schedule.tz.key
    offsets = sorted({utc_offset(t) for t, _c, _s in items}) or [
        utc_offset(dt.datetime.now(data.schedule.tz))]
    story: list[Flowable] = [
        Section(label), para(f"{TITLE} — {label}", "title"),
        para(f"{what}. Times in {zone} (UTC{', UTC'.join(offsets)}).", "subtitle")]
    if not items:
        story.append(para("No appointment.", "body"))
    for day, rows in _by_day(items).items():
        story.append(para(day, "h2"))
        table_rows: list[list[object]] = [header]
        spans = []
        for n, (_t, cells, span_from) in enumerate(rows, 1):
            table_rows.append(cells)
            if span_from:
                spans.append(("SPAN", (span_from, n), (-1, n)))
        story.append(grid(table_rows, widths, extra=spans))
    return story


def _who(c: CandidateData | None) -> list[object]:
    if c is None:
        return ["", ""]
    return [c.application_number, TextLine(c.name, 8.5)]


def room_story(data: MissionData, room: str) -> list[Flowable]:
    people = {c.id: c for c in data.candidates}
    names = {i: n for i, n, _r, _c in data.assessors}
    items: list[tuple[dt.datetime, list[object], int]] = []
    for a in _interviews(data, people):
        if a.room == room:
            items.append((a.start, [_span(a.start, a.end), *_who(people.get(a.candidate_id)),
                                    para(", ".join(names.get(m, m) for m in a.panel), "cell")],
                          0))
    for s in data.schedule.sittings:
        if s.room == room:
            items.append((s.start, [_span(s.start, s.end), para(_sitting_text(data, s), "cell"),
                                    "", ""], 1))
    return _section(data, room, ["Time / Heure", "Application no.", "Name / Nom",
                                 "Panel / Jury"],
                    [24 * mm, 29 * mm, 62 * mm, 65 * mm], items,
                    "Door list: candidates in the order they are called")


def assessor_story(data: MissionData, assessor_id: str) -> list[Flowable]:
    people = {c.id: c for c in data.candidates}
    names = {i: n for i, n, _r, _c in data.assessors}
    items: list[tuple[dt.datetime, list[object], int]] = []
    for a in _interviews(data, people):
        if assessor_id in a.panel:
            others = ", ".join(names.get(m, m) for m in a.panel if m != assessor_id)
            items.append((a.start, [_span(a.start, a.end), a.room,
                                    *_who(people.get(a.candidate_id)), para(others, "cell")],
                          0))
    for s in data.schedule.sittings:
        if assessor_id in s.invigilators:
            items.append((s.start, [_span(s.start, s.end), s.room,
                                    para("Invigilation / Surveillance. "
                                         + _sitting_text(data, s), "cell"), "", ""], 2))
    label = names.get(assessor_id, assessor_id)
    return _section(data, label, ["Time / Heure", "Room / Salle", "Application no.",
                                  "Name / Nom", "With / Avec"],
                    [24 * mm, 24 * mm, 29 * mm, 55 * mm, 48 * mm], items,
                    "Interviews and invigilations")


def _interviews(data: MissionData, people: dict[str, CandidateData]) -> list[Appointment]:
    """Interviews of candidates still in the mission (a withdrawn candidate is not called)."""
    return [a for a in data.schedule.interviews
            if a.candidate_id in people and people[a.candidate_id].status != "withdrawn"]


def timetable_story(data: MissionData, room: str | None = None,
                    assessor: str | None = None) -> list[Flowable]:
    """Every room's list, then every assessor's; ``room`` or ``assessor`` (or both) keep only
    those lists. Raises UnknownName for a room or assessor the mission does not have."""
    parts: list[list[Flowable]] = []
    if room is None and assessor is None:
        parts += [room_story(data, r) for r in rooms_of(data)]
        parts += [assessor_story(data, i) for i, _n, _r, _c in data.assessors]
    if room is not None:
        parts.append(room_story(data, find_room(data, room)))
    if assessor is not None:
        parts.append(assessor_story(data, find_assessor(data, assessor)[0]))
    story: list[Flowable] = []
    for i, part in enumerate(parts):
        if i:
            story.append(PageBreak())
        story += part
    return story or [para("No interview or sitting is planned yet.", "body")]


def write(data: MissionData, out: Path | str, room: str | None = None,
          assessor: str | None = None, now: dt.datetime | None = None) -> None:
    story = timetable_story(data, room, assessor)  # before the file: an unknown name fails
    build_pdf(out, data.header(TITLE, now=now), story, author=data.chair)
