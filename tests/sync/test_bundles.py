"""The bundle file itself (sync.bundle): whatever happens to the bytes, a bundle either opens
exactly as written or is refused before a single mutation is read."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.mutation import mutation_hash
from sync.bundle import (
    UNKNOWN_SIGNER,
    BundleError,
    DeskKey,
    new_bundle_key,
    new_signing_key,
    open_bundle,
    open_pack,
    public_key_text,
    read_header,
    split_file,
    write_bundle,
    write_pack,
)

MISSION = str(uuid.uuid4())
CLIENT = str(uuid.uuid4())
AUTHOR = str(uuid.uuid4())
KEY = new_bundle_key()
SIGNER = new_signing_key()
KNOWN = {CLIENT: DeskKey(CLIENT, AUTHOR, public_key_text(SIGNER))}


def _mutation(mid: int, value: str) -> dict[str, Any]:
    mid_ = str(uuid.uuid4())
    row, fields, at = str(uuid.uuid4()), {"value": value}, f"2027-01-12T09:00:0{mid % 10}Z"
    return {"mid": mid, "id": mid_, "entity": "mark", "row_id": row, "fields": fields,
            "base": {}, "at": at, "hash": mutation_hash(mid_, "mark", row, fields, {}, at)}


def _bundle(mutations: list[dict[str, Any]] | None = None, signer: Any = SIGNER,
            key: bytes = KEY) -> bytes:
    muts = [_mutation(i, "12.5") for i in (3, 4, 5)] if mutations is None else mutations
    return write_bundle(mission_id=MISSION, client_id=CLIENT, assessor_id=AUTHOR,
                        mutations=muts, bundle_key=key, signing_key=signer,
                        created_at="2027-01-12T10:00:00+00:00")


def _open(data: bytes) -> Any:
    return open_bundle(data, mission_id=MISSION, bundle_key=KEY, known=KNOWN)


DATA = _bundle()


def test_a_bundle_opens_as_written_and_hides_its_content() -> None:
    b = _open(DATA)
    assert [m.mid for m in b.mutations] == [3, 4, 5]
    assert (b.header.first_mid, b.header.last_mid, b.header.count) == (3, 5, 3)
    assert b.header.client_id == CLIENT and b.header.assessor_id == AUTHOR
    assert b"12.5" not in DATA and b"mark" not in DATA  # encrypted: a lost stick shows nothing
    assert read_header(DATA).bundle_id == b.header.bundle_id


def test_every_single_flipped_byte_is_refused() -> None:
    small = _bundle([_mutation(1, "9")])
    for i in range(len(small)):
        for bit in (0x01, 0x80):
            bad = bytearray(small)
            bad[i] ^= bit
            with pytest.raises(BundleError):
                _open(bytes(bad))


def test_every_truncation_is_refused() -> None:
    for n in range(len(DATA)):
        with pytest.raises(BundleError):
            _open(DATA[:n])
    with pytest.raises(BundleError):
        _open(DATA + b"\x00")  # a byte appended breaks the signature too


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_damage_is_refused(data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(DATA) - 1))
    junk = data.draw(st.binary(min_size=1, max_size=40))
    damaged = DATA[:start] + junk + DATA[start + len(junk):]
    if damaged != DATA:
        with pytest.raises(BundleError):
            _open(damaged)


def test_a_stranger_s_signature_is_refused() -> None:
    stranger = new_signing_key()
    with pytest.raises(BundleError, match="does not know"):
        _open(_bundle(signer=stranger))
    # Even a stranger who copies a known desk's public key into the header fails.
    forged = bytearray(_bundle(signer=stranger))
    head = read_header(bytes(forged))
    forged = bytearray(bytes(forged).replace(head.public_key.encode(),
                                             public_key_text(SIGNER).encode()))
    with pytest.raises(BundleError, match="signature"):
        _open(bytes(forged))


def test_a_signer_not_known_yet_is_refused_with_a_clear_message() -> None:
    with pytest.raises(BundleError, match="sync with the server first"):
        open_bundle(DATA, mission_id=MISSION, bundle_key=KEY, known={})


def test_another_mission_or_key_is_refused() -> None:
    with pytest.raises(BundleError, match="another mission"):
        open_bundle(DATA, mission_id=str(uuid.uuid4()), bundle_key=KEY, known=KNOWN)
    with pytest.raises(BundleError, match="decrypt"):
        open_bundle(DATA, mission_id=MISSION, bundle_key=new_bundle_key(), known=KNOWN)


def test_another_author_than_the_desk_s_is_refused() -> None:
    known = {CLIENT: DeskKey(CLIENT, str(uuid.uuid4()), public_key_text(SIGNER))}
    with pytest.raises(BundleError, match="another author"):
        open_bundle(DATA, mission_id=MISSION, bundle_key=KEY, known=known)


def test_mutations_out_of_order_are_not_written() -> None:
    with pytest.raises(BundleError):
        _bundle([_mutation(2, "1"), _mutation(1, "2")])


def test_not_a_bundle() -> None:
    for data in (b"", b"hello", b"PK\x03\x04" + bytes(200)):
        with pytest.raises(BundleError, match="not a Mission Desk bundle"):
            _open(data)


# -- a shared desk's file: one section per identity (format 2, sync.bundle's pack) ----------

OTHER = str(uuid.uuid4())  # a colleague's client_id on the same desk, not registered


def _pack(parts: list[tuple[str, int, list[int]]], signer: Any = SIGNER) -> bytes:
    """(client_id, after_mid, mids) per section, all signed by one desk key."""
    pack_id = str(uuid.uuid4())
    return write_pack([write_bundle(
        mission_id=MISSION, client_id=client, assessor_id=AUTHOR,
        mutations=[_mutation(i, "8") for i in mids], bundle_key=KEY, signing_key=signer,
        created_at="2027-01-12T10:00:00+00:00", section=(after, pack_id, n, len(parts)))
        for n, (client, after, mids) in enumerate(parts)])


PACK = _pack([(CLIENT, 1, [2]), (OTHER, 0, [1, 3])])


def _open_pack(data: bytes) -> Any:
    return open_pack(data, mission_id=MISSION, bundle_key=KEY, known=KNOWN)


def test_a_pack_opens_each_known_identity_and_refuses_an_unknown_one_by_name() -> None:
    opened, refused = _open_pack(PACK)
    assert [(b.header.client_id, b.header.after_mid, [m.mid for m in b.mutations])
            for b in opened] == [(CLIENT, 1, [2])]
    assert [(r.header.client_id, r.reason) for r in refused] == [(OTHER, UNKNOWN_SIGNER)]
    assert opened[0].header.starts_after() == 1 and read_header(DATA).starts_after() == 2
    with pytest.raises(BundleError, match="unknown signer: sync with the server first"):
        open_pack(PACK, mission_id=MISSION, bundle_key=KEY, known={})
    # A format 1 file is a pack of one.
    assert [m.mid for m in _open_pack(DATA)[0][0].mutations] == [3, 4, 5]


def test_every_flipped_byte_or_truncation_of_a_pack_is_refused_whole() -> None:
    for i in range(len(PACK)):
        bad = bytearray(PACK)
        bad[i] ^= 0x01
        with pytest.raises(BundleError):
            _open_pack(bytes(bad))
    for n in range(len(PACK)):
        with pytest.raises(BundleError):
            _open_pack(PACK[:n])


def test_sections_of_two_packs_or_two_desks_do_not_make_a_file() -> None:
    one, two = split_file(PACK), split_file(_pack([(CLIENT, 0, [1]), (OTHER, 0, [2])]))
    with pytest.raises(BundleError, match="belong together"):
        _open_pack(write_pack([one[0], two[1]]))
    with pytest.raises(BundleError, match="belong together"):
        _open_pack(write_pack([one[0]]))  # a section dropped
    stranger = split_file(_pack([(CLIENT, 0, [1]), (OTHER, 0, [2])],
                                signer=new_signing_key()))
    with pytest.raises(BundleError):
        _open_pack(write_pack([one[0], stranger[1]]))
