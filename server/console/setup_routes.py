"""Mission setup with no JSON to edit: create a mission, then its details, team and chair,
subjects, programme options, scoring and interview rubric (officers and administrators;
everyone else who may open the mission reads the same page without its buttons).

Every form is checked by the domain's models (server.mission_setup) and every change is
written as desks expect server-born changes, so their next pull receives it.
"""

from __future__ import annotations

import zoneinfo
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.domain.enums import Role, Track
from app.domain.mission import MissionConfig, MissionHeader, ProgrammeOption

from .. import mission_setup as setup
from ..mission_setup import SetupError
from ..models import Mission, User
from .deps import (
    ConsoleError,
    ConsoleUser,
    CsrfProtected,
    CurrentUser,
    DbSession,
    console_mission,
    require_role,
)
from .i18n import N_, translator
from .missions_queries import mission_team
from .render import render
from .roles import MANAGERS
from .setup_forms import (
    BLANK_ROWS,
    criterion_part,
    criterion_rename,
    field_errors,
    options_part,
    scoring_part,
    subjects_part,
    table_rename,
)

router = APIRouter(include_in_schema=False)  # pages, not API: out of /openapi.json

Manager = Depends(require_role(*MANAGERS))
SAVED = {"details": N_("Mission details saved."), "team": N_("Team saved."),
         "subjects": N_("Subjects saved."), "options": N_("Programme options saved."),
         "scoring": N_("Scoring saved."), "rubric": N_("Rubric saved.")}


async def form_data(request: Request) -> FormData:
    return await request.form()


Form = Depends(form_data)


@lru_cache(maxsize=1)
def time_zones() -> list[str]:
    return sorted(z for z in zoneinfo.available_timezones() if "/" in z and
                  not z.startswith(("Etc/", "SystemV/", "posix/", "right/")))


def refused(exc: SetupError, locale: str) -> str:
    """A service's refusal in the user's language."""
    text = translator(locale).gettext(exc.template)
    return text % exc.params if exc.params else text


def _users(s: Session) -> list[User]:
    return list(s.scalars(select(User).order_by(User.name, User.username)))


# -- creating a mission -----------------------------------------------------------------------

def _new_form(request: Request, user: ConsoleUser, s: Session, values: dict[str, str],
              errors: dict[str, str], status: int = 200) -> HTMLResponse:
    return render(request, user, "setup_new.html", status=status, values=values, errors=errors,
                  users=_users(s), roles=[r.value for r in Role], time_zones=time_zones())


@router.get("/missions/new", response_class=HTMLResponse)
def new_mission_form(request: Request, s: DbSession, user: ConsoleUser = Manager
                     ) -> HTMLResponse:
    return _new_form(request, user, s, {"timezone": "UTC", "chair_role": "professor"}, {})


@router.post("/missions/new", response_class=HTMLResponse, dependencies=[CsrfProtected])
def new_mission(request: Request, s: DbSession, user: ConsoleUser = Manager,
                form: FormData = Form) -> Response:
    values = {k: str(form.get(k, "")).strip() for k in (
        *setup.HEADER_FIELDS, "chair", "chair_role", "option_code", "option_label")}
    errors: dict[str, str] = {}
    header = option = None
    try:
        header = MissionHeader.model_validate({k: values[k] for k in setup.HEADER_FIELDS})
    except ValidationError as exc:
        errors.update(field_errors(exc, user.locale))
    try:
        option = ProgrammeOption(code=values["option_code"], label=values["option_label"])
    except ValidationError as exc:
        errors.update(field_errors(exc, user.locale, lambda loc: f"option_{loc[0]}"))
    gettext = translator(user.locale).gettext
    if values["chair_role"] not in {r.value for r in Role}:
        errors["chair_role"] = gettext("Choose a role.")
    if s.scalar(select(User.id).where(User.username == values["chair"])) is None:
        errors["chair"] = gettext("Choose the head of delegation.")
    if values["code"] and s.scalar(select(Mission.id).where(
            Mission.code == values["code"])) is not None:
        errors["code"] = gettext("A mission with this code already exists.")
    if errors or header is None or option is None:
        return _new_form(request, user, s, values, errors, status=422)
    mission = setup.new_mission(s, header, chair=values["chair"],
                                chair_role=Role(values["chair_role"]),
                                config=MissionConfig(options=(option,)))
    return RedirectResponse(f"/missions/{mission.id}/setup?saved=details", status_code=303)


# -- the setup page -----------------------------------------------------------------------------

def _scoring_values(config: MissionConfig) -> dict[str, Any]:
    return {"weights": {t.value: {"written": str(w.written), "interview": str(w.interview)}
                        for t, w in ((t, config.track_weights(t)) for t in Track)},
            "double_marking_threshold": str(config.double_marking_threshold),
            "blind_second_marking": config.blind_second_marking,
            "anonymous_marking": config.anonymous_marking,
            "adjust_interview_scores": config.adjust_interview_scores}


def _setup_page(request: Request, user: ConsoleUser, s: Session, mission: Mission,
                manage: bool, *, section: str = "", values: Any = None,
                errors: dict[str, str] | None = None, message: str = "",
                status: int = 200) -> HTMLResponse:
    config = setup.config_of(mission)
    ctx: dict[str, Any] = {
        "header": setup.header_of(mission),
        "subjects": [x.model_dump(mode="json") for x in config.subjects],
        "options": [x.model_dump(mode="json") for x in config.options],
        "scoring": _scoring_values(config),
    }
    if section and values is not None:
        ctx[section] = values
    saved = request.query_params.get("saved", "")
    notice = translator(user.locale).gettext(SAVED[saved]) if saved in SAVED else ""
    team = mission_team(s, mission.id)
    on_team = {t.user_id for t in team}
    return render(request, user, "setup_page.html", status=status, mission=mission,
                  can_manage=manage, config=config, team=team,
                  users=[u for u in _users(s) if u.id not in on_team],
                  roles=[r.value for r in Role], time_zones=time_zones(),
                  section=section, errors=errors or {}, message=message, notice=notice,
                  blank_rows=BLANK_ROWS, **ctx)


@router.get("/missions/{mission_id}/setup", response_class=HTMLResponse)
def setup_page(request: Request, mission_id: str, s: DbSession, user: CurrentUser
               ) -> HTMLResponse:
    mission, manage = console_mission(s, user, mission_id)
    return _setup_page(request, user, s, mission, manage)


def _saved(mission: Mission, section: str) -> RedirectResponse:
    return RedirectResponse(f"/missions/{mission.id}/setup?saved={section}#{section}",
                            status_code=303)


@router.post("/missions/{mission_id}/setup/details", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def save_details(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
                 form: FormData = Form) -> Response:
    mission, _ = console_mission(s, user, mission_id, manage=True)
    values = {k: str(form.get(k, "")).strip() for k in setup.HEADER_FIELDS}
    try:
        header = MissionHeader.model_validate(values)
        setup.update_header(s, mission, header, user.user_id)
    except ValidationError as exc:
        return _setup_page(request, user, s, mission, True, section="header", values=values,
                           errors=field_errors(exc, user.locale), status=422)
    except SetupError as exc:
        return _setup_page(request, user, s, mission, True, section="header", values=values,
                           errors={"code": refused(exc, user.locale)}, status=422)
    return _saved(mission, "details")


def _save_config(request: Request, user: ConsoleUser, s: Session, mission: Mission,
                 section: str, part: dict[str, Any], shown: Any, rename: Any = None
                 ) -> Response:
    try:
        config = setup.merged_config(mission, part)
        setup.update_config(s, mission, config, user.user_id, section)
    except ValidationError as exc:
        return _setup_page(request, user, s, mission, True, section=section, values=shown,
                           errors=field_errors(exc, user.locale, rename), status=422)
    except SetupError as exc:
        return _setup_page(request, user, s, mission, True, section=section, values=shown,
                           errors={"": refused(exc, user.locale)}, status=422)
    return _saved(mission, section)


@router.post("/missions/{mission_id}/setup/subjects", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def save_subjects(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
                  form: FormData = Form) -> Response:
    mission, _ = console_mission(s, user, mission_id, manage=True)
    part, index = subjects_part(form)
    return _save_config(request, user, s, mission, "subjects", part,
                        _shown_rows(form, "subjects", index, part["subjects"]),
                        table_rename("subjects", index))


@router.post("/missions/{mission_id}/setup/options", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def save_options(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
                 form: FormData = Form) -> Response:
    mission, _ = console_mission(s, user, mission_id, manage=True)
    part, index = options_part(form)
    return _save_config(request, user, s, mission, "options", part,
                        _shown_rows(form, "options", index, part["options"]),
                        table_rename("options", index))


def _shown_rows(form: FormData, part: str, index: list[int], kept: list[dict[str, Any]]
                ) -> list[dict[str, Any]]:
    """The rows to show again after an error, at their form positions (so each error stays
    beside its field): kept rows in place, the others blank."""
    size = max(index, default=-1) + 1
    shown: list[dict[str, Any]] = [{} for _ in range(size)]
    for i, row in zip(index, kept, strict=True):
        shown[i] = row
    return shown


@router.post("/missions/{mission_id}/setup/scoring", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def save_scoring(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
                 form: FormData = Form) -> Response:
    mission, _ = console_mission(s, user, mission_id, manage=True)
    part = scoring_part(form)
    return _save_config(request, user, s, mission, "scoring", part, part)


# -- team ----------------------------------------------------------------------------------------

@router.post("/missions/{mission_id}/setup/team", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def save_member(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
                form: FormData = Form) -> Response:
    mission, _ = console_mission(s, user, mission_id, manage=True)
    role = str(form.get("role", ""))
    if role not in {r.value for r in Role}:
        return _setup_page(request, user, s, mission, True, section="team",
                           errors={"role": translator(user.locale).gettext("Choose a role.")},
                           status=422)
    try:
        setup.set_member(s, mission, str(form.get("username", "")), Role(role), user.user_id)
    except SetupError as exc:
        return _setup_page(request, user, s, mission, True, section="team",
                           errors={"username": refused(exc, user.locale)}, status=422)
    return _saved(mission, "team")


@router.post("/missions/{mission_id}/setup/chair", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def save_chair(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
               form: FormData = Form) -> Response:
    mission, _ = console_mission(s, user, mission_id, manage=True)
    try:
        setup.set_chair(s, mission, str(form.get("assessor_id", "")), user.user_id)
    except SetupError as exc:
        return _setup_page(request, user, s, mission, True, section="team",
                           errors={"chair": refused(exc, user.locale)}, status=422)
    return _saved(mission, "team")


@router.post("/missions/{mission_id}/setup/team/{assessor_id}/remove",
             response_class=HTMLResponse, dependencies=[CsrfProtected])
def remove_member(request: Request, mission_id: str, assessor_id: str, s: DbSession,
                  user: CurrentUser) -> Response:
    mission, _ = console_mission(s, user, mission_id, manage=True)
    try:
        setup.remove_member(s, mission, assessor_id, user.user_id)
    except SetupError as exc:
        return _setup_page(request, user, s, mission, True, section="team",
                           errors={"member": refused(exc, user.locale)},
                           status=422)
    return _saved(mission, "team")


# -- rubric: one criterion a page ----------------------------------------------------------------

def _criterion_page(request: Request, user: ConsoleUser, mission: Mission, manage: bool,
                    index: int, criterion: dict[str, Any], errors: dict[str, str],
                    status: int = 200) -> HTMLResponse:
    levels = list(criterion.get("levels", []))
    extra = BLANK_ROWS if levels else 5
    return render(request, user, "setup_criterion.html", status=status, mission=mission,
                  can_manage=manage, index=index, criterion=criterion,
                  levels=levels + [{} for _ in range(extra)], errors=errors,
                  is_new=index >= len(setup.config_of(mission).rubric.criteria))


def _criterion_index(mission: Mission, index: int) -> int:
    if not 0 <= index <= len(setup.config_of(mission).rubric.criteria):
        raise ConsoleError(404, N_("No such criterion."))
    return index


@router.get("/missions/{mission_id}/setup/rubric/{index}", response_class=HTMLResponse)
def criterion_form(request: Request, mission_id: str, index: int, s: DbSession,
                   user: CurrentUser) -> HTMLResponse:
    mission, manage = console_mission(s, user, mission_id)
    criteria = setup.config_of(mission).rubric.criteria
    index = _criterion_index(mission, index)
    if index == len(criteria) and not manage:
        raise ConsoleError(404, N_("No such criterion."))
    criterion = (criteria[index].model_dump(mode="json") if index < len(criteria)
                 else {"weight": 1, "levels": []})
    return _criterion_page(request, user, mission, manage, index, criterion, {})


@router.post("/missions/{mission_id}/setup/rubric/{index}", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def save_criterion(request: Request, mission_id: str, index: int, s: DbSession,
                   user: CurrentUser, form: FormData = Form) -> Response:
    mission, _ = console_mission(s, user, mission_id, manage=True)
    index = _criterion_index(mission, index)
    criterion, rows = criterion_part(form)
    criteria = [c.model_dump(mode="json") for c in setup.config_of(mission).rubric.criteria]
    criteria[index:index + 1] = [criterion]
    shown = {**criterion, "levels": _shown_rows(form, "levels", rows, criterion["levels"])}
    try:
        config = setup.merged_config(mission, {"rubric": {"criteria": criteria}})
        setup.update_config(s, mission, config, user.user_id, "rubric")
    except ValidationError as exc:
        errors = field_errors(exc, user.locale, criterion_rename(index, rows))
        return _criterion_page(request, user, mission, True, index, shown, errors, 422)
    except SetupError as exc:
        return _criterion_page(request, user, mission, True, index, shown,
                               {"": refused(exc, user.locale)}, 422)
    return _saved(mission, "rubric")


@router.post("/missions/{mission_id}/setup/rubric/{index}/remove", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def remove_criterion(request: Request, mission_id: str, index: int, s: DbSession,
                     user: CurrentUser) -> Response:
    mission, _ = console_mission(s, user, mission_id, manage=True)
    criteria = [c.model_dump(mode="json") for c in setup.config_of(mission).rubric.criteria]
    if not 0 <= index < len(criteria):
        raise ConsoleError(404, N_("No such criterion."))
    shown = criteria[index]
    del criteria[index]
    try:
        config = setup.merged_config(mission, {"rubric": {"criteria": criteria}})
        setup.update_config(s, mission, config, user.user_id, "rubric")
    except ValidationError as exc:
        return _criterion_page(request, user, mission, True, index, shown,
                               field_errors(exc, user.locale, lambda loc: ""), 422)
    except SetupError as exc:
        return _criterion_page(request, user, mission, True, index, shown,
                               {"": refused(exc, user.locale)}, 422)
    return _saved(mission, "rubric")
