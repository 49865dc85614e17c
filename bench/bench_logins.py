"""Peak memory of a server under a burst of wrong sign-ins (issue 11, DESIGN.md §6, §9).

    python bench/bench_logins.py [--attempts 40] [--same-user]

Starts `mission-desk-server serve` (production argon2id: 64 MiB a hash) on a fresh SQLite
database, signs in once (the floor: the server's peak RSS after one hash), then sends
``--attempts`` wrong sign-ins at once (distinct user names by default, so the per-name
throttle does not spare the hashing) and prints the server's peak RSS (VmHWM), beside the
floor and what unbounded hashing would have added. Linux only (/proc). Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.floor import report  # noqa: E402
from server.passwords import HASH_CONCURRENCY  # noqa: E402
from tests.server.live import free_port  # noqa: E402

PASSWORD = "a long enough password"
ARGON2_MIB = 64


def _status(pid: int, field: str) -> float:
    """A /proc/PID/status figure in MiB (VmRSS now, VmHWM the peak so far)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def _server(db_url: str, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, MISSION_DESK_DATABASE_URL=db_url)
    subprocess.run([sys.executable, "-m", "server.cli", "migrate"], env=env, cwd=ROOT,
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "server.cli", "create-user", "alice",
                    "--password-stdin"], env=env, cwd=ROOT, check=True, capture_output=True,
                   input=(PASSWORD + "\n").encode())
    proc = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--host", "127.0.0.1", "--port",
         str(port), "--log-level", "error"], env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1)
            return proc
        except httpx.TransportError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise SystemExit("the server did not start") from None
            time.sleep(0.1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--attempts", type=int, default=40)
    ap.add_argument("--same-user", action="store_true",
                    help="every attempt on one user name (the throttle answers most 429)")
    args = ap.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        proc = _server(f"sqlite:///{Path(tmp) / 'server.sqlite3'}", port)
        login = f"http://127.0.0.1:{port}/api/v1/login"
        try:
            idle = _status(proc.pid, "VmRSS")
            ok = httpx.post(login, json={"username": "alice", "password": PASSWORD}, timeout=60)
            assert ok.status_code == 200, ok.text
            floor = _status(proc.pid, "VmHWM")

            def attempt(i: int) -> int:
                name = "alice" if args.same_user else f"ghost{i:03d}"
                return httpx.post(login, json={"username": name, "password": "wrong guess"},
                                  timeout=300).status_code

            t0 = time.perf_counter()
            with ThreadPoolExecutor(args.attempts) as pool:
                codes = Counter(pool.map(attempt, range(args.attempts)))
            took = time.perf_counter() - t0
            peak = _status(proc.pid, "VmHWM")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"server RSS idle {idle:.0f} MiB; peak after one sign-in {floor:.0f} MiB; peak under "
          f"{args.attempts} parallel wrong sign-ins {peak:.0f} MiB (answers: "
          f"{dict(sorted(codes.items()))}, {took:.1f} s)")
    print(f"hashing bound: {HASH_CONCURRENCY} at once; unbounded, {args.attempts} hashes would "
          f"have added up to {args.attempts * ARGON2_MIB} MiB")
    report(f"server peak RSS, {args.attempts} parallel wrong sign-ins", peak, floor, "MiB",
           f"<= floor + {(HASH_CONCURRENCY - 1) * ARGON2_MIB} MiB (bounded hashing)",
           note=f"idle {idle:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
