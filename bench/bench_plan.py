"""Planning a mission: 1,000 candidates x 6 panels x 5 days (target <= 1 s, issue 13).

    python bench/bench_plan.py [--candidates 1000] [--panels 6] [--days 5] [--rounds 7]

The mission is `app.domain.planning.sample`: days 08:30-18:30 with a lunch hour, 15-minute
slots (6 x 5 x 36 = 1,080 slots), three written sittings on the first day, 60 % free movers,
5 % of candidates unavailable for a half-day. Measured, interleaved round by round:
  - plan: `schedule` from an empty plan (seats for free movers, every interview, the rules
    checked over the result);
  - re-plan: the same after an ill panel member on day 3 (the morning's interviews move);
  - floor: the minimum work on the same data: build the slot grid of every panel and day, sort
    it, and make one Interview per candidate in order, with no check at all.
Prints medians, the floor and the ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def floor(setup, people) -> list:
    from app.domain.planning import Interview

    slots = []
    for term in setup.panels:
        for day in setup.days:
            for span in day.open_spans():
                for t in range(span.start, span.end - setup.slot_minutes + 1, setup.slot_minutes):
                    slots.append((t, term.id, term.members))
    slots.sort()
    return [Interview(c.id, t, setup.slot_minutes, "Room", pid, members)
            for c, (t, pid, members) in zip(people, slots, strict=False)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=1000)
    ap.add_argument("--panels", type=int, default=6)
    ap.add_argument("--days", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from app.domain.planning import IllAssessor, Interval, at, schedule
    from app.domain.planning.sample import FIRST_DAY, sample_candidates, sample_setup
    from bench.floor import report

    setup = sample_setup(days=args.days, panels=args.panels, slot=15)
    people = sample_candidates(args.candidates, seed=1, days=args.days)
    day3 = FIRST_DAY + dt.timedelta(days=min(2, args.days - 1))
    ill = [IllAssessor("rep2", Interval(at(day3, "08:00"), at(day3, "12:30")))]
    plans, replans, floors = [], [], []
    out = after = None
    for _ in range(args.rounds):
        start = time.perf_counter()
        out = schedule(setup, people, seed=1)
        plans.append(time.perf_counter() - start)
        start = time.perf_counter()
        after = schedule(setup, people, out.plan, ill, now=at(day3, "08:00"), seed=1)
        replans.append(time.perf_counter() - start)
        start = time.perf_counter()
        floor(setup, people)
        floors.append(time.perf_counter() - start)
    assert out is not None and after is not None
    slots = len(floor(setup, people * 2))
    plan, replan, base = (statistics.median(x) for x in (plans, replans, floors))
    print(f"plan {args.candidates} candidates x {args.panels} panels x {args.days} days "
          f"({slots} slots), {args.rounds} rounds, medians:")
    print(f"  plan:    {plan * 1000:7.1f} ms   (target <= 1000 ms)   placed "
          f"{len(out.plan.interviews)} interviews, {len(out.plan.seats)} seats; "
          f"unplaced {len(out.unplaced)}; violations {len(out.violations)}")
    print(f"  re-plan: {replan * 1000:7.1f} ms   after an ill panel member: moved "
          f"{len(after.moved)}, unplaced {len(after.unplaced)}")
    print(f"  floor:   {base * 1000:7.1f} ms   (slot grid sorted, one Interview per candidate)")
    print(f"  ratio:   plan {plan / base:5.1f}x floor, re-plan {replan / base:5.1f}x floor")
    report(f"plan {args.candidates} candidates x {args.panels} panels x {args.days} days",
           plan * 1000, base * 1000, "ms", "<= 1000 ms")
    report("re-plan after an ill panel member", replan * 1000, base * 1000, "ms", "—",
           note=f"moved {len(after.moved)}")
    for line in out.summary():
        print(f"  unplaced: {line[:150]}")


if __name__ == "__main__":
    main()
