"""A mission's downloads from the console: results as XLSX and CSV (formula-safe, as the
export command writes them) and the jury minutes PDF; role-checked like the pages."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.console.conftest import ConsoleWorld
from tests.console.results_world import FORMULA_NAME, ResultsWorld, enrich

Client = Callable[..., TestClient]
DOWNLOADS = ("results.xlsx", "results.csv", "jury-minutes.pdf")


@pytest.fixture
def rw(console_world: ConsoleWorld) -> Iterator[ResultsWorld]:
    yield enrich(console_world)


def test_xlsx_holds_the_results_and_no_formula(rw: ResultsWorld,
                                               console_client: Client) -> None:
    r = console_client("viewer").get(f"/missions/{rw.base.mission_a}/results.xlsx")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert r.headers["content-disposition"].startswith(
        'attachment; filename="VN-2027-HANOI-results-')
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = rows[0]
    by_number = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert sorted(by_number) == [f"VN-2027-00{i}" for i in range(1, 7)]
    first = by_number["VN-2027-001"]
    assert first["decision"] == "admit" and first["option"] == "ENG"
    assert first["mark_maths"] == "16 / 9"  # every marker's, in marker-name order
    assert first["third_reading"] == "maths"
    # Paul's draft scorecard is no result: only the chair's submitted one is there
    cards = {k: v for k, v in first.items() if k.startswith("scorecard")}
    assert cards["scorecard1_author"] == "Marc Membre" and "scorecard2_author" not in cards
    assert "Paul Professeur" not in cards.values() and "reject" not in cards.values()
    # the formula-like name is text with Excel's quote prefix, never a formula
    cells = {c.value: c for row in ws.iter_rows() for c in row}
    formula = cells[FORMULA_NAME]
    assert formula.data_type == "s" and formula.quotePrefix
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_csv_neutralises_formulas(rw: ResultsWorld, console_client: Client) -> None:
    r = console_client("officer").get(f"/missions/{rw.base.mission_a}/results.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")  # a BOM, for spreadsheets
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    row = next(x for x in rows if x[0] == "VN-2027-004")
    assert row[1] == "'" + FORMULA_NAME and row[2] == "'+1"
    assert not any(cell.startswith(("=", "+", "-", "@")) for x in rows for cell in x)


def test_jury_minutes_pdf(rw: ResultsWorld, console_client: Client) -> None:
    r = console_client("member_a").get(f"/missions/{rw.base.mission_a}/jury-minutes.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "Jury minutes" in text and "VN-2027-HANOI" in text
    assert "VN-2027-001" in text and "Admit · ENG" in text
    assert "Marc Membre" in text and "Paul Professeur" in text  # the jury
    assert "Admitted: 1 · Waitlisted: 1" in text


@pytest.mark.parametrize("what", DOWNLOADS)
def test_downloads_are_role_checked(rw: ResultsWorld, console_client: Client,
                                    what: str) -> None:
    url = f"/missions/{rw.base.mission_a}/{what}"
    assert console_client("stranger").get(url).status_code == 404
    r = console_client(None, follow_redirects=False).get(url)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert console_client("viewer").get(url).status_code == 200
    unknown = f"/missions/00000000-0000-0000-0000-000000000000/{what}"
    assert console_client("admin").get(unknown).status_code == 404


def test_results_files_are_for_the_office_and_the_chair(rw: ResultsWorld,
                                                        console_client: Client) -> None:
    """Every marker's marks and every scorecard: a member who is not the chair would read
    through the blind rules, so only the jury minutes are theirs."""
    paul = console_client("paul")
    a = rw.base.mission_a
    assert paul.get(f"/missions/{a}/results.xlsx").status_code == 403
    assert paul.get(f"/missions/{a}/results.csv").status_code == 403
    assert paul.get(f"/missions/{a}/jury-minutes.pdf").status_code == 200
    assert console_client("member_a").get(f"/missions/{a}/results.xlsx").status_code == 200
