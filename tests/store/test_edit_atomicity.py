"""An edit's row, outbox mutation and audit entries are one transaction (issue 15): a failure
anywhere between them leaves none of them, and the desk goes on editing."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.store import outbox, row_edits
from app.store.models import Candidate, Mark, Scorecard
from tests.store.helpers import candidate_with_panel, counts, first


class Boom(Exception):
    pass


def test_a_failing_audit_insert_leaves_no_row_and_no_mutation(chair, monkeypatch):
    cand, _ = candidate_with_panel(chair.store, "present")
    before = counts(chair.store)
    # the row and the outbox mutation are written; the audit statement then fails
    monkeypatch.setattr(outbox, "_INSERT_AUDIT", "INSERT INTO no_such_table VALUES (?)")
    with pytest.raises(Exception, match="no_such_table"):
        chair.set_mark(cand.id, "maths", D("12.75"))
    with pytest.raises(Exception, match="no_such_table"):
        chair.set_status(cand.id, "absent")
    with pytest.raises(Exception, match="no_such_table"):
        chair.set_notes(cand.id, "never kept")
    assert counts(chair.store) == before
    assert first(chair.store, Mark, Mark.candidate_id == cand.id) is None
    assert first(chair.store, Scorecard, Scorecard.candidate_id == cand.id) is None
    assert first(chair.store, Candidate, Candidate.id == cand.id).status == "present"
    monkeypatch.undo()
    # the pooled connection is not left inside the failed transaction
    chair.set_mark(cand.id, "maths", D("12.75"))
    assert first(chair.store, Mark, Mark.candidate_id == cand.id).value == "12.75"
    assert counts(chair.store)[0] == before[0] + 1


def test_a_failure_after_all_three_writes_rolls_them_all_back(chair, monkeypatch):
    cand, _ = candidate_with_panel(chair.store, "registered")
    before = counts(chair.store)
    real = row_edits.queue_change

    def queue_then_fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        real(*args, **kwargs)
        raise Boom

    monkeypatch.setattr(row_edits, "queue_change", queue_then_fail)
    with pytest.raises(Boom):
        chair.set_status(cand.id, "present")
    assert counts(chair.store) == before
    assert first(chair.store, Candidate, Candidate.id == cand.id).status == "registered"
