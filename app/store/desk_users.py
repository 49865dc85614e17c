"""Several assessors on one desk (issue 17, DESIGN.md §11): each unlocks with their own PIN.

The PIN is at least six digits and only its argon2id hash is kept, in the encrypted database.
Wrong tries are throttled in the database too, so that quitting the desk does not reset the
count: after FREE_TRIES wrong PINs, each further wrong one blocks the account for a delay
that doubles (up to MAX_BLOCK). A right PIN clears the count.

Each desk user also gets their own sync identity on this desk (a client_id): the server binds
a client_id to the device token that first used it, and keeps exactly-once per client_id, so
each assessor's changes travel under their own account and their own client_id.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, or_, select, true
from sqlalchemy.orm import Session

from .database import Store, get_meta
from .models import Assessor, AuditEntry, DeskUser, OutboxMutation, new_id
from .types import utcnow

log = logging.getLogger(__name__)

MIN_PIN_DIGITS = 6
FREE_TRIES = 3  # wrong PINs allowed before the throttle starts
FIRST_BLOCK = dt.timedelta(seconds=30)
MAX_BLOCK = dt.timedelta(hours=1)
# The meta key naming the assessor whose account the desk first synced with (the desk's own
# client_id is theirs); app.store.pull sets it at the first pull.
PRIMARY_KEY = "current_assessor"

if TYPE_CHECKING:
    from argon2 import PasswordHasher


@cache
def _hasher() -> PasswordHasher:
    """argon2id with the library's defaults (RFC 9106 low-memory profile: 64 MiB, about
    0.5 s on this machine, so the lock screen checks off the UI thread), paid only when a
    PIN is set or typed; imported then, not at the desk's start-up."""
    from argon2 import PasswordHasher

    return PasswordHasher()

Clock = Callable[[], dt.datetime]


class PinError(Exception):
    """A PIN refused: too short, not digits, or the two entries differ."""


class PinThrottled(Exception):
    """Too many wrong tries: no PIN is checked before ``until``."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(f"too many wrong PINs: try again after {until.isoformat()}")
        self.until = until


@dataclass(frozen=True)
class Unlock:
    """The answer to a typed PIN: right or not, and the tries left before the throttle."""

    ok: bool
    tries_left: int
    blocked_until: dt.datetime | None = None


def check_pin_format(pin: str) -> None:
    if not pin.isascii() or not pin.isdigit() or len(pin) < MIN_PIN_DIGITS:
        raise PinError(f"a PIN is at least {MIN_PIN_DIGITS} digits")


def block_after(failed: int) -> dt.timedelta:
    """How long the account stays blocked after its ``failed``-th wrong PIN in a row."""
    if failed < FREE_TRIES:
        return dt.timedelta(0)
    return min(MAX_BLOCK, FIRST_BLOCK * 2 ** min(failed - FREE_TRIES, 16))


class DeskUsers:
    """The desk's users: PINs, throttle, sync identities. No Qt; every change is durable."""

    def __init__(self, store: Store, clock: Clock = utcnow) -> None:
        self.store = store
        self.clock = clock

    def has_pin(self, assessor_id: str) -> bool:
        with self.store.read() as s:
            return s.get(DeskUser, assessor_id) is not None

    def any_pin(self) -> bool:
        """Whether anyone set a PIN on this desk: only then does it lock (a desk used by one
        assessor who never set a PIN works as before)."""
        with self.store.read() as s:
            return s.scalar(select(DeskUser.assessor_id).limit(1)) is not None

    def set_pin(self, assessor_id: str, pin: str, again: str | None = None, *,
                by: str | None = None) -> None:
        """Set (or change) an assessor's PIN; ``again``: the second entry, when asked twice;
        ``by``: the assessor the desk was unlocked as before (who handed it over).

        Anyone at the lock screen may pick a name with no PIN yet and set one (first use):
        the audit keeps each PIN set, when, and after whose session, so that a colleague
        who finds "PIN set" beside a name they never used here can show it. (Their changes
        still leave the desk only under their own account, signed in with its password.)"""
        check_pin_format(pin)
        if again is not None and again != pin:
            raise PinError("the two PINs differ")
        digest = _hasher().hash(pin)
        with self.store.write() as s:
            if s.get(Assessor, assessor_id) is None:
                raise KeyError(f"no assessor {assessor_id} on this desk")
            user = s.get(DeskUser, assessor_id)
            if user is None:
                s.add(DeskUser(assessor_id=assessor_id, pin_hash=digest, failed=0,
                               client_id=_client_id_for(s, assessor_id)))
            else:
                user.pin_hash, user.failed, user.blocked_until = digest, 0, None
            handed = f"; the desk was unlocked as {by} before" if by and by != assessor_id else ""
            s.add(AuditEntry(at=self.clock(), actor_id=assessor_id, entity="desk_user",
                             row_id=assessor_id, field="pin",
                             old=None if user is None else "set", new="set",
                             reason=("first PIN on this desk" if user is None
                                     else "PIN changed") + handed))
        log.info("PIN set for assessor %s (desk unlocked as %s before)", assessor_id, by)

    def verify(self, assessor_id: str, pin: str) -> Unlock:
        """Check a typed PIN. Raises PinThrottled while the account is blocked (the PIN is
        then not even checked); every wrong try is counted durably."""
        now = self.clock()
        with self.store.write() as s:
            user = s.get(DeskUser, assessor_id)
            if user is None:
                raise KeyError(f"assessor {assessor_id} has no PIN on this desk")
            if user.blocked_until is not None and now < user.blocked_until:
                raise PinThrottled(user.blocked_until)
            from argon2.exceptions import InvalidHashError, VerificationError

            try:
                ok = _hasher().verify(user.pin_hash, pin)
            except (VerificationError, InvalidHashError):
                ok = False
            if ok:
                user.failed, user.blocked_until = 0, None
                if _hasher().check_needs_rehash(user.pin_hash):
                    user.pin_hash = _hasher().hash(pin)
                return Unlock(True, FREE_TRIES)
            user.failed += 1
            delay = block_after(user.failed)
            user.blocked_until = now + delay if delay else None
            log.warning("wrong PIN for assessor %s (%d in a row)", assessor_id, user.failed)
            return Unlock(False, max(0, FREE_TRIES - user.failed), user.blocked_until)

    def client_id(self, assessor_id: str) -> str:
        """The client_id this assessor's changes travel under: their own once they set a
        PIN here (the desk's own for the assessor it first synced as), else the desk's."""
        with self.store.read() as s:
            user = s.get(DeskUser, assessor_id)
            return user.client_id if user is not None else str(get_meta(s, "client_id"))


def _client_id_for(s: Session, assessor_id: str) -> str:
    """The desk's client_id for its primary assessor (or a desk with none yet), a new one for
    anyone else."""
    primary = get_meta(s, PRIMARY_KEY)
    if primary is None or primary == assessor_id:
        own = get_meta(s, "client_id")
        if own is not None:
            return own
    return new_id()


def own_identity_users(session: Session) -> dict[str, str]:
    """Desk users whose changes travel under their own client_id (not the desk's own):
    assessor id -> client_id."""
    own = get_meta(session, "client_id")
    return {a: c for a, c in session.execute(select(DeskUser.assessor_id, DeskUser.client_id))
            if c != own}


def authored_by(session: Session, assessor_id: str | None) -> ColumnElement[bool]:
    """The outbox rows one sync identity pushes: ``assessor_id``'s own when they have their
    own client_id; with None, the desk's own identity: every row but those (older rows
    without an author included)."""
    others = own_identity_users(session)
    if assessor_id is not None and assessor_id in others:
        return OutboxMutation.author_id == assessor_id
    if not others:
        return true()
    return or_(OutboxMutation.author_id.is_(None), OutboxMutation.author_id.not_in(others))


def primary_assessor(session: Session) -> str | None:
    return get_meta(session, PRIMARY_KEY)


def desk_user_ids(session: Session) -> set[str]:
    """Everyone who works on this desk: those with a PIN and the primary assessor."""
    ids = set(session.scalars(select(DeskUser.assessor_id)))
    primary = primary_assessor(session)
    if primary:
        ids.add(primary)
    return ids
