"""A mission's downloads: the results as CSV or XLSX (server.export: formulas neutralised)
and the jury minutes PDF (the desk's builder, app.reports.ranking). Role-checked like the
pages: a mission the user may not read is a 404."""

from __future__ import annotations

import datetime as dt
import io
import re

from fastapi import APIRouter
from fastapi.responses import Response

from .. import accounts
from ..export import results_file
from ..minutes import write_minutes
from ..models import Mission
from .deps import ConsoleError, CurrentUser, DbSession, mission_access
from .i18n import N_
from .roles import ConsoleRole

router = APIRouter()

MEDIA = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "pdf": "application/pdf"}


def attachment(mission: Mission, what: str, ext: str, body: bytes) -> Response:
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", mission.code) or "mission"
    day = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    return Response(body, media_type=MEDIA[ext], headers={
        "Content-Disposition": f'attachment; filename="{stem}-{what}-{day}.{ext}"',
        "Cache-Control": "no-store"})


def _results(s: DbSession, user: CurrentUser, mission_id: str, fmt: str) -> Response:
    mission_access(s, user, mission_id)
    if user.role == ConsoleRole.MEMBER:
        # every marker's marks and every scorecard: on the desk only the chair sees them all
        me = accounts.membership(s, mission_id, user.user_id)
        if me is None or not me.is_chair:
            raise ConsoleError(403, N_("The results file is for the admissions office and the "
                                       "chair: the team's blind marking holds."))
    mission = s.get_one(Mission, mission_id)
    buf = io.BytesIO()
    results_file(s, mission, fmt, buf)
    return attachment(mission, "results", fmt, buf.getvalue())


@router.get("/missions/{mission_id}/results.csv", include_in_schema=False)
def results_csv(mission_id: str, s: DbSession, user: CurrentUser) -> Response:
    return _results(s, user, mission_id, "csv")


@router.get("/missions/{mission_id}/results.xlsx", include_in_schema=False)
def results_xlsx(mission_id: str, s: DbSession, user: CurrentUser) -> Response:
    return _results(s, user, mission_id, "xlsx")


@router.get("/missions/{mission_id}/jury-minutes.pdf", include_in_schema=False)
def jury_minutes(mission_id: str, s: DbSession, user: CurrentUser) -> Response:
    mission_access(s, user, mission_id)
    mission = s.get_one(Mission, mission_id)
    buf = io.BytesIO()
    write_minutes(s, mission, buf)
    return attachment(mission, "jury-minutes", "pdf", buf.getvalue())
