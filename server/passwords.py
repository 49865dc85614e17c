"""Password hashing (argon2id) and device tokens (random, stored as SHA-256).

Argon2 takes 64 MiB per hash by design: hashes run at most ``HASH_CONCURRENCY`` at a time in
a process (``MISSION_DESK_HASH_CONCURRENCY``, default 2), so a burst of sign-ins waits its
turn instead of taking the server's memory.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HASH_CONCURRENCY = max(1, int(os.environ.get("MISSION_DESK_HASH_CONCURRENCY", "2") or 2))
_slots = threading.BoundedSemaphore(HASH_CONCURRENCY)

_hasher = PasswordHasher()
# Verified when the username is unknown, so a login takes as long either way.
_DUMMY = _hasher.hash("not a password of anyone")


def _bytes(password: str) -> bytes:
    # JSON may carry a lone surrogate ("\ud800"): hashed as its UTF-8 bytes all the same,
    # never an encoding error (a 500).
    return password.encode("utf-8", "surrogatepass")


def hash_password(password: str) -> str:
    with _slots:
        return _hasher.hash(_bytes(password))


def verify_password(stored: str | None, password: str) -> bool:
    with _slots:
        try:
            return _hasher.verify(stored or _DUMMY, _bytes(password)) and stored is not None
        except (VerificationError, InvalidHashError):
            return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def storable(text: str) -> bool:
    """Whether a text can reach the database as it is: PostgreSQL refuses U+0000 and
    UTF-8 has no lone surrogates."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    """``text`` with every character the database or a log line should not hold replaced."""
    if text.isprintable() and storable(text):  # the usual case, checked at C speed
        return text
    return "".join(c if c.isprintable() and storable(c) else "?" for c in text)


def token_digest(token: str) -> str:
    """Tokens are 256 random bits: a plain SHA-256 is enough (no slow hash needed)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
