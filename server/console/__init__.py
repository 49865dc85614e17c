"""The admissions office's console (issue 14, DESIGN.md §11): server-rendered pages under
``/``, beside the API under ``/api/v1``. Qt-free; calls the same services as the API."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from . import (
    auth_routes,
    calibration_routes,
    candidate_routes,
    devices_routes,
    downloads_routes,
    errors,
    missions_routes,
    plan_routes,
    results_routes,
    setup_routes,
    upload_routes,
    users_routes,
)

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")


def mount_console(app: FastAPI) -> None:
    """Add the console's pages, static files and error pages to the API's app."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(auth_routes.router)
    app.include_router(users_routes.router)
    app.include_router(devices_routes.router)
    app.include_router(results_routes.router)
    app.include_router(calibration_routes.router)
    app.include_router(candidate_routes.router)
    app.include_router(downloads_routes.router)
    # setup before missions: /missions/new is not a mission id
    app.include_router(setup_routes.router)
    app.include_router(missions_routes.router)
    app.include_router(upload_routes.router)
    app.include_router(plan_routes.router)

    errors.install(app)
