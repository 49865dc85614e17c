"""Reads of seats and anonymity on a desk: the subjects whose anonymity the chair has lifted,
the candidate behind a script code."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Anonymity, Candidate, Seat


def lifted_subjects(session: Session, mission_id: str) -> set[str]:
    """Subjects whose scripts show names (the chair lifted anonymity)."""
    return set(session.scalars(select(Anonymity.subject).where(
        Anonymity.mission_id == mission_id, Anonymity.lifted.is_(True))))


def candidate_by_script_code(session: Session, mission_id: str, code: str) -> str | None:
    """The candidate id holding script code ``code`` (as printed) in the mission."""
    return session.scalar(select(Seat.candidate_id).join(
        Candidate, Candidate.id == Seat.candidate_id).where(
        Candidate.mission_id == mission_id, Seat.script_code == code))
