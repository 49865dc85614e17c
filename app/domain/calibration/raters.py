"""Rater severities from a two-way additive model: value = item effect + rater severity + noise.

An item is what several raters scored (a script in one subject, a candidate's criterion in one
panel, a candidate's scorecard). Fitted by alternating means (Gauss-Seidel on the least-squares
normal equations; this is mean-centring by rater, repeated until the item effects and the
severities agree) on the items that at least two raters scored: an item seen by one rater says
nothing about that rater's severity. Severities are identified only within a *connected group*
of raters (raters linked through shared items); how each group is anchored is the caller's
choice (``deviations``: the group's median rater is 0; ``adjust``: see there).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from .intervals import mean_estimate
from .model import Estimate

TOLERANCE = 1e-10
MAX_ROUNDS = 2000

Item = Hashable
Obs = tuple[Item, str, float]  # (item, rater, value)


def by_item(obs: Iterable[Obs]) -> dict[Item, dict[str, float]]:
    """Each item's values by rater (a rater's repeated value of one item: their mean)."""
    raw: dict[Item, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for item, rater, value in obs:
        raw[item][rater].append(value)
    return {i: {r: statistics.fmean(v) for r, v in rs.items()} for i, rs in raw.items()}


@dataclass(frozen=True)
class RaterFit:
    severity: dict[str, float]  # raters of shared items only
    group: dict[str, int]  # rater -> connected group number (every rater)
    shared: dict[Item, dict[str, float]]  # the items two raters or more scored


def _groups(items: Mapping[Item, Mapping[str, float]]) -> dict[str, int]:
    parent: dict[str, str] = {}

    def find(r: str) -> str:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for raters in items.values():
        first = None
        for r in raters:
            parent.setdefault(r, r)
            if first is None:
                first = find(r)
            else:
                parent[find(r)] = first
    roots: dict[str, int] = {}
    return {r: roots.setdefault(find(r), len(roots)) for r in sorted(parent)}


def fit(items: Mapping[Item, Mapping[str, float]]) -> RaterFit:
    """Severities up to one constant per connected group (each group centred on its mean)."""
    shared = {i: rs for i, rs in items.items() if len(rs) >= 2}
    group = _groups(items)
    per_rater: dict[str, list[tuple[Item, float]]] = defaultdict(list)
    for i, rs in shared.items():
        for r, v in rs.items():
            per_rater[r].append((i, v))
    sev = dict.fromkeys(per_rater, 0.0)
    for _ in range(MAX_ROUNDS):
        effect = {i: statistics.fmean(v - sev[r] for r, v in rs.items())
                  for i, rs in shared.items()}
        new = {r: statistics.fmean(v - effect[i] for i, v in obs)
               for r, obs in per_rater.items()}
        change = max((abs(new[r] - sev[r]) for r in new), default=0.0)
        sev = new
        if change < TOLERANCE:
            break
    members: dict[int, list[str]] = defaultdict(list)
    for r in sev:
        members[group[r]].append(r)
    for rs in members.values():
        centre = statistics.fmean(sev[r] for r in rs)
        for r in rs:
            sev[r] -= centre
    return RaterFit(sev, group, shared)


def loo_deviations(f: RaterFit, severity: Mapping[str, float]) -> dict[str, list[float]]:
    """Per rater, per shared item: their value minus the other raters' severity-corrected
    mean of the same item (the mean deviation from the others, corrected for the others' own
    severity). Its mean equals the rater's severity when every item has the same raters'
    count."""
    out: dict[str, list[float]] = defaultdict(list)
    for rs in f.shared.values():
        total = sum(v - severity[r] for r, v in rs.items())
        k = len(rs)
        for r, v in rs.items():
            others = (total - (v - severity[r])) / (k - 1)
            out[r].append(v - others)
    return out


def median_anchored(f: RaterFit) -> dict[str, float]:
    """Severities with each connected group's median rater at 0: one lenient rater among
    fair ones reads +1 and the fair ones 0, instead of all moved by the lenient one's share
    of a mean."""
    members: dict[int, list[str]] = defaultdict(list)
    for r in f.severity:
        members[f.group[r]].append(r)
    out = dict(f.severity)
    for rs in members.values():
        centre = statistics.median(f.severity[r] for r in rs)
        for r in rs:
            out[r] -= centre
    return out


def deviations(obs: Iterable[Obs]) -> tuple[dict[str, Estimate], dict[Item, dict[str, float]]]:
    """Each rater's mean deviation (median-anchored per connected group) with its t interval
    over the items they share with others; n = those items. Also returns the items."""
    items = by_item(obs)
    f = fit(items)
    dev = loo_deviations(f, median_anchored(f))
    raters = {r for rs in items.values() for r in rs}
    return {r: mean_estimate(dev.get(r, [])) for r in raters}, items
