"""The desk's calibration loader (app/store/queries_calibration.py) on the demo mission: only
numeric marks and submitted scorecards, blind second marking and blind panel for a viewer who
is not the chair, script codes while a subject is anonymous."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.domain.calibration import panel_key
from app.store.edits import EditService
from app.store.models import Assessor, Candidate, Interview, Mark, Mission, Scorecard, Seat
from app.store.queries_calibration import load_calibration_input


def test_chair_reads_every_numeric_mark_and_only_submitted_cards(demo) -> None:
    store, mission_id, chair_id = demo
    with store.read() as s:
        marks = s.execute(select(Mark.candidate_id, Mark.subject, Mark.marker_id, Mark.value)
                          .where(Mark.value.is_not(None), Mark.value != "absent")).all()
        cards = s.execute(select(Scorecard.candidate_id, Scorecard.author_id,
                                 Scorecard.submitted, Scorecard.levels)).all()
        panels = dict(s.execute(select(Interview.candidate_id, Interview.panel)).all())
        data = load_calibration_input(s, mission_id, chair_id)
    assert {(m.candidate_id, m.subject, m.marker_id, Decimal(str(m.value)))
            for m in data.marks} == {(c, sub, mk, Decimal(v)) for c, sub, mk, v in marks}
    submitted = {(c, a) for c, a, sub, _lv in cards if sub}
    drafts = {(c, a) for c, a, sub, _lv in cards if not sub}
    assert drafts, "the demo keeps a few draft cards"
    seen = {(o.candidate_id, o.assessor_id) for o in data.levels}
    assert seen == submitted and not seen & drafts
    for o in data.levels:
        assert o.panel_key == panel_key(panels[o.candidate_id])
        assert data.panel_labels[o.panel_key].count(" / ") == len(panels[o.candidate_id]) - 1
    cal = data.calibrate()
    assert {p.panel_key for p in cal.panels} == {o.panel_key for o in data.levels}
    assert sum(p.n for p in cal.panels) == len({c for c, _a in submitted})


def test_a_marker_reads_the_others_marks_only_of_scripts_they_marked(demo) -> None:
    store, mission_id, _chair = demo
    with store.read() as s:
        row = s.execute(select(Mark.candidate_id, Mark.marker_id).where(
            Mark.subject == "maths", Mark.value.is_not(None))).first()
        cid, marker = row
        viewer = s.scalars(select(Assessor.id).where(
            Assessor.mission_id == mission_id, Assessor.is_chair.is_(False),
            Assessor.id != marker)).first()
        had = {(m.candidate_id, m.subject) for m in s.scalars(
            select(Mark).where(Mark.marker_id == viewer, Mark.value.is_not(None)))}
        assert (cid, "maths") not in had
        before = load_calibration_input(s, mission_id, viewer)
    others = [m for m in before.marks if m.marker_id != viewer]
    assert all((m.candidate_id, m.subject) in had for m in others)
    assert not any(m.candidate_id == cid and m.subject == "maths" for m in before.marks)
    EditService(store, mission_id, viewer).set_mark(cid, "maths", Decimal("11"))
    with store.read() as s:
        after = load_calibration_input(s, mission_id, viewer)
    assert {m.marker_id for m in after.marks
            if m.candidate_id == cid and m.subject == "maths"} >= {marker, viewer}


def test_a_panel_member_with_a_draft_reads_no_colleague_card_of_that_candidate(demo) -> None:
    store, mission_id, chair_id = demo
    with store.read() as s:
        chair_view = load_calibration_input(s, mission_id, chair_id)
        drafts = s.execute(select(Scorecard.candidate_id, Scorecard.author_id)
                           .where(Scorecard.submitted.is_(False))).all()
        cid, author = next((c, a) for c, a in drafts
                           if any(o.candidate_id == c for o in chair_view.levels))
        mine = load_calibration_input(s, mission_id, author)
    assert any(o.candidate_id == cid and o.assessor_id != author for o in chair_view.levels)
    assert not any(o.candidate_id == cid for o in mine.levels)


def test_gaps_are_named_by_script_code_while_the_subject_is_anonymous(demo) -> None:
    store, mission_id, chair_id = demo
    with store.write() as s:
        cids = s.scalars(select(Candidate.id).where(Candidate.mission_id == mission_id)).all()
        for i, cid in enumerate(cids):
            s.add(Seat(candidate_id=cid, sitting="maths", seat=i, script_code=f"MA{i:03d}"))
        assert s.get_one(Mission, mission_id).config.get("anonymous_marking", True)
    with store.read() as s:
        data = load_calibration_input(s, mission_id, chair_id)
        number = s.get_one(Candidate, cids[3]).application_number
    assert data.script_label(cids[3], "maths") == "MA003"
    unseated = next(c for c in cids if (c, "physics") in data.script_codes)
    assert data.script_label(unseated, "physics") == "—"  # anonymous without a code
    EditService(store, mission_id, chair_id).lift_anonymity("maths")
    with store.read() as s:
        data = load_calibration_input(s, mission_id, chair_id)
    assert not any(subject == "maths" for _c, subject in data.script_codes)
    assert data.script_label(cids[3], "maths").startswith(number + " ")
