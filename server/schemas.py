"""Request bodies of the admin endpoints (server-only; the desk never sends them)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class CreateUserRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=150, pattern=r"^[A-Za-z0-9_.@-]+$")
    name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=254)
    password: str = Field(min_length=8, max_length=1024)
    is_admin: bool = False
