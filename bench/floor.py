"""Figure, floor and ratio, measured in one run (DESIGN.md §9).

This machine is shared: a lone figure from a quiet moment means little. Every benchmark
measures its own floor (what the machine can do for the same work) in the same process run,
interleaved with the real work, so that a neighbour's load weighs on both alike, and prints the
ratio. ``interleave`` alternates the two; ``report`` prints a human line and one machine-readable
``BENCH-ROW {json}`` line that ``bench/run_all.py`` collects into one table.

No benchmark asserts a time: figures are printed, never pass/fail.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

ROW_PREFIX = "BENCH-ROW "


@dataclass
class Row:
    what: str
    figure: float
    floor: float | None
    unit: str
    target: str
    # "ratio": figure / floor compared with a ceiling; "absolute": figure alone.
    ratio: float | None = None
    note: str = ""


def interleave(work: Callable[[int], object], floor: Callable[[int], object], rounds: int,
               warmup: int = 2) -> tuple[list[float], list[float]]:
    """Alternate one real job and one floor job ``rounds`` times; seconds of each.

    The order flips every round so neither side always runs right after the other's cache
    warm-up. Each callable gets the round number (to vary its row or value).
    """
    for i in range(warmup):
        work(-1 - i)
        floor(-1 - i)
    real: list[float] = []
    base: list[float] = []
    for i in range(rounds):
        pair = ((work, real), (floor, base)) if i % 2 == 0 else ((floor, base), (work, real))
        for fn, out in pair:
            t = time.perf_counter()
            fn(i)
            out.append(time.perf_counter() - t)
    return real, base


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def report(what: str, figure: float, floor: float | None, unit: str, target: str,
           note: str = "") -> Row:
    ratio = figure / floor if floor else None
    row = Row(what=what, figure=figure, floor=floor, unit=unit, target=target, ratio=ratio,
              note=note)
    floor_txt = f"{floor:.4g} {unit}" if floor is not None else "—"
    ratio_txt = f"{ratio:.2f}x" if ratio is not None else "—"
    print(f"  {what}: {figure:.4g} {unit}; floor {floor_txt}; ratio {ratio_txt}   "
          f"(target {target}){'  ' + note if note else ''}", flush=True)
    print(ROW_PREFIX + json.dumps(asdict(row), ensure_ascii=False), file=sys.stdout, flush=True)
    return row
