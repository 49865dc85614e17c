"""Intervals with the standard library only: Student t for means, Wilson for proportions, a
seeded percentile bootstrap for agreement coefficients (kappa, ICC)."""

from __future__ import annotations

import math
import random
import statistics
import zlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from .model import Estimate

LEVEL = 0.95
BOOTSTRAP_RESAMPLES = 400
NAN = math.nan
T = TypeVar("T")


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
    """Quantile of Student's t (bisection on the exact CDF; p in (0.5, 1))."""
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


def bootstrap_estimate(units: Sequence[T], statistic: Callable[[Sequence[T]], float | None],
                       seed_key: str) -> Estimate | None:
    """``statistic`` on the units, with a percentile bootstrap interval over units resampled
    with replacement. Seeded from ``seed_key``: the same data give the same interval on every
    desk and on the server. None when the statistic cannot be computed on the data."""
    value = statistic(units)
    if value is None:
        return None
    n = len(units)
    rng = random.Random(zlib.crc32(seed_key.encode()))
    draws = []
    for _ in range(BOOTSTRAP_RESAMPLES):
        v = statistic(rng.choices(units, k=n))
        if v is not None:
            draws.append(v)
    if len(draws) < BOOTSTRAP_RESAMPLES // 2:  # most resamples degenerate: no interval
        return Estimate(value, NAN, NAN, n)
    draws.sort()
    tail = (1 - LEVEL) / 2
    lo = draws[int(tail * (len(draws) - 1))]
    hi = draws[math.ceil((1 - tail) * (len(draws) - 1))]
    return Estimate(value, min(lo, value), max(hi, value), n)
