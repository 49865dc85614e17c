"""Pipelined batches on the server (issue 15): ``after_mid`` holds a batch until the one sent
before it is applied, or refuses it (409, nothing applied) when that one never comes;
``pull: false`` answers without changes."""

from __future__ import annotations

import threading

import pytest

from server import api
from server.models import Candidate, MutationOutcome

from .conftest import Desk, World
from .test_sync import count


@pytest.fixture
def paul(world: World) -> Desk:
    return Desk(world.client, world["paul"], world.mission_a)


def _post(desk: Desk, mutations: list[dict[str, object]], **extra: object) -> tuple[int, dict]:
    r = desk.client.post(f"/api/v1/missions/{desk.mission_id}/sync",
                         headers=desk.person.headers, json={**desk.body(mutations), **extra})
    return r.status_code, r.json()


def test_a_batch_whose_previous_never_came_is_refused_and_nothing_applied(
        world: World, paul: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "PIPELINE_WAIT_SECONDS", 0.2)
    _, m1 = paul.new_candidate("PL-001")
    cid, m2 = paul.new_candidate("PL-002")
    status, body = _post(paul, [m2], after_mid=1)
    assert status == 409 and body["error"]["code"] == "previous_batch_missing"
    assert count(world, MutationOutcome, MutationOutcome.client_id == paul.client_id) == 0
    assert count(world, Candidate, Candidate.id == cid) == 0
    # Sent in order afterwards, both apply: mid 1 is not taken for skipped.
    assert _post(paul, [m1])[1]["results"][0]["status"] == "applied"
    assert _post(paul, [m2], after_mid=1)[1]["results"][0]["status"] == "applied"


def test_a_batch_waits_for_the_one_before_it(world: World, paul: Desk,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "PIPELINE_WAIT_SECONDS", 30.0)
    _, m1 = paul.new_candidate("PL-011")
    _, m2 = paul.new_candidate("PL-012")
    second: dict[str, object] = {}

    def send_second() -> None:
        second["reply"] = _post(paul, [m2], after_mid=1)

    t = threading.Thread(target=send_second)
    t.start()  # arrives first: without after_mid, mid 2 would make mid 1 look skipped
    t.join(0.3)
    assert t.is_alive()  # held until mid 1 is applied
    status, first = _post(paul, [m1])
    t.join(30)
    assert status == 200 and first["results"][0]["status"] == "applied"
    code, reply = second["reply"]  # type: ignore[misc]
    assert code == 200 and reply["results"][0]["status"] == "applied"


def test_pull_false_answers_the_push_without_changes(world: World, paul: Desk) -> None:
    _, m1 = paul.new_candidate("PL-021")
    status, body = _post(paul, [m1], pull=False)
    assert status == 200 and body["results"][0]["status"] == "applied"
    assert body["changes"] == [] and body["cursor"] == paul.cursor and not body["has_more"]
    assert any(c["entity"] == "candidate" for c in paul.pull_all())


def test_a_request_that_cannot_follow_after_mid_is_not_held(
        world: World, paul: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    # Found by schemathesis: an empty request naming a far mid parked the request for the
    # whole wait. With an hour's wait, a held request would never come back in this test.
    monkeypatch.setattr(api, "PIPELINE_WAIT_SECONDS", 3600.0)
    _, m1 = paul.new_candidate("PL-021")
    status, body = _post(paul, [], after_mid=2**53 - 1)
    assert status == 409 and body["error"]["code"] == "previous_batch_missing"
    status, body = _post(paul, [m1], after_mid=5)  # mid 1 cannot come after mid 5
    assert status == 409 and body["error"]["code"] == "previous_batch_missing"
    assert count(world, MutationOutcome, MutationOutcome.client_id == paul.client_id) == 0
    # Once the server holds mid 1, an empty pull naming it passes at once.
    assert _post(paul, [m1])[1]["results"][0]["status"] == "applied"
    assert _post(paul, [], after_mid=1)[0] == 200
