"""Device tokens in the OS keyring (DESIGN.md §6): never in a file or the database."""

from __future__ import annotations

import contextlib
import logging

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "mission-desk-server"


def _account(server_url: str, username: str) -> str:
    return f"{server_url.rstrip('/')}#{username}"


def save_token(server_url: str, username: str, token: str) -> bool:
    """False where no keyring backend exists: the token then lives only in memory for this
    session (the next run signs in again), never in a file."""
    try:
        keyring.set_password(SERVICE, _account(server_url, username), token)
    except keyring.errors.KeyringError as exc:
        log.warning("no keyring to keep the device token (%s): sign-in needed next time", exc)
        return False
    return True


def load_token(server_url: str, username: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, _account(server_url, username))
    except keyring.errors.KeyringError:
        return None


def forget_token(server_url: str, username: str) -> None:
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, _account(server_url, username))
