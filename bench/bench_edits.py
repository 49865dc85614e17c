"""One edit made durable (row + outbox + audit, fsync'd) on a 5,000-candidate mission.

Budget (DESIGN.md §9): <= 5 ms median, <= 20 ms p99. Prints figures; asserts nothing.
    python bench/bench_edits.py [--candidates 5000] [--edits 2000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=5000)
    ap.add_argument("--edits", type=int, default=2000)
    args = ap.parse_args()
    os.environ.setdefault("MISSION_DESK_KEYRING", "off")
    os.environ.setdefault("MISSION_DESK_PASSPHRASE", "benchmark passphrase")
    from app.demo import init_demo
    from app.store.database import Store
    from app.store.edits import EditService
    from app.store.models import Candidate, Interview

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp))
        mission_id, chair_id = init_demo(store, candidates=args.candidates)
        svc = EditService(store, mission_id, chair_id)
        with store.read() as s:
            rows = list(s.execute(select(Candidate.id, Interview.panel).join(
                Interview, Interview.candidate_id == Candidate.id)))
        keys = svc.config.rubric.keys
        members: dict[str, EditService] = {}
        kinds: dict[str, list[float]] = {"status": [], "mark": [], "level": []}
        for i in range(args.edits):
            cid, panel = rows[i % len(rows)]
            kind = ("status", "mark", "level")[i % 3]
            t = time.perf_counter()
            if kind == "status":
                svc.set_status(cid, ("present", "absent")[(i // 3) % 2])
            elif kind == "mark":
                svc.set_mark(cid, "maths", Decimal((i * 7) % 81) / 4)
            else:
                own = members.get(panel[0]) or members.setdefault(
                    panel[0], EditService(store, mission_id, panel[0]))
                try:
                    own.set_level(cid, keys[i % len(keys)], 1 + i % 5)
                except Exception:  # submitted scorecards refuse direct edits: skip the sample
                    continue
            kinds[kind].append(time.perf_counter() - t)
        store.close()
    every = sorted(x for v in kinds.values() for x in v)
    print(f"mission: {args.candidates} candidates; edits timed: {len(every)}")
    for name, samples in [*kinds.items(), ("all", every)]:
        samples = sorted(samples)
        p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
        print(f"{name:7s} median {statistics.median(samples) * 1000:6.2f} ms   "
              f"p99 {p99 * 1000:6.2f} ms   (budget: median <= 5 ms, p99 <= 20 ms)")


if __name__ == "__main__":
    main()
