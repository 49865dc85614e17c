"""The convocation CSV: one row per candidate called, columns for each sitting and the
interview, in the mission's time zone, formula-safe, readable by Excel (UTF-8 with BOM)."""

from __future__ import annotations

import csv
import io

from app.export.convocations import convocation_list
from tests.export.plain_rows import CANDIDATES, SUBJECTS, ZONE, schedule


def _read(conv) -> list[dict[str, str]]:
    data = conv.csv_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the names' scripts right
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_columns_and_times_in_the_missions_zone():
    conv = convocation_list(schedule(), CANDIDATES, SUBJECTS, ZONE)
    rows = {r["application_number"]: r for r in _read(conv)}
    assert conv.header[:7] == ["application_number", "family_name", "given_names", "name",
                               "email", "track", "time_zone"]
    # as many written-test column groups as the most sittings one candidate has (two)
    assert [h for h in conv.header if h.startswith("written_2_")] == [
        "written_2_date", "written_2_start", "written_2_end", "written_2_utc_offset",
        "written_2_room", "written_2_subjects", "written_2_seat"]
    assert "written_3_date" not in conv.header
    assert conv.header[-5:] == ["interview_date", "interview_start", "interview_end",
                                "interview_utc_offset", "interview_room"]
    a = rows["APP-1"]
    assert (a["family_name"], a["name"], a["time_zone"]) == ("शर्मा", "शर्मा Aditya", ZONE)
    # stored 18:00 at Paris's +01:00 is 14:00 in São Paulo; the slot length is the mission's
    assert (a["interview_date"], a["interview_start"], a["interview_end"],
            a["interview_utc_offset"], a["interview_room"]) == (
        "2027-03-02", "14:00", "14:40", "UTC-03:00", "Sala 1")
    assert (a["written_1_date"], a["written_1_start"], a["written_1_end"],
            a["written_1_utc_offset"], a["written_1_room"], a["written_1_subjects"],
            a["written_1_seat"]) == ("2027-03-01", "08:30", "10:30", "UTC-03:00", "Auditório",
                                     "Mathematics, Physics", "1")
    assert (a["written_2_start"], a["written_2_subjects"], a["written_2_seat"]) == (
        "13:00", "Specialty", "4")
    # a time stored without an offset is already local; a duration of its own
    b = rows["APP-2"]
    assert (b["interview_start"], b["interview_end"], b["written_2_date"]) == (
        "09:00", "09:25", "")
    # a UTC time moves to the local clock
    assert (rows["APP-3"]["interview_start"], rows["APP-3"]["written_1_date"]) == ("09:20", "")


def test_script_codes_are_never_in_the_list():
    text = convocation_list(schedule(), CANDIDATES, SUBJECTS, ZONE).csv_text()
    for code in ("ABC-DEF", "GHJ-KLM", "NPQ-RST"):
        assert code not in text


def test_withdrawn_and_unscheduled_candidates_are_left_out():
    conv = convocation_list(schedule(), CANDIDATES, SUBJECTS, ZONE)
    numbers = [r["application_number"] for r in _read(conv)]
    assert numbers == ["APP-1", "APP-2", "APP-3"]
    assert conv.unscheduled == ["APP-5"]


def test_formula_cells_are_neutralised():
    rows = {r["application_number"]: r for r in _read(
        convocation_list(schedule(), CANDIDATES, SUBJECTS, ZONE))}
    assert rows["APP-2"]["family_name"] == "'=HYPERLINK(\"x\")"
    assert rows["APP-2"]["email"] == "'+eve@mail.example"
    # offsets are written 'UTC-03:00', never a bare '-03:00' a spreadsheet would compute
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows.values()
               for v in r.values())


def test_an_unplanned_mission_lists_interviews_only():
    from app.export.appointments import build_schedule
    from tests.export.plain_rows import INTERVIEWS

    sched = build_schedule("Asia/Kolkata", None, INTERVIEWS, [])
    conv = convocation_list(sched, CANDIDATES, SUBJECTS, "Asia/Kolkata")
    rows = {r["application_number"]: r for r in _read(conv)}
    assert not any(h.startswith("written_") for h in conv.header)
    # 17:00 UTC is 22:30 in India; 30 minutes when no plan says otherwise
    assert (rows["APP-1"]["interview_start"], rows["APP-1"]["interview_end"],
            rows["APP-1"]["interview_utc_offset"]) == ("22:30", "23:00", "UTC+05:30")


def test_each_appointment_carries_its_own_offset_across_a_clock_change():
    """A mission in Paris over the last weekend of March: the offset of each time is its own
    (+01:00 before the change, +02:00 after), never one offset for the whole list."""
    from app.export.appointments import build_schedule

    rows = [{"candidate_id": "c1", "starts_at": "2027-03-27T10:00", "room": "A",
             "panel": [], "duration": 0},
            {"candidate_id": "c2", "starts_at": "2027-03-29T08:00:00Z", "room": "A",
             "panel": [], "duration": 0}]
    sched = build_schedule("Europe/Paris", None, rows, [])
    conv = convocation_list(sched, CANDIDATES[:2], SUBJECTS, "Europe/Paris")
    got = {r["application_number"]: (r["interview_start"], r["interview_utc_offset"])
           for r in _read(conv)}
    assert got == {"APP-1": ("10:00", "UTC+01:00"), "APP-2": ("10:00", "UTC+02:00")}
