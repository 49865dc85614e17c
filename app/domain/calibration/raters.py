"""Rater severities from a two-way additive model: value = item effect + rater severity + noise.

An item is what several raters scored (a script in one subject, a candidate's criterion in one
panel, a candidate's scorecard). Fitted by least squares (the fixed point of mean-centring by
rater repeated until item effects and severities agree, solved directly: see ``fit``) on the
items that at least two raters scored: an item seen by one rater says nothing about that
rater's severity. Severities are identified only within a *connected group*
of raters (raters linked through shared items); how each group is anchored is the caller's
choice (``deviations``: the group's median rater is 0; ``adjust``: see there).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from .intervals import mean_estimate
from .model import Estimate

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


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (a small dense system: one unknown per
    rater of a group)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        p = m[col][col]
        if abs(p) < 1e-12:  # cannot happen within a connected group; keep 0 if it does
            continue
        for r in range(col + 1, n):
            f = m[r][col] / p
            if f:
                row, top = m[r], m[col]
                for c in range(col, n + 1):
                    row[c] -= f * top[c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        p = m[r][r]
        if abs(p) >= 1e-12:
            x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / p
    return x


def fit(items: Mapping[Item, Mapping[str, float]]) -> RaterFit:
    """Severities up to one constant per connected group (each group centred on its mean).

    Least squares exactly, with the item effects eliminated: for rater r,
    n_r s_r - sum over r's items i of mean_i(s) = sum over r's items of (x_ri - mean_i(x)),
    a Laplacian system (one constant free per connected group: its first rater is pinned at
    0, then the group centred) solved directly instead of iterating alternating means."""
    shared = {i: rs for i, rs in items.items() if len(rs) >= 2}
    group = _groups(items)
    raters = sorted({r for rs in shared.values() for r in rs})
    index = {r: j for j, r in enumerate(raters)}
    lap = [[0.0] * len(raters) for _ in raters]
    rhs = [0.0] * len(raters)
    for rs in shared.values():
        k = len(rs)
        mean = math.fsum(rs.values()) / k
        cols = [index[r] for r in rs]
        for r, v in rs.items():
            row = lap[index[r]]
            row[index[r]] += 1.0
            rhs[index[r]] += v - mean
            for c in cols:
                row[c] -= 1.0 / k
    members: dict[int, list[int]] = defaultdict(list)
    for r in raters:
        members[group[r]].append(index[r])
    sev: dict[str, float] = {}
    for js in members.values():
        free = js[1:]  # js[0] pinned at 0
        x = _solve([[lap[a][b] for b in free] for a in free], [rhs[a] for a in free])
        values = [0.0, *x]
        centre = math.fsum(values) / len(values)
        for j, v in zip(js, values, strict=True):
            sev[raters[j]] = v - centre
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
