"""Batches sized by bytes (issue 15): small edits travel up to the server's cap per round trip,
large ones no more than BATCH_SIZE at a time (and split on a 413 as before)."""

from __future__ import annotations

import json

from sync.client import sized_batch
from sync.protocol import BATCH_SIZE, MAX_BATCH_SERVER

from .harness import Desk, MissionSetup, ServerProcess, check_invariants


def _mutations(n: int, notes: str) -> list[dict[str, object]]:
    return [{"mid": i, "id": f"m{i}", "hash": "h", "entity": "scorecard", "row_id": "r",
             "fields": {"notes": notes}, "base": {}, "at": "t"} for i in range(1, n + 1)]


def test_small_mutations_fill_a_batch_up_to_the_servers_cap() -> None:
    assert len(sized_batch(_mutations(MAX_BATCH_SERVER + 100, "ok"))) == MAX_BATCH_SERVER
    assert len(sized_batch(_mutations(BATCH_SIZE + 30, "ok"))) == BATCH_SIZE + 30


def test_the_byte_budget_stops_growth_but_never_goes_below_batch_size() -> None:
    big = _mutations(MAX_BATCH_SERVER, "x" * 10_000)
    first = sum(len(json.dumps(m, ensure_ascii=False)) for m in big[:BATCH_SIZE + 7])
    assert len(sized_batch(big, budget=first)) == BATCH_SIZE + 7
    assert len(sized_batch(big, budget=100)) == BATCH_SIZE  # as before: a 413 splits it
    assert [m["mid"] for m in sized_batch(big)] == list(range(1, len(sized_batch(big)) + 1))


def test_more_than_batch_size_small_edits_go_in_one_round_trip(
        server: ServerProcess, mission: MissionSetup, desks: list[Desk]) -> None:
    chair = desks[0]
    assert chair.edits is not None
    count = BATCH_SIZE + 50
    for i in range(count):
        chair.edits.set_notes(mission.candidates[0], f"note {i}")
    summary = chair.sync()
    assert (summary.batches, summary.applied, summary.pending) == (1, count, 0)
    check_invariants(server, mission.mission_id, desks, converged=False)
