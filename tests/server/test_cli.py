"""`mission-desk-server` commands: accounts, missions, import, export, tombstones."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.export.cells import neutralise
from server.cli import main
from server.db import make_engine, session_factory
from server.models import Assessor, Mission, User

from .conftest import Desk, World, full_levels


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_migrate_user_and_mission_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'srv.sqlite3'}"
    assert run(capsys, "migrate", "--database-url", url)[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    code, out, _ = run(capsys, "create-user", "claire", "--name", "Claire Dubois",
                       "--password-stdin", "--admin", "--database-url", url)
    assert code == 0 and "admin" in out
    code, _, _ = run(capsys, "create-user", "paul", "--password", "another password",
                     "--database-url", url)
    assert code == 0
    code, _, err = run(capsys, "create-user", "paul", "--password", "another password",
                       "--database-url", url)
    assert code == 1 and "already exists" in err
    code, _, err = run(capsys, "create-user", "short", "--password", "x", "--database-url", url)
    assert code == 1 and "8 characters" in err
    config = tmp_path / "mission.json"
    config.write_text(json.dumps({
        "subjects": [{"key": "maths", "label": "Mathematics", "max_mark": "20", "step": "0.5"}],
        "options": [{"code": "ENG", "label": "Engineering"}],
        "weights": {"free_mover": {"written": "1", "interview": "1"}},
    }), encoding="utf-8")
    code, out, err = run(capsys, "create-mission", "--code", "MX-2027-CDMX", "--name", "CDMX",
                         "--country", "Mexico", "--city", "Ciudad de México", "--timezone",
                         "America/Mexico_City", "--start", "2027-03-01", "--end", "2027-03-08",
                         "--chair", "claire", "--member", "paul:representative", "--config",
                         str(config), "--database-url", url)
    assert code == 0, err
    with session_factory(make_engine(url))() as s:
        m = s.scalars(select(Mission)).one()
        assert m.config["subjects"][0]["step"] == "0.5"
        assert m.config["options"][0]["code"] == "ENG"
        team = {(u.username, a.role, a.is_chair) for a, u in s.execute(
            select(Assessor, User).join(User, User.id == Assessor.user_id))}
        assert team == {("claire", "professor", True), ("paul", "representative", False)}
    code, _, err = run(capsys, "create-mission", "--code", "X", "--country", "x", "--city", "y",
                       "--start", "2027-01-01", "--end", "2027-01-02", "--chair", "nobody",
                       "--database-url", url)
    assert code == 1 and "no user 'nobody'" in err
    code, _, err = run(capsys, "create-mission", "--code", "X", "--country", "x", "--city", "y",
                       "--start", "2027-01-01", "--end", "2027-01-02", "--chair", "paul",
                       "--member", "claire:dean", "--database-url", url)
    assert code == 1 and "unknown role" in err
    assert run(capsys, "create-mission", "--code", "X", "--database-url", url)[0] == 2
    assert run(capsys, "no-such-command")[0] == 2


def test_import_export_and_remove(world: World, db_url: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "candidates.csv"
    src.write_text(
        "application_number,family_name,given_names,track,partner_institution\n"
        'IN-001,"=HYPERLINK(""http://evil"")",Arjun,free mover,\n'
        "IN-002,Sharma,प्रिया,double degree,IIT Madras\n"
        "IN-003,,Nobody,free mover,\n", encoding="utf-8")
    code, out, err = run(capsys, "import-candidates", "IN-2027-CHENNAI", str(src),
                         "--database-url", db_url)
    assert code == 0 and out.startswith("2 candidate(s) imported")
    assert ":4:" in err  # the bad line is named
    code, out, _ = run(capsys, "import-candidates", "IN-2027-CHENNAI", str(src),
                       "--database-url", db_url)
    assert out.startswith("0 candidate(s) imported")  # never doubled

    # the desks fill in marks, a submitted scorecard and the chair's decision
    paul, claire = (Desk(world.client, world[n], world.mission_a) for n in ("paul", "claire"))
    pkg = world.client.get(f"/api/v1/missions/{world.mission_a}/package",
                           headers=world["paul"].headers).json()
    ids = {r["fields"]["application_number"]: r["row_id"] for r in pkg["rows"]
           if r["entity"] == "candidate"}
    cid = ids["IN-001"]
    muts = [paul.new_mark(cid, s, "10")[1] for s in ("maths", "physics", "specialty")]
    muts.append(paul.mutation("scorecard", str(uuid.uuid4()), {
        "candidate_id": cid, "author_id": world["paul"].assessor_id, "levels": full_levels(),
        "recommendation": "admit", "submitted": True}))
    assert {r["status"] for r in paul.push(muts)["results"]} == {"applied"}
    claire.push([claire.mutation("decision", str(uuid.uuid4()), {
        "candidate_id": cid, "outcome": "admit", "option_code": "ENG",
        "rationale": "-strong maths"})])
    assert claire.push([claire.mutation("decision", str(uuid.uuid4()), {
        "candidate_id": ids["IN-002"], "outcome": "admit", "option_code": "MSC",
        "override_reason": "oral held instead"})])["results"][0]["status"] == "applied"

    out_csv = tmp_path / "results.csv"
    code, out, _ = run(capsys, "export-results", "IN-2027-CHENNAI", "--out", str(out_csv),
                       "--database-url", db_url)
    assert code == 0 and "2 candidate(s)" in out
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8-sig")))
    first = next(r for r in rows if r["application_number"] == "IN-001")
    assert first["family_name"] == "'=HYPERLINK(\"http://evil\")"
    assert first["mark_maths"] == "10"
    assert first["scorecard1_author"] == "Paul" and first["scorecard1_motivation"] == "4"
    assert first["scorecard1_recommendation"] == "admit"
    # W = 10, I = 15 (level 4 of 1-5 on every criterion), free mover 0.6 W + 0.4 I = 12
    assert first["composite_score"] == "12.00" and first["rank"] == "1"
    assert (first["decision"], first["option"]) == ("admit", "ENG")
    assert first["rationale"] == "'-strong maths"
    assert first["override_reason"] == ""
    second = next(r for r in rows if r["application_number"] == "IN-002")
    assert second["given_names"] == "प्रिया" and second["state"] == "incomplete"
    assert second["override_reason"] == "oral held instead"

    out_xlsx = tmp_path / "results.xlsx"
    assert run(capsys, "export-results", "IN-2027-CHENNAI", "--out", str(out_xlsx),
               "--database-url", db_url)[0] == 0
    ws = load_workbook(out_xlsx).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)  # no formula anywhere
    # the exact text, stored as a string with Excel's quote prefix: shown, never evaluated
    evil = next(c for c in cells if c.value == '=HYPERLINK("http://evil")')
    assert evil.data_type == "s" and evil.quotePrefix
    assert any(c.value == "-strong maths" and c.quotePrefix for c in cells)
    assert run(capsys, "export-results", "IN-2027-CHENNAI", "--out", str(tmp_path / "r.pdf"),
               "--database-url", db_url)[0] == 1
    assert run(capsys, "export-results", "NOPE", "--out", str(out_csv),
               "--database-url", db_url)[0] == 1

    # removing a candidate tombstones them and their rows; desks receive deleted changes
    paul.cursor = pkg["cursor"]
    paul.pull_all()
    code, out, _ = run(capsys, "remove-candidate", "IN-2027-CHENNAI", "IN-001", "--reason",
                       "duplicate of IN-009", "--database-url", db_url)
    assert code == 0 and "6 row(s)" in out  # candidate, 3 marks, scorecard, decision
    gone = {c["row_id"]: c for c in paul.pull_all()}
    assert gone[cid]["deleted"] is True and gone[cid]["fields"] == {}
    assert sum(1 for c in gone.values() if c["deleted"]) == 6
    pkg = world.client.get(f"/api/v1/missions/{world.mission_a}/package",
                           headers=world["paul"].headers).json()
    assert cid not in {r["row_id"] for r in pkg["rows"]}
    resp = paul.push([paul.mutation("candidate", cid, {"status": "present"}, {"status": 1})])
    assert resp["results"][0]["status"] == "rejected"


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+33 1 23", "'+33 1 23"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Nguyễn", "Nguyễn"), ("", ""), (12.5, 12.5), (-3, -3),
    (None, None),
])
def test_neutralise_leaves_no_formula(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_serve_migrates_and_answers_over_http(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys
    import time

    import httpx

    from .live import free_port

    url = f"sqlite:///{tmp_path / 'served.sqlite3'}"
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "server.cli", "serve", "--database-url", url,
                             "--port", str(port), "--log-level", "warning"])
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"{base}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        assert r.status_code == 200
        assert run(capsys, "create-user", "ana", "--password", "a long password",
                   "--database-url", url)[0] == 0
        r = httpx.post(f"{base}/api/v1/login", json={"username": "ana",
                                                     "password": "a long password"})
        assert r.status_code == 200 and r.json()["user"]["username"] == "ana"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


ROOT = Path(__file__).parents[2]


def _readme_block(after: str, lang: str) -> str:
    text = (ROOT / "server" / "README.md").read_text(encoding="utf-8")
    start = text.index(f"```{lang}\n", text.index(after)) + len(lang) + 4
    return text[start:text.index("```", start)]


def test_the_readme_mission_example_creates_a_mission(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    example = ROOT / "server" / "deploy" / "mission.example.json"
    assert json.loads(_readme_block("create-mission --config`", "json")) == json.loads(
        example.read_text(encoding="utf-8"))
    url = f"sqlite:///{tmp_path / 'srv.sqlite3'}"
    assert run(capsys, "migrate", "--database-url", url)[0] == 0
    assert run(capsys, "create-user", "dubois", "--password", "a long password",
               "--database-url", url)[0] == 0
    base = ["create-mission", "--code", "IN-2027-CHENNAI", "--country", "India", "--city",
            "Chennai", "--start", "2027-01-10", "--end", "2027-01-20", "--chair", "dubois",
            "--database-url", url]
    code, _, err = run(capsys, *base)
    assert code == 1 and "programme option" in err  # no --config: no option
    code, _, err = run(capsys, *base, "--config", str(example))
    assert code == 0, err
    with session_factory(make_engine(url))() as s:
        m = s.scalars(select(Mission)).one()
    assert [o["code"] for o in m.config["options"]] == ["ING-GEN", "MSC-DATA"]
    assert [c["key"] for c in m.config["rubric"]["criteria"]] == ["motivation", "french"]


def test_the_readme_shows_the_shipped_caddyfile() -> None:
    shipped = (ROOT / "server" / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert _readme_block("## Behind TLS", "").strip() == shipped.strip()


def test_create_user_with_a_console_role(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'srv.sqlite3'}"
    assert run(capsys, "migrate", "--database-url", url)[0] == 0
    for name, extra in (("olga", ["--role", "officer"]), ("vic", ["--role", "viewer"]),
                        ("ada", ["--role", "admin"]), ("root", ["--admin"]), ("mo", [])):
        code, out, err = run(capsys, "create-user", name, "--password", "a long password",
                             *extra, "--database-url", url)
        assert code == 0 and f"user {name} created" in out, err
    assert run(capsys, "create-user", "x", "--password", "a long password", "--role", "chief",
               "--database-url", url)[0] == 2  # not a role: bad usage
    engine = make_engine(url)
    with session_factory(engine)() as s:
        roles = {u.username: (u.console_role, u.is_admin) for u in s.scalars(select(User))}
    engine.dispose()
    assert roles == {"olga": ("officer", False), "vic": ("viewer", False),
                     "ada": ("admin", True), "root": ("admin", True), "mo": (None, False)}
