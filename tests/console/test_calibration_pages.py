"""The console's calibration pages (issue 17 §3): a mission's, and every readable mission's
side by side — the domain's figures (server.calibration) with names, the heat map as a table
whose cells carry a colour class AND their value and n, figures under the threshold hidden;
the results file's roles (office, viewers, a mission's chair; not another team member);
in French with decimal commas."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from app.domain.calibration import MIN_CANDIDATES
from server.calibration import load_calibration
from server.console.calibration_queries import Figures, heat_class
from tests.console.calibration_world import PLANTED, plant
from tests.console.conftest import ConsoleWorld
from tests.console.results_world import ResultsWorld, enrich

Client = Callable[..., TestClient]


@pytest.fixture
def rw(console_world: ConsoleWorld) -> Iterator[ResultsWorld]:
    world = enrich(console_world)
    plant(world)
    yield world


def section(page: str, anchor: str) -> str:
    start = page.index(f'aria-labelledby="{anchor}"')
    end = page.find("</section>", start)
    return page[start:end]


def cell_of(row_html: str, text: str) -> re.Match[str] | None:
    return re.search(r'<td class="num (heat-[a-z0-9]+)"[^>]*>' + re.escape(text), row_html)


def test_heat_map_markers_and_gaps_of_a_mission(rw: ResultsWorld, console_client: Client
                                                ) -> None:
    page = console_client("viewer").get(f"/missions/{rw.base.mission_a}/calibration")
    assert page.status_code == 200
    html = page.text
    with rw.base.sessions() as s:
        cal = load_calibration(s, [rw.base.mission_a]).calibrate()
    fig = Figures("en")

    heat = section(html, "heat-h")
    assert "<caption>" in heat and '<th scope="col">Assessor</th>' in heat
    rows = {m.group(1): m.group(0) for m in re.finditer(
        r'<tr>\s*<th scope="row">([^<]+)</th>.*?</tr>', heat, re.S)}
    assert set(rows) == {"Marc Membre", "Paul Professeur"}
    paul = rw.paul.assessor_id
    for stat in cal.assessors:
        name = "Paul Professeur" if stat.assessor_id == paul else "Marc Membre"
        d = stat.deviation
        if d.shown:
            found = cell_of(rows[name], f"{fig.signed(d.value)} <span class=\"n\">(n={d.n})")
            assert found and found.group(1) == heat_class(d), (name, stat)
    # the planted lenient assessor: more lenient on every criterion, in the darkest orange
    lenient = [c for c in cal.assessors if c.assessor_id == paul and c.deviation.shown]
    assert lenient and all(c.deviation.value > 0 for c in lenient)
    assert rows["Paul Professeur"].count("heat-p3") == len(lenient)
    assert "more lenient than the panel" in heat  # the legend says it in words too

    markers = section(html, "markers-h")
    maths = re.search(r'<th scope="row">Paul Professeur</th>\s*<td>Mathematics</td>\s*'
                      r'<td class="num">([^<]+)</td>\s*<td class="num">(\d+)</td>', markers)
    assert maths is not None
    stat = next(m for m in cal.markers if m.marker_id == paul and m.subject == "maths")
    assert maths.group(1).strip() == f"{fig.signed(stat.deviation.value)} " \
        f"{fig.interval(stat.deviation)}"
    assert stat.deviation.value < 0 and int(maths.group(2)) == stat.deviation.n >= PLANTED
    # physics rests on three scripts: hidden
    physics = re.search(r'<th scope="row">Paul Professeur</th>\s*<td>Physics</td>\s*'
                        r'<td class="num">(.*?)</td>', markers, re.S)
    assert physics is not None and f"n&lt;{MIN_CANDIDATES}" in physics.group(1)

    gaps = section(html, "gaps-h")
    first = re.search(r"<tbody>\s*<tr>\s*<th scope=\"row\"><a href=\"/candidates/([^\"]+)\">"
                      r"([^<]+)</a></th>.*?<td class=\"num\">([^<]+)</td>", gaps, re.S)
    assert first is not None
    top = max(cal.gaps, key=lambda g: g.gap)
    assert first.group(1) == top.candidate_id == rw.first  # 16 against 9 in maths
    assert first.group(2) == "VN-2027-001 · Nguyễn Thị Minh Anh"  # no script code issued
    assert first.group(3) == fig.plain(top.gap) == "7.00"
    assert "Marc Membre 16 · Paul Professeur 9" in gaps or \
        "Paul Professeur 9 · Marc Membre 16" in gaps


def test_across_missions_lists_each_mission(rw: ResultsWorld, console_client: Client) -> None:
    html = console_client("officer").get("/calibration").text
    assert "across missions" in html
    assert f'href="/missions/{rw.base.mission_a}/calibration"' in html
    assert f'href="/missions/{rw.base.mission_b}/calibration"' in html
    gaps = section(html, "gaps-h")
    assert '<th scope="col">Mission</th>' in gaps and "<td>VN-2027-HANOI</td>" in gaps
    assert "Paul Professeur" in section(html, "heat-h")
    # the main navigation leads here, the mission's tabs to the mission's page
    assert '<a href="/calibration" aria-current="page">Calibration</a>' in html
    mission = console_client("officer").get(f"/missions/{rw.base.mission_a}").text
    assert f'href="/missions/{rw.base.mission_a}/calibration"' in mission


def test_roles_follow_the_results_file(rw: ResultsWorld, console_client: Client) -> None:
    url = f"/missions/{rw.base.mission_a}/calibration"
    assert console_client("member_a").get(url).status_code == 200  # the chair
    assert console_client("admin").get(url).status_code == 200
    assert console_client("stranger").get(url).status_code == 404  # not their mission
    paul = console_client("paul")  # a member of the team, not its chair
    refused = paul.get(url)
    assert refused.status_code == 403 and "blind panel" in refused.text
    across = paul.get("/calibration")
    assert across.status_code == 200
    assert "VN-2027-HANOI" not in across.text  # only the missions one chairs
    assert "No mission you may read the calibration of." in across.text
    stranger = console_client("stranger").get("/calibration").text
    assert "IN-2027-CHENNAI" in stranger and "VN-2027-HANOI" not in stranger


def test_calibration_in_french(rw: ResultsWorld, console_client: Client) -> None:
    client = console_client("officer")
    client.post("/account/language", data={"locale": "fr", "next": "/missions",
                                           "csrf_token": client.csrf_token})
    html = client.get(f"/missions/{rw.base.mission_a}/calibration").text
    assert '<html lang="fr">' in html and "Calibrage" in html
    assert "Niveaux d’entretien" in html or "Niveaux d'entretien" in html
    assert "plus indulgent que le jury" in html
    assert re.search(r"\+0,\d\d <span class=\"n\">", html)  # decimal commas
    assert "Mathématiques" in html and "Écart" in html


def test_the_annex_downloads_for_the_same_readers(rw: ResultsWorld, console_client: Client
                                                  ) -> None:
    url = f"/missions/{rw.base.mission_a}/calibration-annex.pdf"
    page = console_client("officer").get(f"/missions/{rw.base.mission_a}/calibration").text
    assert f'<a href="{url}" download>Annex to the jury minutes (PDF)</a>' in page
    r = console_client("member_a").get(url)  # the chair
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert "calibration-annex" in r.headers["content-disposition"]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
                    .split())
    assert "Annex to the jury minutes: calibration" in text and "Markers / Correcteurs" in text
    assert console_client("paul").get(url).status_code == 403
    assert console_client("stranger").get(url).status_code == 404
