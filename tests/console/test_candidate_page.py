"""The candidate page: identity, marks by marker with the third reading, submitted scorecards
with their notes (never a draft), the decision, and the full history of changes (who, which
desk, when on the desk and on the server, old -> new), in English and French."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from server.console.history_queries import assessor_names, candidate_history
from tests.console.conftest import ConsoleWorld
from tests.console.results_world import DRAFT_NOTE, ResultsWorld, enrich

Client = Callable[..., TestClient]


@pytest.fixture
def rw(console_world: ConsoleWorld) -> Iterator[ResultsWorld]:
    yield enrich(console_world)


def text_of(page: str) -> str:
    """The page's visible text, one space between pieces (for plain assertions)."""
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    end = page.find("</section>", start)
    return text_of(page[start:end])


def history_rows(page: str) -> list[str]:
    body = page[page.index('class="data history"'):]
    body = body[body.index("<tbody>"):body.index("</tbody>")]
    return [text_of(row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_identity_marks_scorecards_and_decision(rw: ResultsWorld,
                                                console_client: Client) -> None:
    r = console_client("viewer").get(f"/candidates/{rw.first}")
    assert r.status_code == 200
    page = r.text
    identity = section(page, "identity-h")
    assert "Nguyễn" in identity and "Thị Minh Anh" in identity and "Present" in identity
    assert "Free mover" in identity and "room R1" in identity
    assert "Marc Membre, Paul Professeur" in identity  # the panel

    marks = section(page, "marks-h")
    assert "Marc Membre: 16" in marks and "Paul Professeur: 9" in marks
    assert re.search(r"Mathematics [^:]*Marc Membre: 16 Paul Professeur: 9 12\.50 needed: "
                     r"the markers disagree", marks), marks
    assert marks.count("needed: the markers disagree") == 1  # maths only

    cards = section(page, "cards-h")
    assert "Clear, well-prepared answers." in cards and "Marc Membre" in cards
    assert "Recommendation: Admit" in cards
    assert "Good —" in cards  # a level's label with its description
    assert "1 scorecard begun and not submitted is not shown." in cards
    assert "Paul Professeur" not in cards
    assert DRAFT_NOTE not in page  # nowhere, not even in the history

    decision = section(page, "decision-h")
    assert "Admit · Engineering cycle" in decision
    assert "Strong written marks and interview." in decision
    assert "Marc Membre" in decision


def test_history_shows_who_which_desk_when_and_old_to_new(rw: ResultsWorld,
                                                          console_client: Client) -> None:
    page = console_client("viewer").get(f"/candidates/{rw.first}").text
    rows = history_rows(page)
    assert "Asia/Ho_Chi_Minh" in section(page, "history-h")
    mark = [row for row in rows if "Mark · maths" in row and row.endswith("→ 16")]
    assert len(mark) == 1
    # the desk's clock said 10:30 UTC: 17:30 in Hanoi; received by the server today
    assert re.match(r"Jan 13, 2027,? 5:30(:00)? PM .*\b20\d\d\b.* Marc Membre "
                    r"member_a-laptop Mark · maths value 15\.5 → 16$", mark[0]), mark[0]
    status = [row for row in rows if "Candidate status" in row]
    assert [row.split(" status ")[1] for row in status] == ["— → Registered",
                                                            "Registered → Present"]
    status = status[1:]
    assert re.match(r"Jan 13, 2027,? 5:30", status[0]), status[0]
    panel = [row for row in rows if "Interview panel" in row]
    assert panel[-1].endswith("Marc Membre → Marc Membre, Paul Professeur")
    # Paul's draft: who and when, never the values
    draft = [row for row in rows if "Scorecard · Paul Professeur" in row]
    assert draft and all("hidden until the scorecard is submitted" in row for row in draft)
    assert all("paul-laptop" in row for row in draft)
    # the first marks, made by the first sync, are there from the start (— → value)
    assert any(re.search(r"Mark · physics value — → 12$", row) for row in rows)
    # a field born empty (no wishes) is not a line
    assert not any(row.endswith("— → —") for row in rows)
    # oldest first
    assert rows.index(next(r for r in rows if "Mark · physics" in r)) < rows.index(mark[0])


def test_history_query_times(rw: ResultsWorld) -> None:
    with rw.base.sessions() as s:
        names = assessor_names(s, rw.base.mission_a)
        entries = candidate_history(s, rw.base.mission_a, rw.first, names)
    changed = [e for e in entries if e.entity == "mark" and e.new == "16"]
    assert len(changed) == 1
    e = changed[0]
    assert e.old == "15.5" and e.who == "Marc Membre" and e.desk == "member_a-laptop"
    assert e.desk_at is not None and e.desk_at.isoformat() == "2027-01-13T10:30:00+00:00"
    assert e.server_at.tzinfo is not None and e.server_at > e.desk_at.replace(year=2026,
                                                                             month=1)
    assert not any(e.field in ("candidate_id", "mission_id") for e in entries)


def test_candidate_page_in_french(rw: ResultsWorld, console_client: Client) -> None:
    client = console_client("viewer")
    r = client.post("/account/language", data={"locale": "fr", "next": "/missions",
                                               "csrf_token": client.csrf_token},
                    follow_redirects=False)
    assert r.status_code in (303, 302), r.text
    page = client.get(f"/candidates/{rw.first}").text
    assert '<html lang="fr">' in page
    assert "Historique des modifications" in page
    identity = section(page, "identity-h")
    assert "Présent" in identity and "Candidat libre" in identity
    decision = section(page, "decision-h")
    assert "Admettre · Engineering cycle" in decision
    rows = history_rows(page)
    mark = next(row for row in rows if "Note · maths" in row and row.endswith("→ 16"))
    # dates in French, marks with a decimal comma
    assert re.match(r"13 janv\. 2027,? 17:30", mark) and mark.endswith("15,5 → 16"), mark
    cards = section(page, "cards-h")
    assert "Bon —" in cards  # the rubric's French level label


def test_who_may_open_a_candidate(rw: ResultsWorld, console_client: Client) -> None:
    url = f"/candidates/{rw.first}"
    for role in ("admin", "officer", "viewer", "member_a"):
        assert console_client(role).get(url).status_code == 200, role
    assert console_client("stranger").get(url).status_code == 404
    r = console_client(None, follow_redirects=False).get(url)
    assert r.status_code == 303
    viewer = console_client("viewer")
    assert viewer.get("/candidates/00000000-0000-0000-0000-000000000000").status_code == 404
    assert viewer.get("/candidates/" + "x" * 300).status_code == 404


def test_what_a_complete_score_still_needs(rw: ResultsWorld, console_client: Client) -> None:
    client = console_client("viewer")
    free_mover, double_degree = rw.base.candidates[1], rw.base.candidates[2]
    scores = section(client.get(f"/candidates/{free_mover}").text, "scores-h")
    assert ("Missing for a complete score: written marks in Mathematics, Physics, Specialty; "
            "a submitted scorecard") in scores
    scores = section(client.get(f"/candidates/{double_degree}").text, "scores-h")
    assert "Missing for a complete score: a submitted scorecard" in scores  # no written test


def test_a_team_member_reads_under_the_desks_blind_rules(rw: ResultsWorld,
                                                         console_client: Client) -> None:
    """Paul (a member, no console role) marked maths only and holds a draft scorecard: the
    chair's other marks and her submitted scorecard stay hidden from him, as on the desk."""
    page = console_client("paul").get(f"/candidates/{rw.first}").text
    marks = section(page, "marks-h")
    assert "Marc Membre: 16 Paul Professeur: 9" in marks  # maths: his own is entered
    assert "Marc Membre: 12" not in marks and "Marc Membre: 14" not in marks
    assert "2 marks of other markers are hidden until you enter your own" in marks
    cards = section(page, "cards-h")
    assert "1 submitted scorecard is hidden until you submit your own (blind panel)." in cards
    assert "Clear, well-prepared answers." not in page and DRAFT_NOTE not in page
    rows = history_rows(page)
    assert not any(row.endswith("→ 12") or row.endswith("→ 16") for row in rows)
    assert any("hidden by blind second marking" in row for row in rows)
    # the chair sees everything, as on the desk
    chair = console_client("member_a").get(f"/candidates/{rw.first}").text
    assert "Clear, well-prepared answers." in chair and "Marc Membre: 12" in section(
        chair, "marks-h")
