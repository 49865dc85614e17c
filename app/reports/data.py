"""Everything the reports print, read from the store in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import Track
from app.domain.mission import MissionConfig
from app.domain.scoring import CandidateScore
from app.export.appointments import Schedule, build_schedule, zone_of
from app.store.models import (
    Assessor,
    Candidate,
    Decision,
    Interview,
    Mark,
    Mission,
    Scorecard,
    Seat,
)
from app.store.queries_marks import display_name
from app.store.queries_seats import lifted_subjects
from app.store.ranking import load_ranking

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


def load_mission_data(session: Session, mission_id: str, *, with_details: bool = True
                      ) -> MissionData:
    """The mission, its team and candidates; ``with_details`` adds marks, scorecards,
    interviews and decisions (the ranking report needs only decisions and scores)."""
    m = session.get(Mission, mission_id)
    if m is None:
        raise MissionMissing(f"mission {mission_id} is not on this desk")
    config = MissionConfig.model_validate(m.config)
    team = list(session.scalars(select(Assessor).where(Assessor.mission_id == mission_id)
                                .order_by(Assessor.is_chair.desc(), Assessor.name)))
    assessors = [(a.id, a.name, a.role, a.is_chair) for a in team]
    names = {a[0]: a[1] for a in assessors}
    cands: dict[str, CandidateData] = {}
    for c in session.scalars(select(Candidate).where(Candidate.mission_id == mission_id)
                             .order_by(Candidate.application_number)):
        cands[c.id] = CandidateData(
            c.id, c.application_number, c.family_name, c.given_names, c.birth_date,
            c.nationality, c.email, c.home_institution, Track(c.track), c.partner_institution,
            list(c.wishes or []), c.status)
    for cid, outcome, option, rationale, override in session.execute(
            select(Decision.candidate_id, Decision.outcome, Decision.option_code,
                   Decision.rationale, Decision.override_reason)
            .join(Candidate, Candidate.id == Decision.candidate_id)
            .where(Candidate.mission_id == mission_id)):
        cd = cands[cid]
        cd.outcome, cd.option_code, cd.rationale = outcome, option, rationale or ""
        cd.override_reason = (override or "") if outcome == "admit" else ""
    schedule, lifted = Schedule(zone_of(m.timezone or "UTC")), frozenset[str]()
    if with_details:
        interviews = session.execute(
            select(Interview.candidate_id, Interview.starts_at, Interview.room,
                   Interview.panel, Interview.duration)
            .join(Candidate, Candidate.id == Interview.candidate_id)
            .where(Candidate.mission_id == mission_id)).mappings().all()
        for row in interviews:
            cd = cands[row["candidate_id"]]
            cd.interview_at, cd.room = row["starts_at"], row["room"] or ""
            cd.panel = [names.get(p, p) for p in (row["panel"] or [])]
        seats = session.execute(
            select(Seat.candidate_id, Seat.sitting, Seat.seat, Seat.script_code)
            .join(Candidate, Candidate.id == Seat.candidate_id)
            .where(Candidate.mission_id == mission_id)).mappings().all()
        schedule = build_schedule(m.timezone or "UTC", config.planning, interviews, seats)
        lifted = frozenset(lifted_subjects(session, mission_id))
        marks: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(
            lambda: defaultdict(list))
        for cid, subject, marker, value in session.execute(
                select(Mark.candidate_id, Mark.subject, Mark.marker_id, Mark.value)
                .join(Candidate, Candidate.id == Mark.candidate_id)
                .where(Candidate.mission_id == mission_id, Mark.value.is_not(None))):
            marks[cid][subject].append((names.get(marker, marker), value))
        for cid, by_subject in marks.items():
            cands[cid].marks = {k: sorted(v) for k, v in by_subject.items()}
        for card in session.scalars(
                select(Scorecard).join(Candidate, Candidate.id == Scorecard.candidate_id)
                .where(Candidate.mission_id == mission_id)):
            cands[card.candidate_id].cards.append(CardData(
                names.get(card.author_id, card.author_id), dict(card.levels or {}),
                card.notes or "", card.recommendation, card.submitted))
        for cd in cands.values():
            cd.cards.sort(key=lambda c: c.author)
    ranking = load_ranking(session, mission_id)
    for scores in ranking.values():
        for s in scores:
            cands[s.candidate_id].score = s
    return MissionData(m.id, m.code, m.name, m.country, m.city, m.timezone or "UTC",
                       m.start_date, m.end_date, config, assessors, list(cands.values()),
                       ranking, schedule, lifted, {a.id: a.email for a in team})
