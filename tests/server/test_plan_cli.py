"""`mission-desk-server plan | export-plan | import-plan` and the import's unavailable column."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.domain.planning import parse_script_code, parse_unavailable
from app.domain.planning.timeline import from_datetime, zone
from server.db import make_engine, session_factory
from server.models import AuditEntry, Candidate, Interview, Mission, Seat

from .conftest import World
from .test_cli import run

PLAN = ("--day", "2027-01-12=09:00-13:00", "--day", "2027-01-13=09:00-12:00", "--room", "A",
        "--room", "B", "--slot", "30", "--panel", "claire,paul",
        "--written", "2027-01-12=09:00-11:00@Hall")
TZ = zone("Asia/Kolkata")


def _candidates(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["application_number,family_name,track,partner_institution,unavailable"]
    for appno, track, unavailable in rows:
        partner = "IIT Madras" if track == "double degree" else ""
        lines.append(f'{appno},Rao,{track},{partner},"{unavailable}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _state(url: str) -> tuple[dict, dict, dict]:
    with session_factory(make_engine(url))() as s:
        cands = {c.id: c for c in s.scalars(select(Candidate))}
        interviews = {i.candidate_id: i for i in s.scalars(select(Interview))}
        seats = {x.candidate_id: x for x in s.scalars(select(Seat).where(
            Seat.deleted.is_(False)))}
        s.expunge_all()
    return cands, interviews, seats


def _minute(iso: str) -> int:
    return from_datetime(dt.datetime.fromisoformat(iso), TZ)


def test_plan_export_and_import(world: World, db_url: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    code = "IN-2027-CHENNAI"
    src = _candidates(tmp_path / "c.csv", [
        ("FM-1", "free mover", "2027-01-12 11:00-13:00"), ("FM-2", "free mover", ""),
        ("FM-3", "free mover", ""), ("DD-1", "double degree", "2027-01-12"),
        ("DD-2", "double degree", "")])
    assert run(capsys, "import-candidates", code, str(src), "--database-url", db_url)[0] == 0
    rc, out, err = run(capsys, "plan", code, *PLAN, "--database-url", db_url)
    assert rc == 0, err
    assert "5 interview(s) and 3 seat(s) planned" in out
    cands, interviews, seats = _state(db_url)
    by_app = {c.application_number: c for c in cands.values()}
    assert by_app["FM-1"].unavailable == "2027-01-12 11:00-13:00"
    for c in cands.values():
        iv = interviews[c.id]
        assert iv.starts_at.endswith("+05:30") and iv.room in {"A", "B"}
        assert iv.versions == {"candidate_id": 1, "starts_at": 1, "room": 1, "panel": 1,
                               "duration": 1} and iv.seq > 0
        start = _minute(iv.starts_at)
        assert not any(u.start <= start < u.end for u in parse_unavailable(c.unavailable))
        if c.track == "free_mover":  # written test 09:00-11:00 first, then the interview
            seat = seats[c.id]
            assert seat.sitting == "W1" and parse_script_code(seat.script_code)
            assert iv.starts_at >= "2027-01-12T11:00"
        else:
            assert c.id not in seats
    assert len({x.script_code for x in seats.values()}) == 3
    with session_factory(make_engine(db_url))() as s:
        mission = s.scalars(select(Mission).where(Mission.code == code)).one()
        assert mission.config["planning"]["slot_minutes"] == 30
        assert s.scalars(select(AuditEntry).where(
            AuditEntry.entity == "seat", AuditEntry.field == "script_code")).all()

    # planning again keeps everyone where they are
    rc, out, _ = run(capsys, "plan", code, *PLAN, "--database-url", db_url)
    assert rc == 0 and "0 row(s) written, 0 candidate(s) moved" in out

    csv_out, xlsx_out = tmp_path / "plan.csv", tmp_path / "plan.xlsx"
    assert run(capsys, "export-plan", code, "--out", str(csv_out), "--database-url",
               db_url)[0] == 0
    assert run(capsys, "export-plan", code, "--out", str(xlsx_out), "--database-url",
               db_url)[0] == 0
    with csv_out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 8 and {r["kind"] for r in rows} == {"written", "interview"}
    fm1 = next(r for r in rows if r["application_number"] == "FM-1" and r["kind"] == "interview")
    assert fm1["panel"] == "claire;paul" and fm1["start"].endswith("+05:30")
    written = [r for r in rows if r["kind"] == "written"]
    assert {r["script_code"] for r in written} == {x.script_code for x in seats.values()}
    sheet = load_workbook(xlsx_out).active
    assert [c.value for c in sheet[1]][:8] == ["application_number", "kind", "start", "end",
                                               "room", "panel", "seat", "script_code"]

    # a file moving DD-2 to the last slot of day 2 is read back; the move is a new version
    dd2 = next(r for r in rows if r["application_number"] == "DD-2")
    dd2.update(start="2027-01-13T11:30+05:30", end="2027-01-13T12:00+05:30", room="B")
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    rc, out, err = run(capsys, "import-plan", code, str(edited), "--database-url", db_url)
    assert rc == 0, err
    _, interviews, _ = _state(db_url)
    moved = interviews[by_app["DD-2"].id]
    assert (moved.starts_at, moved.room, moved.versions["starts_at"]) == (
        "2027-01-13T11:30+05:30", "B", 2)

    # bad lines are named, and nothing of the file is applied
    rows[0]["application_number"] = "NOBODY"
    dd2.update(start="tomorrow", room="A")
    with edited.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    rc, _, err = run(capsys, "import-plan", code, str(edited), "--database-url", db_url)
    assert rc == 1 and "line 2: no candidate 'NOBODY'" in err and "not an ISO 8601" in err
    assert "nothing imported" in err
    assert _state(db_url)[1][by_app["DD-2"].id].starts_at == "2027-01-13T11:30+05:30"


def test_plan_names_those_it_cannot_place(world: World, db_url: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code = "IN-2027-CHENNAI"
    src = _candidates(tmp_path / "c.csv", [(f"DD-{i}", "double degree", "") for i in range(6)])
    run(capsys, "import-candidates", code, str(src), "--database-url", db_url)
    rc, out, err = run(capsys, "plan", code, "--day", "2027-01-12=09:00-11:00", "--room", "A",
                       "--slot", "30", "--panel", "claire,paul", "--database-url", db_url)
    assert rc == 1
    assert "2 candidates do not fit: add a half-day or a panel" in out
    assert "2 candidate(s) not placed: " in err
    _, interviews, _ = _state(db_url)
    assert len([i for i in interviews.values() if i.starts_at]) == 4
    rc, _, err = run(capsys, "plan", code, "--day", "2027-01-12", "--room", "A", "--slot", "30",
                     "--panel", "claire,nobody", "--database-url", db_url)
    assert rc == 1 and "nobody is not a member" in err
    rc, _, err = run(capsys, "plan", code, "--day", "2027-01-12", "--room", "A", "--slot", "30",
                     "--panel", "paul,rita", "--written", "2027-01-12@Hall",
                     "--database-url", db_url)
    assert rc == 1 and "YYYY-MM-DD=HH:MM-HH:MM@ROOM" in err
