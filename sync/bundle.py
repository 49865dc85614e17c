"""Team bundles (DESIGN.md §11): a desk's mutations as one signed, encrypted file.

A bundle is the sync request format wrapped for a USB stick or an e-mail::

    MAGIC | header length (4 bytes, big endian) | header (canonical JSON)
          | nonce (12 bytes) | AES-GCM ciphertext of the body | Ed25519 signature (64 bytes)

- the header names the format, the mission, the source desk (client_id), the author
  (assessor id), the range of the desk's outbox mids it carries and the desk's public key;
  it is readable without the key (to say what a file is) but is the AES-GCM associated data,
  so it cannot be changed without the body failing to decrypt;
- the body is ``{"client_id", "schema", "mutations": [...]}``: the very mutations (mid, id,
  hash...) a sync would push, so the server and a teammate apply them exactly once by
  (client_id, mid) and by mutation id;
- the signature covers every byte before it, made by the desk's Ed25519 key.

Format 2 (a shared desk, issue 17): the file is a *pack* of sections, one bundle as above per
sync identity of the desk (each assessor with their own client_id), so each identity's changes
travel under that identity: its client_id, its assessor, its own mids::

    PACK_MAGIC | section count (4 bytes) | (section length (4 bytes) | section) ...

A section's header adds ``after_mid`` (the identity's mid just before the section's first:
the desk's mids are one sequence shared by its identities, so an identity's own mids have
holes that are not gaps) and ``pack_id``/``part``/``parts`` (signed: a section cut off or
moved to another file is noticed). Format 1 files (one bundle, no pack) stay readable; a
desk of format 1 refuses a pack ("not a Mission Desk bundle"): the format changed because
an old desk would apply a colleague's section under the wrong gap rule.

Trust rule: a bundle is opened only when its signer's public key is one the mission lists for
that client_id (the server's package and sync answers carry the team's desk keys). A bundle
signed by a stranger, or by a desk not known yet, is refused with a clear message and nothing
is applied: "not known yet" cannot be told apart from a forger, so the receiving desk must
sync (or receive the key list) first. Any truncation, flipped byte or wrong key is an error
before a single mutation is read.
"""

from __future__ import annotations

import base64
import os
import struct
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.domain.mutation import canonical_json
from app.domain.receipts import public_key_text

from .protocol import PROTOCOL_SCHEMA, UUID_PATTERN, Mutation

MAGIC = b"MISSION-DESK-BUNDLE\n"
PACK_MAGIC = b"MISSION-DESK-BUNDLES\n"
FORMAT_VERSION = 2
FORMATS = (1, 2)  # the formats this version reads
MAX_SECTIONS = 64
UNKNOWN_SIGNER = ("unknown signer: sync with the server first (this mission does not know "
                  "the desk identity that signed it yet; the server lists the team's desks), "
                  "then import it again")
NONCE_BYTES = 12
SIGNATURE_BYTES = 64
KEY_BYTES = 32
MAX_HEADER_BYTES = 4096
# A bundle holds at most this many mutations (a whole mission's week is a few thousand).
MAX_MUTATIONS = 100_000
MAX_BUNDLE_BYTES = 256 * 1024 * 1024


class BundleError(ValueError):
    """The file is not a bundle this desk or server may apply; nothing was applied."""


class UnknownSigner(BundleError):
    """A genuine-looking bundle (or section) signed under a client_id whose key the mission
    does not list (yet): refused, never applied under anyone else's name."""


class BundleHeader(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: int = Field(ge=1)
    bundle_id: str = Field(pattern=UUID_PATTERN)
    mission_id: str = Field(pattern=UUID_PATTERN)
    client_id: str = Field(pattern=UUID_PATTERN)
    assessor_id: str = Field(pattern=UUID_PATTERN)
    first_mid: int = Field(ge=0, le=2**53)
    last_mid: int = Field(ge=0, le=2**53)
    count: int = Field(ge=0, le=MAX_MUTATIONS)
    public_key: str = Field(min_length=40, max_length=60)
    created_at: str = Field(min_length=1, max_length=64)
    # format 2 only (a section of a pack)
    after_mid: int | None = Field(default=None, ge=0, le=2**53)
    pack_id: str | None = Field(default=None, pattern=UUID_PATTERN)
    part: int | None = Field(default=None, ge=0, lt=MAX_SECTIONS)
    parts: int | None = Field(default=None, ge=1, le=MAX_SECTIONS)

    def starts_after(self) -> int:
        """The author identity's mid just before this bundle's first: a receiver holding
        less of that identity has a gap (format 1: the mids were contiguous)."""
        return self.first_mid - 1 if self.after_mid is None else self.after_mid


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    client_id: str = Field(pattern=UUID_PATTERN)
    schema_: int = Field(alias="schema", ge=1)
    mutations: list[Mutation] = Field(max_length=MAX_MUTATIONS)


@dataclass(frozen=True)
class Bundle:
    """A verified, decrypted bundle."""

    header: BundleHeader
    mutations: list[Mutation]


@dataclass(frozen=True)
class DeskKey:
    """A team desk as the mission lists it: who signs under which client_id."""

    client_id: str
    assessor_id: str
    public_key: str  # base64 of the 32 raw bytes


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_bundle_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def write_bundle(*, mission_id: str, client_id: str, assessor_id: str,
                 mutations: Sequence[Mapping[str, Any]], bundle_key: bytes,
                 signing_key: Ed25519PrivateKey, created_at: str,
                 section: tuple[int, str, int, int] | None = None) -> bytes:
    """The bundle of ``mutations`` (wire dicts, in mid order) as bytes: format 1, or with
    ``section`` = (after_mid, pack_id, part, parts) a format 2 section of a pack."""
    muts = [Mutation.model_validate(dict(m)).model_dump() for m in mutations]
    mids = [m["mid"] for m in muts]
    if mids != sorted(set(mids)):
        raise BundleError("a bundle's mutations go in increasing mid order, each once")
    header = BundleHeader(
        format=FORMAT_VERSION, bundle_id=str(uuid.uuid4()), mission_id=mission_id,
        client_id=client_id, assessor_id=assessor_id,
        first_mid=mids[0] if mids else 0, last_mid=mids[-1] if mids else 0, count=len(muts),
        public_key=public_key_text(signing_key), created_at=created_at)
    if section is not None:
        after, pack_id, part, parts = section
        if mids and after >= mids[0]:
            raise BundleError("a section starts after its identity's previous mid")
        header = header.model_copy(update={"format": 2, "after_mid": after, "pack_id": pack_id,
                                           "part": part, "parts": parts})
        BundleHeader.model_validate(header.model_dump())
    fields = header.model_dump()
    if section is None:  # format 1 as it always was (an older desk reads it)
        fields = {k: v for k, v in fields.items() if k not in _SECTION_FIELDS}
        fields["format"] = 1
    head = canonical_json(fields).encode()
    prefix = MAGIC + struct.pack(">I", len(head)) + head
    body = canonical_json({"client_id": client_id, "schema": PROTOCOL_SCHEMA,
                           "mutations": muts}).encode()
    nonce = os.urandom(NONCE_BYTES)
    sealed = prefix + nonce + AESGCM(bundle_key).encrypt(nonce, body, prefix)
    return sealed + signing_key.sign(sealed)


_SECTION_FIELDS = ("after_mid", "pack_id", "part", "parts")


def write_pack(sections: Sequence[bytes]) -> bytes:
    """Sections (written with ``section=(..., part, len(sections))``) as one file."""
    out = [PACK_MAGIC, struct.pack(">I", len(sections))]
    for data in sections:
        out += [struct.pack(">I", len(data)), data]
    return b"".join(out)


def split_file(data: bytes) -> list[bytes]:
    """The bundles a file holds: itself (format 1, or a single section), or a pack's
    sections, checked to be whole (every part of one pack, in order) before any is opened."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("this file is too large to be a bundle")
    if not data.startswith(PACK_MAGIC):
        return [data]
    at = len(PACK_MAGIC)
    if len(data) < at + 4:
        raise BundleError("the bundle is truncated")
    (count,) = struct.unpack(">I", data[at:at + 4])
    if not 1 <= count <= MAX_SECTIONS:
        raise BundleError("the bundle's header is damaged")
    at += 4
    sections: list[bytes] = []
    for _ in range(count):
        if len(data) < at + 4:
            raise BundleError("the bundle is truncated")
        (size,) = struct.unpack(">I", data[at:at + 4])
        at += 4
        if len(data) < at + size:
            raise BundleError("the bundle is truncated")
        sections.append(data[at:at + size])
        at += size
    if at != len(data):
        raise BundleError("the bundle has bytes after its end: it is damaged")
    heads = [read_header(d) for d in sections]
    if any(h.format != 2 or h.parts != count or h.part != i or h.pack_id != heads[0].pack_id
           for i, h in enumerate(heads)):
        raise BundleError("the bundle's sections do not belong together: it is damaged")
    return sections


def read_header(data: bytes) -> BundleHeader:
    """The header, unverified (to say what a file claims to be before opening it); of a
    pack, its first section's."""
    if data.startswith(PACK_MAGIC):
        data = split_file(data)[0]
    return _split(data)[1]


def _split(data: bytes) -> tuple[bytes, BundleHeader, bytes, bytes]:
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("this file is too large to be a bundle")
    if not data.startswith(MAGIC):
        raise BundleError("this file is not a Mission Desk bundle")
    at = len(MAGIC)
    if len(data) < at + 4:
        raise BundleError("the bundle is truncated")
    (size,) = struct.unpack(">I", data[at:at + 4])
    if size > MAX_HEADER_BYTES:
        raise BundleError("the bundle's header is damaged")
    at += 4
    if len(data) < at + size + NONCE_BYTES + 16 + SIGNATURE_BYTES:
        raise BundleError("the bundle is truncated")
    try:
        header = BundleHeader.model_validate_json(data[at:at + size])
    except ValidationError:
        raise BundleError("the bundle's header is damaged") from None
    if header.format not in FORMATS:
        raise BundleError(f"bundle format {header.format} is not one this version reads "
                          f"({FORMAT_VERSION}): update Mission Desk")
    if (header.format == 2) != (header.after_mid is not None and header.pack_id is not None
                                and header.part is not None and header.parts is not None):
        raise BundleError("the bundle's header is damaged")
    prefix = data[:at + size]
    return prefix, header, data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]


def open_bundle(data: bytes, *, mission_id: str, bundle_key: bytes,
                known: Mapping[str, DeskKey]) -> Bundle:
    """Verify and decrypt a bundle; raises BundleError with the reason otherwise.

    ``known`` maps client_id to the team desk registered under it.
    """
    prefix, header, signed, signature = _split(data)
    if header.mission_id != mission_id:
        raise BundleError("this bundle belongs to another mission")
    desk = known.get(header.client_id)
    if desk is None or desk.public_key != header.public_key:
        raise UnknownSigner(UNKNOWN_SIGNER)
    try:
        Ed25519PublicKey.from_public_bytes(unb64(desk.public_key)).verify(signature, signed)
    except (InvalidSignature, ValueError):
        raise BundleError("the bundle's signature does not verify: it was altered or "
                          "damaged; nothing applied") from None
    if desk.assessor_id != header.assessor_id:
        raise BundleError("the bundle names another author than its desk's")
    nonce = signed[len(prefix):len(prefix) + NONCE_BYTES]
    try:
        body = AESGCM(bundle_key).decrypt(nonce, signed[len(prefix) + NONCE_BYTES:], prefix)
    except InvalidTag:
        raise BundleError("the bundle does not decrypt with this mission's key") from None
    try:
        parsed = _Body.model_validate_json(body)
    except ValidationError:
        raise BundleError("the bundle's content is damaged") from None
    mids = [m.mid for m in parsed.mutations]
    if (parsed.client_id != header.client_id or len(mids) != header.count
            or mids != sorted(set(mids))
            or (mids and (mids[0], mids[-1]) != (header.first_mid, header.last_mid))):
        raise BundleError("the bundle's content does not match its header")
    if any(m.content_hash() != m.hash for m in parsed.mutations):
        raise BundleError("a mutation of the bundle does not match its hash")
    return Bundle(header=header, mutations=parsed.mutations)


@dataclass(frozen=True)
class Refused:
    """A section of a pack that is not applied: whose it is and why."""

    header: BundleHeader
    reason: str


def open_pack(data: bytes, *, mission_id: str, bundle_key: bytes,
              known: Mapping[str, DeskKey]) -> tuple[list[Bundle], list[Refused]]:
    """Verify and decrypt every section of a file (a format 1 bundle is a pack of one).

    A section of an identity the mission does not list yet (a colleague on a shared desk who
    never synced under their own account) is refused, the others opened: it is told apart
    from a forged or damaged one by its signature, made by the same desk key as the pack's
    known sections. Any other fault refuses the whole file (BundleError), as does a file of
    which no section may be opened."""
    sections = split_file(data)
    heads = [read_header(d) for d in sections]
    if len({h.public_key for h in heads}) != 1:
        raise BundleError("the bundle's sections are signed by different desks: it is damaged")
    opened: list[Bundle] = []
    unknown: list[tuple[bytes, BundleHeader]] = []
    for section, head in zip(sections, heads, strict=True):
        try:
            opened.append(open_bundle(section, mission_id=mission_id, bundle_key=bundle_key,
                                      known=known))
        except UnknownSigner:
            unknown.append((section, head))
    if not opened:
        raise UnknownSigner(UNKNOWN_SIGNER)
    refused: list[Refused] = []
    for section, head in unknown:
        # The desk's key, proven by the sections opened above: a failure here is damage.
        open_bundle(section, mission_id=mission_id, bundle_key=bundle_key, known={
            head.client_id: DeskKey(head.client_id, head.assessor_id, head.public_key)})
        refused.append(Refused(head, UNKNOWN_SIGNER))
    return opened, refused
