"""Writing an edit: the row change, its outbox mutation and its audit entries, together."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.domain.clock import HybridClock
from app.domain.mutation import WRITABLE_FIELDS, mutation_hash

from .models import AuditEntry, Base, OutboxMutation, new_id
from .package import ENTITY_OF_MODEL

# Core inserts: the outbox row and the audit entries are written as plain statements (one
# executemany for the audit), not ORM objects flushed at commit. The ORM's unit of work cost
# several times the fsync'd commit itself on every edit (issue 15); the rows are the same.
_INSERT_MUTATION = insert(OutboxMutation.__table__)
_INSERT_AUDIT = insert(AuditEntry.__table__)


@dataclass(frozen=True)
class QueuedMutation:
    """The outbox row an edit queued: its id (travels to the server) and its mid (order)."""

    id: str
    mid: int


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
    """Apply ``changes`` to ``row`` and queue them; None when nothing actually changed.

    ``identity`` lists the fields that name a row being born (candidate_id, author_id...):
    they travel with the first mutation so the server can create the row. ``annotations``
    travel with the mutation without being columns (an amendment's reason). ``force`` names
    fields queued even when unchanged (keeping the current value of a conflicted field is an
    edit: the server settles a conflict only on an up-to-date edit of the field). ``unseen``
    names fields whose server value the editor never saw: their base is 0, so a different
    value on the server becomes a conflict rather than an overwrite.
    """
    entity = ENTITY_OF_MODEL[type(row)]
    if entity not in WRITABLE_FIELDS:  # missions and assessors come from the server only
        raise KeyError(f"{entity} rows are not edited on a desk")
    row_id: str = row.id  # type: ignore[attr-defined]
    changed = {f: v for f, v in changes.items() if getattr(row, f) != v or f in force}
    if not changed and not identity:
        return None
    old = {f: getattr(row, f) for f in changed}
    for f, v in changed.items():
        setattr(row, f, v)
    versions: dict[str, int] = dict(row.versions or {})  # type: ignore[attr-defined]
    fields: dict[str, Any] = {**(identity or {}), **changed, **(annotations or {})}
    base = {f: 0 if f in unseen else int(versions.get(f, 0)) for f in changed}
    at = clock.now()
    mutation_id = new_id()
    h = mutation_hash(mutation_id, entity, row_id, fields, base, at)
    result = session.execute(_INSERT_MUTATION, {
        "id": mutation_id, "entity": entity, "row_id": row_id, "fields": fields,
        "base": base, "at": at, "hash": h})
    audit = [{"actor_id": actor_id, "entity": entity, "row_id": row_id, "field": f,
              "old": None, "new": fields[f], "reason": reason or "created",
              "mutation_id": mutation_id} for f in identity or {} if f not in changed]
    audit += [{"actor_id": actor_id, "entity": entity, "row_id": row_id, "field": f,
               "old": old[f], "new": v, "reason": reason, "mutation_id": mutation_id}
              for f, v in changed.items()]
    if audit:
        session.execute(_INSERT_AUDIT, audit)
    return QueuedMutation(mutation_id, int(result.inserted_primary_key[0]))


def pending_count(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(OutboxMutation).where(
                OutboxMutation.state == "pending"
            )
        )
        or 0
    )


def last_stamp(session: Session) -> str | None:
    return session.scalar(select(func.max(OutboxMutation.at)))
