"""A desk whose every change the "server" has receipted, without a server: a throwaway key is
pinned and one receipt signed with it covers the outbox (UI tests and screenshots only; the
real exchange is tested against a server in tests/sync/test_receipts.py)."""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update

from app.domain.receipts import ReceiptBody, outcomes_hash, public_key_text, sign
from app.store.closing import PINNED_KEY
from app.store.database import Store, get_meta, set_meta
from app.store.models import OutboxMutation, Receipt


def receipt_everything(store: Store, at: dt.datetime | None = None) -> None:
    key = Ed25519PrivateKey.generate()
    at = at or dt.datetime.now(dt.UTC)
    with store.write() as s:
        rows = list(s.scalars(select(OutboxMutation).order_by(OutboxMutation.mid)))
        s.execute(update(OutboxMutation).values(state="applied"))
        last = rows[-1] if rows else None
        body = ReceiptBody(mission=get_meta(s, "current_mission") or "",
                           client=get_meta(s, "client_id") or "",
                           last_mid=last.mid if last else 0, last_id=last.id if last else "",
                           outcomes=outcomes_hash((r.mid, "applied", "") for r in rows),
                           at=at.isoformat(timespec="microseconds"))
        text, signature = sign(key, body)
        set_meta(s, PINNED_KEY, public_key_text(key))
        s.add(Receipt(mission_id=body.mission, last_mid=body.last_mid, server_at=at, body=text,
                      signature=signature))
