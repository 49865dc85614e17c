"""Preparing missions on the server: the mission, its configuration and its team."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from app.domain.candidate import CandidateRecord
from app.domain.enums import Role
from app.domain.mission import MissionConfig

from .accounts import AccountError, parse_role
from .models import Assessor, AuditEntry, Candidate, Mission, User, new_id, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Member:
    username: str
    role: Role


def parse_member(text: str) -> Member:
    """USERNAME:role, e.g. ``dubois:professor``."""
    username, sep, role = text.partition(":")
    if not sep or not username:
        raise AccountError(f"'{text}': give a member as USERNAME:role")
    return Member(username.strip(), parse_role(role.strip()))


def next_seq(mission: Mission) -> int:
    """Callers hold the mission row (locked on PostgreSQL, BEGIN IMMEDIATE on SQLite)."""
    mission.last_seq = (mission.last_seq or 0) + 1
    return mission.last_seq


@functools.cache
def _mission_locked() -> Select[Any]:
    # built once: every push asks (issue 15)
    return select(Mission).where(Mission.id == bindparam("mission_id")).with_for_update()


def lock_mission(s: Session, mission_id: str) -> Mission | None:
    """The mission row, locked until the transaction ends (PostgreSQL; SQLite's
    transactions are BEGIN IMMEDIATE)."""
    return s.scalar(_mission_locked(), {"mission_id": mission_id})


def create_mission(s: Session, *, code: str, name: str, country: str, city: str,
                   timezone: str, start: str, end: str, chair: str,
                   members: Sequence[Member] = (), config: MissionConfig | None = None,
                   chair_role: Role = Role.PROFESSOR) -> Mission:
    if s.scalar(select(Mission.id).where(Mission.code == code)) is not None:
        raise AccountError(f"mission {code} already exists")
    config = config or MissionConfig()
    mission = Mission(id=new_id(), code=code, name=name or code, country=country, city=city,
                      timezone=timezone, start_date=start, end_date=end, status="open",
                      config=config.model_dump(mode="json"), versions={}, last_seq=0,
                      deleted=False)
    s.add(mission)
    mission.seq = next_seq(mission)
    s.flush()  # no ORM relationships: parents are flushed before their children
    team: dict[str, Member] = {m.username: m for m in members}
    team.setdefault(chair, Member(chair, chair_role))
    for member in team.values():
        user = s.scalar(select(User).where(User.username == member.username))
        if user is None:
            raise AccountError(f"no user '{member.username}': create it first")
        s.add(Assessor(mission_id=mission.id, user_id=user.id, name=user.name,
                       email=user.email, role=member.role.value,
                       is_chair=member.username == chair, versions={}, deleted=False,
                       seq=next_seq(mission)))
    if not config.options:
        # An admit names the programme it admits to (app.domain.decision).
        raise AccountError("a mission needs at least one programme option: list them under "
                           '"options" in --config FILE.json (see the server README)')
    s.flush()
    return mission


def mission_by_code(s: Session, code: str) -> Mission:
    mission = s.scalar(select(Mission).where(Mission.code == code, Mission.deleted.is_(False)))
    if mission is None:
        raise AccountError(f"no mission {code}")
    return mission


@dataclass
class ImportOutcome:
    added: int = 0
    skipped: list[str] | None = None


def add_candidates(s: Session, mission: Mission, records: Iterable[CandidateRecord],
                   actor: str = "import") -> ImportOutcome:
    """Add new candidates (an application number already in the mission is skipped)."""
    locked = lock_mission(s, mission.id) or mission
    known = set(s.scalars(select(Candidate.application_number).where(
        Candidate.mission_id == mission.id)))
    out = ImportOutcome(skipped=[])
    now = utcnow()
    for r in records:
        if r.application_number in known:
            out.skipped.append(r.application_number)  # type: ignore[union-attr]
            continue
        known.add(r.application_number)
        data: dict[str, Any] = r.model_dump(mode="json")
        data["wishes"] = list(data["wishes"])
        row = Candidate(mission_id=mission.id, **data, deleted=False,
                        versions=dict.fromkeys(data, 1), seq=next_seq(locked))
        s.add(row)
        s.flush()
        s.add_all(AuditEntry(mission_id=mission.id, entity="candidate", row_id=row.id,
                             field=k, old=None, new=v, actor_id=None, user_id=None,
                             client_at="", server_at=now, reason=f"imported by {actor}")
                  for k, v in data.items())
        out.added += 1
    return out


def remove_candidate(s: Session, mission: Mission, application_number: str,
                     reason: str) -> int:
    """Tombstone a candidate (e.g. imported by mistake) and every row hanging on them.

    Rows are kept with ``deleted`` set and a new seq, so every desk receives them as deleted
    changes on its next pull; the audit trail records who removed what and why. Returns the
    number of rows tombstoned.
    """
    from .models import Decision, Interview, Mark, Scorecard, Seat

    locked = lock_mission(s, mission.id) or mission
    cand = s.scalar(select(Candidate).where(
        Candidate.mission_id == mission.id, Candidate.application_number == application_number,
        Candidate.deleted.is_(False)))
    if cand is None:
        raise AccountError(f"no candidate {application_number} in mission {mission.code}")
    rows: list[tuple[str, Any]] = [("candidate", cand)]
    for entity, model in (("interview", Interview), ("mark", Mark), ("scorecard", Scorecard),
                          ("decision", Decision), ("seat", Seat)):
        rows += [(entity, r) for r in s.scalars(select(model).where(
            model.candidate_id == cand.id, model.deleted.is_(False)))]  # type: ignore[attr-defined]
    now = utcnow()
    for entity, row in rows:
        row.deleted = True
        row.seq = next_seq(locked)
        s.add(AuditEntry(mission_id=mission.id, entity=entity, row_id=row.id, field="deleted",
                         old=False, new=True, actor_id=None, user_id=None, client_at="",
                         server_at=now, reason=reason or "removed"))
    return len(rows)
