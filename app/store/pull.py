"""Applying what a sync brought back (DESIGN.md §4): outcomes of pushed mutations, pulled rows,
the replay of still-pending local edits on top, and the cursor, all in one desk transaction.

Takes plain dicts (the wire shapes of sync.protocol): app/ never imports sync/.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, bindparam, select, text
from sqlalchemy.orm import Session

from app.domain.clock import HybridClock
from app.domain.mutation import IDENTITY, SHARED_FIELDS, WRITABLE_FIELDS

from . import conflicts
from .blind import drop_hidden_cards
from .database import get_meta, set_meta
from .models import (
    Assessor,
    Base,
    Candidate,
    Conflict,
    OutboxMutation,
)
from .outbox import last_stamp, record_change
from .package import ENTITY_OF_MODEL, MODELS, ORDER, bulk_install, search_text_of
from .types import utcnow

log = logging.getLogger(__name__)

FINAL_STATES = frozenset({"applied", "duplicate", "rejected", "conflict"})
# Parents before children: a page is applied in this order so foreign keys hold.
APPLY_ORDER = {e: i for i, e in enumerate((*ORDER, "conflict"))}
# A pulled child row needs these parents on the desk (foreign keys).
PARENTS: dict[str, tuple[tuple[str, type[Base]], ...]] = {
    "interview": (("candidate_id", Candidate),),
    "decision": (("candidate_id", Candidate),),
    "mark": (("candidate_id", Candidate), ("marker_id", Assessor)),
    "scorecard": (("candidate_id", Candidate), ("author_id", Assessor)),
    "seat": (("candidate_id", Candidate),),
}
ORPHANS_KEY = "sync_orphans"
CONFLICT_FIELDS = ("entity", "row_id", "field", "current_value", "other_value", "resolved",
                   "detail")


@dataclass
class PageOutcome:
    """What one page did to the desk."""

    pulled: int = 0
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0
    replayed: int = 0


def _columns(model: type[Base]) -> frozenset[str]:
    return frozenset(c.key for c in model.__table__.columns)  # type: ignore[attr-defined]


def _desk_value(entity: str, field: str, value: Any) -> Any:
    if entity == "scorecard" and field == "submitted_at" and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


def _row_values(entity: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    cols = _columns(MODELS[entity])
    return {f: _desk_value(entity, f, v) for f, v in fields.items() if f in cols and f != "id"}


def mark_results(session: Session, results: Iterable[Mapping[str, Any]]) -> PageOutcome:
    """Record the server's final answer of each pushed mutation (rows kept for history).

    One SELECT and one executemany UPDATE per page: a get() per answer autoflushed the
    previous one and cost most of a large sync's desk time (issue 15)."""
    out = PageOutcome()
    now = utcnow()
    results = list(results)
    mids = [int(r["mid"]) for r in results]
    states: dict[int, str] = {}
    table = OutboxMutation.__table__
    for i in range(0, len(mids), 500):
        states.update((mid, state) for mid, state in session.execute(
            select(table.c.mid, table.c.state).where(table.c.mid.in_(mids[i:i + 500]))))
    updates: list[dict[str, Any]] = []
    for r in results:
        mid = int(r["mid"])
        status = str(r["status"])
        state = states.get(mid)
        if state is None or status not in FINAL_STATES:
            log.warning("result for unknown mid %s (%s) ignored", r.get("mid"), status)
            continue
        if state == "pending":
            states[mid] = status  # a mid answered twice in one page: the first answer holds
            updates.append({"b_mid": mid, "b_state": status,
                            "b_detail": str(r.get("detail") or ""), "b_at": now})
        setattr(out, status, getattr(out, status) + 1)
    if updates:
        # Core executemany: this runs first in the page's session, so no loaded outbox row
        # goes stale (the ORM's bulk form spent its time syncing the identity map).
        session.execute(table.update().where(table.c.mid == bindparam("b_mid")).values(
            state=bindparam("b_state"), detail=bindparam("b_detail"),
            answered_at=bindparam("b_at")), updates)
    conflicts.answered(session, {u["b_mid"] for u in updates})
    return out


def _upsert(session: Session, change: Mapping[str, Any]) -> None:
    entity = change["entity"]
    row_id = change["row_id"]
    if entity == "conflict":
        row = session.get(Conflict, row_id)
        if change.get("deleted"):
            if row is not None:
                session.delete(row)
            return
        values = {f: change["fields"].get(f) for f in CONFLICT_FIELDS if f in change["fields"]}
        values["resolved"] = conflicts.pulled_state(session, row_id,
                                                    bool(values.get("resolved")))
        values["detail"] = values.get("detail") or ""
        if row is None:
            session.add(Conflict(id=row_id, **values))
        else:
            for f, v in values.items():
                setattr(row, f, v)
        return
    model = MODELS[entity]
    row = session.get(model, row_id)
    if change.get("deleted"):
        if row is not None:
            session.delete(row)
        return
    values = _row_values(entity, change["fields"])
    versions = {k: int(v) for k, v in (change.get("versions") or {}).items()}
    if row is None:
        twins = _take_local_twins(session, entity, row_id, values)
        row = model(id=row_id, versions=versions, **values)
        session.add(row)
        session.flush()
        for twin in twins:
            _queue_twin_values(session, entity, row, twin)
    else:
        for f, v in values.items():
            setattr(row, f, v)
        row.versions = versions  # type: ignore[attr-defined]
    if entity == "candidate":
        row.search_text = search_text_of(row)  # type: ignore[attr-defined]
    elif entity == "interview":  # the server's panel: who may read whose card
        drop_hidden_cards(session, row.candidate_id, row.panel or [])  # type: ignore[attr-defined]


# Children of a candidate, re-pointed when a local twin of the candidate gives way.
CHILDREN = ("interview", "decision", "mark", "scorecard", "seat")


def _take_local_twins(session: Session, entity: str, row_id: str,
                      values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Two desks may give birth to the same thing offline (the same application number
    imported twice, the interview of one candidate) under different ids. The server keeps the
    first and refuses the other; here the server's row takes the twin's place, and nothing
    typed on the twin is lost: its children move to the server's row (each re-sent as a new
    row) and its own values are queued again as edits of the server's row (see
    _queue_twin_values). Returns the twins' field values; the twins are deleted."""
    keys = IDENTITY.get(entity)
    if not keys or any(k not in values for k in keys):
        return []
    model = MODELS[entity]
    q = select(model).where(*(getattr(model, k) == values[k] for k in keys),
                            model.id != row_id)  # type: ignore[attr-defined]
    taken = []
    for twin in list(session.scalars(q)):
        log.info("local %s %s gives way to the server's %s", entity, twin.id, row_id)
        taken.append({c: getattr(twin, c) for c in _columns(model)})
        if entity == "candidate":
            _move_children(session, twin.id, row_id)
        session.delete(twin)
    session.flush()
    return taken


def _move_children(session: Session, old_id: str, new_id: str) -> None:
    writer = _TwinWriter(session)
    for entity in CHILDREN:
        model = MODELS[entity]
        for child in list(session.scalars(select(model).where(
                model.candidate_id == old_id))):  # type: ignore[attr-defined]
            identity = {k: getattr(child, k) for k in IDENTITY[entity]} | {"candidate_id": new_id}
            existing = session.scalars(select(model).where(
                *(getattr(model, k) == v for k, v in identity.items()))).first()
            if existing is not None:  # the server already holds this child: merge values
                snapshot = {c: getattr(child, c) for c in _columns(model)}
                session.delete(child)
                session.flush()
                _queue_twin_values(session, entity, existing, snapshot, writer)
                continue
            child.candidate_id = new_id
            data = {f: getattr(child, f) for f in _data_fields(entity)}
            writer.record(child, data, identity=identity, force=set(data))


def _data_fields(entity: str) -> list[str]:
    cols = _columns(MODELS[entity])
    return sorted(f for f in WRITABLE_FIELDS[entity] - set(IDENTITY[entity]) if f in cols)


def _queue_twin_values(session: Session, entity: str, row: Any, twin: Mapping[str, Any],
                       writer: _TwinWriter | None = None) -> None:
    """Send again what the twin held that the server's row does not. Shared fields go with
    base 0 (this desk never saw the server's value): a different value becomes a conflict
    kept for the chair, never an overwrite. Owned rows (marks, scorecards) have one writer,
    so their values go as that writer's next edit."""
    shared = SHARED_FIELDS.get(entity, frozenset())
    fields = [f for f in _data_fields(entity)
              if (entity != "candidate" or f in shared)
              and twin.get(f) is not None and twin.get(f) != getattr(row, f)]
    if fields:
        (writer or _TwinWriter(session)).record(
            row, {f: twin[f] for f in fields}, unseen=set(fields) & shared)


class _TwinWriter:
    """Queues edits made on behalf of this desk while a pull merges twins (same transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.actor = get_meta(session, "current_assessor") or ""
        node = (get_meta(session, "client_id") or "desk")[:8]
        self.clock = HybridClock(node, last_stamp(session))

    def record(self, row: Any, changes: Mapping[str, Any], **kw: Any) -> None:
        record_change(self.session, self.clock, self.actor, row, changes,
                      reason="kept from a copy made on this desk before the server's", **kw)


def _parents_of(change: Mapping[str, Any]) -> set[tuple[str, str]]:
    fields = change.get("fields") or {}
    return {(ENTITY_OF_MODEL[model], fields[key]) for key, model in PARENTS.get(
        change["entity"], ()) if fields.get(key) is not None}


def _missing_parent(session: Session, change: Mapping[str, Any],
                    known: dict[type[Base], set[str]]) -> bool:
    fields = change.get("fields") or {}
    for key, model in PARENTS.get(change["entity"], ()):
        parent = fields.get(key)
        if parent is not None and parent not in known[model]:
            return True
    return False


def _known_parents(session: Session, changes: Iterable[Mapping[str, Any]]
                   ) -> dict[type[Base], set[str]]:
    """The parents the page's rows name that the desk holds: one query per parent model
    instead of a get() per pulled row; apply_changes keeps it current as it goes."""
    wanted: dict[type[Base], set[str]] = {model: set() for model in (Candidate, Assessor)}
    for change in changes:
        fields = change.get("fields") or {}
        for key, model in PARENTS.get(change["entity"], ()):
            if isinstance(fields.get(key), str):
                wanted[model].add(fields[key])
    known: dict[type[Base], set[str]] = {}
    for model, ids in wanted.items():
        col = model.__table__.c.id  # type: ignore[attr-defined]
        ordered = sorted(ids)
        known[model] = set()
        for i in range(0, len(ordered), 500):
            known[model].update(session.scalars(select(col).where(
                col.in_(ordered[i:i + 500]))))
    return known


def _load_rows(session: Session, changes: Iterable[Mapping[str, Any]]) -> list[Any]:
    """Load the page's existing rows in one query per entity: the get() of each upsert is
    then answered from the session (no SELECT, no autoflush per pulled row) while the
    caller holds the returned list."""
    rows: list[Any] = []
    by_entity: dict[str, set[str]] = {}
    for change in changes:
        by_entity.setdefault(change["entity"], set()).add(change["row_id"])
    for entity, ids in by_entity.items():
        model = Conflict if entity == "conflict" else MODELS.get(entity)
        if model is None:
            continue
        ordered = sorted(ids)
        for i in range(0, len(ordered), 500):
            rows += session.scalars(select(model).where(
                model.id.in_(ordered[i:i + 500])))  # type: ignore[attr-defined]
    return rows


def apply_changes(session: Session, changes: Iterable[Mapping[str, Any]]) -> set[tuple[str, str]]:
    """Upsert pulled rows (tombstones delete); returns the (entity, row_id) touched.

    A child may come a page before its parent (the parent was changed later, so its seq
    moved past the page, possibly past this whole sync): such a row waits in the meta
    "sync_orphans", across syncs, until its parent arrives, instead of breaking a foreign
    key. It is dropped only when its parent's tombstone arrives (the parent is gone).
    """
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    waiting = json.loads(get_meta(session, ORPHANS_KEY) or "[]")
    ordered = sorted([*waiting, *changes],
                     key=lambda c: (APPLY_ORDER.get(c["entity"], 99), c.get("seq", 0)))
    touched: set[tuple[str, str]] = set()
    orphans: dict[tuple[str, str], Mapping[str, Any]] = {}
    known = _known_parents(session, ordered)
    held = _load_rows(session, ordered)  # kept alive: the identity map holds rows weakly
    parent_models = {ENTITY_OF_MODEL[m]: m for m in known}
    group = None
    for change in ordered:
        entity = change["entity"]
        if entity not in MODELS and entity != "conflict":
            log.warning("pulled change of unknown entity %s ignored", entity)
            continue
        if entity != group:  # parents of this group are flushed, so session.get sees them
            session.flush()
            group = entity
        key = (entity, change["row_id"])
        if not change.get("deleted") and _missing_parent(session, change, known):
            orphans[key] = change  # the newest (highest seq) wins: sorted by seq
            continue
        orphans.pop(key, None)
        _upsert(session, change)
        touched.add(key)
        if entity in parent_models:
            held = known[parent_models[entity]]
            if change.get("deleted"):
                held.discard(change["row_id"])
            else:
                held.add(change["row_id"])
    session.flush()
    gone = {(c["entity"], c["row_id"]) for c in ordered if c.get("deleted")}
    for key, change in list(orphans.items()):
        if _parents_of(change) & gone:
            log.info("pulled %s %s dropped: its parent was removed", *key)
            del orphans[key]
    set_meta(session, ORPHANS_KEY, json.dumps(list(orphans.values())) if orphans else None)
    return touched


def replay_pending(session: Session, touched: set[tuple[str, str]]) -> int:
    """Put the desk's still-unanswered edits back on the rows a pull overwrote: the desk
    shows its own value until the server has answered."""
    if not touched:
        return 0
    count = 0
    # Only the pending edits of the touched rows (not the whole queue: a large unsent
    # queue would be read again at every page).
    ids = sorted({row_id for _, row_id in touched})
    pending: list[OutboxMutation] = []
    for i in range(0, len(ids), 500):
        pending += session.scalars(select(OutboxMutation).where(
            OutboxMutation.state == "pending", OutboxMutation.row_id.in_(ids[i:i + 500])))
    pending.sort(key=lambda m: m.mid)
    for m in pending:
        if (m.entity, m.row_id) not in touched or m.entity not in MODELS:
            continue
        row = session.get(MODELS[m.entity], m.row_id)
        if row is None:  # deleted on the server: the mutation will be answered as rejected
            continue
        for f, v in _row_values(m.entity, m.fields).items():
            setattr(row, f, v)
        if m.entity == "candidate":
            row.search_text = search_text_of(row)  # type: ignore[attr-defined]
        count += 1
    return count


def apply_page(session: Session, results: Iterable[Mapping[str, Any]],
               changes: Iterable[Mapping[str, Any]], cursor: int,
               has_more: bool = False) -> PageOutcome:
    """One sync response, committed by the caller's transaction: results first (answered
    mutations are no longer replayed), then pulled rows, the replay, and the cursor.
"""
    changes = list(changes)
    out = mark_results(session, results)
    session.flush()
    touched = apply_changes(session, changes)
    out.replayed = replay_pending(session, touched)
    out.pulled = len(changes)
    set_meta(session, "sync_cursor", str(int(cursor)))
    return out


def pending_batch(session: Session, limit: int, after: int = 0,
                  scope: ColumnElement[bool] | None = None) -> list[dict[str, Any]]:
    """The oldest unanswered mutations (with a mid above ``after``: those behind the batches
    already in flight; ``scope``: of one sync identity), in mid order, as wire dicts."""
    query = select(OutboxMutation).where(OutboxMutation.state == "pending",
                                         OutboxMutation.mid > after)
    if scope is not None:
        query = query.where(scope)
    rows = session.scalars(query.order_by(OutboxMutation.mid).limit(limit))
    return [{"mid": m.mid, "id": m.id, "hash": m.hash, "entity": m.entity, "row_id": m.row_id,
             "fields": m.fields, "base": {k: int(v) for k, v in (m.base or {}).items()},
             "at": m.at} for m in rows]


def install_package(session: Session, mission: Mapping[str, Any],
                    rows: Iterable[Mapping[str, Any]], cursor: int, *, assessor_id: str
                    ) -> int:
    """First pull into an empty desk: every row of the mission package, the cursor, and the
    desk's current mission and assessor. Returns the number of rows installed."""
    by_entity: dict[str, list[dict[str, Any]]] = {}
    conflicts: list[Mapping[str, Any]] = []
    count = 0
    for change in (mission, *rows):
        if change.get("deleted"):
            continue
        entity = change["entity"]
        if entity == "conflict":
            conflicts.append(change)
            continue
        if entity not in MODELS:
            continue
        values = _row_values(entity, change["fields"])
        values["id"] = change["row_id"]
        values["versions"] = {k: int(v) for k, v in (change.get("versions") or {}).items()}
        by_entity.setdefault(entity, []).append(values)
        count += 1
    bulk_install(session, by_entity)
    for c in conflicts:
        _upsert(session, c)
        count += 1
    set_meta(session, "sync_cursor", str(int(cursor)))
    set_meta(session, "current_mission", mission["row_id"])
    set_meta(session, "current_assessor", assessor_id)
    return count


def answered_against(session: Session, mids: Iterable[int]) -> set[tuple[str, str]]:
    """Rows whose local value may now be wrong: touched by a mutation the server refused
    (rejected) or kept its own value for (conflict)."""
    mids = list(mids)
    if not mids:
        return set()
    return {(m.entity, m.row_id) for m in session.scalars(select(OutboxMutation).where(
        OutboxMutation.mid.in_(mids), OutboxMutation.state.in_(("rejected", "conflict"))))}


def _reborn(session: Session, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Those of ``keys`` with a pending mutation that gives birth to the row (a child of a
    twin moved to the server's row is sent again as a new row): the server will hold them."""
    ids = sorted({row_id for _, row_id in keys})
    out: set[tuple[str, str]] = set()
    for i in range(0, len(ids), 500):
        out |= {(m.entity, m.row_id) for m in session.scalars(select(OutboxMutation).where(
            OutboxMutation.state == "pending", OutboxMutation.row_id.in_(ids[i:i + 500])))
            if all(k in (m.fields or {}) for k in IDENTITY.get(m.entity, ("?",)))}
    return out & keys


def restore_rows(session: Session, rows: Iterable[Mapping[str, Any]],
                 keys: set[tuple[str, str]]) -> int:
    """Put the server's values back on ``keys`` (from a fresh package), then replay what is
    still pending: a refused edit no longer shows on the desk. A row the server does not hold
    (its creation was refused) is removed, unless a pending mutation gives birth to it again.

    Called once the pull has caught up (sync.client): a row refused because the server holds
    its twin has given way to the server's row by then, its children moved and its values
    queued (_take_local_twins), so nothing typed goes with it."""
    if not keys:
        return 0
    by_key = {(r["entity"], r["row_id"]): r for r in rows if not r.get("deleted")}
    reborn = _reborn(session, keys)
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    for entity, row_id in sorted(keys, key=lambda k: APPLY_ORDER.get(k[0], 99)):
        change = by_key.get((entity, row_id))
        if change is not None:
            _upsert(session, change)
        elif entity in MODELS and (entity, row_id) not in reborn:
            row = session.get(MODELS[entity], row_id)
            if row is not None:
                session.delete(row)
    session.flush()
    return replay_pending(session, keys)
