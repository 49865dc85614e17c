"""Server push benchmark (DESIGN.md §9): N desks pushing M mutations each, all at once.

Starts a real `mission-desk-server serve` process on 127.0.0.1 against PostgreSQL (a fresh
schema in MISSION_DESK_TEST_DATABASE_URL, default postgresql+psycopg://postgres@127.0.0.1/test),
prepares the missions and one user per desk, then every desk pushes its mutations in batches
concurrently (httpx async client). Prints throughput (mutations/s) and request latency
percentiles, then resends every desk's first batch (a retry storm) and counts rows: nothing
lost, nothing doubled. Figures are printed, never asserted.

Floor (DESIGN.md §9), interleaved: the desks are pushed in two halves; beside each half, the
same mutations are written by raw psycopg into plain tables of the same shape (the row, the
stored outcome, one audit entry per field; one transaction per batch, executemany), on one
connection. Target: throughput >= 0.5x the floor. The desks push only (``"pull": false``, as
a desk's batches with more behind them do): the floor writes and reads nothing. With
``--pull`` (or a ``:pull`` setup) each desk's last batch also pulls the mission's changes, as
a desk's last batch does: that row shows what the reads add, against the same floor.

    python bench/bench_server.py [--clients 50] [--mutations 200] [--batch 200]
                                 [--missions 1] [--workers 1] [--pull]
                                 [--setups 1:1,10:2,10:2:pull]

Several missions and workers scale (issue 15): ``--setups 1:1,10:2`` runs the desks on one
mission through one worker, then spread over 10 missions through 2 workers, each with its
floor. The CPU time the server's workers, PostgreSQL and this client used during the pushes
is printed beside (Linux): on this 2-core machine they share the cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.mission import MissionConfig, ProgrammeOption
from app.domain.mutation import mutation_hash
from bench.floor import report
from bench.pg_schema import throwaway_schema
from server import accounts, missions
from server.db import make_engine, session_factory
from server.migrate import upgrade
from server.models import AuditEntry, Candidate, Mark, MutationOutcome
from sync.protocol import BATCH_SIZE

FLOOR_DDL = (
    "CREATE TABLE f_row (id varchar(36) PRIMARY KEY, mission_id varchar(36), "
    "fields jsonb, version integer)",
    "CREATE TABLE f_outcome (client_id varchar(36), mission_id varchar(36), mid bigint, "
    "mutation_id varchar(36), hash varchar(64), status varchar(12), detail text, "
    "received_at timestamptz DEFAULT now(), PRIMARY KEY (client_id, mission_id, mid))",
    "CREATE TABLE f_audit (id bigserial PRIMARY KEY, mission_id varchar(36), entity varchar(16),"
    " row_id varchar(36), field varchar(40), old jsonb, new jsonb, client_at varchar(64), "
    "server_at timestamptz DEFAULT now(), mutation_id varchar(36), client_id varchar(36))",
)

PASSWORD = "bench password"
SUBJECTS = ("maths", "physics", "specialty")


def cpu_by_process() -> dict[str, float]:
    """CPU seconds (user + system) used so far by this machine's processes, by kind: the
    server's workers, PostgreSQL's backends, this benchmark (Linux /proc; empty elsewhere).
    A process's own time plus its exited children's: PostgreSQL's backends for the pool's
    overflow connections end before the pushes do, and their CPU would go uncounted."""
    out: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            cmd = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = text.rsplit(")", 1)[1].split()
        # utime, stime, then cutime, cstime (children waited for)
        used = sum(int(v) for v in fields[11:15]) / tick
        if "server.cli" in cmd or "multiprocessing" in cmd:
            kind = "server"
        elif "postgres" in text.split(")")[0]:
            kind = "postgresql"
        elif int(stat.parent.name) == os.getpid():
            kind = "bench client"
        else:
            continue
        out[kind] = out.get(kind, 0.0) + used
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def mutation(mid: int, entity: str, row_id: str, fields: dict[str, Any],
             base: dict[str, int] | None = None) -> dict[str, Any]:
    mid_id = str(uuid.uuid4())
    base = base or {}
    at = f"2027-01-12T09:00:00.{mid:06d}Z-0000-bench"
    return {"mid": mid, "id": mid_id, "entity": entity, "row_id": row_id, "fields": fields,
            "base": base, "at": at, "hash": mutation_hash(mid_id, entity, row_id, fields, base,
                                                          at)}


def desk_mutations(desk: int, mission_id: str, assessor_id: str, n: int) -> list[dict[str, Any]]:
    """A desk's day: candidates registered, marks typed, presence ticked (n mutations)."""
    out: list[dict[str, Any]] = []
    mid = 0
    per_candidate = 1 + len(SUBJECTS) + 1
    for c in range((n + per_candidate - 1) // per_candidate):
        cid = str(uuid.uuid4())
        steps: list[tuple[str, str, dict[str, Any], dict[str, int] | None]] = [
            ("candidate", cid, {"mission_id": mission_id,
                                "application_number": f"D{desk:03d}-{c:04d}",
                                "family_name": "Nguyễn", "given_names": "Thị Minh Anh",
                                "track": "free_mover"}, None)]
        for k, subject in enumerate(SUBJECTS):
            steps.append(("mark", str(uuid.uuid4()), {
                "candidate_id": cid, "subject": subject, "marker_id": assessor_id,
                "value": f"{(desk + c + k) % 20}.25"}, None))
        steps.append(("candidate", cid, {"status": "present"}, {"status": 1}))
        for entity, row_id, fields, base in steps:
            if len(out) == n:
                return out
            mid += 1
            out.append(mutation(mid, entity, row_id, fields, base))
    return out


def encoded_batches(muts: list[dict[str, Any]], batch: int) -> list[bytes]:
    """Each batch's mutations as the JSON text a desk sends. Encoded before
    the clock starts: a desk encodes on its own laptop, not on the server's cores, which this
    client shares here."""
    return [json.dumps(muts[i:i + batch]).encode() for i in range(0, len(muts), batch)]


async def run_desk(client: httpx.AsyncClient, url: str, token: str, client_id: str,
                   batches: list[bytes], latencies: list[float],
                   pull: bool) -> list[dict[str, Any]]:
    """One desk's sync. ``pull``: its last batch asks for the mission's changes, as a desk's
    does (with --batch = --mutations, every request); else pushes only."""
    results: list[dict[str, Any]] = []
    cursor = 0
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for k, mutations in enumerate(batches):
        last = k == len(batches) - 1
        head = json.dumps({"client_id": client_id, "schema": 1, "cursor": cursor,
                           "pull": pull and last})
        body = head[:-1].encode() + b', "mutations": ' + mutations + b"}"
        t0 = time.perf_counter()
        r = await client.post(url, content=body, headers=headers)
        latencies.append(time.perf_counter() - t0)
        r.raise_for_status()
        data = r.json()
        results.extend(data["results"])
        cursor = data["cursor"]
    return results


def floor_push(conn: psycopg.Connection, desks: list[Any], batch: int) -> None:
    """The same mutations as raw inserts: row (upsert), outcome, audit per field."""
    with conn.cursor() as cur:
        for _tok, mission_id, client_id, muts in desks:
            for i in range(0, len(muts), batch):
                chunk = muts[i:i + batch]
                with conn.transaction():
                    cur.executemany(
                        "INSERT INTO f_row VALUES (%s, %s, %s, 1) ON CONFLICT (id) DO UPDATE "
                        "SET fields = f_row.fields || EXCLUDED.fields, version = f_row.version + 1",
                        [(m["row_id"], mission_id, json.dumps(m["fields"])) for m in chunk])
                    cur.executemany(
                        "INSERT INTO f_outcome (client_id, mission_id, mid, mutation_id, hash, "
                        "status, detail) VALUES (%s, %s, %s, %s, %s, 'applied', '')",
                        [(client_id, mission_id, m["mid"], m["id"], m["hash"]) for m in chunk])
                    cur.executemany(
                        "INSERT INTO f_audit (mission_id, entity, row_id, field, old, new, "
                        "client_at, mutation_id, client_id) VALUES (%s, %s, %s, %s, NULL, %s, "
                        "%s, %s, %s)",
                        [(mission_id, m["entity"], m["row_id"], f, json.dumps(v), m["at"],
                          m["id"], client_id) for m in chunk for f, v in m["fields"].items()])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--mutations", type=int, default=200)
    ap.add_argument("--batch", type=int, default=BATCH_SIZE,
                    help="mutations per request (default: the desk's BATCH_SIZE)")
    ap.add_argument("--missions", type=int, default=1,
                    help="desks are spread over this many missions (1: all on one mission)")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--pull", action="store_true",
                    help="each desk's last batch also pulls the mission's changes")
    ap.add_argument("--setups", default="",
                    help="several runs, each MISSIONS:WORKERS[:pull], comma-separated (e.g. "
                         "1:1,10:2,10:2:pull for one mission on one worker, then 10 missions "
                         "on 2 workers, pushing only and then pulling too); overrides "
                         "--missions, --workers and --pull")
    args = ap.parse_args()
    setups = [(int(p[0]), int(p[1]), p[2:] == ["pull"])
              for p in (s.split(":") for s in args.setups.split(",") if s)] or [
        (args.missions, args.workers, args.pull)]
    worst = 0
    for missions_, workers, pull in setups:
        worst = max(worst, run(argparse.Namespace(**{**vars(args), "missions": missions_,
                                                     "workers": workers, "pull": pull})))
    return worst


def run(args: argparse.Namespace) -> int:
    """One setup: a fresh schema and server, every desk's pushes, the floor interleaved."""
    with throwaway_schema() as db_url:
        proc = None
        try:
            engine = make_engine(db_url)
            upgrade(engine)
            sessions = session_factory(engine)
            mission_ids: list[str] = []
            with sessions() as s, s.begin():
                for i in range(args.clients):
                    accounts.create_user(s, f"desk{i:03d}", PASSWORD)
                for k in range(args.missions):
                    team = [f"desk{i:03d}" for i in range(args.clients) if i % args.missions == k]
                    m = missions.create_mission(
                        s, code=f"BENCH-{k}", name="bench", country="India", city="Chennai",
                        timezone="UTC", start="2027-01-10", end="2027-01-20", chair=team[0],
                        members=[missions.parse_member(f"{u}:professor") for u in team],
                        config=MissionConfig(options=(ProgrammeOption(code="ENG",
                                                                      label="Engineering"),)))
                    mission_ids.append(m.id)

            port = free_port()
            env = dict(os.environ, MISSION_DESK_DATABASE_URL=db_url)
            proc = subprocess.Popen(
                [sys.executable, "-m", "server.cli", "serve", "--host", "127.0.0.1", "--port",
                 str(port), "--workers", str(args.workers), "--log-level", "warning"],
                env=env, cwd=Path(__file__).resolve().parents[1])
            api = f"http://127.0.0.1:{port}/api/v1"
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{api}/missions", timeout=1)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.1)

            desks = []
            with httpx.Client(timeout=60) as c:
                for i in range(args.clients):
                    tok = c.post(f"{api}/login", json={"username": f"desk{i:03d}",
                                                        "password": PASSWORD}).json()["token"]
                    r = c.get(f"{api}/missions", headers={"Authorization": f"Bearer {tok}"})
                    if r.status_code != 200:
                        raise SystemExit(f"listing missions failed: {r.status_code} {r.text}")
                    mine = r.json()[0]
                    muts = desk_mutations(i, mine["id"], mine["assessor_id"], args.mutations)
                    desks.append((tok, mine["id"], str(uuid.uuid4()), muts))

            latencies: list[float] = []

            async def push_all(group: list[Any], first_batch_only: bool = False
                               ) -> tuple[float, list[Any]]:
                limits = httpx.Limits(max_connections=args.clients + 10)
                jobs = [(tok, mid, cid, encoded_batches(
                    muts[:args.batch] if first_batch_only else muts, args.batch))
                    for tok, mid, cid, muts in group]
                async with httpx.AsyncClient(timeout=120, limits=limits) as client:
                    t0 = time.perf_counter()
                    outs = await asyncio.gather(*(
                        run_desk(client, f"{api}/missions/{mid}/sync", tok, cid, batches,
                                 latencies if not first_batch_only else [], args.pull)
                        for tok, mid, cid, batches in jobs))
                    return time.perf_counter() - t0, outs

            raw_url = db_url.replace("postgresql+psycopg://", "postgresql://")
            floor_conn = psycopg.connect(raw_url, autocommit=True)
            for ddl in FLOOR_DDL:
                floor_conn.execute(ddl)
            half = len(desks) // 2 or 1
            groups = [desks[:half], desks[half:]] if len(desks) > 1 else [desks]
            elapsed = floor_time = 0.0
            cpu_used: dict[str, float] = {}
            outs: list[Any] = []
            for k, group in enumerate(groups):
                order = ("real", "floor") if k % 2 == 0 else ("floor", "real")
                for side in order:
                    if side == "real":
                        before = cpu_by_process()
                        took, got = asyncio.run(push_all(group))
                        after = cpu_by_process()
                        for kind, v in after.items():
                            cpu_used[kind] = cpu_used.get(kind, 0.0) + v - before.get(kind, 0.0)
                        elapsed += took
                        outs += got
                    else:
                        t0 = time.perf_counter()
                        floor_push(floor_conn, group, args.batch)
                        floor_time += time.perf_counter() - t0
            floor_conn.close()
            total = sum(len(d[3]) for d in desks)
            statuses: dict[str, int] = {}
            for res in outs:
                for r in res:
                    statuses[r["status"]] = statuses.get(r["status"], 0) + 1
            lat = sorted(latencies)
            p95 = lat[int(0.95 * (len(lat) - 1))]
            print(f"clients={args.clients} mutations/client={args.mutations} batch={args.batch} "
                  f"missions={args.missions} workers={args.workers} pull={args.pull}")
            print(f"pushed {total} mutations in {elapsed:.2f} s: "
                  f"{total / elapsed:,.0f} mutations/s;"
                  f" floor (raw psycopg, one connection) {total / floor_time:,.0f} rows/s")
            print(f"requests={len(lat)} latency p50={statistics.median(lat) * 1000:.0f} ms "
                  f"p95={p95 * 1000:.0f} ms max={lat[-1] * 1000:.0f} ms")
            print(f"statuses: {statuses}")
            if cpu_used:
                print("CPU during the pushes: " + ", ".join(
                    f"{kind} {v:.2f} s" for kind, v in sorted(cpu_used.items()))
                    + f" (wall {elapsed:.2f} s, {os.cpu_count()} cores)")
            # Throughput: a ratio >= 0.5 is the target, so the floor divides the other way.
            # The floor writes; a pulling desk also reads the others' changes (up to a page
            # each): that row has no target, it shows what pulling adds.
            report(f"server push{' + pull' if args.pull else ''} throughput, {args.clients} "
                   f"desks x {args.mutations}, {args.missions} mission(s), {args.workers} "
                   "worker(s)", total / elapsed, total / floor_time, "mutations/s",
                   "- (reads too)" if args.pull else ">= 0.5x")

            _, replay = asyncio.run(push_all(desks, first_batch_only=True))
            replay_statuses = {r["status"] for res in replay for r in res}
            print(f"retry storm: {sum(len(r) for r in replay)} resent mutations answered "
                  f"{sorted(replay_statuses)}")

            n_cand = sum(1 for d in desks for m in d[3] if m["entity"] == "candidate"
                         and "application_number" in m["fields"])
            n_marks = sum(1 for d in desks for m in d[3] if m["entity"] == "mark")
            n_status = total - n_cand - n_marks
            with sessions() as s:
                got_cand = s.scalar(select(func.count()).select_from(Candidate))
                got_present = s.scalar(select(func.count()).select_from(Candidate).where(
                    Candidate.status == "present"))
                got_marks = s.scalar(select(func.count()).select_from(Mark))
                got_outcomes = s.scalar(select(func.count()).select_from(MutationOutcome))
                got_mark_audit = s.scalar(select(func.count()).select_from(AuditEntry).where(
                    AuditEntry.entity == "mark"))
            ok = (got_cand == n_cand and got_marks == n_marks and got_present == n_status
                  and got_outcomes == total and got_mark_audit == n_marks)
            print(f"rows: candidates {got_cand}/{n_cand}, present {got_present}/{n_status}, "
                  f"marks {got_marks}/{n_marks}, mark audit {got_mark_audit}/{n_marks}, "
                  f"outcomes {got_outcomes}/{total} -> "
                  f"{'none lost, none doubled' if ok else 'MISMATCH'}")
            engine.dispose()
            return 0 if ok else 1
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
