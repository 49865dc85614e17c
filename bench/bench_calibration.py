"""Calibration of a large mission (issue 17 §2), figure against its floor in one run.

    python bench/bench_calibration.py [--candidates 2000] [--rounds 5]

The mission: every candidate double-marked in 3 subjects by 2 of 8 markers, interviewed by a
panel of 3 of 12 assessors (panels rotate) on the 6 default criteria: 6 x candidates marks and
18 x candidates levels. Measured, interleaved round by round:
  - calibrate: every figure (rater fits, t intervals, ICC and kappa bootstraps, gaps);
  - adjust: the adjusted interview scores;
  - floor: one pass of plain mean-centring over the same observations (each rater's mean
    gap from the items' means), without a fit, an interval or a bootstrap: the least any
    per-rater deviation costs.
Prints medians, the floor and the ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def mission(n: int, seed: int = 1) -> tuple[list, list]:
    from app.domain.calibration import LevelObs, MarkObs
    from app.domain.rubric import default_rubric

    rng = random.Random(seed)
    markers = [f"M{i}" for i in range(8)]
    assessors = [f"A{i}" for i in range(12)]
    criteria = default_rubric().keys
    marks, levels = [], []
    for c in range(n):
        cid = f"c{c:05d}"
        for subject in ("maths", "physics", "specialty"):
            true = rng.gauss(11, 3)
            for m in rng.sample(markers, 2):
                marks.append(MarkObs(cid, subject, m, round(true + rng.gauss(0, 1)) * 1.0))
        panel = [assessors[(c // 40 + k * 5) % 12] for k in range(3)]
        ability = rng.gauss(2.6, 0.6)
        for a in panel:
            for k in criteria:
                level = min(5, max(1, round(ability + rng.gauss(0, 0.5))))
                levels.append(LevelObs(cid, "+".join(sorted(panel)), a, k, level))
    return marks, levels


def mean_centring(marks: list, levels: list) -> dict:
    items: dict[tuple, list[tuple[str, float]]] = defaultdict(list)
    for m in marks:
        items[(m.subject, m.candidate_id)].append((m.marker_id, m.value))
    for o in levels:
        items[(o.criterion, o.candidate_id)].append((o.assessor_id, float(o.level)))
    gaps: dict[str, list[float]] = defaultdict(list)
    for values in items.values():
        mean = sum(v for _r, v in values) / len(values)
        for r, v in values:
            gaps[r].append(v - mean)
    return {r: sum(g) / len(g) for r, g in gaps.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    from app.domain.calibration import adjusted_interview_scores, calibrate
    from app.domain.rubric import default_rubric
    from bench.floor import interleave, median_ms, report

    rubric = default_rubric()
    marks, levels = mission(args.candidates)

    def cal(_i: int) -> object:
        return calibrate(marks, levels, scale_max=5, gap_threshold=3.0, rubric=rubric)

    def adj(_i: int) -> object:
        return adjusted_interview_scores(levels, scale_max=5, rubric=rubric)

    def base(_i: int) -> object:
        return mean_centring(marks, levels)

    cal_t, floor_a = interleave(cal, base, args.rounds, warmup=1)
    adj_t, floor_b = interleave(adj, base, args.rounds, warmup=1)
    floor_ms = median_ms(floor_a + floor_b)
    print(f"calibration of {args.candidates} candidates ({len(marks)} marks, {len(levels)} "
          f"levels), {args.rounds} rounds, medians:")
    report(f"calibrate {args.candidates} candidates (every figure)", median_ms(cal_t),
           floor_ms, "ms", "—", note="floor: one pass of mean-centring")
    report(f"adjusted interview scores, {args.candidates} candidates", median_ms(adj_t),
           floor_ms, "ms", "—")


if __name__ == "__main__":
    main()
