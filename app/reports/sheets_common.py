"""Helpers of the paper sheets (attendance, marks, blank score sheets): rooms, tick boxes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.export.appointments import Appointment, SittingTime

from .data import CandidateData, MissionData
from .layout import draw_text
from .styles import INK

NO_ROOM = "No room assigned"


def by_room(candidates: Iterable[CandidateData], room: str | None = None
            ) -> dict[str, list[CandidateData]]:
    """Candidates grouped by interview room (rooms in natural order), each list by slot then
    application number. ``room`` keeps that room only (case-insensitive)."""
    groups: dict[str, list[CandidateData]] = defaultdict(list)
    for c in candidates:
        key = c.room or NO_ROOM
        if room is not None and key.casefold() != room.casefold():
            continue
        groups[key].append(c)
    for items in groups.values():
        items.sort(key=lambda c: (c.interview_at or "", c.application_number))
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == NO_ROOM, kv[0])))


class TickBox(Flowable):
    """An empty square to tick by hand, optionally followed by a label."""

    def __init__(self, label: str = "", size: float = 3.4 * mm, font_size: float = 8,
                 bold: bool = False) -> None:
        super().__init__()
        self.label, self.size, self.font_size, self.bold = label, size, font_size, bold

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, self.size + 1

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(INK)
        c.setLineWidth(0.7)
        c.rect(0, 0.5, self.size, self.size)
        if self.label:
            draw_text(c, self.size + 1.6 * mm, 0.5 + self.size * 0.18, self.label,
                      self.font_size, bold=self.bold)


@dataclass
class SittingSheet:
    """One written-test sitting as printed: its time and room, and its seated candidates
    (seat order), each with their seat appointment (seat number, script code)."""

    sitting: SittingTime
    seated: list[tuple[CandidateData, Appointment]]

    def where_when(self) -> str:
        s = self.sitting
        return (f"{s.room} · {s.start:%A} {s.start.date().isoformat()} "
                f"{s.start:%H:%M}–{s.end:%H:%M}")

    def heading(self, labels: dict[str, str]) -> str:
        subjects = ", ".join(labels.get(k, k) for k in self.sitting.subjects)
        return f"{subjects} · {self.where_when()}"


def sitting_sheets(data: MissionData, room: str | None = None, subject: str | None = None
                   ) -> list[SittingSheet]:
    """The mission's sittings in time order with their seated candidates (not withdrawn);
    ``room`` keeps one room (any case), ``subject`` the sittings holding that subject."""
    people = {c.id: c for c in data.candidates if c.status != "withdrawn"}
    seated: dict[str, list[tuple[CandidateData, Appointment]]] = defaultdict(list)
    for a in data.schedule.written:
        if a.candidate_id in people:
            seated[a.sitting].append((people[a.candidate_id], a))
    out = []
    for s in data.schedule.sittings:
        if room is not None and s.room.casefold() != room.casefold():
            continue
        if subject is not None and subject not in s.subjects:
            continue
        rows = sorted(seated.get(s.id, []), key=lambda x: (x[1].seat or 0,
                                                            x[0].application_number))
        out.append(SittingSheet(s, rows))
    return out
