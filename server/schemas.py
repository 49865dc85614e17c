"""Request bodies of the admin endpoints (server-only; the desk never sends them)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from sync.protocol import MAX_BATCH_SERVER, PUBLIC_KEY_PATTERN, UUID_PATTERN


class CreateUserRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    username: str = Field(min_length=1, max_length=150, pattern=r"^[A-Za-z0-9_.@-]+$")
    # no NUL: PostgreSQL text cannot hold it
    name: str = Field(default="", max_length=200, pattern=r"^[^\x00]*$")
    email: str = Field(default="", max_length=254, pattern=r"^[^\x00]*$")
    password: str = Field(min_length=8, max_length=1024)
    is_admin: bool = False


class SyncEnvelope(BaseModel):
    """A sync request as first read: the mutations stay raw so that a malformed one is
    refused alone (server.api._mutation), as every other rule refuses one mutation."""

    # strict: "cursor": false is not 0, "schema": "1" is not 1
    model_config = ConfigDict(extra="forbid", populate_by_name=True, strict=True)

    client_id: str = Field(pattern=UUID_PATTERN)
    schema_: int = Field(alias="schema", ge=1)
    cursor: int = Field(default=0, ge=0, le=2**63 - 1)
    mutations: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_BATCH_SERVER)
    public_key: str | None = Field(default=None, pattern=PUBLIC_KEY_PATTERN)
    after_mid: int = Field(default=0, ge=0, le=2**53)
    pull: bool = True
    receipt_mid: int | None = Field(default=None, ge=0, le=2**53)
