"""The desk's side of sync receipts (DESIGN.md §11): pin the server's key from the first
package, check each sync reply's receipt against it and against the reply, keep it.

The canonical JSON, signing and verifying live in app.domain.receipts (the desk's closing
checks receipts again, and app/ may not import sync/). A receipt that fails any check raises
ReceiptError inside the reply's transaction, so nothing of that reply is applied or covered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import Session

from app.domain.receipts import ReceiptBody, ReceiptInvalid, outcomes_hash, verify
from app.store.closing import PINNED_KEY
from app.store.database import get_meta, set_meta
from app.store.models import OutboxMutation
from app.store.models import Receipt as StoredReceipt

from .errors import ReceiptError
from .protocol import MutationResult, Receipt


def pin_key(s: Session, key: str | None) -> None:
    """Pin the server's receipt key on first sight; another key later is an error, never a
    silent re-pin (a different server, or a forged reply)."""
    if not key:
        raise ReceiptError("the server sent no receipt key: it cannot prove what it received")
    pinned = get_meta(s, PINNED_KEY)
    if pinned is None:
        set_meta(s, PINNED_KEY, key)
    elif pinned != key:
        raise ReceiptError("the server's receipt key is not the one this desk pinned at its "
                           "first sync: this is not the same server, or the reply was forged")


def of_client(s: Session, client_id: str) -> ColumnElement[bool]:
    """The stored receipts of one sync identity of this desk (several assessors each push
    under their own client_id); receipts kept before that are the desk's own."""
    if client_id == get_meta(s, "client_id"):
        return or_(StoredReceipt.client_id == client_id, StoredReceipt.client_id.is_(None))
    return StoredReceipt.client_id == client_id


def check_receipt(s: Session, receipt: Receipt | None, *, mission_id: str, client_id: str,
                  last_mid: int, results: Sequence[MutationResult],
                  receipt_mid: int | None = None) -> ReceiptBody | None:
    """The reply's receipt, verified and stored; ReceiptError if anything does not hold.

    ``receipt_mid``: the request pushed nothing and said the desk holds a verified receipt
    up to this mid. A reply without a receipt is then accepted only if it answers nothing and the
    server holds exactly what that receipt covers (None returned): the receipt held still
    covers every change of this desk, and nothing goes uncovered."""
    if receipt is None:
        stored = s.scalars(select(StoredReceipt).where(of_client(s, client_id))
                           .order_by(StoredReceipt.last_mid.desc()).limit(1)).first()
        if (receipt_mid is not None and not results and last_mid == receipt_mid
                and stored is not None and stored.last_mid == receipt_mid
                and stored.mission_id == mission_id):
            return None
        raise ReceiptError("the server's reply carries no receipt")
    pinned = get_meta(s, PINNED_KEY)
    if pinned is None:
        raise ReceiptError("no server key is pinned on this desk: receipts cannot be checked")
    try:
        body = verify(pinned, receipt.body, receipt.signature)
    except ReceiptInvalid as exc:
        raise ReceiptError(str(exc)) from None
    if body.mission != mission_id or body.client != client_id:
        raise ReceiptError("the receipt is for another mission or another desk")
    if body.last_mid != last_mid:
        raise ReceiptError(f"the receipt covers change #{body.last_mid}, the reply says "
                           f"#{last_mid}")
    if body.outcomes != outcomes_hash((r.mid, r.status, r.detail) for r in results):
        raise ReceiptError("the receipt's hash does not match the answers in the reply")
    if any(r.mid > body.last_mid for r in results):
        raise ReceiptError("the reply answers changes beyond what its receipt covers")
    if body.last_mid:
        held = s.scalar(select(OutboxMutation.id).where(OutboxMutation.mid == body.last_mid))
        if held != body.last_id:
            raise ReceiptError(f"the receipt names another change #{body.last_mid} than the "
                               "one this desk made")
    mine = of_client(s, client_id)
    before = s.scalar(select(func.max(StoredReceipt.last_mid)).where(mine)) or 0
    if body.last_mid < before:
        raise ReceiptError(f"the receipt covers less (#{body.last_mid}) than an earlier one "
                           f"(#{before}): a replayed reply")
    # A newer receipt for the same range says the same, later: one row per range, so a desk
    # that syncs every few minutes for weeks keeps one receipt per push, not per sync.
    s.execute(delete(StoredReceipt).where(StoredReceipt.last_mid == body.last_mid, mine))
    s.add(StoredReceipt(mission_id=body.mission, last_mid=body.last_mid,
                        server_at=body.moment().astimezone(dt.UTC), body=receipt.body,
                        signature=receipt.signature, client_id=client_id))
    return body
