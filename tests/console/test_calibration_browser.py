"""The calibration page in a real browser (Debian's chromium through pytest-playwright): from
a mission's page to its Calibration tab, the heat map read as a table (its cells' text says
value and n), the main navigation to the page across missions, in English and in French."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.console.calibration_world import plant
from tests.console.conftest import ConsoleWorld
from tests.console.results_world import ResultsWorld, enrich
from tests.console.test_results_browser import sign_in


@pytest.fixture
def rw(console_world: ConsoleWorld) -> Iterator[ResultsWorld]:
    world = enrich(console_world)
    plant(world)
    yield world


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_from_the_mission_to_its_calibration(rw: ResultsWorld, live_console: str, page: Page,
                                             lang: str) -> None:
    words = {"en": {"tab": "Calibration", "heat": "Interview levels: assessors × criteria",
                    "across": "across missions", "decimal": "+0.50"},
             "fr": {"tab": "Calibrage", "heat": "Niveaux d'entretien : évaluateurs × critères",
                    "across": "toutes missions", "decimal": "+0,50"}}[lang]
    mission = rw.base.mission_a
    sign_in(page, live_console, "viewer", f"/missions/{mission}")
    if lang == "fr":
        page.get_by_role("button", name="Français").click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Mission").get_by_role("link", name=words["tab"]).click()
    page.wait_for_url(f"**/missions/{mission}/calibration")
    heading = page.get_by_role("heading", name=words["heat"])
    expect(heading).to_be_visible()
    table = page.locator("table.heatmap")
    paul = table.get_by_role("row", name="Paul Professeur")
    expect(paul).to_contain_text(words["decimal"])  # the lenient assessor, in words too
    expect(paul.locator("td.heat-p3").first).to_be_visible()
    page.get_by_role("navigation").first.get_by_role("link", name=words["tab"]).click()
    page.wait_for_url(f"{live_console}/calibration")
    expect(page.get_by_role("heading", level=1)).to_contain_text(words["across"])
