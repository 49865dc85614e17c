"""Server rows as wire Changes: the fields each entity travels with (the desk's columns)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sync.protocol import Change

from .models import Base

# Per entity, the columns a desk stores (names as in app/store/models.py).
WIRE_FIELDS: dict[str, tuple[str, ...]] = {
    "mission": ("code", "name", "country", "city", "timezone", "start_date", "end_date",
                "status", "config"),
    "assessor": ("mission_id", "name", "email", "role", "is_chair"),
    "candidate": ("mission_id", "application_number", "family_name", "given_names",
                  "birth_date", "nationality", "email", "home_institution", "track",
                  "partner_institution", "wishes", "status", "unavailable"),
    "interview": ("candidate_id", "starts_at", "room", "panel", "duration"),
    "seat": ("candidate_id", "sitting", "seat", "script_code"),
    "anonymity": ("mission_id", "subject", "lifted"),
    "mark": ("candidate_id", "subject", "marker_id", "value"),
    "scorecard": ("candidate_id", "author_id", "levels", "notes", "recommendation",
                  "submitted", "submitted_at", "amendments"),
    "decision": ("candidate_id", "outcome", "option_code", "rationale", "override_reason",
                 "decided_by"),
    "conflict": ("entity", "row_id", "field", "current_value", "other_value", "resolved",
                 "detail"),
}


def _wire(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # SQLite hands back naive datetimes written as UTC
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


def to_change(entity: str, row: Base | Any) -> Change:
    """An ORM object or a plain result row as a Change (built from trusted server values,
    so pydantic's validation is skipped)."""
    r: Any = row
    if r.deleted:
        return Change.model_construct(entity=entity, row_id=r.id, fields={}, versions={},
                                      deleted=True, seq=r.seq)
    fields = {f: _wire(getattr(r, f)) for f in WIRE_FIELDS[entity]}
    return Change.model_construct(
        entity=entity, row_id=r.id, fields=fields, deleted=False, seq=r.seq,
        versions={k: int(v) for k, v in (r.versions or {}).items()})
