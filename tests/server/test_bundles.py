"""The server's side of team bundles (server.bundles): a relayed or e-mailed bundle is applied
as its author's push, once; a bundle that is not genuine changes nothing."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from server import cli
from server.db import session_factory
from server.models import Device, Mark, MutationOutcome
from sync.bundle import new_signing_key, public_key_text, write_bundle

from .conftest import Desk, World


def _registered(world: World, name: str) -> tuple[Desk, Any]:
    """A desk of ``name`` that registered its key with an empty sync; its team answer."""
    desk = Desk(world.client, world[name], world.mission_a)
    key = new_signing_key()
    body = {**desk.body([]), "public_key": public_key_text(key)}
    r = world.client.post(f"/api/v1/missions/{world.mission_a}/sync",
                          headers=world[name].headers, json=body)
    assert r.status_code == 200, r.text
    team = r.json()["team"]
    assert any(d["client_id"] == desk.client_id for d in team["desks"])
    desk.key = key  # type: ignore[attr-defined]
    desk.bundle_key = base64.b64decode(team["bundle_key"])  # type: ignore[attr-defined]
    return desk, team


def _bundle(desk: Desk, mutations: list[dict[str, Any]], key: Any = None) -> bytes:
    return write_bundle(mission_id=desk.mission_id, client_id=desk.client_id,
                        assessor_id=desk.person.assessor_id, mutations=mutations,
                        bundle_key=desk.bundle_key,  # type: ignore[attr-defined]
                        signing_key=key or desk.key,  # type: ignore[attr-defined]
                        created_at="2027-01-12T10:00:00+00:00")


def _relay(world: World, by: str, data: bytes, expect: int = 200) -> dict[str, Any]:
    r = world.client.post(f"/api/v1/missions/{world.mission_a}/bundles",
                          headers=world[by].headers,
                          json={"bundle": base64.b64encode(data).decode()})
    assert r.status_code == expect, r.text
    return dict(r.json())


def _candidate(world: World) -> str:
    chair = Desk(world.client, world["claire"], world.mission_a)
    cid, m = chair.new_candidate("APP-1")
    assert chair.push([m])["results"][0]["status"] == "applied"
    return cid


def _outcomes(world: World, client_id: str) -> list[tuple[int, str]]:
    with session_factory(world.engine)() as s:
        return sorted((o.mid, o.status) for o in s.scalars(select(MutationOutcome).where(
            MutationOutcome.client_id == client_id)))


def test_a_relayed_bundle_is_the_author_s_push_once(world: World) -> None:
    cid = _candidate(world)
    paul, team = _registered(world, "paul")
    assert len(base64.b64decode(team["bundle_key"])) == 32
    _, m1 = paul.new_mark(cid, "maths", "12.5")
    _, m2 = paul.new_mark(cid, "physics", "9")
    data = _bundle(paul, [m1, m2])
    assert _relay(world, "rita", data)["counts"]["applied"] == 2  # rita carries paul's file
    with session_factory(world.engine)() as s:
        assert {m.marker_id for m in s.scalars(select(Mark))} == {paul.person.assessor_id}
    assert _relay(world, "claire", data)["counts"] == {"applied": 0, "duplicate": 2,
                                                       "rejected": 0, "conflict": 0}
    # Paul's own push of the same mids later: answered from what is stored, nothing twice.
    results = paul.push([m1, m2])["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert _outcomes(world, paul.client_id) == [(1, "applied"), (2, "applied")]


def test_a_stranger_a_tampered_file_a_gap_and_another_mission_change_nothing(
        world: World) -> None:
    cid = _candidate(world)
    paul, _ = _registered(world, "paul")
    _, m1 = paul.new_mark(cid, "maths", "12.5")
    _, m2 = paul.new_mark(cid, "physics", "9")
    stranger = _bundle(paul, [m1], key=new_signing_key())
    assert "does not know" in _relay(world, "rita", stranger, 422)["error"]["message"]
    bad = bytearray(_bundle(paul, [m1]))
    bad[-100] ^= 0x40
    _relay(world, "rita", bytes(bad), 422)
    gap = _bundle(paul, [m2])  # mid 2 while the server holds nothing of paul's desk
    assert _relay(world, "rita", gap, 409)["error"]["code"] == "bundle_gap"
    assert _outcomes(world, paul.client_id) == []
    bruno = world["bruno"]  # not a member of mission A: may not relay into it
    r = world.client.post(f"/api/v1/missions/{world.mission_a}/bundles",
                          headers=bruno.headers,
                          json={"bundle": base64.b64encode(_bundle(paul, [m1])).decode()})
    assert r.status_code == 403
    assert _outcomes(world, paul.client_id) == []


def test_a_revoked_desk_s_bundles_are_refused(world: World) -> None:
    cid = _candidate(world)
    paul, _ = _registered(world, "paul")
    _, m1 = paul.new_mark(cid, "maths", "12.5")
    with session_factory(world.engine)() as s, s.begin():
        s.get(Device, paul.person.device_id).revoked_at = dt.datetime.now(dt.UTC)
    assert "revoked" in _relay(world, "rita", _bundle(paul, [m1]), 403)["error"]["message"]


def test_a_desk_key_never_changes(world: World) -> None:
    paul, _ = _registered(world, "paul")
    body = {**paul.body([]), "public_key": public_key_text(new_signing_key())}
    r = world.client.post(f"/api/v1/missions/{world.mission_a}/sync",
                          headers=paul.person.headers, json=body)
    assert r.status_code == 409 and r.json()["error"]["code"] == "desk_key_changed"


def test_teammates_learn_keys_registered_after_their_cursor(world: World) -> None:
    claire, _ = _registered(world, "claire")
    claire.cursor = claire.push([])["cursor"]
    paul, _ = _registered(world, "paul")
    team = claire.push([])["team"]
    assert [d["client_id"] for d in team["desks"]] == [paul.client_id]
    claire.cursor = claire.push([])["cursor"]
    assert claire.push([])["team"] is None  # an idle sync carries none


def test_import_bundle_command(world: World, db_url: str, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    cid = _candidate(world)
    paul, _ = _registered(world, "paul")
    _, m1 = paul.new_mark(cid, "maths", "12.5")
    path = tmp_path / "paul.mdbundle"
    path.write_bytes(_bundle(paul, [m1]))
    assert cli.main(["import-bundle", "--database-url", db_url, str(path)]) == 0
    assert "1 applied" in capsys.readouterr().out
    assert cli.main(["import-bundle", "--database-url", db_url, str(path)]) == 0
    assert "0 applied" in capsys.readouterr().out
    path.write_bytes(path.read_bytes()[:-1])
    assert cli.main(["import-bundle", "--database-url", db_url, str(path)]) == 1
    assert "signature" in capsys.readouterr().err
    assert _outcomes(world, paul.client_id) == [(1, "applied")]
    assert uuid.UUID(paul.client_id)
