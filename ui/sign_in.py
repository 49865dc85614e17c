"""What the connect dialog and the sync page say about the server address and a failed sync:
plain words with the next step, never a library's message (that goes to the log).

Translated in the SyncPage context (literal calls, so lupdate finds them)."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncPage", text)


def _needs_scheme() -> str:
    return _tr("The address needs http:// or https:// at the start, for example "
               "https://admissions.example.org.")


def address_problem(address: str) -> str | None:
    """Why ``address`` cannot be a server address, or None when it can be tried."""
    text = address.strip()
    if not text:
        return _tr("Type the server address, for example https://admissions.example.org.")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        return _needs_scheme()
    if not parts.hostname or any(c.isspace() for c in text):
        return _tr("The address is not complete: it reads like "
                   "https://admissions.example.org.")
    return None


def failure_message(kind: str, detail: str = "") -> str:
    """What a failed sync means for the user, per failure kind (ui.workers.sync_worker.KINDS),
    with what to do next. ``detail`` is used by "mission_choice" only (the mission codes)."""
    messages = {
        "offline": _tr("The server cannot be reached: you seem to be offline. Your "
                       "changes are safe on this desk; try again later."),
        "auth": _tr("Sign-in failed: wrong user name or password."),
        "expired": _tr("Your sign-in on this laptop has expired. Type your password and "
                       "press Enter to sign in again."),
        "revoked": _tr("This laptop was signed out by the server (device revoked). "
                       "Type your password and press Enter to sign in again."),
        "address": _needs_scheme(),
        "password": _tr("Type your password and press Enter to sign in (needed once on "
                        "this laptop)."),
        "no_access": _tr("Signed in, but the server gives this account no mission (or "
                         "not the one named): check the mission code, or ask the "
                         "admissions office."),
        "server": _tr("The server reported an error; your changes are kept and "
                      "will be sent next time."),
        "certificate": _tr("The server's certificate could not be verified: do not "
                           "sync on this network, and tell IT."),
        "cancelled": _tr("Sync cancelled. Everything received so far is kept."),
        "insecure": _tr("This address is plain http://: your password and the candidates' "
                        "data would cross the network unencrypted. Type the server's "
                        "https:// address."),
        "mission_choice": _tr("You belong to several missions: type the code of the one "
                              "to download in Mission code (%1).").replace("%1", detail),
    }
    return messages.get(kind, messages["server"])


def phase_label(phase: str) -> str:
    """A sync phase (sync.client's progress callback) in the interface language."""
    labels = {
        "signing in": _tr("Signing in"),
        "choosing the mission": _tr("Finding the mission"),
        "downloading the mission": _tr("Downloading the mission"),
        "sending changes": _tr("Sending changes"),
        "receiving changes": _tr("Receiving changes"),
        "restoring refused changes": _tr("Restoring refused changes"),
        "done": _tr("Done"),
    }
    return labels.get(phase, phase)
