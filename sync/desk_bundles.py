"""Team bundles on the desk: export this desk's changes, import a teammate's, relay them.

- export: the desk's outbox mutations (``all``, or those after the last export: ``since
  last export``), signed with the desk key and encrypted under the mission's bundle key;
- import: verified against the team's desk keys (learnt from the server at sync), then
  applied by app.store.foreign in one transaction, and kept (still encrypted) so the next
  sync relays it to the server for its author, once;
- relay: each kept bundle is sent to the server at the start of a sync, before the push
  and pull, so the pull does not take back the teammate's changes the server lacks.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.store import desk_key
from app.store.database import Store, get_meta, set_meta
from app.store.foreign import (
    BundleRefused,
    ForeignOutcome,
    apply_foreign,
    conflict_detail,
    last_seen,
)
from app.store.models import Assessor, Conflict, Meta, OutboxMutation

from .bundle import (
    Bundle,
    BundleError,
    BundleHeader,
    DeskKey,
    open_bundle,
    read_header,
    write_bundle,
)
from .errors import AuthFailed, ServerError

if TYPE_CHECKING:
    from .transport import Transport

log = logging.getLogger(__name__)

EXPORTED_KEY = "bundle_exported_mid"
RELAY_PREFIX = desk_key.RELAY_PREFIX


@dataclass
class Preview:
    """What a bundle holds, verified, before it is applied."""

    header: BundleHeader
    author: str
    total: int
    new: int  # mutations this desk has not applied yet


@dataclass
class ImportReport:
    preview: Preview
    outcome: ForeignOutcome = field(default_factory=ForeignOutcome)


def _mission(store: Store) -> tuple[str, str]:
    mission_id = store.get_meta("current_mission")
    assessor_id = store.get_meta("current_assessor")
    if not mission_id or not assessor_id:
        raise BundleError("this desk holds no mission yet: sync with the server once first")
    return mission_id, assessor_id


def export_bundle(store: Store, *, since_last: bool = False) -> tuple[bytes, BundleHeader]:
    """This desk's changes as a bundle; ``since_last``: only those after the last export."""
    mission_id, assessor_id = _mission(store)
    with store.write() as s:
        key = desk_key.bundle_key(s)
        if key is None:
            raise BundleError("this desk has not received the mission's bundle key yet: "
                              "sync with the server once first")
        after = int(get_meta(s, EXPORTED_KEY) or 0) if since_last else 0
        rows = s.scalars(select(OutboxMutation).where(OutboxMutation.mid > after)
                         .order_by(OutboxMutation.mid))
        mutations = [{"mid": m.mid, "id": m.id, "hash": m.hash, "entity": m.entity,
                      "row_id": m.row_id, "fields": m.fields,
                      "base": {k: int(v) for k, v in (m.base or {}).items()}, "at": m.at}
                     for m in rows]
        data = write_bundle(
            mission_id=mission_id, client_id=store_client_id(s), assessor_id=assessor_id,
            mutations=mutations, bundle_key=key, signing_key=desk_key.desk_key(s),
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        if mutations:
            set_meta(s, EXPORTED_KEY, str(max(after, mutations[-1]["mid"])))
    return data, read_header(data)


def store_client_id(session: Session) -> str:
    value = get_meta(session, "client_id")
    assert value is not None
    return value


def _open(store: Store, data: bytes) -> Bundle:
    mission_id, _ = _mission(store)
    with store.read() as s:
        key = desk_key.bundle_key(s)
        known = {c: DeskKey(**d) for c, d in desk_key.team_desks(s).items()}
        mine = store_client_id(s)
    if key is None:
        raise BundleError("this desk has not received the mission's bundle key yet: sync "
                          "with the server once first")
    bundle = open_bundle(data, mission_id=mission_id, bundle_key=key, known=known)
    if bundle.header.client_id == mine:
        raise BundleError("this is this desk's own bundle: its changes are already here")
    return bundle


def preview(store: Store, data: bytes) -> Preview:
    """Verify a bundle and say what importing it would do (nothing is applied)."""
    bundle = _open(store, data)
    with store.read() as s:
        author = s.get(Assessor, bundle.header.assessor_id)
        last = last_seen(s).get(bundle.header.client_id, 0)
    return Preview(header=bundle.header, author=author.name if author else "?",
                   total=len(bundle.mutations),
                   new=sum(1 for m in bundle.mutations if m.mid > last))


def import_bundle(store: Store, data: bytes) -> ImportReport:
    """Verify and apply a teammate's bundle, all in one transaction; kept for relay."""
    bundle = _open(store, data)
    head = bundle.header
    try:
        with store.write() as s:
            author = s.get(Assessor, head.assessor_id)
            last = last_seen(s).get(head.client_id, 0)
            outcome = apply_foreign(s, client_id=head.client_id, author_id=head.assessor_id,
                                    source=head.bundle_id,
                                    mutations=[m.model_dump() for m in bundle.mutations])
            if any(m.mid > last for m in bundle.mutations):
                set_meta(s, RELAY_PREFIX + head.bundle_id,
                         base64.b64encode(data).decode("ascii"))
    except BundleRefused as exc:
        raise BundleError(str(exc)) from None
    report = ImportReport(Preview(header=head, author=author.name if author else "?",
                                  total=len(bundle.mutations),
                                  new=sum(1 for m in bundle.mutations if m.mid > last)),
                          outcome)
    log.info("bundle %s from %s: %s", head.bundle_id, head.client_id, outcome.counts())
    return report


def relay_pending(store: Store, transport: Transport, mission_id: str) -> int:
    """Send the teammates' bundles this desk received to the server; returns how many went.

    A bundle the server refuses for good (not genuine, author gone) is dropped with a log
    line; one that must wait (a gap before it) stays for the next sync."""
    with store.read() as s:
        kept = list(s.execute(select(Meta.key, Meta.value).where(
            Meta.key.like(RELAY_PREFIX + "%"))).all())
    sent = 0
    for key, value in kept:
        try:
            transport.json("POST", f"/missions/{mission_id}/bundles", body={"bundle": value})
        except AuthFailed as exc:
            if "not allowed" not in str(exc):
                raise
            log.warning("relayed bundle %s refused: %s", key, exc)
        except ServerError as exc:
            if "bundle_gap" in str(exc):
                log.info("relayed bundle %s waits: %s", key, exc)
                continue
            if "HTTP 422" not in str(exc):
                raise
            log.warning("relayed bundle %s refused: %s", key, exc)
        else:
            sent += 1
        with store.write() as s:
            set_meta(s, key, None)
            # The server now holds the bundle: its own conflict records come with the pull.
            s.execute(delete(Conflict).where(
                Conflict.detail == conflict_detail(key.removeprefix(RELAY_PREFIX))))
    return sent
