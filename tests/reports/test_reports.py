"""Every kind of report: names exactly as stored (Vietnamese, Chinese, Devanagari...), fonts
embedded, contents a jury signs (decisions, composite scores, page numbers, signatures)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.domain.enums import Track
from app.domain.scoring import ScoreState
from app.reports.build import ReportKind, generate
from app.reports.fonts import Script, fonts_dir, markup, runs
from app.reports.load import load_mission_data
from app.store.edits import EditService
from app.store.models import Candidate, Scorecard
from app.store.queries_marks import display_name
from tests.reports.pdftext import fonts_of, pdf_text

NOW = dt.datetime(2027, 2, 12, 12, 30, tzinfo=dt.UTC)  # 18:00 in Asia/Kolkata


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The 60-candidate demo with a few decisions, and one PDF of every kind."""
    import keyring

    from app.demo import init_demo
    from app.store.database import Store
    from tests.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    folder = tmp_path_factory.mktemp("reports")
    store = Store.open(folder / "desk")
    try:
        mission_id, chair_id = init_demo(store, candidates=60, seed=11)
        edits = EditService(store, mission_id, chair_id)
        with store.read() as s:
            data = load_mission_data(s, mission_id, with_details=False)
        ranked = [x for x in data.ranking[Track.FREE_MOVER] if x.state == ScoreState.RANKED]
        decided = {ranked[0].candidate_id: ("admit", "ING-GEN"),
                   ranked[1].candidate_id: ("waitlist", None),
                   ranked[2].candidate_id: ("reject", None)}
        for cid, (outcome, option) in decided.items():
            edits.set_decision(cid, outcome, option_code=option, rationale="Voted 4-0.")
        paths = {}
        for kind in ReportKind:
            paths[kind] = generate(store, mission_id, kind, folder / f"{kind.value}.pdf",
                                   now=NOW)
        with store.read() as s:
            people = s.execute(select(Candidate.application_number, Candidate.family_name,
                                      Candidate.given_names, Candidate.track,
                                      Candidate.status)).all()
            data = load_mission_data(s, mission_id)
        return {"paths": paths, "people": people, "data": data, "decided": decided,
                "texts": {k: pdf_text(p) for k, p in paths.items()}}
    finally:
        store.close()
        keyring.set_keyring(previous)


def _expected(kind: ReportKind, people: list) -> list[str]:
    """The names a report of ``kind`` must print (as stored: family name, then given names)."""
    out = []
    for _appno, family, given, track, status in people:
        if kind == ReportKind.MARK_SHEETS and (track != "free_mover" or status == "withdrawn"):
            continue
        if kind in (ReportKind.ATTENDANCE, ReportKind.TIMETABLE) and status == "withdrawn":
            continue
        if kind == ReportKind.BLANK_SHEETS and status in ("withdrawn", "absent"):
            continue
        out.append(display_name(family, given))
    return out


def test_demo_holds_every_script(reports):
    scripts = {s for _a, f, g, _t, _s in reports["people"] for s, _ in runs(f + g)}
    assert scripts == {Script.LATIN, Script.CJK, Script.DEVANAGARI}
    names = [display_name(f, g) for _a, f, g, _t, _s in reports["people"]]
    assert any(re.search("[ạ-ỹ]", n) for n in names)  # Vietnamese letters with two marks


# The calibration annex names no candidate but in its list of marking gaps (and by script
# code while a subject is anonymous): the papers that list candidates.
NAMED = [k for k in ReportKind if k != ReportKind.CALIBRATION]


@pytest.mark.parametrize("kind", NAMED)
def test_every_name_extracts_exactly_as_stored(reports, kind):
    text = reports["texts"][kind]
    expected = _expected(kind, reports["people"])
    assert expected
    missing = [n for n in expected if n not in text]
    assert not missing, f"{kind}: names not found as stored: {missing[:5]}"
    assert all(unicodedata.is_normalized("NFC", n) for n in expected)


def test_latin_and_chinese_extract_without_actualtext(reports):
    """Latin (Vietnamese included) and Chinese names come from the glyphs themselves; only
    Devanagari relies on /ActualText (see tests/reports/pdftext.py)."""
    raw = "\n".join(p.extract_text() for p in PdfReader(
        str(reports["paths"][ReportKind.RANKING])).pages)
    for _a, family, given, _t, _s in reports["people"]:
        name = display_name(family, given)
        if all(s != Script.DEVANAGARI for s, _ in runs(name)):
            assert name in raw


def test_devanagari_is_shaped_and_carries_actualtext(reports):
    """The glyphs of a conjunct (र्म) replace the characters, so the page carries the name as
    /ActualText for readers to copy."""
    content = b"".join(p.get_contents().get_data() for p in PdfReader(
        str(reports["paths"][ReportKind.RANKING])).pages)
    deva = {f for _a, f, g, _t, _s in reports["people"] for f in (f, g)
            if any(0x900 <= ord(c) < 0x980 for c in f)}
    assert deva
    for word in deva:
        hexed = word.encode("utf-16-be").hex().upper().encode()
        assert b"/ActualText <FEFF" + hexed in content


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_font_is_embedded(reports, kind):
    fonts = fonts_of(reports["paths"][kind])
    assert fonts, kind
    not_embedded = [name for name, embedded in fonts.items() if not embedded]
    assert not not_embedded, f"{kind}: fonts not embedded: {not_embedded}"
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in fonts)  # subsets


def test_ranking_contents(reports):
    text = reports["texts"][ReportKind.RANKING]
    data = reports["data"]
    assert "Procès-verbal du jury / Jury minutes" in text
    assert data.code in text
    for track in (Track.FREE_MOVER, Track.DOUBLE_DEGREE):
        for s in data.ranking[track]:
            if s.state == ScoreState.RANKED:
                assert s.composite_display in text
    assert "Admit · ING-GEN" in text and "Waitlist" in text and "Reject" in text
    assert "Admitted: 1 · Waitlisted: 1 · Rejected: 1" in text
    # the signature block names every member of the team
    for _id, name, _role, _chair in data.assessors:
        assert name in text
    assert "Chair / Président(e) du jury" in text and "Signature" in text
    # dates in the mission's time zone (Asia/Kolkata: UTC+05:30)
    assert "Printed 2027-02-12 18:00 (Asia/Kolkata, UTC+0530)" in text
    assert "Fait à Chennai, le 12/02/2027" in text
    pages = len(PdfReader(str(reports["paths"][ReportKind.RANKING])).pages)
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in text


def test_ranking_rows_in_rank_order(reports):
    text = reports["texts"][ReportKind.RANKING]
    data = reports["data"]
    numbers = [s.application_number for s in data.ranking[Track.FREE_MOVER]
               if s.state == ScoreState.RANKED]
    positions = [text.index(n) for n in numbers]
    assert positions == sorted(positions)


def test_candidate_report_contents(reports):
    text = reports["texts"][ReportKind.CANDIDATE]
    data = reports["data"]
    c = next(c for c in data.candidates if c.cards and c.id in reports["decided"])
    start = text.index(c.application_number)
    assert "Candidate interview report" in text
    rubric = data.config.rubric
    card = c.cards[0]
    crit = rubric.criteria[0]
    level = crit.level(card.levels[crit.key])
    assert f"{level.label}. {level.description}" in text[start:]
    assert f"Scorecard of {card.author}" in text[start:]
    assert c.score is not None and c.score.composite_display in text[start:]
    for code in c.wishes:
        assert code in text[start:]
    assert "Rationale / Motivation de la décision" in text and "Voted 4-0." in text
    pages = len(PdfReader(str(reports["paths"][ReportKind.CANDIDATE])).pages)
    assert pages >= len(data.candidates)  # each candidate starts a page
    # pages numbered within each candidate's report, so each signed paper stands alone
    footers = re.findall(r"(APP-\d{4}-\d{5}) · page (\d+) of (\d+) +\((\d+)/(\d+)\)", text)
    assert len(footers) == pages
    assert [int(f[3]) for f in footers] == list(range(1, pages + 1))
    assert {f[0] for f in footers} == {c.application_number for c in data.candidates}
    assert all(int(f[1]) <= int(f[2]) and int(f[4]) == pages for f in footers)


def test_sheets_contents(reports):
    att = reports["texts"][ReportKind.ATTENDANCE]
    assert "Attendance sheet — Room 1" in att and "Attendance sheet — Room 2" in att
    marks = reports["texts"][ReportKind.MARK_SHEETS]
    assert "Mathematics / Mathématiques" in marks and "Second marking" in marks
    blank = " ".join(reports["texts"][ReportKind.BLANK_SHEETS].split())  # wrapped lines
    data = reports["data"]
    for crit in data.config.rubric.criteria:
        for lvl in crit.levels:
            assert f"{lvl.value} · {lvl.label}" in blank
            assert lvl.description in blank
    assert "Strong admit" in blank and "Reject" in blank


def test_markup_escapes_and_switches_fonts():
    assert markup("A & <b>") == "A &amp; &lt;b&gt;"
    assert markup("शर्मा Vikram") == '<font face="MDDeva">शर्मा </font>Vikram'
    assert markup("王 芳") == '<font face="MDCJK">王 芳</font>'
    assert runs("Nguyễn Thị Ánh") == [(Script.LATIN, "Nguyễn Thị Ánh")]


def test_fonts_folder_honours_a_bundle(monkeypatch, tmp_path):
    import sys
    assert (fonts_dir() / "NotoSans-Regular.ttf").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert fonts_dir() == Path(tmp_path) / "resources" / "fonts"


def test_one_candidate_and_one_room(demo, tmp_path):
    store, mission_id, _chair = demo
    with store.read() as s:
        c = s.scalars(select(Candidate).where(Candidate.mission_id == mission_id)).first()
        appno, name = c.application_number, display_name(c.family_name, c.given_names)
    out = generate(store, mission_id, ReportKind.CANDIDATE, tmp_path / "one.pdf",
                   candidate_number=appno)
    text = pdf_text(out)
    assert name in text and text.count("Candidate interview report") >= 1
    out = generate(store, mission_id, ReportKind.ATTENDANCE, tmp_path / "room.pdf",
                   room="room 2")
    text = pdf_text(out)
    assert "Room 2" in text and "Room 1" not in text


def test_wrapped_devanagari_text_prints_shaped_and_copies_right(demo, tmp_path):
    """Free text in Devanagari (an institution, panel notes, a rationale) wraps over lines
    and still reads back as typed, like the names."""
    store, mission_id, chair_id = demo
    institution = "भारतीय प्रौद्योगिकी संस्थान मद्रास"
    notes = ("उम्मीदवार ने अपनी परियोजना को स्पष्ट रूप से समझाया और प्रश्नों के उत्तर "
             "आत्मविश्वास से दिए। ") * 3
    edits = EditService(store, mission_id, chair_id)
    with store.write() as s:  # as if synced from the desks that wrote them
        card = s.scalars(select(Scorecard).join(Candidate).where(
            Candidate.mission_id == mission_id)).first()
        card.notes = notes.strip()
        c = s.get(Candidate, card.candidate_id)
        c.home_institution = institution
        cid, appno = c.id, c.application_number
    edits.set_decision(cid, "waitlist", rationale="दूसरी सूची में रखा गया।")
    out = generate(store, mission_id, ReportKind.CANDIDATE, tmp_path / "c.pdf",
                   candidate_number=appno)
    text = " ".join(pdf_text(out).split())
    assert institution in text
    assert " ".join(notes.split()) in text  # wrapped at spaces, every word as typed
    assert "दूसरी सूची में रखा गया।" in text
