"""Checking a sign-in, shared by the API's device login and the console's login page: the
throttle first (a blocked name or address is answered before any password is hashed), then
argon2 in a worker thread, at most ``passwords.HASH_CONCURRENCY`` waiting their turn on the
event loop, then the throttle's count."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session, sessionmaker

from . import accounts, passwords
from .models import User
from .throttle import LoginThrottleStore


@dataclass
class SignIn:
    sessions: sessionmaker[Session]
    logins: LoginThrottleStore
    # At most this many sign-ins hash at once in this process; the others wait here, on the
    # event loop, without holding a worker thread (passwords._slots is the hard bound).
    gate: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(passwords.HASH_CONCURRENCY))

    async def check(self, username: str, password: str, address: str) -> User | None:
        """The user for valid credentials, None for invalid ones (counted as a failure);
        raises throttle.Throttled when the name or the address is blocked."""
        await run_in_threadpool(self.logins.check, username, address)
        async with self.gate:
            # blocked while this request waited its turn
            await run_in_threadpool(self.logins.check, username, address)
            user = await run_in_threadpool(self._verify, username, password)
        if user is None:
            await run_in_threadpool(self.logins.failed, username, address)
            return None
        await run_in_threadpool(self.logins.succeeded, username, address)
        return user

    def _verify(self, username: str, password: str) -> User | None:
        with self.sessions() as s:
            try:
                return accounts.check_password(s, username, password)
            except accounts.AccountError:
                return None
