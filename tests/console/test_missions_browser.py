"""The missions pages in a real browser (pytest-playwright on Debian's chromium): an officer
creates a mission with its team and rubric, uploads a candidates file and reads the report,
then watches a desk's sync appear on the mission page while it is open; the same pages in
French."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import select

from server.models import Mission, User
from tests.console.conftest import PASSWORD, ConsoleWorld
from tests.server.conftest import Desk, Person

# The mission page asks for its desks every 5 s: wait for two rounds at most.
LIVE_WAIT_MS = 15_000


def sign_in(page: Page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}{next_path}")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page).to_have_url(f"{base}{next_path}")


def test_an_officer_prepares_a_mission_and_follows_a_desk_live(
        console_world: ConsoleWorld, live_console: str, page: Page, tmp_path: Path) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_console, "officer", "/missions")
    page.get_by_role("link", name="New mission").click()
    page.locator("#code").fill("BR-2027-RECIFE")
    page.locator("#name").fill("Recife 2027")
    page.get_by_label("Country").fill("Brazil")
    page.get_by_label("City").fill("Recife")
    page.get_by_label("Time zone").fill("America/Recife")
    page.get_by_label("Start").fill("2027-03-01")
    page.get_by_label("End").fill("2027-03-12")
    page.get_by_label("Chair").select_option("member_a")
    page.locator("#option_code").fill("ING-GEN")
    page.locator("#option_label").fill("Engineering cycle, generalist")
    page.get_by_role("button", name="Create the mission").click()
    expect(page.get_by_role("status")).to_have_text("Mission details saved.")
    with console_world.sessions() as s:
        mission_id = s.scalars(select(Mission.id).where(Mission.code == "BR-2027-RECIFE")).one()

    # the team: a representative joins
    page.get_by_label("Add a member").select_option("viewer")
    page.locator("#member-role").select_option("representative")
    page.get_by_role("button", name="Add to the team").click()
    expect(page.get_by_role("status")).to_have_text("Team saved.")
    expect(page.get_by_role("row").filter(has_text="Véra Viewer")).to_contain_text(
        "Representative")

    # the rubric: a seventh criterion, levels described in English and French
    page.get_by_role("link", name="Add a criterion").click()
    page.get_by_label("Key").fill("teamwork")
    page.locator("#label").fill("Teamwork")
    page.locator("#label_fr").fill("Travail en équipe")
    for i, (en, desc, fr, desc_fr) in enumerate([
            ("Alone", "Works alone.", "Seul", "Travaille seul."),
            ("Helps", "Helps the others.", "Aide", "Aide les autres."),
            ("Leads", "Leads a team.", "Mène", "Mène une équipe.")]):
        page.locator(f"#levels-{i}-label").fill(en)
        page.locator(f"#levels-{i}-description").fill(desc)
        page.locator(f"#levels-{i}-label_fr").fill(fr)
        page.locator(f"#levels-{i}-description_fr").fill(desc_fr)
    page.get_by_role("button", name="Save the criterion").click()
    expect(page.get_by_role("status")).to_have_text("Rubric saved.")
    expect(page.get_by_role("row").filter(has_text="Teamwork")).to_contain_text(
        "Travail en équipe")

    # candidates from a file, with the per-line report
    csv = tmp_path / "recife.csv"
    csv.write_text("Application number,Family name,Given names,Track\n"
                   "BR-2027-001,Souza,João,free mover\n"
                   "BR-2027-002,,Ana,FM\n"
                   "BR-2027-003,Lima,Luíza,FM\n", encoding="utf-8")
    page.get_by_role("link", name="Import candidates").click()
    page.get_by_label("Candidates file (.csv or .xlsx)").set_input_files(str(csv))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        "2 candidates imported, 1 line left out")
    expect(page.get_by_role("row").filter(has_text="family_name")).to_contain_text("3")

    # the mission page, open while the chair's desk syncs for the first time
    page.get_by_role("link", name="Overview").click()
    expect(page.get_by_text("No desk has synced with this mission yet.")).to_be_visible()
    api = console_world.api
    assert api is not None
    body = api.post("/api/v1/login", json={"username": "member_a", "password": PASSWORD,
                                           "device_name": "recife-desk"}).json()
    chair = Person("member_a", body["token"], body["user"]["id"], body["device_id"])
    chair.assessor_id = next(m["assessor_id"] for m in api.get(
        "/api/v1/missions", headers=chair.headers).json() if m["id"] == mission_id)
    desk = Desk(api, chair, mission_id)
    candidates = [c for c in desk.pull_all() if c["entity"] == "candidate"]
    desk.push([desk.mutation("candidate", c["row_id"], {"status": "present"},
                             {"status": c["versions"]["status"]}) for c in candidates])
    row = page.get_by_role("row").filter(has_text="recife-desk")
    expect(row).to_contain_text("Marc Membre", timeout=LIVE_WAIT_MS)
    expect(row).to_contain_text("unknown")
    expect(page.locator("#live dl.figures")).to_contain_text("2 / 2")  # both checked in
    assert errors == []  # no CSP violation, no script error (htmx polls without inline JS)


def test_setup_upload_and_mission_pages_in_french(console_world: ConsoleWorld,
                                                  live_console: str, page: Page,
                                                  tmp_path: Path) -> None:
    with console_world.sessions() as s, s.begin():
        officer = s.scalar(select(User).where(User.username == "officer"))
        assert officer is not None
        officer.locale = "fr"
    a = console_world.mission_a
    sign_in(page, live_console, "officer", f"/missions/{a}/setup")
    expect(page.get_by_role("heading", name="Épreuves écrites")).to_be_visible()
    page.locator("#subjects-3-key").fill("chimie")
    page.locator("#subjects-3-label").fill("Chemistry")
    page.locator("#subjects-3-max_mark").fill("10")
    page.locator("#subjects-3-step").fill("0,3")
    page.get_by_role("button", name="Enregistrer les épreuves").click()
    expect(page.locator("#err-subjects-3-step")).to_have_text("N'est pas un nombre.")
    page.locator("#subjects-3-step").fill("0.3")
    page.get_by_role("button", name="Enregistrer les épreuves").click()
    expect(page.locator("#err-subjects-3")).to_have_text(
        "Le pas doit diviser la note maximale.")
    page.locator("#subjects-3-step").fill("0.5")
    page.get_by_role("button", name="Enregistrer les épreuves").click()
    expect(page.get_by_role("status")).to_have_text("Épreuves enregistrées.")

    csv = tmp_path / "liste.csv"
    csv.write_text("N° de candidature;Nom;Prénoms;Filière\nVN-2027-050;Phan;Thu;FM\n",
                   encoding="utf-8")
    page.get_by_role("link", name="Importer des candidats").click()
    page.get_by_label("Fichier des candidats (.csv ou .xlsx)").set_input_files(str(csv))
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("1 candidat importé, 0 ligne écartée")

    page.get_by_role("link", name="Vue d'ensemble").click()
    expect(page.get_by_role("heading", name="Postes")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="member_a-laptop")
    expect(row).to_contain_text("inconnu")
    expect(page.locator("#live dl.figures")).to_contain_text(re.compile(r"0 / 4"))
