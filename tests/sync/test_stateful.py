"""A Hypothesis state machine: random edits on several desks, random network faults (replies
cut inside their headers among them), a desk killed between batches, rows born on two desks
with children while many unrelated changes pass (the server's pages hold PAGE changes, so the
server's copy lies pages away), stale conflict resolutions by the chair.

Invariants after every step: nothing lost or doubled on the wire, one final status per
mutation, and nothing saved is lost: every mark and note a desk saved is on that desk as
saved. After quiescence (sync rounds until a round sends nothing): every desk equals the
server, every saved mark and note is on the server, every desk's conflicts equal the
server's, and every conflict answer left a conflict row (no silent overwrite).

Size: MISSION_DESK_STATEFUL_EXAMPLES examples (default 6) of MISSION_DESK_STATEFUL_STEPS
steps (default 12) for CI; set them higher by hand for a longer hunt, e.g.
``MISSION_DESK_STATEFUL_EXAMPLES=200 MISSION_DESK_STATEFUL_STEPS=30 pytest
tests/sync/test_stateful.py``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from app.domain.candidate import CandidateRecord
from app.domain.errors import DomainError
from app.store.models import Candidate, Conflict, Mark, Scorecard
from server.models import Conflict as ServerConflict
from sync.errors import SyncError
from sync.transport import RetryPolicy

from .faultproxy import FAULTS, FaultProxy
from .harness import (
    FAST_RETRY,
    Desk,
    ServerProcess,
    check_conflicts,
    check_invariants,
    make_mission,
    server_rows,
)

STATUSES = ("registered", "present", "absent", "withdrawn")
ROLES = ("chair", "prof", "rep")
# Desk 3 is the chair's second laptop: interviews are the chair's (CHAIR_ONLY), so two desks
# moving one interview offline are both the chair's. It writes no mark or card (those would be
# the same marker's twins of desk 0's, which the saved-values invariants do not model).
DESKS = (*ROLES, "chair-laptop")
USER_OF = {"chair-laptop": "chair"}
CHAIRS = (0, 3)
EXAMPLES = int(os.environ.get("MISSION_DESK_STATEFUL_EXAMPLES", "6"))
STEPS = int(os.environ.get("MISSION_DESK_STATEFUL_STEPS", "12"))
CONTESTED = 3     # candidates the edits compete for
CANDIDATES = 10   # the rest take the unrelated changes
MAX_ROUNDS = 6    # clean sync rounds allowed to reach quiescence
# What a desk saved, by names that survive a twin giving way: (kind, application number,
# subject or "", assessor id) -> the value as the desk stored it.
Saved = dict[tuple[str, str, str, str], str | None]


def _saved_on_desk(desk: Desk) -> Saved:
    out: Saved = {}
    with desk.store.read() as s:
        appno = dict(s.execute(select(Candidate.id, Candidate.application_number)).all())
        for m in s.scalars(select(Mark).where(Mark.marker_id == desk.actor)):
            out[("mark", appno[m.candidate_id], m.subject, m.marker_id)] = m.value
        for c in s.scalars(select(Scorecard).where(Scorecard.author_id == desk.actor)):
            out[("notes", appno[c.candidate_id], "", c.author_id)] = c.notes
    return out


def _saved_on_server(server: ServerProcess, mission_id: str) -> Saved:
    out: Saved = {}
    with server.sessions() as s:
        appno = {c.row_id: c.fields["application_number"]
                 for c in server_rows(s, mission_id, "candidate")}
        for m in server_rows(s, mission_id, "mark"):
            f = m.fields
            out[("mark", appno[f["candidate_id"]], f["subject"], f["marker_id"])] = f["value"]
        for c in server_rows(s, mission_id, "scorecard"):
            f = c.fields
            out[("notes", appno[f["candidate_id"]], "", f["author_id"])] = f["notes"]
    return out


def test_sync_state_machine(paged_server: ServerProcess) -> None:
    server = paged_server
    # Users and device tokens made once: hashing passwords would be most of each example.
    accounts: dict[str, dict[str, str]] = {}

    class SyncMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.root = Path(tempfile.mkdtemp(prefix="desks-"))
            self.mission = make_mission(server, n_candidates=CANDIDATES,
                                        users=accounts.get("users"))
            accounts["users"] = self.mission.users
            self.proxy = FaultProxy("127.0.0.1", server.port)
            # the chair's laptop signs in on its own address: its own token (no fault here)
            self.laptop_proxy = FaultProxy("127.0.0.1", server.port)
            tokens = accounts.setdefault("tokens", {})
            self.desks = [Desk(self.root, r, self.laptop_proxy.url if r in USER_OF
                               else self.proxy.url,
                               self.mission.users[USER_OF.get(r, r)], token=tokens.get(r),
                               mission_code=self.mission.code)
                          for r in DESKS]
            for r, d in zip(DESKS, self.desks, strict=True):
                tokens[r] = d.client.transport.token or ""
            for d in self.desks:
                d.sync()
            self.saved: Saved = {}  # the last value each desk saved, per key
            with server.sessions() as s:
                self.appno = {c.row_id: c.fields["application_number"]
                              for c in server_rows(s, self.mission.mission_id, "candidate")}

        def _edits(self, i: int):  # type: ignore[no-untyped-def]
            edits = self.desks[i].edits
            assert edits is not None
            return edits

        def _candidate(self, i: int, appno: str) -> str | None:
            with self.desks[i].store.read() as s:
                return s.scalar(select(Candidate.id).where(
                    Candidate.application_number == appno))

        def _keep(self, i: int, kind: str, cid: str, subject: str) -> None:
            """Note what desk i just saved (as stored), to find it again later."""
            desk = self.desks[i]
            with desk.store.read() as s:
                appno = s.get(Candidate, cid).application_number  # type: ignore[union-attr]
                if kind == "mark":
                    value = s.scalar(select(Mark.value).where(
                        Mark.candidate_id == cid, Mark.subject == subject,
                        Mark.marker_id == desk.actor))
                else:
                    value = s.scalar(select(Scorecard.notes).where(
                        Scorecard.candidate_id == cid, Scorecard.author_id == desk.actor))
            self.saved[(kind, appno, subject, desk.actor)] = value

        def _mark(self, i: int, cid: str, subject: str, value: int | str) -> None:
            self._edits(i).set_mark(cid, subject, str(value))
            self._keep(i, "mark", cid, subject)

        # -- edits -----------------------------------------------------------------------

        @rule(i=st.integers(0, 2), c=st.integers(0, CONTESTED - 1), value=st.integers(0, 20))
        def set_mark(self, i: int, c: int, value: int) -> None:
            self._mark(i, self.mission.candidates[c], "maths", value)

        @rule(i=st.integers(0, 2), c=st.integers(0, CONTESTED - 1),
              status=st.sampled_from(STATUSES))
        def set_status(self, i: int, c: int, status: str) -> None:
            self._edits(i).set_status(self.mission.candidates[c], status)

        @rule(i=st.sampled_from(CHAIRS), c=st.integers(0, CONTESTED - 1),
              room=st.sampled_from(("A1", "B2", "")))
        def set_room(self, i: int, c: int, room: str) -> None:
            self._edits(i).set_interview(self.mission.candidates[c], room=room)

        @rule(i=st.integers(0, 2), c=st.integers(0, CONTESTED - 1), notes=st.text(max_size=12))
        def set_notes(self, i: int, c: int, notes: str) -> None:
            cid = self.mission.candidates[c]
            with contextlib.suppress(DomainError):  # a NUL refused by the desk: not saved
                self._edits(i).set_notes(cid, notes)
                self._keep(i, "notes", cid, "")

        @rule(c=st.integers(0, CONTESTED - 1), outcome=st.sampled_from(("waitlist", "reject")))
        def set_decision(self, c: int, outcome: str) -> None:
            self._edits(0).set_decision(self.mission.candidates[c], outcome)

        @rule(i=st.integers(0, 2), n=st.integers(1, 2 * CANDIDATES))
        def many_unrelated_changes(self, i: int, n: int) -> None:
            """n marks on candidates nobody else edits here: rows enough for several pages."""
            others = self.mission.candidates[CONTESTED:]
            for k in range(n):
                self._mark(i, others[k % len(others)], ("physics", "specialty")[k // len(
                    others) % 2], k % 21)

        # -- rows born on two desks ------------------------------------------------------

        @rule(slow=st.integers(0, 3), fast=st.integers(0, 3), n=st.integers(0, 2),
              unrelated=st.integers(0, 2 * CANDIDATES), value=st.integers(0, 20),
              status=st.sampled_from(STATUSES[1:]), fault=st.sampled_from((None, *FAULTS)))
        def row_born_on_two_desks(self, slow: int, fast: int, n: int, unrelated: int,
                                  value: int, status: str, fault: str | None) -> None:
            """The slow desk adds TWIN-n offline with a mark, a status and an interview; the
            fast desk makes ``unrelated`` other changes, adds TWIN-n and its interview too,
            and syncs; then the slow desk syncs (through a fault). Whichever copy the server
            keeps, nothing the slow desk typed is lost."""
            appno = f"TWIN-{n}"
            record = CandidateRecord(application_number=appno, family_name="Trần",
                                     given_names=f"Thị {n}", track="free_mover")
            cid = self._candidate(slow, appno) or self._edits(slow).add_candidate(
                record).row_id
            if slow not in CHAIRS[1:]:
                self._mark(slow, cid, "maths", value)
            self._edits(slow).set_status(cid, status)
            if slow in CHAIRS:
                self._edits(slow).set_interview(cid, room=f"S{slow}",
                                                starts_at=f"2027-01-1{slow}T09:00:00")
            if fast == slow:
                return
            if fast not in CHAIRS[1:]:
                self.many_unrelated_changes(fast, unrelated)
            other = self._candidate(fast, appno) or self._edits(fast).add_candidate(
                record).row_id
            if fast in CHAIRS:
                self._edits(fast).set_interview(other, room=f"F{fast}")
            self.desks[fast].sync()
            self.sync(slow, fault)

        # -- conflicts -------------------------------------------------------------------

        def _open_conflicts(self, field: str | None = None, row_id: str | None = None
                            ) -> list[str]:
            with self.desks[0].store.read() as s:
                q = select(Conflict.id).where(Conflict.resolved.is_(False))
                if field is not None:
                    q = q.where(Conflict.field == field, Conflict.row_id == row_id)
                return sorted(s.scalars(q))

        @rule(c=st.integers(0, CONTESTED - 1), member=st.integers(1, 2),
              take_other=st.booleans(), again=st.sampled_from(STATUSES))
        def stale_resolution_by_the_chair(self, c: int, member: int, take_other: bool,
                                          again: str) -> None:
            """Conflict K on a status is open; a member changes the status again and syncs;
            the chair, not synced since, resolves K."""
            chair, other = self.desks[0], self.desks[member]
            cid = self.mission.candidates[c]
            if not self._open_conflicts("status", cid):
                for d in (chair, other):
                    d.sync()
                self._edits(0).set_status(cid, "present")
                self._edits(member).set_status(cid, "absent")
                chair.sync()
                other.sync()
                chair.sync()
            found = self._open_conflicts("status", cid)
            if not found:
                return
            self._edits(member).set_status(cid, again)
            other.sync()
            self._edits(0).resolve_conflict(found[0], take_other=take_other)

        @rule(k=st.integers(0, 5), take_other=st.booleans())
        def chair_resolves(self, k: int, take_other: bool) -> None:
            """The chair settles any open conflict on their desk, synced or not."""
            found = self._open_conflicts()
            if found:
                with contextlib.suppress(DomainError):  # its row may be gone (a twin)
                    self._edits(0).resolve_conflict(found[k % len(found)],
                                                    take_other=take_other)

        # -- the network -----------------------------------------------------------------

        @rule(i=st.integers(0, 3), fault=st.sampled_from((None, *FAULTS)))
        def sync(self, i: int, fault: str | None) -> None:
            proxy = self._proxy(i)
            if fault:
                proxy.arm(fault)
            self.desks[i].sync()
            proxy.disarm()

        def _proxy(self, i: int) -> FaultProxy:
            return self.laptop_proxy if DESKS[i] in USER_OF else self.proxy

        @rule(i=st.integers(0, 3), after=st.integers(0, 2))
        def killed_between_batches(self, i: int, after: int) -> None:
            """Batches of one; the reply of batch ``after`` is lost and the desk dies."""
            desk = self.desks[i]
            desk.client.batch_size = 1
            desk.client.transport.retry = RetryPolicy(attempts=1)
            self._proxy(i).arm("drop_reply", skip=after)
            with contextlib.suppress(SyncError):
                desk.sync()
            self._proxy(i).disarm()
            desk.restart()  # a fresh client: default batch size, normal retries
            desk.client.transport.retry = FAST_RETRY

        # -- invariants ------------------------------------------------------------------

        @invariant()
        def nothing_lost_or_doubled(self) -> None:
            check_invariants(server, self.mission.mission_id, self.desks, converged=False)

        @invariant()
        def nothing_saved_is_lost(self) -> None:
            """Each desk still holds every mark and note it saved, as saved (marks and
            cards have one writer: only a refusal could take them away)."""
            for desk in self.desks[:len(ROLES)]:
                held = _saved_on_desk(desk)
                mine = {k: v for k, v in self.saved.items() if k[3] == desk.actor}
                assert {k: held.get(k) for k in mine} == mine, desk.name

        def teardown(self) -> None:
            try:
                self.proxy.disarm()
                self.laptop_proxy.disarm()
                for _ in range(MAX_ROUNDS):  # quiescence: a whole round sends nothing
                    if sum(d.sync().sent for d in self.desks) == 0:
                        break
                else:
                    raise AssertionError(f"no quiescence after {MAX_ROUNDS} sync rounds")
                mission_id = self.mission.mission_id
                check_invariants(server, mission_id, self.desks, converged=True)
                check_conflicts(server, mission_id, self.desks)
                on_server = _saved_on_server(server, mission_id)
                assert {k: on_server.get(k) for k in self.saved} == self.saved
                # No silent overwrite: every conflict answer left a conflict row on the server.
                with server.sessions() as s:
                    flagged = {(c.entity, c.row_id) for c in s.scalars(select(ServerConflict)
                               .where(ServerConflict.mission_id == mission_id))}
                for d in self.desks:
                    for m in d.outbox():
                        if m.state == "conflict":
                            assert (m.entity, m.row_id) in flagged
            finally:
                for d in self.desks:
                    d.close()
                self.proxy.close()
                self.laptop_proxy.close()
                shutil.rmtree(self.root, ignore_errors=True)

    run_state_machine_as_test(SyncMachine, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
        # No shrinking: each step talks to a server; a failure prints its steps anyway.
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=list(HealthCheck)))
