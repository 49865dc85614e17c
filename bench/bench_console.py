"""Console page time (issue 14): the missions list and a 1,000-candidate results table,
rendered server-side on PostgreSQL.

Prepares a fresh schema in MISSION_DESK_TEST_DATABASE_URL (default
postgresql+psycopg://postgres@127.0.0.1:5432/test): one mission of N candidates (each with
two markers' marks in three subjects, two submitted scorecards, a decision for half of them)
and nine smaller missions, written straight into the tables (a benchmark's set-up, not user
edits). Then requests each page in-process (the app's whole stack: session look-up, route,
queries, scoring, Jinja rendering, security headers; no socket), signed in as a viewer.

Floor, interleaved with the pages: the same rows fetched with one raw SQL query (psycopg) and
joined into a string. Target: each page <= 150 ms (issue 14); the ratio shows what the
console adds to reading its rows. The note gives the CPU time this process spent per page
(the wall time also holds waits for a CPU on a shared machine). Scores are computed once per
mission change (server.scores keeps them while Mission.last_seq stands still): the rounds
measure pages of an unchanged mission, and the last row a page right after a change (one
candidate's status written with a new seq, as a sync writes it).
Prints figures; asserts nothing.

    python bench/bench_console.py [--candidates 1000] [--rounds 15]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
from fastapi.testclient import TestClient
from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.mission import MissionConfig, ProgrammeOption
from bench.floor import interleave, median_ms, report
from bench.pg_schema import throwaway_schema
from server import accounts, missions
from server.api import create_app
from server.db import make_engine, session_factory
from server.migrate import upgrade
from server.models import Candidate, Decision, Mark, Scorecard, new_id

PASSWORD = "bench password"
SUBJECTS = ("maths", "physics", "specialty")
NAMES = [("Nguyễn", "Thị Minh Anh"), ("Sharma", "Priya"), ("Trần", "Văn Bảo"),
         ("García", "José Luis"), ("王", "小明"), ("Silva", "João"), ("Lim", "Wei Jie")]
COUNTRIES = ("Vietnam", "India", "China", "Mexico", "Brazil", "Malaysia", "Colombia")
TABLE_FLOOR_SQL = """
SELECT c.id, c.application_number, c.family_name, c.given_names, c.nationality, c.track,
       c.status, d.outcome, d.option_code
FROM candidate c LEFT JOIN decision d ON d.candidate_id = c.id AND NOT d.deleted
WHERE c.mission_id = %s AND NOT c.deleted ORDER BY c.application_number"""
MISSIONS_FLOOR_SQL = """
SELECT m.id, m.code, m.city, m.country, m.start_date, m.end_date, count(c.id)
FROM mission m LEFT JOIN candidate c ON c.mission_id = m.id AND NOT c.deleted
WHERE NOT m.deleted GROUP BY m.id ORDER BY m.code"""


def populate(sessions: Any, n: int, code: str, seed: int) -> str:
    rnd = random.Random(seed)
    with sessions() as s, s.begin():
        m = missions.create_mission(
            s, code=code, name=code, country="Vietnam", city="Hanoi",
            timezone="Asia/Ho_Chi_Minh", start="2027-01-10", end="2027-01-20",
            chair="chair", members=[missions.parse_member("marker:professor")],
            config=MissionConfig(options=(ProgrammeOption(code="ENG", label="Engineering"),)))
        team = dict(s.execute(text("SELECT name, id FROM assessor WHERE mission_id = :m"),
                              {"m": m.id}).all())
        markers = list(team.values())
        cands, marks, cards, decisions = [], [], [], []
        levels = MissionConfig().rubric.keys
        for i in range(n):
            family, given = NAMES[i % len(NAMES)]
            cid = new_id()
            track = "double_degree" if i % 5 == 0 else "free_mover"
            cands.append({"id": cid, "mission_id": m.id, "application_number": f"{code}-{i:05d}",
                          "family_name": family, "given_names": f"{given} {i}",
                          "nationality": COUNTRIES[i % len(COUNTRIES)], "track": track,
                          "status": "present", "wishes": [], "versions": {}, "seq": 0,
                          "deleted": False, "unavailable": ""})
            for subject in SUBJECTS:
                for marker in markers:
                    marks.append({"id": new_id(), "mission_id": m.id, "candidate_id": cid,
                                  "subject": subject, "marker_id": marker,
                                  "value": f"{rnd.randint(4, 19)}.{rnd.choice((0, 25, 5, 75))}",
                                  "versions": {}, "seq": 0, "deleted": False})
            for author in markers:
                cards.append({"id": new_id(), "mission_id": m.id, "candidate_id": cid,
                              "author_id": author, "levels": {k: rnd.randint(1, 5)
                                                              for k in levels},
                              "notes": "Clear answers; motivated.", "recommendation": "admit",
                              "submitted": True, "amendments": 0, "versions": {}, "seq": 0,
                              "deleted": False})
            if i % 2 == 0:
                decisions.append({"id": new_id(), "mission_id": m.id, "candidate_id": cid,
                                  "outcome": rnd.choice(("admit", "waitlist", "reject")),
                                  "option_code": None, "rationale": "", "override_reason": "",
                                  "versions": {}, "seq": 0, "deleted": False})
        for d in decisions:
            if d["outcome"] == "admit":
                d["option_code"] = "ENG"
        s.execute(insert(Candidate), cands)
        s.execute(insert(Mark), marks)
        s.execute(insert(Scorecard), cards)
        if decisions:
            s.execute(insert(Decision), decisions)
        return m.id


def sign_in(client: TestClient, username: str) -> None:
    client.get("/login")
    r = client.post("/login", data={"username": username, "password": PASSWORD,
                                    "csrf_token": client.cookies.get("md_login_csrf") or ""},
                    follow_redirects=False)
    if r.status_code != 303:
        raise SystemExit(f"sign-in failed: {r.status_code} {r.text[:200]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candidates", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()

    with throwaway_schema() as db_url:
        engine = make_engine(db_url)
        upgrade(engine)
        sessions = session_factory(engine)
        with sessions() as s, s.begin():
            for name in ("chair", "marker"):
                accounts.create_user(s, name, PASSWORD, name=name.title())
            accounts.create_user(s, "viewer", PASSWORD, name="Viewer", console_role="viewer")
        big = populate(sessions, args.candidates, "VN-2027-HANOI", 1)
        for k in range(9):
            populate(sessions, 100, f"M{k}-2027", 10 + k)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))

        raw = psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://"),
                              autocommit=True)
        client = TestClient(create_app(engine=engine))
        sign_in(client, "viewer")

        def page(url: str) -> Any:
            def work(_i: int) -> None:
                r = client.get(url)
                if r.status_code != 200:
                    raise SystemExit(f"{url}: {r.status_code}")
            return work

        def floor(sql: str, *params: Any) -> Any:
            def run(_i: int) -> None:
                with raw.cursor() as cur:
                    cur.execute(sql, params)
                    "\n".join("\t".join(str(v) for v in row) for row in cur.fetchall())
            return run

        table = f"/missions/{big}/candidates?per_page=1000"
        probe = client.get(table).text
        shown = probe.count('<a href="/candidates/')
        pages = [
            ("missions list (10 missions)", "/missions", floor(MISSIONS_FLOOR_SQL)),
            (f"results table, {shown} candidates on one page", table,
             floor(TABLE_FLOOR_SQL, big)),
            (f"results table, first page of 50 of {args.candidates}",
             f"/missions/{big}/candidates", floor(TABLE_FLOOR_SQL, big)),
            (f"rankings page, {args.candidates} candidates with chart",
             f"/missions/{big}/rankings", floor(TABLE_FLOOR_SQL, big)),
        ]
        print(f"console pages on PostgreSQL, {args.rounds} rounds each "
              "(median; in-process requests)")
        for what, url, base in pages:
            status = client.get(url).status_code
            if status != 200:
                print(f"  {what}: {url} answers {status}; not measured", flush=True)
                continue
            real, fl = interleave(page(url), base, args.rounds)
            cpu = []
            for _ in range(max(3, args.rounds // 3)):
                t = time.process_time()
                page(url)(0)
                cpu.append(time.process_time() - t)
            report(what, median_ms(real), median_ms(fl), "ms", "<= 150 ms",
                   note=f"CPU of this process per page {median_ms(cpu):.0f} ms")
        # after a change: before each page (untimed) a candidate's status is written with a new
        # seq, as a sync writes it; that candidate is scored again and the ranks set again
        real, fl, cpu = [], [], []
        work, base = page(table), floor(TABLE_FLOOR_SQL, big)
        for i in range(args.rounds):
            with raw.cursor() as cur:  # what a sync of one check-in writes
                cur.execute("UPDATE mission SET last_seq = last_seq + 1 WHERE id = %s "
                            "RETURNING last_seq", (big,))
                seq = cur.fetchone()[0]  # type: ignore[index]
                cur.execute("UPDATE candidate SET status = %s, seq = %s WHERE id = ("
                            "SELECT id FROM candidate WHERE mission_id = %s "
                            "ORDER BY application_number OFFSET %s LIMIT 1)",
                            ("absent" if i % 2 else "present", seq, big, i * 7))
            pair = ((work, real), (base, fl)) if i % 2 == 0 else ((base, fl), (work, real))
            for fn, out in pair:
                t, c = time.perf_counter(), time.process_time()
                fn(i)
                out.append(time.perf_counter() - t)
                if fn is work:
                    cpu.append(time.process_time() - c)
        report(f"results table, {shown} candidates, right after a change", median_ms(real),
               median_ms(fl), "ms", "<= 150 ms",
               note=f"one candidate scored again, ranks set again; CPU of this process per page "
                    f"{median_ms(cpu):.0f} ms")
        raw.close()
        client.close()
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
