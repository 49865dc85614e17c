"""Device tokens (DESIGN.md §6): in the OS keyring, or, where no keyring backend exists, inside
the desk's encrypted database (its meta table). Never in a plain file.

One token per (server, user) on a desk: signing in again replaces it, and the server is told
which token it replaces so that it revokes the old one (LoginRequest.replaces).
"""

from __future__ import annotations

import contextlib
import logging

import keyring
import keyring.errors

from app.store.database import Store
from app.store.keys import TOKEN_SERVICE, token_account

log = logging.getLogger(__name__)

SERVICE = TOKEN_SERVICE
# Meta key prefix of a token kept in the encrypted database when the machine has no keyring.
META_PREFIX = "device_token:"


_account = token_account


def save_token(store: Store, server_url: str, username: str, token: str) -> str:
    """Keep the token; returns where it went: ``"keyring"`` or ``"database"``."""
    account = _account(server_url, username)
    try:
        keyring.set_password(SERVICE, account, token)
    except keyring.errors.KeyringError as exc:
        # Only the error's type: keyring's own message advises installing a plain-file backend.
        log.info("no keyring backend (%s): the device token is kept in the encrypted database",
                 type(exc).__name__)
        store.set_meta(META_PREFIX + account, token)
        return "database"
    # A token left in the database by an earlier run without a keyring is stale now.
    store.set_meta(META_PREFIX + account, None)
    return "keyring"


def load_token(store: Store, server_url: str, username: str) -> str | None:
    account = _account(server_url, username)
    token: str | None = None
    with contextlib.suppress(keyring.errors.KeyringError):
        token = keyring.get_password(SERVICE, account)
    return token or store.get_meta(META_PREFIX + account)


def has_token(store: Store, server_url: str, username: str) -> bool:
    """True when a sync can start without asking for the password."""
    return bool(load_token(store, server_url, username))


def forget_token(store: Store, server_url: str, username: str) -> None:
    account = _account(server_url, username)
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, account)
    store.set_meta(META_PREFIX + account, None)
