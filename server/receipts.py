"""The server's side of sync receipts (DESIGN.md §11): its Ed25519 key, made at `migrate` and
kept in the ``receipt_key`` table, and the signature of each sync's outcome.

Why a table rather than a file beside the configuration: the server's configuration is a
database URL, the database is the one state every worker (and every host behind the proxy)
shares, and a restored backup keeps the key, so receipts issued before still verify. The cost,
said plainly: whoever reads a database dump can sign receipts; dumps are protected as such.
"""

from __future__ import annotations

import datetime as dt
import logging
import weakref

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.orm import Session

from app.domain.receipts import ReceiptBody, outcomes_hash, public_key_text, sign
from sync.protocol import MutationResult, Receipt

from .models import MutationOutcome, ReceiptKey

log = logging.getLogger(__name__)

KEY_ID = 1


def ensure_key(conn: Connection) -> str:
    """The receipt key's public half, the key created first if the database has none."""
    public = conn.scalar(select(ReceiptKey.public_key).where(ReceiptKey.id == KEY_ID))
    if public is not None:
        return str(public)
    key = Ed25519PrivateKey.generate()
    public = public_key_text(key)
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    conn.execute(insert(ReceiptKey).values(id=KEY_ID, public_key=public, private_key=raw.hex(),
                                           created_at=dt.datetime.now(dt.UTC)))
    log.info("receipt signing key created (public key %s)", public)
    return public


def _row(s: Session) -> ReceiptKey:
    row = s.get(ReceiptKey, KEY_ID)
    if row is None:
        # Made by `migrate`; a server started on an unmigrated database fails earlier.
        raise RuntimeError("the server has no receipt key: run 'mission-desk-server migrate'")
    return row


# The signing key of each database, parsed once per process: reading and parsing it cost a
# query per push. It is made at `migrate` and kept; a database replaced under a running server
# is noticed where the public key is handed out (public_key).
_KEYS: weakref.WeakKeyDictionary[Engine, Ed25519PrivateKey] = weakref.WeakKeyDictionary()


def _engine(s: Session) -> Engine:
    bind = s.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def public_key(s: Session) -> str:
    """The receipt key's public half, as desks pin it. A database replaced under a running
    server (another one's key) drops the signing key read before, so that receipts are
    signed with the key handed out."""
    public = _row(s).public_key
    engine = _engine(s)
    cached = _KEYS.get(engine)
    if cached is not None and public_key_text(cached) != public:
        log.warning("the receipt key in the database changed: the new one signs from now on")
        del _KEYS[engine]
    return public


def signing_key(s: Session) -> Ed25519PrivateKey:
    """The receipt key of the database ``s`` is bound to (read once per engine)."""
    engine = _engine(s)
    key = _KEYS.get(engine)
    if key is None:
        key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(_row(s).private_key))
        _KEYS[engine] = key
    return key


def stored_id(s: Session, mission_id: str, client_id: str, last_mid: int) -> str:
    """The mutation id stored under a desk's ``last_mid`` ("" before its first)."""
    if last_mid == 0:
        return ""
    return s.scalar(select(MutationOutcome.mutation_id).where(
        MutationOutcome.client_id == client_id, MutationOutcome.mission_id == mission_id,
        MutationOutcome.mid == last_mid)) or ""


def sign_outcome(key: Ed25519PrivateKey, mission_id: str, client_id: str, last_mid: int,
                 results: list[MutationResult], last_id: str) -> Receipt:
    """The signed receipt of one sync: what the server now holds from this desk.
    ``last_id``: the mutation id stored under ``last_mid`` ("" for none)."""
    body = ReceiptBody(mission=mission_id, client=client_id, last_mid=last_mid, last_id=last_id,
                       outcomes=outcomes_hash((r.mid, r.status, r.detail) for r in results),
                       at=dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"))
    text, signature = sign(key, body)
    return Receipt(body=text, signature=signature)
