"""A Hypothesis state machine: random edits on several desks, random network faults, a desk
killed between batches; the invariants of DESIGN.md §8 hold after every step, and every desk
converges with the server after one clean sync round."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from app.domain.candidate import CandidateRecord
from app.domain.errors import DomainError
from app.store.models import Candidate
from server.models import Conflict as ServerConflict
from sync.errors import SyncError
from sync.transport import RetryPolicy

from .faultproxy import FAULTS, FaultProxy
from .harness import FAST_RETRY, Desk, ServerProcess, check_invariants, make_mission

STATUSES = ("registered", "present", "absent", "withdrawn")
ROLES = ("chair", "prof", "rep")


def test_sync_state_machine(server: ServerProcess) -> None:
    class SyncMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.root = Path(tempfile.mkdtemp(prefix="desks-"))
            self.mission = make_mission(server, n_candidates=3)
            self.proxy = FaultProxy("127.0.0.1", server.port)
            self.desks = [Desk(self.root, r, self.proxy.url, self.mission.users[r])
                          for r in ROLES]
            for d in self.desks:
                d.sync()

        def _edits(self, i: int):  # type: ignore[no-untyped-def]
            edits = self.desks[i].edits
            assert edits is not None
            return edits

        @rule(i=st.integers(0, 2), c=st.integers(0, 2), value=st.integers(0, 20))
        def set_mark(self, i: int, c: int, value: int) -> None:
            self._edits(i).set_mark(self.mission.candidates[c], "maths", str(value))

        @rule(i=st.integers(0, 2), c=st.integers(0, 2), status=st.sampled_from(STATUSES))
        def set_status(self, i: int, c: int, status: str) -> None:
            self._edits(i).set_status(self.mission.candidates[c], status)

        @rule(i=st.integers(0, 2), c=st.integers(0, 2), room=st.sampled_from(("A1", "B2", "")))
        def set_room(self, i: int, c: int, room: str) -> None:
            self._edits(i).set_interview(self.mission.candidates[c], room=room)

        @rule(i=st.integers(0, 2), c=st.integers(0, 2), notes=st.text(max_size=12))
        def set_notes(self, i: int, c: int, notes: str) -> None:
            # Submitted scorecards change only through amendments.
            with contextlib.suppress(DomainError):
                self._edits(i).set_notes(self.mission.candidates[c], notes)

        @rule(i=st.integers(0, 2), j=st.integers(0, 2), n=st.integers(0, 1),
              value=st.integers(0, 20))
        def same_candidate_on_two_desks(self, i: int, j: int, n: int, value: int) -> None:
            """Desks i and j both add application number LATE-n offline; j types a mark on
            its copy, which must survive whichever copy the server keeps."""
            appno = f"LATE-{n}"
            for k in {i, j}:
                desk = self.desks[k]
                with desk.store.read() as s:
                    known = s.scalar(select(Candidate.id).where(
                        Candidate.application_number == appno))
                cid = known or self._edits(k).add_candidate(CandidateRecord(
                    application_number=appno, family_name="Trần", given_names=f"Thị {n}",
                    track="free_mover")).row_id
                if k == j:
                    self._edits(k).set_mark(cid, "physics", str(value))

        @rule(c=st.integers(0, 2), outcome=st.sampled_from(("waitlist", "reject")))
        def set_decision(self, c: int, outcome: str) -> None:
            self._edits(0).set_decision(self.mission.candidates[c], outcome)

        @rule(i=st.integers(0, 2), fault=st.sampled_from((None, *FAULTS)))
        def sync(self, i: int, fault: str | None) -> None:
            if fault:
                self.proxy.arm(fault)
            self.desks[i].sync()
            self.proxy.disarm()

        @rule(i=st.integers(0, 2), after=st.integers(0, 2))
        def killed_between_batches(self, i: int, after: int) -> None:
            """Batches of one; the reply of batch ``after`` is lost and the desk dies."""
            desk = self.desks[i]
            desk.client.batch_size = 1
            desk.client.transport.retry = RetryPolicy(attempts=1)
            self.proxy.arm("drop_reply", skip=after)
            with contextlib.suppress(SyncError):
                desk.sync()
            self.proxy.disarm()
            desk.restart()  # a fresh client: default batch size, normal retries
            desk.client.transport.retry = FAST_RETRY

        @invariant()
        def nothing_lost_or_doubled(self) -> None:
            check_invariants(server, self.mission.mission_id, self.desks, converged=False)

        def teardown(self) -> None:
            try:
                self.proxy.disarm()
                for _ in range(2):
                    for d in self.desks:
                        d.sync()
                check_invariants(server, self.mission.mission_id, self.desks, converged=True)
                # No silent overwrite: every conflict answer left a conflict row on the server.
                with server.sessions() as s:
                    flagged = {(c.entity, c.row_id) for c in s.scalars(select(ServerConflict)
                               .where(ServerConflict.mission_id == self.mission.mission_id))}
                for d in self.desks:
                    for m in d.outbox():
                        if m.state == "conflict":
                            assert (m.entity, m.row_id) in flagged
            finally:
                for d in self.desks:
                    d.close()
                self.proxy.close()
                shutil.rmtree(self.root, ignore_errors=True)

    run_state_machine_as_test(SyncMachine, settings=settings(
        max_examples=20, stateful_step_count=12, deadline=None,
        # No shrinking: each step talks to a server; a failure prints its steps anyway.
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=list(HealthCheck)))
