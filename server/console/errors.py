"""The console's error pages: HTML for console paths (the API keeps its JSON errors)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import API_PREFIX

from .deps import ConsoleError, ConsoleUser, LoginRequired, login_url, optional_user
from .i18n import N_
from .render import render

NOT_CONSOLE = (API_PREFIX + "/", "/docs", "/redoc", "/openapi.json", "/static/")


def is_console(request: Request) -> bool:
    return not request.url.path.startswith(NOT_CONSOLE)


def _user(request: Request) -> ConsoleUser | None:
    """The signed-in user for an error page's header (no dependency ran for an unknown URL)."""
    known = getattr(request.state, "console_user", None)
    if known is not None:
        return known  # type: ignore[no-any-return]
    with request.app.state.sessions() as s:
        return optional_user(request, s)


def install(app: FastAPI) -> None:
    """Console error pages; call after server.errors.install (whose handlers it wraps)."""
    api_http = app.exception_handlers[StarletteHTTPException]
    api_invalid = app.exception_handlers[RequestValidationError]

    @app.exception_handler(ConsoleError)
    async def _console_error(request: Request, exc: ConsoleError) -> Response:
        return render(request, getattr(request.state, "console_user", None), "error.html",
                      status=exc.status, headers=exc.headers, status_code=exc.status,
                      message=exc.message)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired) -> Response:
        if request.method in ("GET", "HEAD"):
            return RedirectResponse(login_url(exc.next_url), status_code=303)
        return render(request, None, "error.html", status=401, status_code=401,
                      message=N_("Your session has ended: sign in again."))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if not is_console(request) or exc.status_code not in (404, 405):
            return await api_http(request, exc)  # type: ignore[no-any-return]
        message = (N_("There is no such page.") if exc.status_code == 404
                   else N_("This page cannot be used that way."))
        user = await run_in_threadpool(_user, request)
        return render(request, user, "error.html", status=exc.status_code,
                      headers=exc.headers, status_code=exc.status_code, message=message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if not is_console(request):
            return await api_invalid(request, exc)  # type: ignore[no-any-return]
        return render(request, getattr(request.state, "console_user", None), "error.html",
                      status=400, status_code=400,
                      message=N_("A value of the form is not valid: go back and check it."))
