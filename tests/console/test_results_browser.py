"""The results pages in a real browser (Debian's chromium through pytest-playwright): search
and filter the candidates table (htmx swaps the table in place), open a candidate's history,
download the XLSX and read it back, in English and in French."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.console.conftest import PASSWORD, ConsoleWorld
from tests.console.results_world import FORMULA_NAME, ResultsWorld, enrich


@pytest.fixture
def rw(console_world: ConsoleWorld) -> Iterator[ResultsWorld]:
    yield enrich(console_world)


def sign_in(page: Page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}{next_path}")  # the console sends us to the login page and back
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}{next_path}")


def rows(page: Page) -> list[str]:
    """The application numbers in the table, as shown."""
    return page.locator("#results-table tbody tr > td:first-child").all_inner_texts()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_search_filter_history_and_xlsx(rw: ResultsWorld, live_console: str, page: Page,
                                        tmp_path, lang: str) -> None:
    words = {
        "en": {"search": "Search", "country": "Country", "decision": "Decision",
               "waitlist": "Waitlist", "history": "History of changes",
               "xlsx": "Results (XLSX)", "present": "Registered → Present"},
        "fr": {"search": "Rechercher", "country": "Pays", "decision": "Décision",
               "waitlist": "Liste d'attente", "history": "Historique des modifications",
               "xlsx": "Résultats (XLSX)", "present": "Inscrit → Présent"},
    }[lang]
    mission = rw.base.mission_a
    sign_in(page, live_console, "viewer", "/candidates")
    if lang == "fr":
        page.get_by_role("button", name="Français").click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.goto(f"{live_console}/missions/{mission}/candidates")
    expect(page.locator("#results-table tbody tr")).to_have_count(6)

    # typing searches as one types (htmx, no reload), accents and case folded
    marker = page.evaluate("() => { window.__kept = 'same page'; return window.__kept; }")
    page.get_by_label(words["search"]).fill("nguyen")
    expect(page.locator("#results-table tbody tr")).to_have_count(1)
    assert rows(page) == ["VN-2027-001"]
    assert page.evaluate("() => window.__kept") == marker  # the table was swapped in place
    assert "q=nguyen" in page.url  # the URL keeps the search

    page.get_by_label(words["search"]).fill("")
    expect(page.locator("#results-table tbody tr")).to_have_count(6)
    page.get_by_label(words["country"]).select_option("India")
    expect(page.locator("#results-table tbody tr")).to_have_count(1)
    assert rows(page) == ["VN-2027-005"]
    page.get_by_label(words["country"]).select_option("")
    page.get_by_label(words["decision"]).select_option(label=words["waitlist"])
    expect(page.locator("#results-table tbody tr")).to_have_count(1)
    assert rows(page) == ["VN-2027-005"]
    assert page.evaluate("() => window.__kept") == marker

    # open the first candidate's history
    page.get_by_label(words["decision"]).select_option("")
    expect(page.locator("#results-table tbody tr")).to_have_count(6)
    page.get_by_role("link", name="Nguyễn Thị Minh Anh").click()
    page.wait_for_url(f"**/candidates/{rw.first}")
    heading = page.get_by_role("heading", name=words["history"])
    expect(heading).to_be_visible()
    history = page.locator("table.history")
    expect(history).to_contain_text(words["present"])
    expect(history).to_contain_text("member_a-laptop")
    expect(history).to_contain_text("15")  # the corrected mark's old value

    # download the XLSX from the mission's page and read it back
    page.goto(f"{live_console}/missions/{mission}/candidates")
    with page.expect_download() as info:
        page.get_by_role("link", name=words["xlsx"]).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name.startswith("VN-2027-HANOI-results-") and path.suffix == ".xlsx"
    ws = load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][:3] == ["application_number", "family_name", "given_names"]
    assert sorted(row[0] for row in values[1:]) == [f"VN-2027-00{i}" for i in range(1, 7)]
    formula = next(c for row in ws.iter_rows() for c in row if c.value == FORMULA_NAME)
    assert formula.data_type == "s"
