"""A mission's rankings per track for the console (the domain's scoring: app.domain.scoring),
and the distribution of composite scores as the geometry of a server-drawn SVG bar chart
(no script: the page carries the chart and, for screen readers, the same counts as a table)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.domain.enums import Track
from app.domain.mission import TrackWeights
from app.domain.scoring import CandidateScore, ScoreState
from app.domain.text import display_name

from ..models import Candidate, Decision, Mission
from ..scores import mission_config, mission_rankings

BIN_WIDTH = 2  # points out of 20 per bar: 10 bars
MAX_SCORE = 20


@dataclass(frozen=True)
class RankedRow:
    candidate_id: str
    application_number: str
    name: str
    score: CandidateScore
    outcome: str | None
    option_code: str | None

    @property
    def rank_text(self) -> str:
        s = self.score
        return "" if s.rank is None else f"{s.rank}{'=' if s.tied else ''}"


@dataclass(frozen=True)
class Bar:
    low: int
    high: int
    count: int
    # geometry in the chart's viewBox
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int  # plot area
    top: int
    plot_width: int
    plot_height: int
    bars: list[Bar]
    y_ticks: list[tuple[int, float]]  # (count, y)
    total: int


@dataclass(frozen=True)
class TrackRanking:
    track: Track
    weights: TrackWeights
    rows: list[RankedRow]
    chart: Chart

    @property
    def ranked(self) -> int:
        return sum(1 for r in self.rows if r.score.state == ScoreState.RANKED)


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 5:
            return step
    return 10_000


def score_chart(scores: list[Fraction], *, width: int = 560, height: int = 220) -> Chart:
    """Bars of BIN_WIDTH points over 0-20 (a score of exactly 20 falls in the last bar)."""
    n_bins = MAX_SCORE // BIN_WIDTH
    counts = [0] * n_bins
    for value in scores:
        counts[min(n_bins - 1, max(0, int(value // BIN_WIDTH)))] += 1
    left, top, right, bottom = 40, 12, 12, 36
    pw, ph = width - left - right, height - top - bottom
    step = _nice_step(max(counts, default=0) or 1)
    y_max = max(step, -(-max(counts, default=0) // step) * step)
    slot = pw / n_bins
    bars = []
    for i, count in enumerate(counts):
        h = ph * count / y_max
        bars.append(Bar(i * BIN_WIDTH, (i + 1) * BIN_WIDTH, count, round(left + i * slot + 2, 1),
                        round(top + ph - h, 1), round(slot - 4, 1), round(h, 1)))
    ticks = [(v, round(top + ph - ph * v / y_max, 1)) for v in range(0, y_max + 1, step)]
    return Chart(width, height, left, top, pw, ph, bars, ticks, len(scores))


def mission_ranking(s: Session, mission: Mission) -> list[TrackRanking]:
    """Both tracks, in the jury minutes' order (free movers, then double degree)."""
    config = mission_config(mission.config)
    ranking = mission_rankings(s, [mission.id]).get(mission.id, {})
    people = {cid: (appno, display_name(family, given), outcome, option)
              for cid, appno, family, given, outcome, option in s.execute(
                  select(Candidate.id, Candidate.application_number, Candidate.family_name,
                         Candidate.given_names, Decision.outcome, Decision.option_code)
                  .outerjoin(Decision, and_(Decision.candidate_id == Candidate.id,
                                            Decision.deleted.is_(False)))
                  .where(Candidate.mission_id == mission.id, Candidate.deleted.is_(False)))}
    out = []
    for track in (Track.FREE_MOVER, Track.DOUBLE_DEGREE):
        scores = ranking.get(track, [])
        rows = []
        for sc in scores:
            appno, name, outcome, option = people[sc.candidate_id]
            rows.append(RankedRow(sc.candidate_id, appno, name, sc, outcome, option))
        composites = [sc.composite for sc in scores if sc.composite is not None]
        out.append(TrackRanking(track, config.track_weights(track), rows,
                                score_chart(composites)))
    return out
