"""Wire schemas of the Mission Desk API (DESIGN.md §4), shared by the desk and the server.

One endpoint does push and pull in one round trip::

    POST /api/v1/missions/{mission_id}/sync   Authorization: Bearer <device token>
    Content-Encoding: gzip (optional; the server caps the inflated size)

Entities travel as flat field maps. Per-field versions are integers the server bumps on each
applied change of that field. ``conflict`` rows travel as changes like any other entity, so
every desk learns of a conflict on its next pull.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.domain.mutation import WRITABLE_FIELDS, mutation_hash

PROTOCOL_SCHEMA = 1
API_PREFIX = "/api/v1"
# Mutations a desk sends per request; the server refuses more than MAX_BATCH_SERVER.
BATCH_SIZE = 200
MAX_BATCH_SERVER = 500
# Changes a server returns per response before setting has_more: at most PAGE_SIZE, and no
# more than PAGE_BYTES of their JSON (a page always holds at least one). Sized by bytes like the
# push batches (issue 15): small rows come back up to PAGE_SIZE per round trip, so the echo of a
# large push rarely costs a round trip of its own; large rows stay bounded as before.
PAGE_SIZE = 2000
PAGE_BYTES = 1024 * 1024
# Largest request body the server inflates (bytes), gzip or not.
MAX_BODY_BYTES = 8 * 1024 * 1024
# Seconds the server keeps an idle keep-alive connection open. A desk reuses its connections
# only while idle for less than this, minus a margin (sync.transport): a connection the server
# closes while the desk's request is on its way costs a retry and the request sent twice.
KEEP_ALIVE_SECONDS = 75
# How long the server holds a pipelined batch (``after_mid``) for the batch sent before it
# before answering 409 ``previous_batch_missing`` (nothing applied; the desk sends it again).
PIPELINE_WAIT_SECONDS = 10.0

UUID_PATTERN = r"^[0-9a-fA-F-]{36}$"
# An Ed25519 public key as base64 of its 32 bytes (43 characters and one "=").
PUBLIC_KEY_PATTERN = r"^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$"
Entity = Literal["candidate", "mark", "scorecard", "decision", "interview", "seat", "anonymity"]
PulledEntity = Literal[
    "mission", "assessor", "candidate", "mark", "scorecard", "decision", "interview", "seat",
    "anonymity", "conflict",
]
Status = Literal["applied", "duplicate", "rejected", "conflict"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mutation(_Model):
    mid: int = Field(ge=1, le=2**53)
    id: str = Field(pattern=UUID_PATTERN)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    entity: Entity
    row_id: str = Field(pattern=UUID_PATTERN)
    fields: dict[str, Any] = Field(max_length=40)
    base: dict[str, int] = Field(default_factory=dict, max_length=40)
    at: str = Field(min_length=1, max_length=64)

    def content_hash(self) -> str:
        return mutation_hash(self.id, self.entity, self.row_id, self.fields, self.base, self.at)

    def unknown_fields(self) -> list[str]:
        return sorted(set(self.fields) - WRITABLE_FIELDS[self.entity])


class SyncRequest(_Model):
    client_id: str = Field(pattern=UUID_PATTERN)
    schema_: int = Field(alias="schema", ge=1)
    cursor: int = Field(default=0, ge=0, le=2**63 - 1)
    mutations: list[Mutation] = Field(default_factory=list, max_length=MAX_BATCH_SERVER)
    # The desk's Ed25519 public key (base64 of 32 bytes), sent until the server has it: the
    # key that signs this desk's bundles (sync.bundle).
    public_key: str | None = Field(default=None, pattern=PUBLIC_KEY_PATTERN)
    # Several batches in flight in order: this one is applied only once the server holds
    # every mid up to after_mid (the last mid of the batch sent just before it).
    after_mid: int = Field(default=0, ge=0, le=2**53)
    # False: push only, no changes in the reply (a batch with more behind it in flight;
    # the last one pulls).
    pull: bool = True
    # With no mutations: the last_mid of the newest verified receipt the desk holds. When the
    # server holds nothing newer from this desk, it signs no new receipt (an idle sync stays
    # under 1 KB, DESIGN.md §9): the one the desk holds says the same.
    receipt_mid: int | None = Field(default=None, ge=0, le=2**53)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class MutationResult(_Model):
    mid: int
    status: Status
    detail: str = ""


class Change(_Model):
    """One row as the server holds it now (or its tombstone), changed after the cursor."""

    entity: PulledEntity
    row_id: str
    fields: dict[str, Any] = Field(default_factory=dict)
    versions: dict[str, int] = Field(default_factory=dict)
    deleted: bool = False
    seq: int


class Receipt(_Model):
    """The server's Ed25519 signature over a canonical receipt (app.domain.receipts)."""

    body: str = Field(max_length=2000)
    signature: str = Field(max_length=200)


class TeamDesk(_Model):
    """A teammate's desk: the key that signs its bundles, and whose changes they carry."""

    client_id: str = Field(pattern=UUID_PATTERN)
    assessor_id: str
    public_key: str = Field(pattern=PUBLIC_KEY_PATTERN)


class TeamInfo(_Model):
    """The mission's bundle key (base64 AES-256) and desks registered after the cursor."""

    bundle_key: str
    desks: list[TeamDesk] = Field(default_factory=list)


class SyncResponse(_Model):
    last_mid: int
    results: list[MutationResult] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    cursor: int
    has_more: bool = False
    # Signed statement of what the server now holds from this desk; the desk checks it
    # against the key pinned from its first package before applying anything.
    receipt: Receipt | None = None
    # Sent when the desk registered its key in this request or teammates registered theirs
    # after its cursor (an idle sync carries none).
    team: TeamInfo | None = None


class LoginRequest(_Model):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)
    device_name: str = Field(default="desk", min_length=1, max_length=120)
    # The token this desk held before (expired, or about to be replaced): the server revokes
    # it and moves its desk identities (client_id bindings) to the new device.
    replaces: str | None = Field(default=None, min_length=1, max_length=200)


class UserInfo(_Model):
    id: str
    username: str
    name: str
    is_admin: bool = False


class LoginResponse(_Model):
    token: str
    device_id: str
    user: UserInfo


class MissionSummary(_Model):
    id: str
    code: str
    name: str
    country: str
    city: str
    start_date: str
    end_date: str
    status: str
    role: str
    is_chair: bool
    assessor_id: str


class RowKey(_Model):
    entity: Entity
    row_id: str = Field(pattern=UUID_PATTERN)


class RowsRequest(_Model):
    """Rows a desk wants as the server holds them now (to undo refused edits cheaply)."""

    keys: list[RowKey] = Field(max_length=MAX_BATCH_SERVER)


class RowsResponse(_Model):
    """The requested rows the viewer may hold; a key left out is not on the server."""

    rows: list[Change]


class MissionPackage(_Model):
    """Everything a desk needs to work offline on a mission; served with an ETag."""

    schema_: int = Field(alias="schema")
    mission: Change
    rows: list[Change]
    cursor: int
    # The server's receipt-signing public key (raw Ed25519, base64): the desk pins it.
    receipt_key: str | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ErrorBody(_Model):
    code: str
    message: str
    detail: Any = None


class ErrorResponse(_Model):
    error: ErrorBody


class DeviceInfo(_Model):
    """One login (device token) of a user, as listed by /me/devices and /admin/devices."""

    id: str
    user_id: str
    username: str
    name: str
    created_at: str
    last_seen_at: str | None = None
    revoked: bool = False
