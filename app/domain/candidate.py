"""A candidate as the central application platform knows them."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .enums import CandidateStatus, Track
from .limits import MAX_WISH, MAX_WISHES
from .text import nfc

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class CandidateRecord(BaseModel):
    """Validated candidate fields; names kept exactly as given (NFC), in any script."""

    model_config = ConfigDict(frozen=True)

    application_number: str = Field(min_length=1, max_length=40)
    family_name: str = Field(min_length=1, max_length=200)
    given_names: str = Field(default="", max_length=200)
    birth_date: dt.date | None = None
    nationality: str = Field(default="", max_length=80)
    email: str = Field(default="", max_length=254)
    home_institution: str = Field(default="", max_length=300)
    track: Track
    partner_institution: str = Field(default="", max_length=300)
    wishes: tuple[str, ...] = Field(default=(), max_length=MAX_WISHES)
    status: CandidateStatus = CandidateStatus.REGISTERED
    # Declared unavailable times, the import column's text (planning.unavailable's form).
    unavailable: str = Field(default="", max_length=2000)

    @field_validator(
        "application_number", "family_name", "given_names", "nationality", "home_institution",
        "partner_institution", mode="before",
    )
    @classmethod
    def _nfc(cls, v: object) -> object:
        return nfc(v) if isinstance(v, str) else v

    @field_validator("application_number")
    @classmethod
    def _appno(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_./-]*", v):
            raise ValueError("application number may hold only letters, digits and - _ . /")
        return v

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, v: object) -> object:
        if isinstance(v, str):
            v = v.strip()
            if v and not _EMAIL.match(v):
                raise ValueError(f"'{v}' is not an e-mail address")
        return v

    @field_validator("wishes", mode="before")
    @classmethod
    def _wishes(cls, v: object) -> object:
        if isinstance(v, list | tuple):
            if len(v) > MAX_WISHES:
                raise ValueError(f"at most {MAX_WISHES} programme wishes")
            if any(not isinstance(w, str) or len(w) > MAX_WISH for w in v):
                raise ValueError(f"a programme wish is text of at most {MAX_WISH} characters")
            return tuple(nfc(w) for w in v if w.strip())
        return v

    @field_validator("unavailable", mode="before")
    @classmethod
    def _unavailable(cls, v: object) -> object:
        if v is None:
            return ""
        if isinstance(v, str):
            # imported here: the planning package imports this module
            from .errors import ValidationError
            from .planning.unavailable import parse_unavailable

            v = nfc(v).strip()
            try:
                parse_unavailable(v)
            except ValidationError as e:  # names the item and what is wrong
                raise ValueError(str(e)) from None
        return v

    @field_validator("birth_date")
    @classmethod
    def _birth(cls, v: dt.date | None) -> dt.date | None:
        if v is not None and not dt.date(1900, 1, 1) <= v <= dt.date.today():
            raise ValueError(f"birth date {v.isoformat()} is not plausible")
        return v

    @model_validator(mode="after")
    def _partner(self) -> CandidateRecord:
        if self.track == Track.DOUBLE_DEGREE and not self.partner_institution:
            raise ValueError("a double-degree candidate needs a partner institution")
        return self

    @property
    def display_name(self) -> str:
        return f"{self.family_name} {self.given_names}".strip()
