"""The acceptance of team bundles (issue 16): a Hypothesis state machine with three desks and
a server, where the professor's and the representative's desks never reach the server after
their first sync and exchange bundles only (carried by hand, replayed, damaged, in any
order), while the chair's desk syncs and relays what it received.

After every step: a damaged, foreign-signed or out-of-order bundle changed nothing, a
replayed one changed nothing. At the end (everyone hands everyone a full bundle, the chair
syncs until quiet): the server holds every change of every desk exactly once with the
author's hash; each owned value (marks, notes) is on the server as its author last saved
it; every desk holds the server's rows, except a shared field the server holds in conflict,
where the desk's value is one of the values the conflict keeps (nothing resolved silently).

Size: MISSION_DESK_BUNDLE_EXAMPLES examples (default 3) of MISSION_DESK_BUNDLE_STEPS steps
(default 10) for CI; e.g. ``MISSION_DESK_BUNDLE_EXAMPLES=100 MISSION_DESK_BUNDLE_STEPS=30
pytest tests/sync/test_bundles_stateful.py`` for a longer hunt.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test
from sqlalchemy import select

from app.domain.errors import DomainError
from app.store import desk_key
from app.store.models import Mark, Scorecard
from server.models import Conflict as ServerConflict
from server.models import MutationOutcome
from sync.bundle import BundleError, new_signing_key, read_header, write_bundle
from sync.desk_bundles import export_bundle, import_bundle

from .harness import (
    Desk,
    ServerProcess,
    check_conflicts,
    check_invariants,
    make_mission,
    server_snapshot,
)

ROLES = ("chair", "prof", "rep")
OFFLINE = (1, 2)  # the professor's and the representative's desks, after their first sync
EXAMPLES = int(os.environ.get("MISSION_DESK_BUNDLE_EXAMPLES", "3"))
STEPS = int(os.environ.get("MISSION_DESK_BUNDLE_STEPS", "10"))
CONTESTED = 3
STATUSES = ("registered", "present", "absent")
Owned = dict[tuple[str, str, str], Any]  # (kind, candidate id, author) -> value


def _owned(desk: Desk) -> Owned:
    out: Owned = {}
    with desk.store.read() as s:
        for m in s.scalars(select(Mark).where(Mark.marker_id == desk.actor)):
            out[("mark", m.candidate_id, m.marker_id)] = m.value
        for c in s.scalars(select(Scorecard).where(Scorecard.author_id == desk.actor)):
            out[("notes", c.candidate_id, c.author_id)] = c.notes
    return out


def test_bundles_state_machine(server: ServerProcess) -> None:
    accounts: dict[str, Any] = {}

    class BundleMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.root = Path(tempfile.mkdtemp(prefix="bundle-desks-"))
            self.mission = make_mission(server, n_candidates=CONTESTED,
                                        users=accounts.get("users"))
            accounts["users"] = self.mission.users
            tokens = accounts.setdefault("tokens", {})
            self.desks = [Desk(self.root, r, server.url, self.mission.users[r],
                               token=tokens.get(r), mission_code=self.mission.code)
                          for r in ROLES]
            for r, d in zip(ROLES, self.desks, strict=True):
                tokens[r] = d.client.transport.token or ""
            for _ in range(2):  # keys registered, then every desk knows every other's
                for d in self.desks:
                    d.sync()
            self.last: dict[tuple[int, int], bytes] = {}  # (from, to) -> last bundle carried

        def _edits(self, i: int):  # type: ignore[no-untyped-def]
            edits = self.desks[i].edits
            assert edits is not None
            return edits

        # -- edits -------------------------------------------------------------------------

        @rule(i=st.integers(0, 2), c=st.integers(0, CONTESTED - 1), value=st.integers(0, 20))
        def mark(self, i: int, c: int, value: int) -> None:
            with contextlib.suppress(DomainError):
                self._edits(i).set_mark(self.mission.candidates[c], "maths", str(value))

        @rule(i=st.integers(0, 2), c=st.integers(0, CONTESTED - 1),
              notes=st.sampled_from(("", "calm", "café Nguyễn")))
        def notes(self, i: int, c: int, notes: str) -> None:
            with contextlib.suppress(DomainError):
                self._edits(i).set_notes(self.mission.candidates[c], notes)

        @rule(i=st.integers(0, 2), c=st.integers(0, CONTESTED - 1),
              status=st.sampled_from(STATUSES))
        def status(self, i: int, c: int, status: str) -> None:
            with contextlib.suppress(DomainError):
                self._edits(i).set_status(self.mission.candidates[c], status)

        # -- carrying bundles -------------------------------------------------------------

        def _carry(self, src: int, dst: int, data: bytes) -> None:
            before = self.desks[dst].snapshot()
            try:
                import_bundle(self.desks[dst].store, data)
            except BundleError:
                # Refused (own bundle, a gap before it): nothing applied.
                assert self.desks[dst].snapshot() == before
                return
            self.last[(src, dst)] = data

        @rule(src=st.integers(0, 2), dst=st.integers(0, 2), since_last=st.booleans())
        def carry(self, src: int, dst: int, since_last: bool) -> None:
            data, _ = export_bundle(self.desks[src].store, since_last=since_last)
            self._carry(src, dst, data)

        @rule(src=st.integers(0, 2), dst=st.integers(0, 2), data=st.data())
        def replay(self, src: int, dst: int, data: st.DataObject) -> None:
            bundle = self.last.get((src, dst))
            if bundle is None:
                return
            before = self.desks[dst].snapshot()
            report = import_bundle(self.desks[dst].store, bundle)
            assert report.outcome.counts()["duplicate"] == report.preview.total
            assert self.desks[dst].snapshot() == before

        @rule(src=st.integers(0, 2), dst=st.integers(0, 2),
              damage=st.sampled_from(("flip", "truncate", "stranger")), where=st.floats(0, 1))
        def damaged(self, src: int, dst: int, damage: str, where: float) -> None:
            desk = self.desks[src]
            data, _ = export_bundle(desk.store)
            pos = min(int(where * len(data)), len(data) - 1)
            if damage == "flip":
                bad = bytearray(data)
                bad[pos] ^= 0x10
                data = bytes(bad)
            elif damage == "truncate":
                data = data[:pos]
            else:  # the same content signed by a key the mission does not know
                head = read_header(data)
                with desk.store.read() as s:
                    key = desk_key.bundle_key(s)
                assert key is not None
                data = write_bundle(mission_id=head.mission_id, client_id=head.client_id,
                                    assessor_id=head.assessor_id, mutations=[
                                        {"mid": m.mid, "id": m.id, "hash": m.hash,
                                         "entity": m.entity, "row_id": m.row_id,
                                         "fields": m.fields, "base": m.base, "at": m.at}
                                        for m in desk.outbox()],
                                    bundle_key=key, signing_key=new_signing_key(),
                                    created_at=head.created_at)
            before = self.desks[dst].snapshot()
            try:
                import_bundle(self.desks[dst].store, data)
            except BundleError:
                pass
            else:
                raise AssertionError(f"a {damage} bundle was applied")
            assert self.desks[dst].snapshot() == before

        @rule()
        def chair_syncs(self) -> None:
            self.desks[0].sync()

        # -- the end ----------------------------------------------------------------------

        def teardown(self) -> None:
            try:
                self._final_exchange()
                self._check()
            finally:
                for d in self.desks:
                    d.close()
                shutil.rmtree(self.root, ignore_errors=True)

        def _final_exchange(self) -> None:
            saved = {i: _owned(self.desks[i]) for i in range(3)}
            self.saved = saved
            for src in range(3):
                data, _ = export_bundle(self.desks[src].store)
                for dst in range(3):
                    if dst != src:
                        import_bundle(self.desks[dst].store, data)
            for _ in range(3):
                self.desks[0].sync()

        def _check(self) -> None:
            mission_id = self.mission.mission_id
            chair = self.desks[0]
            check_invariants(server, mission_id, [chair], converged=True)
            check_conflicts(server, mission_id, [chair])
            with server.sessions() as s:
                outcomes = list(s.scalars(select(MutationOutcome).where(
                    MutationOutcome.mission_id == mission_id)))
                conflicts = list(s.scalars(select(ServerConflict).where(
                    ServerConflict.mission_id == mission_id)))
            # Nothing doubled: a mutation id is stored once on the server.
            assert not [k for k, n in Counter(o.mutation_id for o in outcomes).items() if n > 1]
            # Nothing lost: every change of every desk reached the server, with its hash.
            held = {(o.client_id, o.mid): o for o in outcomes}
            for d in self.desks:
                for m in d.outbox():
                    o = held.get((d.store.client_id, m.mid))
                    assert o is not None, (d.name, m.mid, "never reached the server")
                    assert (o.mutation_id, o.hash) == (m.id, m.hash)
            # Every owned value as its author last saved it.
            for i in OFFLINE:
                desk = self.desks[i]
                mine = server_snapshot(server, mission_id, desk.actor)
                for (kind, cid, author), value in self.saved[i].items():
                    rows = mine["mark" if kind == "mark" else "scorecard"].values()
                    field = "value" if kind == "mark" else "notes"
                    key = "marker_id" if kind == "mark" else "author_id"
                    [row] = [r for r in rows if r["candidate_id"] == cid and r[key] == author]
                    assert row[field] == value, (desk.name, kind, cid)
                # Every desk holds the server's rows; a field in conflict shows one of the
                # values the conflict keeps.
                kept: dict[tuple[str, str, str], set[str]] = {}
                for c in conflicts:
                    values = kept.setdefault((c.entity, c.row_id, c.field), set())
                    values.update({repr(c.current_value), repr(c.other_value)})
                snap = desk.snapshot()
                assert {e: set(rows) for e, rows in snap.items()} == \
                    {e: set(rows) for e, rows in mine.items()}, desk.name
                for entity, rows in snap.items():
                    for row_id, fields in rows.items():
                        for f, v in fields.items():
                            want = mine[entity][row_id][f]
                            if v != want:
                                assert repr(v) in kept.get((entity, row_id, f), set()), (
                                    desk.name, entity, f, v, want)

    run_state_machine_as_test(BundleMachine, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=list(HealthCheck)))
