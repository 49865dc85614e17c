"""The candidates' convocation list: one CSV row per candidate for a mail merge, with the date,
time and room of each written-test sitting and of the interview, in the mission's time zone.

A pure function over plain rows (`appointments.Schedule` and candidate mappings), so the desk
and the server write the same file. Script codes are left out on purpose: the list goes to
whoever runs the mail merge, and a code known with a name is no longer anonymous.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .appointments import Appointment, Schedule, utc_offset
from .cells import neutralise_row

BASE_COLUMNS = ("application_number", "family_name", "given_names", "name", "email", "track",
                "time_zone")
WRITTEN_FIELDS = ("date", "start", "end", "utc_offset", "room", "subjects", "seat")
INTERVIEW_COLUMNS = ("interview_date", "interview_start", "interview_end",
                     "interview_utc_offset", "interview_room")


@dataclass
class Convocations:
    header: list[str]
    rows: list[list[str]]
    unscheduled: list[str]  # application numbers of active candidates with no appointment

    def csv_text(self) -> str:
        """The CSV, formula-safe (a name like '=HYPERLINK(...)' stays text)."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(self.header)
        writer.writerows(neutralise_row(list(r)) for r in self.rows)
        return buf.getvalue()

    def csv_bytes(self) -> bytes:
        # UTF-8 with a byte-order mark: Excel and Word then read Devanagari and Chinese right.
        return self.csv_text().encode("utf-8-sig")


def _times(a: Appointment) -> list[str]:
    return [a.start.date().isoformat(), f"{a.start:%H:%M}", f"{a.end:%H:%M}",
            f"UTC{utc_offset(a.start)}"]  # 'UTC+05:30': a bare '+05:30' reads as a formula


def convocation_list(schedule: Schedule, candidates: Iterable[Mapping[str, Any]],
                     subject_labels: Mapping[str, str], timezone: str) -> Convocations:
    """Rows by application number for every candidate not withdrawn who has an appointment.
    ``candidates``: mappings with id, application_number, family_name, given_names, email,
    track, status. Written-test columns repeat per sitting (written_1_date, ...), as many
    times as the most sittings one candidate has."""
    written = schedule.written_of()
    interviews = schedule.interview_of()
    people = sorted((c for c in candidates if c.get("status") != "withdrawn"),
                    key=lambda c: c["application_number"])
    width = max((len(written.get(c["id"], ())) for c in people), default=0)
    header = list(BASE_COLUMNS)
    for k in range(1, width + 1):
        header += [f"written_{k}_{f}" for f in WRITTEN_FIELDS]
    header += INTERVIEW_COLUMNS
    rows: list[list[str]] = []
    unscheduled: list[str] = []
    for c in people:
        sittings = written.get(c["id"], [])
        interview = interviews.get(c["id"])
        if not sittings and interview is None:
            unscheduled.append(c["application_number"])
            continue
        family, given = c.get("family_name", ""), c.get("given_names", "")
        row = [c["application_number"], family, given, f"{family} {given}".strip(),
               c.get("email", ""), str(c.get("track", "")), schedule.tz.key]
        for k in range(width):
            if k < len(sittings):
                a = sittings[k]
                row += [*_times(a), a.room,
                        ", ".join(subject_labels.get(s, s) for s in a.subjects),
                        "" if a.seat is None else str(a.seat)]
            else:
                row += [""] * len(WRITTEN_FIELDS)
        row += [*_times(interview), interview.room] if interview else [""] * len(
            INTERVIEW_COLUMNS)
        rows.append(row)
    return Convocations(header, rows, unscheduled)
