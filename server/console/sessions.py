"""Console sessions (DESIGN.md §11): server-side rows; the browser's cookie holds a random id
whose SHA-256 alone is stored. A session ends when unused for ``IDLE`` or ``ABSOLUTE`` after
sign-in, whichever comes first; each has its own CSRF token."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..models import ConsoleSession, User, aware, utcnow
from ..passwords import new_token, printable, token_digest

COOKIE = "md_session"
# Before sign-in there is no session: the login form's CSRF token is this cookie's value
# (double submit), so no other site can sign a browser in to an account of its choosing.
LOGIN_CSRF_COOKIE = "md_login_csrf"
IDLE = dt.timedelta(minutes=30)
ABSOLUTE = dt.timedelta(hours=12)
# Writing last_seen_at on every page would turn each read into a write.
SEEN_GRANULARITY = dt.timedelta(minutes=1)


def open_session(s: Session, user: User, address: str, locale: str) -> str:
    """A new session for ``user``; returns the cookie's value."""
    token = new_token()
    now = utcnow()
    # This user's ended sessions go at each sign-in, so the table does not grow forever.
    s.execute(delete(ConsoleSession).where(ConsoleSession.user_id == user.id).where(
        (ConsoleSession.expires_at <= now) | (ConsoleSession.last_seen_at <= now - IDLE)))
    s.add(ConsoleSession(id_hash=token_digest(token), user_id=user.id,
                         csrf_token=secrets.token_urlsafe(32), created_at=now,
                         last_seen_at=now, expires_at=now + ABSOLUTE, locale=locale,
                         address=printable(address[:64])))
    s.flush()
    return token


def is_live(row: ConsoleSession, now: dt.datetime) -> bool:
    expires, seen = aware(row.expires_at), aware(row.last_seen_at)
    assert expires is not None and seen is not None
    return now < expires and now - seen < IDLE


def find_session(s: Session, token: str | None) -> tuple[ConsoleSession, User] | None:
    """The live session of a cookie (touched), or None."""
    if not token or len(token) > 200:
        return None
    row = s.get(ConsoleSession, token_digest(token))
    if row is None:
        return None
    now = utcnow()
    if not is_live(row, now):
        return None
    user = s.get(User, row.user_id)
    if user is None:
        return None
    if now - (aware(row.last_seen_at) or now) > SEEN_GRANULARITY:
        row.last_seen_at = now
    return row, user


def close_session(s: Session, token: str | None) -> None:
    if token and len(token) <= 200:
        s.execute(delete(ConsoleSession).where(ConsoleSession.id_hash == token_digest(token)))


def close_sessions_of(s: Session, user_id: str, keep: str | None = None) -> int:
    """End every console session of a user (a password reset), except ``keep`` (an id hash)."""
    q = select(ConsoleSession).where(ConsoleSession.user_id == user_id)
    rows = [r for r in s.scalars(q) if r.id_hash != keep]
    for row in rows:
        s.delete(row)
    return len(rows)
