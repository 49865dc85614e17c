"""A candidate's page: identity, marks by marker, submitted scorecards, decision and the full
history of changes (what an appeal needs). Read-only for every role."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .. import accounts
from .candidate_queries import Viewer, candidate_view, live_candidate
from .deps import ConsoleError, CurrentUser, DbSession, mission_access
from .i18n import N_
from .render import render
from .results_labels import labels_for
from .roles import ConsoleRole

router = APIRouter()


@router.get("/candidates/{candidate_id}", include_in_schema=False)
def candidate_page(request: Request, candidate_id: str, s: DbSession, user: CurrentUser
                   ) -> HTMLResponse:
    c = live_candidate(s, candidate_id) if len(candidate_id) <= 36 else None
    if c is None:
        raise ConsoleError(404, N_("No such candidate."))
    # a candidate of a mission the user may not read is as absent as one that never was
    access = mission_access(s, user, c.mission_id)
    member = None
    if user.role == ConsoleRole.MEMBER:  # a team member: the desk's blind rules hold
        me = accounts.membership(s, c.mission_id, user.user_id)
        member = Viewer(me.id if me else "", bool(me and me.is_chair))
    view = candidate_view(s, c, french=user.locale == "fr", member=member)
    return render(request, user, "candidate_page.html", view=view, access=access,
                  labels=labels_for(user.locale))
