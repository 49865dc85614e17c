"""A mission's plan in the console: shown (sittings, interview slots), planned now with the
desks' scheduler exactly as `mission-desk-server plan` does (server.planning.plan_mission),
exported and imported as plan files like `export-plan` / `import-plan`."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError as PydanticError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.domain.errors import DomainError
from app.domain.planning.config import PlanningConfig

from ..accounts import AccountError
from ..mission_setup import config_of
from ..models import Mission
from ..plan_files import PLAN_SUFFIXES, read_plan_file, write_plan_file
from ..planning import (
    export_rows,
    import_rows,
    member_usernames,
    plan_mission,
    planning_config,
)
from .deps import (
    ConsoleError,
    ConsoleUser,
    CsrfProtected,
    CurrentUser,
    DbSession,
    console_mission,
)
from .i18n import N_, translator
from .render import render
from .setup_routes import Form
from .upload_routes import UploadRefused, uploaded_file

router = APIRouter(include_in_schema=False)  # pages, not API: out of /openapi.json

MEDIA = {".csv": "text/csv; charset=utf-8",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def setup_text(s: Session, mission: Mission, planning: PlanningConfig | None
               ) -> dict[str, str]:
    """The stored setup in the `plan` command's forms, one item a line (the form's text)."""
    if planning is None:
        return {"days": "", "rooms": "", "slot": "30", "panels": "", "written": ""}
    names = member_usernames(s, mission)
    halls = {x.room for x in planning.sittings}
    days = [f"{d.date.isoformat()}={d.opens}-{d.closes}" for d in planning.days]
    rooms = [r.name if r.capacity == 1 else f"{r.name}={r.capacity}" for r in planning.rooms
             if r.name not in halls or r.capacity == 1]
    panels = [",".join(names.get(m, m) for m in p.members) for p in planning.panels
              if not p.since and not p.until]
    written = []
    for x in planning.sittings:
        h, m = (int(v) for v in x.start.split(":"))
        end = h * 60 + m + x.duration
        written.append(f"{x.date.isoformat()}={x.start}-{end // 60:02d}:{end % 60:02d}"
                       f"@{x.room}")
    return {"days": "\n".join(days), "rooms": "\n".join(rooms),
            "slot": str(planning.slot_minutes), "panels": "\n".join(panels),
            "written": "\n".join(written)}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _plan_page(request: Request, user: ConsoleUser, s: Session, mission: Mission,
               manage: bool, *, form: dict[str, str] | None = None, error: str = "",
               report: list[str] | None = None, unplaced: list[str] | None = None,
               import_errors: list[str] | None = None, status: int = 200) -> HTMLResponse:
    planning = config_of(mission).planning
    rows: list[dict[str, str]] = []
    if planning is not None:
        try:
            rows = export_rows(s, mission)
        except (AccountError, DomainError):
            rows = []
    return render(request, user, "setup_plan.html", status=status, mission=mission,
                  can_manage=manage, planning=planning, rows=rows,
                  form=form or setup_text(s, mission, planning), error=error,
                  report=report, unplaced=unplaced or [], import_errors=import_errors or [])


@router.get("/missions/{mission_id}/plan", response_class=HTMLResponse)
def plan_page(request: Request, mission_id: str, s: DbSession, user: CurrentUser
              ) -> HTMLResponse:
    mission, manage = console_mission(s, user, mission_id)
    return _plan_page(request, user, s, mission, manage)


@router.post("/missions/{mission_id}/plan", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def plan_now(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
             form: FormData = Form) -> Response:
    """Place every candidate not yet placed (the `plan` command's work)."""
    mission, _ = console_mission(s, user, mission_id, manage=True)
    text = {k: str(form.get(k, "")) for k in ("days", "rooms", "slot", "panels", "written")}
    gettext = translator(user.locale).gettext
    try:
        slot = int(text["slot"].strip())
    except ValueError:
        return _plan_page(request, user, s, mission, True, form=text, status=422,
                          error=gettext("Give the interview length in minutes."))
    try:
        planning = planning_config(s, mission, days=_lines(text["days"]),
                                   rooms=_lines(text["rooms"]), slot=slot,
                                   panels=_lines(text["panels"]),
                                   written=_lines(text["written"]))
        report = plan_mission(s, mission, planning, reason="planned in the console",
                              user_id=user.user_id)
    except PydanticError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ()))
        return _plan_page(request, user, s, mission, True, form=text, status=422,
                          error=f"{where}: {err.get('msg', '')}" if where else str(err["msg"]))
    except (DomainError, AccountError) as exc:
        return _plan_page(request, user, s, mission, True, form=text, error=str(exc),
                          status=422)
    labels = {c.id: c.label for c in report.outcome.candidates.values()}
    unplaced = [u.label for u in sorted(report.outcome.unplaced)]
    return _plan_page(request, user, s, mission, True, report=report.lines(labels),
                      unplaced=unplaced)


@router.get("/missions/{mission_id}/plan/export")
def plan_export(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
                format: str = "csv") -> Response:
    """The plan file `export-plan` writes (formulas neutralised)."""
    mission, _ = console_mission(s, user, mission_id)
    suffix = f".{format.lower()}"
    if suffix not in PLAN_SUFFIXES:
        raise ConsoleError(404, N_("No such file."))
    try:
        rows = export_rows(s, mission)
    except AccountError:  # not planned yet: nothing to download, the page says so
        return RedirectResponse(f"/missions/{mission.id}/plan", status_code=303)
    with tempfile.TemporaryDirectory(prefix="mission-desk-plan-") as tmp:
        out = Path(tmp) / f"plan{suffix}"
        write_plan_file(rows, out, mission.code)
        data = out.read_bytes()
    filename = f"{mission.code}-plan{suffix}"
    return Response(data, media_type=MEDIA[suffix], headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store"})


@router.post("/missions/{mission_id}/plan/import", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def plan_import(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
                form: FormData = Form) -> Response:
    """A plan file with export-plan's columns: all of it, or nothing and every bad line."""
    mission, _ = console_mission(s, user, mission_id, manage=True)
    errors: list[str]
    written = 0
    try:
        with uploaded_file(form, PLAN_SUFFIXES, user.locale) as path:
            rows = read_plan_file(path)
        result = import_rows(s, mission, rows, reason="imported in the console",
                             user_id=user.user_id)
        errors, written = result.errors, result.written
    except UploadRefused as exc:
        errors = [str(exc)]
    except (AccountError, DomainError, ValueError) as exc:
        # the reader names the temporary copy: name the user's file instead
        upload = form.get("file")
        name = getattr(upload, "filename", "") or ""
        errors = [re.sub(r"\bupload\.(csv|xlsx)\b", lambda _m: name, str(exc))]
    if errors:
        return _plan_page(request, user, s, mission, True, import_errors=errors, status=422)
    gettext = translator(user.locale).gettext
    report: list[Any] = [gettext("%(rows)s appointments read, %(written)s rows written.")
                         % {"rows": len(rows), "written": written}]
    return _plan_page(request, user, s, mission, True, report=report)
