"""Sync benchmark (DESIGN.md §9): round trips and bytes of an idle sync and of a sync of 600
scorecards, and the wall time of that sync through a 400 ms RTT, 1 Mbit/s link, against its
floor (DESIGN.md §9): the bytes that crossed the wire / bandwidth + 1 RTT (target <= 1.2x).

Starts a real `mission-desk-server serve` process (SQLite) on 127.0.0.1 and the tests'
fault-injecting proxy in front of it (latency and bandwidth only, no faults). Bytes are counted
on the wire by the proxy (HTTP headers included, both directions). Figures are printed, never
asserted.

    python bench/bench_sync.py [--scorecards 600] [--rtt 0.4] [--mbit 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import keyring

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.mission import MissionConfig
from bench.floor import report
from sync.protocol import BATCH_SIZE
from tests.memory_keyring import MemoryKeyring
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import Desk, ServerProcess, make_mission


def measure(desk: Desk, proxy: FaultProxy) -> tuple[float, int, int, int, object]:
    proxy.reset_counters()
    t = desk.client.transport.traffic
    before = t.requests
    start = time.perf_counter()
    summary = desk.sync()
    wall = time.perf_counter() - start
    return wall, t.requests - before, proxy.bytes_up, proxy.bytes_down, summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scorecards", type=int, default=600)
    ap.add_argument("--rtt", type=float, default=0.4, help="round trip, seconds")
    ap.add_argument("--mbit", type=float, default=1.0, help="bandwidth, Mbit/s each way")
    args = ap.parse_args()
    keyring.set_keyring(MemoryKeyring())  # the bench never touches the real keyring
    os.environ.setdefault("MISSION_DESK_KEYRING", "1")
    root = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    server = ServerProcess(root)
    proxy = FaultProxy("127.0.0.1", server.port)
    try:
        mission = make_mission(server, n_candidates=args.scorecards)
        desk = Desk(root, "chair", proxy.url, mission.users["chair"])
        desk.sync()  # first pull (package)
        # Idle sync on a warm connection.
        wall, rts, up, down, _ = measure(desk, proxy)
        print(f"idle sync (warm connection): {rts} round trip(s), {up + down} bytes "
              f"({up} up, {down} down), {wall * 1000:.1f} ms on loopback")
        report("idle sync, bytes on the wire", up + down, None, "B",
               "1 round trip, < 1 KB", note=f"{rts} round trip(s)")

        proxy.latency = args.rtt
        proxy.bandwidth_bps = args.mbit * 1_000_000
        wall, rts, up, down, _ = measure(desk, proxy)
        print(f"idle sync through {args.rtt * 1000:.0f} ms RTT, {args.mbit:g} Mbit/s: {rts} "
              f"round trip(s), {up + down} bytes, wall {wall:.2f} s")
        assert desk.edits is not None
        keys = MissionConfig().rubric.keys
        t0 = time.perf_counter()
        for c in mission.candidates[:args.scorecards]:
            for k in keys:
                desk.edits.set_level(c, k, 4)
            desk.edits.set_recommendation(c, "admit")
            desk.edits.submit_scorecard(c)
        n_mut = sum(1 for m in desk.outbox() if m.state == "pending")
        print(f"{args.scorecards} complete scorecards written on the desk: {n_mut} mutations "
              f"({len(keys)} levels + recommendation + submit each) in "
              f"{time.perf_counter() - t0:.1f} s; batches of {BATCH_SIZE}")

        wall, rts, up, down, summary = measure(desk, proxy)
        total = up + down
        floor = total * 8 / proxy.bandwidth_bps + args.rtt
        print(f"sync of {args.scorecards} scorecards through {args.rtt * 1000:.0f} ms RTT, "
              f"{args.mbit:g} Mbit/s: {rts} round trips, {total} bytes ({up} up gzip, "
              f"{down} down), wall {wall:.2f} s")
        report(f"sync of {args.scorecards} scorecards, {args.rtt * 1000:.0f} ms RTT, "
               f"{args.mbit:g} Mbit/s", wall, floor, "s", "<= 1.2x",
               note=f"{rts} round trips, {total} bytes")
        print(f"  summary: {summary.line()}")  # type: ignore[attr-defined]
        desk.close()
    finally:
        proxy.close()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
