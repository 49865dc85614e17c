"""Read side of the console's missions pages: each mission's progress and its desks.

Set-based: a handful of grouped queries for any number of missions (never one query per
mission or per candidate), so the missions list stays fast with thousands of candidates.
Completeness uses the domain's rules (app.domain.marks.marking_complete, the track weights of
app.domain.mission), the same ones the desks apply.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, and_, case, cast, func, select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Track
from app.domain.marks import ABSENT, MarkValue, marking_complete
from app.domain.mission import MissionConfig

from ..models import (
    Assessor,
    Candidate,
    ClientState,
    Conflict,
    Decision,
    Device,
    Mark,
    Mission,
    MutationOutcome,
    Scorecard,
    User,
    aware,
)

# Candidates who no longer take part: not expected at the tests, the interview or the jury.
GONE = (CandidateStatus.ABSENT.value, CandidateStatus.WITHDRAWN.value)


@dataclass
class MissionProgress:
    id: str
    code: str
    name: str
    country: str
    city: str
    timezone: str
    start_date: str
    end_date: str
    status: str
    candidates: int = 0
    checked_in: int = 0
    # Candidates of a track with written tests, still taking part, and those of them whose
    # every subject is marked twice (third reading done where the gap called one).
    written_expected: int = 0
    written_complete: int = 0
    # ... and those whose every subject has at least its first mark
    written_marked: int = 0
    # Candidates still taking part, and those with at least one submitted scorecard (their
    # interview score exists: app.domain.scoring).
    taking_part: int = 0
    interviewed: int = 0
    decisions: int = 0
    desks: int = 0
    last_sync: dt.datetime | None = None
    open_conflicts: int = 0


@dataclass
class DeskRow:
    """One desk (client_id) that pushed to the mission, with the login it pushes under."""

    client_id: str
    user_name: str
    username: str
    device_name: str
    device_revoked: bool
    # The highest change number received from it (a desk numbers its changes 1, 2, 3...).
    changes_received: int
    last_push: dt.datetime | None
    last_seen: dt.datetime | None
    rejected: int = 0
    open_conflicts: int = 0
    # The desk does not report its queue on the wire (sync.protocol.SyncRequest): unknown.
    waiting: int | None = None

    @property
    def last_sync(self) -> dt.datetime | None:
        times = [t for t in (self.last_push, self.last_seen) if t is not None]
        return max(times) if times else None


@dataclass
class MissionDesks:
    desks: list[DeskRow] = field(default_factory=list)
    open_conflicts: int = 0
    last_seq: int = 0


# The figures counted from synced rows, kept per mission with the mission's change counter
# (Mission.last_seq) they were counted at: every write of a synced row (a desk's push, an
# import, a setup change, the plan) takes a new seq from that counter under the mission lock,
# so an unchanged counter means unchanged figures. One entry per mission; desks and last sync
# (client_state, not a synced row) are read every time.
COUNTED = ("candidates", "checked_in", "written_expected", "written_complete", "written_marked",
           "taking_part", "interviewed", "decisions", "open_conflicts")
_counted: dict[str, tuple[int, tuple[int, ...]]] = {}


def missions_progress(s: Session, missions: Sequence[Mission]) -> list[MissionProgress]:
    """Progress of each mission, in the given order."""
    out = {m.id: MissionProgress(m.id, m.code, m.name, m.country, m.city, m.timezone,
                                 m.start_date, m.end_date, m.status) for m in missions}
    if not out:
        return []
    stale = [m for m in missions if _counted.get(m.id, (-1, ()))[0] != m.last_seq]
    if stale:
        _count(s, stale, out)
        for m in stale:
            _counted[m.id] = (m.last_seq, tuple(getattr(out[m.id], f) for f in COUNTED))
    for m in missions:
        for name, value in zip(COUNTED, _counted[m.id][1], strict=True):
            setattr(out[m.id], name, value)
    for mid, n, last in s.execute(
            select(ClientState.mission_id, func.count(), func.max(ClientState.updated_at))
            .where(ClientState.mission_id.in_(list(out))).group_by(ClientState.mission_id)):
        out[mid].desks = n
        out[mid].last_sync = aware(last)
    return [out[m.id] for m in missions]


def _count(s: Session, missions: Sequence[Mission], out: dict[str, MissionProgress]) -> None:
    ids = [m.id for m in missions]
    configs = {m.id: MissionConfig.model_validate(m.config or {}) for m in missions}
    written_tracks = {mid: {t.value for t in Track if cfg.track_weights(t).written > 0}
                      for mid, cfg in configs.items()}

    for mid, track, status, n in s.execute(
            select(Candidate.mission_id, Candidate.track, Candidate.status, func.count())
            .where(Candidate.mission_id.in_(ids), Candidate.deleted.is_(False))
            .group_by(Candidate.mission_id, Candidate.track, Candidate.status)):
        p = out[mid]
        p.candidates += n
        if status == CandidateStatus.PRESENT.value:
            p.checked_in += n
        if status not in GONE:
            p.taking_part += n
            if track in written_tracks[mid]:
                p.written_expected += n

    _written_complete(s, ids, configs, written_tracks, out)

    live = and_(Candidate.id == Scorecard.candidate_id, Candidate.deleted.is_(False),
                Candidate.status.not_in(GONE))
    for mid, n in s.execute(
            select(Scorecard.mission_id, func.count(func.distinct(Scorecard.candidate_id)))
            .join(Candidate, live)
            .where(Scorecard.mission_id.in_(ids), Scorecard.deleted.is_(False),
                   Scorecard.submitted.is_(True))
            .group_by(Scorecard.mission_id)):
        out[mid].interviewed = n
    for mid, n in s.execute(
            select(Decision.mission_id, func.count()).join(
                Candidate, and_(Candidate.id == Decision.candidate_id,
                                Candidate.deleted.is_(False)))
            .where(Decision.mission_id.in_(ids), Decision.deleted.is_(False),
                   Decision.outcome.is_not(None))
            .group_by(Decision.mission_id)):
        out[mid].decisions = n
    for mid, n in s.execute(
            select(Conflict.mission_id, func.count())
            .where(Conflict.mission_id.in_(ids), Conflict.deleted.is_(False),
                   Conflict.resolved.is_(False))
            .group_by(Conflict.mission_id)):
        out[mid].open_conflicts = n


def _written_complete(s: Session, ids: list[str], configs: dict[str, MissionConfig],
                      written_tracks: dict[str, set[str]],
                      out: dict[str, MissionProgress]) -> None:
    """Count the candidates whose every subject is marked once, and marked completely.

    The database sums each script's marks up (how many, how many numeric, the gap between
    the highest and the lowest): that is all the domain's rule (marking_complete) looks at,
    so it decides on an equivalent list, once per distinct shape, not on every mark."""
    numeric = case((Mark.value != ABSENT, cast(Mark.value, Numeric)), else_=None)
    tracks = set().union(*written_tracks.values())
    keys = {x.key for cfg in configs.values() for x in cfg.subjects}
    rows = s.execute(
        select(Mark.mission_id, Mark.candidate_id, Mark.subject, func.count(),
               func.count(numeric), func.max(numeric) - func.min(numeric))
        .join(Candidate, Candidate.id == Mark.candidate_id)
        .where(Mark.mission_id.in_(ids), Mark.deleted.is_(False), Mark.value.is_not(None),
               Mark.subject.in_(keys), Candidate.deleted.is_(False),
               Candidate.status.not_in(GONE), Candidate.track.in_(tracks))
        .group_by(Mark.mission_id, Mark.candidate_id, Mark.subject))
    subjects = {mid: {x.key for x in cfg.subjects} for mid, cfg in configs.items()}
    decided: dict[tuple[Any, ...], bool] = {}
    marked: dict[tuple[str, str], int] = defaultdict(int)
    complete: dict[tuple[str, str], int] = defaultdict(int)
    for mid, cid, subject, n, n_numeric, spread in rows:
        if subject not in subjects[mid]:
            continue
        shape = (mid, n, n_numeric, spread)
        done = decided.get(shape)
        if done is None:
            # the lowest mark 0 and the highest the spread: the same gap, the same counts
            gap = Decimal(0) if spread is None else Decimal(str(spread))
            numbers: list[MarkValue] = [Decimal(0), gap][:n_numeric]
            numbers += [Decimal(0)] * max(0, n_numeric - 2)
            done = decided[shape] = marking_complete(
                [ABSENT] * (n - n_numeric) + numbers, configs[mid].double_marking_threshold)
        marked[(mid, cid)] += 1
        complete[(mid, cid)] += done
    for (mid, cid), n in marked.items():
        wanted = len(subjects[mid])
        out[mid].written_marked += n == wanted
        out[mid].written_complete += complete[(mid, cid)] == wanted


def mission_desks(s: Session, mission: Mission) -> MissionDesks:
    """Every desk that pushed to the mission: who, which device, when, how much, and the open
    conflicts its changes ran into."""
    result = MissionDesks(last_seq=mission.last_seq or 0)
    rows = s.execute(
        select(ClientState.client_id, ClientState.last_mid, ClientState.updated_at,
               User.name, User.username, Device.name, Device.revoked_at, Device.last_seen_at)
        .outerjoin(User, User.id == ClientState.user_id)
        .outerjoin(Device, Device.id == ClientState.device_id)
        .where(ClientState.mission_id == mission.id)
        .order_by(ClientState.updated_at.desc()))
    desks = {cid: DeskRow(cid, uname or "", username or "", dname or "", revoked is not None,
                          int(last_mid or 0), aware(updated), aware(seen))
             for cid, last_mid, updated, uname, username, dname, revoked, seen in rows}
    result.desks = list(desks.values())
    if desks:
        for cid, n in s.execute(
                select(MutationOutcome.client_id, func.count())
                .where(MutationOutcome.client_id.in_(list(desks)),
                       MutationOutcome.mission_id == mission.id,
                       MutationOutcome.status == "rejected")
                .group_by(MutationOutcome.client_id)):
            desks[cid].rejected = n
        for cid, n in s.execute(
                select(MutationOutcome.client_id, func.count())
                .join(Conflict, Conflict.other_mutation_id == MutationOutcome.mutation_id)
                .where(MutationOutcome.mission_id == mission.id,
                       MutationOutcome.client_id.in_(list(desks)),
                       Conflict.mission_id == mission.id, Conflict.resolved.is_(False),
                       Conflict.deleted.is_(False))
                .group_by(MutationOutcome.client_id)):
            desks[cid].open_conflicts = n
    result.open_conflicts = s.scalar(
        select(func.count()).select_from(Conflict).where(
            Conflict.mission_id == mission.id, Conflict.resolved.is_(False),
            Conflict.deleted.is_(False))) or 0
    return result


@dataclass
class TeamMember:
    assessor_id: str
    user_id: str
    username: str
    name: str
    role: str
    is_chair: bool


def mission_team(s: Session, mission_id: str) -> list[TeamMember]:
    return [TeamMember(aid, uid, username, name, role, chair) for aid, uid, username, name,
            role, chair in s.execute(
                select(Assessor.id, Assessor.user_id, User.username, Assessor.name,
                       Assessor.role, Assessor.is_chair)
                .join(User, User.id == Assessor.user_id)
                .where(Assessor.mission_id == mission_id, Assessor.deleted.is_(False))
                .order_by(Assessor.is_chair.desc(), Assessor.name))]


def missions_of(s: Session, mission_ids: Iterable[str] | None) -> list[Mission]:
    """Live missions, newest start first; ``None``: every mission."""
    q = select(Mission).where(Mission.deleted.is_(False))
    if mission_ids is not None:
        q = q.where(Mission.id.in_(list(mission_ids)))
    return list(s.scalars(q.order_by(Mission.start_date.desc(), Mission.code)))
