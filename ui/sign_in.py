"""What the connect dialog and the sync page say about the server address and a failed sync:
plain words with the next step, never a library's message (that goes to the log).

Translated in the SyncPage context (literal calls, so lupdate finds them)."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

# Called as translate("SyncPage", "literal") so that lupdate finds every string.
translate = QCoreApplication.translate


def _needs_scheme() -> str:
    return translate("SyncPage", "The address needs http:// or https:// at the start, for example "
               "https://admissions.example.org.")


def address_problem(address: str) -> str | None:
    """Why ``address`` cannot be a server address, or None when it can be tried."""
    text = address.strip()
    if not text:
        return translate(
            "SyncPage", "Type the server address, for example https://admissions.example.org.")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        return _needs_scheme()
    if not parts.hostname or any(c.isspace() for c in text):
        return translate("SyncPage", "The address is not complete: it reads like "
                   "https://admissions.example.org.")
    return None


def failure_message(kind: str, detail: str = "") -> str:
    """What a failed sync means for the user, per failure kind (ui.workers.sync_worker.KINDS),
    with what to do next. ``detail`` is used by "mission_choice" only (the mission codes)."""
    messages = {
        "offline": translate(
            "SyncPage", "The server cannot be reached: you seem to be offline. Your "
                       "changes are safe on this desk; try again later."),
        "auth": translate("SyncPage", "Sign-in failed: wrong user name or password."),
        "expired": translate(
            "SyncPage", "Your sign-in on this laptop has expired. Type your password and "
                       "press Enter to sign in again."),
        "revoked": translate(
            "SyncPage", "This laptop was signed out by the server (device revoked). "
                       "Type your password and press Enter to sign in again."),
        "address": _needs_scheme(),
        "password": translate(
            "SyncPage", "Type your password and press Enter to sign in (needed once on "
                        "this laptop)."),
        "no_access": translate(
            "SyncPage", "Signed in, but the server gives this account no mission (or "
                         "not the one named): check the mission code, or ask the "
                         "admissions office."),
        "server": translate("SyncPage", "The server reported an error; your changes are kept and "
                      "will be sent next time."),
        "certificate": translate(
            "SyncPage", "The server's certificate could not be verified: do not "
                           "sync on this network, and tell IT."),
        "cancelled": translate("SyncPage", "Sync cancelled. Everything received so far is kept."),
        "insecure": translate(
            "SyncPage", "This address is plain http://: your password and the candidates' "
                        "data would cross the network unencrypted. Type the server's "
                        "https:// address."),
        "receipt": translate(
            "SyncPage", "The server's receipt for this sync does not verify: nothing from "
                        "this sync was counted as received, and closing the mission stays "
                        "locked. Tell IT."),
        "mission_choice": translate(
            "SyncPage", "You belong to several missions: type the code of the one "
                              "to download in Mission code (%1).").replace("%1", detail),
    }
    return messages.get(kind, messages["server"])


def phase_label(phase: str) -> str:
    """A sync phase (sync.client's progress callback) in the interface language."""
    labels = {
        "signing in": translate("SyncPage", "Signing in"),
        "choosing the mission": translate("SyncPage", "Finding the mission"),
        "downloading the mission": translate("SyncPage", "Downloading the mission"),
        "sending changes": translate("SyncPage", "Sending changes"),
        "receiving changes": translate("SyncPage", "Receiving changes"),
        "restoring refused changes": translate("SyncPage", "Restoring refused changes"),
        "done": translate("SyncPage", "Done"),
    }
    return labels.get(phase, phase)
