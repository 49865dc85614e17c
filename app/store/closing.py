"""Closing a mission on a laptop (issue 16 item 3, DESIGN.md §11).

Allowed only when every change this desk made is covered by a verified server receipt. Then:
a small record signed by the desk's Ed25519 key (app.store.desk_key) is written beside the data
— what was closed, when, up to which receipt, with the server's receipt itself — then the
database key is destroyed (keyring entry or wrapped key file), then the database, its WAL and
SHM, its upgrade backups and the desk's log files are deleted. The key goes first: a crash
half-way leaves encrypted files nobody can open, never a readable database.

Also here: how far the server's receipts cover this desk (the sync page's "everything up to
<time> is in France"), and the warning for a mission ended long ago that still holds data.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.receipts import ReceiptInvalid, canonical, public_key_text, verify
from app.paths import log_dir

from . import migrate
from .database import PRIVATE_FILE, Store, get_meta
from .desk_key import RELAY_PREFIX, desk_key
from .desk_users import own_identity_users
from .engine import DB_FILE
from .keys import TOKEN_SERVICE, destroy_key, token_account
from .models import Candidate, Meta, Mission, OutboxMutation, Receipt

log = logging.getLogger(__name__)

# Meta key of the server's receipt key, pinned from the first package (sync.receipts).
PINNED_KEY = "receipt_key"
ENV_WARN_DAYS = "MISSION_DESK_CLOSE_WARN_DAYS"
DEFAULT_WARN_DAYS = 14
RECORD_PREFIX = "closed-"
RECORD_VERSION = 1
# What a desk writes in its data folder besides the records of closed missions.
_DESK_FILES = (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", f"{DB_FILE}-journal", "key.tmp",
               "DEMO")
# The desk's own logs (ui.app.setup_logging, capture_qt_and_faults): a path or an id there may
# point at a person, so they go with the mission.
_LOG_PATTERNS = ("mission-desk.log*", "faults.log")


class CloseRefused(Exception):
    """Closing is not allowed yet; the message says why and what to do."""


@dataclass(frozen=True)
class Coverage:
    """How far the server's verified receipts cover this desk's changes."""

    changes: int  # changes this desk ever made (its newest sequence number: mids never skip)
    uncovered: int  # of those, not covered by a receipt (or still unanswered)
    last_mid: int  # the receipts cover every change up to this sequence number
    until: dt.datetime | None  # everything made on this desk before this moment is held
    receipt_id: int | None  # the newest receipt
    relays: int = 0  # teammates' bundles held here that the server has not received yet


def coverage(s: Session) -> Coverage:
    """Cheap enough for the status bar's refresh: each query below walks an index range
    (the outbox's mid, or its (state, mid) index), never the whole outbox."""
    latest = s.scalars(select(Receipt).order_by(Receipt.last_mid.desc(), Receipt.id.desc())
                       .limit(1)).first()
    last_mid = latest.last_mid if latest else 0
    newest = s.scalar(select(func.max(OutboxMutation.mid))) or 0
    after = select(OutboxMutation).where(OutboxMutation.mid > last_mid)
    # Unanswered although the receipt's range holds them (cannot happen with a sound
    # server): still not covered.
    unanswered = select(OutboxMutation).where(OutboxMutation.state == "pending",
                                              OutboxMutation.mid <= last_mid)
    uncovered = sum(s.scalar(select(func.count()).select_from(q.subquery())) or 0
                    for q in (after, unanswered))
    until: dt.datetime | None = None
    if latest is not None:
        until = latest.server_at
        if uncovered:
            firsts = [s.scalar(select(func.min(OutboxMutation.created_at)).where(cond))
                      for cond in (OutboxMutation.mid > last_mid,
                                   (OutboxMutation.state == "pending")
                                   & (OutboxMutation.mid <= last_mid))]
            for first in firsts:
                if first is not None:
                    # The min of the column comes back as its stored ISO text.
                    moment = (first if isinstance(first, dt.datetime)
                              else dt.datetime.fromisoformat(first))
                    until = min(until, moment)
    relays = s.scalar(select(func.count()).select_from(Meta).where(
        Meta.key.like(RELAY_PREFIX.replace("_", "\\_") + "%", escape="\\"))) or 0
    return Coverage(newest, uncovered, last_mid, until, latest.id if latest else None, relays)


def newest_receipt_id(s: Session) -> int | None:
    """The id of the newest stored receipt (one primary-key lookup): it changes exactly when
    a receipt arrives."""
    return s.scalar(select(func.max(Receipt.id)))


def coverage_after(s: Session, before: Coverage) -> Coverage:
    """``before`` brought up to date with the changes made on this desk since it was taken,
    reading only those new outbox rows (an index range past ``before.changes``).

    Exact while no receipt arrived and no mutation was answered since ``before``: new changes
    all lie past the receipts' range (each one more uncovered, none answered yet). After a
    sync or a bundle import, or when ``newest_receipt_id`` moved, take ``coverage`` again.
    """
    added, first, newest = s.execute(
        select(func.count(), func.min(OutboxMutation.created_at), func.max(OutboxMutation.mid))
        .where(OutboxMutation.mid > before.changes)).one()
    if not added:
        return before
    until = before.until
    if until is not None and first is not None:
        # The min of the column comes back as its stored ISO text.
        moment = first if isinstance(first, dt.datetime) else dt.datetime.fromisoformat(first)
        until = min(until, moment)
    return Coverage(int(newest), before.uncovered + int(added), before.last_mid, until,
                    before.receipt_id, before.relays)



class CoverageWatch:
    """The coverage a status bar shows at every change, without walking the uncovered
    outbox each time: taken in full on first use, when a receipt arrived, or after
    ``invalidate`` (a sync or a bundle import may have answered mutations); otherwise
    advanced over the changes made since (``coverage_after``)."""

    def __init__(self) -> None:
        self._coverage: Coverage | None = None
        self._receipt: int | None = None

    def invalidate(self) -> None:
        self._coverage = None

    def current(self, s: Session) -> Coverage:
        receipt = newest_receipt_id(s)
        if self._coverage is None or receipt != self._receipt:
            self._coverage, self._receipt = coverage(s), receipt
        else:
            self._coverage = coverage_after(s, self._coverage)
        return self._coverage

# -- a mission ended long ago -------------------------------------------------------------------

@dataclass(frozen=True)
class StaleMission:
    code: str
    end_date: dt.date
    days_past: int


def warn_days() -> int:
    value = os.environ.get(ENV_WARN_DAYS)
    try:
        return max(0, int(value)) if value else DEFAULT_WARN_DAYS
    except ValueError:
        log.warning("%s=%r is not a number of days: %d used", ENV_WARN_DAYS, value,
                    DEFAULT_WARN_DAYS)
        return DEFAULT_WARN_DAYS


def stale_mission(s: Session, today: dt.date | None = None, days: int | None = None
                  ) -> StaleMission | None:
    """The desk's mission if it ended more than ``days`` days ago and the desk still holds
    its data (candidates or changes); None otherwise."""
    mission_id = get_meta(s, "current_mission")
    mission = s.get(Mission, mission_id) if mission_id else None
    if mission is None or not mission.end_date:
        return None
    try:
        end = dt.date.fromisoformat(mission.end_date)
    except ValueError:
        return None
    today = today or dt.date.today()
    days = warn_days() if days is None else days
    past = (today - end).days
    if past <= days:
        return None
    holds = (s.scalar(select(Candidate.id).limit(1)) is not None
             or s.scalar(select(OutboxMutation.mid).limit(1)) is not None)
    return StaleMission(mission.code, end, past) if holds else None


def stale_message(stale: StaleMission) -> str:
    return (f"mission {stale.code} ended on {stale.end_date.isoformat()} ({stale.days_past} "
            "days ago) and this laptop still holds its candidates' data: sync, then close "
            "it (mission-desk close-mission)")


# -- closing ---------------------------------------------------------------------------------------

@dataclass
class Closed:
    record: Path
    key_mode: str | None
    removed: list[Path] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)  # not the desk's: left in place


def _refuse_if_owed(cov: Coverage) -> None:
    if cov.uncovered:
        raise CloseRefused(f"{cov.uncovered} change(s) made on this desk have no receipt from "
                           "the server yet: sync, then close the mission")
    if cov.relays:
        # A teammate who never reached the server may have handed them to this desk only.
        raise CloseRefused(f"{cov.relays} teammate bundle(s) received on this desk have not "
                           "reached the server yet: sync, then close the mission")


def _record(s: Session, now: dt.datetime) -> dict[str, object]:
    """What is closed and up to which receipt, checked again against the pinned key."""
    cov = coverage(s)
    _refuse_if_owed(cov)
    mission_id = get_meta(s, "current_mission")
    mission = s.get(Mission, mission_id) if mission_id else None
    receipt = s.get(Receipt, cov.receipt_id) if cov.receipt_id is not None else None
    if receipt is None and cov.changes:
        raise CloseRefused("no receipt from the server covers this desk's changes: sync first")
    proof: dict[str, object] | None = None
    if receipt is not None:
        pinned = get_meta(s, PINNED_KEY) or ""
        try:
            body = verify(pinned, receipt.body, receipt.signature)
        except ReceiptInvalid as exc:
            raise CloseRefused(f"the newest receipt does not verify ({exc})") from None
        newest = s.scalar(select(func.max(OutboxMutation.mid))) or 0
        # Several assessors of this desk push under their own client_id (issue 17).
        identities = {get_meta(s, "client_id"), *own_identity_users(s).values()}
        if body.last_mid < newest or body.client not in identities:
            raise CloseRefused("the newest receipt does not cover this desk's changes")
        proof = {"body": receipt.body, "signature": receipt.signature, "server_key": pinned}
    return {
        "v": RECORD_VERSION,
        "closed_at": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "mission": {"id": mission.id, "code": mission.code,
                    "end_date": mission.end_date} if mission else None,
        "client": get_meta(s, "client_id"),
        "changes": cov.changes,
        "covered_up_to": cov.last_mid,
        "receipt": proof,
    }


def check_can_close(store: Store) -> Coverage:
    """The coverage, or CloseRefused when a change still lacks a receipt or a teammate's
    bundle still waits to be relayed."""
    with store.read() as s:
        cov = coverage(s)
    _refuse_if_owed(cov)
    return cov


def close_mission(store: Store, *, now: dt.datetime | None = None,
                  logs: Path | None = None) -> Closed:
    """Close the store's mission on this laptop (the store is closed and unusable after)."""
    import keyring.errors  # here, not at the top: the window imports this module at start-up

    now = now or dt.datetime.now(dt.UTC)
    data_dir = store.path.parent
    with store.write() as s:  # write: the desk key is made here if nothing signed before
        record = _record(s, now)
        key = desk_key(s)
        record["desk_key"] = public_key_text(key)
        signature = base64.b64encode(key.sign(canonical(record))).decode()
        server, user = get_meta(s, "sync_server"), get_meta(s, "sync_user")
    store.close()
    code = str((record.get("mission") or {}).get("code", "mission"))  # type: ignore[union-attr]
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = data_dir / f"{RECORD_PREFIX}{_safe(code)}-{stamp}.json"
    # Written first: if the machine stops half-way, the record of what was being closed stays.
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"record": record, "signature": signature}, f, indent=2, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    try:
        mode = destroy_key(data_dir)
    except (OSError, keyring.errors.KeyringError) as exc:
        # Nothing is gone yet: no record of a closing that did not happen.
        path.unlink()
        raise CloseRefused(f"the database key could not be destroyed ({exc}); nothing was "
                           "deleted") from exc
    closed = Closed(path, mode)
    if server and user:
        # The device token would let this laptop pull the mission again: it goes too (the
        # server-side revocation needs the network: Devices on the console, or the admin).
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(TOKEN_SERVICE, token_account(server, user))
    for name in _DESK_FILES:
        _remove(data_dir / name, closed)
    _remove(data_dir / migrate.BACKUP_DIR, closed)
    folder = logs or log_dir()
    for pattern in _LOG_PATTERNS:
        for p in sorted(folder.glob(pattern)) if folder.is_dir() else ():
            _remove(p, closed)
    closed.left = sorted(p for p in data_dir.iterdir()
                         if p != path and not p.name.startswith(RECORD_PREFIX))
    log.info("mission %s closed on this desk: key %s destroyed, %d file(s) removed, record %s",
             code, mode, len(closed.removed), path.name)
    return closed


def _safe(code: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in code)[:60] or "mission"


def _remove(path: Path, closed: Closed) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    else:
        return
    closed.removed.append(path)


def verify_record(path: Path) -> dict[str, object]:
    """A closed-mission record's content if its desk signature holds (ReceiptInvalid else)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    data = json.loads(path.read_text(encoding="utf-8"))
    record = data["record"]
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(record["desk_key"]))
    try:
        key.verify(base64.b64decode(data["signature"]), canonical(record))
    except InvalidSignature:
        raise ReceiptInvalid("the closed-mission record's signature does not hold") from None
    return dict(record)

