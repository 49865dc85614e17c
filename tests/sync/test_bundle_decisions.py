"""A chair's decision carried by bundle to a member's desk: the blind panel keeps colleagues'
submitted cards off that desk, so the desk cannot know whether the candidate's score is
complete and must not refuse an admit the server (holding every card) accepts; a desk that
does hold every card still refuses what the server refuses, in the same words."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from app.domain.scoring import ScoreState
from app.store.models import Decision, OutboxMutation, Scorecard
from app.store.ranking import load_ranking
from server.models import Decision as ServerDecision
from server.models import MutationOutcome
from sync.desk_bundles import export_bundle, import_bundle

from .harness import Desk, MissionSetup, ServerProcess, queue_unchecked

SUBJECTS = ("maths", "physics", "specialty")


def _score_state(desk: Desk, candidate_id: str, mission_id: str) -> ScoreState:
    with desk.store.read() as s:
        scores = {c.candidate_id: c for track in load_ranking(s, mission_id).values()
                  for c in track}
    return scores[candidate_id].state


def test_an_admit_the_blind_panel_hides_the_score_of_is_applied_as_on_the_server(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    chair, prof, rep = desks
    for _ in range(2):  # every desk registers its key, then learns the others'
        for d in desks:
            d.sync()
    assert chair.edits and prof.edits and rep.edits
    blind, known = mission.candidates[:2]
    # c0: the professor and the representative interview; only the professor submits.
    chair.edits.set_slot(blind, "2027-01-12T09:00+05:30", "A", [prof.actor, rep.actor], 0)
    # c1: only the professor is on the panel, and nobody submits a card.
    chair.edits.set_slot(known, "2027-01-12T10:00+05:30", "A", [prof.actor], 0)
    chair.sync()
    prof.sync()
    for c in (blind, known):
        for subject in SUBJECTS:
            prof.edits.set_mark(c, subject, "12")
    for criterion in prof.edits.config.rubric.keys:
        prof.edits.set_level(blind, criterion, 4)
    prof.edits.set_recommendation(blind, "admit")
    prof.edits.submit_scorecard(blind)
    for d in (prof, chair, rep):
        d.sync()

    # The chair (off the panel) holds the professor's card: c0 is ranked on the chair's desk.
    assert _score_state(chair, blind, mission.mission_id) is ScoreState.RANKED
    # The representative has not submitted: the professor's card is kept off their desk.
    with rep.store.read() as s:
        assert list(s.scalars(select(Scorecard).where(Scorecard.candidate_id == blind))) == []
    assert _score_state(rep, blind, mission.mission_id) is ScoreState.INCOMPLETE
    # The representative's desk holds every card of c1 (none submitted, rep off its panel).
    assert _score_state(rep, known, mission.mission_id) is ScoreState.INCOMPLETE

    admitted = chair.edits.set_decision(blind, "admit", "ENG").mutation_id
    refused = queue_unchecked(chair, "decision", str(uuid.uuid4()), {
        "candidate_id": known, "outcome": "admit", "option_code": "ENG"}, {})
    data, _ = export_bundle(chair.store)
    report = import_bundle(rep.store, data)
    with chair.store.read() as s:
        mids = dict(s.execute(select(OutboxMutation.mid, OutboxMutation.id)).all())
    on_desk = {mids[mid]: (status, detail) for mid, status, detail in report.outcome.results}
    assert on_desk[admitted] == ("applied", "")
    status, detail = on_desk[refused]
    assert status == "rejected" and "admit needs a complete composite score" in detail
    with rep.store.read() as s:
        [decision] = s.scalars(select(Decision))
    assert (decision.candidate_id, decision.outcome, decision.decided_by) == (
        blind, "admit", chair.actor)

    assert rep.sync().relayed == 1  # the server, holding every card, agrees on both
    with server.sessions() as s:
        on_server = {o.mutation_id: (o.status, o.detail) for o in s.scalars(
            select(MutationOutcome).where(MutationOutcome.client_id == chair.store.client_id,
                                          MutationOutcome.mutation_id.in_(list(on_desk))))}
        [kept] = s.scalars(select(ServerDecision).where(
            ServerDecision.mission_id == mission.mission_id))
    assert on_server[admitted][0] == "applied"
    assert on_server[refused] == on_desk[refused]  # the same rule, the same words
    assert (kept.candidate_id, kept.outcome) == (blind, "admit")
