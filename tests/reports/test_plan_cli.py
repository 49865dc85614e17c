"""``mission-desk report timetable|convocations|calendars``: exit 0 and the files; exit 1 with
one line on stderr for an unknown room or assessor or a file where a folder is wanted."""

from __future__ import annotations

from icalendar import Calendar

from app.store.database import Store
from tests.reports.pdftext import pdf_text
from tests.reports.planned import plan_demo
from tests.reports.test_report_cli import run


def _planned_desk(tmp_path, capsys) -> str:
    d = tmp_path / "desk"
    assert run(["init-demo", "--data-dir", str(d), "--candidates", "16"]) == 0
    store = Store.open(d)
    try:
        mission_id = store.get_meta("current_mission")
        plan_demo(store, mission_id, store.get_meta("current_assessor"))
    finally:
        store.close()
    capsys.readouterr()
    return str(d)


def test_timetable_convocations_and_calendars(tmp_path, capsys):
    d = _planned_desk(tmp_path, capsys)
    out = tmp_path / "tt.pdf"
    assert run(["report", "timetable", "--out", str(out), "--data-dir", d,
                "--assessor", "Karim"]) == 0
    assert f"timetable report written to {out}" in capsys.readouterr().out
    text = pdf_text(out)
    assert "Timetable — Prof. Karim Benali" in text and "Timetable — Room 1" not in text
    out = tmp_path / "room.pdf"
    assert run(["report", "timetable", "--out", str(out), "--data-dir", d,
                "--room", "HALL A"]) == 0
    assert "Timetable — Hall A" in pdf_text(out)
    capsys.readouterr()
    csv_out = tmp_path / "conv.csv"
    assert run(["report", "convocations", "--out", str(csv_out), "--data-dir", d]) == 0
    said = capsys.readouterr().out
    lines = csv_out.read_text("utf-8-sig").splitlines()
    assert f"convocation list of {len(lines) - 1} candidates written to {csv_out}" in said
    assert lines[0].startswith("application_number,") and "UTC+05:30" in lines[1]
    folder = tmp_path / "cals"
    assert run(["report", "calendars", "--out", str(folder), "--data-dir", d]) == 0
    assert f"4 calendars written to {folder}" in capsys.readouterr().out
    files = sorted(folder.glob("*.ics"))
    assert len(files) == 4 and not list(tmp_path.glob("**/*.part"))
    karim = Calendar.from_ical((folder / "prof-karim-benali.ics").read_bytes())
    assert any(str(e["SUMMARY"]).startswith("Invigilation") for e in karim.walk("VEVENT"))


def test_user_errors_exit_1_with_one_line(tmp_path, capsys):
    d = _planned_desk(tmp_path, capsys)
    out = tmp_path / "tt.pdf"
    for extra, words in ((["--assessor", "nobody"], "no assessor 'nobody'"),
                         (["--room", "Attic"], "no room 'Attic'")):
        assert run(["report", "timetable", "--out", str(out), "--data-dir", d, *extra]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and words in err and err.startswith("mission-desk: error")
        assert not out.exists()
    a_file = tmp_path / "taken"
    a_file.write_text("x")
    assert run(["report", "calendars", "--out", str(a_file), "--data-dir", d]) == 1
    assert "is a file" in capsys.readouterr().err
    assert run(["report", "convocations", "--out", str(tmp_path / "no" / "c.csv"),
                "--data-dir", d]) == 1
    assert "does not exist" in capsys.readouterr().err
