"""Small readers used by store tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.store.database import Store
from app.store.models import Assessor, AuditEntry, Candidate, Interview, OutboxMutation


def counts(store: Store) -> tuple[int, int]:
    """(outbox mutations, audit entries)."""
    with store.read() as s:
        return (s.scalar(select(func.count()).select_from(OutboxMutation)) or 0,
                s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def first(store: Store, model: Any, *where: Any) -> Any:
    with store.read() as s:
        return s.scalars(select(model).where(*where)).first()


def team(store: Store) -> dict[str, Assessor]:
    with store.read() as s:
        return {a.name: a for a in s.scalars(select(Assessor))}


def candidate_with_panel(store: Store, status: str = "present") -> tuple[Candidate, Interview]:
    """A candidate of the given status, with its interview, who has no scorecard yet."""
    from app.store.models import Scorecard

    with store.read() as s:
        carded = select(Scorecard.candidate_id)
        row = s.execute(
            select(Candidate, Interview).join(Interview, Interview.candidate_id == Candidate.id)
            .where(Candidate.status == status, Candidate.id.not_in(carded))
            .order_by(Candidate.application_number)).first()
        assert row is not None
        return row[0], row[1]
