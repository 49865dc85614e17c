"""Candidate import by upload (import-candidates' semantics and per-line report) and the plan
page: shown, planned now as `plan` does, exported and imported as plan files."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from html import unescape

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from server.models import Candidate, Interview, Mark
from sync.bundle import new_signing_key, public_key_text, write_bundle
from tests.server.conftest import Desk, Person

from .conftest import ConsoleWorld

Client = Callable[..., TestClient]

CSV = ("Application number;Family name;Given names;Track;Birth date\n"
       "VN-2027-010;Đặng;Thu Hà;FM;2006-04-01\n"
       "VN-2027-011;;Nam;FM;\n"
       "VN-2027-001;Nguyễn;Thị Minh Anh;FM;\n"
       "VN-2027-012;Vũ;Lan;free mover;31/12/2005\n"
       "VN-2027-013;Hồ;Minh;martian;\n")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _count(w: ConsoleWorld) -> int:
    with w.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Candidate).where(
            Candidate.mission_id == w.mission_a)) or 0)


def test_upload_imports_good_lines_and_reports_the_others(console_world: ConsoleWorld,
                                                          console_client: Client) -> None:
    w, a = console_world, console_world.mission_a
    client = console_client("officer")
    assert client.get(f"/missions/{a}/import").status_code == 200
    r = client.post(f"/missions/{a}/import",
                    files={"file": ("hanoi.csv", CSV.encode("utf-8"), "text/csv")})
    assert r.status_code == 200
    text = _text(r.text)
    assert "2 candidates imported, 3 lines left out" in text
    assert re.search(r"3 left out family_name", text)
    assert "4 left out application number VN-2027-001 is already in mission VN-2027-HANOI" in text
    assert re.search(r"6 left out track 'martian'", text)
    assert _count(w) == 5
    # a desk pulls the new candidates
    person = Person("member_a", w.device_token, w.users["member_a"], w.device_id,
                    w.assessors["member_a"])
    pulled = {c["fields"].get("application_number") for c in
              Desk(w.api, person, a).pull_all() if c["entity"] == "candidate"}
    assert {"VN-2027-010", "VN-2027-012"} <= pulled


def test_upload_takes_xlsx_and_refuses_other_files(console_world: ConsoleWorld,
                                                   console_client: Client) -> None:
    a = console_world.mission_a
    client = console_client("admin")
    wb = Workbook()
    wb.active.append(["N° de candidature", "Nom", "Prénoms", "Filière"])
    wb.active.append(["VN-2027-020", "Lý", "Quang", "double diplôme"])
    wb.active.append(["VN-2027-021", "=1+1", "Quang", "FM"])
    buf = io.BytesIO()
    wb.save(buf)
    r = client.post(f"/missions/{a}/import", files={"file": ("liste.xlsx", buf.getvalue())})
    text = _text(r.text)
    # the double-degree row lacks its partner institution; the formula is kept as text
    assert "1 candidate imported, 1 line left out, 1 warning" in text, text
    assert "imported, with a warning" in text
    r = client.post(f"/missions/{a}/import", files={"file": ("notes.txt", b"x")})
    assert r.status_code == 422 and "Choose a .csv or .xlsx file." in r.text
    r = client.post(f"/missions/{a}/import", files={"file": ("empty.csv", b"")})
    assert r.status_code == 422 and "empty.csv" in r.text and "upload.csv" not in r.text
    for role in ("viewer", "member_a"):
        assert console_client(role).get(f"/missions/{a}/import").status_code == 403
        assert console_client(role).post(f"/missions/{a}/import", files={
            "file": ("x.csv", CSV.encode())}).status_code == 403
    assert console_client("stranger").get(f"/missions/{a}/import").status_code == 404


def test_upload_report_in_french(console_world: ConsoleWorld, console_client: Client) -> None:
    from server.models import User

    with console_world.sessions() as s, s.begin():
        s.get(User, console_world.users["officer"]).locale = "fr"  # type: ignore[union-attr]
    r = console_client("officer").post(f"/missions/{console_world.mission_a}/import",
                                       files={"file": ("hanoi.csv", CSV.encode("utf-8"))})
    text = _text(r.text)
    assert "2 candidats importés, 3 lignes écartées" in text
    assert "3 écartée Le champ « nom » est absent." in text
    assert ("4 écartée Le numéro de candidature VN-2027-001 est déjà dans la mission "
            "VN-2027-HANOI." in text)
    assert "6 écartée La filière « martian » n'est ni double diplôme ni candidat libre." in text


def test_plan_now_export_and_import(console_world: ConsoleWorld,
                                    console_client: Client) -> None:
    w, a = console_world, console_world.mission_a
    client = console_client("officer")
    assert client.post(f"/missions/{a}/setup/team",
                       data={"username": "officer", "role": "professor"}).status_code == 200
    page = client.get(f"/missions/{a}/plan")
    assert page.status_code == 200 and "This mission is not planned yet." in page.text
    form = {"days": "2027-01-12=08:00-12:00\n2027-01-13", "rooms": "A\nB", "slot": "30",
            "panels": "member_a,officer", "written": "2027-01-12=08:00-08:45@Hall"}
    r = client.post(f"/missions/{a}/plan", data={**form, "panels": "member_a,nobody"})
    assert r.status_code == 422 and "nobody is not a member" in r.text
    r = client.post(f"/missions/{a}/plan", data={**form, "slot": "half an hour"})
    assert r.status_code == 422 and "Give the interview length in minutes." in r.text
    r = client.post(f"/missions/{a}/plan", data=form)
    assert r.status_code == 200, re.findall(r"field-error[^>]*>([^<]*)", r.text)
    text = _text(r.text)
    assert "3 interview(s) and 2 seat(s) planned" in text
    assert "Hall" in text and "VN-2027-003" in text
    with w.sessions() as s:
        starts = {i.candidate_id: i.starts_at for i in s.scalars(select(Interview).where(
            Interview.mission_id == a))}
    assert len(starts) == 3 and all(v and v.startswith("2027-01-1") for v in starts.values())
    # the stored setup fills the form again
    assert "member_a,officer" in client.get(f"/missions/{a}/plan").text

    csv_file = client.get(f"/missions/{a}/plan/export?format=csv")
    assert csv_file.status_code == 200
    assert csv_file.headers["content-disposition"].endswith('-plan.csv"')
    xlsx = client.get(f"/missions/{a}/plan/export?format=xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("application_number", "kind", "start") and len(rows) == 6
    assert client.get(f"/missions/{a}/plan/export?format=pdf").status_code == 404
    # the exported file comes back unchanged; a wrong line refuses the whole file
    r = client.post(f"/missions/{a}/plan/import",
                    files={"file": ("plan.csv", csv_file.content)})
    assert r.status_code == 200, _text(r.text)[-600:]
    assert "5 appointments read, 0 rows written." in _text(r.text)
    bad = csv_file.content.decode("utf-8-sig").replace("VN-2027-003", "VN-2027-999")
    r = client.post(f"/missions/{a}/plan/import", files={"file": ("plan.csv", bad.encode())})
    assert r.status_code == 422 and "no candidate" in r.text
    assert console_client("viewer").get(f"/missions/{a}/plan").status_code == 200
    assert "Plan now" not in console_client("viewer").get(f"/missions/{a}/plan").text
    assert console_client("viewer").post(f"/missions/{a}/plan", data=form).status_code == 403


def _bundle_of_member_a(w: ConsoleWorld) -> tuple[bytes, str]:
    """member_a's desk registers its key (an empty sync) and bundles a mark it made offline."""
    assert w.api is not None
    person = Person("member_a", w.device_token, w.users["member_a"], w.device_id,
                    w.assessors["member_a"])
    desk = Desk(w.api, person, w.mission_a)
    key = new_signing_key()
    r = w.api.post(f"/api/v1/missions/{w.mission_a}/sync", headers=person.headers,
                   json={**desk.body([]), "public_key": public_key_text(key)})
    assert r.status_code == 200, r.text
    _, mark = desk.new_mark(w.candidates[1], "maths", "11.5")
    data = write_bundle(mission_id=w.mission_a, client_id=desk.client_id,
                        assessor_id=person.assessor_id, mutations=[mark],
                        bundle_key=base64.b64decode(r.json()["team"]["bundle_key"]),
                        signing_key=key, created_at="2027-01-12T10:00:00+00:00")
    return data, desk.client_id


def test_a_bundle_emailed_home_is_applied_once(console_world: ConsoleWorld,
                                               console_client: Client) -> None:
    w, a = console_world, console_world.mission_a
    data, _ = _bundle_of_member_a(w)
    client = console_client("officer")
    r = client.post(f"/missions/{a}/bundle", files={"file": ("hanoi.mdbundle", data)})
    assert r.status_code == 200
    assert ("hanoi.mdbundle: 1 applied, 0 already received, 0 in conflict, 0 refused."
            in _text(r.text))
    with w.sessions() as s:
        assert s.scalars(select(Mark.value).where(
            Mark.candidate_id == w.candidates[1])).all() == ["11.5"]
    r = client.post(f"/missions/{a}/bundle", files={"file": ("hanoi.mdbundle", data)})
    assert "0 applied, 1 already received" in _text(r.text)
    r = client.post(f"/missions/{a}/bundle", files={"file": ("hanoi.mdbundle", data[:-1])})
    assert r.status_code == 422 and "signature" in r.text
    r = client.post(f"/missions/{w.mission_b}/bundle", files={"file": ("x.mdbundle", data)})
    assert r.status_code == 422 and "another mission" in r.text
    assert console_client("viewer").post(f"/missions/{a}/bundle", files={
        "file": ("hanoi.mdbundle", data)}).status_code == 403



def test_a_shared_desk_s_bundle_names_a_colleague_it_does_not_apply(
        console_world: ConsoleWorld, console_client: Client) -> None:
    """A pack from a shared desk: the section under the registered client_id is applied; one
    under a client_id never registered (no sync under that identity yet) is named, not
    applied."""
    import uuid

    from server.models import Assessor
    from sync.bundle import write_pack

    w, a = console_world, console_world.mission_a
    assert w.api is not None
    person = Person("member_a", w.device_token, w.users["member_a"], w.device_id,
                    w.assessors["member_a"])
    desk = Desk(w.api, person, a)
    key = new_signing_key()  # the shared desk's key, registered by member_a only
    r = w.api.post(f"/api/v1/missions/{a}/sync", headers=person.headers,
                   json={**desk.body([]), "public_key": public_key_text(key)})
    assert r.status_code == 200, r.text
    _, mine = desk.new_mark(w.candidates[1], "maths", "11.5")
    _, theirs = desk.new_mark(w.candidates[2], "maths", "3")
    other = person.assessor_id  # the mission's one member: an identity of theirs not registered
    with w.sessions() as s:
        name = s.get(Assessor, other).name
    pack_id = str(uuid.uuid4())
    data = write_pack([write_bundle(
        mission_id=a, client_id=c, assessor_id=who, mutations=[{**m, "mid": 1}],
        bundle_key=base64.b64decode(r.json()["team"]["bundle_key"]), signing_key=key,
        created_at="2027-01-12T10:00:00+00:00", section=(0, pack_id, n, 2))
        for n, (c, who, m) in enumerate([(desk.client_id, person.assessor_id, mine),
                                         (str(uuid.uuid4()), other, theirs)])])
    r = console_client("officer").post(f"/missions/{a}/bundle",
                                       files={"file": ("shared.mdbundle", data)})
    assert r.status_code == 200, _text(r.text)[-600:]
    page = _text(r.text)
    assert "shared.mdbundle: 1 applied, 0 already received" in page
    assert f"Changes of {name} were not applied (unknown signer)" in page
    with w.sessions() as s:
        assert s.scalars(select(Mark.value).where(Mark.candidate_id.in_(
            w.candidates[1:3]))).all() == ["11.5"]
