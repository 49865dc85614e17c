"""Closing a mission on a laptop (issue 16 item 3, acceptance): refused while any change lacks
a receipt; after closing, nothing in the data folder (or the desk's logs) gives a name back,
the keyring entry is gone, and a copy of the folder taken before cannot be opened."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.domain.candidate import CandidateRecord
from app.paths import log_dir
from app.store.closing import CloseRefused, close_mission, verify_record
from app.store.database import Store
from app.store.keys import KEY_FILE, KEYRING_SERVICE, TOKEN_SERVICE, KeyError_, token_account
from tests.memory_keyring import MemoryKeyring
from tests.store.leftovers import names_found

from .harness import Desk, MissionSetup

NAMES = ("Wojciechowska", "Zoé Ångström", "Nguyễn", "A-77-ZZ-0042")


def test_closing_waits_for_receipts_then_forgets_everything(
        mission: MissionSetup, desks: list[Desk], _isolated: MemoryKeyring,
        tmp_path: Path) -> None:
    chair = desks[0]
    assert chair.edits is not None
    chair.edits.add_candidate(CandidateRecord(
        application_number="A-77-ZZ-0042", family_name="Wojciechowska",
        given_names="Zoé Ångström", track="free_mover"))
    chair.edits.set_mark(mission.candidates[0], "maths", "13")
    # Refused while a change has no receipt: nothing touched.
    with pytest.raises(CloseRefused, match="no receipt"):
        close_mission(chair.store)
    assert (chair.data_dir / "desk.db").exists()
    chair.sync()
    logs = log_dir()
    logs.mkdir(parents=True, exist_ok=True)
    (logs / "mission-desk.log").write_text("exported convocation_Wojciechowska.pdf\n",
                                           encoding="utf-8")
    assert names_found([logs], NAMES)  # the scan does find a name where one is
    key_info = json.loads((chair.data_dir / KEY_FILE).read_text(encoding="utf-8"))
    assert key_info["mode"] == "keyring"
    assert (KEYRING_SERVICE, key_info["db_id"]) in _isolated.items
    token = (TOKEN_SERVICE, token_account(chair.url, chair.username))
    assert token in _isolated.items  # the device token signed in for this desk
    image = tmp_path / "disk-image"  # what a forensic copy taken before would hold
    shutil.copytree(chair.data_dir, image)
    chair.client.close()

    closed = close_mission(chair.store)

    assert (KEYRING_SERVICE, key_info["db_id"]) not in _isolated.items
    assert token not in _isolated.items  # this laptop cannot pull the mission again
    assert closed.key_mode == "keyring" and closed.left == []
    assert sorted(p.name for p in chair.data_dir.iterdir()) == [closed.record.name]
    assert names_found([chair.data_dir, logs], NAMES) == []
    with pytest.raises(KeyError_, match="keyring"):
        Store.open(image)  # the old files cannot be decrypted any more
    record = verify_record(closed.record)
    assert record["mission"]["code"] == mission.code  # type: ignore[index]
    assert record["changes"] == 2 and record["covered_up_to"] == 2
    receipt = record["receipt"]
    assert json.loads(receipt["body"])["last_mid"] == 2  # type: ignore[index]
