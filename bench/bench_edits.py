"""One durable edit (row + outbox + audit, WAL, synchronous=FULL) against its floor.

Floor (DESIGN.md §9): a raw SQLCipher commit of 3 rows (BEGIN IMMEDIATE, three INSERTs of a
similar size, COMMIT) in a file beside the desk's, same key form, WAL and synchronous=FULL,
interleaved with the edits in the same run. Every measured edit changes its row (a check-in
that finds the candidate already present writes nothing and skips the fsync). Targets:
``set_mark`` <= 2.5x, ``set_status`` <= 2x. Prints figures; asserts nothing.

    python bench/bench_edits.py [--candidates 5000] [--edits 600]
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.floor import interleave, median_ms, p, report


def raw_commit(path: Path):  # type: ignore[no-untyped-def]
    """A callable doing one fsync'd 3-row commit in its own SQLCipher file."""
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA key=\"x'{secrets.token_hex(32)}'\"")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b TEXT)")
    payload = "x" * 160  # about an outbox mutation's JSON

    def commit(_i: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        for _ in range(3):
            conn.execute("INSERT INTO t VALUES (?, ?, ?)", (str(uuid.uuid4()), payload, payload))
        conn.execute("COMMIT")

    return commit


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=5000)
    ap.add_argument("--edits", type=int, default=600, help="edits of each kind")
    args = ap.parse_args()
    os.environ.setdefault("MISSION_DESK_KEYRING", "off")
    os.environ.setdefault("MISSION_DESK_PASSPHRASE", "benchmark passphrase")
    from sqlalchemy import select

    from app.demo import init_demo
    from app.domain.marks import mark_to_wire
    from app.store.database import Store
    from app.store.edits import EditService
    from app.store.models import Candidate, Mark

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "desk")
        mission_id, chair_id = init_demo(store, candidates=args.candidates)
        svc = EditService(store, mission_id, chair_id)
        with store.read() as s:
            ids = list(s.scalars(select(Candidate.id).where(Candidate.mission_id == mission_id)))
            # What each candidate holds now: every measured edit must change something (an
            # edit that writes nothing skips the fsync, and most demo candidates are present).
            status = dict(s.execute(select(Candidate.id, Candidate.status).where(
                Candidate.mission_id == mission_id)).all())
            marks = dict(s.execute(select(Mark.candidate_id, Mark.value).where(
                Mark.marker_id == chair_id, Mark.subject == "maths")).all())
        floor = raw_commit(Path(tmp) / "floor.db")
        print(f"durable edits on a {args.candidates}-candidate mission, {args.edits} of each "
              "kind, interleaved with the floor (raw SQLCipher 3-row commit, WAL, FULL)")

        def wrote(result: object) -> None:
            if getattr(result, "mutation_id", None) is None:
                raise SystemExit("an edit wrote nothing: the benchmark measures no commit")

        def mark(i: int) -> None:
            cid = ids[i % len(ids)]
            value = Decimal((abs(i) * 7) % 81) / 4
            if mark_to_wire(value) == marks.get(cid):
                value = (value + 1) % 20
            marks[cid] = mark_to_wire(value)
            wrote(svc.set_mark(cid, "maths", value))

        def check_in(i: int) -> None:
            cid = ids[i % len(ids)]
            status[cid] = "absent" if status[cid] == "present" else "present"
            wrote(svc.set_status(cid, status[cid]))

        for name, fn, target in (("set_mark", mark, "<= 2.5x"), ("set_status", check_in, "<= 2x")):
            real, base = interleave(fn, floor, args.edits)
            print(f"  {name}: median {median_ms(real):.2f} ms, p99 {p(real, 0.99) * 1000:.2f} ms;"
                  f" floor median {median_ms(base):.2f} ms")
            report(f"durable edit ({name})", median_ms(real), median_ms(base), "ms", target)
        store.close()


if __name__ == "__main__":
    main()
