"""Device tokens in the OS keyring (DESIGN.md §6): never in a file or the database."""

from __future__ import annotations

import contextlib

import keyring
import keyring.errors

SERVICE = "mission-desk-server"


def _account(server_url: str, username: str) -> str:
    return f"{server_url.rstrip('/')}#{username}"


def save_token(server_url: str, username: str, token: str) -> None:
    keyring.set_password(SERVICE, _account(server_url, username), token)


def load_token(server_url: str, username: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, _account(server_url, username))
    except keyring.errors.KeyringError:
        return None


def forget_token(server_url: str, username: str) -> None:
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, _account(server_url, username))
