"""Intervals with the standard library only: Student t for means, Wilson for proportions, a
delete-one jackknife for agreement coefficients (kappa, ICC)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from functools import lru_cache

from .model import Estimate

LEVEL = 0.95
NAN = math.nan


def _betacf(a: float, b: float, x: float) -> float:
    # Continued fraction of the incomplete beta function (modified Lentz).
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for num in (m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
                    -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-14:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
          + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(ln) * _betacf(a, b, x) / a
    return 1.0 - math.exp(ln) * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    tail = 0.5 * _betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


@lru_cache(maxsize=512)
def t_quantile(p: float, df: float) -> float:
    """Quantile of Student's t, p in (0.5, 1): Newton's method on the exact CDF from the
    normal quantile (a few steps), bisection if that ever fails to settle."""
    log_c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    x = statistics.NormalDist().inv_cdf(p)
    for _ in range(20):
        f = t_cdf(x, df) - p
        if abs(f) < 1e-13:
            return x
        x -= f / math.exp(log_c - (df + 1) / 2 * math.log1p(x * x / df))
        if not 0 < x < 1e6:
            break
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(60):
        mid = (lo + hi) / 2.0
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def mean_estimate(values: Sequence[float], centre: float | None = None) -> Estimate:
    """Mean with its t interval; ``centre`` replaces the mean as the reported value (an
    estimate whose spread is the values' but whose point comes from a fitted model)."""
    n = len(values)
    if n == 0:
        return Estimate(NAN, NAN, NAN, 0)
    mean = statistics.fmean(values)
    value = mean if centre is None else centre
    if n < 2:
        return Estimate(value, NAN, NAN, n)
    half = t_quantile(0.5 + LEVEL / 2, n - 1) * statistics.stdev(values) / math.sqrt(n)
    return Estimate(value, value - half, value + half, n)


def proportion_estimate(hits: int, n: int) -> Estimate:
    """Share with its Wilson score interval (sound near 0 and 1, unlike the Wald interval)."""
    if n == 0:
        return Estimate(NAN, NAN, NAN, 0)
    z = statistics.NormalDist().inv_cdf(0.5 + LEVEL / 2)
    p = hits / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return Estimate(p, max(0.0, mid - half), min(1.0, mid + half), n)


def jackknife_estimate(value: float | None, leave_one_out: Sequence[float | None],
                       low: float = -1.0, high: float = 1.0) -> Estimate | None:
    """``value`` with a delete-one jackknife interval: the standard error from the statistic
    recomputed without each unit in turn (``leave_one_out``, one per unit), value +- t(n-1)
    standard errors, kept within [low, high]. Deterministic, and O(n) when each
    leave-one-out value is computed from sums less the unit's (no resampling: a bootstrap's
    hundreds of passes cost seconds in pure Python on a large mission). None when the
    statistic cannot be computed on the data."""
    if value is None:
        return None
    n = len(leave_one_out)
    loo = [v for v in leave_one_out if v is not None]
    if len(loo) < 2 or n < 2:
        return Estimate(value, NAN, NAN, n)
    m = len(loo)
    centre = math.fsum(loo) / m
    se = math.sqrt((m - 1) / m * math.fsum((v - centre) ** 2 for v in loo))
    half = t_quantile(0.5 + LEVEL / 2, n - 1) * se
    return Estimate(value, max(low, value - half), min(high, value + half), n)
