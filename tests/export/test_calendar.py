"""One .ics per assessor, read back with icalendar: their interviews (one event each) and
their invigilations, at the right time in the mission's zone, with a VTIMEZONE."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar

from app.export.calendar import assessor_calendars
from tests.export.plain_rows import CANDIDATES, SUBJECTS, TEAM, ZONE, schedule

NOW = dt.datetime(2027, 2, 1, 12, tzinfo=dt.UTC)


def _calendars():
    return {c.assessor_id: c for c in assessor_calendars(
        schedule(), mission_code="BR-2027-SAO", mission_name="Brazil 2027", assessors=TEAM,
        candidates=CANDIDATES, subject_labels=SUBJECTS, now=NOW)}


def _events(cal) -> list:
    parsed = Calendar.from_ical(cal.ics)
    events = list(parsed.walk("VEVENT"))
    if events:  # the zone's rules travel with the file
        assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == [ZONE]
    return events


def test_one_event_per_interview_with_the_zone():
    cals = _calendars()
    karim = _events(cals["a-karim"])
    interviews = [e for e in karim if str(e["SUMMARY"]).startswith("Interview")]
    # c1 and c2; c4 withdrew, so their slot is no longer on anyone's calendar
    assert sorted(str(e["UID"]) for e in interviews) == [
        "interview-c1@br-2027-sao.mission-desk", "interview-c2@br-2027-sao.mission-desk"]
    first = next(e for e in interviews if "APP-1" in str(e["SUMMARY"]))
    start, end = first.decoded("DTSTART"), first.decoded("DTEND")
    assert start.tzinfo is not None and str(start.tzinfo) == ZONE
    assert start == dt.datetime(2027, 3, 2, 14, 0, tzinfo=ZoneInfo(ZONE))
    assert start.astimezone(dt.UTC) == dt.datetime(2027, 3, 2, 17, 0, tzinfo=dt.UTC)
    assert end - start == dt.timedelta(minutes=40)
    assert str(first["LOCATION"]) == "Sala 1"
    assert "शर्मा Aditya" in str(first["SUMMARY"])
    assert "Prof. Claire Dubois, Prof. Karim Benali" in str(first["DESCRIPTION"])
    assert first.decoded("DTSTAMP") == NOW


def test_invigilations_and_an_assessor_on_no_panel():
    cals = _calendars()
    sophie = _events(cals["a-sophie"])
    inv = sorted((e for e in sophie if str(e["SUMMARY"]).startswith("Invigilation")),
                 key=lambda e: e.decoded("DTSTART"))
    assert [str(e["SUMMARY"]) for e in inv] == ["Invigilation: Mathematics, Physics",
                                                "Invigilation: Specialty"]
    assert inv[0].decoded("DTSTART") == dt.datetime(2027, 3, 1, 8, 30, tzinfo=ZoneInfo(ZONE))
    assert inv[0].decoded("DTEND") - inv[0].decoded("DTSTART") == dt.timedelta(hours=2)
    assert "Candidates seated: 2" in str(inv[0]["DESCRIPTION"])
    assert [str(e["SUMMARY"]) for e in sophie if "Interview" in str(e["SUMMARY"])] == [
        "Interview: Nguyễn Thị Ánh (APP-3)"]
    # Karim invigilates W2 only; the chair invigilates nothing
    karim = _events(cals["a-karim"])
    assert [str(e["SUMMARY"]) for e in karim if "Invigilation" in str(e["SUMMARY"])] == [
        "Invigilation: Specialty"]
    assert cals["a-chair"].events == 3 and cals["a-sophie"].events == 3


def test_file_names_are_unique_and_uids_stable():
    team = [*TEAM, {"id": "a-other", "name": "Sophie  Martin"}, {"id": "a-cjk", "name": "王 芳"}]
    cals = assessor_calendars(schedule(), mission_code="BR", mission_name="B", assessors=team,
                              candidates=CANDIDATES, subject_labels=SUBJECTS, now=NOW)
    names = [c.filename for c in cals]
    assert names == ["prof-claire-dubois.ics", "prof-karim-benali.ics", "sophie-martin.ics",
                     "sophie-martin-2.ics", "assessor.ics"]
    again = assessor_calendars(schedule(), mission_code="BR", mission_name="B",
                               assessors=team, candidates=CANDIDATES,
                               subject_labels=SUBJECTS, now=NOW)
    assert [c.ics for c in again] == [c.ics for c in cals]  # a re-export updates, no copies
    empty = Calendar.from_ical(cals[-1].ics)
    assert empty.walk("VEVENT") == [] and cals[-1].events == 0
