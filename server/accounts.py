"""Users, devices (per-login tokens) and mission membership: the server's account rules."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, select, update
from sqlalchemy.orm import Session

from app.domain.enums import Role
from sync.protocol import DeviceInfo, UserInfo

from .models import (
    Assessor,
    AuditEntry,
    ClientState,
    Device,
    Mission,
    SecurityEvent,
    User,
    aware,
    utcnow,
)
from .passwords import (
    hash_password,
    new_token,
    printable,
    storable,
    token_digest,
    verify_password,
)

log = logging.getLogger(__name__)
# Writing last_seen_at on every request would turn each read into a write.
SEEN_GRANULARITY = dt.timedelta(minutes=5)
# A device token unused for this long stops working (a mission lasts weeks, not seasons).
DEFAULT_TOKEN_IDLE = dt.timedelta(days=90)


class AccountError(Exception):
    """A request about accounts that cannot be honoured (message fit for the user)."""


# The console's roles a user row can hold (None: mission membership only).
CONSOLE_ROLES = ("admin", "officer", "viewer")
MIN_PASSWORD = 8


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if not storable(password):
        raise AccountError("a password cannot hold that character")


def create_user(s: Session, username: str, password: str, *, name: str = "", email: str = "",
                is_admin: bool = False, console_role: str | None = None) -> User:
    """``console_role``: admin, officer or viewer; an admin of the API is the console's admin
    and the other way round."""
    if console_role is not None and console_role not in CONSOLE_ROLES:
        raise AccountError(f"unknown console role '{console_role}' (admin, officer or viewer)")
    if s.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError(f"user '{username}' already exists")
    is_admin = is_admin or console_role == "admin"
    user = User(username=username, name=name or username, email=email,
                password_hash=hash_password(password), is_admin=is_admin,
                console_role="admin" if is_admin else console_role)
    s.add(user)
    s.flush()
    return user


def set_console_role(s: Session, user: User, role: str | None) -> None:
    """Give ``user`` a console role (None: none); the last administrator stays one."""
    if role is not None and role not in CONSOLE_ROLES:
        raise AccountError(f"unknown console role '{role}' (admin, officer or viewer)")
    if user.is_admin and role != "admin":
        admins = s.scalar(select(func.count()).select_from(User).where(User.is_admin))
        if (admins or 0) <= 1:
            raise AccountError("the last administrator cannot lose that role")
    user.console_role = role
    user.is_admin = role == "admin"


def set_password(user: User, password: str) -> None:
    check_new_password(password)
    user.password_hash = hash_password(password)


def check_password(s: Session, username: str, password: str) -> User:
    """The user for valid credentials (AccountError otherwise), in the same time for an
    unknown name as for a wrong password.

    Call it outside a write transaction: argon2 takes a tenth of a second, and SQLite holds
    its one writer's lock for a whole transaction."""
    # A name the database cannot even compare (a NUL...) is nobody's: same answer, same time.
    user = (s.scalar(select(User).where(User.username == username)) if storable(username)
            else None)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        raise AccountError("wrong username or password")
    return user


def issue_token(s: Session, user: User, device_name: str, replaces: str | None = None,
                *, address: str = "") -> tuple[str, Device]:
    """A new device token; the token itself is never stored.

    ``replaces``: the token this desk held before. When it is one of this user's, it is
    revoked and the desk identities (client_id bindings) of its device move to the new one,
    so the desk keeps pushing under its client_id. Another user's token is left alone.
    """
    token = new_token()
    device = Device(user_id=user.id, name=printable(device_name), token_hash=token_digest(token),
                    last_seen_at=utcnow(), last_address=printable(address[:64]))
    s.add(device)
    s.flush()
    if replaces:
        old = s.scalar(select(Device).where(Device.token_hash == token_digest(replaces)))
        if old is not None and old.user_id == user.id and old.id != device.id:
            revoke(old)
            s.execute(update(ClientState).where(ClientState.device_id == old.id)
                      .values(device_id=device.id))
            log.info("device %s replaced by %s for %s", old.id, device.id, user.username)
    return token, device


def is_expired(device: Device, idle: dt.timedelta, now: dt.datetime | None = None) -> bool:
    """True when the token has not been used for longer than ``idle``."""
    seen = aware(device.last_seen_at) or aware(device.created_at)
    return seen is not None and (now or utcnow()) - seen > idle


@functools.cache
def _device_and_user() -> Select[Any]:
    # built once: every request asks (binds token_hash)
    return (select(Device, User).join(User, User.id == Device.user_id)
            .where(Device.token_hash == bindparam("token_hash")))


def device_for_token(s: Session, token: str) -> tuple[Device | None, User | None]:
    """The token's device and its user, read in one query (every request asks)."""
    row = s.execute(_device_and_user(), {"token_hash": token_digest(token)}).first()
    if row is None:
        return None, None
    return row[0], row[1]


def touch(device: Device, address: str = "") -> None:
    now = utcnow()
    seen = aware(device.last_seen_at)
    address = printable(address[:64])
    if seen is None or now - seen > SEEN_GRANULARITY or (address and
                                                        address != device.last_address):
        device.last_seen_at = now
        device.last_address = address or device.last_address


def revoke(device: Device) -> None:
    if device.revoked_at is None:
        device.revoked_at = utcnow()


def revoke_recorded(s: Session, device: Device, by: str, address: str, kind: str,
                    detail: str) -> None:
    """Revoke ``device`` on a person's request, with a security event naming who did it."""
    revoke(device)
    s.add(SecurityEvent(kind=kind, subject=f"device:{device.id}",
                        address=printable(address[:64]), detail=f"by {by}: {detail}"))
    log.warning("device %s revoked by %s (%s)", device.id, by, kind)


def devices_on_mission(s: Session, mission_id: str, user_id: str) -> list[Device]:
    """A user's devices that synced ``mission_id`` (bound to a desk identity of it)."""
    return list(s.scalars(select(Device).join(
        ClientState, ClientState.device_id == Device.id).where(
        ClientState.mission_id == mission_id, Device.user_id == user_id).distinct()))


def revoke_lost_laptop(s: Session, mission: Mission, user: User, by: str, by_user_id: str,
                       address: str) -> list[Device]:
    """A laptop lost or stolen: every device of ``user`` that synced ``mission`` is revoked,
    each in the mission's audit, and once in the security events."""
    devices = devices_on_mission(s, mission.id, user.id)
    now = utcnow()
    for device in devices:
        was = device.revoked_at
        revoke(device)
        s.add(AuditEntry(mission_id=mission.id, entity="device", row_id=device.id,
                         field="revoked_at", old=_iso(was), new=_iso(device.revoked_at),
                         actor_id=None, user_id=by_user_id, client_at="", server_at=now,
                         reason=f"laptop lost or stolen: {user.username}'s devices on "
                                f"{mission.code}, reported by {by}"))
    s.add(SecurityEvent(kind="device_lost", subject=f"user:{user.username}",
                        address=printable(address[:64]),
                        detail=f"by {by}: laptop lost or stolen on {mission.code}; "
                               f"{len(devices)} device(s) revoked: "
                               + ", ".join(d.id for d in devices)))
    log.warning("laptop lost: %d device(s) of %s on %s revoked by %s", len(devices),
                user.username, mission.code, by)
    return devices


def _iso(value: dt.datetime | None) -> str | None:
    value = aware(value)
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat(timespec="seconds")


def device_info(device: Device, user: User) -> DeviceInfo:
    return DeviceInfo(id=device.id, user_id=user.id, username=user.username, name=device.name,
                      created_at=_iso(device.created_at) or "",
                      last_seen_at=_iso(device.last_seen_at),
                      revoked=device.revoked_at is not None)


def user_info(user: User) -> UserInfo:
    return UserInfo(id=user.id, username=user.username, name=user.name, is_admin=user.is_admin)


def seat_of(mission_id: Any, user_id: Any) -> ColumnElement[bool]:
    """The user's seat (not removed) in the mission: each a value, a column or a bound
    parameter."""
    return and_(Assessor.mission_id == mission_id, Assessor.user_id == user_id,
                Assessor.deleted.is_(False))


def membership(s: Session, mission_id: str, user_id: str) -> Assessor | None:
    return s.scalar(select(Assessor).where(seat_of(mission_id, user_id)))


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise AccountError(f"unknown role '{value}' (professor or representative)") from None
