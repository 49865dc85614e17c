"""Several batches in flight in order (issue 15): the server applies each only after the one
before it, a reply not committed on the desk leaves its mutations pending, and whatever is
dropped on the way, every mutation ends with one final status, stored once."""

from __future__ import annotations

import pytest

from sync.errors import SyncError
from sync.transport import RetryPolicy

from .faultproxy import FAULTS, FaultProxy
from .harness import FAST_RETRY, Desk, MissionSetup, ServerProcess, check_invariants

BATCH = 3
DEPTH = 3


def _queue_marks(desk: Desk, mission: MissionSetup, rounds: int = 3) -> int:
    """Edits enough for several batches; returns the number of mutations queued."""
    assert desk.edits is not None
    for r in range(rounds):
        for i, c in enumerate(mission.candidates):
            desk.edits.set_mark(c, "maths", f"{(i + r) % 20}")
            desk.edits.set_mark(c, "physics", f"{(i + r + 1) % 20}")
    return sum(1 for m in desk.outbox() if m.state == "pending")


def _pipelined(desk: Desk) -> None:
    desk.client.batch_size = BATCH
    desk.client.pipeline = DEPTH


def test_batches_in_flight_are_applied_in_order_once(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk],
        proxy: FaultProxy) -> None:
    chair = desks[0]
    count = _queue_marks(chair, mission)
    _pipelined(chair)
    proxy.latency = 0.05  # replies come back while later batches are on the way
    proxy.reset_counters()
    summary = chair.sync()
    assert (summary.applied, summary.duplicate, summary.rejected) == (count, 0, 0)
    batches = -(-count // BATCH)
    assert count > DEPTH * BATCH and summary.pending == 0 and summary.batches == batches
    # Out of order, a later batch would have made the earlier mids look skipped (rejected).
    assert {m.state for m in chair.outbox()} == {"applied"}
    assert proxy.requests == batches  # only the last batch pulled: no extra round trip
    for d in desks:
        d.sync()
    check_invariants(server, mission.mission_id, desks, converged=True)


@pytest.mark.parametrize("fault", FAULTS)
def test_a_batch_dropped_in_flight_is_resent_and_applied_once(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk], proxy: FaultProxy,
        fault: str) -> None:
    chair = desks[0]
    count = _queue_marks(chair, mission)
    _pipelined(chair)
    proxy.arm(fault, count=1, skip=1)  # one of the batches behind the first
    summary = chair.sync()
    assert proxy.armed == 0 and summary.pending == 0
    assert summary.duplicate == 0 and summary.rejected == 0
    assert {m.state for m in chair.outbox()} == {"applied"}
    assert len(chair.outbox()) == count
    check_invariants(server, mission.mission_id, desks, converged=False)


@pytest.mark.parametrize("fault", FAULTS)
def test_a_drop_in_flight_then_the_desk_killed_resumes_exactly_once(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk], proxy: FaultProxy,
        fault: str) -> None:
    """No second attempt: the sync stops with batches behind the dropped one in flight (the
    server may still apply them); after a restart every mutation is answered once."""
    chair = desks[0]
    count = _queue_marks(chair, mission)
    _pipelined(chair)
    chair.client.transport.retry = RetryPolicy(attempts=1)
    proxy.arm(fault, count=1, skip=1)
    with pytest.raises(SyncError):
        chair.sync()
    states = [m.state for m in chair.outbox()]
    assert "pending" in states and set(states) <= {"applied", "pending"}
    check_invariants(server, mission.mission_id, desks, converged=False)
    chair.restart()
    chair.client.transport.retry = FAST_RETRY
    summary = chair.sync()
    assert summary.pending == 0 and summary.duplicate == 0 and summary.rejected == 0
    assert [m.state for m in chair.outbox()] == ["applied"] * count
    for d in desks:
        d.sync()
    check_invariants(server, mission.mission_id, desks, converged=True)
