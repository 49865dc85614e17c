"""The candidates tables (per mission, across missions): folded search, filters, sorting,
paging, htmx partial updates, and who may see which mission's candidates."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from app.domain.candidate import CandidateRecord
from server import missions, scores
from server.console.results_queries import TableQuery, candidates_table
from server.models import Mission
from tests.console.conftest import ConsoleWorld
from tests.console.results_world import ResultsWorld, enrich

Client = Callable[..., TestClient]


@pytest.fixture
def rw(console_world: ConsoleWorld) -> Iterator[ResultsWorld]:
    yield enrich(console_world)


def numbers(html: str) -> list[str]:
    """The application numbers in the table, in their order."""
    return re.findall(r"<td>(VN-2027-\d{3}|IN-\d+)</td>", html)


def table(client: TestClient, url: str, **params: str) -> str:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.text


def test_mission_table_lists_its_candidates_with_scores_and_decisions(
        rw: ResultsWorld, console_client: Client) -> None:
    html = table(console_client("viewer"), f"/missions/{rw.base.mission_a}/candidates")
    assert numbers(html) == [f"VN-2027-00{i}" for i in range(1, 7)]
    assert "Nguyễn Thị Minh Anh" in html and f'href="/candidates/{rw.first}"' in html
    assert "Admit · ENG" in html and "Waitlist" in html
    assert "Withdrawn" in html  # the withdrawn candidate's score state
    # the formula-like name is escaped text, never markup
    assert "=HYPERLINK(&#34;http://evil.example&#34;,&#34;click&#34;)" in html


@pytest.mark.parametrize(("q", "expected"), [
    ("nguyen", ["VN-2027-001"]),            # no diacritics typed
    ("NGUYỄN thi", ["VN-2027-001"]),        # any case, several words
    ("thang duc", ["VN-2027-006"]),         # đ folds to d, words in any order
    ("vn-2027-005", ["VN-2027-005"]),       # application number
    ("zzz", []),
])
def test_search_folds_accents_and_case(rw: ResultsWorld, console_client: Client, q: str,
                                       expected: list[str]) -> None:
    html = table(console_client("viewer"), f"/missions/{rw.base.mission_a}/candidates", q=q)
    assert numbers(html) == expected
    if not expected:
        assert "No candidate matches this search." in html


@pytest.mark.parametrize(("params", "expected"), [
    ({"country": "India"}, ["VN-2027-005"]),
    ({"track": "double_degree"}, ["VN-2027-003"]),
    ({"status": "withdrawn"}, ["VN-2027-006"]),
    ({"status": "present"}, ["VN-2027-001"]),
    ({"decision": "admit"}, ["VN-2027-001"]),
    ({"decision": "waitlist"}, ["VN-2027-005"]),
    ({"decision": "none"}, ["VN-2027-002", "VN-2027-003", "VN-2027-004", "VN-2027-006"]),
    ({"country": "Vietnam", "track": "free_mover", "decision": "none"},
     ["VN-2027-002", "VN-2027-004", "VN-2027-006"]),
])
def test_filters(rw: ResultsWorld, console_client: Client, params: dict[str, str],
                 expected: list[str]) -> None:
    html = table(console_client("officer"), f"/missions/{rw.base.mission_a}/candidates",
                 **params)
    assert numbers(html) == expected


def test_country_filter_offers_the_candidates_nationalities(
        rw: ResultsWorld, console_client: Client) -> None:
    html = table(console_client("viewer"), f"/missions/{rw.base.mission_a}/candidates")
    select = html[html.index('id="filter-country"'):]
    select = select[:select.index("</select>")]
    assert re.findall(r"<option(?: selected)?>([^<]+)</option>", select) == ["India",
                                                                           "Vietnam"]


def test_sorting(rw: ResultsWorld, console_client: Client) -> None:
    client = console_client("viewer")
    url = f"/missions/{rw.base.mission_a}/candidates"
    assert numbers(table(client, url, sort="application_number", desc="1"))[0] == "VN-2027-006"
    # by name, folded: "=HYPERLINK" < "Le" < "Nguyen" < "Pham" < "Sharma" < "Tran"
    assert numbers(table(client, url, sort="name")) == [
        "VN-2027-004", "VN-2027-003", "VN-2027-001", "VN-2027-006", "VN-2027-005",
        "VN-2027-002"]
    # by score: the only ranked candidate first, whichever the direction; the rest after
    assert numbers(table(client, url, sort="score"))[0] == "VN-2027-001"
    assert numbers(table(client, url, sort="score", desc="1"))[0] == "VN-2027-001"
    by_decision = numbers(table(client, url, sort="decision"))
    assert by_decision[:2] == ["VN-2027-001", "VN-2027-005"]  # admit, waitlist, then none


def test_sort_links_toggle_direction_and_keep_filters(rw: ResultsWorld,
                                                      console_client: Client) -> None:
    html = table(console_client("viewer"), f"/missions/{rw.base.mission_a}/candidates",
                 country="Vietnam", sort="name")
    link = f"/missions/{rw.base.mission_a}/candidates?country=Vietnam&amp;sort=name&amp;desc=1"
    assert f'href="{link}"' in html
    assert 'aria-sort="ascending"' in html


def test_malformed_parameters_fall_back_to_defaults(rw: ResultsWorld,
                                                    console_client: Client) -> None:
    html = table(console_client("viewer"), f"/missions/{rw.base.mission_a}/candidates",
                 page="abc", per_page="7", sort="password", desc="yes", track="robot",
                 decision="<script>", q="x" * 5000)
    assert "No candidate matches this search." in html  # the search, cut to 200 x's


def test_paging(rw: ResultsWorld, console_client: Client) -> None:
    with rw.base.sessions() as s, s.begin():
        mission = s.get_one(Mission, rw.base.mission_a)
        missions.add_candidates(s, mission, [
            CandidateRecord(application_number=f"IN-{i:03d}", family_name=f"Kumar {i:03d}",
                            track="free_mover", nationality="India") for i in range(30)])
    client = console_client("viewer")
    url = f"/missions/{rw.base.mission_a}/candidates"
    first = table(client, url, per_page="25")
    assert len(numbers(first)) == 25 and "Page 1 of 2" in first
    assert "Candidates 1–25 of 36" in first
    second = table(client, url, per_page="25", page="2")
    assert len(numbers(second)) == 11 and "Page 2 of 2" in second
    assert not set(numbers(first)) & set(numbers(second))
    # a page past the end shows the last one
    assert numbers(table(client, url, per_page="25", page="99")) == numbers(second)
    assert len(numbers(table(client, url, per_page="1000"))) == 36


def test_htmx_asks_for_the_table_alone(rw: ResultsWorld, console_client: Client) -> None:
    client = console_client("viewer")
    url = f"/missions/{rw.base.mission_a}/candidates"
    r = client.get(url, params={"q": "sharma"},
                   headers={"HX-Request": "true", "HX-Target": "results-table"})
    assert r.status_code == 200
    assert r.text.lstrip().startswith('<div id="results-table"')
    assert "<html" not in r.text and numbers(r.text) == ["VN-2027-005"]
    assert "HX-Request" in r.headers["vary"]
    # the back button's history restore asks for the whole page
    r = client.get(url, headers={"HX-Request": "true", "HX-Target": "results-table",
                                 "HX-History-Restore-Request": "true"})
    assert "<html" in r.text
    # the full page wires the form to that partial update, no inline script
    page = client.get(url).text
    assert f'hx-get="{url}"' in page and 'hx-target="#results-table"' in page
    # a newer filter's request replaces one still in flight (no stale table wins the race)
    assert 'hx-sync="this:replace"' in page
    assert "<script>" not in page and "onclick" not in page


def test_across_missions_only_what_the_user_may_read(rw: ResultsWorld,
                                                     console_client: Client) -> None:
    with rw.base.sessions() as s, s.begin():
        b = s.get_one(Mission, rw.base.mission_b)
        missions.add_candidates(s, b, [CandidateRecord(
            application_number="IN-900", family_name="Iyer", track="free_mover",
            nationality="India")])
    for role in ("viewer", "officer", "admin"):
        html = table(console_client(role), "/candidates")
        assert "IN-2027-CHENNAI" in html and "VN-2027-HANOI" in html, role
        assert "IN-900" in numbers(html) and "VN-2027-001" in numbers(html)
    mine = table(console_client("member_a"), "/candidates")
    assert "IN-900" not in numbers(mine) and "VN-2027-001" in numbers(mine)
    theirs = table(console_client("stranger"), "/candidates")
    assert numbers(theirs) == ["IN-900"]
    assert "India" in theirs and "Vietnam" not in theirs  # not even in the country filter
    # across missions, the mission is a column and a filter-free sort key
    html = table(console_client("viewer"), "/candidates", sort="mission", country="India")
    assert numbers(html) == ["IN-900", "VN-2027-005"]


@pytest.mark.parametrize("path", ["/missions/{a}/candidates", "/missions/{a}/rankings"])
def test_another_missions_member_gets_404_and_anonymous_signs_in(
        rw: ResultsWorld, console_client: Client, path: str) -> None:
    url = path.format(a=rw.base.mission_a)
    assert console_client("stranger").get(url).status_code == 404
    assert console_client("member_a").get(url).status_code == 200
    r = console_client(None, follow_redirects=False).get(url)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    unknown = path.format(a="00000000-0000-0000-0000-000000000000")
    assert console_client("admin").get(unknown).status_code == 404


def test_query_counts_do_not_grow_with_rows(rw: ResultsWorld) -> None:
    """Grouped queries: the same number of statements for 6 candidates and for 36."""
    from sqlalchemy import event

    def count() -> int:
        n = 0

        def on(*_a: object) -> None:
            nonlocal n
            n += 1

        scores._cache.clear()  # the scoring's queries counted too, not a kept ranking
        event.listen(rw.base.engine, "before_cursor_execute", on)
        try:
            with rw.base.sessions() as s:
                page = candidates_table(s, [rw.base.mission_a], TableQuery(per_page=1000))
                assert page.total
        finally:
            event.remove(rw.base.engine, "before_cursor_execute", on)
        return n

    few = count()
    with rw.base.sessions() as s, s.begin():
        mission = s.get_one(Mission, rw.base.mission_a)
        missions.add_candidates(s, mission, [
            CandidateRecord(application_number=f"IN-{i:03d}", family_name="Rao",
                            track="free_mover") for i in range(30)])
    assert count() == few


def test_scores_follow_every_change(rw: ResultsWorld, console_client: Client) -> None:
    """Scores are kept per mission between pages; a synced change shows at once."""
    from sqlalchemy import select

    from server.models import Mark
    from tests.server.conftest import Desk

    client = console_client("viewer")
    url = f"/missions/{rw.base.mission_a}/candidates"

    def first_score() -> str:
        html = table(client, url, q="VN-2027-001")
        return re.findall(r'<td class="num">([0-9.]+)</td>', html)[0]

    before = first_score()
    assert first_score() == before  # the kept ranking, same page
    with rw.base.sessions() as s:
        maths = s.scalar(select(Mark.id).where(Mark.candidate_id == rw.first,
                                               Mark.subject == "maths",
                                               Mark.marker_id == rw.chair.assessor_id))
    desk = Desk(rw.base.api, rw.chair, rw.base.mission_a)
    result = desk.push([desk.mutation("mark", str(maths), {"value": "20"})])["results"]
    assert result[0]["status"] == "applied"
    after = first_score()
    # maths (16, 9) -> (20, 9): the subject mark 12.5 -> 14.5, the written score + 2/3,
    # the composite + 0.6 * 2/3 = + 0.4
    assert float(after) == pytest.approx(float(before) + 0.4, abs=0.006)
