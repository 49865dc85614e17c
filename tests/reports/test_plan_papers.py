"""The plan's papers on a planned demo: timetables per room and per assessor, attendance
sheets with seats and script codes, mark sheets on codes until anonymity is lifted, and the
convocation list and calendars made from the desk's rows."""

from __future__ import annotations

import csv
import io
import re

import pdfplumber
import pytest
from icalendar import Calendar
from pypdf import PdfReader
from sqlalchemy import select

from app.reports.build import ReportError, ReportKind, generate
from app.reports.load import load_mission_data
from app.reports.plan_exports import write_calendars, write_convocations
from app.store.edits import EditService
from app.store.models import Mission, Seat
from tests.reports.pdftext import page_text, pdf_text
from tests.reports.planned import plan_demo

APPNO = re.compile(r"APP-2027-\d{5}")


@pytest.fixture
def planned(demo):
    store, mission_id, chair_id = demo
    plan = plan_demo(store, mission_id, chair_id)
    with store.read() as s:
        data = load_mission_data(s, mission_id)
    return store, plan, data


def _pages(path) -> list[str]:
    return [page_text(p) for p in PdfReader(str(path)).pages]


def _section_pages(path, label: str) -> list[str]:
    """Pages whose footer names section ``label``."""
    return [t for t in _pages(path) if f"{label} · page" in t]


def test_timetable_per_room_and_assessor_in_the_missions_zone(planned, tmp_path):
    store, plan, data = planned
    out = generate(store, plan.mission_id, ReportKind.TIMETABLE, tmp_path / "t.pdf")
    text = pdf_text(out)
    titles = re.findall(r"Timetable — ([^\n]+?)\n", text)
    rooms = ["Hall A", "Room 1", "Room 2", "Room 3"]
    assert titles == rooms + [n for _i, n, _r, _c in data.assessors]
    assert "Times in Asia/Kolkata (UTC+05:30)" in text
    # planned from Paris at 05:00+01:00 for 45 minutes: 09:30-10:15 in Chennai
    room3 = _section_pages(out, "Room 3")
    moved = next(c for c in data.candidates if c.id == plan.moved)
    assert len(room3) == 1 and "Wednesday 2027-02-10" in room3[0]
    assert "09:30–10:15" in room3[0] and moved.application_number in room3[0]
    assert moved.name in room3[0]
    assert set(APPNO.findall(room3[0])) == {moved.application_number}
    hall = _section_pages(out, "Hall A")[0]
    assert "09:00–11:00" in hall and "Mathematics, Physics" in hall and "14:00–15:30" in hall


def test_assessor_timetable_holds_exactly_their_interviews(planned, tmp_path):
    store, plan, data = planned
    out = generate(store, plan.mission_id, ReportKind.TIMETABLE, tmp_path / "k.pdf",
                   assessor="karim.benali@example.edu")
    text = pdf_text(out)
    karim = plan.invigilator
    names = {i: n for i, n, _r, _c in data.assessors}
    expected = {a.candidate_id for a in data.schedule.interviews if karim in a.panel}
    people = {c.id: c for c in data.candidates}
    expected_numbers = {people[c].application_number for c in expected
                        if people[c].status != "withdrawn"}
    assert expected_numbers and set(APPNO.findall(text)) == expected_numbers
    assert f"Timetable — {names[karim]}" in text and text.count("Timetable — ") == 1
    assert text.count("Invigilation / Surveillance") == 2  # both sittings


def test_timetable_one_room_and_unknown_names(planned, tmp_path):
    store, plan, _data = planned
    out = generate(store, plan.mission_id, ReportKind.TIMETABLE, tmp_path / "r.pdf",
                   room="room 3")
    assert re.findall(r"Timetable — ([^\n]+?)\n", pdf_text(out)) == ["Room 3"]
    with pytest.raises(ReportError, match=r"no room 'Attic'.*Hall A, Room 1"):
        generate(store, plan.mission_id, ReportKind.TIMETABLE, tmp_path / "x.pdf",
                 room="Attic")
    with pytest.raises(ReportError, match=r"no assessor 'Nobody'.*Sophie Martin"):
        generate(store, plan.mission_id, ReportKind.TIMETABLE, tmp_path / "x.pdf",
                 assessor="Nobody")
    with pytest.raises(ReportError, match="several assessors"):
        generate(store, plan.mission_id, ReportKind.TIMETABLE, tmp_path / "x.pdf",
                 assessor="prof.")
    assert not (tmp_path / "x.pdf").exists()
    for user in ("SOPHIE MARTIN", "sophie.martin", "martin"):
        out = generate(store, plan.mission_id, ReportKind.TIMETABLE, tmp_path / "s.pdf",
                       assessor=user)
        assert re.findall(r"Timetable — ([^\n]+?)\n", pdf_text(out)) == ["Sophie Martin"]


def _table_rows(path, label: str) -> list[list[str]]:
    """The table rows of section ``label`` over all its pages, its header once."""
    pages = _pages(path)
    rows: list[list[str]] = []
    with pdfplumber.open(str(path)) as pdf:
        for n, text in enumerate(pages):
            if f"{label} · page" in text:
                for table in pdf.pages[n].extract_tables():
                    rows += table[1:] if rows else table
    return rows


def test_attendance_sheets_carry_seats_and_script_codes(planned, tmp_path):
    store, plan, data = planned
    out = generate(store, plan.mission_id, ReportKind.ATTENDANCE, tmp_path / "a.pdf")
    pages = _pages(out)
    numbers = {c.id: c.application_number for c in data.candidates}
    for sitting in ("W1", "W2"):
        assert any(f"sitting {sitting}" in p for p in pages)
        rows = _table_rows(out, f"Hall A · {sitting}")
        assert rows[0][:4] == ["Seat", "Application no.", "Name / Nom", "Script code"]
        printed = [(int(r[0]), r[1], r[3]) for r in rows[1:]]
        expected = sorted((seats[sitting][0], numbers[cid], seats[sitting][1])
                          for cid, seats in plan.seated.items())
        assert printed == expected  # seat order, each with their own code
    # the sittings first, then the interview rooms as before planning
    assert "sitting W1" in pages[0]
    assert any("Attendance sheet — Room 1" in p for p in pages)


def test_mark_sheets_show_codes_until_anonymity_is_lifted(planned, tmp_path):
    store, plan, data = planned
    out = generate(store, plan.mission_id, ReportKind.MARK_SHEETS, tmp_path / "m.pdf")
    text = pdf_text(out)
    seated = [c for c in data.candidates if c.id in plan.seated]
    assert not APPNO.search(text)
    assert not [c.name for c in seated if c.name in text]
    maths = _section_pages(out, "Hall A · W1 · Mathematics")
    assert maths and "Anonymous marking" in maths[0]
    codes = [s["W1"][1] for s in plan.seated.values()]
    rows = _table_rows(out, "Hall A · W1 · Mathematics")
    assert [r[1] for r in rows[1:]] == sorted(codes)  # code order, not seat or name order
    EditService(store, plan.mission_id, plan.chair_id).lift_anonymity("maths")
    out = generate(store, plan.mission_id, ReportKind.MARK_SHEETS, tmp_path / "m2.pdf")
    maths = "".join(_section_pages(out, "Hall A · W1 · Mathematics"))
    physics = "".join(_section_pages(out, "Hall A · W1 · Physics"))
    assert all(c.name in maths and c.application_number in maths for c in seated)
    assert all(s["W1"][1] in maths for s in plan.seated.values())
    assert not APPNO.search(physics) and not [c.name for c in seated if c.name in physics]


def test_mark_sheets_count_free_movers_without_a_seat(planned, tmp_path):
    store, plan, _data = planned
    out = generate(store, plan.mission_id, ReportKind.MARK_SHEETS, tmp_path / "m.pdf")
    assert "Every free mover has a seat for Mathematics." in " ".join(pdf_text(out).split())
    with store.write() as s:
        s.delete(s.scalar(select(Seat).where(Seat.sitting == "W1")))
    out = generate(store, plan.mission_id, ReportKind.MARK_SHEETS, tmp_path / "m2.pdf")
    text = " ".join(pdf_text(out).split())
    assert "1 free mover has no seat for Mathematics" in text
    assert "1 free mover has no seat for Physics" in text
    assert "Every free mover has a seat for Specialty." in text


def test_mark_sheets_show_names_when_the_mission_marks_openly(demo, tmp_path):
    store, mission_id, chair_id = demo
    plan = plan_demo(store, mission_id, chair_id, anonymous=False)
    out = generate(store, mission_id, ReportKind.MARK_SHEETS, tmp_path / "m.pdf")
    text = pdf_text(out)
    with store.read() as s:
        data = load_mission_data(s, mission_id)
    assert all(c.name in text for c in data.candidates if c.id in plan.seated)
    assert "Anonymous marking" not in text


def test_unplanned_subjects_print_by_room_with_names(demo, tmp_path):
    store, mission_id, _chair = demo
    out = generate(store, mission_id, ReportKind.MARK_SHEETS, tmp_path / "m.pdf")
    text = pdf_text(out)
    assert "No script codes are issued for this subject" in text
    assert "Written-test mark sheet — Room 1" in text and APPNO.search(text)


def test_convocations_and_calendars_from_the_desk(planned, tmp_path):
    store, plan, data = planned
    conv = write_convocations(store, plan.mission_id, tmp_path / "c.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "c.csv").read_text("utf-8-sig"))))
    assert len(rows) == len(conv.rows) == len(
        [c for c in data.candidates if c.status != "withdrawn"])
    moved = next(c for c in data.candidates if c.id == plan.moved)
    row = next(r for r in rows if r["application_number"] == moved.application_number)
    assert (row["interview_date"], row["interview_start"], row["interview_end"],
            row["interview_utc_offset"], row["interview_room"]) == (
        "2027-02-10", "09:30", "10:15", "UTC+05:30", "Room 3")
    seated = next(r for r in rows if r["written_1_room"])
    assert (seated["written_1_start"], seated["written_2_start"]) == ("09:00", "14:00")
    cals = write_calendars(store, plan.mission_id, tmp_path / "cal")
    assert sorted(p.name for p in (tmp_path / "cal").iterdir()) == sorted(
        c.filename for c in cals) and len(cals) == len(data.assessors)
    karim = next(c for c in cals if c.assessor_id == plan.invigilator)
    events = Calendar.from_ical((tmp_path / "cal" / karim.filename).read_bytes()).walk(
        "VEVENT")
    interviews = [e for e in events if str(e["SUMMARY"]).startswith("Interview")]
    people = {c.id: c for c in data.candidates}
    assert len(interviews) == len({a.candidate_id for a in data.schedule.interviews
                                   if plan.invigilator in a.panel
                                   and people[a.candidate_id].status != "withdrawn"})
    with store.read() as s:
        tz = s.scalar(select(Mission.timezone).where(Mission.id == plan.mission_id))
    assert {str(e.decoded("DTSTART").tzinfo) for e in events} == {tz}
