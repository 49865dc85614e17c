"""A 90-character name on every jury paper: it wraps inside its cell (the row grows), its
text extracts whole, and no glyph of it lies outside the cell it belongs to.

The cell is read from the drawing itself (pdfplumber's vertical ruling lines): for each word
of the name, the ruling lines on either side of the word's start at its height bound the
cell, and the word must end before the right-hand line. Where a name is not in a table (the
report's title), the page's margin bounds it."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from sqlalchemy import select

from app.domain.enums import CandidateStatus, Track
from app.reports.build import ReportKind, generate
from app.reports.layout import MARGIN
from app.store.models import Candidate, Interview
from tests.reports.pdftext import pdf_text

FAMILY = "Rodríguez-Villanueva Castellanos de la Santísima Trinidad"
GIVEN = "Eva María Fernanda de las Nieves"
NAME = f"{FAMILY} {GIVEN}"
# words that occur nowhere else on the papers
WORDS = ("Rodríguez-Villanueva", "Castellanos", "Santísima", "Trinidad", "María", "Fernanda",
         "Nieves")


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[ReportKind, Path], str]:
    import keyring

    from app.demo import init_demo
    from app.store.database import Store
    from tests.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    folder = tmp_path_factory.mktemp("long-names")
    store = Store.open(folder / "desk")
    try:
        mission_id, _chair = init_demo(store, candidates=12, seed=11)
        with store.write() as s:
            c, room = s.execute(
                select(Candidate, Interview.room).join(Interview,
                                                      Interview.candidate_id == Candidate.id)
                .where(Candidate.track == Track.FREE_MOVER,
                       Candidate.status == CandidateStatus.PRESENT)
                .order_by(Candidate.application_number)).first()
            c.family_name, c.given_names = FAMILY, GIVEN
            number = c.application_number
        paths = {kind: generate(store, mission_id, kind, folder / f"{kind.value}.pdf",
                                candidate_number=number if kind == ReportKind.CANDIDATE
                                else None, room=room if kind != ReportKind.RANKING else None)
                 for kind in ReportKind}
    finally:
        store.close()
        keyring.set_keyring(previous)
    assert len(NAME) == 90
    return paths, number


# The calibration annex names no candidate but in its list of marking gaps (and by script
# code while a subject is anonymous): the papers that list candidates.
NAMED = [k for k in ReportKind if k != ReportKind.CALIBRATION]


@pytest.mark.parametrize("kind", NAMED)
def test_long_name_extracts_whole(papers, kind: ReportKind) -> None:
    paths, _number = papers
    text = " ".join(pdf_text(paths[kind]).split())
    assert NAME in text


def _cell_right(page: pdfplumber.page.Page, word: dict) -> float:
    """The x of the ruling line closing the cell where ``word`` starts (the page margin
    when the word is in no table)."""
    middle = (word["top"] + word["bottom"]) / 2
    xs = sorted(e["x0"] for e in page.edges if e["orientation"] == "v"
                and e["top"] - 0.5 <= middle <= e["bottom"] + 0.5)
    right = [x for x in xs if x > word["x0"] + 0.5]
    return right[0] if right else float(page.width) - MARGIN


@pytest.mark.parametrize("kind", NAMED)
def test_long_name_stays_inside_its_cell(papers, kind: ReportKind) -> None:
    paths, _number = papers
    seen = 0
    with pdfplumber.open(paths[kind]) as pdf:
        for page in pdf.pages:
            for word in page.extract_words(keep_blank_chars=False, use_text_flow=True):
                if word["text"].strip(" ,") not in WORDS:
                    continue
                seen += 1
                right = _cell_right(page, word)
                assert word["x1"] <= right + 0.01, (kind, word["text"], word["x1"], right)
    assert seen >= len(WORDS)


def test_a_name_that_does_not_fit_grows_its_row_instead_of_shrinking() -> None:
    from app.reports.layout import TextLine

    line = TextLine(NAME, 8.5)
    _w, h = line.wrap(50 * 2.8346, 1000)  # a 50 mm cell
    assert len(line._lines) >= 2 and h == pytest.approx(8.5 * 1.25 * len(line._lines))
    assert line._used == 8.5
    short = TextLine("Anh Nguyễn", 8.5)
    assert short.wrap(50 * 2.8346, 1000)[1] == pytest.approx(8.5 * 1.25)
