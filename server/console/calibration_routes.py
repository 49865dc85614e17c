"""The calibration pages (issue 17 §3): one mission's, and every readable mission's side by
side. They compare colleagues' marks and levels, so they follow the results file's rule:
the admissions office (admin, officer), viewers, and a mission's chair; another member of
the team is refused, as on the desk where the page is the chair's."""

from __future__ import annotations

import io

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import accounts
from ..minutes import write_calibration_annex
from ..models import Assessor, Mission
from .calibration_queries import Figures, calibration_page, heat_class
from .deps import ConsoleError, ConsoleUser, CurrentUser, DbSession, console_mission
from .downloads_routes import attachment
from .i18n import N_
from .render import render
from .results_routes import readable_missions
from .roles import ConsoleRole

router = APIRouter(include_in_schema=False)


def _chaired(s: Session, user: ConsoleUser) -> set[str]:
    """The missions a member (no console role) chairs."""
    return set(s.scalars(select(Assessor.mission_id).where(
        Assessor.user_id == user.user_id, Assessor.is_chair.is_(True),
        Assessor.deleted.is_(False))))


def _page(request: Request, user: ConsoleUser, s: Session, mission: Mission | None,
          missions: list[Mission]) -> HTMLResponse:
    return render(request, user, "calibration.html", mission=mission, missions=missions,
                  page=calibration_page(s, missions, user.locale), heat_class=heat_class,
                  fig=Figures(user.locale))


def _calibrated_mission(s: Session, user: ConsoleUser, mission_id: str) -> Mission:
    """The mission whose calibration the user asks for, if they may read it."""
    mission, _ = console_mission(s, user, mission_id)
    if user.role == ConsoleRole.MEMBER:
        me = accounts.membership(s, mission.id, user.user_id)
        if me is None or not me.is_chair:
            raise ConsoleError(403, N_("Calibration is for the admissions office and the "
                                       "chair: it compares colleagues, which the team's blind "
                                       "panel keeps from its members."))
    return mission


@router.get("/missions/{mission_id}/calibration", response_class=HTMLResponse)
def mission_calibration_page(request: Request, mission_id: str, s: DbSession,
                             user: CurrentUser) -> HTMLResponse:
    mission = _calibrated_mission(s, user, mission_id)
    return _page(request, user, s, mission, [mission])


@router.get("/missions/{mission_id}/calibration-annex.pdf")
def calibration_annex(mission_id: str, s: DbSession, user: CurrentUser) -> Response:
    """The jury minutes' calibration annex (app.reports.calibration), same readers."""
    mission = _calibrated_mission(s, user, mission_id)
    buf = io.BytesIO()
    write_calibration_annex(s, mission, buf)
    return attachment(mission, "calibration-annex", "pdf", buf.getvalue())


@router.get("/calibration", response_class=HTMLResponse)
def all_calibration_page(request: Request, s: DbSession, user: CurrentUser) -> HTMLResponse:
    missions = readable_missions(s, user)
    if user.role == ConsoleRole.MEMBER:
        chaired = _chaired(s, user)
        missions = [m for m in missions if m.id in chaired]
    return _page(request, user, s, None, missions)
