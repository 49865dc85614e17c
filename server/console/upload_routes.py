"""Uploads on a mission's import page: the platform's CSV or XLSX export of candidates, with
import-candidates' exact semantics (server.mission_setup.import_candidates: one transaction,
every good row or none) and its per-line report; and a team bundle e-mailed home, applied as
`import-bundle` does (server.bundles.import_bundle: verified, its author's push, once)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from app.importers.candidates import ImportFormatError
from sync.protocol import MAX_BODY_BYTES

from .. import mission_setup as setup
from ..bundles import import_bundle, mission_of
from ..errors import ApiError
from ..models import Assessor, Mission
from .deps import (
    ConsoleUser,
    CsrfProtected,
    CurrentUser,
    DbSession,
    console_mission,
)
from .i18n import translator
from .import_reasons import reason_in
from .render import render
from .setup_routes import Form

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)  # pages, not API: out of /openapi.json

CANDIDATE_SUFFIXES = (".csv", ".xlsx")
# An export of 20,000 candidates is a few MB; anything far larger is not one.
MAX_UPLOAD_BYTES = 32 * 1024 * 1024


class UploadRefused(Exception):
    """The uploaded file cannot be taken (no file, wrong kind, too large)."""


@contextmanager
def uploaded_file(form: FormData, suffixes: tuple[str, ...], locale: str) -> Iterator[Path]:
    """The form's ``file`` as a temporary file keeping its suffix (the readers choose CSV or
    XLSX by it), removed afterwards; UploadRefused with a message in the user's language."""
    gettext = translator(locale).gettext
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise UploadRefused(gettext("Choose a file."))
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in suffixes:
        raise UploadRefused(gettext("Choose a .csv or .xlsx file."))
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise UploadRefused(gettext("The file is too large."))
    with tempfile.TemporaryDirectory(prefix="mission-desk-upload-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        with path.open("wb") as out:
            shutil.copyfileobj(upload.file, out, 1 << 16)
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise UploadRefused(gettext("The file is too large."))
        yield path


@router.get("/missions/{mission_id}/import", response_class=HTMLResponse)
def import_form(request: Request, mission_id: str, s: DbSession, user: CurrentUser
                ) -> HTMLResponse:
    mission = console_mission(s, user, mission_id, manage=True)[0]
    return _page(request, user, mission)


def _page(request: Request, user: ConsoleUser, mission: Mission, status: int = 200,
          **ctx: object) -> HTMLResponse:
    values: dict[str, object] = {"error": "", "result": None, "bundle_error": "",
                                 "bundle": None, **ctx}
    return render(request, user, "upload_candidates.html", status=status, mission=mission,
                  reason=reason_in(user.locale), **values)


@router.post("/missions/{mission_id}/bundle", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def bundle_upload(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
                  form: FormData = Form) -> Response:
    """A team bundle e-mailed home: checked (signature, mission, desk, no gap) and applied as
    its author's own push, exactly once; nothing is applied when it is refused."""
    mission = console_mission(s, user, mission_id, manage=True)[0]
    gettext = translator(user.locale).gettext
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _page(request, user, mission, 422, bundle_error=gettext("Choose a file."))
    data = upload.file.read(MAX_BODY_BYTES + 1)
    if len(data) > MAX_BODY_BYTES:
        return _page(request, user, mission, 422,
                     bundle_error=gettext("The file is too large."))
    try:
        with s.begin_nested():  # a refusal leaves nothing behind
            if mission_of(data) != mission.id:
                raise ApiError(422, "bad_bundle", gettext(
                    "This bundle belongs to another mission."))
            outcome = import_bundle(s, mission.id, data)
    except ApiError as exc:
        return _page(request, user, mission, 422,
                     bundle_error=f"{upload.filename}: {exc.message}")
    # A shared desk's colleague never synced under their own account: named, not applied.
    refused = [a.name if (a := s.get(Assessor, r.split(": ", 1)[0])) else r
               for r in outcome.refused]
    return _page(request, user, mission, bundle=outcome.counts(),
                 bundle_name=upload.filename, bundle_refused=refused)


@router.post("/missions/{mission_id}/import", response_class=HTMLResponse,
             dependencies=[CsrfProtected])
def import_upload(request: Request, mission_id: str, s: DbSession, user: CurrentUser,
                  form: FormData = Form) -> Response:
    mission = console_mission(s, user, mission_id, manage=True)[0]
    upload = form.get("file")
    name = upload.filename if isinstance(upload, UploadFile) else ""
    try:
        with uploaded_file(form, CANDIDATE_SUFFIXES, user.locale) as path:
            _, _, result = setup.import_candidates(s, mission, path,
                                                   actor=f"{user.username} (console upload)")
    except UploadRefused as exc:
        return _page(request, user, mission, 422, error=str(exc))
    except ImportFormatError as exc:
        # the reader names the temporary copy: name the user's file instead
        message = str(exc).replace(f"upload{Path(name).suffix.lower()}", name)
        if name not in message:
            message = f"{name}: {message}"
        return _page(request, user, mission, 422, error=message)
    return _page(request, user, mission, result=result, filename=name)
