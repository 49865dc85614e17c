"""The written-tests page's anonymity: whether a subject is marked on script codes right now,
and each candidate's code for that subject (the code of their seat at the sitting where the
subject is written)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.mission import MissionConfig

from .models import Candidate, Seat
from .queries_seats import lifted_subjects


def is_anonymous(session: Session, mission_id: str, config: MissionConfig, subject: str) -> bool:
    """Names are hidden: the mission marks anonymously and the chair has not lifted it."""
    return config.anonymous_marking and subject not in lifted_subjects(session, mission_id)


def script_codes(session: Session, mission_id: str, config: MissionConfig,
                 subject: str) -> dict[str, str]:
    """candidate id -> script code for ``subject``. Without a planning configuration a
    sitting is named by its subject."""
    sittings = ({s.id for s in config.planning.sittings if subject in s.subjects}
                if config.planning is not None else {subject})
    return {cid: code for cid, code in session.execute(
        select(Seat.candidate_id, Seat.script_code)
        .join(Candidate, Candidate.id == Seat.candidate_id)
        .where(Candidate.mission_id == mission_id, Seat.sitting.in_(sittings),
               Seat.script_code != ""))}
