"""Signing in and out of the console (issue 14 §2): the API's throttle and argon2 gate,
a server-side session in an HttpOnly, SameSite=Strict cookie (Secure over TLS)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from ..models import User
from ..signin import SignIn
from ..throttle import Throttled
from . import sessions as console_sessions
from .deps import ConsoleError, CsrfProtected, CurrentUser, DbSession, MaybeUser, safe_next
from .i18n import N_, negotiate
from .render import render
from .sessions import COOKIE, LOGIN_CSRF_COOKIE

router = APIRouter()


def _secure(request: Request) -> bool:
    # uvicorn sets the scheme from the TLS proxy's X-Forwarded-Proto when it trusts the proxy
    # (--forwarded-allow-ips), as it does for the API's HSTS header.
    return request.url.scheme == "https"


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


@router.get("/", include_in_schema=False)
def home(user: MaybeUser) -> RedirectResponse:
    return RedirectResponse("/missions" if user else "/login", status_code=303)


def _login_page(request: Request, next_url: str, status: int = 200, error: str = "",
                username: str = "", headers: dict[str, str] | None = None) -> Response:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not (20 <= len(token) <= 100):
        token = secrets.token_urlsafe(32)
    resp = render(request, None, "login.html", status=status, headers=headers,
                  csrf_token=token, next_url=next_url, error=error, username=username)
    resp.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                    secure=_secure(request), path="/login")
    return resp


@router.get("/login", include_in_schema=False)
def login_form(request: Request, user: MaybeUser, next: str = "") -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_page(request, safe_next(next))


@router.post("/login", include_in_schema=False)
async def login(request: Request, username: Annotated[str, Form(max_length=150)] = "",
                password: Annotated[str, Form(max_length=1000)] = "",
                csrf_token: Annotated[str, Form(max_length=200)] = "",
                next: Annotated[str, Form(max_length=500)] = "") -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not expected or not secrets.compare_digest(
            csrf_token.encode("utf-8", "surrogatepass"), expected.encode()):
        raise ConsoleError(403, N_("The form has expired: reload the page and try again."))
    target = safe_next(next)
    signin: SignIn = request.app.state.signin
    address = _address(request)
    try:
        user = await signin.check(username, password, address)
    except Throttled as exc:
        return _login_page(request, target, 429, N_("Too many failed sign-ins: try again "
                                                    "later."), username,
                           headers={"Retry-After": str(exc.retry_after)})
    if user is None:
        return _login_page(request, target, 401, N_("Wrong user name or password."), username)
    locale = negotiate(request.headers.get("accept-language"))
    cookie = await run_in_threadpool(_open, request, user, address, locale)
    resp = RedirectResponse(target, status_code=303)
    resp.set_cookie(COOKIE, cookie, httponly=True, samesite="strict", secure=_secure(request),
                    path="/", max_age=int(console_sessions.ABSOLUTE.total_seconds()))
    resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return resp


def _open(request: Request, user: User, address: str, locale: str) -> str:
    with request.app.state.sessions() as s, s.begin():
        return console_sessions.open_session(s, user, address, locale)


@router.post("/logout", include_in_schema=False, dependencies=[CsrfProtected])
def logout(request: Request, s: DbSession, _user: CurrentUser) -> RedirectResponse:
    console_sessions.close_session(s, request.cookies.get(COOKIE))
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(COOKIE, path="/")
    return resp
