"""Everything the reports print, as plain data: the desk fills it from its store
(app.reports.load), the server from its own tables, and the builders never see either."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.domain.calibration import Adjustment, CalibrationInput
from app.domain.enums import Track
from app.domain.mission import MissionConfig
from app.domain.scoring import CandidateScore
from app.domain.text import display_name
from app.export.appointments import Schedule, zone_of

from .layout import Header, local_now

TRACK_LABEL = {
    Track.FREE_MOVER: "Free movers / Candidats libres",
    Track.DOUBLE_DEGREE: "Double degree / Double diplôme",
}
STATUS_LABEL = {"registered": "Registered", "present": "Present", "absent": "Absent",
                "withdrawn": "Withdrawn"}
OUTCOME_LABEL = {"admit": "Admit", "waitlist": "Waitlist", "reject": "Reject"}
RECOMMENDATION_LABEL = {"strong_admit": "Strong admit", "admit": "Admit",
                        "waitlist": "Waitlist", "reject": "Reject"}


class MissionMissing(LookupError):
    """The mission is not on this desk."""


@dataclass
class CardData:
    author: str
    levels: dict[str, int]
    notes: str
    recommendation: str | None
    submitted: bool


@dataclass
class CandidateData:
    id: str
    application_number: str
    family_name: str
    given_names: str
    birth_date: str | None
    nationality: str
    email: str
    home_institution: str
    track: Track
    partner_institution: str
    wishes: list[str]
    status: str
    interview_at: str | None = None
    room: str = ""
    panel: list[str] = field(default_factory=list)
    # subject -> [(marker name, wire value)]
    marks: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    cards: list[CardData] = field(default_factory=list)
    outcome: str | None = None
    option_code: str | None = None
    rationale: str = ""
    # why an admit stands without a complete composite score (printed on the minutes)
    override_reason: str = ""
    score: CandidateScore | None = None

    @property
    def name(self) -> str:
        return display_name(self.family_name, self.given_names)

    @classmethod
    def of(cls, c: Any) -> CandidateData:
        """From a candidate row of the desk's store or of the server (same field names)."""
        return cls(c.id, c.application_number, c.family_name, c.given_names, c.birth_date,
                   c.nationality, c.email, c.home_institution, Track(c.track),
                   c.partner_institution, list(c.wishes or []), c.status)


@dataclass
class MissionData:
    id: str
    code: str
    name: str
    country: str
    city: str
    timezone: str
    start_date: str
    end_date: str
    config: MissionConfig
    assessors: list[tuple[str, str, str, bool]]  # (id, name, role, is chair)
    candidates: list[CandidateData]
    ranking: dict[Track, list[CandidateScore]]
    # interviews and written-test seats in the mission's zone (loaded with the details)
    schedule: Schedule = field(default_factory=lambda: Schedule(zone_of("UTC")))
    lifted: frozenset[str] = frozenset()  # subjects whose anonymity the chair lifted
    emails: dict[str, str] = field(default_factory=dict)  # assessor id -> e-mail
    # the adjusted interview scores, when the mission turned adjustment on (the minutes)
    adjustment: Adjustment | None = None
    # what the calibration annex rests on (loaded only for that paper)
    calibration: CalibrationInput | None = None

    def anonymous(self, subject: str) -> bool:
        """Whether a subject's scripts are marked on codes, names hidden, right now."""
        return self.config.anonymous_marking and subject not in self.lifted

    @property
    def chair(self) -> str:
        return next((name for _i, name, _r, chair in self.assessors if chair), "")

    def option_label(self, code: str | None) -> str:
        for o in self.config.options:
            if o.code == code:
                return o.label
        return code or ""

    def header(self, title: str, *, now: Any = None) -> Header:
        printed = local_now(self.timezone, now)
        return Header(
            mission_code=self.code,
            mission_name=self.name,
            place=", ".join(p for p in (self.city, self.country) if p),
            dates=f"{self.start_date} – {self.end_date}" if self.start_date else "",
            title=title,
            printed=f"Printed {printed:%Y-%m-%d %H:%M} ({self.timezone}, UTC{printed:%z})",
        )

    def by_number(self) -> dict[str, CandidateData]:
        return {c.application_number: c for c in self.candidates}
