"""adjusted_interview_scores(): the optional interview score corrected for assessor severity.

Method (``assessor_mean_centring``): each submitted scorecard's score (/20, scoring.py's
formula) = the candidate's effect + the assessor's severity + noise. Severities come from the
candidates that several assessors scored (raters.fit). Assessors who never shared a candidate
form separate groups; a group's level against the others is set by assuming the groups saw
comparable candidates (plain mean-centring: the mean candidate effect of each group equals the
mission's). The severities are then shifted so their mean over all scorecards is 0: the
mission's mean interview score is kept, the lenient assessor's candidates move down and the
others' up. Adjusted score = the mean of (card score - the assessor's severity), that is the
same weighted-mean formula applied to levels lowered by the severity in levels, kept within
0-20. An assessor with fewer than MIN_CANDIDATES candidates is not adjusted. The ranking is
never changed by this: the adjusted score is printed beside the raw one.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable

from ..rubric import Rubric
from .intervals import LEVEL, NAN, t_quantile
from .model import (
    MIN_CANDIDATES,
    AdjustedScore,
    Adjustment,
    AssessorSeverity,
    Estimate,
    LevelObs,
)
from .raters import fit, loo_deviations
from .scale import CardScale

METHOD = "assessor_mean_centring"
METHOD_EN = (
    "Adjusted interview score (shown for information; the ranking uses the raw score). Each "
    "assessor's severity is estimated in points /20 from the candidates they scored together "
    "with colleagues: the mean gap between their scorecard and the colleagues' cards for the "
    "same candidates, colleagues' own severities taken out (an additive model fitted by "
    "alternating means). Groups of assessors who shared no candidate are compared by assuming "
    "they saw comparable candidates. Severities average 0 over all scorecards, so the "
    "mission's mean score is unchanged. The adjusted score is the mean of the scorecards "
    f"after subtracting their assessor's severity. Assessors with fewer than {MIN_CANDIDATES} "
    "candidates are not adjusted.")
METHOD_FR = (
    "Note d'entretien ajustée (pour information ; le classement reste sur la note brute). La "
    "sévérité de chaque évaluateur est estimée en points sur 20 à partir des candidats qu'il "
    "a évalués avec des collègues : l'écart moyen entre sa grille et celles des collègues "
    "pour les mêmes candidats, sévérité propre des collègues retirée (modèle additif ajusté "
    "par moyennes alternées). Les groupes d'évaluateurs sans candidat commun sont comparés en "
    "supposant qu'ils ont vu des candidats comparables. Les sévérités ont une moyenne nulle "
    "sur l'ensemble des grilles : la moyenne de la mission ne change pas. La note ajustée est "
    "la moyenne des grilles après retrait de la sévérité de leur évaluateur. Les évaluateurs "
    f"ayant moins de {MIN_CANDIDATES} candidats ne sont pas ajustés.")


def _card_scores(levels: Iterable[LevelObs], scale: CardScale
                 ) -> dict[str, dict[str, float]]:
    """candidate -> assessor -> card score (complete cards only)."""
    cards: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for o in levels:
        cards[o.candidate_id][o.assessor_id][o.criterion] = float(o.level)
    out: dict[str, dict[str, float]] = {}
    for cand, by_assessor in cards.items():
        scores = {a: s for a, lv in by_assessor.items() if (s := scale.card(lv)) is not None}
        if scores:
            out[cand] = scores
    return out


def _severities(items: dict[str, dict[str, float]]) -> dict[str, Estimate]:
    if not items:  # no complete submitted card yet
        return {}
    f = fit(items)
    sev = {r: f.severity.get(r, 0.0) for rs in items.values() for r in rs}
    effect = {i: statistics.fmean(v - sev[r] for r, v in rs.items()) for i, rs in items.items()}
    group_of_item = {i: f.group[next(iter(rs))] for i, rs in items.items()}
    by_group: dict[int, list[float]] = defaultdict(list)
    for i, a in effect.items():
        by_group[group_of_item[i]].append(a)
    several = len(by_group) > 1
    overall = statistics.fmean(effect.values())
    # a group's offset against the mission: its candidates' mean effect above the mission's
    offset = {g: statistics.fmean(a) - overall for g, a in by_group.items()}
    for r in sev:
        sev[r] += offset[f.group[r]]
    cards = [r for rs in items.values() for r in rs]
    centre = statistics.fmean(sev[r] for r in cards)
    sev = {r: s - centre for r, s in sev.items()}
    dev = loo_deviations(f, sev)
    counts: dict[str, int] = defaultdict(int)
    for r in cards:
        counts[r] += 1
    out: dict[str, Estimate] = {}
    for r, s in sev.items():
        n = counts[r]
        var = 0.0
        d = dev.get(r, [])
        if len(d) >= 2:
            var += statistics.variance(d) / len(d)
        g = by_group[f.group[r]]
        if several and len(g) >= 2:  # the group's offset rests on its candidates' spread
            var += statistics.variance(g) / len(g)
        if n < 2 or (var == 0.0 and len(d) < 2):
            out[r] = Estimate(s, NAN, NAN, n)
            continue
        half = t_quantile(0.5 + LEVEL / 2, n - 1) * math.sqrt(var)
        out[r] = Estimate(s, s - half, s + half, n)
    return out


def adjusted_interview_scores(levels: Iterable[LevelObs], *, scale_max: int,
                              scale_min: int = 1, rubric: Rubric | None = None) -> Adjustment:
    """Raw and adjusted interview score of every candidate with a complete submitted card,
    and each assessor's estimated severity (module docstring: the method)."""
    scale = CardScale.of(rubric, scale_min, scale_max)
    items = _card_scores(levels, scale)
    severity = _severities(items)
    applied = {r: e.n >= MIN_CANDIDATES for r, e in severity.items()}
    scores = []
    for cand in sorted(items):
        cards = items[cand]
        raw = statistics.fmean(cards.values())
        adj = statistics.fmean(v - (severity[r].value if applied[r] else 0.0)
                               for r, v in cards.items())
        scores.append(AdjustedScore(cand, raw, min(20.0, max(0.0, adj)), len(cards)))
    return Adjustment(
        METHOD, METHOD_EN, METHOD_FR, tuple(scores),
        tuple(AssessorSeverity(r, severity[r], applied[r]) for r in sorted(severity)))
