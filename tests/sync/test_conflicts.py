"""A conflict's state on every desk comes from the server's verdict (issue 10, item 2)."""

from __future__ import annotations

from sqlalchemy import select

from app.store.models import Conflict

from .harness import Desk, MissionSetup, ServerProcess, check_conflicts, check_invariants


def _open(desk: Desk) -> list[tuple[str, object, object]]:
    with desk.store.read() as s:
        return sorted((c.field, c.current_value, c.other_value) for c in s.scalars(
            select(Conflict).where(Conflict.resolved.is_(False))))


def _clean_rounds(desks: list[Desk]) -> None:
    for _ in range(2):
        for d in desks:
            d.sync()


def test_stale_resolution_by_the_chair_brings_the_conflict_back(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    """K is open; a member changes the field again; the chair, not yet synced, resolves K.
    The server keeps K open and records a new conflict: the chair's desk shows both."""
    chair, prof, _rep = desks
    assert chair.edits and prof.edits
    c = mission.candidates[0]
    chair.edits.set_status(c, "present")
    prof.edits.set_status(c, "absent")
    chair.sync()
    prof.sync()
    chair.sync()
    [k] = _open(chair)
    assert k == ("status", "present", "absent")
    prof.edits.set_status(c, "withdrawn")  # up to date: applied, K stays open
    prof.sync()
    with chair.store.read() as s:
        [k_id] = s.scalars(select(Conflict.id))
    chair.edits.keep_current_value(k_id)  # stale: the chair has not seen "withdrawn"
    assert _open(chair) == []
    summary = chair.sync()
    assert summary.conflicts == 1
    assert _open(chair) == [("status", "present", "absent"), ("status", "withdrawn", "present")]
    _clean_rounds(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
    check_conflicts(server, mission.mission_id, desks)


def test_up_to_date_resolution_settles_the_conflict_everywhere(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk],
        chair_laptop: Desk) -> None:
    chair, laptop = desks[0], chair_laptop  # interviews are the chair's (CHAIR_ONLY)
    desks = [*desks, laptop]
    assert chair.edits and laptop.edits
    c = mission.candidates[1]
    chair.edits.set_interview(c, room="A1")
    chair.sync()
    laptop.sync()
    chair.edits.set_interview(c, room="A2")
    laptop.edits.set_interview(c, room="B7")
    chair.sync()
    laptop.sync()
    chair.sync()
    with chair.store.read() as s:
        [k_id] = s.scalars(select(Conflict.id))
    chair.edits.resolve_conflict(k_id, take_other=True)
    chair.sync()
    assert _open(chair) == []
    _clean_rounds(desks)
    check_invariants(server, mission.mission_id, desks, converged=True)
    check_conflicts(server, mission.mission_id, desks)
    assert all(_open(d) == [] for d in desks)
    assert {r["room"] for d in desks for r in d.snapshot()["interview"].values()} == {"B7"}
