"""Signed sync receipts (DESIGN.md §11): the canonical JSON a server signs with Ed25519 and a
desk checks. One definition for both sides; it lives in app/domain (not sync/) because the
desk's closing (app/store/closing.py) checks the receipts again and app/ may not import sync/.

A receipt says: the server holds every change of desk ``client`` on ``mission`` up to the
desk's sequence number ``last_mid`` (mutation ``last_id``), it answered this sync's changes
with outcomes whose hash is ``outcomes``, at server time ``at`` (UTC, ISO 8601).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

# cryptography's Ed25519 and serialization modules are imported in the functions that sign or
# check: the desk's window imports this module (through app.store.closing) at start-up, and
# loading them there cost about 12 ms of it.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

RECEIPT_VERSION = 1
# Bounds on what a desk accepts before parsing: a receipt is a few hundred bytes.
MAX_BODY = 2000
MAX_SIGNATURE = 200


class ReceiptInvalid(Exception):
    """A receipt whose signature, key or content does not check out: never a success."""


def canonical(data: Any) -> bytes:
    """The one byte form that is signed: sorted keys, no spaces, UTF-8, no NaN."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def outcomes_hash(results: Iterable[tuple[int, str, str]]) -> str:
    """SHA-256 of the (mid, status, detail) answers of one sync, in mid order."""
    return hashlib.sha256(canonical([[m, s, d] for m, s, d in sorted(results)])).hexdigest()


@dataclass(frozen=True)
class ReceiptBody:
    mission: str
    client: str
    last_mid: int
    last_id: str
    outcomes: str
    at: str
    v: int = RECEIPT_VERSION

    def text(self) -> str:
        return canonical(asdict(self)).decode("utf-8")

    def moment(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The raw 32-byte public key in base64, as it travels in the package and is pinned."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(pub.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def sign(key: Ed25519PrivateKey, body: ReceiptBody) -> tuple[str, str]:
    """(body text, base64 signature over its UTF-8 bytes)."""
    text = body.text()
    return text, base64.b64encode(key.sign(text.encode("utf-8"))).decode()


def _b64(value: str, size: int, what: str) -> bytes:
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ReceiptInvalid(f"the receipt's {what} is not base64") from None
    if len(raw) != size:
        raise ReceiptInvalid(f"the receipt's {what} has {len(raw)} bytes, not {size}")
    return raw


def verify(public_key: str, body_text: str, signature: str) -> ReceiptBody:
    """The receipt's content, if ``signature`` is the pinned key's over ``body_text`` and the
    body is a canonical receipt of this version; ReceiptInvalid otherwise."""
    if len(body_text) > MAX_BODY or len(signature) > MAX_SIGNATURE:
        raise ReceiptInvalid("the receipt is larger than any receipt")
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = Ed25519PublicKey.from_public_bytes(_b64(public_key, 32, "key"))
    try:
        key.verify(_b64(signature, 64, "signature"), body_text.encode("utf-8"))
    except InvalidSignature:
        raise ReceiptInvalid("the receipt's signature does not match the server's key "
                             "this desk pinned") from None
    try:
        data = json.loads(body_text)
        body = ReceiptBody(**data)
    except (ValueError, TypeError):
        raise ReceiptInvalid("the receipt's content is not a receipt") from None
    if canonical(data).decode("utf-8") != body_text or body.v != RECEIPT_VERSION:
        raise ReceiptInvalid("the receipt is not in the canonical form of this version")
    types = {"mission": str, "client": str, "last_mid": int, "last_id": str,
             "outcomes": str, "at": str}
    if any(type(getattr(body, k)) is not t for k, t in types.items()) or body.last_mid < 0:
        raise ReceiptInvalid("the receipt's fields have the wrong types")
    try:
        if body.moment().tzinfo is None:
            raise ValueError
    except ValueError:
        raise ReceiptInvalid("the receipt's time is not an ISO 8601 UTC time") from None
    return body
