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


def written_score(
    config: MissionConfig, marks: Mapping[str, Sequence[MarkValue]]
) -> tuple[Fraction | None, list[str], list[str]]:
    """(W or None if incomplete, subjects missing, subjects needing a third reading)."""
    total = Fraction(0)
    coef_sum = Fraction(0)
    missing: list[str] = []
    third: list[str] = []
    for subject in config.subjects:
        values = list(marks.get(subject.key, ()))
        if needs_third_reading(values, config.double_marking_threshold):
            third.append(subject.key)
        result = subject_result(values)
        if result is None:
            missing.append(subject.key)
            continue
        on20 = Fraction(0) if result == ABSENT else _to_fraction(result) * TWENTY / _to_fraction(
            subject.max_mark
        )
        coef = _to_fraction(subject.coefficient)
        total += coef * on20
        coef_sum += coef
    if missing or coef_sum == 0:
        return None, missing, third
    return total / coef_sum, missing, third


def scorecard_score(config: MissionConfig, levels: Mapping[str, int]) -> Fraction | None:
    total = Fraction(0)
    weight_sum = Fraction(0)
    for c in config.rubric.criteria:
        level = levels.get(c.key)
        if level is None:
            return None
        w = Fraction(c.weight).limit_denominator(10_000)
        total += w * Fraction(level - c.min_level, c.max_level - c.min_level)
        weight_sum += w
    return total / weight_sum * TWENTY


def interview_score(
    config: MissionConfig, scorecards: Iterable[Mapping[str, int]]
) -> Fraction | None:
    scores = [s for s in (scorecard_score(config, lv) for lv in scorecards) if s is not None]
    if not scores:
        return None
    return sum(scores, Fraction(0)) / len(scores)


def score_candidate(config: MissionConfig, c: CandidateInput) -> CandidateScore:
    weights = config.track_weights(c.track)
    w_w, w_i = _to_fraction(weights.written), _to_fraction(weights.interview)
    written, missing_subjects, third = written_score(config, c.marks)
    interview = interview_score(config, c.scorecards)
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
        composite = (w_w * (written or 0) + w_i * (interview or 0)) / (w_w + w_i)
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


def _sort_key(s: CandidateScore) -> tuple[Fraction, Fraction, Fraction, str]:
    neg = Fraction(-1)
    return (
        neg * (s.composite or 0),
        neg * (s.interview or 0),
        neg * (s.written or 0),
        s.application_number,
    )


def rank(
    config: MissionConfig, candidates: Iterable[CandidateInput]
) -> dict[Track, list[CandidateScore]]:
    """Scores per track: ranked candidates first in rank order, then the unranked ones
    (incomplete, absent, withdrawn) by application number."""
    by_track: dict[Track, list[CandidateScore]] = {t: [] for t in Track}
    for c in candidates:
        by_track[c.track].append(score_candidate(config, c))
    out: dict[Track, list[CandidateScore]] = {}
    for track, scores in by_track.items():
        ranked = sorted((s for s in scores if s.state == ScoreState.RANKED), key=_sort_key)
        others = sorted(
            (s for s in scores if s.state != ScoreState.RANKED), key=lambda s: s.application_number
        )
        result: list[CandidateScore] = []
        for i, s in enumerate(ranked):
            key = _sort_key(s)[:3]
            tied = (i > 0 and _sort_key(ranked[i - 1])[:3] == key) or (
                i + 1 < len(ranked) and _sort_key(ranked[i + 1])[:3] == key
            )
            result.append(replace(s, rank=i + 1, tied=tied))
        out[track] = result + others
    return out

