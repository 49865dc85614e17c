"""The candidates tables (per mission and across missions) and a mission's rankings.

The table's filter form works without script (a plain GET); with htmx it asks for the table
alone (``HX-Request``) and swaps it in place, pushing the URL so the back button and a copied
link keep the search."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Outcome, Track

from ..models import Assessor, Mission
from .deps import ConsoleUser, CurrentUser, DbSession, mission_access
from .rankings_queries import mission_ranking
from .render import render
from .results_labels import labels_for
from .results_queries import NO_DECISION, PER_PAGE, TableQuery, candidates_table
from .roles import ConsoleRole

router = APIRouter()

FILTERS = {"tracks": [t.value for t in Track], "statuses": [s.value for s in CandidateStatus],
           "outcomes": [o.value for o in Outcome], "no_decision": NO_DECISION,
           "per_page_choices": PER_PAGE}


def readable_missions(s: Session, user: ConsoleUser) -> list[Mission]:
    """Every live mission for the console roles; a member's own missions only."""
    stmt = select(Mission).where(Mission.deleted.is_(False)).order_by(Mission.code)
    if user.role == ConsoleRole.MEMBER:
        stmt = stmt.where(Mission.id.in_(select(Assessor.mission_id).where(
            Assessor.user_id == user.user_id, Assessor.deleted.is_(False))))
    return list(s.scalars(stmt))


def _table(request: Request, s: Session, user: ConsoleUser, mission: Mission | None,
           mission_ids: list[str], base: str) -> HTMLResponse:
    query = TableQuery.from_params(request.query_params)
    page = candidates_table(s, mission_ids, query)
    # htmx asks for the table alone; a history restore (back button) wants the whole page
    partial = (request.headers.get("hx-request") == "true"
               and request.headers.get("hx-target") == "results-table"
               and "hx-history-restore-request" not in request.headers)
    resp = render(request, user, "_results_table.html" if partial else "results_candidates.html",
                  mission=mission, page=page, query=query, base=base,
                  labels=labels_for(user.locale), **FILTERS)
    resp.headers["Vary"] = "HX-Request, HX-Target"  # the same URL answers a page or its table
    return resp


@router.get("/candidates", include_in_schema=False)
def all_candidates(request: Request, s: DbSession, user: CurrentUser) -> HTMLResponse:
    missions = readable_missions(s, user)
    return _table(request, s, user, None, [m.id for m in missions], "/candidates")


@router.get("/missions/{mission_id}/candidates", include_in_schema=False)
def mission_candidates(request: Request, mission_id: str, s: DbSession, user: CurrentUser
                       ) -> HTMLResponse:
    mission_access(s, user, mission_id)
    mission = s.get_one(Mission, mission_id)
    return _table(request, s, user, mission, [mission.id], f"/missions/{mission.id}/candidates")


@router.get("/missions/{mission_id}/rankings", include_in_schema=False)
def mission_rankings_page(request: Request, mission_id: str, s: DbSession, user: CurrentUser
                          ) -> HTMLResponse:
    mission_access(s, user, mission_id)
    mission = s.get_one(Mission, mission_id)
    return render(request, user, "rankings_mission.html", mission=mission,
                  tracks=mission_ranking(s, mission), labels=labels_for(user.locale))

