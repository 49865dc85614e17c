"""Calibration statistics on seeded synthetic missions with planted severities
(app/domain/calibration): a harsh marker (-2 points), a lenient assessor (+1 level), a random
marker and a random assessor; the figures recover what was planted, within their intervals."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from app.domain.calibration import (
    MIN_CANDIDATES,
    Calibration,
    LevelObs,
    MarkObs,
    adjusted_interview_scores,
    calibrate,
)
from app.domain.calibration.agreement import icc_consistency, weighted_kappa
from app.domain.calibration.intervals import proportion_estimate, t_quantile
from app.domain.calibration.raters import deviations
from app.domain.mission import MissionConfig
from app.domain.rubric import Criterion, Rubric
from app.domain.scoring import interview_score

from . import calibration_data as data

RUBRIC = MissionConfig().rubric


@pytest.fixture(scope="module")
def cal():
    return calibrate(data.marks(0), data.levels(0), scale_max=5,
                     gap_threshold={"maths": 3.0}, rubric=RUBRIC)


def test_t_quantile_matches_the_tables():
    for df, table in [(1, 12.706), (2, 4.303), (7, 2.365), (30, 2.042), (120, 1.980)]:
        assert t_quantile(0.975, df) == pytest.approx(table, abs=1e-3)


def test_wilson_interval_of_a_known_proportion():
    e = proportion_estimate(10, 40)
    assert (e.value, e.n) == (0.25, 40)
    assert (e.low, e.high) == (pytest.approx(0.1419, abs=1e-4), pytest.approx(0.4019, abs=1e-4))


def test_weighted_kappa_equals_the_category_table_formula():
    rng = random.Random(5)
    pairs = [(rng.randint(1, 5), rng.randint(1, 5)) for _ in range(60)]
    pairs += [(x, x) for x in (1, 2, 3, 4, 5)] * 6
    cats = range(1, 6)
    n = len(pairs)
    observed = {(i, j): sum(1 for p in pairs if p == (i, j)) / n for i in cats for j in cats}
    row = {i: sum(observed[i, j] for j in cats) for i in cats}
    col = {j: sum(observed[i, j] for i in cats) for j in cats}
    w = {(i, j): (i - j) ** 2 for i in cats for j in cats}
    table = 1 - (sum(w[c] * observed[c] for c in w) / sum(w[i, j] * row[i] * col[j]
                                                        for i, j in w))
    assert weighted_kappa(pairs) == pytest.approx(table)


def test_icc_ignores_an_offset_and_drops_with_noise():
    xs = [float(i) for i in range(20)]
    assert icc_consistency([(x, x - 2) for x in xs]) == pytest.approx(1.0)
    rng = random.Random(1)
    assert icc_consistency([(x, rng.uniform(0, 19)) for x in xs]) < 0.5
    assert weighted_kappa([(x, x - 2) for x in xs]) < 1.0  # kappa counts the offset


def test_harsh_marker_recovered_within_interval_and_the_others_contain_zero(cal):
    by_marker = {m.marker_id: m for m in cal.markers}
    assert set(by_marker) == {f"M{i}" for i in range(6)}
    harsh = by_marker.pop(data.HARSH_MARKER).deviation
    assert harsh.shown and harsh.contains(data.HARSH_POINTS) and harsh.high < 0
    for m in by_marker.values():
        assert m.deviation.shown and m.deviation.contains(0.0), m
    for m in cal.markers:  # consistent markers order the scripts alike, offset or not
        assert m.icc is not None and m.icc.value > 0.85 and m.icc.n == m.deviation.n


def test_lenient_assessor_recovered_on_every_criterion(cal):
    lenient = [a for a in cal.assessors if a.assessor_id == data.LENIENT]
    assert {a.criterion for a in lenient} == set(data.CRITERIA)
    assert all(a.deviation.low > 0 for a in lenient)
    assert sum(a.deviation.contains(data.LENIENT_LEVELS) for a in lenient) >= 5
    mean = statistics.fmean(a.deviation.value for a in lenient)
    assert mean == pytest.approx(data.LENIENT_LEVELS, abs=0.15)
    others = [a for a in cal.assessors if a.assessor_id != data.LENIENT]
    assert sum(a.deviation.contains(0.0) for a in others) >= 0.9 * len(others)
    assert all(abs(a.deviation.value) < 0.25 for a in others)
    assert all(a.deviation.n == 120 for a in cal.assessors)  # three panels of 40 each


def test_deviation_intervals_cover_the_planted_severities_across_seeds():
    """95% intervals: over 20 seeded missions at least 85% hold the planted value."""
    hits, total = [0, 0], [0, 0]
    for seed in range(20):
        marks, _ = deviations((m.candidate_id, m.marker_id, m.value) for m in data.marks(seed))
        for marker, e in marks.items():
            planted = data.HARSH_POINTS if marker == data.HARSH_MARKER else 0.0
            hits[0] += e.contains(planted)
            total[0] += 1
        lv = [o for o in data.levels(seed) if o.criterion == "motivation"]
        levels, _ = deviations(((o.candidate_id, o.panel_key), o.assessor_id, float(o.level))
                               for o in lv)
        for assessor, e in levels.items():
            hits[1] += e.contains(data.LENIENT_LEVELS if assessor == data.LENIENT else 0.0)
            total[1] += 1
    assert hits[0] >= 0.85 * total[0] and hits[1] >= 0.85 * total[1], (hits, total)


def test_random_marker_and_random_assessor_agree_poorly():
    cal = calibrate(data.marks(3, random_marker="M4"), [], scale_max=5, gap_threshold=3)
    icc = {m.marker_id: m.icc for m in cal.markers}
    assert icc["M4"].value < 0.2 and icc["M4"].contains(0.0)
    assert all(icc["M4"].high < e.low for m, e in icc.items() if m != "M4")
    panels = {"P1": ("A0", "A1"), "P2": ("A2", "A3"), "PR": ("A0", "AR")}
    lv = data.levels(3, ability_sd=0.8, noise=0.3, panels=panels, lenient=None,
                     random_assessor="AR")
    kappa = {p.panel_key: p.kappa for p in calibrate([], lv, scale_max=5, gap_threshold=3).panels}
    assert kappa["P1"].value > 0.7 and kappa["P2"].value > 0.7
    assert kappa["PR"].value < 0.2 and kappa["PR"].contains(0.0)
    assert kappa["PR"].high < min(kappa["P1"].low, kappa["P2"].low)


def _pair(cand: str, a: float, b: float, subject: str = "maths") -> list[MarkObs]:
    return [MarkObs(cand, subject, "X", a), MarkObs(cand, subject, "Y", b)]


def test_third_reading_rate_and_gaps_match_the_planted_gaps():
    marks = []
    for i in range(40):  # every fourth script 5 points apart, the others 1 point
        marks += _pair(f"c{i:02d}", 10.0, 15.0 if i % 4 == 0 else 11.0)
    marks += _pair("p1", 2.0, 9.0, "physics")  # 7 apart, but the physics threshold is 8
    cal = calibrate(marks, [], scale_max=5, gap_threshold={"maths": 3.0, "physics": 8.0},
                    gap_limit=6)
    for m in cal.markers:
        if m.subject == "maths":
            assert m.third_reading_rate.value == 0.25 and m.third_reading_rate.n == 40
            assert m.third_reading_rate.contains(0.25)
        else:
            assert m.third_reading_rate.value == 0.0 and not m.third_reading_rate.shown
    assert [g.candidate_id for g in cal.gaps] == ["c00", "c04", "c08", "c12", "c16", "c20"]
    assert cal.gaps[0].values == (("X", 10.0), ("Y", 15.0)) and cal.gaps[0].gap == 5.0
    everything = calibrate(marks, [], scale_max=5, gap_threshold=3.0, gap_limit=100)
    assert len(everything.gaps) == 11 and everything.gaps[0].candidate_id == "p1"


def test_figures_below_the_threshold_are_not_shown():
    # two candidates per panel: every assessor sits in three panels, so rests on six
    few = [o for o in data.levels(2) if o.candidate_id[-3:] < "002"]
    marks = [m for m in data.marks(2) if m.candidate_id < "c0012"]
    cal = calibrate(marks, few, scale_max=5, gap_threshold=3)
    assert all(p.n == 2 and not p.shown for p in cal.panels)
    assert all(not p.kappa.shown for p in cal.panels)
    assert all(not a.deviation.shown and a.deviation.n == 6 for a in cal.assessors)
    assert all(not a.extreme_share.shown for a in cal.assessors)
    assert all(not m.deviation.shown and m.deviation.n < MIN_CANDIDATES for m in cal.markers)
    assert all(not m.icc.shown for m in cal.markers if m.icc is not None)
    enough = [o for o in data.levels(2) if o.candidate_id[-3:] < f"{MIN_CANDIDATES:03d}"]
    cal = calibrate([], enough, scale_max=5, gap_threshold=3)
    assert all(p.shown and p.kappa.shown for p in cal.panels)


def test_extreme_share_counts_both_ends_of_the_criterion_scale():
    levels = [LevelObs(f"c{i}", "P", "A", "motivation", (1, 5, 3, 3)[i % 4]) for i in range(20)]
    levels += [LevelObs(f"c{i}", "P", "B", "motivation", 3) for i in range(20)]
    stats = {a.assessor_id: a for a in calibrate([], levels, scale_max=5, gap_threshold=3,
                                                 rubric=RUBRIC).assessors}
    assert stats["A"].extreme_share.value == 0.5 and stats["A"].extreme_share.n == 20
    assert stats["B"].extreme_share.value == 0.0


def _cards(levels: list[LevelObs]) -> dict[str, list[dict[str, int]]]:
    cards: dict[tuple[str, str], dict[str, int]] = {}
    for o in levels:
        cards.setdefault((o.candidate_id, o.assessor_id), {})[o.criterion] = o.level
    out: dict[str, list[dict[str, int]]] = {}
    for (cand, _a), lv in sorted(cards.items()):
        out.setdefault(cand, []).append(lv)
    return out


def test_scores_follow_the_mission_formula_with_criterion_weights():
    weighted = Rubric(criteria=tuple(
        Criterion(key=c.key, label=c.label, weight=w, levels=c.levels)
        for c, w in zip(RUBRIC.criteria, (3, 1, 2, 1, 0.5, 1), strict=True)))
    config = MissionConfig(rubric=weighted)
    lv = data.levels(4)
    cal = calibrate([], lv, scale_max=5, gap_threshold=3, rubric=weighted)
    adj = adjusted_interview_scores(lv, scale_max=5, rubric=weighted)
    expected = {c: float(interview_score(config, cards)) for c, cards in _cards(lv).items()}
    assert {s.candidate_id: s.raw for s in adj.scores} == pytest.approx(expected)
    assert sorted(s for p in cal.panels for s in p.scores) == pytest.approx(
        sorted(expected.values()))
    assert cal.mission_scores == pytest.approx(sorted(expected.values()))


def test_adjusted_scores_move_the_lenient_assessors_candidates_down_and_the_others_up():
    lv = data.levels(0)
    adj = adjusted_interview_scores(lv, scale_max=5, rubric=RUBRIC)
    with_lenient = {o.candidate_id for o in lv if o.assessor_id == data.LENIENT}
    assert len(adj.scores) == 240
    for s in adj.scores:
        assert s.cards == 3
        if s.candidate_id in with_lenient:
            assert s.adjusted < s.raw, s
        else:
            assert s.adjusted > s.raw, s
    # severities in points /20: +1 level is 5 points; the mean over the 720 cards is 0
    share = 120 / 720
    sev = {a.assessor_id: a.severity for a in adj.severities}
    assert all(a.applied for a in adj.severities)
    assert sev[data.LENIENT].contains(5 * (1 - share))
    assert sum(sev[a].contains(-5 * share) for a in sev if a != data.LENIENT) >= 4
    assert statistics.fmean(s.adjusted for s in adj.scores) == pytest.approx(
        statistics.fmean(s.raw for s in adj.scores))
    assert adj.method == "assessor_mean_centring"
    assert "ranking" in adj.method_text() and "classement" in adj.method_text(french=True)


def test_adjustment_compares_disconnected_panels_by_mean_centring():
    panels = {"P1": ("A0", "A1"), "P2": ("A2", "A3")}  # no shared assessor
    lv = data.levels(6, panels=panels, lenient=None, per_panel=60)
    lv = [LevelObs(o.candidate_id, o.panel_key, o.assessor_id, o.criterion,
                   min(5, o.level + 1)) if o.panel_key == "P2" else o for o in lv]
    adj = adjusted_interview_scores(lv, scale_max=5, rubric=RUBRIC)
    sev = {a.assessor_id: a.severity for a in adj.severities}
    assert sev["A2"].low > 0 and sev["A3"].low > 0 and sev["A0"].high < 0
    for s in adj.scores:
        assert (s.adjusted < s.raw) == s.candidate_id.startswith("P2")


def test_an_assessor_with_too_few_candidates_is_not_adjusted():
    panels = {"P1": ("A0", "A1"), "P2": ("A0", "A9")}
    lv = data.levels(7, panels=panels, lenient="A9")
    lv = [o for o in lv if o.panel_key == "P1" or o.candidate_id < f"P2-c{MIN_CANDIDATES - 1:03d}"]
    adj = adjusted_interview_scores(lv, scale_max=5, rubric=RUBRIC)
    sev = {a.assessor_id: a for a in adj.severities}
    assert not sev["A9"].applied and sev["A9"].severity.n == MIN_CANDIDATES - 1
    assert sev["A9"].severity.value > 0 and sev["A0"].applied
    a9_only = {o.candidate_id for o in lv if o.assessor_id == "A9"}
    for s in adj.scores:
        if s.candidate_id in a9_only:  # A0's correction only: half a card's worth
            assert math.isclose(s.adjusted - s.raw, -sev["A0"].severity.value / 2)


def test_calibration_is_deterministic():
    lv, mk = data.levels(8), data.marks(8)
    a = calibrate(mk, lv, scale_max=5, gap_threshold=3)
    b = calibrate(list(reversed(mk)), list(reversed(lv)), scale_max=5, gap_threshold=3)
    assert a.panels == b.panels and a.gaps == b.gaps
    assert [m.icc for m in a.markers] == [m.icc for m in b.markers]


def test_no_data_and_a_lone_assessor_give_empty_or_hidden_figures():
    empty = calibrate([], [], scale_max=5, gap_threshold=3)
    assert empty == Calibration((), (), (), (), ())
    none = adjusted_interview_scores([], scale_max=5)
    assert none.scores == () and none.severities == ()
    lone = [LevelObs(f"c{i}", "P", "A", k, 3 + i % 2) for i in range(10) for k in ("x", "y")]
    cal = calibrate([MarkObs("c0", "maths", "M", 12.0)], lone, scale_max=5, gap_threshold=3)
    (panel,) = cal.panels
    assert panel.kappa is None and panel.n == 10  # no pair of assessors to agree
    assert all(a.deviation.n == 0 and not a.deviation.shown for a in cal.assessors)
    (marker,) = cal.markers
    assert marker.icc is None and marker.deviation.n == 0 and not cal.gaps
    adj = adjusted_interview_scores(lone, scale_max=5)
    (sev,) = adj.severities
    assert sev.severity.value == 0.0 and sev.severity.n == 10  # nobody to compare with
    assert all(s.adjusted == s.raw for s in adj.scores)


def _jackknife(value: float, loo: list[float]) -> tuple[float, float]:
    n = len(loo)
    mean = statistics.fmean(loo)
    se = math.sqrt((n - 1) / n * sum((v - mean) ** 2 for v in loo))
    half = t_quantile(0.975, n - 1) * se
    return max(-1.0, value - half), min(1.0, value + half)


def test_kappa_and_icc_intervals_are_the_jackknife_recomputed_from_scratch():
    """The fast path takes each unit's sums off the totals; here every leave-one-out value is
    computed again from the remaining data."""
    marks = data.marks(5, scripts=60)
    cal = calibrate(marks, data.levels(5, per_panel=12), scale_max=5, gap_threshold=3)
    m0 = next(m for m in cal.markers if m.marker_id == "M0")
    scripts: dict[str, dict[str, float]] = {}
    for m in marks:
        scripts.setdefault(m.candidate_id, {})[m.marker_id] = m.value
    pairs = [(v["M0"], statistics.fmean(x for r, x in v.items() if r != "M0"))
             for _c, v in sorted(scripts.items()) if "M0" in v and len(v) > 1]
    loo = [icc_consistency(pairs[:i] + pairs[i + 1:]) for i in range(len(pairs))]
    assert m0.icc.value == pytest.approx(icc_consistency(pairs))
    assert (m0.icc.low, m0.icc.high) == pytest.approx(_jackknife(m0.icc.value, loo))

    panel = next(p for p in cal.panels if p.panel_key == "P2")
    cards: dict[str, dict[str, dict[str, int]]] = {}
    for o in data.levels(5, per_panel=12):
        if o.panel_key == "P2":
            cards.setdefault(o.candidate_id, {}).setdefault(o.assessor_id, {})[o.criterion] = \
                o.level

    def pooled(cands: list[str]) -> float:
        num = den = 0.0
        for a, b in (("A3", "A4"), ("A3", "A5"), ("A4", "A5")):
            ps = [(cards[c][a][k], cards[c][b][k]) for c in cands for k in cards[c][a]]
            num += weighted_kappa(ps) * len(ps)
            den += len(ps)
        return num / den

    cands = sorted(cards)
    assert panel.kappa.value == pytest.approx(pooled(cands))
    loo = [pooled(cands[:i] + cands[i + 1:]) for i in range(len(cands))]
    assert (panel.kappa.low, panel.kappa.high) == pytest.approx(
        _jackknife(panel.kappa.value, loo))
