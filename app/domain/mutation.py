"""The canonical form of a mutation, shared by the desk's outbox, the wire and the server."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

# Entities and the fields a desk may write. Identity fields (candidate_id, marker_id...) are
# given when a row is born and never change afterwards.
WRITABLE_FIELDS: dict[str, frozenset[str]] = {
    "candidate": frozenset({
        "mission_id", "application_number", "family_name", "given_names", "birth_date",
        "nationality", "email", "home_institution", "track", "partner_institution", "wishes",
        "status", "unavailable",
    }),
    "mark": frozenset({"candidate_id", "subject", "marker_id", "value"}),
    "scorecard": frozenset({
        "candidate_id", "author_id", "levels", "notes", "recommendation", "submitted",
        "amendment_reason",
    }),
    "decision": frozenset({"candidate_id", "outcome", "option_code", "rationale",
                           "override_reason"}),
    "interview": frozenset({"candidate_id", "starts_at", "room", "panel", "duration"}),
    # A candidate's seat and script code at a written-test sitting (planning).
    "seat": frozenset({"candidate_id", "sitting", "seat", "script_code"}),
    # The chair's lifting of anonymous marking for one subject (no row: not lifted).
    "anonymity": frozenset({"mission_id", "subject", "lifted"}),
}

# The fields that name a row when it is born: a second row with the same identity is the same
# thing created twice (the same application number, a second mark of one marker...).
IDENTITY: dict[str, tuple[str, ...]] = {
    "candidate": ("mission_id", "application_number"),
    "mark": ("candidate_id", "subject", "marker_id"),
    "scorecard": ("candidate_id", "author_id"),
    "decision": ("candidate_id",),
    "interview": ("candidate_id",),
    "seat": ("candidate_id", "sitting"),
    "anonymity": ("mission_id", "subject"),
}

# Fields that several people may edit: they carry the version the editor saw, and a stale
# base with a different value is a conflict (DESIGN.md §5). Owned rows (marks, scorecards)
# have a single writer, checked by the server.
SHARED_FIELDS: dict[str, frozenset[str]] = {
    "candidate": frozenset({"status"}),
    "decision": frozenset({"outcome", "option_code", "rationale", "override_reason"}),
    "interview": frozenset({"starts_at", "room", "panel", "duration"}),
    "seat": frozenset({"seat", "script_code"}),
    "anonymity": frozenset({"lifted"}),
}

# Entities only the head of delegation (chair) writes: the plan's rows (interview slots with
# their panels, seats with their script codes) and the lifting of anonymity (DESIGN.md §11:
# plan rows are shared rows owned by the chair). The desk refuses such an edit by anyone else;
# the server, and a desk applying a teammate's bundle, enforce it. A member taking themself
# off a panel would read colleagues' cards.
CHAIR_ONLY: frozenset[str] = frozenset({"interview", "seat", "anonymity"})


# One encoder for every call: json.dumps with these options builds a new one each time, a
# fifth of hashing a mutation (the server hashes every mutation it receives).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(value: Any) -> str:
    return _CANONICAL.encode(value)


def mutation_hash(
    mutation_id: str,
    entity: str,
    row_id: str,
    fields: Mapping[str, Any],
    base: Mapping[str, int],
    at: str,
) -> str:
    """SHA-256 of the mutation's content: a resent mid with another hash is corrupt."""
    body = canonical_json(
        {"id": mutation_id, "entity": entity, "row_id": row_id, "fields": fields,
         "base": base, "at": at}
    )
    return hashlib.sha256(body.encode()).hexdigest()
