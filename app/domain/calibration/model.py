"""The calibration figures as values: observations in, estimates out (no statistics here)."""

from __future__ import annotations

import math
from dataclasses import dataclass

# A figure resting on fewer candidates is computed but not shown. Below 8, a 95% t interval
# is wider than +-0.84 standard deviations of the deviations themselves (t(7) = 2.36 over
# sqrt(8)), a proportion's Wilson interval spans more than half the scale near 50%, and a
# jackknife of kappa or ICC rests on too few leave-one-out values to be trusted.
MIN_CANDIDATES: int = 8


@dataclass(frozen=True, slots=True)
class MarkObs:
    """One marker's numeric mark of one script (absent marks are left out by the loader)."""

    candidate_id: str
    subject: str
    marker_id: str
    value: float


@dataclass(frozen=True, slots=True)
class LevelObs:
    """One level of one submitted scorecard (drafts are left out by the loader)."""

    candidate_id: str
    panel_key: str
    assessor_id: str
    criterion: str
    level: int


@dataclass(frozen=True, slots=True)
class Estimate:
    """A figure with its 95% interval and the number of candidates it rests on. ``low`` and
    ``high`` are NaN where no interval can be computed (n < 2)."""

    value: float
    low: float
    high: float
    n: int

    @property
    def shown(self) -> bool:
        return self.n >= MIN_CANDIDATES and not math.isnan(self.value)

    def contains(self, x: float) -> bool:
        return self.low <= x <= self.high


@dataclass(frozen=True, slots=True)
class MarkerStat:
    marker_id: str
    subject: str
    deviation: Estimate  # points on the subject's scale; < 0 harsher than the others
    icc: Estimate | None  # ICC(C,1) with the other marker(s); None: fewer than 3 scripts
    third_reading_rate: Estimate  # share of the marker's double-marked scripts


@dataclass(frozen=True, slots=True)
class AssessorStat:
    assessor_id: str
    criterion: str
    deviation: Estimate  # levels; > 0 more lenient than the panel
    extreme_share: Estimate  # share of levels at either end of the scale


@dataclass(frozen=True, slots=True)
class PanelStat:
    panel_key: str
    kappa: Estimate | None  # quadratic-weighted kappa within the panel; None: no pair
    scores: tuple[float, ...]  # candidates' interview scores (/20), ascending

    @property
    def n(self) -> int:
        return len(self.scores)

    @property
    def shown(self) -> bool:
        return self.n >= MIN_CANDIDATES


@dataclass(frozen=True, slots=True)
class Gap:
    """A script whose markers differ by more than the subject's threshold."""

    candidate_id: str
    subject: str
    values: tuple[tuple[str, float], ...]  # (marker_id, mark) by marker_id
    gap: float


@dataclass(frozen=True, slots=True)
class Calibration:
    markers: tuple[MarkerStat, ...]
    assessors: tuple[AssessorStat, ...]
    panels: tuple[PanelStat, ...]
    gaps: tuple[Gap, ...]
    # every candidate's interview score of the whole mission (/20), ascending
    mission_scores: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class AdjustedScore:
    candidate_id: str
    raw: float  # the interview score as scoring.py computes it (/20)
    adjusted: float  # the same formula on the severity-corrected scorecards, within 0-20
    cards: int  # submitted scorecards it rests on


@dataclass(frozen=True, slots=True)
class AssessorSeverity:
    assessor_id: str
    severity: Estimate  # points on the /20 interview scale; > 0 lenient
    applied: bool  # False: too few candidates, this assessor's cards are left as they are


@dataclass(frozen=True, slots=True)
class Adjustment:
    method: str  # a stable key: "assessor_mean_centring"
    method_en: str
    method_fr: str
    scores: tuple[AdjustedScore, ...]  # by candidate_id
    severities: tuple[AssessorSeverity, ...]  # by assessor_id

    def method_text(self, french: bool = False) -> str:
        return self.method_fr if french else self.method_en

    def by_candidate(self) -> dict[str, AdjustedScore]:
        return {s.candidate_id: s for s in self.scores}
