"""Signing in again from the same desk (issue 11, items 3 and 5): the server revokes the token
it replaces, and the desk keeps its identity (client_id) on the new token."""

from __future__ import annotations

from pathlib import Path

import requests

from app.store.database import Store
from app.store.edits import EditService
from sync.client import SyncClient

from .harness import PASSWORD, MissionSetup, ServerProcess


def test_signing_in_again_revokes_the_previous_token_and_keeps_the_desk(
        server: ServerProcess, mission: MissionSetup, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk")
    client = SyncClient(store, server.url, mission.users["prof"])
    try:
        first = client.login(PASSWORD)
        client.sync(mission.code)
        edits = EditService(store, store.get_meta("current_mission") or "",
                            store.get_meta("current_assessor") or "")
        edits.set_mark(mission.candidates[0], "maths", "12")
        assert client.sync().applied == 1
        second = client.login(PASSWORD)  # names the token it replaces
        assert second.token != first.token
        r = requests.get(f"{server.url}/api/v1/missions", timeout=30,
                         headers={"Authorization": f"Bearer {first.token}"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "token_revoked"
        # same client_id, new device: the next edit is applied, nothing refused
        edits.set_mark(mission.candidates[0], "maths", "13")
        summary = client.sync()
        assert (summary.applied, summary.rejected) == (1, 0)
        mine = requests.get(f"{server.url}/api/v1/me/devices", timeout=30,
                            headers={"Authorization": f"Bearer {second.token}"}).json()
        assert [d["revoked"] for d in mine] == [True, False]
    finally:
        client.close()
        store.close()
