"""Mission setup pages: creating a mission, editing its details, team, subjects, options,
scoring and rubric with field-level errors from the domain's rules; only officers and
administrators change anything; every change reaches a desk's next pull."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

from fastapi.testclient import TestClient
from sqlalchemy import select

from server.mission_setup import config_of
from server.models import Assessor, Mission, User
from tests.server.conftest import Desk, Person

from .conftest import ConsoleWorld

Client = Callable[..., TestClient]

NEW = {"code": "BR-2027-RECIFE", "name": "Recife 2027", "country": "Brazil", "city": "Recife",
       "timezone": "America/Recife", "start_date": "2027-03-01", "end_date": "2027-03-12",
       "chair": "member_a", "chair_role": "professor", "option_code": "ING-GEN",
       "option_label": "Engineering cycle, generalist"}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _error_of(html: str, field: str) -> str:
    m = re.search(f'<span class="field-error" id="err-{re.escape(field)}">([^<]*)</span>', html)
    return unescape(m.group(1)) if m else ""


def _desk(w: ConsoleWorld) -> Desk:
    person = Person("member_a", w.device_token, w.users["member_a"], w.device_id,
                    w.assessors["member_a"])
    desk = Desk(w.api, person, w.mission_a)
    desk.pull_all()
    return desk


def test_an_officer_creates_a_mission(console_world: ConsoleWorld,
                                      console_client: Client) -> None:
    client = console_client("officer", follow_redirects=False)
    assert client.get("/missions/new").status_code == 200
    r = client.post("/missions/new", data=NEW)
    assert r.status_code == 303
    with console_world.sessions() as s:
        m = s.scalars(select(Mission).where(Mission.code == "BR-2027-RECIFE")).one()
        assert (m.city, m.timezone, m.start_date) == ("Recife", "America/Recife", "2027-03-01")
        assert [o.code for o in config_of(m).options] == ["ING-GEN"]
        chair = s.scalars(select(Assessor).where(Assessor.mission_id == m.id)).one()
        assert chair.is_chair and chair.user_id == console_world.users["member_a"]
    assert r.headers["location"] == f"/missions/{m.id}/setup?saved=details"
    assert "Mission details saved." in client.get(r.headers["location"]).text


def test_creation_errors_are_shown_beside_their_fields(console_world: ConsoleWorld,
                                                       console_client: Client) -> None:
    client = console_client("officer")
    bad = {**NEW, "timezone": "Mars/Olympus", "country": "", "option_code": "a b",
           "code": "VN-2027-HANOI", "chair": "nobody"}
    r = client.post("/missions/new", data=bad)
    assert r.status_code == 422
    assert _error_of(r.text, "timezone") == "Not a time zone (e.g. Asia/Kolkata)."
    assert _error_of(r.text, "country") == "Required."
    assert _error_of(r.text, "option_code") == "Not in the expected form."
    assert _error_of(r.text, "code") == "A mission with this code already exists."
    assert _error_of(r.text, "chair") == "Choose the head of delegation."
    assert 'value="Recife"' in r.text  # what was typed stays
    r = client.post("/missions/new", data={**NEW, "end_date": "2027-02-01"})
    assert r.status_code == 422 and "The mission ends before it starts." in r.text
    with console_world.sessions() as s, s.begin():
        s.get(User, console_world.users["officer"]).locale = "fr"  # type: ignore[union-attr]
    r = client.post("/missions/new", data=bad)
    assert _error_of(r.text, "timezone") == "N'est pas un fuseau horaire (p. ex. Asia/Kolkata)."
    assert _error_of(r.text, "country") == "Obligatoire."


def test_only_managers_change_a_setup(console_world: ConsoleWorld,
                                      console_client: Client) -> None:
    a = console_world.mission_a
    for role in ("viewer", "member_a"):
        client = console_client(role)
        page = client.get(f"/missions/{a}/setup")
        assert page.status_code == 200 and "Read-only" in page.text
        assert "Save subjects" not in page.text and " disabled" in page.text
        assert client.get("/missions/new").status_code == 403
        assert client.post(f"/missions/{a}/setup/details", data={"city": "X"}).status_code == 403
        assert client.post("/missions/new", data=NEW).status_code == 403
    stranger = console_client("stranger")
    assert stranger.get(f"/missions/{a}/setup").status_code == 404
    assert stranger.post(f"/missions/{a}/setup/subjects", data={}).status_code == 404
    officer = console_client("officer")
    del officer.headers["X-CSRF-Token"]
    assert officer.post(f"/missions/{a}/setup/details", data={"city": "X"}).status_code == 403


def test_details_and_team_changes_reach_the_desk(console_world: ConsoleWorld,
                                                 console_client: Client) -> None:
    w, a = console_world, console_world.mission_a
    desk = _desk(w)
    client = console_client("officer", follow_redirects=False)
    details = {"code": "VN-2027-HANOI", "name": "Hanoi 2027", "country": "Vietnam",
               "city": "Hải Phòng", "timezone": "Asia/Ho_Chi_Minh", "start_date": "2027-01-10",
               "end_date": "2027-01-21"}
    assert client.post(f"/missions/{a}/setup/details", data=details).status_code == 303
    r = client.post(f"/missions/{a}/setup/details", data={**details, "timezone": "Hanoi"})
    assert r.status_code == 422 and _error_of(r.text, "timezone")
    assert client.post(f"/missions/{a}/setup/team",
                       data={"username": "viewer", "role": "representative"}).status_code == 303
    with w.sessions() as s:
        viewer = s.scalars(select(Assessor).where(
            Assessor.mission_id == a, Assessor.user_id == w.users["viewer"])).one()
    assert client.post(f"/missions/{a}/setup/chair",
                       data={"assessor_id": viewer.id}).status_code == 303
    changes = desk.pull_all()
    mission = next(c for c in changes if c["entity"] == "mission")
    assert (mission["fields"]["city"], mission["fields"]["end_date"]) == ("Hải Phòng",
                                                                         "2027-01-21")
    team = {c["row_id"]: c["fields"] for c in changes if c["entity"] == "assessor"}
    assert team[viewer.id]["is_chair"] is True and team[viewer.id]["role"] == "representative"
    assert team[w.assessors["member_a"]]["is_chair"] is False
    # member_a marked scripts: they stay; the new chair cannot be removed
    r = client.post(f"/missions/{a}/setup/team/{w.assessors['member_a']}/remove")
    assert r.status_code == 422 and "stay on the team" in r.text
    r = client.post(f"/missions/{a}/setup/team/{viewer.id}/remove")
    assert r.status_code == 422 and "choose another chair first" in r.text
    page = _text(client.get(f"/missions/{a}/setup").text)
    assert "Véra Viewer viewer Representative chair" in page


def test_subjects_options_and_scoring(console_world: ConsoleWorld,
                                      console_client: Client) -> None:
    w, a = console_world, console_world.mission_a
    desk = _desk(w)
    client = console_client("admin", follow_redirects=False)
    rows = {}
    for i, (key, label, fr, top, step, coef) in enumerate([
            ("maths", "Mathematics", "Mathématiques", "20", "0.25", "2"),
            ("physics", "Physics", "Physique", "20", "0.5", "1"),
            ("specialty", "Specialty", "Spécialité", "20", "0.25", "1"),
            ("chemistry", "Chemistry", "Chimie", "10", "0.3", "1")]):
        rows.update({f"subjects-{i}-key": key, f"subjects-{i}-label": label,
                     f"subjects-{i}-label_fr": fr, f"subjects-{i}-max_mark": top,
                     f"subjects-{i}-step": step, f"subjects-{i}-coefficient": coef})
    rows["subjects-4-key"] = ""  # a blank row is ignored
    r = client.post(f"/missions/{a}/setup/subjects", data=rows)
    assert r.status_code == 422
    assert _error_of(r.text, "subjects-3") == "The step must divide the maximum mark."
    assert 'value="Chimie"' in r.text
    rows["subjects-3-step"] = "0.5"
    assert client.post(f"/missions/{a}/setup/subjects", data=rows).status_code == 303
    # maths has marks: it cannot go
    r = client.post(f"/missions/{a}/setup/subjects", data={**rows, "subjects-0-remove": "1"})
    assert r.status_code == 422 and "subject maths has marks" in r.text
    r = client.post(f"/missions/{a}/setup/options", data={
        "options-0-code": "ENG", "options-0-label": "Engineering cycle",
        "options-1-code": "MSC", "options-1-label": "MSc Data", "options-1-remove": "1",
        "options-2-code": "MSC-AI", "options-2-label": "MSc Artificial intelligence"})
    assert r.status_code == 303
    r = client.post(f"/missions/{a}/setup/scoring", data={
        "weights-free_mover-written": "0.5", "weights-free_mover-interview": "0.5",
        "weights-double_degree-written": "0", "weights-double_degree-interview": "0",
        "double_marking_threshold": "2", "blind_second_marking": "1"})
    assert r.status_code == 422
    assert "The two weights cannot both be zero." in r.text
    r = client.post(f"/missions/{a}/setup/scoring", data={
        "weights-free_mover-written": "0.5", "weights-free_mover-interview": "0.5",
        "weights-double_degree-written": "0", "weights-double_degree-interview": "1",
        "double_marking_threshold": "2", "blind_second_marking": "1"})
    assert r.status_code == 303
    config = next(c for c in desk.pull_all() if c["entity"] == "mission")["fields"]["config"]
    assert [x["key"] for x in config["subjects"]] == ["maths", "physics", "specialty",
                                                      "chemistry"]
    assert config["subjects"][3]["step"] == "0.5"
    assert [o["code"] for o in config["options"]] == ["ENG", "MSC-AI"]
    assert config["weights"]["free_mover"] == {"written": "0.5", "interview": "0.5"}
    assert (config["double_marking_threshold"], config["anonymous_marking"]) == ("2", False)


def test_a_rubric_criterion_with_levels_in_both_languages(console_world: ConsoleWorld,
                                                          console_client: Client) -> None:
    w, a = console_world, console_world.mission_a
    client = console_client("officer", follow_redirects=False)
    with w.sessions() as s:
        n = len(config_of(s.get(Mission, a)).rubric.criteria)
    form = {"key": "teamwork", "label": "Teamwork", "label_fr": "Travail en équipe",
            "weight": "1.5", "first_level": "1",
            "levels-0-label": "Alone", "levels-0-description": "Works alone.",
            "levels-0-label_fr": "Seul", "levels-0-description_fr": "Travaille seul.",
            "levels-1-label": "", "levels-1-description": "",
            "levels-2-label": "Leads", "levels-2-description": "Leads a team.",
            "levels-2-label_fr": "Mène", "levels-2-description_fr": "Mène une équipe."}
    desk = _desk(w)
    assert client.get(f"/missions/{a}/setup/rubric/{n}").status_code == 200
    assert client.get(f"/missions/{a}/setup/rubric/{n + 1}").status_code == 404
    r = client.post(f"/missions/{a}/setup/rubric/{n}", data={**form, "levels-2-description": ""})
    assert r.status_code == 422 and _error_of(r.text, "levels-2-description") == "Required."
    r = client.post(f"/missions/{a}/setup/rubric/{n}", data={**form, "levels-2-label": "",
                                                              "levels-2-description": "",
                                                              "levels-2-label_fr": "",
                                                              "levels-2-description_fr": ""})
    assert r.status_code == 422 and "Too few rows." in r.text
    assert client.post(f"/missions/{a}/setup/rubric/{n}", data=form).status_code == 303
    config = next(c for c in desk.pull_all() if c["entity"] == "mission")["fields"]["config"]
    assert config["rubric"]["criteria"][n]["levels"][1]["description_fr"] == "Mène une équipe."
    with w.sessions() as s:
        criterion = config_of(s.get(Mission, a)).rubric.criteria[n]
    assert (criterion.key, criterion.label_fr, criterion.weight) == ("teamwork",
                                                                      "Travail en équipe", 1.5)
    assert [(lv.value, lv.label, lv.label_fr) for lv in criterion.levels] == [
        (1, "Alone", "Seul"), (2, "Leads", "Mène")]
    # a submitted scorecard exists: criteria can no longer be removed
    r = client.post(f"/missions/{a}/setup/rubric/0/remove")
    assert r.status_code == 422 and "scorecards are being filled" in r.text
    page = client.get(f"/missions/{a}/setup").text
    assert "Travail en équipe" in page
