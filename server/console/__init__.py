"""The admissions office's console (issue 14, DESIGN.md §11): server-rendered pages under
``/``, beside the API under ``/api/v1``. Qt-free; calls the same services as the API."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from . import (
    auth_routes,
    candidate_routes,
    devices_routes,
    downloads_routes,
    results_routes,
    users_routes,
)
from .deps import ConsoleError, LoginRequired, login_url
from .i18n import N_
from .render import render

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")


def mount_console(app: FastAPI) -> None:
    """Add the console's pages, static files and error pages to the API's app."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(auth_routes.router)
    app.include_router(users_routes.router)
    app.include_router(devices_routes.router)
    app.include_router(results_routes.router)
    app.include_router(candidate_routes.router)
    app.include_router(downloads_routes.router)

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
