"""Rankings per track with the domain's scoring, and the score distribution drawn as an
accessible SVG chart on the server (title, description, the same counts as a table)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from fractions import Fraction

import pytest
from fastapi.testclient import TestClient

from server.console.rankings_queries import score_chart
from tests.console.conftest import ConsoleWorld
from tests.console.results_world import ResultsWorld, enrich

Client = Callable[..., TestClient]


@pytest.fixture
def rw(console_world: ConsoleWorld) -> Iterator[ResultsWorld]:
    yield enrich(console_world)


def test_chart_counts_scores_in_two_point_bands() -> None:
    chart = score_chart([Fraction(0), Fraction(39, 2), Fraction(20), Fraction(10),
                         Fraction(199, 20), Fraction(10)])
    assert [b.count for b in chart.bars] == [1, 0, 0, 0, 1, 2, 0, 0, 0, 2]
    assert (chart.bars[0].low, chart.bars[-1].high) == (0, 20)
    assert chart.total == 6
    tallest = max(chart.bars, key=lambda b: b.height)
    # the tallest bar reaches the top tick, and every bar stands on the axis
    assert tallest.y == chart.y_ticks[-1][1]
    base = chart.top + chart.plot_height
    assert all(abs(b.y + b.height - base) < 0.2 for b in chart.bars)


def test_empty_chart_has_no_bar_height() -> None:
    chart = score_chart([])
    assert chart.total == 0 and all(b.height == 0 for b in chart.bars)


def test_rankings_page(rw: ResultsWorld, console_client: Client) -> None:
    r = console_client("viewer").get(f"/missions/{rw.base.mission_a}/rankings")
    assert r.status_code == 200
    page = r.text
    free = page[page.index('id="track-free_mover"'):page.index('id="track-double_degree"')]
    # the one complete candidate is ranked first; the others are listed unranked
    rows = re.findall(r"<tr>\s*<td class=\"num\">([^<]*)</td>\s*<td>([^<]+)</td>", free)
    assert rows[0] == ("1", "VN-2027-001")
    assert [n for _, n in rows] == ["VN-2027-001", "VN-2027-002", "VN-2027-004",
                                    "VN-2027-005", "VN-2027-006"]
    assert "Incomplete" in free and "Withdrawn" in free
    # the chart: an image with a title and a description, and its figures as a table
    svg = free[free.index("<svg"):free.index("</svg>")]
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "1 ranked candidate, counted by composite score" in svg
    assert "The chart's figures as a table" in free
    double = page[page.index('id="track-double_degree"'):]
    assert "<svg" not in double and "No candidate ranked yet" in double
    assert "<script>" not in page  # no inline script: the chart is drawn on the server
    assert "Composite /20 = (0.6 × written + 0.4 × interview) / 1." in free


def test_rankings_in_french(rw: ResultsWorld, console_client: Client) -> None:
    client = console_client("officer")
    client.post("/account/language", data={"locale": "fr", "next": "/missions",
                                           "csrf_token": client.csrf_token})
    page = client.get(f"/missions/{rw.base.mission_a}/rankings").text
    assert "Classements" in page and "Candidats libres" in page
    assert "Répartition des notes composites" in page
    free = page[page.index('id="track-free_mover"'):page.index('id="track-double_degree"')]
    assert "5 candidats · 1 classé" in free  # French plurals (CLDR: one, many, other)
    assert "(0,6 × écrit + 0,4 × entretien) / 1" in free  # decimal commas
