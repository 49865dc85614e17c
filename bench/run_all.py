"""Every benchmark at a size that finishes in a few minutes, as one table (DESIGN.md §9).

    QT_QPA_PLATFORM=offscreen python bench/run_all.py [--only edits,sync,...] [--full]

Each benchmark runs in its own process and measures its own floor in the same run,
interleaved with the real work; this script collects their ``BENCH-ROW`` lines (bench/floor.py)
and prints figure, floor, ratio and target side by side. ``--full`` uses the sizes of the
targets in DESIGN.md §9 (much longer). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.floor import ROW_PREFIX  # noqa: E402

# name -> (script, quick arguments, full arguments)
BENCHES: dict[str, tuple[str, list[str], list[str]]] = {
    "edits": ("bench_edits.py", ["--candidates", "2000", "--edits", "300"],
              ["--candidates", "5000", "--edits", "1000"]),
    "sync": ("bench_sync.py", ["--scorecards", "300"], ["--scorecards", "600"]),
    "server": ("bench_server.py", ["--clients", "50", "--mutations", "200",
                                   "--setups", "1:1,10:2,10:2:pull"],
               ["--clients", "50", "--mutations", "200", "--setups", "1:1,10:2,10:2:pull"]),
    "logins": ("bench_logins.py", ["--attempts", "40"], ["--attempts", "40"]),
    "startup": ("bench_startup.py", ["--candidates", "5000", "--runs", "3"],
                ["--candidates", "5000", "--runs", "7"]),
    "search": ("bench_search.py", ["--candidates", "10000", "--rounds", "1"],
               ["--candidates", "10000", "--rounds", "3"]),
    "reports": ("bench_reports.py", ["--ranking", "1000", "--ranking-large", "4000",
                                     "--candidates", "30", "--repeat", "2"],
                ["--ranking", "1000", "--ranking-large", "20000", "--repeat", "3"]),
    "import": ("bench_import.py", ["--sizes", "2000,6000"], ["--sizes", "5000,20000"]),
    "memory": ("bench_memory.py", ["--candidates", "10000"], ["--candidates", "10000"]),
    "plan": ("bench_plan.py", [], []),
    "calibration": ("bench_calibration.py", ["--candidates", "2000"],
                    ["--candidates", "10000"]),
    "console": ("bench_console.py", ["--candidates", "1000", "--rounds", "9"],
                ["--candidates", "1000", "--rounds", "25"]),
}


def run(name: str, full: bool) -> tuple[list[dict], float, str]:
    script, quick, big = BENCHES[name]
    path = ROOT / "bench" / script
    if not path.exists():
        return [], 0.0, f"{script} not found"
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(path), *(big if full else quick)], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    took = time.perf_counter() - t0
    rows = [json.loads(line[len(ROW_PREFIX):]) for line in proc.stdout.splitlines()
            if line.startswith(ROW_PREFIX)]
    error = "" if proc.returncode == 0 else (proc.stderr.strip().splitlines() or ["failed"])[-1]
    return rows, took, error


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{text} {unit}".strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="comma-separated names: " + ",".join(BENCHES))
    ap.add_argument("--full", action="store_true", help="the targets' sizes (long)")
    args = ap.parse_args()
    names = [n for n in args.only.split(",") if n] or list(BENCHES)
    table: list[tuple[str, dict]] = []
    for name in names:
        print(f"running {name}...", file=sys.stderr, flush=True)
        rows, took, error = run(name, args.full)
        print(f"  {name}: {len(rows)} figure(s) in {took:.0f} s{' — ' + error if error else ''}",
              file=sys.stderr, flush=True)
        table += [(name, r) for r in rows]
        if error and not rows:
            table.append((name, {"what": f"{name}: {error}", "figure": None, "floor": None,
                                 "unit": "", "target": "", "ratio": None, "note": ""}))
    head = f"| {'what':<62} | {'figure':>14} | {'floor':>14} | {'ratio':>6} | target |"
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for _name, r in table:
        ratio = f"{r['ratio']:.2f}x" if r.get("ratio") is not None else "—"
        print(f"| {r['what'][:62]:<62} | {fmt(r['figure'], r['unit']):>14} | "
              f"{fmt(r['floor'], r['unit']):>14} | {ratio:>6} | {r['target']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
