"""What console routes depend on: the database session, the signed-in user, roles, mission
access and the CSRF check (DESIGN.md §11; the contract in the console's README section)."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from .. import accounts
from ..models import Mission
from .i18n import N_, supported
from .roles import MANAGERS, ConsoleRole, role_of
from .sessions import COOKIE, find_session

Access = Literal["manage", "read"]


class ConsoleError(Exception):
    """An error page: status and a message (English source, translated when shown)."""

    def __init__(self, status: int, message: str = "", headers: dict[str, str] | None = None
                 ) -> None:
        super().__init__(message or str(status))
        self.status = status
        self.message = message
        self.headers = headers or {}


class LoginRequired(Exception):
    """No live session: a GET goes to the login page, any other method gets 401."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


@dataclass(frozen=True)
class ConsoleUser:
    user_id: str
    username: str
    name: str
    role: ConsoleRole
    locale: str
    session_id: str  # the session row's id hash (never the cookie's value)
    csrf_token: str

    @property
    def manages(self) -> bool:
        return self.role in MANAGERS


def db(request: Request) -> Iterator[Session]:
    """One transaction per request, committed before the response leaves."""
    with request.app.state.sessions() as s, s.begin():
        yield s


DbSession = Annotated[Session, Depends(db, scope="function")]


def optional_user(request: Request, s: DbSession) -> ConsoleUser | None:
    found = find_session(s, request.cookies.get(COOKIE))
    if found is None:
        return None
    row, user = found
    cu = ConsoleUser(user_id=user.id, username=user.username, name=user.name,
                     role=role_of(user.console_role, user.is_admin),
                     locale=supported(user.locale), session_id=row.id_hash,
                     csrf_token=row.csrf_token)
    request.state.console_user = cu  # for the error pages' header
    return cu


MaybeUser = Annotated[ConsoleUser | None, Depends(optional_user)]


def current_user(request: Request, user: MaybeUser) -> ConsoleUser:
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    return user


CurrentUser = Annotated[ConsoleUser, Depends(current_user)]


def require_role(*roles: ConsoleRole) -> Callable[[ConsoleUser], ConsoleUser]:
    """A dependency giving the signed-in user when they hold one of ``roles`` (403 if not)."""

    def dependency(user: CurrentUser) -> ConsoleUser:
        if user.role not in roles:
            raise ConsoleError(403, N_("This page needs another role."))
        return user

    return dependency


def mission_access(s: Session, user: ConsoleUser, mission_id: str) -> Access:
    """``manage`` (admin, officer), ``read`` (viewer, or member of that mission); 404 for a
    missing mission and for one the user has no right to (its existence stays hidden)."""
    mission = s.get(Mission, mission_id) if len(mission_id) <= 36 else None
    if mission is None or mission.deleted:
        raise ConsoleError(404, N_("No such mission."))
    if user.role in MANAGERS:
        return "manage"
    if user.role == ConsoleRole.VIEWER:
        return "read"
    if accounts.membership(s, mission.id, user.user_id) is not None:
        return "read"
    raise ConsoleError(404, N_("No such mission."))


def console_mission(s: Session, user: ConsoleUser, mission_id: str, *, manage: bool = False
                    ) -> tuple[Mission, bool]:
    """The mission a page is about and whether the user may change it: 404 as
    ``mission_access`` answers, 403 when ``manage`` is asked of a reader."""
    access = mission_access(s, user, mission_id)
    if manage and access != "manage":
        raise ConsoleError(403, N_("This page needs another role."))
    mission = s.get(Mission, mission_id)
    assert mission is not None  # mission_access answered 404 otherwise
    return mission, access == "manage"


async def csrf_protected(request: Request, user: CurrentUser) -> None:
    """Every non-GET route: the form field ``csrf_token`` or the header ``X-CSRF-Token``
    must carry the session's token (403 otherwise)."""
    sent = request.headers.get("x-csrf-token")
    if not sent and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not sent or not secrets.compare_digest(
            sent.encode("utf-8", "surrogatepass"), user.csrf_token.encode()):
        raise ConsoleError(403, N_("The form has expired: reload the page and try again."))


CsrfProtected = Depends(csrf_protected)


def login_url(next_url: str) -> str:
    return "/login?next=" + quote(next_url, safe="/")


def safe_next(value: str | None, default: str = "/missions") -> str:
    """A redirect target of this site only (no //host, no scheme, no backslash)."""
    if (not value or not value.startswith("/") or value.startswith("//") or "\\" in value
            or any(c in value for c in "\r\n\t") or len(value) > 500):
        return default
    return value
