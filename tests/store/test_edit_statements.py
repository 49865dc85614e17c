"""An edit's statements (issue 15): the row once, the outbox row once, the audit in one go.

The ORM used to insert a new mark, flush it, then UPDATE it with its value at commit, and
flushed the outbox row and each audit entry as objects: several times the disk's own cost.
Counting the statements an edit sends says so without timing anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal as D

from sqlalchemy import event, select

from app.store.edits import EditService
from app.store.models import AuditEntry, Mark, OutboxMutation
from tests.store.helpers import candidate_with_panel, first


@contextmanager
def statements(svc: EditService) -> Iterator[list[tuple[str, int]]]:
    """(first word + table, rows) of each statement the store's engine sends meanwhile."""
    seen: list[tuple[str, int]] = []
    engine = svc.store.engine

    def record(_conn, _cursor, sql: str, params, _context, executemany: bool) -> None:  # type: ignore[no-untyped-def]
        words = sql.split()
        verb = words[0].upper()
        table = {"INSERT": words[2] if len(words) > 2 else "", "UPDATE": words[1],
                 "DELETE": words[2] if len(words) > 2 else ""}.get(verb, "")
        seen.append((f"{verb} {table}".strip(), len(params) if executemany else 1))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def writes(seen: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(w, n) for w, n in seen if w.split()[0] in ("INSERT", "UPDATE", "DELETE")]


def test_a_new_mark_is_one_insert_of_each_row_and_one_of_the_audit(chair):
    cand, _ = candidate_with_panel(chair.store, "present")
    with statements(chair) as seen:
        result = chair.set_mark(cand.id, "maths", D("12.75"))
    assert sorted(writes(seen)) == [("INSERT audit", 4), ("INSERT mark", 1), ("INSERT outbox", 1)]
    mark = first(chair.store, Mark, Mark.candidate_id == cand.id,
                 Mark.marker_id == chair.actor_id)
    assert mark.value == "12.75"
    m = first(chair.store, OutboxMutation, OutboxMutation.id == result.mutation_id)
    assert m.row_id == mark.id and m.fields["value"] == "12.75"
    with chair.store.read() as s:
        audit = s.execute(select(AuditEntry.field, AuditEntry.new).where(
            AuditEntry.mutation_id == m.id).order_by(AuditEntry.id)).all()
    assert [tuple(a) for a in audit] == [("candidate_id", cand.id), ("subject", "maths"),
                                         ("marker_id", chair.actor_id), ("value", "12.75")]


def test_a_status_edit_is_one_update_one_outbox_row_one_audit_row(chair):
    cand, _ = candidate_with_panel(chair.store, "registered")
    with statements(chair) as seen:
        chair.set_status(cand.id, "present")
    assert sorted(writes(seen)) == [("INSERT audit", 1), ("INSERT outbox", 1),
                                    ("UPDATE candidate", 1)]
