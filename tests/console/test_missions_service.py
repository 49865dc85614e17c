"""The console's missions services without HTTP: progress counts by the domain's rules, the
desks of a mission, and setup changes that reach a desk's next pull."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from app.domain.enums import Role
from app.domain.mission import MissionHeader
from server import mission_setup
from server.accounts import AccountError
from server.console.missions_queries import mission_desks, mission_team, missions_progress
from server.db import session_factory
from server.missions import next_seq
from server.models import Assessor, AuditEntry, Candidate, Decision, Mark, Mission, Scorecard
from tests.server import conftest as server_fixtures
from tests.server.conftest import Desk, World, full_levels

# the server tests' world of users and missions (its database fixtures come with conftest)
world = server_fixtures.world


def _candidate(s, mission_id: str, appno: str, track: str = "free_mover",
               status: str = "present") -> str:
    # a new seq from the mission's counter, as every write of a synced row takes
    c = Candidate(mission_id=mission_id, application_number=appno, family_name="N",
                  track=track, status=status, versions={}, deleted=False,
                  seq=next_seq(s.get(Mission, mission_id)))
    s.add(c)
    s.flush()
    return c.id


def _mark(s, mission_id: str, cid: str, subject: str, marker: str, value: str) -> None:
    s.add(Mark(mission_id=mission_id, candidate_id=cid, subject=subject, marker_id=marker,
               value=value, versions={}, deleted=False, seq=next_seq(s.get(Mission, mission_id))))


def test_progress_counts_follow_the_domain_rules(world: World) -> None:
    a, paul, claire = world.mission_a, world["paul"].assessor_id, world["claire"].assessor_id
    with session_factory(world.engine)() as s, s.begin():
        done = _candidate(s, a, "FM-1")
        third = _candidate(s, a, "FM-2")
        once = _candidate(s, a, "FM-3")
        dd = _candidate(s, a, "DD-1", track="double_degree")
        _candidate(s, a, "FM-4", status="registered")
        _candidate(s, a, "FM-5", status="withdrawn")
        away = _candidate(s, a, "FM-6")  # absent from every paper: nothing to read twice
        for subject in ("maths", "physics", "specialty"):
            _mark(s, a, done, subject, paul, "12")
            _mark(s, a, done, subject, claire, "13.5")
            _mark(s, a, third, subject, paul, "10")
            _mark(s, a, third, subject, claire, "10" if subject != "maths" else "15")
            _mark(s, a, once, subject, paul, "10")
            _mark(s, a, away, subject, paul, "absent")
        s.add(Scorecard(mission_id=a, candidate_id=dd, author_id=paul, levels=full_levels(),
                        submitted=True, versions={}, seq=0, deleted=False))
        s.add(Scorecard(mission_id=a, candidate_id=done, author_id=paul, levels={},
                        submitted=False, versions={}, seq=0, deleted=False))
        s.add(Decision(mission_id=a, candidate_id=dd, outcome="admit", option_code="ENG",
                       versions={}, seq=0, deleted=False))
        s.add(Decision(mission_id=a, candidate_id=once, outcome=None, versions={}, seq=0,
                       deleted=False))
    with session_factory(world.engine)() as s:
        missions = list(s.scalars(select(Mission).order_by(Mission.code)))
        by_code = {p.code: p for p in missions_progress(s, missions)}
    p = by_code["IN-2027-CHENNAI"]
    assert (p.candidates, p.checked_in, p.taking_part) == (7, 5, 6)
    # free movers still taking part: FM-1..4 and 6; FM-1 is marked twice within the threshold
    # and FM-6 was absent (FM-2's maths gap of 5 > 3 calls a third reading, FM-3 is marked
    # once, FM-4 not at all)
    assert (p.written_expected, p.written_complete, p.written_marked) == (5, 2, 4)
    assert (p.interviewed, p.decisions) == (1, 1)
    assert by_code["VN-2027-HANOI"].candidates == 0

    with session_factory(world.engine)() as s, s.begin():
        rita = world["rita"].assessor_id
        _mark(s, a, third, "maths", rita, "14")
    with session_factory(world.engine)() as s:
        p = missions_progress(s, [s.get(Mission, a)])[0]
    assert p.written_complete == 3  # the third reading settles FM-2


def test_desks_show_who_pushed_what_and_their_conflicts(world: World) -> None:
    paul, rita = (Desk(world.client, world[n], world.mission_a) for n in ("paul", "rita"))
    cid, m1 = paul.new_candidate("VN-010")
    paul.push([m1])
    paul.push([paul.mutation("candidate", cid, {"status": "present"}, {"status": 1})])
    resp = rita.push([rita.mutation("candidate", cid, {"status": "absent"}, {"status": 1})])
    assert resp["results"][0]["status"] == "conflict"
    with session_factory(world.engine)() as s:
        desks = mission_desks(s, s.get(Mission, world.mission_a))
        progress = missions_progress(s, [s.get(Mission, world.mission_a)])[0]
    by_user = {d.username: d for d in desks.desks}
    assert set(by_user) == {"paul", "rita"}
    assert by_user["paul"].changes_received == 2
    assert by_user["paul"].device_name == "paul-laptop"
    assert by_user["rita"].open_conflicts == 1 and by_user["paul"].open_conflicts == 0
    assert by_user["paul"].waiting is None  # desks do not report their queue
    assert by_user["paul"].last_sync is not None
    assert desks.open_conflicts == 1
    assert (progress.desks, progress.open_conflicts) == (2, 1)


def _header(**kw: str) -> MissionHeader:
    base = {"code": "IN-2027-CHENNAI", "name": "Chennai", "country": "India",
            "city": "Chennai", "timezone": "Asia/Kolkata", "start_date": "2027-01-10",
            "end_date": "2027-01-20"}
    return MissionHeader.model_validate({**base, **kw})


def test_setup_changes_reach_a_desks_next_pull(world: World) -> None:
    desk = Desk(world.client, world["paul"], world.mission_a)
    desk.pull_all()
    root = world["root"].user_id
    sessions = session_factory(world.engine)
    with sessions() as s, s.begin():
        m = s.get(Mission, world.mission_a)
        assert mission_setup.update_header(s, m, _header(city="Pune"), root)
        assert not mission_setup.update_header(s, m, _header(city="Pune"), root)  # no-op
        cfg = mission_setup.merged_config(m, {"double_marking_threshold": "2.5"})
        mission_setup.update_config(s, m, cfg, root, "scoring")
        bruno = mission_setup.set_member(s, m, "bruno", Role.REPRESENTATIVE, root)
        mission_setup.set_chair(s, m, world["paul"].assessor_id, root)
        bruno_id = bruno.id
    changes = desk.pull_all()
    mission = [c for c in changes if c["entity"] == "mission"]
    assert mission and mission[-1]["fields"]["city"] == "Pune"
    assert mission[-1]["fields"]["config"]["double_marking_threshold"] == "2.5"
    assert mission[-1]["versions"]["city"] == 1
    team = {c["row_id"]: c for c in changes if c["entity"] == "assessor"}
    assert team[bruno_id]["fields"]["role"] == "representative"
    assert team[world["paul"].assessor_id]["fields"]["is_chair"] is True
    assert team[world["claire"].assessor_id]["fields"]["is_chair"] is False
    with sessions() as s:
        chairs = s.scalars(select(Assessor.id).where(
            Assessor.mission_id == world.mission_a, Assessor.is_chair.is_(True))).all()
        assert chairs == [world["paul"].assessor_id]
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "mission",
                                                   AuditEntry.field == "city")).one()
        assert (audit.old, audit.new, audit.user_id) == ("Chennai", "Pune", root)
    # removing a member travels as a tombstone; the chair and a marker stay
    with sessions() as s, s.begin():
        m = s.get(Mission, world.mission_a)
        mission_setup.remove_member(s, m, bruno_id, root)
        with pytest.raises(AccountError, match="chair"):
            mission_setup.remove_member(s, m, world["paul"].assessor_id, root)
    assert {"row_id": bruno_id, "deleted": True}.items() <= next(
        c for c in desk.pull_all() if c["row_id"] == bruno_id).items()
    with sessions() as s:
        assert mission_team(s, world.mission_a)[0].username == "paul"


def test_setup_is_checked_by_the_domain_models(world: World) -> None:
    with pytest.raises(ValidationError) as err:
        _header(timezone="Mars/Olympus", end_date="2027-01-01")
    locs = {e["loc"] for e in err.value.errors()}
    assert ("timezone",) in locs
    with session_factory(world.engine)() as s, s.begin():
        m = s.get(Mission, world.mission_a)
        with pytest.raises(ValidationError) as err:
            mission_setup.merged_config(m, {"subjects": [
                {"key": "maths", "label": "Maths", "max_mark": "20", "step": "0.3"}]})
        assert err.value.errors()[0]["loc"][:2] == ("subjects", 0)
        cid = _candidate(s, m.id, "FM-1")
        _mark(s, m.id, cid, "physics", world["paul"].assessor_id, "12")
        s.flush()
        only_maths = mission_setup.merged_config(m, {"subjects": [
            {"key": "maths", "label": "Maths"}]})
        with pytest.raises(AccountError, match="physics has marks"):
            mission_setup.update_config(s, m, only_maths, world["root"].user_id, "subjects")
        subjects = [x.model_dump(mode="json") for x in mission_setup.config_of(m).subjects]
        subjects[1].update(max_mark="10", step="1")  # physics: 12 no longer fits
        with pytest.raises(AccountError, match="physics has a mark of 12"):
            mission_setup.update_config(s, m, mission_setup.merged_config(
                m, {"subjects": subjects}), world["root"].user_id, "subjects")
        subjects[1].update(max_mark="20", step="0.5")  # 12 still fits
        assert mission_setup.update_config(s, m, mission_setup.merged_config(
            m, {"subjects": subjects}), world["root"].user_id, "subjects")
        with pytest.raises(AccountError, match="has marks"):
            mission_setup.remove_member(s, m, world["paul"].assessor_id, world["root"].user_id)


def test_import_reports_each_line_and_is_all_or_nothing(world: World, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    f = tmp_path / "c.csv"
    f.write_text("Application number;Family name;Given names;Track\n"
                 "A-1;Nguyễn;Anh;FM\nA-2;;X;FM\nA-3;Silva;Ana;FM\nA-1;Again;Z;FM\n",
                 encoding="utf-8")
    sessions = session_factory(world.engine)
    with sessions() as s, s.begin():
        m = s.get(Mission, world.mission_a)
        _candidate(s, m.id, "A-3")
        _, _, result = mission_setup.import_candidates(s, m, f, "console")
    assert result.added == 1
    reasons = {e.line: e.reason for e in result.errors}
    assert sorted(reasons) == [3, 4, 5]
    assert "family_name" in reasons[3]
    assert "already in mission IN-2027-CHENNAI" in reasons[4]  # A-3 was there before
    assert "repeats line 2" in reasons[5]
    # a failure part way leaves nothing behind
    g = tmp_path / "d.csv"
    g.write_text("Application number,Family name,Track\nB-1,X,FM\nB-2,Y,FM\n", encoding="utf-8")
    real = mission_setup.add_candidates

    def failing(*args, **kw):  # type: ignore[no-untyped-def]
        real(*args, **kw)
        raise OSError("disk full")

    monkeypatch.setattr(mission_setup, "add_candidates", failing)
    with pytest.raises(OSError), sessions() as s, s.begin():
        mission_setup.import_candidates(s, s.get(Mission, world.mission_a), g, "console")
    with sessions() as s:
        assert not s.scalars(select(Candidate).where(
            Candidate.application_number.in_(["B-1", "B-2"]))).all()
