"""Read side of the interview page: an assessor's slots, a candidate's header, panel cards."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import exists, func, literal_column, select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Track
from app.domain.marks import MarkValue, mark_from_wire

from .models import Assessor, Candidate, Interview, Mark, Scorecard
from .queries_marks import display_name
from .shared_values import shared_values


@dataclass(frozen=True, slots=True)  # slotted: one per interview, thousands on a panel
class InterviewSlot:
    candidate_id: str
    starts_at: str
    room: str
    application_number: str
    name: str
    track: Track
    status: CandidateStatus
    # the assessor's own scorecard: "none" (not started) | "draft" | "submitted"
    card_state: str
    duration: int = 0  # minutes; 0: the mission's slot length


@dataclass(frozen=True)
class CandidateHeader:
    candidate_id: str
    application_number: str
    name: str
    track: Track
    status: CandidateStatus
    home_institution: str
    partner_institution: str
    wishes: tuple[str, ...]
    # subject key -> every marker's mark
    marks: dict[str, list[MarkValue]] = field(default_factory=dict)


def load_slots(session: Session, mission_id: str, assessor_id: str) -> list[InterviewSlot]:
    """The interviews whose panel holds ``assessor_id``, by start time; two queries."""
    states = {
        cid: ("submitted" if submitted else "draft")
        for cid, submitted in session.execute(
            select(Scorecard.candidate_id, Scorecard.submitted)
            .join(Candidate, Candidate.id == Scorecard.candidate_id)
            .where(Candidate.mission_id == mission_id, Scorecard.author_id == assessor_id))
    }
    # The panel is a JSON list of assessor ids: SQLite's json_each filters it in the query,
    # so no row outside the assessor's panels is decoded in Python.
    on_panel = exists(
        select(literal_column("1"))
        .select_from(func.json_each(Interview.panel).table_valued("value"))
        .where(literal_column("value") == assessor_id))
    # A Core result, streamed (the ORM buffers a select whole).
    rows = session.connection().execute(
        select(Interview.candidate_id, Interview.starts_at, Interview.room,
               Candidate.application_number, Candidate.family_name, Candidate.given_names,
               Candidate.track, Candidate.status, Interview.duration)
        .join(Candidate, Candidate.id == Interview.candidate_id)
        .where(Candidate.mission_id == mission_id, on_panel))
    slots = []
    one = shared_values()  # each room's name held once, not once per slot
    for cid, starts, room, appno, family, given, track, status, duration in rows:
        slots.append(InterviewSlot(cid, starts or "", one(room or ""), appno,
                                   display_name(family, given), Track(track),
                                   CandidateStatus(status), states.get(cid, "none"),
                                   duration or 0))
    slots.sort(key=lambda s: (s.starts_at, s.room, s.application_number))
    return slots


def load_header(session: Session, candidate_id: str) -> CandidateHeader | None:
    c = session.get(Candidate, candidate_id)
    if c is None:
        return None
    marks: dict[str, list[MarkValue]] = defaultdict(list)
    for subject, value in session.execute(
        select(Mark.subject, Mark.value).where(Mark.candidate_id == candidate_id,
                                               Mark.value.is_not(None))
    ):
        mv = mark_from_wire(value)
        if mv is not None:
            marks[subject].append(mv)
    return CandidateHeader(c.id, c.application_number, display_name(c.family_name, c.given_names),
                           Track(c.track), CandidateStatus(c.status), c.home_institution,
                           c.partner_institution or "", tuple(c.wishes or ()), dict(marks))


def assessor_names(session: Session, mission_id: str) -> dict[str, str]:
    return dict(session.execute(
        select(Assessor.id, Assessor.name).where(Assessor.mission_id == mission_id)).all())
