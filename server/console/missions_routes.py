"""The missions list and a mission's page, with its desks updating live (htmx polling of a
partial, no inline script)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from ..models import Assessor, Mission
from .deps import CurrentUser, DbSession, console_mission
from .missions_queries import (
    mission_desks,
    mission_team,
    missions_of,
    missions_progress,
)
from .render import render
from .roles import MANAGERS, ConsoleRole

router = APIRouter(include_in_schema=False)  # pages, not API: out of /openapi.json

# How often an open mission page asks for its desks again (htmx "every Ns").
POLL_SECONDS = 5


def visible_missions(s: DbSession, user: CurrentUser) -> list[Mission]:
    """The missions a user may open (mission_access's rule, for a whole list at once)."""
    if user.role in MANAGERS or user.role == ConsoleRole.VIEWER:
        return missions_of(s, None)
    ids = s.scalars(select(Assessor.mission_id).where(Assessor.user_id == user.user_id,
                                                      Assessor.deleted.is_(False)))
    return missions_of(s, list(ids))


def missions_page_context(s: DbSession, user: CurrentUser) -> dict[str, object]:
    """What the missions list shows (also the benchmark's entry point)."""
    return {"missions": missions_progress(s, visible_missions(s, user)),
            "can_manage": user.role in MANAGERS}


@router.get("/missions", response_class=HTMLResponse)
def missions_list(request: Request, s: DbSession, user: CurrentUser) -> HTMLResponse:
    return render(request, user, "missions_list.html", **missions_page_context(s, user))


def _live_context(s: DbSession, mission: Mission) -> dict[str, object]:
    return {"progress": missions_progress(s, [mission])[0],
            "desks": mission_desks(s, mission), "poll_seconds": POLL_SECONDS}


@router.get("/missions/{mission_id}", response_class=HTMLResponse)
def mission_page(request: Request, mission_id: str, s: DbSession, user: CurrentUser
                 ) -> HTMLResponse:
    mission, manage = console_mission(s, user, mission_id)
    return render(request, user, "missions_detail.html", mission=mission, can_manage=manage,
                  team=mission_team(s, mission.id), **_live_context(s, mission))


@router.get("/missions/{mission_id}/live", response_class=HTMLResponse)
def mission_live(request: Request, mission_id: str, s: DbSession, user: CurrentUser
                 ) -> HTMLResponse:
    """The progress figures and desks of a mission page, asked again every few seconds."""
    mission, _ = console_mission(s, user, mission_id)
    return render(request, user, "_missions_live.html", mission=mission,
                  **_live_context(s, mission))
