"""Every edit writes row + outbox mutation + audit in one transaction and obeys the rules."""

from decimal import Decimal as D

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError, PermissionDenied, ValidationError
from app.domain.mutation import mutation_hash
from app.store.edits import EditService
from app.store.models import (
    AuditEntry,
    Candidate,
    Decision,
    Mark,
    OutboxMutation,
    Scorecard,
)
from tests.store.helpers import candidate_with_panel, counts, first, team


def test_status_edit_writes_row_outbox_and_audit(chair):
    store = chair.store
    cand, _ = candidate_with_panel(store, "registered")
    before = counts(store)
    result = chair.set_status(cand.id, "present")
    assert counts(store) == (before[0] + 1, before[1] + 1)
    assert first(store, Candidate, Candidate.id == cand.id).status == "present"
    m = first(store, OutboxMutation, OutboxMutation.id == result.mutation_id)
    assert (m.entity, m.row_id, m.fields, m.base, m.state) == (
        "candidate", cand.id, {"status": "present"}, {"status": 1}, "pending")
    assert m.hash == mutation_hash(m.id, m.entity, m.row_id, m.fields, m.base, m.at)
    a = first(store, AuditEntry, AuditEntry.mutation_id == m.id)
    assert (a.actor_id, a.field, a.old, a.new) == (chair.actor_id, "status", "registered",
                                                   "present")


def test_same_value_is_no_edit(chair):
    cand, _ = candidate_with_panel(chair.store, "present")
    before = counts(chair.store)
    assert chair.set_status(cand.id, "present").mutation_id is None
    assert counts(chair.store) == before


def test_a_failing_edit_writes_nothing(chair):
    cand, _ = candidate_with_panel(chair.store, "present")
    before = counts(chair.store)
    with pytest.raises(ValidationError):
        chair.set_status(cand.id, "asleep")
    with pytest.raises(ValidationError):
        chair.set_mark(cand.id, "maths", D("20.5"))
    assert counts(chair.store) == before


def test_mark_range_step_and_absent(chair):
    cand, _ = candidate_with_panel(chair.store, "present")
    chair.set_mark(cand.id, "maths", D("12.75"))
    row = first(chair.store, Mark, Mark.candidate_id == cand.id, Mark.marker_id == chair.actor_id)
    assert row.value == "12.75"
    with pytest.raises(ValidationError, match=r"multiple of 0\.25"):
        chair.set_mark(cand.id, "maths", D("12.1"))
    with pytest.raises(ValidationError, match="unknown subject"):
        chair.set_mark(cand.id, "chemistry", D(1))
    chair.set_mark(cand.id, "maths", "absent")
    assert first(chair.store, Mark, Mark.id == row.id).value == "absent"
    # first mutation carried the row's identity so the server can create it
    muts = chair.store.read
    with muts() as s:
        fields = [m.fields for m in s.scalars(select(OutboxMutation).where(
            OutboxMutation.row_id == row.id).order_by(OutboxMutation.mid))]
    assert fields[0] == {"candidate_id": cand.id, "subject": "maths",
                         "marker_id": chair.actor_id, "value": "12.75"}
    assert fields[1] == {"value": "absent"}


def test_only_the_owner_edits_a_mark_or_scorecard(demo):
    store, mission_id, chair_id = demo
    people = team(store)
    karim = EditService(store, mission_id, people["Prof. Karim Benali"].id)
    cand, _ = candidate_with_panel(store, "present")
    karim.set_mark(cand.id, "physics", D(11))
    chair = EditService(store, mission_id, chair_id)
    with pytest.raises(PermissionDenied):
        chair.set_mark(cand.id, "physics", D(19), marker_id=karim.actor_id)
    with pytest.raises(PermissionDenied):
        chair.set_level(cand.id, "motivation", 5, author_id=karim.actor_id)
    # double marking: the chair's own mark is a separate row, Karim's stays
    chair.set_mark(cand.id, "physics", D(19))
    with store.read() as s:
        values = sorted(s.scalars(select(Mark.value).where(Mark.candidate_id == cand.id,
                                                           Mark.subject == "physics")))
    assert values == ["11", "19"]


def _fill(svc: EditService, cid: str, level: int = 4) -> None:
    for key in svc.config.rubric.keys:
        svc.set_level(cid, key, level)
    svc.set_recommendation(cid, "admit")


def test_scorecard_submit_requires_everything_then_locks(demo):
    store, mission_id, _ = demo
    cand, interview = candidate_with_panel(store, "present")
    member = EditService(store, mission_id, interview.panel[0])
    member.set_level(cand.id, "motivation", 4)
    with pytest.raises(ValidationError, match="Communication"):
        member.submit_scorecard(cand.id)
    with pytest.raises(ValidationError, match="outside 1-5"):
        member.set_level(cand.id, "english", 6)
    _fill(member, cand.id)
    member.set_notes(cand.id, "Solid project.")
    member.submit_scorecard(cand.id)
    card = first(store, Scorecard, Scorecard.candidate_id == cand.id,
                 Scorecard.author_id == member.actor_id)
    assert card.submitted and card.submitted_at is not None and card.recommendation == "admit"
    with pytest.raises(DomainError, match="amendment"):
        member.set_level(cand.id, "motivation", 2)
    with pytest.raises(ValidationError, match="reason"):
        member.amend_scorecard(cand.id, "  ", levels={"motivation": 2})
    res = member.amend_scorecard(cand.id, "Misread my own notes", levels={"motivation": 2})
    card = first(store, Scorecard, Scorecard.id == card.id)
    assert card.levels["motivation"] == 2 and card.amendments == 1
    m = first(store, OutboxMutation, OutboxMutation.id == res.mutation_id)
    assert m.fields["amendment_reason"] == "Misread my own notes"
    assert m.hash == mutation_hash(m.id, m.entity, m.row_id, m.fields, m.base, m.at)
    a = first(store, AuditEntry, AuditEntry.mutation_id == res.mutation_id)
    assert (a.old["motivation"], a.new["motivation"], a.reason) == (4, 2, "Misread my own notes")


def test_blind_panel(demo):
    store, mission_id, _ = demo
    cand, interview = candidate_with_panel(store, "present")
    a = EditService(store, mission_id, interview.panel[0])
    b = EditService(store, mission_id, interview.panel[1])
    _fill(a, cand.id, 5)
    a.submit_scorecard(cand.id)
    # b is on the panel and has not started a card: sees nothing of a's
    assert b.scorecards_visible(cand.id) == []
    _fill(b, cand.id, 3)
    # b has not submitted: sees only their own card
    assert [c.author_id for c in b.scorecards_visible(cand.id)] == [b.actor_id]
    # a has submitted, b's card is still a draft: a sees only their own
    assert [c.author_id for c in a.scorecards_visible(cand.id)] == [a.actor_id]
    b.submit_scorecard(cand.id)
    assert {c.author_id for c in b.scorecards_visible(cand.id)} == {a.actor_id, b.actor_id}
    assert {c.author_id for c in a.scorecards_visible(cand.id)} == {a.actor_id, b.actor_id}
    # someone not on this panel reads only submitted cards
    other = next(p for p in team(store).values() if p.id not in interview.panel)
    c = EditService(store, mission_id, other.id)
    assert {x.author_id for x in c.scorecards_visible(cand.id)} == {a.actor_id, b.actor_id}


def test_scorecard_only_for_panel_members(demo):
    store, mission_id, _ = demo
    cand, interview = candidate_with_panel(store, "present")
    outsider = next(a for a in team(store).values() if a.id not in interview.panel)
    with pytest.raises(PermissionDenied, match="panel"):
        EditService(store, mission_id, outsider.id).set_level(cand.id, "motivation", 3)


def test_only_the_chair_decides(demo):
    store, mission_id, chair_id = demo
    cand, _ = candidate_with_panel(store, "present")
    other = next(a for a in team(store).values() if not a.is_chair)
    with pytest.raises(PermissionDenied, match="chair"):
        EditService(store, mission_id, other.id).set_decision(cand.id, "reject")
    chair = EditService(store, mission_id, chair_id)
    with pytest.raises(ValidationError, match="option"):
        chair.set_decision(cand.id, "admit")
    with pytest.raises(ValidationError, match="composite"):  # no score yet
        chair.set_decision(cand.id, "admit", "MSC-DATA", "Top of the free movers")
    chair.set_decision(cand.id, "admit", "MSC-DATA", "Top of the free movers",
                       override_reason="Interviewed by video; the marks follow by post")
    d = first(store, Decision, Decision.candidate_id == cand.id)
    assert (d.outcome, d.option_code, d.rationale, d.decided_by) == (
        "admit", "MSC-DATA", "Top of the free movers", chair_id)
    assert d.override_reason == "Interviewed by video; the marks follow by post"
    chair.set_decision(cand.id, "waitlist", "MSC-DATA", "Reconsidered")
    d = first(store, Decision, Decision.candidate_id == cand.id)
    assert (d.outcome, d.option_code, d.override_reason) == ("waitlist", None, "")


def test_actor_must_belong_to_the_mission(demo):
    store, mission_id, _ = demo
    with pytest.raises(PermissionDenied):
        EditService(store, mission_id, "00000000-0000-4000-8000-000000000000")


def test_outbox_mids_increase_and_clock_orders_edits(chair):
    cand, _ = candidate_with_panel(chair.store, "registered")
    for status in ("present", "absent", "present", "withdrawn"):
        chair.set_status(cand.id, status)
    with chair.store.read() as s:
        rows = list(s.scalars(select(OutboxMutation).order_by(OutboxMutation.mid)))
    assert [r.at for r in rows] == sorted(r.at for r in rows)
    assert len({r.at for r in rows}) == len(rows)


def test_keeping_the_current_value_of_a_conflict_is_a_recorded_edit(demo):
    from app.store.models import Conflict

    store, mission_id, chair_id = demo
    cand, _ = candidate_with_panel(store, "present")
    with store.write() as s:
        conflict = Conflict(entity="candidate", row_id=cand.id, field="status",
                            current_value="present", other_value="absent")
        s.add(conflict)
        s.flush()
        conflict_id = conflict.id
    other = next(a for a in team(store).values() if not a.is_chair)
    with pytest.raises(PermissionDenied):
        EditService(store, mission_id, other.id).keep_current_value(conflict_id)
    result = EditService(store, mission_id, chair_id).keep_current_value(conflict_id)
    m = first(store, OutboxMutation, OutboxMutation.id == result.mutation_id)
    assert (m.fields, m.base) == ({"status": "present"}, {"status": 1})
    a = first(store, AuditEntry, AuditEntry.mutation_id == m.id)
    assert (a.old, a.new, a.reason) == ("present", "present",
                                        "conflict resolved: current value kept")
    assert first(store, Conflict, Conflict.id == conflict_id).resolved


def test_taking_the_other_value_of_a_conflict_is_checked_and_recorded(demo):
    from app.store.models import Conflict

    store, mission_id, chair_id = demo
    cand, _ = candidate_with_panel(store, "present")
    with store.write() as s:
        good = Conflict(entity="candidate", row_id=cand.id, field="status",
                        current_value="present", other_value="withdrawn")
        bad = Conflict(entity="candidate", row_id=cand.id, field="status",
                       current_value="present", other_value="on holiday")
        s.add_all([good, bad])
        s.flush()
        good_id, bad_id = good.id, bad.id
    chair = EditService(store, mission_id, chair_id)
    with pytest.raises(ValidationError, match="not a valid status"):
        chair.resolve_conflict(bad_id, take_other=True)
    assert not first(store, Conflict, Conflict.id == bad_id).resolved
    result = chair.resolve_conflict(good_id, take_other=True)
    assert first(store, Candidate, Candidate.id == cand.id).status == "withdrawn"
    m = first(store, OutboxMutation, OutboxMutation.id == result.mutation_id)
    assert m.fields == {"status": "withdrawn"}
    assert first(store, Conflict, Conflict.id == good_id).resolved


def test_desk_refuses_what_the_server_would(demo):
    from app.domain.limits import MAX_ROOM

    store, mission_id, chair_id = demo
    cand, interview = candidate_with_panel(store, "present")
    chair = EditService(store, mission_id, chair_id)
    before = counts(store)
    with pytest.raises(ValidationError, match="room"):
        chair.set_interview(cand.id, room="x" * (MAX_ROOM + 1))
    with pytest.raises(ValidationError, match="ISO-8601"):
        chair.set_interview(cand.id, starts_at="next tuesday")
    with pytest.raises(ValidationError, match="NUL"):
        chair.set_decision(cand.id, "reject", rationale="bad\x00byte")
    member = EditService(store, mission_id, interview.panel[0])
    with pytest.raises(ValidationError, match="notes"):
        member.set_notes(cand.id, "n" * 20_001)
    assert counts(store) == before
    chair.set_interview(cand.id, starts_at="2027-02-09T10:30", room="Salle 2")


def test_admit_needs_a_complete_composite_or_an_override_reason(demo):
    """The desk applies the server's rule (app.domain.decision) to what it holds."""
    from app.domain.scoring import ScoreState
    from app.store.ranking import load_ranking

    store, mission_id, chair_id = demo
    with store.read() as s:
        scores = [sc for track in load_ranking(s, mission_id).values() for sc in track]
    ranked = next(sc for sc in scores if sc.state == ScoreState.RANKED)
    incomplete = next(sc for sc in scores if sc.state == ScoreState.INCOMPLETE)
    chair = EditService(store, mission_id, chair_id)
    chair.set_decision(ranked.candidate_id, "admit", "MSC-DATA", "First of the list")
    with pytest.raises(ValidationError, match="composite score"):
        chair.set_decision(incomplete.candidate_id, "admit", "MSC-DATA")
    with pytest.raises(ValidationError, match="override reason"):
        chair.set_decision(incomplete.candidate_id, "admit", "MSC-DATA",
                           override_reason="x" * 2001)
    chair.set_decision(incomplete.candidate_id, "admit", "MSC-DATA",
                       override_reason="  Marks lost in transit; the jury saw the papers  ")
    d = first(store, Decision, Decision.candidate_id == incomplete.candidate_id)
    assert d.override_reason == "Marks lost in transit; the jury saw the papers"
    with store.read() as s:
        queued = s.scalars(select(OutboxMutation).where(
            OutboxMutation.entity == "decision", OutboxMutation.row_id == d.id)).one()
    assert queued.fields["override_reason"] == d.override_reason


def test_only_the_chair_sets_an_interview_panel(demo):
    store, mission_id, chair_id = demo
    cand, _ = candidate_with_panel(store, "present")
    other = next(a for a in team(store).values() if not a.is_chair)
    with pytest.raises(PermissionDenied, match="chair"):
        EditService(store, mission_id, other.id).set_interview(cand.id, panel=[other.id])
    # interviews are the chair's rows (CHAIR_ONLY), their room and time included
    with pytest.raises(PermissionDenied, match="chair"):
        EditService(store, mission_id, other.id).set_interview(cand.id, room="Salle 3")
    EditService(store, mission_id, chair_id).set_interview(cand.id, room="Salle 3")
    EditService(store, mission_id, chair_id).set_interview(cand.id, panel=[other.id])
