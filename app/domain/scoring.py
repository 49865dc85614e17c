"""Composite score and ranking, computed from the mission's weights, never typed.

Formula (all on a /20 scale; exact rational arithmetic, rounded only for display):

* Subject mark S_i: the mean of its markers' numeric marks (three readings: the mean of the
  two closest); a subject where every marker wrote ``absent`` counts 0; a subject with no mark
  yet leaves the written score *incomplete*. S_i is brought to /20: S_i * 20 / max_i.
* Written score  W = sum(coef_i * S_i) / sum(coef_i) over the mission's subjects.
* Scorecard score of one panel member = sum(w_c * (level_c - min_c) / (max_c - min_c)) /
  sum(w_c) * 20 over the rubric's criteria (w_c the criterion weight). Only *submitted*
  scorecards count.
* Interview score I = the mean of the submitted scorecard scores; none submitted: incomplete.
* Composite of a track with weights (w_W, w_I): C = (w_W * W + w_I * I) / (w_W + w_I).
  A zero weight drops that part: double-degree candidates (w_W = 0 by default) need no
  written marks.

Who is ranked: candidates whose status is ``absent`` or ``withdrawn`` are listed but not
ranked; so are candidates whose composite is incomplete (missing marks or scorecards).

Order within a track: composite descending; ties broken by the interview score descending,
then the written score descending, then the application number ascending. Ranks are
consecutive (1, 2, 3...); candidates equal on composite, interview and written scores are
marked ``tied`` so a jury sees that only the application number separated them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .enums import CandidateStatus, Track
from .marks import ABSENT, MarkValue, needs_third_reading, subject_result
from .mission import MissionConfig

TWENTY = Fraction(20)


class ScoreState(StrEnum):
    RANKED = "ranked"
    INCOMPLETE = "incomplete"
    ABSENT = "absent"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class CandidateInput:
    candidate_id: str
    application_number: str
    track: Track
    status: CandidateStatus
    # subject key -> every marker's mark (ABSENT or Decimal)
    marks: Mapping[str, Sequence[MarkValue]] = field(default_factory=dict)
    # one levels mapping per *submitted* scorecard
    scorecards: Sequence[Mapping[str, int]] = field(default_factory=tuple)


@dataclass(frozen=True)
class CandidateScore:
    candidate_id: str
    application_number: str
    track: Track
    state: ScoreState
    written: Fraction | None
    interview: Fraction | None
    composite: Fraction | None
    missing: tuple[str, ...] = ()
    third_reading: tuple[str, ...] = ()
    rank: int | None = None
    tied: bool = False

    @property
    def composite_display(self) -> str:
        return "" if self.composite is None else f"{float(self.composite):.2f}"


def _to_fraction(value: Decimal) -> Fraction:
    return Fraction(value)


@dataclass(frozen=True)
class _Formula:
    """A mission's formula with its constants worked out once (a ranking scores thousands of
    candidates): the same exact rational arithmetic as documented above, carried in integers
    and made into one Fraction per score instead of one per operation.

    A scorecard's score is 20 * sum(w_c * (l_c - min_c) / (max_c - min_c)) / sum(w_c). With D
    the common denominator of the w_c / (max_c - min_c), K_c = D * w_c / (max_c - min_c) is an
    integer, so the score is 20 * sum(K_c * (l_c - min_c)) / (D * sum(w_c)), and the mean of n
    scorecards 20 * sum over cards / (n * D * sum(w_c)). A subject counts
    mark * (20 * coef / max) (as a numerator and denominator pair), the written score is
    their sum / sum(coef), the composite (w_W * W + w_I * I) / (w_W + w_I).
    """

    criteria: tuple[tuple[str, int, int], ...]  # (key, min level, K_c)
    card_num: int  # 20 * the denominator of sum(w_c)
    card_den: int  # D * the numerator of sum(w_c)
    # (key, numerator and denominator of 20 * coefficient / max mark) per subject
    subjects: tuple[tuple[str, int, int], ...]
    coef_sum: Fraction
    threshold: Decimal
    weights: dict[Track, tuple[Fraction, Fraction]]  # (w_W, w_I) per track

    @classmethod
    def of(cls, config: MissionConfig) -> _Formula:
        parts = []
        weight_sum = Fraction(0)
        for c in config.rubric.criteria:
            w = Fraction(c.weight).limit_denominator(10_000)
            parts.append((c.key, c.min_level, w / (c.max_level - c.min_level)))
            weight_sum += w
        den = math.lcm(*(a.denominator for _k, _m, a in parts))
        factors = [(sub.key, _to_fraction(sub.coefficient) * TWENTY / _to_fraction(sub.max_mark))
                   for sub in config.subjects]
        return cls(
            criteria=tuple((k, m, int(a * den)) for k, m, a in parts),
            card_num=20 * weight_sum.denominator, card_den=den * weight_sum.numerator,
            subjects=tuple((k, f.numerator, f.denominator) for k, f in factors),
            coef_sum=sum((_to_fraction(sub.coefficient) for sub in config.subjects),
                         Fraction(0)),
            threshold=config.double_marking_threshold,
            weights={t: (_to_fraction(config.track_weights(t).written),
                         _to_fraction(config.track_weights(t).interview)) for t in Track})

    def written(self, marks: Mapping[str, Sequence[MarkValue]]
                ) -> tuple[Fraction | None, list[str], list[str]]:
        num, den = 0, 1
        missing: list[str] = []
        third: list[str] = []
        for key, f_num, f_den in self.subjects:
            values = list(marks.get(key, ()))
            if needs_third_reading(values, self.threshold):
                third.append(key)
            result = subject_result(values)
            if result is None:
                missing.append(key)
            elif result != ABSENT:  # an absent subject counts 0
                p, q = result.as_integer_ratio()  # type: ignore[union-attr]
                num, den = num * q * f_den + p * f_num * den, den * q * f_den
        if missing or self.coef_sum == 0:
            return None, missing, third
        return Fraction(num * self.coef_sum.denominator, den * self.coef_sum.numerator), \
            missing, third

    def _points(self, levels: Mapping[str, int]) -> int | None:
        points = 0
        for key, low, k in self.criteria:
            level = levels.get(key)
            if level is None:
                return None
            points += k * (level - low)
        return points

    def card(self, levels: Mapping[str, int]) -> Fraction | None:
        points = self._points(levels)
        return None if points is None else Fraction(points * self.card_num, self.card_den)

    def interview(self, scorecards: Iterable[Mapping[str, int]]) -> Fraction | None:
        points = [p for p in (self._points(lv) for lv in scorecards) if p is not None]
        if not points:
            return None
        return Fraction(sum(points) * self.card_num, self.card_den * len(points))

    def composite(self, track: Track, written: Fraction | None,
                  interview: Fraction | None) -> Fraction:
        w_w, w_i = self.weights[track]
        wn, wd = (written.numerator, written.denominator) if written is not None else (0, 1)
        i_n, i_d = (interview.numerator, interview.denominator) if interview is not None \
            else (0, 1)
        a, ad, b, bd = w_w.numerator, w_w.denominator, w_i.numerator, w_i.denominator
        return Fraction(a * bd * wn * i_d + b * ad * i_n * wd, (a * bd + b * ad) * wd * i_d)


def written_score(
    config: MissionConfig, marks: Mapping[str, Sequence[MarkValue]]
) -> tuple[Fraction | None, list[str], list[str]]:
    """(W or None if incomplete, subjects missing, subjects needing a third reading)."""
    return _Formula.of(config).written(marks)


def scorecard_score(config: MissionConfig, levels: Mapping[str, int]) -> Fraction | None:
    return _Formula.of(config).card(levels)


def interview_score(
    config: MissionConfig, scorecards: Iterable[Mapping[str, int]]
) -> Fraction | None:
    return _Formula.of(config).interview(scorecards)


def score_candidate(config: MissionConfig, c: CandidateInput,
                    formula: _Formula | None = None) -> CandidateScore:
    f = formula or _Formula.of(config)
    w_w, w_i = f.weights[c.track]
    written, missing_subjects, third = f.written(c.marks)
    interview = f.interview(c.scorecards)
    if c.status == CandidateStatus.WITHDRAWN:
        state = ScoreState.WITHDRAWN
    elif c.status == CandidateStatus.ABSENT:
        state = ScoreState.ABSENT
    else:
        state = ScoreState.RANKED
    missing: list[str] = []
    if w_w and written is None:
        missing += [f"mark:{k}" for k in missing_subjects]
    if w_i and interview is None:
        missing.append("scorecard")
    if missing and state == ScoreState.RANKED:
        state = ScoreState.INCOMPLETE
    composite: Fraction | None = None
    if state == ScoreState.RANKED:
        composite = f.composite(c.track, written, interview)
    return CandidateScore(
        candidate_id=c.candidate_id,
        application_number=c.application_number,
        track=c.track,
        state=state,
        written=written,
        interview=interview,
        composite=composite,
        missing=tuple(missing),
        third_reading=tuple(third),
    )


def _scores_key(s: CandidateScore) -> tuple[Fraction | int, Fraction | int, Fraction | int]:
    return (s.composite or 0, s.interview or 0, s.written or 0)


def _best_first(scores: list[CandidateScore]
                ) -> list[tuple[tuple[Fraction | int, ...], CandidateScore]]:
    """Ranked scores in the documented order, with their exact keys. Sorted first on the keys
    as floats (fast), then an insertion pass with the exact Fractions puts right any pair the
    floats could not tell apart: exact, and linear when the floats were right."""
    items = sorted(((_scores_key(s), s) for s in scores),
                   key=lambda ks: (tuple(-float(v) for v in ks[0]), ks[1].application_number))
    for j in range(1, len(items)):
        k = j
        while k > 0 and _before(items[k], items[k - 1]):
            items[k], items[k - 1] = items[k - 1], items[k]
            k -= 1
    return items


def _before(a: tuple[tuple[Fraction | int, ...], CandidateScore],
            b: tuple[tuple[Fraction | int, ...], CandidateScore]) -> bool:
    if a[0] != b[0]:
        return a[0] > b[0]  # higher scores first
    return a[1].application_number < b[1].application_number


def rank(
    config: MissionConfig, candidates: Iterable[CandidateInput]
) -> dict[Track, list[CandidateScore]]:
    """Scores per track: ranked candidates first in rank order, then the unranked ones
    (incomplete, absent, withdrawn) by application number."""
    formula = _Formula.of(config)
    return order(score_candidate(config, c, formula) for c in candidates)


def order(scores: Iterable[CandidateScore]) -> dict[Track, list[CandidateScore]]:
    """Candidates already scored (score_candidate) in rank order per track, as ``rank``
    gives them; their rank and tie marks are set here."""
    by_track: dict[Track, list[CandidateScore]] = {t: [] for t in Track}
    for sc in scores:
        by_track[sc.track].append(sc)
    out: dict[Track, list[CandidateScore]] = {}
    for track, scores in by_track.items():
        keyed = _best_first([s for s in scores if s.state == ScoreState.RANKED])
        others = sorted(
            (s for s in scores if s.state != ScoreState.RANKED), key=lambda s: s.application_number
        )
        result: list[CandidateScore] = []
        for i, (key, s) in enumerate(keyed):
            tied = (i > 0 and keyed[i - 1][0] == key) or (
                i + 1 < len(keyed) and keyed[i + 1][0] == key
            )
            result.append(replace(s, rank=i + 1, tied=tied))
        out[track] = result + others
    return out
