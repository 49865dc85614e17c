"""One entry point per kind of report, used by the command line and the desk's menu."""

from __future__ import annotations

import datetime as dt
import logging
from enum import StrEnum
from pathlib import Path

from app.store.database import Store, get_meta
from app.store.queries_calibration import load_calibration_input

from . import attendance, blank_sheets, calibration, candidate, mark_sheets, ranking, timetable
from .load import load_mission_data

log = logging.getLogger(__name__)


class ReportKind(StrEnum):
    RANKING = "ranking"
    CANDIDATE = "candidate"
    ATTENDANCE = "attendance"
    MARK_SHEETS = "mark-sheets"
    BLANK_SHEETS = "blank-sheets"
    TIMETABLE = "timetable"
    CALIBRATION = "calibration"


DEFAULT_NAMES = {
    ReportKind.RANKING: "jury-minutes",
    ReportKind.CANDIDATE: "candidate-reports",
    ReportKind.ATTENDANCE: "attendance-sheets",
    ReportKind.MARK_SHEETS: "mark-sheets",
    ReportKind.BLANK_SHEETS: "blank-score-sheets",
    ReportKind.TIMETABLE: "timetable",
    ReportKind.CALIBRATION: "calibration-annex",
}


class ReportError(Exception):
    """A report cannot be made as asked (unknown candidate...): a user error."""


def generate(store: Store, mission_id: str, kind: ReportKind | str, out: Path | str, *,
             candidate_number: str | None = None, room: str | None = None,
             assessor: str | None = None, now: dt.datetime | None = None,
             viewer_id: str | None = None) -> Path:
    """Write the report ``kind`` of the mission to ``out`` (written to a temporary file
    first, then moved, so a failed run never leaves half a PDF); returns the path.
    ``viewer_id``: who reads the calibration annex (blind rules; default: the desk's first
    user, as the command line)."""
    kind = ReportKind(kind)
    out = Path(out)
    with store.read() as session:
        data = load_mission_data(session, mission_id, with_details=kind not in (
            ReportKind.RANKING, ReportKind.CALIBRATION),
            viewer_id=viewer_id or get_meta(session, "current_assessor"))
        if kind == ReportKind.CALIBRATION:
            # read as that assessor may (the chair reads every mark and submitted card)
            viewer = viewer_id or get_meta(session, "current_assessor") or ""
            data.calibration = load_calibration_input(session, mission_id, viewer)
    tmp = out.with_name(out.name + ".part")
    try:
        if kind == ReportKind.RANKING:
            ranking.write_ranking(data, tmp, now)
        elif kind == ReportKind.CALIBRATION:
            calibration.write(data, tmp, now)
        elif kind == ReportKind.CANDIDATE:
            people = data.candidates
            if candidate_number:
                people = [c for c in people if c.application_number == candidate_number]
                if not people:
                    raise ReportError(f"no candidate {candidate_number} in mission {data.code}")
            candidate.write_candidates(data, people, tmp, now)
        elif kind == ReportKind.ATTENDANCE:
            attendance.write(data, tmp, room, now)
        elif kind == ReportKind.MARK_SHEETS:
            mark_sheets.write(data, tmp, room, now)
        elif kind == ReportKind.TIMETABLE:
            try:
                timetable.write(data, tmp, room, assessor, now)
            except timetable.UnknownName as exc:
                raise ReportError(str(exc)) from exc
        else:
            blank_sheets.write(data, tmp, room, now)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("%s report written to %s", kind.value, out)
    return out
