"""Import of a platform export of N candidates into a desk: peak memory and time per candidate
at two sizes (linearity), against its floor (DESIGN.md §9).

    python bench/bench_import.py [--sizes 5000,20000]

Each import runs in a fresh process (an empty demo mission, then ``import_into`` of a CSV of N
new candidates, as ``mission-desk import`` does); the parent reads the child's peak resident
memory (VmHWM). Floor, interleaved process by process: a fresh process that reads the same CSV
with the csv module and writes three raw SQLCipher rows per candidate (row, outbox, audit) in one
transaction: the same bytes through the same disk, without the rules. Targets: <= 250 MB peak
at 20,000; time linear (the figure is ms per candidate, so equal figures mean linear).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = ["application_number", "family_name", "given_names", "birth_date", "nationality",
          "email", "home_institution", "track", "partner_institution", "wishes"]
FAMILIES = ("Nguyễn", "Trần", "王", "李", "शर्मा", "Silva", "Oliveira", "García", "Hernández")


def peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(n):
            dd = i % 3 == 0
            w.writerow([f"IMP-{i:06d}", FAMILIES[i % len(FAMILIES)], f"Given {i}",
                        f"{2000 + i % 6}-0{1 + i % 9}-1{i % 10}", "Vietnam",
                        f"c{i}@example.org", "Hanoi University of Science and Technology",
                        "double degree" if dd else "free mover",
                        "HUST" if dd else "", "ENG;MSC"])


def child_real(folder: str, csv_path: str) -> None:
    os.environ["MISSION_DESK_KEYRING"] = "off"
    from app.importers.candidates import import_into
    from app.store.database import Store

    store = Store.open(Path(folder))
    mission = store.get_meta("current_mission")
    actor = store.get_meta("current_assessor")
    t0 = time.perf_counter()
    report = import_into(store, mission or "", actor or "", Path(csv_path))
    took = time.perf_counter() - t0
    store.close()
    print(json.dumps({"seconds": took, "peak_mb": peak_mb(), "imported": report.imported}))


def child_floor(folder: str, csv_path: str) -> None:
    import sqlcipher3.dbapi2 as sqlcipher

    t0 = time.perf_counter()
    conn = sqlcipher.connect(str(Path(folder) / "floor.db"), isolation_level=None)
    conn.execute(f"PRAGMA key=\"x'{secrets.token_hex(32)}'\"")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, a TEXT)")
    n = 0
    conn.execute("BEGIN IMMEDIATE")
    with open(csv_path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            text = json.dumps(row, ensure_ascii=False)
            conn.executemany("INSERT INTO t VALUES (?, ?)",
                             [(str(uuid.uuid4()), text) for _ in range(3)])
            n += 1
    conn.execute("COMMIT")
    conn.close()
    print(json.dumps({"seconds": time.perf_counter() - t0, "peak_mb": peak_mb(), "imported": n}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="5000,20000")
    ap.add_argument("--child", nargs=3, metavar=("KIND", "DIR", "CSV"))
    args = ap.parse_args()
    os.environ.setdefault("MISSION_DESK_PASSPHRASE", "benchmark passphrase")
    if args.child:
        kind, folder, csv_path = args.child
        (child_real if kind == "real" else child_floor)(folder, csv_path)
        return
    os.environ["MISSION_DESK_KEYRING"] = "off"
    from app.demo import init_demo
    from app.store.database import Store
    from bench.floor import report

    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    print("candidate import, one fresh process per run, interleaved with the floor")
    for k, size in enumerate(int(x) for x in args.sizes.split(",")):
        csv_path = tmp / f"c{size}.csv"
        write_csv(csv_path, size)
        desk = tmp / f"desk{size}"
        store = Store.open(desk)
        init_demo(store, candidates=0)
        store.close()
        (tmp / f"floor{size}").mkdir(exist_ok=True)
        results: dict[str, dict] = {}
        order = ("real", "floor") if k % 2 == 0 else ("floor", "real")
        for kind in order:
            out = subprocess.run([sys.executable, __file__, "--child", kind,
                                  str(desk if kind == "real" else tmp / f"floor{size}"),
                                  str(csv_path)], capture_output=True, text=True, cwd=ROOT,
                                 check=True)
            results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
        real, floor = results["real"], results["floor"]
        print(f"  {size} candidates: imported {real['imported']} in {real['seconds']:.2f} s, "
              f"peak {real['peak_mb']:.0f} MB; floor {floor['seconds']:.2f} s, "
              f"peak {floor['peak_mb']:.0f} MB")
        report(f"import of {size} candidates, per candidate", real["seconds"] * 1000 / size,
               floor["seconds"] * 1000 / size, "ms", "time linear")
        report(f"import of {size} candidates, peak memory", real["peak_mb"], None, "MB",
               "<= 250 MB")


if __name__ == "__main__":
    main()
