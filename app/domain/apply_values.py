"""The value and authority checks of one mutation, entity by entity, shared by the server's
push and a desk applying a teammate's bundle (DESIGN.md §5-§6, §11): the same refusals with
the same words on both sides.

What a check needs to know of the store applying the mutation (does this candidate exist,
is this identity taken, who sits on this panel...) it asks through ``RowFacts``, which each
side answers from its own tables; the row being changed comes as a plain mapping of its
values. A broken rule raises ``RuleBroken`` or the domain's ``ValidationError`` (both
DomainError): the mutation's final status is ``rejected`` with that message. The checks run
in the server's order, so a mutation breaking two rules gets the same message everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import ValidationError as PydanticError

from .apply_rules import RuleBroken, check_owner, enum_value, same, scorecard_values
from .candidate import CandidateRecord
from .decision import check_decision
from .enums import CandidateStatus, Outcome
from .limits import MAX_PANEL, MAX_RATIONALE, MAX_REASON, MAX_ROOM, check_starts_at, check_text
from .marks import mark_to_wire, validate_mark
from .mission import MissionConfig
from .mutation import IDENTITY, WRITABLE_FIELDS
from .plan_fields import (
    check_duration,
    check_lifted,
    check_script_code,
    check_seat_number,
    check_sitting,
    check_subject,
)
from .scoring import CandidateScore

# Written with a mutation but not a column: an amendment's reason goes to the audit trail.
ANNOTATIONS = frozenset({"amendment_reason"})
# The candidate fields a change is validated with (the whole record, as merged).
CANDIDATE_FIELDS = ("application_number", "family_name", "given_names", "birth_date",
                    "nationality", "email", "home_institution", "track",
                    "partner_institution", "wishes", "status", "unavailable")
# The fields of an interview slot, which move together (see stale_slot).
SLOT_FIELDS = frozenset({"starts_at", "room", "duration", "panel"})
MAX_OPTION_CODE = 40


class RowFacts(Protocol):
    """What the checks ask of the side applying the mutation (its own tables)."""

    def candidate_known(self, candidate_id: str) -> bool:
        """The candidate is in this mission (and not deleted)."""

    def identity_taken(self, key: tuple[Any, ...]) -> bool:
        """A row with this identity key (see ``identity_key``) exists already."""

    def panel_of(self, candidate_id: str) -> list[str]:
        """The assessor ids on the candidate's interview panel ([] without an interview)."""

    def members(self) -> set[str]:
        """The assessor ids of the mission."""

    def script_code_taken(self, code: str, row_id: str) -> bool:
        """Another seat of the mission than ``row_id`` holds this script code."""

    def score(self, candidate_id: str) -> CandidateScore | None:
        """The candidate's composite score from what this side holds now; None when this
        side cannot know it (a desk that the blind panel keeps from submitted cards): an
        unknown score refuses nothing, the side holding every card (the server) decides."""


@dataclass(frozen=True)
class ApplyContext:
    mission_id: str
    config: MissionConfig
    author_id: str  # the assessor the mutation is from
    facts: RowFacts


@dataclass
class Checked:
    """What a mutation writes: checked ``values``; ``reason`` for the audit (an amendment's);
    ``key``: the identity key of a row it creates (None for a change)."""

    values: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    key: tuple[Any, ...] | None = None


def duplicate_message(key: tuple[Any, ...]) -> str:
    """Why a second row with an existing identity is refused."""
    return {
        "candidate": "application number {2} is already in this mission",
        "mark": "this marker already has a mark in {2} for this candidate",
        "scorecard": "this author already has a scorecard for this candidate",
        "decision": "this candidate already has a decision",
        "interview": "this candidate already has an interview",
        "seat": "this candidate already has a seat at sitting {2}",
        "anonymity": "anonymity of {2} already has its row",
    }[key[0]].format(*key)


def check_identity(entity: str, row_id: str, fields: Mapping[str, Any],
                   current: Mapping[str, Any] | None) -> None:
    """A new row names its identity; an existing row's identity never changes."""
    if current is None:
        if any(f not in fields for f in IDENTITY[entity]):
            raise RuleBroken(f"unknown {entity} {row_id} (a new row needs "
                             f"{', '.join(IDENTITY[entity])})")
        return
    for f in IDENTITY[entity]:
        if f in fields and f in current and not same(fields[f], current[f]):
            raise RuleBroken(f"{f} of an existing {entity} cannot change")


def row_values(entity: str, row: Any) -> dict[str, Any]:
    """The values of a stored row that the checks read (its writable and identity fields)."""
    return {f: getattr(row, f) for f in WRITABLE_FIELDS[entity] | set(IDENTITY[entity])
            if hasattr(row, f)}


def checked_values(ctx: ApplyContext, entity: str, row_id: str, fields: Mapping[str, Any],
                   current: Mapping[str, Any] | None) -> Checked:
    """Every rule of the entity on the mutation's fields (``current``: the row's values, None
    when the mutation creates it). Runs after apply_rules.check_mutation."""
    check_identity(entity, row_id, fields, current)
    checked = _CHECKS[entity](ctx, row_id, fields, current)
    if current is None:  # a new row's shared fields all get a first version
        for k, v in _born_with(entity).items():
            checked.values.setdefault(k, v)
    return checked


def _born_with(entity: str) -> dict[str, Any]:
    """The values a new row of a plan entity or decision writes when its mutation omits them."""
    return {
        "decision": {"rationale": "", "override_reason": ""},
        "interview": {"room": "", "panel": []},
        "seat": {"seat": 0, "script_code": ""},
        "anonymity": {"lifted": False},
    }.get(entity, {})


def _candidate_id(ctx: ApplyContext, value: Any) -> str:
    if not isinstance(value, str):
        raise RuleBroken("candidate_id must be a candidate's id")
    if not ctx.facts.candidate_known(value):
        raise RuleBroken(f"unknown candidate {value}")
    return value


def _unique(ctx: ApplyContext, key: tuple[Any, ...]) -> tuple[Any, ...]:
    if ctx.facts.identity_taken(key):
        raise RuleBroken(duplicate_message(key))
    return key


def candidate_record(data: Mapping[str, Any]) -> CandidateRecord:
    try:
        return CandidateRecord.model_validate(dict(data))
    except PydanticError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err.get("loc", ()))
        raise RuleBroken(f"{loc}: {err.get('msg')}" if loc else str(err.get("msg"))) from None


def _candidate(ctx: ApplyContext, row_id: str, fields: Mapping[str, Any],
               current: Mapping[str, Any] | None) -> Checked:
    fields = {k: v for k, v in fields.items() if k not in ANNOTATIONS}
    data = {k: v for k, v in fields.items() if k != "mission_id"}
    if current is None:
        if fields.get("mission_id") != ctx.mission_id:
            raise RuleBroken("a new candidate needs mission_id of this mission")
        record = candidate_record(data)
        appno = record.application_number
        key = _unique(ctx, ("candidate", ctx.mission_id, appno))
        dumped = record.model_dump(mode="json")
        values = {k: dumped[k] for k in data if k != "application_number"}
        values.setdefault("status", CandidateStatus.REGISTERED.value)
        values["wishes"] = list(values.get("wishes", []))
        return Checked({"application_number": appno, **values}, key=key)
    if data.keys() == {"status"} and data["status"] in _STATUSES:
        # Presence ticked: the day's most common edit. The stored record is valid and a
        # known status string is what validating the whole record again would keep.
        return Checked({"status": data["status"]})
    merged = {**{f: current[f] for f in CANDIDATE_FIELDS}, **data}
    dumped = candidate_record(merged).model_dump(mode="json")
    values = {k: dumped[k] for k in fields if k not in IDENTITY["candidate"]}
    if "wishes" in values:
        values["wishes"] = list(values["wishes"])
    return Checked(values)


_STATUSES = frozenset(s.value for s in CandidateStatus)


def _mark(ctx: ApplyContext, row_id: str, fields: Mapping[str, Any],
          current: Mapping[str, Any] | None) -> Checked:
    key = None
    if current is None:
        cid = _candidate_id(ctx, fields.get("candidate_id"))
        subject, marker = fields.get("subject"), fields.get("marker_id")
        check_owner("mark", marker, ctx.author_id, new=True)
        if not isinstance(subject, str):
            raise RuleBroken("a new mark needs its subject")
        key = _unique(ctx, ("mark", cid, subject, marker))
    else:
        check_owner("mark", current["marker_id"], ctx.author_id, new=False)
        subject = current["subject"]
    try:
        subj = ctx.config.subject(subject)
    except KeyError:
        raise RuleBroken(f"unknown subject '{subject}'") from None
    values: dict[str, Any] = {}
    if "value" in fields:
        raw = fields["value"]
        if raw is not None and (isinstance(raw, bool) or not isinstance(raw, str | int | float)):
            raise RuleBroken("a mark is a number, 'absent' or null")
        values["value"] = None if raw is None else mark_to_wire(validate_mark(raw, subj))
    return Checked(values, key=key)


def _scorecard(ctx: ApplyContext, row_id: str, fields: Mapping[str, Any],
               current: Mapping[str, Any] | None) -> Checked:
    key = None
    if current is None:
        cid = _candidate_id(ctx, fields.get("candidate_id"))
        check_owner("scorecard", fields.get("author_id"), ctx.author_id, new=True)
        key = _unique(ctx, ("scorecard", cid, ctx.author_id))
        panel = ctx.facts.panel_of(cid)
        if panel and ctx.author_id not in panel:
            raise RuleBroken("you are not on this candidate's interview panel")
        levels: dict[str, Any] = {}
        rec, submitted = None, False
    else:
        check_owner("scorecard", current["author_id"], ctx.author_id, new=False)
        levels = dict(current["levels"] or {})
        rec, submitted = current["recommendation"], bool(current["submitted"])
    values, reason = scorecard_values(
        ctx.config.rubric, fields, levels=levels, recommendation=rec, submitted=submitted,
        current=None if current is None else {
            k: current[k] for k in ("levels", "notes", "recommendation")})
    return Checked(values, reason, key)


def _one_per_candidate(ctx: ApplyContext, entity: str, fields: Mapping[str, Any],
                       current: Mapping[str, Any] | None) -> tuple[Any, ...] | None:
    """A decision or interview: born once per candidate."""
    if current is not None:
        return None
    return _unique(ctx, (entity, _candidate_id(ctx, fields.get("candidate_id"))))


def _decision(ctx: ApplyContext, row_id: str, fields: Mapping[str, Any],
              current: Mapping[str, Any] | None) -> Checked:
    key = _one_per_candidate(ctx, "decision", fields, current)
    f = fields
    values: dict[str, Any] = {}
    if "outcome" in f:
        values["outcome"] = enum_value(Outcome, f["outcome"], "outcome")
    if "option_code" in f:
        code = f["option_code"]
        if code is not None and (not isinstance(code, str) or len(code) > MAX_OPTION_CODE):
            raise RuleBroken("option_code is a programme option's code")
        values["option_code"] = code
    if "rationale" in f:
        values["rationale"] = check_text(f["rationale"], MAX_RATIONALE, "a rationale")
    if "override_reason" in f:
        values["override_reason"] = check_text(f["override_reason"], MAX_REASON,
                                               "an override reason")
    held = current or {"outcome": None, "option_code": None, "override_reason": ""}
    outcome = values.get("outcome", held["outcome"])
    option = values.get("option_code", held["option_code"])
    override = values.get("override_reason", held["override_reason"])
    if {"outcome", "option_code", "override_reason"} & set(values):
        cid = fields["candidate_id"] if current is None else current["candidate_id"]
        kept = check_decision(ctx.config, outcome, option, override or "",
                              ctx.facts.score(cid) if outcome == Outcome.ADMIT else None,
                              unknown_score_passes=True)
        if "override_reason" in values:
            values["override_reason"] = kept
    return Checked(values, key=key)


def _interview(ctx: ApplyContext, row_id: str, fields: Mapping[str, Any],
               current: Mapping[str, Any] | None) -> Checked:
    key = _one_per_candidate(ctx, "interview", fields, current)
    f = fields
    values: dict[str, Any] = {}
    if "starts_at" in f:
        values["starts_at"] = check_starts_at(f["starts_at"])
    if "room" in f:
        values["room"] = check_text(f["room"], MAX_ROOM, "the room")
    if "panel" in f:
        panel = f["panel"]
        if not isinstance(panel, list) or not all(isinstance(p, str) for p in panel) \
                or len(panel) > MAX_PANEL:
            raise RuleBroken("panel is a list of assessor ids")
        members = ctx.facts.members()
        if any(p not in members for p in panel):
            raise RuleBroken("the panel names people outside the mission")
        values["panel"] = list(dict.fromkeys(panel))
    if "duration" in f:
        values["duration"] = check_duration(f["duration"])
    return Checked(values, key=key)


def _seat(ctx: ApplyContext, row_id: str, fields: Mapping[str, Any],
          current: Mapping[str, Any] | None) -> Checked:
    key = None
    f = fields
    if current is None:
        cid = _candidate_id(ctx, f.get("candidate_id"))
        key = _unique(ctx, ("seat", cid, check_sitting(f.get("sitting"), ctx.config)))
    values: dict[str, Any] = {}
    if "seat" in f:
        values["seat"] = check_seat_number(f["seat"])
    if "script_code" in f:
        code = check_script_code(f["script_code"])
        if code and ctx.facts.script_code_taken(code, row_id):
            raise RuleBroken(f"script code {code} is already given to another script of "
                             "this mission")
        values["script_code"] = code
    return Checked(values, key=key)


def _anonymity(ctx: ApplyContext, row_id: str, fields: Mapping[str, Any],
               current: Mapping[str, Any] | None) -> Checked:
    key = None
    f = fields
    if current is None:
        if f.get("mission_id") != ctx.mission_id:
            raise RuleBroken("anonymity is lifted for a subject of this mission")
        key = _unique(ctx, ("anonymity", ctx.mission_id, check_subject(f.get("subject"),
                                                                      ctx.config)))
    values: dict[str, Any] = {}
    if "lifted" in f:
        values["lifted"] = check_lifted(f["lifted"])
    return Checked(values, key=key)


_CHECKS: dict[str, Callable[[ApplyContext, str, Mapping[str, Any], Mapping[str, Any] | None],
                            Checked]] = {
    "candidate": _candidate, "mark": _mark, "scorecard": _scorecard, "decision": _decision,
    "interview": _interview, "seat": _seat, "anonymity": _anonymity,
}


def stale_slot(values: Mapping[str, Any], current: Mapping[str, Any],
               versions: Mapping[str, Any], base: Mapping[str, int],
               own_run: Callable[[str, int], bool]) -> dict[str, tuple[Any, Any]]:
    """A slot moves as a whole: when any of its fields was changed elsewhere since the
    editor's version, every field this edit changes is a conflict (both values kept), so two
    offline moves never merge into a slot nobody chose (one desk's time in the other's room).

    Returns {field: (current, new)} of the fields to record as conflicts, {} when the edit
    is not stale. ``own_run(field, n)``: the field's last n versions came from the edit's
    own desk (a sequence, not concurrent edits)."""
    differing = {f: v for f, v in values.items()
                 if f in SLOT_FIELDS and not same(v, current[f])}
    stale = [f for f in differing
             if (gap := int(versions.get(f, 0)) - base.get(f, 0)) > 0 and not own_run(f, gap)]
    if not stale:
        return {}
    return {f: (current[f], v) for f, v in differing.items()}
