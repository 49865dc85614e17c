"""Team bundles on the server (DESIGN.md §11): desk keys, the mission's bundle key, and
applying a bundle that a teammate relays or an officer imports.

Relay rule and its threat model. A bundle is applied exactly as its author's desk would have
pushed it: under the author desk's client_id, its mids and its user (so authorship, the
chair-only and blind-panel rules and the exactly-once bookkeeping are those of a sync, by the
very same PushApplier). Whoever uploads it (a teammate's desk, an officer) only carries it:

- the proof of authorship is the Ed25519 signature of the author's desk, checked against the
  key that desk registered at its own sync (bound to its device and user); a relaying member
  cannot forge or alter a mutation, nor move a bundle to another mission (the header, mission
  included, is signed and is the AES-GCM associated data);
- replaying a bundle, or the author later pushing the same changes itself, is harmless: the
  mids already held are answered from their stored outcome, a mutation id already received is
  ``duplicate``;
- a bundle whose first mid leaves a gap after the last mid the server holds from that desk is
  refused whole (applying it would make the desk's own earlier changes look out of order);
- a bundle from a desk whose device was revoked (a stolen laptop) or whose author left the
  mission is refused whole.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.mission import MissionConfig
from sync.bundle import (
    Bundle,
    BundleError,
    DeskKey,
    new_bundle_key,
    open_pack,
    read_header,
    split_file,
)
from sync.protocol import MAX_BATCH_SERVER, MutationResult, TeamDesk, TeamInfo

from .errors import ApiError
from .missions import lock_mission
from .models import Assessor, BundleKey, ClientState, Device, Mission
from .models import DeskKey as DeskKeyRow
from .push_statements import desks_after
from .sync_apply import Actor, PushApplier

log = logging.getLogger(__name__)


def bundle_key(s: Session, mission: Mission) -> str:
    """The mission's bundle key (base64), made the first time a member needs it."""
    row = s.get(BundleKey, mission.id)
    if row is None:
        row = BundleKey(mission_id=mission.id,
                        key=base64.b64encode(new_bundle_key()).decode("ascii"))
        s.add(row)
        s.flush()
    return row.key


def register_desk(s: Session, mission: Mission, actor: Actor, client_id: str,
                  public_key: str) -> None:
    """Record the desk's public key, inside the push transaction (mission row locked).

    The push that follows checks that the client_id is bound to this device, so a key
    registered here is the key of the desk that owns the client_id."""
    try:
        raw = base64.b64decode(public_key.encode("ascii"), validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise ApiError(422, "invalid_request", "public_key is not an Ed25519 public key "
                       "(base64 of 32 bytes)") from None
    row = s.get(DeskKeyRow, (client_id, mission.id))
    if row is not None:
        if row.public_key != public_key:
            raise ApiError(409, "desk_key_changed",
                           "this desk identity (client_id) registered another signing key: "
                           "a desk's key never changes")
        return
    # A new seq: desks whose cursor is older learn of this key in their next sync.
    mission.last_seq += 1
    s.add(DeskKeyRow(client_id=client_id, mission_id=mission.id, user_id=actor.user_id,
                     assessor_id=actor.assessor_id, public_key=public_key,
                     seq=mission.last_seq))
    s.flush()


def team(s: Session, mission: Mission, after_seq: int = 0) -> TeamInfo:
    """The bundle key and the desks registered after ``after_seq`` (all with 0)."""
    rows = s.scalars(select(DeskKeyRow).where(DeskKeyRow.mission_id == mission.id,
                                              DeskKeyRow.seq > after_seq)
                     .order_by(DeskKeyRow.seq))
    return TeamInfo(bundle_key=bundle_key(s, mission), desks=[
        TeamDesk(client_id=r.client_id, assessor_id=r.assessor_id, public_key=r.public_key)
        for r in rows])


def has_desks_after(s: Session, mission_id: str, after_seq: int) -> bool:
    return bool(s.scalar(select(desks_after(mission_id, after_seq))))


@dataclass
class ImportOutcome:
    bundle_id: str
    client_id: str
    assessor_id: str
    results: list[MutationResult] = field(default_factory=list)
    # sections of a shared desk's file not applied: "<assessor id>: <why>"
    refused: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {"applied": 0, "duplicate": 0, "rejected": 0, "conflict": 0}
        for r in self.results:
            out[r.status] += 1
        return out


def mission_of(data: bytes) -> str:
    """The mission a bundle claims (unverified: to pick where to apply it)."""
    try:
        return read_header(split_file(data)[0]).mission_id
    except BundleError as exc:
        raise ApiError(422, "bad_bundle", str(exc)) from None


def import_bundle(s: Session, mission_id: str, data: bytes) -> ImportOutcome:
    """Verify a bundle and apply it as its author's push, in the caller's transaction.

    Raises ApiError (nothing applied) for a bundle that is not genuine, not of this mission,
    signed by an unknown or revoked desk, or leaving a gap. This is the one entry point of
    the relay endpoint, the ``import-bundle`` command and (later) the console upload."""
    mission = lock_mission(s, mission_id)
    if mission is None or mission.deleted:
        raise ApiError(404, "not_found", "no such mission")
    keys = {r.client_id: r for r in s.scalars(select(DeskKeyRow).where(
        DeskKeyRow.mission_id == mission.id))}
    known = {c: DeskKey(client_id=c, assessor_id=r.assessor_id, public_key=r.public_key)
             for c, r in keys.items()}
    try:
        opened, refused = open_pack(data, mission_id=mission.id,
                                    bundle_key=base64.b64decode(bundle_key(s, mission)),
                                    known=known)
    except BundleError as exc:
        raise ApiError(422, "bad_bundle", str(exc)) from None
    # A shared desk's file: one section per identity, each applied as that identity's push.
    outcome = ImportOutcome(bundle_id=opened[0].header.bundle_id,
                            client_id=opened[0].header.client_id,
                            assessor_id=opened[0].header.assessor_id,
                            refused=[f"{r.header.assessor_id}: {r.reason}" for r in refused])
    for bundle in opened:
        outcome.results.extend(_apply_section(s, mission, keys, bundle))
    log.info("bundle %s of desk %s: %s", outcome.bundle_id, outcome.client_id,
             outcome.counts())
    return outcome


def _apply_section(s: Session, mission: Mission, keys: dict[str, DeskKeyRow],
                   bundle: Bundle) -> list[MutationResult]:
    """One verified bundle (section) as its identity's push; raises ApiError when it may
    not be applied at all."""
    head = bundle.header
    author = keys[head.client_id]
    assessor = s.get(Assessor, author.assessor_id)
    if assessor is None or assessor.deleted or assessor.mission_id != mission.id:
        raise ApiError(403, "forbidden", "the bundle's author is no longer a member of this "
                       "mission")
    state = s.get(ClientState, (head.client_id, mission.id))
    device_id = state.device_id if state is not None else None
    device = s.get(Device, device_id) if device_id else None
    if device is not None and device.revoked_at is not None and device.user_id == author.user_id:
        # A signed-out desk whose identity was not taken back: its key may be in other hands.
        raise ApiError(403, "forbidden", "the bundle's desk was signed out (revoked): its "
                       "bundles are not accepted")
    last = state.last_mid if state is not None else 0
    if bundle.mutations and head.starts_after() > last:
        raise ApiError(409, "bundle_gap",
                       f"this bundle starts at change {head.first_mid} of its desk, but the "
                       f"server holds that desk's changes only up to {last}: apply the "
                       "bundle with the changes in between first, or ask for one made with "
                       "--all")
    actor = Actor(user_id=author.user_id, device_id=device_id or "",
                  assessor_id=assessor.id, is_chair=assessor.is_chair)
    config = MissionConfig.model_validate(mission.config or {})
    out: list[MutationResult] = []
    for i in range(0, len(bundle.mutations), MAX_BATCH_SERVER):
        chunk = bundle.mutations[i:i + MAX_BATCH_SERVER]
        _, results = PushApplier(s, mission, actor, config).push(head.client_id, list(chunk))
        # A mid the server held before this bundle is answered from what is stored; for the
        # one who imports, it is a change already there.
        out.extend(
            MutationResult(mid=r.mid, status="duplicate", detail=f"already held ({r.status})")
            if r.mid <= last and not r.detail.startswith("corrupt") else r for r in results)
    return out
