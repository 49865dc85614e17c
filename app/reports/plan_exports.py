"""The desk's side of the plan exports: the convocation CSV and the assessors' .ics files,
made by the pure builders of app.export from the rows on this desk."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from app.export.calendar import AssessorCalendar, assessor_calendars
from app.export.convocations import Convocations, convocation_list
from app.store.database import Store

from .data import MissionData
from .load import load_mission_data

log = logging.getLogger(__name__)


def _load(store: Store, mission_id: str) -> MissionData:
    with store.read() as session:
        return load_mission_data(session, mission_id)


def _candidates(data: MissionData) -> list[dict[str, Any]]:
    return [{"id": c.id, "application_number": c.application_number,
             "family_name": c.family_name, "given_names": c.given_names, "email": c.email,
             "track": c.track.value, "status": c.status} for c in data.candidates]


def _subjects(data: MissionData) -> dict[str, str]:
    return {s.key: s.label for s in data.config.subjects}


def _write(path: Path, content: bytes) -> None:
    """Through a temporary file, so a failed run never leaves half a file."""
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(content)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_convocations(store: Store, mission_id: str, out: Path | str) -> Convocations:
    data = _load(store, mission_id)
    conv = convocation_list(data.schedule, _candidates(data), _subjects(data), data.timezone)
    _write(Path(out), conv.csv_bytes())
    log.info("convocation list of %d candidates written to %s", len(conv.rows), out)
    return conv


def write_calendars(store: Store, mission_id: str, folder: Path | str,
                    now: dt.datetime | None = None) -> list[AssessorCalendar]:
    """One .ics per assessor in ``folder`` (made if missing; its parent must exist)."""
    data = _load(store, mission_id)
    folder = Path(folder)
    folder.mkdir(exist_ok=True)
    cals = assessor_calendars(
        data.schedule, mission_code=data.code, mission_name=data.name,
        assessors=[{"id": i, "name": n} for i, n, _r, _c in data.assessors],
        candidates=_candidates(data), subject_labels=_subjects(data), now=now)
    for cal in cals:
        _write(folder / cal.filename, cal.ics)
    log.info("%d calendars written to %s", len(cals), folder)
    return cals
