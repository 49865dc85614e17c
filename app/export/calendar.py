"""One iCalendar (.ics) file per assessor: their interviews and the sittings they invigilate,
with times in the mission's time zone (a VTIMEZONE is included, so a phone set to Paris time
shows the right hour).

A pure function over `appointments.Schedule` and plain rows, shared by desk and server. Event
UIDs are stable (mission, kind, candidate or sitting), so importing a newer file after a
re-plan updates the events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from icalendar import Calendar, Event

from .appointments import Schedule

PRODID = "-//Mission Desk//Assessor timetable//EN"


@dataclass(frozen=True)
class AssessorCalendar:
    assessor_id: str
    name: str
    filename: str  # e.g. 'claire-dubois.ics', unique within one export
    events: int
    ics: bytes


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def assessor_calendars(schedule: Schedule, *, mission_code: str, mission_name: str,
                       assessors: Iterable[Mapping[str, Any]],
                       candidates: Iterable[Mapping[str, Any]],
                       subject_labels: Mapping[str, str],
                       now: dt.datetime | None = None) -> list[AssessorCalendar]:
    """One calendar per assessor (``assessors``: mappings with id, name); ``candidates``:
    mappings with id, application_number, family_name, given_names, status (a withdrawn
    candidate's interview is left out). An assessor with no appointment gets an empty
    calendar, so a file per team member is always there."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    people = {c["id"]: c for c in candidates}
    team = list(assessors)
    names = {a["id"]: a["name"] for a in team}
    domain = f"{_slug(mission_code) or 'mission'}.mission-desk"
    out: list[AssessorCalendar] = []
    used: set[str] = set()
    for a in team:
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("x-wr-calname", f"{mission_code} · {a['name']}")
        cal.add("x-wr-timezone", schedule.tz.key)
        count = 0
        for i in schedule.interviews:
            if a["id"] not in i.panel or people.get(i.candidate_id, {}).get(
                    "status") == "withdrawn":
                continue
            c = people.get(i.candidate_id, {})
            who = f"{c.get('family_name', '')} {c.get('given_names', '')}".strip()
            number = c.get("application_number", "")
            panel = ", ".join(names.get(m, m) for m in i.panel)
            cal.add_component(_event(
                f"interview-{i.candidate_id}@{domain}", stamp, i.start, i.end,
                f"Interview: {who} ({number})", i.room,
                f"Candidate: {who}\nApplication no.: {number}\nPanel: {panel}\n"
                f"Mission: {mission_name}", "Interview"))
            count += 1
        for s in schedule.sittings:
            if a["id"] not in s.invigilators:
                continue
            subjects = ", ".join(subject_labels.get(k, k) for k in s.subjects)
            others = ", ".join(names.get(m, m) for m in s.invigilators)
            cal.add_component(_event(
                f"sitting-{s.id}-{a['id']}@{domain}", stamp, s.start, s.end,
                f"Invigilation: {subjects}", s.room,
                f"Written test: {subjects}\nCandidates seated: {s.seated}\n"
                f"Invigilators: {others}\nMission: {mission_name}", "Invigilation"))
            count += 1
        cal.add_missing_timezones()
        base = _slug(a["name"]) or "assessor"
        filename, n = f"{base}.ics", 2
        while filename in used:
            filename, n = f"{base}-{n}.ics", n + 1
        used.add(filename)
        out.append(AssessorCalendar(a["id"], a["name"], filename, count, cal.to_ical()))
    return out


def _event(uid: str, stamp: dt.datetime, start: dt.datetime, end: dt.datetime, summary: str,
           room: str, description: str, category: str) -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", start)
    ev.add("dtend", end)
    ev.add("summary", summary)
    if room:
        ev.add("location", room)
    ev.add("description", description)
    ev.add("categories", [category])
    return ev
