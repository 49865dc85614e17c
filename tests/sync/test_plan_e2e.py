"""Issue 13's acceptance, end to end from an empty server process: create-mission,
import-candidates and plan (the server's commands), three desks connect; every candidate has a
sitting (free movers) and a slot, each assessor's interviews are theirs, marks are entered on
script codes, the chair lifts anonymity, cards are submitted, the ranking is complete and
export-results carries everything."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.enums import Track
from app.domain.plan_fields import names_hidden
from app.domain.planning import parse_script_code
from app.domain.scoring import ScoreState
from app.store.models import Candidate, Interview, Seat
from app.store.queries_interviews import load_slots
from app.store.queries_ranking import load_ranking_rows
from app.store.queries_seats import candidate_by_script_code, lifted_subjects
from server.cli import main as server_cli

from .harness import PASSWORD, Desk, ServerProcess, check_invariants

SUBJECTS = ("maths", "physics", "specialty")
FREE_MOVERS, DOUBLE_DEGREE = 8, 4


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    proc = ServerProcess(tmp_path_factory.mktemp("plan-server"))
    yield proc
    proc.stop()


def _cli(server: ServerProcess, *argv: str) -> None:
    assert server_cli([*argv, "--database-url", server.db_url]) == 0, argv


def _prepare(server: ServerProcess, tmp: Path) -> str:
    """What the admissions office does before departure, with the server's commands."""
    for user, name in (("chair", "Claire Dubois"), ("prof", "Paul Martin"),
                       ("rep", "Rita Sharma")):
        _cli(server, "create-user", user, "--name", name, "--password", PASSWORD)
    config = tmp / "mission.json"
    config.write_text(json.dumps({"options": [{"code": "ENG", "label": "Engineering"}]}),
                      encoding="utf-8")
    _cli(server, "create-mission", "--code", "IN-2027-PLAN", "--country", "India", "--city",
         "Chennai", "--timezone", "Asia/Kolkata", "--start", "2027-01-12", "--end",
         "2027-01-13", "--chair", "chair", "--member", "prof:professor", "--member",
         "rep:representative", "--config", str(config))
    src = tmp / "candidates.csv"
    lines = ["application_number,family_name,given_names,track,partner_institution,"
             "unavailable"]
    for i in range(FREE_MOVERS):
        busy = "2027-01-13" if i == 0 else ""  # declared: only the first day
        lines.append(f"FM-{i},Nguyễn,Thị {i},free mover,,{busy}")
    for i in range(DOUBLE_DEGREE):
        lines.append(f"DD-{i},Iyer,Arjun {i},double degree,IIT Madras,")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _cli(server, "import-candidates", "IN-2027-PLAN", str(src))
    _cli(server, "plan", "IN-2027-PLAN", "--day", "2027-01-12=09:00-13:00", "--day",
         "2027-01-13=09:00-13:00", "--room", "A", "--room", "B", "--slot", "30",
         "--panel", "chair,rep", "--panel", "prof,rep",
         "--written", "2027-01-12=09:00-10:30@Hall")
    return "IN-2027-PLAN"


def test_a_real_mission_planned_from_an_empty_server(empty_server: ServerProcess,
                                                     tmp_path: Path) -> None:
    server = empty_server
    code = _prepare(server, tmp_path)
    desks = {role: Desk(tmp_path, role, server.url, role) for role in ("chair", "prof", "rep")}
    try:
        for d in desks.values():
            d.sync()
        chair, prof, rep = desks["chair"], desks["prof"], desks["rep"]
        assert chair.edits and prof.edits and rep.edits
        mission_id = chair.edits.mission_id
        assert chair.edits.config.planning is not None  # the setup came with the package

        # every candidate has a slot; free movers a seat and a script code, before it
        with prof.store.read() as s:
            cands = {c.id: c for c in s.scalars(select(Candidate))}
            slots = {i.candidate_id: i for i in s.scalars(select(Interview))}
            seats = {x.candidate_id: x for x in s.scalars(select(Seat))}
        assert len(cands) == FREE_MOVERS + DOUBLE_DEGREE
        assert all(slots[c].starts_at for c in cands)
        for cid, c in cands.items():
            if c.track == Track.FREE_MOVER:
                assert parse_script_code(seats[cid].script_code) == seats[cid].script_code
                assert slots[cid].starts_at >= "2027-01-12T10:30"
            else:
                assert cid not in seats
        first = next(c for c in cands.values() if c.application_number == "FM-0")
        assert slots[first.id].starts_at.startswith("2027-01-12")  # declared unavailable 13th

        # each assessor's interviews are theirs: the panels' members, no one else's
        mine = {}
        for role, d in desks.items():
            with d.store.read() as s:
                mine[role] = {slot.candidate_id for slot in load_slots(s, mission_id, d.actor)}
            assert mine[role] == {cid for cid, iv in slots.items() if d.actor in iv.panel}
        assert mine["chair"].isdisjoint(mine["prof"])
        assert mine["rep"] == mine["chair"] | mine["prof"] == set(cands)

        # marks on script codes: the marker types the code, the desk finds the script
        with prof.store.read() as s:
            assert lifted_subjects(s, mission_id) == set()
        assert names_hidden(prof.edits.config, "maths", set())
        for n, seat in enumerate(sorted(seats.values(), key=lambda x: x.seat)):
            typed = seat.script_code.replace("-", "").lower()  # as typed, no hyphen
            with prof.store.read() as s:
                cid = candidate_by_script_code(s, mission_id, parse_script_code(typed))
            assert cid == seat.candidate_id
            for k, subject in enumerate(SUBJECTS):
                prof.edits.set_mark(cid, subject, str(8 + (n + k) % 10))
        prof.sync()
        for subject in SUBJECTS:
            chair.edits.lift_anonymity(subject)
        chair.sync()
        prof.sync()
        with prof.store.read() as s:
            assert lifted_subjects(s, mission_id) == set(SUBJECTS)
        assert not names_hidden(prof.edits.config, "maths", set(SUBJECTS))

        # every panel member scores and submits their cards
        criteria = chair.edits.config.rubric.keys
        for role, d in desks.items():
            assert d.edits is not None
            for i, cid in enumerate(sorted(mine[role])):
                for k in criteria:
                    d.edits.set_level(cid, k, 1 + (i + len(k)) % 5)
                d.edits.set_recommendation(cid, ("strong_admit", "admit", "waitlist")[i % 3])
                d.edits.submit_scorecard(cid)
            d.sync()
        chair.sync()

        # the ranking is complete on the chair's desk; decisions follow it
        with chair.store.read() as s:
            ranking = load_ranking_rows(s, mission_id)
        rows = [r for track in ranking.values() for r in track]
        assert len(rows) == len(cands)
        assert all(r.state == ScoreState.RANKED and r.composite is not None for r in rows)
        for track_rows in ranking.values():
            for r in track_rows:
                outcome = "admit" if r.rank == 1 else "waitlist"
                chair.edits.set_decision(r.candidate_id, outcome,
                                         "ENG" if outcome == "admit" else None)
        for d in desks.values():
            d.sync()
        check_invariants(server, mission_id, list(desks.values()), converged=True)

        # export-results carries every mark, card, score and decision
        out = tmp_path / "results.csv"
        _cli(server, "export-results", code, "--out", str(out))
        with out.open(encoding="utf-8-sig", newline="") as fh:
            exported = list(csv.DictReader(fh))
        assert len(exported) == len(cands)
        for row in exported:
            assert row["composite_score"] and row["state"] == "ranked" and row["decision"]
            assert row["scorecard1_submitted"] == row["scorecard2_submitted"] == "yes"
            if row["track"] == "free_mover":
                assert all(row[f"mark_{subj}"] for subj in SUBJECTS)
        plan_out = tmp_path / "plan.csv"
        _cli(server, "export-plan", code, "--out", str(plan_out))
        with plan_out.open(encoding="utf-8-sig", newline="") as fh:
            plan_rows = list(csv.DictReader(fh))
        assert sum(r["kind"] == "interview" for r in plan_rows) == len(cands)
        assert sum(r["kind"] == "written" for r in plan_rows) == FREE_MOVERS
        assert all(dt.datetime.fromisoformat(r["start"]).utcoffset() == dt.timedelta(
            hours=5, minutes=30) for r in plan_rows)
    finally:
        for d in desks.values():
            d.close()
