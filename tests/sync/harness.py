"""A real server process on 127.0.0.1, missions and desks for the end-to-end sync tests, and
the invariants of DESIGN.md §8 checked against both sides."""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from app.domain.candidate import CandidateRecord
from app.domain.mission import MissionConfig, ProgrammeOption
from app.store.database import Store
from app.store.edits import EditService
from app.store.models import Conflict as DeskConflict
from app.store.models import OutboxMutation
from app.store.package import MODELS as DESK_MODELS
from server import accounts, feed, missions
from server.db import make_engine, session_factory
from server.migrate import upgrade
from server.models import SYNCED_MODELS, MutationOutcome
from server.models import Conflict as ServerConflict
from server.models import Mission as ServerMission
from server.rows import WIRE_FIELDS, to_change
from sync import credentials
from sync.client import SyncClient
from sync.transport import RetryPolicy, Timeouts

PASSWORD = "correct horse battery"
ENTITIES = ("assessor", "candidate", "interview", "mark", "scorecard", "decision", "seat",
            "anonymity")
CONFIG = MissionConfig(options=(ProgrammeOption(code="ENG", label="Engineering cycle"),
                                ProgrammeOption(code="MSC", label="MSc Data")))
# Fast retries: the tests exercise the retry path, not the waiting.
FAST_RETRY = RetryPolicy(attempts=8, base=0.02, cap=0.2)
FAST_TIMEOUTS = Timeouts(connect=5, read=10)
_counter = itertools.count(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# Runs `server.cli serve` with the feed's page size set first: a test can put the next page
# of changes a few rows away instead of PAGE_SIZE (500) rows away, with no server setting.
_SERVE_WITH_PAGE_SIZE = ("import sys, server.feed, server.cli; "
                         "server.feed.PAGE_SIZE = int(sys.argv[1]); "
                         "sys.exit(server.cli.main(sys.argv[2:]))")


class ServerProcess:
    """`python -m server.cli serve` over a SQLite file, in its own process; ``page_size``
    (changes per pulled page) defaults to the protocol's PAGE_SIZE."""

    def __init__(self, workdir: Path, page_size: int | None = None) -> None:
        self.db_url = f"sqlite:///{workdir / 'server.sqlite3'}"
        self.engine: Engine = make_engine(self.db_url)
        upgrade(self.engine)
        self.sessions = session_factory(self.engine)
        self.port = free_port()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.log = open(workdir / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self.page_size = page_size
        launcher = (["-c", _SERVE_WITH_PAGE_SIZE, str(page_size)] if page_size
                    else ["-m", "server.cli"])
        self.proc = subprocess.Popen(
            [sys.executable, *launcher, "serve", "--database-url", self.db_url,
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the server process did not start") from None
                time.sleep(0.1)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        self.engine.dispose()


@dataclass
class MissionSetup:
    mission_id: str
    code: str
    users: dict[str, str]  # role name -> username
    candidates: list[str] = field(default_factory=list)


def make_mission(server: ServerProcess, n_candidates: int = 6,
                 users: dict[str, str] | None = None) -> MissionSetup:
    """A fresh mission with its own chair, professor and representative (unique names), or
    with the ``users`` of an earlier one (no new password to hash)."""
    n = next(_counter)
    tag = uuid.uuid4().hex[:6]
    new = users is None
    users = users or {"chair": f"chair{n}{tag}", "prof": f"prof{n}{tag}", "rep": f"rep{n}{tag}"}
    with server.sessions() as s, s.begin():
        for role, name in users.items() if new else ():
            accounts.create_user(s, name, PASSWORD, name=f"{role.title()} {n}")
        m = missions.create_mission(
            s, code=f"IN-{n}-{tag}".upper(), name="Chennai", country="India", city="Chennai",
            timezone="Asia/Kolkata", start="2027-01-10", end="2027-01-20",
            chair=users["chair"], members=[missions.parse_member(f"{users['prof']}:professor"),
                                           missions.parse_member(f"{users['rep']}:representative")],
            config=CONFIG)
        records = [CandidateRecord(application_number=f"A{n}-{i:04d}", family_name="Nguyễn",
                                   given_names=f"Thị {i}", track="free_mover")
                   for i in range(n_candidates)]
        missions.add_candidates(s, m, records)
        setup = MissionSetup(m.id, m.code, users)
    with server.sessions() as s:
        setup.candidates = sorted(c.row_id for c in server_rows(s, setup.mission_id, "candidate"))
    return setup


def server_rows(s: Any, mission_id: str, entity: str) -> list[Any]:
    model = SYNCED_MODELS[entity]
    rows = s.scalars(select(model).where(model.mission_id == mission_id,  # type: ignore[attr-defined]
                                         model.deleted.is_(False)))  # type: ignore[attr-defined]
    return [to_change(entity, r) for r in rows]


class Desk:
    """One laptop: its own data directory, store, edit service and sync client."""

    def __init__(self, root: Path, name: str, url: str, username: str, *,
                 token: str | None = None, mission_code: str | None = None) -> None:
        """``token``: a device token of ``username`` (skips the sign-in); ``mission_code``:
        the mission a first pull takes (needed when the user has several)."""
        self.name = name
        self.data_dir = root / name
        self.url = url
        self.username = username
        self.store = Store.open(self.data_dir)
        self.client = self._client()
        if token:
            credentials.save_token(self.store, url, username, token)
            self.client.transport.token = token
        else:
            self.client.login(PASSWORD)
        self.mission_code = mission_code
        self.edits: EditService | None = None

    def _client(self) -> SyncClient:
        return SyncClient(self.store, self.url, self.username, retry=FAST_RETRY,
                          timeouts=FAST_TIMEOUTS)

    def sync(self) -> Any:
        summary = self.client.sync(self.mission_code)
        if self.edits is None:
            self.edits = EditService(self.store, self.store.get_meta("current_mission") or "",
                                     self.store.get_meta("current_assessor") or "")
        else:
            self.edits.reload()
        return summary

    @property
    def actor(self) -> str:
        return self.store.get_meta("current_assessor") or ""

    def restart(self) -> None:
        """The desk process killed and started again: a new store and client, same folder."""
        self.client.close()
        self.store.close()
        self.store = Store.open(self.data_dir)
        self.client = self._client()
        if self.edits is not None:
            self.edits = EditService(self.store, self.edits.mission_id, self.edits.actor_id)

    def close(self) -> None:
        self.client.close()
        self.store.close()

    def outbox(self) -> list[OutboxMutation]:
        with self.store.read() as s:
            return list(s.scalars(select(OutboxMutation).order_by(OutboxMutation.mid)))

    def snapshot(self) -> dict[str, dict[str, dict[str, Any]]]:
        out: dict[str, dict[str, dict[str, Any]]] = {}
        with self.store.read() as s:
            for entity in ENTITIES:
                model = DESK_MODELS[entity]
                out[entity] = {r.id: _norm(entity, {f: getattr(r, f)
                                                    for f in WIRE_FIELDS[entity]})
                               for r in s.scalars(select(model))}
        return out


def _norm(entity: str, fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if entity == "scorecard" and out.get("submitted_at") is not None:
        v = out["submitted_at"]
        out["submitted_at"] = v if isinstance(v, str) else v.isoformat(timespec="microseconds")
    return out


def server_snapshot(server: ServerProcess, mission_id: str, viewer: str
                    ) -> dict[str, dict[str, dict[str, Any]]]:
    """The rows ``viewer`` (an assessor id) may hold, as the server holds them: the server's
    own rule (server.feed.rows_for, the blind panel's included) applied to every live row."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    with server.sessions() as s:
        mission = s.get(ServerMission, mission_id)
        for entity in ENTITIES:
            keys = [(entity, r.row_id) for r in server_rows(s, mission_id, entity)]
            rows = feed.rows_for(s, mission, viewer, keys)
            out[entity] = {r.row_id: _norm(entity, dict(r.fields)) for r in rows}
    return out


def check_invariants(server: ServerProcess, mission_id: str, desks: list[Desk],
                     converged: bool) -> None:
    """DESIGN.md §8: nothing lost, nothing duplicated, one final status per mutation, no
    silent overwrite; after a clean sync everyone holds the server's rows."""
    with server.sessions() as s:
        outcomes = list(s.scalars(select(MutationOutcome).where(
            MutationOutcome.mission_id == mission_id)))
    by_client: dict[str, dict[int, MutationOutcome]] = {}
    for o in outcomes:
        by_client.setdefault(o.client_id, {})[o.mid] = o
    # Nothing duplicated: a mutation id is stored once on the server.
    dup = [k for k, v in Counter(o.mutation_id for o in outcomes).items() if v > 1]
    assert not dup, f"mutations stored twice: {dup}"
    for desk in desks:
        stored = by_client.get(desk.store.client_id, {})
        for m in desk.outbox():
            o = stored.get(m.mid)
            if m.state == "pending":
                # Unanswered: the server may have it (reply lost) but then with the same hash.
                if o is not None:
                    assert o.hash == m.hash
                continue
            # Answered: exactly the status the server stored, never lost.
            assert o is not None, f"{desk.name}: mid {m.mid} answered but unknown to server"
            assert o.mutation_id == m.id and o.hash == m.hash
            assert m.state == o.status, (desk.name, m.mid, m.state, o.status)
        made = {m.mid for m in desk.outbox()}
        assert set(stored) <= made, "the server holds mids the desk never made"
    if converged:
        for desk in desks:
            assert all(m.state != "pending" for m in desk.outbox()), desk.name
            assert desk.snapshot() == server_snapshot(server, mission_id, desk.actor), desk.name


def _conflict_view(c: Any) -> tuple[Any, ...]:
    return (c.entity, c.row_id, c.field, c.current_value, c.other_value, bool(c.resolved))


def check_conflicts(server: ServerProcess, mission_id: str, desks: list[Desk]) -> None:
    """After quiescence every desk's conflicts equal the server's: each open conflict is on
    every desk, and each conflict a desk holds is in the server's state (a first pull brings
    only the open ones, so a desk may lack a conflict resolved before it joined)."""
    with server.sessions() as s:
        held = {c.id: _conflict_view(c) for c in s.scalars(select(ServerConflict).where(
            ServerConflict.mission_id == mission_id))}
    open_ = {k: v for k, v in held.items() if not v[-1]}
    for desk in desks:
        with desk.store.read() as s:
            mine = {c.id: _conflict_view(c) for c in s.scalars(select(DeskConflict))}
        assert {k: v for k, v in mine.items() if not v[-1]} == open_, desk.name
        assert {k: held.get(k) for k in mine} == mine, desk.name


def queue_refused_notes(edits: EditService, candidate_id: str, notes: str) -> None:
    """Queue scorecard notes the server refuses (a NUL character) past this desk's own checks,
    as a desk of an older version could have: the way to provoke a refusal from a real
    server now that the desk checks the same bounds before saving."""
    from app.store.models import Scorecard
    from app.store.outbox import record_change

    with edits.store.write() as s:
        row = s.scalars(select(Scorecard).where(Scorecard.candidate_id == candidate_id,
                                                Scorecard.author_id == edits.actor_id)).first()
        identity = None
        if row is None:
            row = Scorecard(candidate_id=candidate_id, author_id=edits.actor_id, levels={},
                            notes="", submitted=False)
            s.add(row)
            s.flush()
            identity = {"candidate_id": candidate_id, "author_id": edits.actor_id}
        record_change(s, edits.clock, edits.actor_id, row, {"notes": notes}, identity=identity)


def queue_unchecked(desk: Desk, entity: str, row_id: str, fields: dict[str, Any],
                    base: dict[str, int]) -> str:
    """Put a mutation in the desk's outbox past its own checks (as a desk of another version
    could have written it); returns its id."""
    from app.domain.mutation import mutation_hash

    assert desk.edits
    mid_, at = str(uuid.uuid4()), desk.edits.clock.now()
    with desk.store.write() as s:
        s.add(OutboxMutation(id=mid_, entity=entity, row_id=row_id, fields=fields, base=base,
                             at=at, hash=mutation_hash(mid_, entity, row_id, fields, base, at),
                             state="pending"))
    return mid_
