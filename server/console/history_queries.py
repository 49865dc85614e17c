"""A candidate's full history of changes for the console, what an appeal needs: every recorded
change of the candidate and of their marks, scorecards, interview, seats and decision, with who
made it, on which desk, when on the desk's clock and when the server received it, old -> new.

A fixed number of queries whatever the length of the trail: the candidate's rows (one per
kind), their audit entries, the desks (devices) the mutations came from, and users' names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.domain.clock import stamp_time

from ..models import (
    Assessor,
    AuditEntry,
    Decision,
    Device,
    Interview,
    Mark,
    MutationOutcome,
    Scorecard,
    Seat,
    User,
    aware,
)

# Fields that only tie a row to its parents: set once at birth, never a change worth reading.
_STRUCTURAL = frozenset({"mission_id", "candidate_id"})
# Fields holding an assessor's id (or a list of them): shown as the assessor's name.
_PERSON_FIELDS = frozenset({"marker_id", "author_id", "decided_by", "panel"})


@dataclass(frozen=True)
class HistoryEntry:
    server_at: dt.datetime
    desk_at: dt.datetime | None  # the desk's clock when the edit was made; None: server-side
    who: str  # the mission member (or user) who made it; "" for the server's own changes
    desk: str  # the device's name; "" when the change was made on the server
    entity: str  # candidate | mark | scorecard | interview | decision | seat
    field: str
    about: str  # a mark's subject, a scorecard's author, a seat's sitting
    old: Any  # display values: text, a bool, or None (empty)
    new: Any
    hidden: bool  # a draft scorecard's values: who and when only (blind panel)
    reason: str


def _empty(value: Any) -> bool:
    """A field born empty (no wishes, no override reason) is not a change worth a line."""
    return value is None or value == "" or value == [] or value == {}


def _display(field: str, value: Any, names: dict[str, str]) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if field in _PERSON_FIELDS:
        if isinstance(value, list):
            return ", ".join(names.get(str(v), str(v)) for v in value)
        return names.get(str(value), str(value))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def candidate_history(s: Session, mission_id: str, candidate_id: str,
                      names: dict[str, str]) -> list[HistoryEntry]:
    """Oldest first. ``names``: the mission's assessor id -> name."""
    of = candidate_id
    # entity -> row id -> (what the row is about, whether its values may be shown)
    rows: dict[str, dict[str, tuple[str, bool]]] = {
        "candidate": {of: ("", True)},
        "mark": {rid: (subject, True) for rid, subject in s.execute(
            select(Mark.id, Mark.subject).where(Mark.candidate_id == of))},
        "scorecard": {rid: (names.get(author, ""), bool(submitted))
                      for rid, author, submitted in s.execute(
                          select(Scorecard.id, Scorecard.author_id, Scorecard.submitted)
                          .where(Scorecard.candidate_id == of))},
        "seat": {rid: (sitting, True) for rid, sitting in s.execute(
            select(Seat.id, Seat.sitting).where(Seat.candidate_id == of))},
        "interview": {rid: ("", True) for (rid,) in s.execute(
            select(Interview.id).where(Interview.candidate_id == of))},
        "decision": {rid: ("", True) for (rid,) in s.execute(
            select(Decision.id).where(Decision.candidate_id == of))},
    }
    # (row_id, entity) is the audit's index: each IN list is probed through it
    where = or_(*(and_(AuditEntry.entity == e, AuditEntry.row_id.in_(list(ids)))
                  for e, ids in rows.items()))
    audits = list(s.execute(
        select(AuditEntry.entity, AuditEntry.row_id, AuditEntry.field, AuditEntry.old,
               AuditEntry.new, AuditEntry.actor_id, AuditEntry.user_id, AuditEntry.client_at,
               AuditEntry.server_at, AuditEntry.mutation_id, AuditEntry.reason)
        .where(AuditEntry.mission_id == mission_id, where).order_by(AuditEntry.id)))
    desks = _desks(s, mission_id, (a.mutation_id for a in audits if a.mutation_id))
    users = _users(s, {a.user_id for a in audits if a.user_id and a.actor_id not in names})
    out: list[HistoryEntry] = []
    for a in audits:
        if a.field in _STRUCTURAL or (_empty(a.old) and _empty(a.new)):
            continue
        about, shown = rows.get(a.entity, {}).get(a.row_id, ("", True))
        who = names.get(a.actor_id or "", "") or users.get(a.user_id or "", "")
        out.append(HistoryEntry(
            server_at=aware(a.server_at) or a.server_at, desk_at=stamp_time(a.client_at or ""),
            who=who, desk=desks.get(a.mutation_id or "", ""), entity=a.entity, field=a.field,
            about=about, old=_display(a.field, a.old, names) if shown else None,
            new=_display(a.field, a.new, names) if shown else None, hidden=not shown,
            reason=a.reason or ""))
    return out


def _desks(s: Session, mission_id: str, mutation_ids: Iterable[str]) -> dict[str, str]:
    """Mutation id -> the name of the device (desk login) that sent it."""
    ids = sorted(set(mutation_ids))
    if not ids:
        return {}
    return dict(s.execute(
        select(MutationOutcome.mutation_id, Device.name)
        .join(Device, Device.id == MutationOutcome.device_id)
        .where(MutationOutcome.mission_id == mission_id,
               MutationOutcome.mutation_id.in_(ids))).all())


def _users(s: Session, user_ids: set[str]) -> dict[str, str]:
    if not user_ids:
        return {}
    return {uid: name or username for uid, name, username in s.execute(
        select(User.id, User.name, User.username).where(User.id.in_(sorted(user_ids))))}


def assessor_names(s: Session, mission_id: str) -> dict[str, str]:
    return dict(s.execute(select(Assessor.id, Assessor.name).where(
        Assessor.mission_id == mission_id)).all())
