"""A killed process loses nothing that an edit call had returned (SIGKILL, many times)."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from app.demo import init_demo
from app.store.database import Store
from app.store.models import AuditEntry, Mark, OutboxMutation

ROOT = Path(__file__).parents[2]


def test_sigkill_after_returned_edits_loses_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "durability test passphrase")
    data_dir = tmp_path / "desk"
    store = Store.open(data_dir)
    mission_id, chair_id = init_demo(store, candidates=30, seed=1)
    store.close()
    rng = random.Random(42)
    reported: dict[str, tuple[str, str]] = {}
    for _round in range(12):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.store.edit_loop", str(data_dir), mission_id, chair_id],
            cwd=ROOT, stdout=subprocess.PIPE, text=True, env=os.environ.copy())
        assert child.stdout is not None
        wanted = rng.randint(1, 80)
        for _ in range(wanted):
            line = child.stdout.readline()
            assert line, "edit loop died early"
            mid, row_id, value = line.split()
            reported[mid] = (row_id, value)
        # Kill at a random moment: often in the middle of the next edit's transaction.
        time.sleep(rng.random() * 0.004)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert len(reported) > 100
    store = Store.open(data_dir)
    with store.read() as s:
        outbox = {m.id: m for m in s.scalars(select(OutboxMutation))}
        audited = set(s.scalars(select(AuditEntry.mutation_id)))
        marks = {m.id: m.value for m in s.scalars(select(Mark))}
        newest: dict[str, str] = {}
        for m in sorted(outbox.values(), key=lambda m: m.mid):
            newest[m.row_id] = m.fields["value"]
    store.close()
    for mid, (_row_id, value) in reported.items():
        assert mid in outbox, f"edit {mid} was returned but is lost"
        assert str(outbox[mid].fields["value"]) == str(_wire(value))
        assert mid in audited
    # every row shows its newest queued value: row and outbox committed together
    assert {row_id: marks[row_id] for row_id in newest} == newest


def _wire(value: str) -> str:
    from decimal import Decimal

    from app.domain.marks import mark_to_wire

    return mark_to_wire(Decimal(value)) or ""
