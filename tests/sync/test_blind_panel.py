"""Blind panel on the desk after a panel change (issue 10, item 5): a colleague's card that
reached this desk before its user joined the candidate's panel leaves the desk until the
user's own card is submitted; the server sends it again then."""

from __future__ import annotations

from app.store.edits import EditService

from .harness import Desk, MissionSetup, ServerProcess, check_invariants


def _fill_and_submit(edits: EditService, cid: str, notes: str) -> None:
    for criterion in edits.config.rubric.criteria:
        edits.set_level(cid, criterion.key, 3)
    edits.set_recommendation(cid, "admit")
    edits.set_notes(cid, notes)
    edits.submit_scorecard(cid)


def _cards(desk: Desk, cid: str) -> dict[str, bool]:
    """Author -> submitted, of the candidate's scorecards held on the desk."""
    return {c["author_id"]: c["submitted"] for c in desk.snapshot()["scorecard"].values()
            if c["candidate_id"] == cid}


def test_joining_a_panel_drops_colleagues_cards_until_ones_own_is_submitted(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    chair, prof, rep = desks
    assert chair.edits and prof.edits and rep.edits
    c = mission.candidates[2]
    chair.edits.set_interview(c, room="C3", panel=[prof.actor])
    chair.sync()
    prof.sync()
    _fill_and_submit(prof.edits, c, "clear motivation")
    prof.sync()
    rep.sync()  # off the panel, no card of their own: the submitted card arrives
    assert _cards(rep, c) == {prof.actor: True}
    chair.edits.set_interview(c, panel=[prof.actor, rep.actor])
    chair.sync()
    rep.sync()  # now on the panel with no submitted card: the colleague's card leaves
    assert _cards(rep, c) == {}
    check_invariants(server, mission.mission_id, desks, converged=False)
    rep.edits.reload()
    _fill_and_submit(rep.edits, c, "agree")
    rep.sync()  # own card submitted: the server sends the colleague's card again
    assert _cards(rep, c) == {prof.actor: True, rep.actor: True}
    for _ in range(2):
        for d in desks:
            d.sync()
    check_invariants(server, mission.mission_id, desks, converged=True)
