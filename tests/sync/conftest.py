"""Sync test fixtures: one real server process per module, a fresh mission per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .faultproxy import FaultProxy
from .harness import Desk, MissionSetup, ServerProcess, make_mission

PAGE = 4  # changes per pulled page on paged_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    proc = ServerProcess(tmp_path_factory.mktemp("server"))
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def paged_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server whose pulled pages hold PAGE changes: a row a few changes away is pages away."""
    proc = ServerProcess(tmp_path_factory.mktemp("paged"), page_size=PAGE)
    yield proc
    proc.stop()


@pytest.fixture
def mission(server: ServerProcess) -> MissionSetup:
    return make_mission(server)


@pytest.fixture
def proxy(server: ServerProcess) -> Iterator[FaultProxy]:
    p = FaultProxy("127.0.0.1", server.port)
    yield p
    p.close()


@pytest.fixture
def desks(tmp_path: Path, proxy: FaultProxy, mission: MissionSetup) -> Iterator[list[Desk]]:
    """Three desks (chair, professor, representative) through the proxy, first pull done."""
    made = [Desk(tmp_path, role, proxy.url, mission.users[role])
            for role in ("chair", "prof", "rep")]
    for d in made:
        d.sync()
    yield made
    for d in made:
        d.close()


@pytest.fixture
def chair_laptop(tmp_path: Path, server: ServerProcess, mission: MissionSetup
                 ) -> Iterator[Desk]:
    """The chair's second desk, signed in on its own, first pull done: interviews are the
    chair's rows, so two desks editing one interview are both the chair's."""
    desk = Desk(tmp_path, "chair-laptop", server.url, mission.users["chair"])
    desk.sync()
    yield desk
    desk.close()
