"""What the pages keep of a large mission is plain, compact rows: no ORM object, slotted
rows, and a value repeated on every row (an id, a status, a list of wishes) held once. The
readings stay the same as the stored rows (issue 15: desk memory)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.domain.enums import CandidateStatus
from app.domain.planning.timeline import from_datetime, zone
from app.store.calibration_view import load_calibration_view
from app.store.database import Store
from app.store.models import Candidate, Interview, Mission
from app.store.plan_state import load_plan_state
from app.store.queries_calibration import load_calibration_input
from app.store.queries_ranking import load_ranking_rows


def _slotted(obj: object) -> bool:
    return not hasattr(obj, "__dict__")


def test_plan_state_is_plain_rows_sharing_their_ids(demo: tuple[Store, str, str]) -> None:
    store, mission_id, _chair = demo
    with store.read() as s:
        state = load_plan_state(s, mission_id)
        tz = zone(s.get(Mission, mission_id).timezone or "UTC")
        withdrawn = set(s.scalars(select(Candidate.id).where(
            Candidate.status == CandidateStatus.WITHDRAWN.value)))
        stored = {r.candidate_id: (from_datetime(dt.datetime.fromisoformat(r.starts_at), tz),
                                   r.room, set(r.panel))
                  for r in s.scalars(select(Interview))
                  if r.starts_at and r.candidate_id not in withdrawn}
    assert state is not None and state.plan.interviews
    # what the plan shows is what is stored
    assert {i.candidate_id: (i.start, i.room, set(i.members))
            for i in state.plan.interviews} == stored
    # no ORM object kept: every row is the planner's own, the per-candidate ones slotted
    assert all(_slotted(c) for c in state.candidates.values())
    assert all(_slotted(x) for x in state.plan.seats)
    assert not any(hasattr(x, "_sa_instance_state") for x in (
        *state.candidates.values(), *state.plan.interviews, *state.plan.seats))
    # one string per id: the interview's and seat's candidate id is the candidate's own,
    # a member's id the assessor's own
    ids = {cid: cid for cid in state.candidates}
    people = {a.id: a.id for a in state.setup.assessors}
    for iv in state.plan.interviews:
        assert ids[iv.candidate_id] is iv.candidate_id
        assert all(people[m] is m for m in iv.members)
    for seat in state.plan.seats:
        assert ids[seat.candidate_id] is seat.candidate_id


def test_ranking_rows_are_slotted_and_share_repeated_values(
        demo: tuple[Store, str, str]) -> None:
    store, mission_id, chair = demo
    with store.read() as s:
        rows = [r for track in load_ranking_rows(s, mission_id, chair).values() for r in track]
        wishes = {cid: tuple(w or ()) for cid, w in s.execute(
            select(Candidate.id, Candidate.wishes))}
    assert rows and all(_slotted(r) for r in rows)
    assert all(r.wishes == wishes[r.candidate_id] for r in rows)
    first: dict[object, object] = {}
    for r in rows:
        for value in (r.wishes, r.candidate_status, r.missing):
            assert first.setdefault(value, value) is value


def test_calibration_view_reads_the_same_figures_without_every_label(
        demo: tuple[Store, str, str]) -> None:
    store, mission_id, chair = demo
    with store.read() as s:
        full = load_calibration_input(s, mission_id, chair)
        lean = load_calibration_input(s, mission_id, chair, labels=False)
        view = load_calibration_view(s, mission_id, chair)
    assert not lean.candidate_labels and not lean.script_codes
    assert sorted(map(repr, lean.marks)) == sorted(map(repr, full.marks))
    assert sorted(map(repr, lean.levels)) == sorted(map(repr, full.levels))
    # NaN intervals compare unequal to themselves: the figures are compared as printed
    assert repr(lean.calibrate()) == repr(full.calibrate()) == repr(view.calibration)
    # each large gap named from the full reading: by its code while its subject is marked
    # on codes (some code issued), else by number and name
    coded = {subject for (_c, subject), code in full.script_codes.items() if code != "—"}
    assert view.gaps
    for g in view.gaps:
        key = (g.gap.candidate_id, g.gap.subject)
        if key in full.script_codes and g.gap.subject in coded:
            assert (g.anonymous, g.identifier, g.name) == (True, full.script_codes[key], "")
        else:
            assert not g.anonymous
            assert f"{g.identifier} {g.name}" == full.candidate_labels[g.gap.candidate_id]
