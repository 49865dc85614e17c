"""Writing an edit: the row change, its outbox mutation and its audit entries, together.

The outbox row and the audit entries are plain prepared statements on the transaction's
DB-API cursor (sqlite3 keeps each SQL text prepared per connection), not ORM objects nor Core
statements: the ORM's unit of work, then Core's per-statement compile-cache lookups and
parameter processing, cost several times the fsync'd commit itself on every edit (issue 15).
The rows are the same ones SQLAlchemy wrote: JSON columns as ``json.dumps`` text, times as
``UtcDateTime`` text.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.domain.clock import HybridClock
from app.domain.mutation import WRITABLE_FIELDS, mutation_hash

from .models import Base, OutboxMutation, new_id
from .package import ENTITY_OF_MODEL
from .types import utc_text

_INSERT_MUTATION = ("INSERT INTO outbox (id, entity, row_id, fields, base, at, hash, state, "
                    "detail, created_at, author_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', '', ?, ?)")
_INSERT_AUDIT = ("INSERT INTO audit (at, actor_id, entity, row_id, field, old, new, reason, "
                 "mutation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


@dataclass(frozen=True)
class QueuedMutation:
    """The outbox row an edit queued: its id (travels to the server) and its mid (order)."""

    id: str
    mid: int


def changed_fields(current: Mapping[str, Any], changes: Mapping[str, Any],
                   force: Collection[str] = ()) -> dict[str, Any]:
    """The changes that change something (or are forced)."""
    return {f: v for f, v in changes.items() if current[f] != v or f in force}


def queue_change(
    cursor: Any,
    clock: HybridClock,
    actor_id: str,
    entity: str,
    row_id: str,
    old: Mapping[str, Any],
    changed: Mapping[str, Any],
    versions: Mapping[str, Any] | None,
    *,
    identity: Mapping[str, Any] | None = None,
    reason: str = "",
    annotations: Mapping[str, Any] | None = None,
    unseen: Collection[str] = (),
) -> QueuedMutation:
    """Insert the outbox mutation and the audit entries of ``changed`` (already applied to
    the row by the caller, in the same transaction); ``old`` holds their previous values."""
    if entity not in WRITABLE_FIELDS:  # missions and assessors come from the server only
        raise KeyError(f"{entity} rows are not edited on a desk")
    versions = versions or {}
    fields: dict[str, Any] = {**(identity or {}), **changed, **(annotations or {})}
    base = {f: 0 if f in unseen else int(versions.get(f, 0)) for f in changed}
    at = clock.now()
    mutation_id = new_id()
    h = mutation_hash(mutation_id, entity, row_id, fields, base, at)
    now = utc_text()
    cursor.execute(_INSERT_MUTATION, (mutation_id, entity, row_id, json.dumps(fields),
                                      json.dumps(base), at, h, now, actor_id))
    mid = int(cursor.lastrowid)
    audit = [(now, actor_id, entity, row_id, f, "null", json.dumps(fields[f]),
              reason or "created", mutation_id) for f in identity or {} if f not in changed]
    audit += [(now, actor_id, entity, row_id, f, json.dumps(old[f]), json.dumps(v), reason,
               mutation_id) for f, v in changed.items()]
    if audit:
        cursor.executemany(_INSERT_AUDIT, audit)
    return QueuedMutation(mutation_id, mid)


def dbapi_cursor(session: Session) -> Any:
    """A DB-API cursor on the session's own connection, inside its transaction."""
    return session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]


def record_change(
    session: Session,
    clock: HybridClock,
    actor_id: str,
    row: Base,
    changes: Mapping[str, Any],
    *,
    identity: Mapping[str, Any] | None = None,
    reason: str = "",
    annotations: Mapping[str, Any] | None = None,
    force: Collection[str] = (),
    unseen: Collection[str] = (),
) -> QueuedMutation | None:
    """Apply ``changes`` to the ORM ``row`` and queue them; None when nothing changed.

    ``identity`` lists the fields that name a row being born (candidate_id, author_id...):
    they travel with the first mutation so the server can create the row. ``annotations``
    travel with the mutation without being columns (an amendment's reason). ``force`` names
    fields queued even when unchanged (keeping the current value of a conflicted field is an
    edit: the server settles a conflict only on an up-to-date edit of the field). ``unseen``
    names fields whose server value the editor never saw: their base is 0, so a different
    value on the server becomes a conflict rather than an overwrite.
    """
    entity = ENTITY_OF_MODEL[type(row)]
    if entity not in WRITABLE_FIELDS:
        raise KeyError(f"{entity} rows are not edited on a desk")
    current = {f: getattr(row, f) for f in changes}
    changed = changed_fields(current, changes, force)
    if not changed and not identity:
        return None
    for f, v in changed.items():
        setattr(row, f, v)
    return queue_change(dbapi_cursor(session), clock, actor_id, entity,
                        row.id, current, changed,  # type: ignore[attr-defined]
                        row.versions, identity=identity,  # type: ignore[attr-defined]
                        reason=reason, annotations=annotations, unseen=unseen)


def pending_count(session: Session, scope: ColumnElement[bool] | None = None) -> int:
    """Mutations still waiting for the server; ``scope``: only those (one sync identity's)."""
    query = select(func.count()).select_from(OutboxMutation).where(
        OutboxMutation.state == "pending")
    if scope is not None:
        query = query.where(scope)
    return int(session.scalar(query) or 0)


def last_stamp(session: Session) -> str | None:
    return session.scalar(select(func.max(OutboxMutation.at)))
