"""The desk's own Ed25519 key (DESIGN.md §11): it signs what this desk hands on (team bundles,
the record of a closed mission). Made on first use and kept inside the encrypted database, so
it lives and dies with the mission's data: closing a mission destroys it with the rest.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app.domain.receipts import public_key_text

from .database import get_meta, set_meta

if TYPE_CHECKING:  # imported where used: the window loads this module at start-up
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

META_KEY = "desk_signing_key"


def desk_key(s: Session) -> Ed25519PrivateKey:
    """This desk's signing key, created (in the caller's write transaction) on first use."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    stored = get_meta(s, META_KEY)
    if stored is not None:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored))
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    set_meta(s, META_KEY, raw.hex())
    return key


def desk_public_key(s: Session) -> str:
    """The public half in base64 (raw 32 bytes), as signed files carry it."""
    return public_key_text(desk_key(s))


# -- team bundles (sync.desk_bundles): the mission's bundle key and the team's desk keys ----

BUNDLE_KEY = "bundle_key"
TEAM_DESKS = "team_desks"


def bundle_key(s: Session) -> bytes | None:
    """The mission's AES-GCM bundle key from the server, or None before the desk got it.
    Inside the encrypted database like the signing key."""
    stored = get_meta(s, BUNDLE_KEY)
    return None if stored is None else base64.b64decode(stored)


def set_bundle_key(s: Session, key_b64: str) -> None:
    set_meta(s, BUNDLE_KEY, key_b64)


def team_desks(s: Session) -> dict[str, dict[str, Any]]:
    """client_id -> {client_id, assessor_id, public_key} of the mission's registered desks."""
    return dict(json.loads(get_meta(s, TEAM_DESKS) or "{}"))


def add_team_desks(s: Session, desks: list[dict[str, Any]]) -> None:
    known = team_desks(s)
    for d in desks:
        known[str(d["client_id"])] = {k: str(d[k]) for k in ("client_id", "assessor_id",
                                                             "public_key")}
    set_meta(s, TEAM_DESKS, json.dumps(known, sort_keys=True))


# Meta keys of teammates' bundles this desk received and still has to relay to the server
# (sync.desk_bundles): closing the mission waits for them (app.store.closing).
RELAY_PREFIX = "relay_bundle:"
