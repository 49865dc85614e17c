"""Scorecard rules: levels on the rubric, completeness, blind-panel visibility."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .enums import Recommendation
from .errors import ValidationError
from .rubric import Rubric


def validate_level(rubric: Rubric, criterion: str, level: int | None) -> int | None:
    try:
        c = rubric.criterion(criterion)
    except KeyError:
        raise ValidationError(f"unknown criterion '{criterion}'") from None
    if level is None:
        return None
    if not isinstance(level, int) or isinstance(level, bool):
        raise ValidationError(f"level must be a whole number, not {level!r}")
    if not c.min_level <= level <= c.max_level:
        raise ValidationError(
            f"{c.label}: level {level} is outside {c.min_level}-{c.max_level}"
        )
    return level


def validate_levels(rubric: Rubric, levels: Mapping[str, int | None]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, value in levels.items():
        checked = validate_level(rubric, key, value)
        if checked is not None:
            out[key] = checked
    return out


def missing_for_submit(
    rubric: Rubric, levels: Mapping[str, int], recommendation: Recommendation | None
) -> list[str]:
    """What still has to be filled before a scorecard may be submitted (labels, in order)."""
    missing = [c.label for c in rubric.criteria if levels.get(c.key) is None]
    if recommendation is None:
        missing.append("overall recommendation")
    return missing


@dataclass(frozen=True)
class ScorecardView:
    author_id: str
    submitted: bool


def visible_scorecards(
    viewer_id: str, cards: list[ScorecardView], panel: Collection[str] = ()
) -> list[ScorecardView]:
    """Blind panel: a panel member sees only their own card until it is submitted, then the
    others' submitted cards too. A member who has not started a card sees none.

    Someone who is not on the panel (the chair reviewing the mission) sees only submitted
    cards, never a half-filled card over a colleague's shoulder.
    """
    own = [c for c in cards if c.author_id == viewer_id]
    if viewer_id in panel and not (own and own[0].submitted):
        return own
    if own and not own[0].submitted:
        return own
    return [c for c in cards if c.author_id == viewer_id or c.submitted]
