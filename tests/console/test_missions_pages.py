"""The missions list and a mission's page: who sees which mission, the progress figures, and
the desks partial that a page polls while the mission runs."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

from fastapi.testclient import TestClient

from server.models import User
from tests.server.conftest import Desk, Person

from .conftest import ConsoleWorld

Client = Callable[..., TestClient]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_each_role_sees_the_missions_it_may_open(console_world: ConsoleWorld,
                                                 console_client: Client) -> None:
    for role in ("admin", "officer", "viewer"):
        page = console_client(role).get("/missions")
        assert page.status_code == 200
        assert "VN-2027-HANOI" in page.text and "IN-2027-CHENNAI" in page.text
    mine = console_client("member_a").get("/missions").text
    assert "VN-2027-HANOI" in mine and "IN-2027-CHENNAI" not in mine
    assert "/missions/new" not in mine  # no setup for a member
    assert "/missions/new" in console_client("officer").get("/missions").text
    anonymous = console_client(None, follow_redirects=False).get("/missions")
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")


def test_the_list_shows_each_missions_progress(console_world: ConsoleWorld,
                                               console_client: Client) -> None:
    text = _text(console_client("officer").get("/missions").text)
    assert text.index("IN-2027-CHENNAI") < text.index("VN-2027-HANOI")  # newest first
    row = text[text.index("VN-2027-HANOI"):]
    # 3 candidates, none checked in; 2 free movers, one marked once per subject (not
    # complete: double marking); one submitted scorecard; one decision; one desk
    assert re.search(r"Hanoi, Vietnam .*? 3 0 / 3 0 / 2 first marking done: 1 1 / 3 1 / 3 "
                     r"1 last sync", row), row


def test_mission_page_and_its_desks_update_live(console_world: ConsoleWorld,
                                                console_client: Client) -> None:
    client = console_client("officer")
    page = client.get(f"/missions/{console_world.mission_a}")
    assert page.status_code == 200
    assert f'hx-get="/missions/{console_world.mission_a}/live"' in page.text
    assert 'hx-trigger="every 5s"' in page.text
    text = _text(page.text)
    assert "member_a-laptop" in text and "Marc Membre" in text
    assert "unknown" in text  # desks do not report their queue
    live = client.get(f"/missions/{console_world.mission_a}/live")
    assert live.status_code == 200 and "<html" not in live.text
    before = _desk_row(live.text)
    assert " 9 " in before  # 3 candidates, 3 marks, interview, scorecard, decision

    # a desk syncs again: the partial shows it
    person = Person("member_a", console_world.device_token,
                    console_world.users["member_a"], console_world.device_id,
                    console_world.assessors["member_a"])
    desk = Desk(console_world.api, person, console_world.mission_a)
    _, m = desk.new_candidate("VN-2027-099", family_name="Phạm")
    desk.push([m])
    after = _text(client.get(f"/missions/{console_world.mission_a}/live").text)
    assert after.count("member_a-laptop") == 2  # a second desk (client) of that device
    assert "4 / 4" not in after and "0 / 4" in after  # four candidates now


def _desk_row(html: str) -> str:
    return _text(html[html.index('class="desk"'):])


def test_strangers_and_anonymous_never_see_a_mission(console_world: ConsoleWorld,
                                                     console_client: Client) -> None:
    stranger = console_client("stranger")
    for path in ("", "/live"):
        assert stranger.get(f"/missions/{console_world.mission_a}{path}").status_code == 404
    assert console_client("member_a").get(
        f"/missions/{console_world.mission_a}").status_code == 200
    assert console_client("viewer").get(f"/missions/{console_world.mission_b}").status_code == 200
    assert stranger.get("/missions/not-a-mission").status_code == 404


def test_the_mission_page_in_french(console_world: ConsoleWorld,
                                    console_client: Client) -> None:
    with console_world.sessions() as s, s.begin():
        s.get(User, console_world.users["officer"]).locale = "fr"  # type: ignore[union-attr]
    client = console_client("officer")
    text = _text(client.get(f"/missions/{console_world.mission_a}").text)
    assert "Avancement" in text and "Postes" in text and "Modifications en attente" in text
    assert "inconnu" in text
    listing = _text(client.get("/missions").text)
    assert "Écrits corrigés" in listing and "Entretiens rendus" in listing
