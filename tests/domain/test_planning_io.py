"""The planning configuration as JSON and the plan as rows (export-plan / import-plan)."""

import csv
import dataclasses
import datetime as dt
import io
import random

import pytest

from app.domain.errors import ValidationError
from app.domain.planning import (
    Interval,
    LostRoom,
    PanelChange,
    at,
    check_plan,
    issue_script_codes,
    schedule,
)
from app.domain.planning.config import PlanningConfig
from app.domain.planning.rows import COLUMNS, plan_rows, read_plan_rows
from app.domain.planning.sample import FIRST_DAY, sample_candidates, sample_setup

D2 = FIRST_DAY + dt.timedelta(days=1)


def test_planning_config_round_trips_a_setup_through_json_after_field_changes():
    setup = sample_setup(days=2, panels=3)
    changed = schedule(setup, [], changes=[
        PanelChange("P2", ("prof2", "rep3"), at(D2, "12:00")),
        LostRoom("Room 1", Interval(at(D2, "12:00"), at(D2, "18:00")))]).setup
    stored = PlanningConfig.from_setup(changed, anonymous_marking=False).model_dump(mode="json")
    assert stored["panels"][1] == {"id": "P2", "members": ["prof2", "rep2"], "room": "",
                                   "since": "", "until": "2027-03-02 12:00"}
    back = PlanningConfig.model_validate(stored)
    assert not back.anonymous_marking
    assert back.to_setup(setup.timezone, setup.assessors, setup.subjects) == changed


def test_planning_config_refuses_a_panel_without_a_professor():
    setup = sample_setup(days=1, panels=2)
    bad = PlanningConfig.from_setup(setup).model_copy(update={"panels": (
        PlanningConfig.from_setup(setup).panels[1].model_copy(update={
            "members": ("rep1", "rep2")}),)})
    with pytest.raises(ValidationError, match="professor"):
        bad.to_setup(setup.timezone, setup.assessors, setup.subjects)


def _planned():
    setup = sample_setup(days=2, panels=2, slot=30)
    people = sample_candidates(30, seed=4, days=2)
    out = schedule(setup, people, seed=1)
    plan = dataclasses.replace(out.plan, seats=issue_script_codes(out.plan.seats,
                                                                  rng=random.Random(2)))
    names = {a.id: f"user.{a.id}" for a in setup.assessors}
    return setup, people, plan, names


def test_plan_rows_carry_the_columns_with_the_missions_offset_and_read_back():
    setup, people, plan, names = _planned()
    rows = plan_rows(setup, {c.id: c for c in people}, plan, names)
    assert len(rows) == len(plan.seats) + len(plan.interviews)
    assert all(tuple(r) == COLUMNS for r in rows)
    first = next(r for r in rows if r["kind"] == "written")
    assert first["start"] == "2027-03-01T08:30+05:30" and first["sitting"] == "maths"
    maths = [int(r["seat"]) for r in rows if r["sitting"] == "maths"]
    assert sorted(maths) == list(range(1, len(maths) + 1))
    assert len(first["script_code"]) == 7
    interview = next(r for r in rows if r["kind"] == "interview")
    assert interview["panel"].count(";") == 1 and interview["panel"].startswith("user.")
    buffer = io.StringIO()  # through a CSV file, as export-plan writes it
    writer = csv.DictWriter(buffer, COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    back = read_plan_rows(setup, people, csv.DictReader(io.StringIO(buffer.getvalue())), names)
    assert sorted(back.seats, key=str) == sorted(plan.seats, key=str)
    assert sorted(back.interviews, key=str) == sorted(plan.interviews, key=str)
    assert check_plan(setup, {c.id: c for c in people}, back) == []


def test_rows_in_another_offset_mean_the_same_instant():
    setup, people, plan, names = _planned()
    row = next(r for r in plan_rows(setup, {c.id: c for c in people}, plan, names)
               if r["kind"] == "interview")
    utc = dt.datetime.fromisoformat(row["start"]).astimezone(dt.UTC).isoformat()
    end = dt.datetime.fromisoformat(row["end"]).astimezone(dt.UTC).isoformat()
    back = read_plan_rows(setup, people, [{**row, "start": utc, "end": end}], names)
    assert back.interviews[0] in plan.interviews


@pytest.mark.parametrize("change,message", [
    ({"application_number": "APP-99999"}, "row 2: no candidate 'APP-99999'"),
    ({"kind": "oral"}, "row 2: kind is 'written' or 'interview'"),
    ({"start": "tomorrow"}, "row 2: start 'tomorrow' is not an ISO 8601"),
    ({"panel": "user.chair;nobody"}, "row 2: no assessor 'nobody'"),
    ({"panel": "user.rep1;user.rep2"}, "row 2: no panel of 'user.rep1;user.rep2'"),
])
def test_bad_interview_rows_are_named(change, message):
    setup, people, plan, names = _planned()
    row = next(r for r in plan_rows(setup, {c.id: c for c in people}, plan, names)
               if r["kind"] == "interview")
    with pytest.raises(ValidationError) as err:
        read_plan_rows(setup, people, [{**row, **change}], names)
    assert str(err.value).startswith(message)


@pytest.mark.parametrize("change,message", [
    ({"seat": "A"}, "row 2: seat 'A' is not a number"),
    ({"script_code": "7KX-4MO"}, "row 2: 'O' is not used in script codes"),
    ({"sitting": "", "room": "Room 9"}, "row 2: no single sitting"),
])
def test_bad_written_rows_are_named(change, message):
    setup, people, plan, names = _planned()
    row = next(r for r in plan_rows(setup, {c.id: c for c in people}, plan, names)
               if r["kind"] == "written")
    with pytest.raises(ValidationError) as err:
        read_plan_rows(setup, people, [{**row, **change}], names)
    assert str(err.value).startswith(message)
