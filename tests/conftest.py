"""Shared fixtures: a fresh encrypted store per test, an in-memory keyring, no real home."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import platformdirs
import pytest

from app.demo import init_demo
from app.paths import APP
from app.store.database import Store
from app.store.edits import EditService
from tests.memory_keyring import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# From the first import on, before any fixture (session-scoped ones start before the
# per-test isolation below): logs never go to the user's real log folder.
REAL_LOG_DIR = Path(platformdirs.user_log_dir(APP, appauthor=False))
os.environ["MISSION_DESK_LOG_DIR"] = tempfile.mkdtemp(prefix="mission-desk-test-logs-")


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
              ) -> Iterator[MemoryKeyring]:
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("MISSION_DESK_LOG_DIR", str(home / "logs"))
    monkeypatch.delenv("MISSION_DESK_PASSPHRASE", raising=False)
    monkeypatch.delenv("MISSION_DESK_KEYRING", raising=False)
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "desk"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    s = Store.open(data_dir)
    yield s
    s.close()


@pytest.fixture
def demo(store: Store) -> tuple[Store, str, str]:
    """A store holding a 60-candidate demo mission: (store, mission id, chair id)."""
    mission_id, chair_id = init_demo(store, candidates=60, seed=11)
    return store, mission_id, chair_id


@pytest.fixture
def chair(demo: tuple[Store, str, str]) -> EditService:
    store, mission_id, chair_id = demo
    return EditService(store, mission_id, chair_id)
