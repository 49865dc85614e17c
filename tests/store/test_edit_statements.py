"""An edit's statements (issue 15): one read, the row once, the outbox row once, the audit.

The ORM used to insert a new mark, flush it, then UPDATE it with its value at commit, and
flushed the outbox row and each audit entry as objects: several times the disk's own cost.
Counting the statements SQLite itself runs (its trace hook, so statements sent below
SQLAlchemy count too) says so without timing anything: no SAVEPOINT, no PRAGMA, no re-read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal as D
from typing import Any

from sqlalchemy import event, select

from app.store.edits import EditService
from app.store.models import AuditEntry, Candidate, Mark, OutboxMutation, Scorecard
from tests.store.helpers import candidate_with_panel, first


@contextmanager
def statements(svc: EditService) -> Iterator[list[str]]:
    """First word (and table, for writes) of each statement SQLite runs meanwhile on the
    store's connections; an executemany counts once per row."""
    seen: list[str] = []
    engine = svc.store.engine

    def trace(sql: str) -> None:
        # (an exception here would be swallowed by SQLite's hook: index with care)
        words = [*sql.split(), "", "", ""]
        verb = words[0].upper()
        table = {"INSERT": words[2], "UPDATE": words[1], "DELETE": words[2]}.get(verb, "")
        seen.append(f"{verb} {table}".strip())

    def on(dbapi_conn: Any, *_: Any) -> None:
        dbapi_conn.set_trace_callback(trace)

    def off(dbapi_conn: Any, *_: Any) -> None:
        dbapi_conn.set_trace_callback(None)

    event.listen(engine, "checkout", on)
    event.listen(engine, "checkin", off)
    try:
        yield seen
    finally:
        event.remove(engine, "checkout", on)
        event.remove(engine, "checkin", off)


def writes(seen: list[str]) -> Counter[str]:
    return Counter(w for w in seen if w.split()[0] in ("INSERT", "UPDATE", "DELETE"))


def others(seen: list[str]) -> list[str]:
    return [w for w in seen if w.split()[0] not in ("INSERT", "UPDATE", "DELETE")]


def test_a_new_mark_is_one_insert_of_each_row_and_one_of_the_audit(chair):
    cand, _ = candidate_with_panel(chair.store, "present")
    with statements(chair) as seen:
        result = chair.set_mark(cand.id, "maths", D("12.75"))
    assert writes(seen) == {"INSERT audit": 4, "INSERT mark": 1, "INSERT outbox": 1}
    assert others(seen) == ["BEGIN", "SELECT", "COMMIT"]
    mark = first(chair.store, Mark, Mark.candidate_id == cand.id,
                 Mark.marker_id == chair.actor_id)
    assert mark.value == "12.75" and mark.versions == {} and mark.updated_at is not None
    m = first(chair.store, OutboxMutation, OutboxMutation.id == result.mutation_id)
    assert m.row_id == mark.id and m.fields["value"] == "12.75" and m.state == "pending"
    with chair.store.read() as s:
        audit = s.execute(select(AuditEntry.field, AuditEntry.old, AuditEntry.new).where(
            AuditEntry.mutation_id == m.id).order_by(AuditEntry.id)).all()
    assert [tuple(a) for a in audit] == [
        ("candidate_id", None, cand.id), ("subject", None, "maths"),
        ("marker_id", None, chair.actor_id), ("value", None, "12.75")]


def test_a_changed_mark_is_one_update(chair):
    cand, _ = candidate_with_panel(chair.store, "present")
    chair.set_mark(cand.id, "maths", D("12.75"))
    with statements(chair) as seen:
        result = chair.set_mark(cand.id, "maths", D("13"))
    assert writes(seen) == {"INSERT audit": 1, "UPDATE mark": 1, "INSERT outbox": 1}
    m = first(chair.store, OutboxMutation, OutboxMutation.id == result.mutation_id)
    assert m.fields == {"value": "13"} and m.base == {"value": 0}
    with statements(chair) as seen:
        again = chair.set_mark(cand.id, "maths", D("13"))
    assert again.mutation_id is None and writes(seen) == {}


def test_a_status_edit_is_one_update_one_outbox_row_one_audit_row(chair):
    cand, _ = candidate_with_panel(chair.store, "registered")
    with statements(chair) as seen:
        chair.set_status(cand.id, "present")
    assert writes(seen) == {"INSERT audit": 1, "INSERT outbox": 1, "UPDATE candidate": 1}
    assert others(seen) == ["BEGIN", "SELECT", "COMMIT"]
    row = first(chair.store, Candidate, Candidate.id == cand.id)
    assert row.status == "present" and row.updated_at > cand.updated_at


def test_a_scorecard_level_is_one_read_and_one_write_of_each_row(chair):
    cand, _ = candidate_with_panel(chair.store, "present")
    criterion = "motivation"
    with statements(chair) as seen:
        created = chair.set_level(cand.id, criterion, 4)
    assert writes(seen) == {"INSERT audit": 3, "INSERT scorecard": 1, "INSERT outbox": 1}
    assert others(seen) == ["BEGIN", "SELECT", "COMMIT"]
    with statements(chair) as seen:
        chair.set_notes(cand.id, "calm, precise")
    assert writes(seen) == {"INSERT audit": 1, "UPDATE scorecard": 1, "INSERT outbox": 1}
    card = first(chair.store, Scorecard, Scorecard.id == created.row_id)
    assert (card.levels, card.notes, card.submitted, card.amendments) == (
        {criterion: 4}, "calm, precise", False, 0)


def test_the_prepared_inserts_give_every_column_the_model_would():
    """The outbox and audit inserts are SQL text: a column added to the model later with a
    Python default must be added there too, or its rows would miss the default."""
    from app.store import outbox

    for sql, model in ((outbox._INSERT_MUTATION, OutboxMutation), (outbox._INSERT_AUDIT,
                                                                   AuditEntry)):
        given = {c.strip() for c in sql.split("(", 1)[1].split(")", 1)[0].split(",")}
        for column in model.__table__.c:
            if column.name not in given:
                assert column.primary_key or (column.nullable and column.default is None), (
                    f"{model.__tablename__}.{column.name} is not written by {sql!r}")


def test_a_decision_is_one_write_of_each_row(chair):
    from app.store.models import Decision

    cand, _ = candidate_with_panel(chair.store, "present")
    with statements(chair) as seen:
        created = chair.set_decision(cand.id, "waitlist", rationale="close to the line")
    # the identity, outcome and rationale are audited; option and override stay blank
    assert writes(seen) == {"INSERT audit": 3, "INSERT decision": 1, "INSERT outbox": 1}
    assert not any(w.startswith(("SAVEPOINT", "PRAGMA")) for w in seen)
    with statements(chair) as seen:
        chair.set_decision(cand.id, "reject", rationale="close to the line")
    assert writes(seen) == {"INSERT audit": 1, "UPDATE decision": 1, "INSERT outbox": 1}
    row = first(chair.store, Decision, Decision.id == created.row_id)
    assert (row.outcome, row.option_code, row.rationale, row.override_reason,
            row.decided_by) == ("reject", None, "close to the line", "", chair.actor_id)


def test_a_decision_scores_the_candidate_as_the_ranking_does(demo):
    """The decision reads the candidate's marks and submitted scorecards with its own
    prepared statements: for every candidate, an admit without an override goes through
    exactly when the ranking's score of that candidate allows it."""
    from app.domain.decision import check_decision
    from app.domain.errors import ValidationError
    from app.store.ranking import load_ranking

    store, mission_id, chair_id = demo
    chair = EditService(store, mission_id, chair_id)
    with store.read() as s:
        scores = [sc for track in load_ranking(s, mission_id).values() for sc in track]
    assert len(scores) == 60
    outcomes = set()
    for sc in scores:
        try:
            check_decision(chair.config, "admit", "MSC-DATA", "", sc)
            expected = True
        except ValidationError:
            expected = False
        try:
            chair.set_decision(sc.candidate_id, "admit", "MSC-DATA", "")
            allowed = True
        except ValidationError:
            allowed = False
        assert allowed == expected, sc
        outcomes.add(allowed)
    assert outcomes == {True, False}
