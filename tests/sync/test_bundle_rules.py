"""A teammate's bundle is applied on a desk by the server's rules, refusal for refusal (issue 16):
the same bad mutations, carried by a bundle to a desk and relayed from there to the real server,
end with the same final status and the same words on both (app.domain.apply_values)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.limits import MAX_RATIONALE, MAX_ROOM
from app.domain.planning import new_script_code
from app.store.models import Candidate, Interview, Mark, OutboxMutation
from server.models import MutationOutcome
from sync.desk_bundles import export_bundle, import_bundle

from .harness import Desk, MissionSetup, ServerProcess, make_mission, queue_unchecked


@dataclass
class World:
    mission: MissionSetup
    chair: Desk
    prof: Desk
    rep: Desk
    code: str  # the script code of c1's seat
    prof_mark: str  # the row id of the professor's mark of c2
    appno5: str  # c5's application number
    interview: str  # the row id of c0's interview (panel: the professor)
    # case name -> (desk's (status, detail), server's (status, detail))
    seen: dict[str, tuple[tuple[str, str], tuple[str, str]]]

    def c(self, i: int) -> str:
        return self.mission.candidates[i]

    def version(self, model: Any, row_id: str, field: str) -> int:
        with self.chair.store.read() as s:
            return int(s.get(model, row_id).versions.get(field, 0))


New = Callable[[World], tuple[str, str, dict[str, Any], dict[str, int]]]


def _new(entity: str, fields: Callable[[World], dict[str, Any]]) -> New:
    return lambda w: (entity, str(uuid.uuid4()), fields(w), {})


# (case, author role, the mutation, words the refusal holds). The member's bad mutations go
# to the chair's desk, the chair's to the professor's.
CASES: list[tuple[str, str, New, str]] = [
    ("mark_unknown_subject", "rep", _new("mark", lambda w: {
        "candidate_id": w.c(3), "subject": "history", "marker_id": w.rep.actor,
        "value": "10"}), "unknown subject 'history'"),
    ("mark_out_of_range", "rep", _new("mark", lambda w: {
        "candidate_id": w.c(3), "subject": "maths", "marker_id": w.rep.actor,
        "value": "25"}), ""),
    ("mark_off_step", "rep", _new("mark", lambda w: {
        "candidate_id": w.c(3), "subject": "physics", "marker_id": w.rep.actor,
        "value": "12.3"}), ""),
    ("mark_not_a_number", "rep", _new("mark", lambda w: {
        "candidate_id": w.c(4), "subject": "maths", "marker_id": w.rep.actor,
        "value": True}), "a mark is a number"),
    ("mark_of_a_colleague", "rep", lambda w: (
        "mark", w.prof_mark, {"value": "3"}, {"value": w.version(Mark, w.prof_mark, "value")}),
     "a mark belongs to its marker"),
    ("mark_born_for_a_colleague", "rep", _new("mark", lambda w: {
        "candidate_id": w.c(4), "subject": "physics", "marker_id": w.prof.actor,
        "value": "9"}), "a mark belongs to its marker"),
    ("mark_of_an_unknown_candidate", "rep", _new("mark", lambda w: {
        "candidate_id": str(uuid.uuid4()), "subject": "maths", "marker_id": w.rep.actor,
        "value": "9"}), "unknown candidate"),
    ("card_off_the_panel", "rep", _new("scorecard", lambda w: {
        "candidate_id": w.c(0), "author_id": w.rep.actor, "notes": "x"}),
     "not on this candidate's interview panel"),
    ("candidate_bad_email", "rep", _new("candidate", lambda w: {
        "mission_id": w.mission.mission_id, "application_number": "Z-1", "family_name": "Lê",
        "track": "free_mover", "email": "nope"}), "email"),
    ("candidate_bad_track", "rep", _new("candidate", lambda w: {
        "mission_id": w.mission.mission_id, "application_number": "Z-2", "family_name": "Lê",
        "track": "tourist"}), "track"),
    ("candidate_twin_number", "rep", _new("candidate", lambda w: {
        "mission_id": w.mission.mission_id, "application_number": w.appno5,
        "family_name": "Lê", "track": "free_mover"}), "is already in this mission"),
    ("candidate_of_another_mission", "rep", _new("candidate", lambda w: {
        "mission_id": str(uuid.uuid4()), "application_number": "Z-3", "family_name": "Lê",
        "track": "free_mover"}), "mission_id of this mission"),
    ("candidate_unknown_status", "rep", lambda w: (
        "candidate", w.c(5), {"status": "lost"},
        {"status": w.version(Candidate, w.c(5), "status")}), "status"),
    ("interview_by_a_member", "rep", _new("interview", lambda w: {
        "candidate_id": w.c(3), "room": "B"}), "chair"),
    ("decision_by_a_member", "rep", _new("decision", lambda w: {
        "candidate_id": w.c(3), "outcome": "reject"}), "chair"),
    ("seat_by_a_member", "rep", _new("seat", lambda w: {
        "candidate_id": w.c(3), "sitting": "S1", "seat": 2}), "chair"),
    ("anonymity_by_a_member", "rep", _new("anonymity", lambda w: {
        "mission_id": w.mission.mission_id, "subject": "maths", "lifted": True}), "chair"),
    ("decision_unknown_outcome", "chair", _new("decision", lambda w: {
        "candidate_id": w.c(3), "outcome": "maybe"}), "unknown outcome 'maybe'"),
    ("decision_unknown_option", "chair", _new("decision", lambda w: {
        "candidate_id": w.c(3), "outcome": "admit", "option_code": "XYZ"}),
     "unknown programme option"),
    ("decision_option_without_admit", "chair", _new("decision", lambda w: {
        "candidate_id": w.c(3), "outcome": "reject", "option_code": "ENG"}),
     "goes only with admit"),
    ("decision_admit_without_a_score", "chair", _new("decision", lambda w: {
        "candidate_id": w.c(3), "outcome": "admit", "option_code": "ENG"}),
     "admit needs a complete composite score"),
    ("decision_rationale_too_long", "chair", _new("decision", lambda w: {
        "candidate_id": w.c(3), "outcome": "waitlist", "rationale": "r" * (MAX_RATIONALE + 1)}),
     "rationale"),
    ("interview_stranger_on_the_panel", "chair", _new("interview", lambda w: {
        "candidate_id": w.c(4), "panel": [str(uuid.uuid4())]}), "outside the mission"),
    ("interview_panel_not_a_list", "chair", lambda w: (
        "interview", w.interview, {"panel": w.prof.actor},
        {"panel": w.version(Interview, w.interview, "panel")}), "panel is a list"),
    ("interview_bad_time", "chair", _new("interview", lambda w: {
        "candidate_id": w.c(4), "starts_at": "tomorrow"}), "ISO-8601"),
    ("interview_too_long", "chair", _new("interview", lambda w: {
        "candidate_id": w.c(4), "duration": 9999}), "minutes"),
    ("interview_room_too_long", "chair", _new("interview", lambda w: {
        "candidate_id": w.c(4), "room": "R" * (MAX_ROOM + 1)}), "room"),
    ("interview_twin", "chair", _new("interview", lambda w: {
        "candidate_id": w.c(0), "room": "C"}), "already has an interview"),
    ("seat_without_sitting", "chair", _new("seat", lambda w: {
        "candidate_id": w.c(4), "sitting": "", "seat": 1}), "sitting"),
    ("seat_code_taken", "chair", _new("seat", lambda w: {
        "candidate_id": w.c(4), "sitting": "S1", "seat": 5, "script_code": w.code}),
     "already given to another script"),
    ("seat_negative", "chair", _new("seat", lambda w: {
        "candidate_id": w.c(4), "sitting": "S1", "seat": -1}), "a seat is a number"),
    ("anonymity_unknown_subject", "chair", _new("anonymity", lambda w: {
        "mission_id": w.mission.mission_id, "subject": "history", "lifted": True}),
     "no written-test subject 'history'"),
    ("anonymity_not_a_boolean", "chair", _new("anonymity", lambda w: {
        "mission_id": w.mission.mission_id, "subject": "maths", "lifted": "yes"}),
     "lifted (true) or not"),
    ("anonymity_of_another_mission", "chair", _new("anonymity", lambda w: {
        "mission_id": str(uuid.uuid4()), "subject": "maths", "lifted": True}),
     "a subject of this mission"),
]


def _carry(server: ServerProcess, author: Desk, carrier: Desk, ids: dict[str, str]
           ) -> dict[str, tuple[tuple[str, str], tuple[str, str]]]:
    """The author's bundle applied on the carrier's desk, then relayed to the server."""
    data, _ = export_bundle(author.store)
    with author.store.read() as s:
        mids = dict(s.execute(select(OutboxMutation.id, OutboxMutation.mid)).all())
    on_desk = {mid: (status, detail) for mid, status, detail
               in import_bundle(carrier.store, data).outcome.results}
    assert carrier.sync().relayed == 1
    with server.sessions() as s:
        on_server = {o.mutation_id: (o.status, o.detail) for o in s.scalars(
            select(MutationOutcome).where(MutationOutcome.client_id == author.store.client_id))}
    return {case: (on_desk[mids[mid_]], on_server[mid_]) for case, mid_ in ids.items()}


@pytest.fixture(scope="module")
def world(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root: Path = tmp_path_factory.mktemp("rules")
    mission = make_mission(server)
    chair, prof, rep = (Desk(root, role, server.url, mission.users[role])
                        for role in ("chair", "prof", "rep"))
    try:
        for _ in range(2):  # every desk registers its key, then learns the others'
            for d in (chair, prof, rep):
                d.sync()
        assert chair.edits and prof.edits
        c = mission.candidates
        chair.edits.set_slot(c[0], "2027-01-12T09:00+05:30", "A", [prof.actor], 0)
        code = new_script_code()
        chair.edits.set_seat(c[1], "S1", 4, code)
        prof.edits.set_mark(c[2], "maths", "12")
        for d in (chair, prof, rep, chair):
            d.sync()
        with chair.store.read() as s:
            prof_mark = s.scalars(select(Mark.id).where(Mark.candidate_id == c[2])).one()
            appno5 = s.get(Candidate, c[5]).application_number
            interview = s.scalars(select(Interview.id).where(
                Interview.candidate_id == c[0])).one()
        w = World(mission, chair, prof, rep, code, prof_mark, appno5, interview, {})
        desks = {"chair": chair, "rep": rep}
        ids: dict[str, dict[str, str]] = {"chair": {}, "rep": {}}
        for case, role, make, _ in CASES:
            ids[role][case] = queue_unchecked(desks[role], *make(w))
        w.seen.update(_carry(server, rep, chair, ids["rep"]))
        w.seen.update(_carry(server, chair, prof, ids["chair"]))
        yield w
    finally:
        for d in (chair, prof, rep):
            d.close()


@pytest.mark.parametrize(("case", "words"), [(c[0], c[3]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_bundle_s_bad_mutation_is_refused_on_the_desk_as_on_the_server(
        world: World, case: str, words: str) -> None:
    on_desk, on_server = world.seen[case]
    assert on_server[0] == "rejected" and words in on_server[1], on_server
    assert on_desk == on_server  # the same final status, the same words
