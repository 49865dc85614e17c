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

import functools
import hashlib
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import ValidationError as PydanticError
from sqlalchemy import Column
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.domain.apply_rules import RuleBroken, check_mutation
from app.domain.errors import DomainError
from app.domain.mission import MissionConfig
from app.domain.mutation import canonical_json
from sync.protocol import UUID_PATTERN, Mutation, MutationResult

from . import push_statements as statements
from .among import among_value
from .bulk_insert import column_default, insert_rows
from .errors import ApiError
from .models import (
    AuditEntry,
    Base,
    Candidate,
    ClientState,
    Conflict,
    Device,
    Mission,
    MutationOutcome,
    utcnow,
)
from .passwords import printable
from .push_lookups import PushLookups
from .sync_entities import MODELS, EntityApplier
from .sync_plan import PlanApplier
from .sync_write import FieldWriter

log = logging.getLogger(__name__)

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


class _Unread:
    """PushApplier.push's ``state`` when the caller did not read it."""


UNREAD = _Unread()


@dataclass
class _Batch:
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    audits: list[dict[str, Any]] = field(default_factory=list)


@functools.cache
def _column_defaults(model: type[Base]) -> tuple[tuple[str, Column[Any] | None], ...]:
    """(column name, the column when it has a Python default, else None) for the columns a
    new row fills as a flush would: columns with a server default are left to the database.
    Read once per model: walking the table's columns for each of a push's new rows was a
    tenth of it."""
    return tuple((col.key, col if col.default is not None else None)
                 for col in model.__table__.columns  # type: ignore[attr-defined]
                 if col.default is not None or col.server_default is None)


class NewRow:
    """A row born in this push: its columns as plain attributes, written by _insert_born at
    the end. Building and setting ORM-instrumented objects for hundreds of new rows cost a
    seventh of a push (issue 15); nothing reads them through the session. One subclass per
    model (``new_row``) holds the model, so that the instance's attributes are its columns."""

    model: ClassVar[type[Base]]

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        # a column never set reads None, as on an ORM object
        if name in self.model.__table__.columns:  # type: ignore[attr-defined]
            return None
        raise AttributeError(name)

    def columns(self) -> dict[str, Any]:
        return self.__dict__


@functools.cache
def new_row(model: type[Base]) -> type[NewRow]:
    return type(f"New{model.__name__}", (NewRow,), {"model": model})


class PushApplier(EntityApplier, FieldWriter, PlanApplier):
    """Applies one request's mutations inside the caller's transaction."""

    def __init__(self, session: Session, mission: Mission, actor: Actor,
                 config: MissionConfig, hashes_ok: Mapping[int, bool] | None = None) -> None:
        """``hashes_ok``: whether each mutation (by ``id()``) matches its hash, when the
        caller checked it before taking the mission's lock (else checked here)."""
        self.s = session
        self.hashes_ok = hashes_ok or {}
        self.mission = mission
        self.actor = actor
        self.config = config
        self.now = utcnow()
        self.dialect = session.get_bind().dialect.name
        # whether _check_binding took the desk's client_id back for this device
        self.rebound = False
        # the mission's seq counter, read when push() starts; its row is locked by the caller
        self.seq = 0
        self.batch = _Batch()
        self.rows: dict[tuple[str, str], Any] = {}
        # (entity, identity key) -> row id, for rows born in this push or found in the base
        self.identity_index: dict[tuple[Any, ...], str] = {}
        self.candidates: dict[str, Candidate | None] = {}
        # Rows born in this push: never in the session, written by Core at the end (_insert_born)
        self.born: list[Any] = []
        self.conflicts: dict[tuple[str, str, str], list[Conflict]] | None = None
        self.client_id = ""
        self.lookups = PushLookups(session, mission.id, [], set(), set())
        # The mutation id stored under the new last_mid when this push stored it (receipt)
        self.last_id: str | None = None

    # -- seq ------------------------------------------------------------------------------

    def _touch(self, row: Any) -> None:
        # counted here, written once at the end (_write_seq): the ORM attribute's get and set
        # were a twentieth of applying a mutation
        self.seq += 1
        row.seq = self.seq

    def _write_seq(self) -> None:
        """The mission's last seq, advanced by this push, as one UPDATE: the ORM object is
        told it is stored (set_committed_value), so no flush writes it again."""
        if self.seq == self.mission.last_seq:
            return
        done = self.s.connection().execute(statements.write_seq(), {
            "key_mission": self.mission.id, "last_seq": self.seq})
        if done.rowcount != 1:
            raise RuntimeError(f"mission {self.mission.id} vanished during a push")
        set_committed_value(self.mission, "last_seq", self.seq)

    # -- entry point ----------------------------------------------------------------------

    def push(self, client_id: str, batch: Sequence[Mutation | Refused],
             state: ClientState | _Unread | None = UNREAD) -> tuple[int, list[MutationResult]]:
        """``state``: the desk's ClientState when the caller read it already (None: it has
        none yet)."""
        self.client_id = client_id
        mission_id = self.mission.id
        # read here, not when the applier was built: whatever advanced it since counts
        self.seq = self.mission.last_seq or 0
        if isinstance(state, _Unread):
            state = self.s.get(ClientState, (client_id, mission_id))
        new = state is None
        if state is None:
            # The first device to use a client_id owns it (DESIGN.md §6). Never in the
            # session: written by _store_state.
            state = ClientState(client_id=client_id, mission_id=mission_id, last_mid=0,
                                user_id=self.actor.user_id, device_id=self.actor.device_id,
                                updated_at=self.now)
        else:
            self._check_binding(state)
        last_mid = state.last_mid
        everything = sorted(batch, key=lambda m: m.mid)
        if not everything:
            if new:
                self._store_state(state, new=True)
            return last_mid, []
        mutations = [m for m in everything if isinstance(m, Mutation)]
        stored, seen_ids = self._outcomes_held(everything)
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
            self.last_id = m.id
            self.batch.outcomes.append({
                "client_id": client_id, "mission_id": mission_id, "mid": m.mid,
                "mutation_id": m.id, "hash": m.hash, "status": status, "detail": detail,
                "device_id": self.actor.device_id, "received_at": self.now,
            })
            # built by the server from known values: no validation needed (200 per push)
            results.append(MutationResult.model_construct(mid=m.mid, status=status,
                                                          detail=detail))
        state.last_mid = last_mid
        state.updated_at = self.now
        self._store_state(state, new=new)
        self._write_seq()
        self.s.flush()
        self._insert_born()
        # One COPY (PostgreSQL) or executemany per table: the ORM's bulk form, and an
        # INSERT per row, cost more than the database here (issue 15).
        insert_rows(self.s, MutationOutcome.__table__, self.batch.outcomes)
        insert_rows(self.s, AuditEntry.__table__, self.batch.audits)
        return last_mid, results

    def _store_state(self, state: ClientState, *, new: bool) -> None:
        """The desk's state as one INSERT or UPDATE: an ORM flush of it cost a millisecond
        of a push's CPU (issue 15). A stored object is told its values are stored
        (set_committed_value), so no flush writes them again."""
        values: dict[str, Any] = {"last_mid": state.last_mid, "updated_at": state.updated_at}
        if new or self.rebound:
            values.update(user_id=state.user_id, device_id=state.device_id)
        conn = self.s.connection()
        if new:
            conn.execute(statements.insert_state(), {
                "client_id": state.client_id, "mission_id": state.mission_id, **values})
            return
        # Only the columns this push changed, as the ORM's flush wrote them: a sign-in that
        # moves the desk to a new device (accounts.issue_token, not under the mission's
        # lock) may have changed the binding since it was read, and would be undone.
        done = conn.execute(statements.update_state(), {
            "key_client": state.client_id, "key_mission": state.mission_id, **values})
        if done.rowcount != 1:
            raise RuntimeError(f"the state of desk {state.client_id} vanished during its push")
        for key, value in values.items():
            set_committed_value(state, key, value)

    def _outcomes_held(self, batch: list[Mutation | Refused]
                       ) -> tuple[dict[int, tuple[str, str, str]], dict[str, str]]:
        """The outcomes already stored under the batch's mids (this desk's: hash, status,
        detail by mid) and under its mutation ids (any desk's: status by id), in one
        statement."""
        d = self.dialect
        stored: dict[int, tuple[str, str, str]] = {}
        seen_ids: dict[str, str] = {}
        for own, mid, mutation_id, hash_, status, detail in self.s.execute(
                statements.outcomes_held(d), {
                    "client_id": self.client_id, "mission_id": self.mission.id,
                    "mids": among_value(d, {m.mid for m in batch}),
                    "ids": among_value(d, {m.id for m in batch if m.id})}):
            if own:
                stored[mid] = (hash_, status, detail)
            else:
                seen_ids[mutation_id] = status
        return stored, seen_ids

    def _insert_born(self) -> None:
        """The push's new rows, one executemany per table and column set, candidates first
        (the children's foreign keys): an ORM flush of them cost a third of a push."""
        groups: dict[tuple[type[Base], tuple[str, ...]], list[dict[str, Any]]] = {}
        for row in self.born:
            values = row.columns()
            groups.setdefault((row.model, tuple(sorted(values))), []).append(values)
        for (model, _), rows in sorted(groups.items(),
                                       key=lambda g: g[0][0] is not Candidate):
            insert_rows(self.s, model.__table__, rows)  # type: ignore[attr-defined]

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
            self.rebound = True
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
            for row in self.s.scalars(statements.rows_by_id(self.dialect, model),
                                      {"ids": among_value(self.dialect, ids)}):
                self.rows[(entity, row.id)] = row
            for rid in ids:
                self.rows.setdefault((entity, rid), None)
        for row_id in by_entity.get("candidate", ()):
            c = self.rows.get(("candidate", row_id))
            self.candidates[row_id] = c
        # The candidates of the rows edited, for the rules that read them (a decision's score)
        related = {r.candidate_id for r in self.rows.values()
                   if r is not None and getattr(r, "candidate_id", None)}
        # Rows edited from an older version than held: the conflict rule reads their audit
        stale: set[tuple[str, str]] = set()
        for m in mutations:
            row = self.rows.get((m.entity, m.row_id))
            versions = (row.versions or {}) if row is not None else {}
            if any(m.base.get(f, 0) < int(versions.get(f, 0)) for f in m.fields):
                stale.add((m.entity, m.row_id))
        self.lookups = PushLookups(self.s, self.mission.id, mutations, cand_ids | related, stale)
        missing = (cand_ids | related) - set(self.candidates)
        if missing:
            for c in self.s.scalars(statements.rows_by_id(self.dialect, Candidate),
                                    {"ids": among_value(self.dialect, missing)}):
                self.candidates[c.id] = c
        for cid in missing:
            self.candidates.setdefault(cid, None)
        self._prefetch_keys(mutations, cand_ids)

    def _prefetch_keys(self, mutations: list[Mutation], cand_ids: set[str]) -> None:
        """Existing identity keys the batch could collide with, in one statement (a union of
        a select per entity the batch writes)."""
        mission_id, me = self.mission.id, self.actor.assessor_id
        appnos = {m.fields["application_number"] for m in mutations
                  if m.entity == "candidate" and isinstance(m.fields.get("application_number"),
                                                            str)}
        wanted = {m.entity for m in mutations}
        entities = tuple(e for e in statements.KEYED
                         if (appnos if e == "candidate" else cand_ids and e in wanted))
        self._prefetch_plan_keys(mutations, cand_ids)
        if not entities:
            return
        d = self.dialect
        keys = {"candidate": lambda a, _b: ("candidate", mission_id, a),
                "mark": lambda a, b: ("mark", a, b, me),
                "scorecard": lambda a, _b: ("scorecard", a, me)}
        for kind, value, subject in self.s.execute(statements.identity_keys(d, entities), {
                "mission_id": mission_id, "me": me, "appnos": among_value(d, appnos),
                "cands": among_value(d, cand_ids)}):
            key = keys[kind](value, subject) if kind in keys else (kind, value)
            self.identity_index[key] = value

    # -- one mutation ---------------------------------------------------------------------

    def _apply_one(self, m: Mutation) -> tuple[str, str]:
        try:
            # The rules a desk applying a teammate's bundle runs too (app.domain.apply_rules).
            hash_ok = self.hashes_ok.get(id(m))
            if hash_ok is None:
                hash_ok = m.content_hash() == m.hash
            check_mutation(m.entity, m.fields, m.at, hash_ok=hash_ok,
                           author_is_chair=self.actor.is_chair)
            return self._apply_entity(m)
        except DomainError as exc:
            return "rejected", str(exc)
        except (ArithmeticError, ValueError, TypeError) as exc:
            # a value no rule anticipated (e.g. an exotic Decimal): refuse it, never crash
            return "rejected", f"invalid value: {exc}"[:500]

    def _row(self, m: Mutation) -> Any | None:
        row = self.rows.get((m.entity, m.row_id))
        if row is not None and (row.mission_id != self.mission.id or row.deleted):
            raise RuleBroken(f"unknown {m.entity} {m.row_id}")
        return row

    def _new_row(self, m: Mutation, model: type[Base], **identity: Any) -> Any:
        # The prefetch loaded any row holding this id, in any mission: a row id of another
        # mission was refused by _row, so the id is free here. Never added to the session
        # (_insert_born writes it): its column defaults are filled in now, as a flush would.
        values: dict[str, Any] = {"id": m.row_id, "mission_id": self.mission.id,
                                  "versions": {}, "deleted": False, **identity}
        for key, col in _column_defaults(model):
            if key not in identity and values.get(key) is None and col is not None:
                values[key] = column_default(col)
            elif col is None and key not in values:
                values[key] = None  # as the ORM reads a column never set
        row = new_row(model)(values)
        self.born.append(row)
        self.rows[(m.entity, m.row_id)] = row
        return row
