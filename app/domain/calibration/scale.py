"""A scorecard's score in floats, by the formula of app/domain/scoring.py:
20 * sum(w_c * (level_c - min_c) / (max_c - min_c)) / sum(w_c); the interview score is the mean
of the submitted cards' scores."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..rubric import Rubric


@dataclass(frozen=True)
class CardScale:
    # (key, min level, max level, weight) per criterion of the rubric; None: no rubric given,
    # every criterion present on the card counts with weight 1 on the default range
    criteria: tuple[tuple[str, int, int, float], ...] | None
    low: int
    high: int

    @classmethod
    def of(cls, rubric: Rubric | None, scale_min: int, scale_max: int) -> CardScale:
        if scale_max <= scale_min:
            raise ValueError(f"scale {scale_min}-{scale_max} is empty")
        crits = None if rubric is None else tuple(
            (c.key, c.min_level, c.max_level, c.weight) for c in rubric.criteria)
        return cls(crits, scale_min, scale_max)

    def bounds(self, criterion: str) -> tuple[int, int]:
        for key, lo, hi, _w in self.criteria or ():
            if key == criterion:
                return lo, hi
        return self.low, self.high

    def card(self, levels: Mapping[str, float]) -> float | None:
        """The card's score /20; None for an incomplete card (a rubric criterion missing)."""
        if self.criteria is None:
            if not levels:
                return None
            span = self.high - self.low
            return 20.0 * math.fsum((v - self.low) / span for v in levels.values()) / len(levels)
        num = den = 0.0
        for key, lo, hi, w in self.criteria:
            if key not in levels:
                return None
            num += w * (levels[key] - lo) / (hi - lo)
            den += w
        return 20.0 * num / den
