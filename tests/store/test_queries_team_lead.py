"""The team lead's read side, without Qt: the candidate detail (blind second marking, history
with who and when) and the progress of the day."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.domain.enums import CandidateStatus, Track
from app.store.edits import EditService
from app.store.models import Assessor, Candidate, Mark, Mission
from app.store.queries_detail import load_candidate_detail
from app.store.queries_progress import load_progress


def _second_marker_case(store, mission_id):
    """(viewer id, candidate id, the other marker's value) for a maths mark the viewer, a
    professor who is not the chair, has not given yet."""
    with store.read() as s:
        viewers = s.scalars(select(Assessor.id).where(Assessor.mission_id == mission_id,
                                                      Assessor.is_chair.is_(False))).all()
        for viewer in viewers:
            mine = set(s.scalars(select(Mark.candidate_id).where(
                Mark.subject == "maths", Mark.marker_id == viewer)))
            row = s.execute(select(Mark.candidate_id, Mark.value).where(
                Mark.subject == "maths", Mark.marker_id != viewer, Mark.value.is_not(None),
                Mark.candidate_id.not_in(mine))).first()
            if row is not None:
                return viewer, row[0], row[1]
    raise AssertionError("the demo has no second-marking case")


def test_detail_hides_the_first_mark_until_the_second_is_entered(demo) -> None:
    store, mission_id, chair_id = demo
    viewer, cid, value = _second_marker_case(store, mission_id)
    with store.read() as s:
        detail = load_candidate_detail(s, mission_id, cid, viewer)
        chair_view = load_candidate_detail(s, mission_id, cid, chair_id)
    maths = [m for m in detail.marks if m.subject == "maths"]
    assert maths and all(m.value is None for m in maths if not m.own)
    assert value in [m.value for m in chair_view.marks if m.subject == "maths"]
    EditService(store, mission_id, viewer).set_mark(cid, "maths", Decimal("10"))
    with store.read() as s:
        detail = load_candidate_detail(s, mission_id, cid, viewer)
        history = detail.history
    assert value in [m.value for m in detail.marks if m.subject == "maths"]
    newest = history[0]
    assert (newest.entity, newest.subject, newest.field, newest.new) == (
        "mark", "maths", "value", "10")
    with store.read() as s:
        assert newest.actor == s.get(Assessor, viewer).name


def test_blind_marking_off_shows_every_mark(demo) -> None:
    store, mission_id, _chair = demo
    viewer, cid, value = _second_marker_case(store, mission_id)
    with store.write() as s:
        m = s.get(Mission, mission_id)
        m.config = {**m.config, "blind_second_marking": False}
    with store.read() as s:
        detail = load_candidate_detail(s, mission_id, cid, viewer)
    assert value in [m.value for m in detail.marks if m.subject == "maths"]


def test_progress_counts_add_up(demo) -> None:
    store, mission_id, _chair = demo
    with store.read() as s:
        p = load_progress(s, mission_id)
        sitting = s.scalar(select(Candidate.id).where(
            Candidate.track == Track.FREE_MOVER, Candidate.status == CandidateStatus.PRESENT
        ).limit(1))
    assert sitting is not None
    for row in p.subjects:
        assert row.sitting == row.marked_twice + row.marks_missing + row.second_missing
    for third in p.third_readings:
        markers = {name for name, _v in third.marks}
        assert third.readers and not markers & set(third.readers)
    for a in p.assessors:
        assert a.interviews == a.not_started + a.drafts + a.submitted
    assert all(w.application_number for w in p.waiting)
