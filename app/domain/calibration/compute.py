"""calibrate(): every figure of the calibration from marks and submitted levels."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from ..rubric import Rubric
from .agreement import (
    PairSums,
    add_sums,
    icc_of_sums,
    kappa_of_sums,
    pair_sums,
    sub_sums,
)
from .intervals import jackknife_estimate, proportion_estimate
from .model import (
    AssessorStat,
    Calibration,
    Estimate,
    Gap,
    LevelObs,
    MarkerStat,
    MarkObs,
    PanelStat,
)
from .raters import deviations
from .scale import CardScale


def _threshold(gap_threshold: Mapping[str, float] | float, subject: str) -> float:
    if isinstance(gap_threshold, Mapping):
        return float(gap_threshold.get(subject, 0.0))
    return float(gap_threshold)


def _icc(pairs: list[tuple[float, float]]) -> Estimate | None:
    """ICC(C,1) of the pairs with its jackknife interval over scripts."""
    total = pair_sums(pairs)
    loo = [icc_of_sums(sub_sums(total, pair_sums([p]))) for p in pairs]  # type: ignore[arg-type]
    return jackknife_estimate(icc_of_sums(total), loo)


def _marker_stats(marks: list[MarkObs], gap_threshold: Mapping[str, float] | float,
                  gap_limit: int) -> tuple[list[MarkerStat], list[Gap]]:
    per_subject: dict[str, list[MarkObs]] = defaultdict(list)
    for m in marks:
        per_subject[m.subject].append(m)
    stats: list[MarkerStat] = []
    gaps: list[Gap] = []
    for subject in sorted(per_subject):
        thr = _threshold(gap_threshold, subject)
        dev, scripts = deviations((m.candidate_id, m.marker_id, m.value)
                                  for m in per_subject[subject])
        pairs: dict[str, list[tuple[float, float]]] = defaultdict(list)
        flagged: dict[str, int] = defaultdict(int)
        for cand, values in sorted(scripts.items()):  # sorted: the same sums everywhere
            if len(values) < 2:
                continue
            gap = max(values.values()) - min(values.values())
            if gap > thr:
                gaps.append(Gap(str(cand), subject, tuple(sorted(values.items())), gap))
            for marker, own in values.items():
                others = [v for r, v in values.items() if r != marker]
                pairs[marker].append((own, statistics.fmean(others)))
                # this marker's mark is more than the threshold from another's: the script
                # went to a third reading because of this marker's gap
                flagged[marker] += any(abs(own - v) > thr for v in others)
        for marker in sorted(dev):
            ps = pairs.get(marker, [])
            stats.append(MarkerStat(
                marker, subject, dev[marker],
                _icc(ps),
                proportion_estimate(flagged.get(marker, 0), len(ps))))
    gaps.sort(key=lambda g: (-g.gap, g.subject, g.candidate_id))
    return stats, gaps[:gap_limit]


def _assessor_stats(levels: list[LevelObs], scale: CardScale) -> list[AssessorStat]:
    per_criterion: dict[str, list[LevelObs]] = defaultdict(list)
    for lv in levels:
        per_criterion[lv.criterion].append(lv)
    stats: list[AssessorStat] = []
    for criterion in sorted(per_criterion):
        obs = per_criterion[criterion]
        lo, hi = scale.bounds(criterion)
        dev, _items = deviations(((o.candidate_id, o.panel_key), o.assessor_id, float(o.level))
                                 for o in obs)
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in obs:
            counts[o.assessor_id][0] += o.level in (lo, hi)
            counts[o.assessor_id][1] += 1
        stats.extend(AssessorStat(a, criterion, dev[a], proportion_estimate(*counts[a]))
                     for a in sorted(dev))
    stats.sort(key=lambda s: (s.assessor_id, s.criterion))
    return stats


Cards = dict[str, dict[str, dict[str, float]]]  # candidate -> assessor -> criterion -> level


def panel_cards(levels: Iterable[LevelObs]) -> dict[str, Cards]:
    out: dict[str, Cards] = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    for o in levels:
        out[o.panel_key][o.candidate_id][o.assessor_id][o.criterion] = float(o.level)
    return out


PanelUnit = dict[tuple[str, str], PairSums]  # one candidate: sums per pair of members


def _panel_unit(cards: dict[str, dict[str, float]]) -> PanelUnit:
    raters = sorted(cards)
    unit: PanelUnit = {}
    for i, a in enumerate(raters):
        for b in raters[i + 1:]:
            unit[(a, b)] = pair_sums((la, cards[b][crit]) for crit, la
                                     in sorted(cards[a].items()) if crit in cards[b])
    return unit


def _kappa(units: Sequence[PanelUnit]) -> Estimate | None:
    """The panel's pooled kappa (each pair of members' kappa weighted by their items) with
    its jackknife interval over candidates: each candidate's sums taken off the totals."""
    total: dict[tuple[str, str], PairSums] = {}
    for unit in units:
        for pair, sums in unit.items():
            total[pair] = add_sums(total[pair], sums) if pair in total else sums
    kappa = {pair: kappa_of_sums(sums) for pair, sums in total.items()}
    num = sum(k * total[p][0] for p, k in kappa.items() if k is not None)
    den = sum(total[p][0] for p, k in kappa.items() if k is not None)
    loo: list[float | None] = []
    for unit in units:
        n, d = num, den
        for pair, sums in unit.items():
            if kappa[pair] is not None:
                n -= kappa[pair] * total[pair][0]  # type: ignore[operator]
                d -= total[pair][0]
            rest: PairSums = sub_sums(total[pair], sums)  # type: ignore[assignment]
            k = kappa_of_sums(rest)
            if k is not None:
                n += k * rest[0]
                d += rest[0]
        loo.append(n / d if d > 0 else None)
    return jackknife_estimate(num / den if den else None, loo)


def _panel_stats(levels: list[LevelObs], scale: CardScale
                 ) -> tuple[list[PanelStat], list[float]]:
    stats: list[PanelStat] = []
    everyone: list[float] = []
    per_panel: dict[str, list[LevelObs]] = defaultdict(list)
    for o in levels:
        per_panel[o.panel_key].append(o)
    for key in sorted(per_panel):
        # One panel's cards at a time: a mission's cards as nested dicts at once (a dict per
        # candidate and per card) would be several MB, for a few panels.
        cands = panel_cards(per_panel.pop(key))[key]
        scores = []
        ordered = [cands[c] for c in sorted(cands)]  # same sums' order on every desk
        for cards in ordered:
            card_scores = [s for s in (scale.card(c) for c in cards.values()) if s is not None]
            if card_scores:
                scores.append(statistics.fmean(card_scores))
        units = [_panel_unit(cards) for cards in ordered if len(cards) >= 2]
        kappa = _kappa(units) if units else None
        stats.append(PanelStat(key, kappa, tuple(sorted(scores))))
        everyone.extend(scores)
    return stats, sorted(everyone)


def calibrate(marks: Iterable[MarkObs], levels: Iterable[LevelObs], *, scale_max: int,
              gap_threshold: Mapping[str, float] | float, gap_limit: int = 20,
              scale_min: int = 1, rubric: Rubric | None = None) -> Calibration:
    """Every calibration figure of a mission (or of several: ids and panel keys need only be
    distinct). ``scale_min``/``scale_max``: the level range when no ``rubric`` is given (the
    rubric's own ranges and weights win when it is). ``gap_threshold``: per subject (a
    subject missing from the mapping lists every gap) or one for all."""
    scale = CardScale.of(rubric, scale_min, scale_max)
    level_list = list(levels)
    markers, gaps = _marker_stats(list(marks), gap_threshold, gap_limit)
    panels, everyone = _panel_stats(level_list, scale)
    return Calibration(tuple(markers), tuple(_assessor_stats(level_list, scale)),
                       tuple(panels), tuple(gaps), tuple(everyone))
