"""The rules for applying someone's mutation, shared by the server's push and a desk applying
a teammate's bundle, so the two cannot disagree (DESIGN.md §4-§6, §11).

Storage stays with each side; what is decided here is whether a mutation may be applied at
all (its shape, who may write what) and, field by field, whether a value is written, skipped
or kept beside the current one as a conflict. A broken rule raises ``RuleBroken`` (a
DomainError): the mutation's final status is ``rejected`` with that message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

from .enums import Recommendation
from .errors import DomainError
from .limits import MAX_NOTES, MAX_REASON, check_stamp, check_text, walk_values
from .mutation import CHAIR_ONLY, SHARED_FIELDS, WRITABLE_FIELDS, canonical_json
from .rubric import Rubric
from .scorecard import missing_for_submit, validate_level


class RuleBroken(DomainError):
    """The mutation breaks a rule: final status ``rejected`` with this message."""


def same(a: Any, b: Any) -> bool:
    return canonical_json(a) == canonical_json(b)


def check_mutation(entity: str, fields: Mapping[str, Any], at: str, *, hash_ok: bool,
                   author_is_chair: bool) -> None:
    """Checks every mutation passes before its entity's own rules."""
    if not hash_ok:
        raise RuleBroken("hash does not match the mutation's content")
    unknown = sorted(set(fields) - WRITABLE_FIELDS[entity])
    if unknown:
        raise RuleBroken(f"unknown field(s) for {entity}: {', '.join(unknown)}")
    check_stamp(at)
    if _holds_nul(fields):
        raise RuleBroken("text may not contain NUL characters")
    if entity in CHAIR_ONLY and not author_is_chair:
        # the plan and the lifting of anonymity are the chair's (the desk's rule too)
        raise RuleBroken(f"only the head of delegation (chair) writes {entity} rows")
    if entity == "decision" and not author_is_chair:
        raise RuleBroken("only the head of delegation (chair) records decisions")


def _holds_nul(fields: Mapping[str, Any]) -> bool:
    """Whether a text anywhere in the fields (keys included) holds U+0000."""
    for k, v in fields.items():
        # flat fields, most mutations, need no walk (a walk per mutation cost 5% of a push)
        if "\x00" in k or (type(v) is str and "\x00" in v):
            return True
        if not (v is None or type(v) in _SCALARS):
            return any(isinstance(x, str) and "\x00" in x for x in walk_values(fields))
    return False


_SCALARS = (str, int, float, bool)


# The field of an owned row naming its single writer (DESIGN.md §5).
OWNER_FIELD = {"mark": "marker_id", "scorecard": "author_id"}


def check_owner(entity: str, owner_id: Any, author_id: str, *, new: bool) -> None:
    """A mark or scorecard is written only by its owner (born as theirs, changed by them)."""
    if entity not in OWNER_FIELD or owner_id == author_id:
        return
    what = {"mark": "a mark belongs to its marker", "scorecard":
            "a scorecard belongs to its author"}[entity]
    raise RuleBroken(f"{what}: you cannot {'write' if new else 'change'} another's")


class Verdict(Enum):
    SKIP = "skip"                  # nothing to write
    SKIP_RESOLVE = "skip_resolve"  # nothing to write; an open conflict on it is settled
    WRITE = "write"
    WRITE_RESOLVE = "write_resolve"  # written knowing the current version: settles conflicts
    CONFLICT = "conflict"          # current value stays, both kept


def field_verdict(entity: str, field: str, *, created: bool, new: Any, cur: Any,
                  base_version: int, current_version: int,
                  own_run: Callable[[int], bool]) -> Verdict:
    """What one field of a mutation does to a row (the conflict rule of DESIGN.md §5).

    ``own_run(n)``: whether the field's last ``n`` versions all came from the mutation's own
    desk (a desk's second offline edit of a field carries the base of its first: a
    sequence, not concurrent edits)."""
    if created:
        return Verdict.WRITE
    if field in SHARED_FIELDS.get(entity, frozenset()):
        if same(new, cur):
            if base_version > current_version:
                # Made after versions the author saw and this side has not (a teammate's
                # bundle applied on their desk, relayed later): a new version, so that an
                # edit based on an older one arriving after it is a conflict, not a win.
                return Verdict.WRITE_RESOLVE
            return Verdict.SKIP_RESOLVE if base_version >= current_version else Verdict.SKIP
        if base_version < current_version:
            if own_run(current_version - base_version):
                return Verdict.WRITE
            return Verdict.CONFLICT
        return Verdict.WRITE_RESOLVE
    return Verdict.SKIP if same(new, cur) else Verdict.WRITE


def enum_value(kind: Any, value: Any, name: str) -> str | None:
    if value is None:
        return None
    try:
        return str(kind(value).value)
    except ValueError:
        raise RuleBroken(f"unknown {name} '{value}'") from None


def scorecard_values(rubric: Rubric, fields: Mapping[str, Any], *, levels: Mapping[str, Any],
                     recommendation: str | None, submitted: bool,
                     current: Mapping[str, Any] | None) -> tuple[dict[str, Any], str]:
    """The checked values a scorecard mutation writes, and its amendment reason ("" when
    none). ``levels``, ``recommendation``, ``submitted``: the card as held (empty when new);
    ``current``: its levels, notes and recommendation (None when new)."""
    values: dict[str, Any] = {}
    if "levels" in fields:
        if not isinstance(fields["levels"], dict):
            raise RuleBroken("levels map each criterion to a level")
        new_levels = {}
        for k, v in fields["levels"].items():
            checked = validate_level(rubric, k, v)
            if checked is not None:
                new_levels[k] = checked
        values["levels"] = new_levels
    if "notes" in fields:
        values["notes"] = check_text(fields["notes"], MAX_NOTES, "notes")
    if "recommendation" in fields:
        values["recommendation"] = enum_value(Recommendation, fields["recommendation"],
                                              "recommendation")
    reason = ""
    if submitted:
        content_change = current is not None and any(
            k in values and not same(values[k], current[k])
            for k in ("levels", "notes", "recommendation"))
        if content_change:
            given = fields.get("amendment_reason")
            if not isinstance(given, str) or not given.strip() or len(given) > MAX_REASON:
                raise RuleBroken("this scorecard is submitted: a change needs an "
                                 "amendment_reason")
            reason = given.strip()
        if "submitted" in fields and fields["submitted"] is not True:
            raise RuleBroken("a submitted scorecard cannot be withdrawn")
    elif "submitted" in fields:
        if not isinstance(fields["submitted"], bool):
            raise RuleBroken("submitted is true or false")
        values["submitted"] = fields["submitted"]
    merged_levels = values.get("levels", levels)
    merged_rec = values.get("recommendation", recommendation)
    if values.get("submitted") or submitted:
        missing = missing_for_submit(rubric, merged_levels,
                                     Recommendation(merged_rec) if merged_rec else None)
        if missing:
            raise RuleBroken("cannot submit yet; missing: " + ", ".join(missing))
    return values, reason
