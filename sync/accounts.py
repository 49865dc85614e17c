"""Which server account each assessor of a shared desk syncs under (issue 17).

The desk's own account is the one it first synced with (meta ``sync_user``). Each other
assessor who unlocks this desk with a PIN signs in once with their own account: their device
token goes where every token goes (sync.credentials), and the desk remembers which account is
theirs, so that every later sync pushes their changes under it with no password typed again.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from app.store.database import Store, get_meta
from app.store.desk_users import primary_assessor

from .errors import AuthFailed

log = logging.getLogger(__name__)

# Meta key prefix: the server account (username) of a desk user other than the desk's own.
ACCOUNT_PREFIX = "desk_account:"


def account_of(s: Session, assessor_id: str) -> str | None:
    """The username ``assessor_id`` syncs under on this desk, None before they signed in."""
    if assessor_id == primary_assessor(s):
        return get_meta(s, "sync_user")
    return get_meta(s, ACCOUNT_PREFIX + assessor_id)


def sign_in_desk_user(store: Store, server_url: str, assessor_id: str, username: str,
                      password: str, **options: Any) -> None:
    """``assessor_id`` (unlocked on this desk, not its own account) signs in once: the token
    is kept, and the account is checked to be theirs in this desk's mission. Raises
    AuthFailed for a wrong password or another person's account."""
    from .client import SyncClient

    mission_id = store.get_meta("current_mission")
    client = SyncClient(store, server_url, username, desk_user=assessor_id, **options)
    try:
        client.login(password, desk_user=True)
        mine = [m for m in client.missions() if m.id == mission_id]
        if not mine or mine[0].assessor_id != assessor_id:
            from . import credentials

            credentials.forget_token(store, client.server_url, username)
            raise AuthFailed(f"the account {username} is not this assessor's in this mission")
    finally:
        client.close()
    store.set_meta(ACCOUNT_PREFIX + assessor_id, username)
    log.info("assessor %s syncs under their own account on this desk", assessor_id)
