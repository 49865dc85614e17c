"""Applying a desk's pushed mutations: every rule of DESIGN.md §4-§6, whatever a desk sends.

One push is one transaction. It starts by locking the mission row (SELECT ... FOR UPDATE on
PostgreSQL; SQLite runs every transaction as BEGIN IMMEDIATE): pushes to one mission are
serialized, so per-field versions are read and bumped without lost updates and the mission's
seq counter hands out numbers that commit in order (see server.feed).

Exactly once, per (client_id, mission):
- mutations are taken in mid order; each outcome (mid, mutation id, hash, status, detail) is
  stored in the same transaction as its effect, and last_mid advances;
- a resent known mid with the same hash is answered with its stored status, unchanged;
- a known mid with another hash is ``rejected`` as corrupt, without effect;
- an unknown mid at or below last_mid is ``rejected`` (the desk skipped it), without effect;
- a new mid carrying a mutation id already received (under any mid or client, e.g. relayed by
  a teammate's desk) is ``duplicate``, without effect.
Rejections (authorization, range, unknown row or field, bad hash) are final and never block
the queue.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError as PydanticError
from sqlalchemy import insert, inspect, select
from sqlalchemy.orm import Session

from app.domain.apply_rules import (
    Verdict,
    check_mutation,
    check_owner,
    field_verdict,
    scorecard_values,
)
from app.domain.candidate import CandidateRecord
from app.domain.decision import check_decision
from app.domain.enums import CandidateStatus, Outcome, Track
from app.domain.errors import DomainError
from app.domain.limits import (
    MAX_PANEL,
    MAX_RATIONALE,
    MAX_REASON,
    MAX_ROOM,
    check_starts_at,
    check_text,
)
from app.domain.marks import MarkValue, mark_from_wire, mark_to_wire, validate_mark
from app.domain.mission import MissionConfig
from app.domain.mutation import IDENTITY, canonical_json
from app.domain.scoring import CandidateInput, CandidateScore, score_candidate
from sync.protocol import UUID_PATTERN, Mutation, MutationResult

from .errors import ApiError
from .models import (
    Anonymity,
    Assessor,
    AuditEntry,
    Base,
    Candidate,
    ClientState,
    Conflict,
    Decision,
    Device,
    Interview,
    Mark,
    Mission,
    MutationOutcome,
    Scorecard,
    Seat,
    utcnow,
)
from .passwords import printable
from .sync_plan import PlanApplier

log = logging.getLogger(__name__)

MODELS: dict[str, type[Base]] = {
    "candidate": Candidate, "mark": Mark, "scorecard": Scorecard, "decision": Decision,
    "interview": Interview, "seat": Seat, "anonymity": Anonymity,
}
# Written with a mutation but not a column: an amendment's reason goes to the audit trail.
ANNOTATIONS = frozenset({"amendment_reason"})


class Rejected(Exception):
    """A mutation breaks a rule: final status ``rejected`` with this message."""


@dataclass(frozen=True)
class Actor:
    user_id: str
    device_id: str
    assessor_id: str
    is_chair: bool


@dataclass(frozen=True)
class Refused:
    """A mutation that does not even match the schema: it gets its own final ``rejected``
    (stored under its mid like any outcome), the rest of the push goes on."""

    mid: int
    id: str
    hash: str
    detail: str

    @classmethod
    def of(cls, raw: Mapping[str, Any], exc: PydanticError) -> Refused | None:
        """None when the mutation has no valid mid, so cannot be answered at all."""
        mid = raw.get("mid")
        if isinstance(mid, bool) or not isinstance(mid, int) or not 1 <= mid <= 2**53:
            return None
        mid_ = raw.get("id")
        hash_ = raw.get("hash")
        if not (isinstance(hash_, str) and re.fullmatch(r"[0-9a-f]{64}", hash_)):
            hash_ = hashlib.sha256(canonical_json(dict(raw)).encode("utf-8", "replace")
                                   ).hexdigest()
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ()))
        return cls(mid=mid,
                   id=mid_ if isinstance(mid_, str) and re.fullmatch(UUID_PATTERN, mid_) else "",
                   hash=hash_, detail=f"malformed mutation: {where}: {err.get('msg')}"[:500])


@dataclass
class _Batch:
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    audits: list[dict[str, Any]] = field(default_factory=list)


def _same(a: Any, b: Any) -> bool:
    return canonical_json(a) == canonical_json(b)


class PushApplier(PlanApplier):
    """Applies one request's mutations inside the caller's transaction."""

    def __init__(self, session: Session, mission: Mission, actor: Actor,
                 config: MissionConfig) -> None:
        self.s = session
        self.mission = mission
        self.actor = actor
        self.config = config
        self.now = utcnow()
        self.batch = _Batch()
        self.rows: dict[tuple[str, str], Any] = {}
        # (entity, identity key) -> row id, for rows born in this push or found in the base
        self.identity_index: dict[tuple[Any, ...], str] = {}
        self.candidates: dict[str, Candidate | None] = {}
        # Rows born in this push: never in the session, written by Core at the end (_insert_born)
        self.born: list[Any] = []
        self.conflicts: dict[tuple[str, str, str], list[Conflict]] | None = None
        self.client_id = ""

    # -- seq ------------------------------------------------------------------------------

    def _touch(self, row: Any) -> None:
        self.mission.last_seq += 1
        row.seq = self.mission.last_seq

    # -- entry point ----------------------------------------------------------------------

    def push(self, client_id: str, batch: Sequence[Mutation | Refused]
             ) -> tuple[int, list[MutationResult]]:
        self.client_id = client_id
        mission_id = self.mission.id
        state = self.s.get(ClientState, (client_id, mission_id))
        if state is None:
            # The first device to use a client_id owns it (DESIGN.md §6).
            state = ClientState(client_id=client_id, mission_id=mission_id, last_mid=0,
                                user_id=self.actor.user_id, device_id=self.actor.device_id,
                                updated_at=self.now)
            self.s.add(state)
        else:
            self._check_binding(state)
        last_mid = state.last_mid
        everything = sorted(batch, key=lambda m: m.mid)
        if not everything:
            return last_mid, []
        mutations = [m for m in everything if isinstance(m, Mutation)]
        stored: dict[int, tuple[str, str, str]] = {
            o.mid: (o.hash, o.status, o.detail) for o in self.s.execute(
                select(MutationOutcome.mid, MutationOutcome.hash, MutationOutcome.status,
                       MutationOutcome.detail).where(
                    MutationOutcome.client_id == client_id,
                    MutationOutcome.mission_id == mission_id,
                    MutationOutcome.mid.in_({m.mid for m in everything})))
        }
        seen_ids: dict[str, str] = dict(self.s.execute(
            select(MutationOutcome.mutation_id, MutationOutcome.status).where(
                MutationOutcome.mutation_id.in_({m.id for m in everything if m.id}))).all())
        self._prefetch(mutations)
        results: list[MutationResult] = []
        for m in everything:
            if m.mid in stored:
                h, status, detail = stored[m.mid]
                if h == m.hash:
                    results.append(MutationResult(mid=m.mid, status=status, detail=detail))
                else:
                    results.append(MutationResult(
                        mid=m.mid, status="rejected",
                        detail=f"corrupt: mid {m.mid} was already received with other "
                               "content; this copy is ignored"))
                continue
            if m.mid <= last_mid:
                results.append(MutationResult(
                    mid=m.mid, status="rejected",
                    detail=f"mid {m.mid} arrives after mid {last_mid}: out of order, ignored"))
                continue
            if isinstance(m, Refused):
                status, detail = "rejected", m.detail
            elif m.id in seen_ids:
                status, detail = "duplicate", (
                    f"mutation {m.id} was already received ({seen_ids[m.id]}); not applied again")
            else:
                status, detail = self._apply_one(m)
            # A refusal may quote what was sent (a field name...): stored as printable text.
            detail = printable(detail)[:1000]
            if m.id:
                seen_ids[m.id] = status
            stored[m.mid] = (m.hash, status, detail)
            last_mid = m.mid
            self.batch.outcomes.append({
                "client_id": client_id, "mission_id": mission_id, "mid": m.mid,
                "mutation_id": m.id, "hash": m.hash, "status": status, "detail": detail,
                "device_id": self.actor.device_id, "received_at": self.now,
            })
            results.append(MutationResult(mid=m.mid, status=status, detail=detail))
        state.last_mid = last_mid
        state.updated_at = self.now
        self.s.flush()
        self._insert_born()
        # Core executemany: the ORM's bulk form costs more than the database here (issue 15).
        if self.batch.outcomes:
            self.s.execute(insert(MutationOutcome.__table__), self.batch.outcomes)
        if self.batch.audits:
            self.s.execute(insert(AuditEntry.__table__), self.batch.audits)
        return last_mid, results

    def _insert_born(self) -> None:
        """The push's new rows, one executemany per table and column set, candidates first
        (the children's foreign keys): an ORM flush of them cost a third of a push."""
        groups: dict[tuple[type[Base], tuple[str, ...]], list[dict[str, Any]]] = {}
        for row in self.born:
            values = {k: v for k, v in inspect(row).dict.items() if not k.startswith("_")}
            groups.setdefault((type(row), tuple(sorted(values))), []).append(values)
        for (model, _), rows in sorted(groups.items(),
                                       key=lambda g: g[0][0] is not Candidate):
            self.s.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]

    def _check_binding(self, state: ClientState) -> None:
        """A client_id is used only by the device it is bound to: anyone else pushing under
        it (to make the real desk's next mids look out of order) is refused, nothing changed.

        The same user's desk may take its client_id back from a device of theirs that was
        revoked (signed out, or replaced without telling the server)."""
        if state.device_id in (None, self.actor.device_id):
            return
        bound = self.s.get(Device, state.device_id)
        if bound is None or (bound.user_id == self.actor.user_id
                             and bound.revoked_at is not None):
            state.device_id = self.actor.device_id
            state.user_id = self.actor.user_id
            return
        log.warning("push under client_id %s refused: bound to device %s, sent by %s",
                    state.client_id, state.device_id, self.actor.device_id)
        raise ApiError(403, "client_id_taken",
                       "this desk identity (client_id) belongs to another device: sign in "
                       "again from this desk")

    def _prefetch(self, mutations: list[Mutation]) -> None:
        """Load every row and candidate the batch names in a few queries."""
        by_entity: dict[str, set[str]] = {}
        cand_ids: set[str] = set()
        for m in mutations:
            by_entity.setdefault(m.entity, set()).add(m.row_id)
            cid = m.fields.get("candidate_id")
            if isinstance(cid, str):
                cand_ids.add(cid)
        for entity, ids in by_entity.items():
            model = MODELS[entity]
            for row in self.s.scalars(select(model).where(model.id.in_(ids))):  # type: ignore[attr-defined]
                self.rows[(entity, row.id)] = row  # type: ignore[attr-defined]
            for rid in ids:
                self.rows.setdefault((entity, rid), None)
        for row_id in by_entity.get("candidate", ()):
            c = self.rows.get(("candidate", row_id))
            self.candidates[row_id] = c
        missing = cand_ids - set(self.candidates)
        if missing:
            for c in self.s.scalars(select(Candidate).where(Candidate.id.in_(missing))):
                self.candidates[c.id] = c
        for cid in missing:
            self.candidates.setdefault(cid, None)
        self._prefetch_keys(mutations, cand_ids)

    def _prefetch_keys(self, mutations: list[Mutation], cand_ids: set[str]) -> None:
        """Existing identity keys the batch could collide with, in one query per entity."""
        appnos = {m.fields["application_number"] for m in mutations
                  if m.entity == "candidate" and isinstance(m.fields.get("application_number"),
                                                            str)}
        if appnos:
            for appno in self.s.scalars(select(Candidate.application_number).where(
                    Candidate.mission_id == self.mission.id,
                    Candidate.application_number.in_(appnos))):
                self.identity_index[("candidate", self.mission.id, appno)] = appno
        wanted = {m.entity for m in mutations}
        self._prefetch_plan_keys(mutations, cand_ids)
        if not cand_ids:
            return
        me = self.actor.assessor_id
        if "mark" in wanted:
            for cid, subject in self.s.execute(select(Mark.candidate_id, Mark.subject).where(
                    Mark.candidate_id.in_(cand_ids), Mark.marker_id == me)):
                self.identity_index[("mark", cid, subject, me)] = cid
        if "scorecard" in wanted:
            for cid in self.s.scalars(select(Scorecard.candidate_id).where(
                    Scorecard.candidate_id.in_(cand_ids), Scorecard.author_id == me)):
                self.identity_index[("scorecard", cid, me)] = cid
        for entity, model in (("decision", Decision), ("interview", Interview)):
            if entity in wanted:
                for cid in self.s.scalars(select(model.candidate_id).where(  # type: ignore[attr-defined]
                        model.candidate_id.in_(cand_ids))):  # type: ignore[attr-defined]
                    self.identity_index[(entity, cid)] = cid

    # -- one mutation ---------------------------------------------------------------------

    def _apply_one(self, m: Mutation) -> tuple[str, str]:
        try:
            # The rules a desk applying a teammate's bundle runs too (app.domain.apply_rules).
            check_mutation(m.entity, m.fields, m.at, hash_ok=m.content_hash() == m.hash,
                           author_is_chair=self.actor.is_chair)
            return getattr(self, f"_apply_{m.entity}")(m)
        except Rejected as exc:
            return "rejected", str(exc)
        except DomainError as exc:
            return "rejected", str(exc)
        except (ArithmeticError, ValueError, TypeError) as exc:
            # a value no rule anticipated (e.g. an exotic Decimal): refuse it, never crash
            return "rejected", f"invalid value: {exc}"[:500]

    def _row(self, m: Mutation) -> Any | None:
        row = self.rows.get((m.entity, m.row_id))
        if row is not None and (row.mission_id != self.mission.id or row.deleted):
            raise Rejected(f"unknown {m.entity} {m.row_id}")
        if row is None and any(f not in m.fields for f in IDENTITY[m.entity]):
            raise Rejected(f"unknown {m.entity} {m.row_id} (a new row needs "
                           f"{', '.join(IDENTITY[m.entity])})")
        return row

    def _candidate(self, candidate_id: Any) -> Candidate:
        if not isinstance(candidate_id, str):
            raise Rejected("candidate_id must be a candidate's id")
        c = self.candidates.get(candidate_id)
        if c is None and candidate_id not in self.candidates:
            c = self.s.get(Candidate, candidate_id)
            self.candidates[candidate_id] = c
        if c is None or c.mission_id != self.mission.id or c.deleted:
            raise Rejected(f"unknown candidate {candidate_id}")
        return c

    def _check_identity(self, m: Mutation, row: Any) -> None:
        for f in IDENTITY[m.entity]:
            if f in m.fields and not _same(m.fields[f], getattr(row, f)):
                raise Rejected(f"{f} of an existing {m.entity} cannot change")

    def _new_row(self, m: Mutation, model: type[Base], **identity: Any) -> Any:
        # The prefetch loaded any row holding this id, in any mission: a row id of another
        # mission was refused by _row, so the id is free here. Never added to the session
        # (_insert_born writes it): its column defaults are filled in now, as a flush would.
        row = model(id=m.row_id, mission_id=self.mission.id, versions={}, deleted=False,  # type: ignore[call-arg]
                    **identity)
        for col in model.__table__.columns:  # type: ignore[attr-defined]
            if col.key not in identity and col.default is not None \
                    and getattr(row, col.key) is None:
                arg = col.default.arg  # type: ignore[attr-defined]
                setattr(row, col.key, arg(None) if col.default.is_callable else arg)
        self.born.append(row)
        self.rows[(m.entity, m.row_id)] = row
        return row

    def _unique(self, key: tuple[Any, ...]) -> None:
        # identity_index holds every existing key of the batch's candidates (prefetched)
        # and every key born in this push.
        if key in self.identity_index:
            raise Rejected(self._dup_message(key))

    @staticmethod
    def _dup_message(key: tuple[Any, ...]) -> str:
        return {
            "candidate": "application number {2} is already in this mission",
            "mark": "this marker already has a mark in {2} for this candidate",
            "scorecard": "this author already has a scorecard for this candidate",
            "decision": "this candidate already has a decision",
            "interview": "this candidate already has an interview",
            "seat": "this candidate already has a seat at sitting {2}",
            "anonymity": "anonymity of {2} already has its row",
        }[key[0]].format(*key)

    def _write(self, m: Mutation, row: Any, values: Mapping[str, Any], *, created: bool,
               reason: str = "") -> str:
        """Apply ``values`` with the shared-field conflict rule; returns the status."""
        versions = dict(row.versions or {})
        conflicts: list[str] = []
        changed = False
        for f, new in values.items():
            cur = getattr(row, f) if not created else None
            cur_v = int(versions.get(f, 0))
            verdict = field_verdict(
                m.entity, f, created=created, new=new, cur=cur,
                base_version=m.base.get(f, 0), current_version=cur_v,
                own_run=lambda n, f=f: self._own_run(m, f, n))  # type: ignore[misc]
            if verdict in (Verdict.SKIP_RESOLVE, Verdict.WRITE_RESOLVE):
                # only an edit made knowing the current version settles a conflict
                self._resolve(m, f)
            if verdict is Verdict.CONFLICT:
                self._conflict(m, row, f, cur, new)
                conflicts.append(f)
                continue
            if verdict in (Verdict.SKIP, Verdict.SKIP_RESOLVE):
                continue
            setattr(row, f, new)
            versions[f] = cur_v + 1
            changed = True
            self.batch.audits.append({
                "mission_id": self.mission.id, "entity": m.entity, "row_id": m.row_id,
                "field": f, "old": cur, "new": new, "actor_id": self.actor.assessor_id,
                "user_id": self.actor.user_id, "client_at": m.at, "server_at": self.now,
                "mutation_id": m.id, "client_id": self.client_id,
                "reason": reason or ("created" if created else ""),
            })
        if changed or created:
            row.versions = versions
            self._touch(row)
        if conflicts:
            return "conflict"
        return "applied"

    def _own_run(self, m: Mutation, f: str, n: int) -> bool:
        """True when the last ``n`` versions of the field all came from this same desk.

        A desk's queued edits all carry the version it last pulled: its second offline edit
        of a field looks stale after its first is applied. Versions written by this desk
        alone since that base are a sequence, not concurrent edits: no conflict.
        """
        writers = [a["client_id"] for a in reversed(self.batch.audits)
                   if (a["entity"], a["row_id"], a["field"]) == (m.entity, m.row_id, f)][:n]
        if len(writers) < n:
            writers += list(self.s.scalars(
                select(AuditEntry.client_id).where(
                    AuditEntry.entity == m.entity, AuditEntry.row_id == m.row_id,
                    AuditEntry.field == f).order_by(AuditEntry.id.desc())
                .limit(n - len(writers))))
        return len(writers) == n and all(w == self.client_id for w in writers)

    def _conflict(self, m: Mutation, row: Any, f: str, cur: Any, new: Any) -> None:
        author = self.s.scalar(
            select(AuditEntry.actor_id).where(
                AuditEntry.entity == m.entity, AuditEntry.row_id == m.row_id,
                AuditEntry.field == f).order_by(AuditEntry.id.desc()).limit(1))
        if author is None:  # the last change of this field is still in this push's batch
            for a in reversed(self.batch.audits):
                if a["entity"] == m.entity and a["row_id"] == m.row_id and a["field"] == f:
                    author = a["actor_id"]
                    break
        c = Conflict(
            mission_id=self.mission.id, entity=m.entity, row_id=m.row_id, field=f,
            current_value=cur, other_value=new, current_author=author,
            other_author=self.actor.assessor_id, other_mutation_id=m.id,
            detail=(f"{f} was changed on another desk since this edit's version "
                    f"{m.base.get(f, 0)}; the current value stays, the other is kept for the "
                    "chair to decide"),
            detected_at=self.now, resolved=False, versions={}, deleted=False,
        )
        self.s.add(c)
        self._touch(c)
        if self.conflicts is not None:
            self.conflicts.setdefault((m.entity, m.row_id, f), []).append(c)

    def _open_conflicts(self) -> dict[tuple[str, str, str], list[Conflict]]:
        """Unresolved conflicts on the batch's rows, loaded once (a chair's push only)."""
        if self.conflicts is None:
            self.conflicts = {}
            ids = [rid for (_, rid) in self.rows]
            for i in range(0, len(ids), 500):
                for c in self.s.scalars(select(Conflict).where(
                        Conflict.row_id.in_(ids[i:i + 500]), Conflict.resolved.is_(False))):
                    self.conflicts.setdefault((c.entity, c.row_id, c.field), []).append(c)
        return self.conflicts

    def _resolve(self, m: Mutation, f: str) -> None:
        """A chair's up-to-date edit of a conflicted field settles its open conflicts."""
        if not self.actor.is_chair:
            return
        for c in self._open_conflicts().pop((m.entity, m.row_id, f), []):
            c.resolved = True
            c.resolved_by = self.actor.assessor_id
            self._touch(c)

    def _status(self, m: Mutation, status: str, created: bool) -> tuple[str, str]:
        if status == "conflict":
            return status, ("a shared field was changed on another desk since your version: "
                            "the current value stays and both values are kept for the chair")
        return status, "created" if created else ""

    # -- entities -------------------------------------------------------------------------

    def _apply_candidate(self, m: Mutation) -> tuple[str, str]:
        row: Candidate | None = self._row(m)
        fields = {k: v for k, v in m.fields.items() if k not in ANNOTATIONS}
        created = row is None
        if row is None:
            if fields.get("mission_id") != self.mission.id:
                raise Rejected("a new candidate needs mission_id of this mission")
            data = {k: v for k, v in fields.items() if k != "mission_id"}
            record = _candidate_record(data)
            appno = record.application_number
            key = ("candidate", self.mission.id, appno)
            self._unique(key)
            dumped = record.model_dump(mode="json")
            values = {k: dumped[k] for k in data if k != "application_number"}
            if "status" not in values:
                values["status"] = CandidateStatus.REGISTERED.value
            row = self._new_row(m, Candidate, application_number=appno,
                                family_name=record.family_name, track=record.track.value,
                                given_names="", birth_date=None, nationality="", email="",
                                home_institution="", partner_institution="", wishes=[],
                                status=CandidateStatus.REGISTERED.value)
            self.identity_index[key] = m.row_id
            self.candidates[m.row_id] = row
            values["wishes"] = list(values.get("wishes", []))
            values = {"application_number": appno, **values}
        else:
            self._check_identity(m, row)
            current = {f: getattr(row, f) for f in (
                "application_number", "family_name", "given_names", "birth_date", "nationality",
                "email", "home_institution", "track", "partner_institution", "wishes", "status",
                "unavailable")}
            merged = {**current, **{k: v for k, v in fields.items() if k != "mission_id"}}
            dumped = _candidate_record(merged).model_dump(mode="json")
            values = {k: dumped[k] for k in fields if k not in IDENTITY["candidate"]}
            if "wishes" in values:
                values["wishes"] = list(values["wishes"])
        status = self._write(m, row, values, created=created)
        return self._status(m, status, created)

    def _apply_mark(self, m: Mutation) -> tuple[str, str]:
        row: Mark | None = self._row(m)
        created = row is None
        if row is None:
            cand = self._candidate(m.fields.get("candidate_id"))
            subject = m.fields.get("subject")
            marker = m.fields.get("marker_id")
            check_owner("mark", marker, self.actor.assessor_id, new=True)
            if not isinstance(subject, str):
                raise Rejected("a new mark needs its subject")
            key = ("mark", cand.id, subject, marker)
            self._unique(key)
        else:
            self._check_identity(m, row)
            check_owner("mark", row.marker_id, self.actor.assessor_id, new=False)
            subject = row.subject
        try:
            subj = self.config.subject(subject)
        except KeyError:
            raise Rejected(f"unknown subject '{subject}'") from None
        values: dict[str, Any] = {}
        if "value" in m.fields:
            raw = m.fields["value"]
            if raw is not None and (isinstance(raw, bool)
                                    or not isinstance(raw, str | int | float)):
                raise Rejected("a mark is a number, 'absent' or null")
            values["value"] = None if raw is None else mark_to_wire(
                validate_mark(raw, subj))
        if created:
            row = self._new_row(m, Mark, candidate_id=m.fields["candidate_id"], subject=subject,
                                marker_id=self.actor.assessor_id)
            self.identity_index[("mark", row.candidate_id, subject, row.marker_id)] = m.row_id
        return self._status(m, self._write(m, row, values, created=created), created)

    def _apply_scorecard(self, m: Mutation) -> tuple[str, str]:
        row: Scorecard | None = self._row(m)
        created = row is None
        if row is None:
            cand = self._candidate(m.fields.get("candidate_id"))
            check_owner("scorecard", m.fields.get("author_id"), self.actor.assessor_id,
                        new=True)
            key = ("scorecard", cand.id, self.actor.assessor_id)
            self._unique(key)
            panel = self._panel_of(cand.id)
            if panel and self.actor.assessor_id not in panel:
                raise Rejected("you are not on this candidate's interview panel")
            levels: dict[str, Any] = {}
            rec, submitted = None, False
        else:
            self._check_identity(m, row)
            check_owner("scorecard", row.author_id, self.actor.assessor_id, new=False)
            levels, rec, submitted = dict(row.levels or {}), row.recommendation, row.submitted
        # The value rules a desk applying a teammate's bundle runs too.
        values, reason = scorecard_values(
            self.config.rubric, m.fields, levels=levels, recommendation=rec,
            submitted=submitted, current=None if row is None else {
                k: getattr(row, k) for k in ("levels", "notes", "recommendation")})
        if created:
            row = self._new_row(m, Scorecard, candidate_id=m.fields["candidate_id"],
                                author_id=self.actor.assessor_id, levels={}, notes="",
                                submitted=False, amendments=0)
            self.identity_index[("scorecard", row.candidate_id, row.author_id)] = m.row_id
        status = self._write(m, row, values, created=created, reason=reason)
        if values.get("submitted") and row.submitted_at is None:
            row.submitted_at = self.now
            # Blind panel: the author may now read the colleagues' submitted cards, which the
            # feed held back until now; a new seq sends them in the author's next pull.
            for other in self.s.scalars(select(Scorecard).where(
                    Scorecard.candidate_id == row.candidate_id, Scorecard.id != row.id,
                    Scorecard.submitted.is_(True), Scorecard.deleted.is_(False))):
                self._touch(other)
        if reason:
            row.amendments = (row.amendments or 0) + 1
        return self._status(m, status, created)

    def _panel_of(self, candidate_id: str) -> list[str]:
        for (entity, _), r in self.rows.items():
            if entity == "interview" and r is not None and r.candidate_id == candidate_id:
                return list(r.panel or [])
        panel = self.s.scalar(select(Interview.panel).where(
            Interview.candidate_id == candidate_id))
        return list(panel or [])

    def _one_per_candidate(self, m: Mutation, row: Any, entity: str) -> None:
        """A decision or interview: born once per candidate, its identity fixed after."""
        if row is None:
            self._unique((entity, self._candidate(m.fields.get("candidate_id")).id))
        else:
            self._check_identity(m, row)

    def _apply_decision(self, m: Mutation) -> tuple[str, str]:
        row: Decision | None = self._row(m)
        created = row is None
        self._one_per_candidate(m, row, "decision")
        f = m.fields
        values: dict[str, Any] = {}
        if "outcome" in f:
            values["outcome"] = _enum(Outcome, f["outcome"], "outcome")
        if "option_code" in f:
            code = f["option_code"]
            if code is not None and (not isinstance(code, str) or len(code) > 40):
                raise Rejected("option_code is a programme option's code")
            values["option_code"] = code
        if "rationale" in f:
            values["rationale"] = check_text(f["rationale"], MAX_RATIONALE, "a rationale")
        if "override_reason" in f:
            values["override_reason"] = check_text(f["override_reason"], MAX_REASON,
                                                   "an override reason")
        outcome = values.get("outcome", None if row is None else row.outcome)
        option = values.get("option_code", None if row is None else row.option_code)
        override = values.get("override_reason", "" if row is None else row.override_reason)
        if {"outcome", "option_code", "override_reason"} & set(values):
            cand = self._candidate(m.fields.get("candidate_id") if row is None
                                   else row.candidate_id)
            kept = check_decision(self.config, outcome, option, override or "",
                                  self._score(cand) if outcome == Outcome.ADMIT else None)
            if "override_reason" in values:
                values["override_reason"] = kept
        if created:
            row = self._new_row(m, Decision, candidate_id=m.fields["candidate_id"],
                                rationale="")
            self.identity_index[("decision", row.candidate_id)] = m.row_id
            values.setdefault("rationale", "")
            values.setdefault("override_reason", "")
        seq_before = row.seq
        status = self._write(m, row, values, created=created)
        if row.seq != seq_before:  # only with a change, which gave the row a new seq
            row.decided_by = self.actor.assessor_id
        return self._status(m, status, created)

    def _score(self, cand: Candidate) -> CandidateScore:
        """The candidate's score from the marks and submitted scorecards held now, this
        push's own changes included (they are not flushed yet)."""
        rows: dict[str, Any] = {}
        for model in (Mark, Scorecard):
            for r in self.s.scalars(select(model).where(
                    model.candidate_id == cand.id, model.deleted.is_(False))):
                rows[r.id] = r
        for (entity, rid), r in self.rows.items():
            if entity in ("mark", "scorecard") and r is not None and r.candidate_id == cand.id:
                rows[rid] = r
        marks: dict[str, list[MarkValue]] = {}
        cards = []
        for r in rows.values():
            if isinstance(r, Mark):
                value = mark_from_wire(r.value)
                if value is not None:
                    marks.setdefault(r.subject, []).append(value)
            elif r.submitted:
                cards.append(dict(r.levels or {}))
        return score_candidate(self.config, CandidateInput(
            candidate_id=cand.id, application_number=cand.application_number,
            track=Track(cand.track), status=CandidateStatus(cand.status), marks=marks,
            scorecards=cards))

    def _apply_interview(self, m: Mutation) -> tuple[str, str]:
        row: Interview | None = self._row(m)
        created = row is None
        self._one_per_candidate(m, row, "interview")
        f = m.fields
        values: dict[str, Any] = {}
        if "starts_at" in f:
            values["starts_at"] = check_starts_at(f["starts_at"])
        if "room" in f:
            values["room"] = check_text(f["room"], MAX_ROOM, "the room")
        if "panel" in f:
            panel = f["panel"]
            if not isinstance(panel, list) or not all(isinstance(p, str) for p in panel) \
                    or len(panel) > MAX_PANEL:
                raise Rejected("panel is a list of assessor ids")
            members = set(self.s.scalars(select(Assessor.id).where(
                Assessor.mission_id == self.mission.id, Assessor.deleted.is_(False))))
            if any(p not in members for p in panel):
                raise Rejected("the panel names people outside the mission")
            values["panel"] = list(dict.fromkeys(panel))
        self._plan_duration(f, values)
        if not created and self._slot_stale(m, row, values):
            return self._status(m, "conflict", created)
        if created:
            row = self._new_row(m, Interview, candidate_id=m.fields["candidate_id"], room="",
                                panel=[], duration=0)
            self.identity_index[("interview", row.candidate_id)] = m.row_id
            values.setdefault("room", "")
            values.setdefault("panel", [])
        return self._status(m, self._write(m, row, values, created=created), created)


def _candidate_record(data: Mapping[str, Any]) -> CandidateRecord:
    try:
        return CandidateRecord.model_validate(dict(data))
    except PydanticError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err.get("loc", ()))
        raise Rejected(f"{loc}: {err.get('msg')}" if loc else str(err.get("msg"))) from None


def _enum(kind: Any, value: Any, name: str) -> str | None:
    if value is None:
        return None
    try:
        return kind(value).value
    except ValueError:
        raise Rejected(f"unknown {name} '{value}'") from None
