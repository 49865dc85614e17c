"""Team bundles on the desk: export this desk's changes, import a teammate's, relay them.

- export: the desk's outbox mutations (``all``, or those after the last export: ``since
  last export``), signed with the desk key and encrypted under the mission's bundle key,
  one section per sync identity of the desk (a shared desk's assessors each travel under
  their own client_id, author and mids: sync.bundle's pack);
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
from app.store.desk_users import own_identity_users
from app.store.foreign import (
    BundleRefused,
    ForeignOutcome,
    apply_foreign,
    conflict_detail,
    last_seen,
)
from app.store.models import Assessor, Conflict, Meta, OutboxMutation, new_id

from .bundle import (
    Bundle,
    BundleError,
    BundleHeader,
    DeskKey,
    Refused,
    open_pack,
    read_header,
    split_file,
    write_bundle,
    write_pack,
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

    header: BundleHeader  # the first section's
    author: str  # the authors of the sections this desk may apply, joined
    total: int
    new: int  # mutations this desk has not applied yet
    # sections not applied (a shared desk's colleague never synced): (author's name, why)
    refused: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ImportReport:
    preview: Preview
    outcome: ForeignOutcome = field(default_factory=ForeignOutcome)

    @property
    def refused(self) -> list[tuple[str, str]]:
        return self.preview.refused


@dataclass(frozen=True)
class Exported:
    """What an export wrote: every section's header; count and mids over them all."""

    sections: list[BundleHeader]

    @property
    def count(self) -> int:
        return sum(h.count for h in self.sections)

    @property
    def first_mid(self) -> int:
        return min((h.first_mid for h in self.sections if h.count), default=0)

    @property
    def last_mid(self) -> int:
        return max((h.last_mid for h in self.sections if h.count), default=0)


def _mission(store: Store) -> tuple[str, str]:
    mission_id = store.get_meta("current_mission")
    assessor_id = store.get_meta("current_assessor")
    if not mission_id or not assessor_id:
        raise BundleError("this desk holds no mission yet: sync with the server once first")
    return mission_id, assessor_id


def export_bundle(store: Store, *, since_last: bool = False) -> tuple[bytes, Exported]:
    """This desk's changes as a bundle; ``since_last``: only those after the last export.

    One section per sync identity with changes (the desk's own always): each carries that
    identity's mutations under its client_id and assessor, signed by this desk's key, which
    the identity registered under its client_id at its first sync (sync.client)."""
    mission_id, primary = _mission(store)
    with store.write() as s:
        key = desk_key.bundle_key(s)
        if key is None:
            raise BundleError("this desk has not received the mission's bundle key yet: "
                              "sync with the server once first")
        after = int(get_meta(s, EXPORTED_KEY) or 0) if since_last else 0
        others = own_identity_users(s)  # assessor -> own client_id
        identities = [(store_client_id(s), primary), *sorted(
            (c, a) for a, c in others.items())]
        by_client: dict[str, list[OutboxMutation]] = {c: [] for c, _ in identities}
        before: dict[str, int] = dict.fromkeys(by_client, 0)
        for m in s.scalars(select(OutboxMutation).order_by(OutboxMutation.mid)):
            client = others.get(m.author_id or "", identities[0][0])
            if m.mid > after:
                by_client[client].append(m)
            else:
                before[client] = m.mid  # the identity's mid before the section
        signing = desk_key.desk_key(s)
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        chosen = [(c, a) for c, a in identities if c == identities[0][0] or by_client[c]]
        pack_id = new_id()
        sections = [write_bundle(
            mission_id=mission_id, client_id=client, assessor_id=assessor,
            mutations=[_wire(m) for m in by_client[client]], bundle_key=key,
            signing_key=signing, created_at=created,
            section=(before[client], pack_id, part, len(chosen)))
            for part, (client, assessor) in enumerate(chosen)]
        newest = max((m.mid for rows in by_client.values() for m in rows), default=0)
        if newest:
            set_meta(s, EXPORTED_KEY, str(max(after, newest)))
    data = write_pack(sections)
    return data, Exported([read_header(d) for d in sections])


def _wire(m: OutboxMutation) -> dict[str, object]:
    return {"mid": m.mid, "id": m.id, "hash": m.hash, "entity": m.entity, "row_id": m.row_id,
            "fields": m.fields, "base": {k: int(v) for k, v in (m.base or {}).items()},
            "at": m.at}


def store_client_id(session: Session) -> str:
    value = get_meta(session, "client_id")
    assert value is not None
    return value


def _open(store: Store, data: bytes) -> tuple[list[Bundle], list[Refused]]:
    """The file's sections this desk may apply (verified, decrypted) and those refused."""
    mission_id, _ = _mission(store)
    with store.read() as s:
        key = desk_key.bundle_key(s)
        known = {c: DeskKey(**d) for c, d in desk_key.team_desks(s).items()}
        mine = {store_client_id(s), *own_identity_users(s).values()}
    if key is None:
        raise BundleError("this desk has not received the mission's bundle key yet: sync "
                          "with the server once first")
    opened, refused = open_pack(data, mission_id=mission_id, bundle_key=key, known=known)
    theirs = [b for b in opened if b.header.client_id not in mine]
    if not theirs:
        raise BundleError("this is this desk's own bundle: its changes are already here")
    return theirs, refused


def _preview(s: Session, opened: list[Bundle], refused: list[Refused]) -> Preview:
    def name(assessor_id: str) -> str:
        author = s.get(Assessor, assessor_id)
        return author.name if author else "?"

    seen = last_seen(s)
    return Preview(
        header=opened[0].header,
        author=", ".join(dict.fromkeys(name(b.header.assessor_id) for b in opened)),
        total=sum(len(b.mutations) for b in opened),
        new=sum(1 for b in opened for m in b.mutations
                if m.mid > seen.get(b.header.client_id, 0)),
        refused=[(name(r.header.assessor_id), r.reason) for r in refused])


def preview(store: Store, data: bytes) -> Preview:
    """Verify a bundle and say what importing it would do (nothing is applied)."""
    opened, refused = _open(store, data)
    with store.read() as s:
        return _preview(s, opened, refused)


def import_bundle(store: Store, data: bytes) -> ImportReport:
    """Verify and apply a teammate desk's bundle, every section as its own identity's, all
    in one transaction; each applied section is kept for relay. A section of an identity
    the mission does not list yet is refused (on the report), the others applied."""
    opened, refused = _open(store, data)
    outcome = ForeignOutcome()
    try:
        with store.write() as s:
            report = ImportReport(_preview(s, opened, refused), outcome)
            for bundle in opened:
                head = bundle.header
                last = last_seen(s).get(head.client_id, 0)
                part = apply_foreign(s, client_id=head.client_id, author_id=head.assessor_id,
                                     source=head.bundle_id, after_mid=head.after_mid,
                                     mutations=[m.model_dump() for m in bundle.mutations])
                outcome.results.extend(part.results)
                if any(m.mid > last for m in bundle.mutations):
                    set_meta(s, RELAY_PREFIX + head.bundle_id,
                             base64.b64encode(_section_bytes(data, bundle)).decode("ascii"))
    except BundleRefused as exc:
        raise BundleError(str(exc)) from None
    for r in refused:
        log.warning("bundle section of %s refused: %s", r.header.client_id, r.reason)
    log.info("bundle %s: %s", opened[0].header.bundle_id, outcome.counts())
    return report


def _section_bytes(data: bytes, bundle: Bundle) -> bytes:
    """The bytes of one section of ``data`` (relayed alone: the server applies it as its
    identity's push)."""
    for section in split_file(data):
        if read_header(section).bundle_id == bundle.header.bundle_id:
            return section
    raise AssertionError("an opened section is in its file")


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
