"""The plan's edits on a desk: slots, seats with script codes, lifting anonymity, walk-ins.
Each is one transaction (row + outbox + audit), written only by the chair."""

import pytest
from sqlalchemy import func, select

from app.domain.candidate import CandidateRecord
from app.domain.errors import PermissionDenied, ValidationError
from app.domain.planning import new_script_code
from app.store.edits import EditService
from app.store.models import Anonymity, AuditEntry, Candidate, Interview, OutboxMutation, Seat
from app.store.pull import apply_changes
from app.store.queries_seats import candidate_by_script_code, lifted_subjects
from tests.store.helpers import candidate_with_panel, counts, first, team


def _other(store, mission_id):
    member = next(a for a in team(store).values() if not a.is_chair)
    return member, EditService(store, mission_id, member.id)


def test_set_slot_writes_the_whole_slot_with_its_versions(chair):
    store = chair.store
    cand, interview = candidate_with_panel(store, "present")
    members = [a.id for a in team(store).values()][:2]
    before = counts(store)
    result = chair.set_slot(cand.id, "2027-02-09T10:30:00+05:30", "Salle 4", members, 45)
    assert counts(store)[0] == before[0] + 1
    row = first(store, Interview, Interview.id == interview.id)
    assert (row.starts_at, row.room, row.panel, row.duration) == (
        "2027-02-09T10:30:00+05:30", "Salle 4", members, 45)
    m = first(store, OutboxMutation, OutboxMutation.id == result.mutation_id)
    assert m.entity == "interview" and m.fields["duration"] == 45
    # the base is what this desk last saw of each field: a stale move becomes a conflict
    assert set(m.base) == set(m.fields) and m.base["room"] == interview.versions.get("room", 0)
    # a later move sends the whole slot, unchanged fields too, so that the server sees any
    # move made elsewhere meanwhile; the same slot again is no edit
    again = chair.set_slot(cand.id, "2027-02-09T11:00:00+05:30", "Salle 4", members, 45)
    m2 = first(store, OutboxMutation, OutboxMutation.id == again.mutation_id)
    assert set(m2.fields) == {"starts_at", "room", "panel", "duration"}
    assert chair.set_slot(cand.id, "2027-02-09T11:00:00+05:30", "Salle 4", members,
                          45).mutation_id is None
    with pytest.raises(ValidationError, match="minutes"):
        chair.set_slot(cand.id, None, "Salle 4", members, 601)
    with pytest.raises(ValidationError, match="outside the mission"):
        chair.set_slot(cand.id, None, "Salle 4", ["nobody"], 0)


def test_plan_edits_are_the_chairs(demo):
    store, mission_id, _ = demo
    cand, _ = candidate_with_panel(store, "present")
    member, edits = _other(store, mission_id)
    before = counts(store)
    with pytest.raises(PermissionDenied, match="chair"):
        edits.set_slot(cand.id, None, "A", [member.id], 0)
    with pytest.raises(PermissionDenied, match="chair"):
        edits.set_seat(cand.id, "W1", 3, new_script_code())
    with pytest.raises(PermissionDenied, match="chair"):
        edits.lift_anonymity("maths")
    with pytest.raises(PermissionDenied, match="chair"):
        edits.add_walk_in(CandidateRecord(application_number="WALK-1", family_name="Nguyễn",
                                          track="double_degree", partner_institution="HUST"),
                          None, "A", [member.id])
    assert counts(store) == before


def test_set_seat_gives_a_unique_checked_script_code(chair):
    store = chair.store
    cand, _ = candidate_with_panel(store, "present")
    other, _ = candidate_with_panel(store, "registered")
    code = new_script_code()
    result = chair.set_seat(cand.id, "W1", 12, code.lower().replace("-", ""))
    row = first(store, Seat, Seat.id == result.row_id)
    assert (row.candidate_id, row.sitting, row.seat, row.script_code) == (cand.id, "W1", 12, code)
    m = first(store, OutboxMutation, OutboxMutation.id == result.mutation_id)
    assert m.fields == {"candidate_id": cand.id, "sitting": "W1", "seat": 12,
                        "script_code": code}
    with store.read() as s:
        assert candidate_by_script_code(s, chair.mission_id, code) == cand.id
    with pytest.raises(ValidationError, match="already given"):
        chair.set_seat(other.id, "W1", 13, code)
    typo = code[:-1] + ("2" if code[-1] != "2" else "3")
    with pytest.raises(ValidationError, match="typo"):
        chair.set_seat(other.id, "W1", 13, typo)
    # the same candidate keeps their own code when their seat moves: one row, a new version
    chair.set_seat(cand.id, "W1", 14, code)
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Seat)) == 1


def test_lifting_anonymity_is_a_recorded_audited_edit(chair):
    store = chair.store
    with store.read() as s:
        assert lifted_subjects(s, chair.mission_id) == set()
    result = chair.lift_anonymity("maths")
    with store.read() as s:
        assert lifted_subjects(s, chair.mission_id) == {"maths"}
        audit = s.scalars(select(AuditEntry).where(AuditEntry.row_id == result.row_id,
                                                   AuditEntry.field == "lifted")).one()
    assert (audit.actor_id, audit.old, audit.new, audit.reason) == (
        chair.actor_id, False, True, "anonymity lifted")
    m = first(store, OutboxMutation, OutboxMutation.id == result.mutation_id)
    assert m.entity == "anonymity" and m.fields == {
        "mission_id": chair.mission_id, "subject": "maths", "lifted": True}
    assert chair.lift_anonymity("maths").mutation_id is None  # already lifted
    with pytest.raises(ValidationError, match="no written-test subject"):
        chair.lift_anonymity("astrology")


def test_walk_in_is_one_edit_of_candidate_and_slot(chair):
    store = chair.store
    members = [a.id for a in team(store).values()][:2]
    record = CandidateRecord(application_number="WALK-7", family_name="Silva",
                             track="free_mover", unavailable="2027-02-10")
    result = chair.add_walk_in(record, "2027-02-09T16:00:00+05:30", "B", members, 0)
    cand = first(store, Candidate, Candidate.id == result.row_id)
    assert cand.unavailable == "2027-02-10"
    slot = first(store, Interview, Interview.candidate_id == cand.id)
    assert (slot.starts_at, slot.room, slot.panel) == ("2027-02-09T16:00:00+05:30", "B", members)
    # a refused slot leaves no candidate behind: one transaction
    before = counts(store)
    bad = CandidateRecord(application_number="WALK-8", family_name="Lee", track="free_mover")
    with pytest.raises(ValidationError):
        chair.add_walk_in(bad, "not a time", "B", members)
    assert counts(store) == before
    assert first(store, Candidate, Candidate.application_number == "WALK-8") is None


def test_unavailable_times_are_checked_when_a_candidate_is_made():
    with pytest.raises(ValueError, match="item 2"):
        CandidateRecord(application_number="A-1", family_name="X", track="free_mover",
                        unavailable="2027-02-10; 2027-02-11 12:00-09:00")


def test_pulled_seat_and_anonymity_rows_are_installed(chair):
    store = chair.store
    cand, _ = candidate_with_panel(store, "present")
    code = new_script_code()
    with store.write() as s:
        apply_changes(s, [
            {"entity": "seat", "row_id": "5eat0000-0000-0000-0000-000000000001", "seq": 1,
             "fields": {"candidate_id": cand.id, "sitting": "W2", "seat": 4,
                        "script_code": code}, "versions": {"seat": 1, "script_code": 1}},
            {"entity": "anonymity", "row_id": "a0000000-0000-0000-0000-000000000002",
             "seq": 2, "fields": {"mission_id": chair.mission_id, "subject": "physics",
                                  "lifted": True}, "versions": {"lifted": 1}},
        ])
    with store.read() as s:
        assert lifted_subjects(s, chair.mission_id) == {"physics"}
        seat = s.scalars(select(Seat)).one()
    assert (seat.seat, seat.script_code, seat.versions) == (4, code, {"seat": 1,
                                                                       "script_code": 1})
    # the chair's next move of that seat carries the version the desk saw
    result = chair.set_seat(cand.id, "W2", 5, code)
    m = first(store, OutboxMutation, OutboxMutation.id == result.mutation_id)
    assert m.base == {"seat": 1}
    assert first(store, Anonymity, Anonymity.subject == "physics").lifted is True
