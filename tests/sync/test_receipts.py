"""Signed receipts (issue 16 item 2): the server signs each sync's outcome, the desk pins the
server's key from its first package, checks every receipt and keeps it; a receipt that does
not verify fails the sync with nothing of that reply applied or covered."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from app.domain.receipts import (
    ReceiptBody,
    ReceiptInvalid,
    canonical,
    outcomes_hash,
    public_key_text,
    sign,
    verify,
)
from app.store.closing import coverage
from app.store.database import get_meta
from app.store.models import Receipt as StoredReceipt
from server.models import MutationOutcome
from sync import receipts
from sync.errors import ReceiptError
from sync.protocol import MutationResult, Receipt, SyncResponse

from .faultproxy import FaultProxy
from .harness import Desk, MissionSetup, ServerProcess

KEY = Ed25519PrivateKey.generate()
BODY = ReceiptBody(mission="m", client="c", last_mid=3, last_id="id-3",
                   outcomes=outcomes_hash([(3, "applied", "")]),
                   at="2026-12-02T10:00:00.000000+00:00")


def _flip(text: str, at: int) -> str:
    return text[:at] + chr(ord(text[at]) ^ 1) + text[at + 1:]


# -- the signed form (app.domain.receipts) ---------------------------------------------------

def test_a_signed_receipt_verifies_to_its_content() -> None:
    text, signature = sign(KEY, BODY)
    assert verify(public_key_text(KEY), text, signature) == BODY


@pytest.mark.parametrize("part", ["signature", "body", "key"])
def test_anything_tampered_is_refused(part: str) -> None:
    text, signature = sign(KEY, BODY)
    key = public_key_text(KEY)
    if part == "signature":
        raw = bytearray(base64.b64decode(signature))
        raw[10] ^= 1
        signature = base64.b64encode(bytes(raw)).decode()
    elif part == "body":
        text = text.replace('"last_mid":3', '"last_mid":4')
    else:
        key = public_key_text(Ed25519PrivateKey.generate())
    with pytest.raises(ReceiptInvalid):
        verify(key, text, signature)


def test_a_validly_signed_but_non_canonical_body_is_refused() -> None:
    data = json.loads(BODY.text())
    loose = json.dumps(data, indent=1)  # same content, other bytes
    signature = base64.b64encode(KEY.sign(loose.encode())).decode()
    with pytest.raises(ReceiptInvalid, match="canonical"):
        verify(public_key_text(KEY), loose, signature)
    assert canonical(data).decode() == BODY.text()


# -- the desk's pin ----------------------------------------------------------------------------

def test_a_later_package_with_another_key_is_an_error_not_a_re_pin(store: Any) -> None:
    first, other = public_key_text(KEY), public_key_text(Ed25519PrivateKey.generate())
    with store.write() as s:
        receipts.pin_key(s, first)
    with pytest.raises(ReceiptError, match="pinned"), store.write() as s:
        receipts.pin_key(s, other)
    with store.write() as s:
        receipts.pin_key(s, first)  # the same key again is fine
        assert get_meta(s, receipts.PINNED_KEY) == first


# -- end to end, against the real server -----------------------------------------------------

def _receipts(desk: Desk) -> list[StoredReceipt]:
    with desk.store.read() as s:
        return list(s.scalars(select(StoredReceipt).order_by(StoredReceipt.id)))


def test_first_pull_pins_the_servers_key(server: ServerProcess, desks: list[Desk]) -> None:
    from server.receipts import public_key

    with server.sessions() as s:
        expected = public_key(s)
    for d in desks:
        assert d.store.get_meta(receipts.PINNED_KEY) == expected
        assert _receipts(d)  # the first sync's own receipt (nothing pushed yet)
    # Syncs that push nothing renew the receipt of the same range: one row, the newest.
    first = _receipts(desks[0])
    desks[0].sync()
    again = _receipts(desks[0])
    assert len(again) == 1 and again[0].server_at >= first[-1].server_at


def test_a_syncs_receipt_covers_exactly_what_was_pushed(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    chair = desks[0]
    assert chair.edits is not None
    for i, c in enumerate(mission.candidates[:4]):
        chair.edits.set_mark(c, "maths", f"{10 + i}")
    chair.sync()
    outbox = chair.outbox()
    newest = _receipts(chair)[-1]
    body = json.loads(newest.body)
    assert body["last_mid"] == outbox[-1].mid and body["last_id"] == outbox[-1].id
    assert body["client"] == chair.store.client_id and body["mission"] == mission.mission_id
    # The outcomes hash is the server's stored answers to what this desk sent.
    with server.sessions() as s:
        stored = [(o.mid, o.status, o.detail) for o in s.scalars(select(MutationOutcome).where(
            MutationOutcome.client_id == chair.store.client_id))]
    assert body["outcomes"] == outcomes_hash(stored)
    with chair.store.read() as s:
        cov = coverage(s)
    assert (cov.uncovered, cov.last_mid, cov.changes) == (0, outbox[-1].mid, 4)
    # One more edit, not yet sent: it is not covered, the older ones still are.
    chair.edits.set_mark(mission.candidates[4], "maths", "9")
    with chair.store.read() as s:
        cov = coverage(s)
    assert (cov.uncovered, cov.last_mid) == (1, outbox[-1].mid)


def test_a_receipt_lost_with_a_dropped_reply_is_obtained_on_retry(
        mission: MissionSetup, desks: list[Desk], proxy: FaultProxy) -> None:
    chair = desks[0]
    assert chair.edits is not None
    chair.edits.set_mark(mission.candidates[0], "maths", "14")
    before = len(_receipts(chair))
    proxy.arm("drop_reply", count=1)  # committed on the server, the receipt never arrives
    summary = chair.sync()
    assert proxy.faults_fired == ["drop_reply"] and summary.retries >= 1
    got = [r for r in _receipts(chair) if r.last_mid == chair.outbox()[-1].mid]
    assert len(got) == 1 and len(_receipts(chair)) <= before + 1
    with chair.store.read() as s:
        assert coverage(s).uncovered == 0


def _tamper(desk: Desk, how: str) -> None:
    """The next sync replies pass through ``how`` before the desk reads them."""
    transport = desk.client.transport
    real = transport.json

    def json_(method: str, path: str, **kw: Any) -> Any:
        resp = real(method, path, **kw)
        if isinstance(resp, SyncResponse) and resp.receipt is not None:
            r = resp.receipt
            if how == "signature":
                sig = bytearray(base64.b64decode(r.signature))
                sig[0] ^= 1
                resp.receipt = Receipt(body=r.body, signature=base64.b64encode(sig).decode())
            elif how == "body":
                resp.receipt = Receipt(body=_flip(r.body, r.body.index('"at"') + 8),
                                       signature=r.signature)
            elif how == "results":  # the answers changed, the receipt left as signed
                resp.results = [m.model_copy(update={"status": "duplicate"})
                                for m in resp.results]
            elif how == "missing":
                resp.receipt = None
            elif how == "foreign":  # well signed, by a key this desk never pinned
                text, sig = sign(Ed25519PrivateKey.generate(),
                                 ReceiptBody(**json.loads(r.body)))
                resp.receipt = Receipt(body=text, signature=sig)
        return resp

    transport.json = json_  # type: ignore[method-assign]


@pytest.mark.parametrize("how", ["signature", "body", "results", "missing", "foreign"])
def test_a_receipt_that_does_not_verify_fails_the_sync_and_covers_nothing(
        mission: MissionSetup, desks: list[Desk], how: str) -> None:
    chair, prof = desks[0], desks[1]
    assert chair.edits is not None and prof.edits is not None
    prof.edits.set_mark(mission.candidates[1], "maths", "11")
    prof.sync()  # a change for the chair to pull
    chair.edits.set_mark(mission.candidates[0], "maths", "15")
    with chair.store.read() as s:
        cursor = get_meta(s, "sync_cursor")
    before = _receipts(chair)
    _tamper(chair, how)
    with pytest.raises(ReceiptError):
        chair.sync()
    assert [r.id for r in _receipts(chair)] == [r.id for r in before]
    assert [m.state for m in chair.outbox()] == ["pending"]
    with chair.store.read() as s:
        assert get_meta(s, "sync_cursor") == cursor  # nothing of the reply applied
        assert coverage(s).uncovered == 1


def test_a_pinned_key_mismatch_fails_every_sync(mission: MissionSetup,
                                                desks: list[Desk]) -> None:
    chair = desks[0]
    assert chair.edits is not None
    chair.edits.set_mark(mission.candidates[0], "maths", "12")
    chair.store.set_meta(receipts.PINNED_KEY, public_key_text(Ed25519PrivateKey.generate()))
    with pytest.raises(ReceiptError, match="pinned"):
        chair.sync()
    assert [m.state for m in chair.outbox()] == ["pending"]


def test_a_desk_synced_before_receipts_pins_the_key_from_the_package(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    from server.receipts import public_key

    chair = desks[0]
    chair.store.set_meta(receipts.PINNED_KEY, None)
    chair.sync()
    with server.sessions() as s:
        assert chair.store.get_meta(receipts.PINNED_KEY) == public_key(s)


def test_migrate_makes_the_key_once(server: ServerProcess) -> None:
    from server.migrate import upgrade
    from server.receipts import public_key

    with server.sessions() as s:
        first = public_key(s)
    upgrade(server.engine)
    with server.sessions() as s:
        assert public_key(s) == first


# -- an idle sync (DESIGN.md §9: under 1 KB): no new receipt for what the desk holds ------------

def _replies(desk: Desk) -> list[SyncResponse]:
    """Every sync reply the desk reads from now on, as received."""
    seen: list[SyncResponse] = []
    transport = desk.client.transport
    real = transport.json

    def json_(method: str, path: str, **kw: Any) -> Any:
        resp = real(method, path, **kw)
        if isinstance(resp, SyncResponse):
            seen.append(resp.model_copy())
        return resp

    transport.json = json_  # type: ignore[method-assign]
    return seen


def test_an_idle_sync_gets_no_new_receipt_and_the_held_one_still_covers(
        mission: MissionSetup, desks: list[Desk]) -> None:
    chair = desks[0]
    assert chair.edits is not None
    chair.edits.set_mark(mission.candidates[0], "maths", "13")
    chair.sync()
    held = [(r.id, r.body) for r in _receipts(chair)]
    replies = _replies(chair)
    chair.sync()  # nothing to push, nothing new held by the server
    assert [r.receipt for r in replies] == [None]
    assert [(r.id, r.body) for r in _receipts(chair)] == held
    with chair.store.read() as s:
        assert coverage(s).uncovered == 0
    # the next change pushed gets its own receipt again
    chair.edits.set_mark(mission.candidates[1], "maths", "12")
    chair.sync()
    assert replies[-1].receipt is not None
    assert json.loads(_receipts(chair)[-1].body)["last_mid"] == chair.outbox()[-1].mid


@pytest.mark.parametrize("case", ["server_holds_more", "answers_something", "not_held",
                                  "held_is_not_newest"])
def test_a_reply_without_a_receipt_is_refused_unless_the_held_one_covers_it(
        store: Any, case: str) -> None:
    import datetime as dt

    with store.write() as s:
        s.add(StoredReceipt(mission_id="m", client_id="c", last_mid=3,
                            server_at=dt.datetime.now(dt.UTC),
                            body="{}", signature="x"))
    args: dict[str, Any] = {"last_mid": 3, "results": [], "receipt_mid": 3}
    if case == "server_holds_more":
        args["last_mid"] = 4
    elif case == "answers_something":
        args["results"] = [MutationResult(mid=3, status="applied")]
    elif case == "not_held":
        args["receipt_mid"] = None
    else:
        args.update(receipt_mid=2, last_mid=2)
    with store.write() as s:
        assert receipts.check_receipt(s, None, mission_id="m", client_id="c", last_mid=3,
                                      results=[], receipt_mid=3) is None
        with pytest.raises(ReceiptError, match="no receipt"):
            receipts.check_receipt(s, None, mission_id="m", client_id="c", **args)
