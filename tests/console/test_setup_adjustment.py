"""The mission option "adjust interview scores" on the console's setup page (issue 17 §2):
off by default, turned on by an officer, sent to the desks in the mission's config, labelled
in both languages; and the server's jury minutes then print both scores and the method."""

from __future__ import annotations

import io
from collections.abc import Callable

from fastapi.testclient import TestClient
from pypdf import PdfReader

from server.minutes import minutes_data, write_minutes
from server.mission_setup import config_of
from server.models import Mission
from tests.server.conftest import Desk, Person

from .conftest import ConsoleWorld

Client = Callable[..., TestClient]
SCORING = {"weights-free_mover-written": "0.6", "weights-free_mover-interview": "0.4",
           "weights-double_degree-written": "0", "weights-double_degree-interview": "1",
           "double_marking_threshold": "3", "blind_second_marking": "1"}
BOX = 'id="adjust_interview_scores" name="adjust_interview_scores" value="1"'


def test_an_officer_turns_adjustment_on_and_the_desks_get_it(console_world: ConsoleWorld,
                                                            console_client: Client) -> None:
    w, a = console_world, console_world.mission_a
    client = console_client("officer", follow_redirects=False)
    page = client.get(f"/missions/{a}/setup").text
    assert f"{BOX}>" in page or f"{BOX} aria" in page  # present, not checked
    assert "Adjust interview scores for assessor severity" in page
    with w.sessions() as s:
        assert config_of(s.get_one(Mission, a)).adjust_interview_scores is False
        assert minutes_data(s, s.get_one(Mission, a)).adjustment is None
    r = client.post(f"/missions/{a}/setup/scoring",
                    data={**SCORING, "adjust_interview_scores": "1"})
    assert r.status_code == 303
    assert f"{BOX} checked" in client.get(f"/missions/{a}/setup").text
    person = Person("member_a", w.device_token, w.users["member_a"], w.device_id,
                    w.assessors["member_a"])
    pulled = Desk(w.api, person, a).pull_all()
    config = next(c for c in pulled if c["entity"] == "mission")["fields"]["config"]
    assert config["adjust_interview_scores"] is True
    with w.sessions() as s:
        mission = s.get_one(Mission, a)
        data = minutes_data(s, mission)
        out = io.BytesIO()
        write_minutes(s, mission, out)
    assert data.adjustment is not None
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Adjusted*" in text and "the ranking uses the raw score" in text
    client.post("/account/language", data={"locale": "fr"})
    assert "Ajuster les notes d’entretien selon la sévérité des évaluateurs" in client.get(
        f"/missions/{a}/setup").text
    r = client.post(f"/missions/{a}/setup/scoring", data=SCORING)  # unticked: off again
    with w.sessions() as s:
        assert config_of(s.get_one(Mission, a)).adjust_interview_scores is False
