"""Long tables on the jury papers are laid out a page at a time (``PagedGrid``): the same pages
as one ReportLab table split at each page break, and each row measured a bounded number of
times however long the table, where a split table re-measures every remaining row at each page
break (quadratic: 28 s for the minutes of 20,000 candidates)."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate

from app.reports.layout import TextLine
from app.reports.tables import PagedGrid, grid
from tests.reports.pdftext import page_text

WIDTHS = [20 * mm, 45 * mm]
LONG = "Rodríguez-Villanueva Castellanos de la Santísima Trinidad"


class CountingLine(TextLine):
    wraps = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        CountingLine.wraps += 1
        return super().wrap(avail_width, avail_height)


def _rows(n: int, cell: type[TextLine] = TextLine) -> list[list[object]]:
    rows: list[list[object]] = [["Rank", "Name / Nom"]]
    for i in range(n):
        # every seventh name wraps onto more lines: rows of different heights
        rows.append([str(i + 1), cell(f"Candidate {i + 1} {LONG if i % 7 == 0 else ''}", 8)])
    return rows


def _pdf(flowable: Flowable) -> PdfReader:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([flowable])
    return PdfReader(io.BytesIO(buf.getvalue()))


def _fills(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The shaded rectangles of a page (header fill, zebra stripes), in drawing order."""
    data = page.get_contents().get_data().decode("latin-1")
    return re.findall(r"[\d.\- ]+ re f", data)


def test_same_pages_as_one_split_table() -> None:
    split = _pdf(grid(_rows(300), WIDTHS))
    paged = _pdf(PagedGrid(_rows(300), WIDTHS))
    assert len(split.pages) == len(paged.pages) > 5
    for a, b in zip(split.pages, paged.pages, strict=True):
        assert page_text(a) == page_text(b)
        assert page_text(b).startswith("Rank\nName / Nom\n")  # header on every page
        assert _fills(a) == _fills(b)  # the same header fill and zebra stripes


def test_every_row_once_in_order() -> None:
    text = "".join(page_text(p) for p in _pdf(PagedGrid(_rows(500), WIDTHS)).pages)
    found = [int(n) for n in re.findall(r"Candidate (\d+)", text)]
    assert found == list(range(1, 501))


def _wraps_per_row(n: int) -> float:
    CountingLine.wraps = 0
    _pdf(PagedGrid(_rows(n, CountingLine), WIDTHS))
    return CountingLine.wraps / n


def test_rows_measured_a_bounded_number_of_times() -> None:
    small, large = _wraps_per_row(400), _wraps_per_row(3200)
    # a split table measures each row once per page still ahead of it: about 8x more here
    assert large <= small * 1.25
    assert large < 10
