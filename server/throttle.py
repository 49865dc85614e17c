"""Sign-in throttle (DESIGN.md §6): failed logins counted per user name and per client address
in the database, so every worker and process of the server sees the same counts.

A key gets a free allowance of failures; past it, each further failure blocks the key for a
time that doubles (``base * 2**n``, capped). A blocked key is answered 429 with
``Retry-After`` before any password is hashed. Counts fade after ``forget_after`` without a
failure; a successful sign-in clears the user name's count (not the address's: one valid
account must not reset an address that is guessing others' passwords). Each lock-out is
written to ``security_event`` and logged.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .models import LoginThrottle, SecurityEvent, aware, utcnow
from .passwords import printable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ThrottlePolicy:
    user_allowance: int = 5        # failures per user name before the first block
    address_allowance: int = 30    # a mission team signs in from one hotel address
    base: float = 2.0              # seconds of the first block
    cap: float = 3600.0            # longest block
    forget_after: float = 3600.0   # seconds without a failure after which a count restarts

    def block_for(self, over: int) -> float:
        """Seconds blocked after the ``over``-th failure past the allowance (1, 2, ...)."""
        return min(self.cap, self.base * 2 ** min(over - 1, 40))


class Throttled(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed sign-ins: try again in {retry_after} s")
        self.retry_after = retry_after


def keys_for(username: str, address: str) -> list[tuple[str, str]]:
    """(key, kind) pairs a sign-in is counted under."""
    return [("user:" + printable(username.casefold()[:150]), "user"),
            ("addr:" + printable(address[:64]), "addr")]


class LoginThrottleStore:
    def __init__(self, sessions: sessionmaker[Session], policy: ThrottlePolicy | None = None
                 ) -> None:
        self.sessions = sessions
        self.policy = policy or ThrottlePolicy()

    def check(self, username: str, address: str) -> None:
        """Raise Throttled when the user name or the address is blocked now."""
        now = utcnow()
        keys = [k for k, _ in keys_for(username, address)]
        with self.sessions() as s, s.begin():
            until = [aware(u) for u in s.scalars(select(LoginThrottle.blocked_until).where(
                LoginThrottle.key.in_(keys)))]
        wait = max(((u - now).total_seconds() for u in until if u is not None), default=0.0)
        if wait > 0:
            raise Throttled(max(1, math.ceil(wait)))

    def failed(self, username: str, address: str) -> None:
        for attempt in range(3):
            try:
                with self.sessions() as s, s.begin():
                    for key, kind in keys_for(username, address):
                        self._count(s, key, kind, address)
                return
            except IntegrityError:  # two workers inserted the same new key: count again
                if attempt == 2:
                    raise

    def succeeded(self, username: str, address: str) -> None:
        key = keys_for(username, address)[0][0]
        with self.sessions() as s, s.begin():
            row = s.get(LoginThrottle, key, with_for_update=True)
            if row is not None:
                s.delete(row)

    def _count(self, s: Session, key: str, kind: str, address: str) -> None:
        now = utcnow()
        row = s.get(LoginThrottle, key, with_for_update=True)
        if row is None:
            row = LoginThrottle(key=key, failures=0, blocked_until=None, last_failure_at=now)
            s.add(row)
        elif (now - (aware(row.last_failure_at) or now)).total_seconds() \
                > self.policy.forget_after:
            row.failures, row.blocked_until = 0, None
        row.failures += 1
        row.last_failure_at = now
        allowance = (self.policy.user_allowance if kind == "user"
                     else self.policy.address_allowance)
        over = row.failures - allowance
        if over > 0:
            seconds = self.policy.block_for(over)
            row.blocked_until = now + dt.timedelta(seconds=seconds)
            s.add(SecurityEvent(at=now, kind="login_lockout", subject=key,
                                address=printable(address[:64]),
                                detail=f"{row.failures} failed sign-ins; blocked {seconds:.0f} s"))
            log.warning("sign-in lock-out of %s after %d failures (%.0f s) from %s",
                        key, row.failures, seconds, address)
        s.flush()
