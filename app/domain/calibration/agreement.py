"""Agreement coefficients in closed form from sums: no category tables, and a unit's
contribution can be taken off the totals (the jackknife's leave-one-out in O(1))."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# Sums of one pair of raters over items: (n, sum x, sum y, sum x^2, sum y^2, sum x*y); both
# the kappa and the ICC read them
PairSums = tuple[float, float, float, float, float, float]


def pair_sums(pairs: Iterable[tuple[float, float]]) -> PairSums:
    n = sx = sy = sxx = syy = sxy = 0.0
    for x, y in pairs:
        n += 1
        sx += x
        sy += y
        sxx += x * x
        syy += y * y
        sxy += x * y
    return n, sx, sy, sxx, syy, sxy


def add_sums(a: PairSums, b: PairSums) -> PairSums:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4], a[5] + b[5])


def kappa_of_sums(s: PairSums) -> float | None:
    """Cohen's kappa with quadratic weights of two raters over the same items.

    With weights (i - j)^2 the observed disagreement is mean((x - y)^2) and the chance one
    (independent marginals) is var(x) + var(y) + (mean x - mean y)^2 (population variances),
    so kappa = 1 - observed / chance: the same value as the category-table formula.
    A systematic offset between the raters lowers it, as it should (agreement, not
    consistency). None when neither rater varies or fewer than 2 items.
    """
    n, sx, sy, sxx, syy, sxy = s
    sdd = sxx + syy - 2 * sxy  # sum of (x - y)^2
    if n < 2:
        return None
    mx, my = sx / n, sy / n
    chance = (sxx / n - mx * mx) + (syy / n - my * my) + (mx - my) ** 2
    if chance <= 1e-12:
        return None
    return 1.0 - (sdd / n) / chance


def weighted_kappa(pairs: Sequence[tuple[float, float]]) -> float | None:
    return kappa_of_sums(pair_sums(pairs))


def icc_of_sums(s: PairSums) -> float | None:
    """ICC(C,1) (McGraw & Wong 1996; Shrout & Fleiss ICC(3,1)): two-way model, consistency,
    single rater, two columns. A constant offset between the columns does not lower it: the
    offset is the deviation's business, the ICC says whether the scripts are put in the same
    order with the same spread. None when fewer than 3 items or no variance."""
    n, sx, sy, sxx, syy, sxy = s
    if n < 3:
        return None
    # rows (scripts) and error mean squares of the two-way ANOVA with k = 2
    grand = (sx + sy) / (2 * n)
    ss_total = sxx + syy - 2 * n * grand * grand
    ss_rows = (sxx + syy + 2 * sxy) / 2 - 2 * n * grand * grand
    ss_cols = n * ((sx / n - grand) ** 2 + (sy / n - grand) ** 2)
    ms_rows = ss_rows / (n - 1)
    ms_err = max(ss_total - ss_rows - ss_cols, 0.0) / (n - 1)
    if ms_rows + ms_err <= 1e-12:
        return None
    return (ms_rows - ms_err) / (ms_rows + ms_err)


def icc_consistency(pairs: Sequence[tuple[float, float]]) -> float | None:
    return icc_of_sums(pair_sums(pairs))


def sub_sums(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(x - y for x, y in zip(a, b, strict=True))
