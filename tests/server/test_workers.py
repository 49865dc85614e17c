"""`serve --workers N`: each worker listens on a socket of its own (SO_REUSEPORT), so that the
kernel spreads a burst of desks over the workers instead of the first one awake taking them
all (issue 15; server.workers). A worker that dies is replaced, on a socket of its own too."""

from __future__ import annotations

import gc
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from server.workers import GC_THRESHOLD, SWITCH_INTERVAL, can_balance

from .live import free_port

pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists() or not can_balance(),
                                reason="Linux only: /proc and SO_REUSEPORT")


def listening_sockets(port: int) -> int:
    """Listening TCP sockets on 127.0.0.1:port (/proc/net/tcp, state 0A)."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, st = line.split()[1], line.split()[3]
        if st == "0A" and int(local.split(":")[1], 16) == port:
            count += 1
    return count


def workers_of(parent: int) -> list[int]:
    """The worker processes uvicorn's supervisor started (not multiprocessing's tracker)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmd = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in cmd and b"resource_tracker" not in cmd:
            out.append(int(stat.parent.name))
    return sorted(out)


def wait_for(check: object, what: str, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    url = f"sqlite:///{tmp_path / 'served.sqlite3'}"
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "server.cli", "serve", "--database-url", url,
                             "--port", str(port), "--workers", "2", "--log-level", "warning"])
    try:
        def answers() -> bool:
            assert proc.poll() is None, "the server stopped"
            try:
                return httpx.get(f"http://127.0.0.1:{port}/openapi.json",
                                 timeout=2).status_code == 200
            except httpx.TransportError:
                return False
        wait_for(answers, "the server")
        wait_for(lambda: listening_sockets(port) == 2, "both workers to listen")
        yield proc, port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_each_worker_listens_on_its_own_socket(
        two_workers: tuple[subprocess.Popen[bytes], int]) -> None:
    proc, port = two_workers
    # uvicorn's shared socket would show one listener for the two workers
    assert listening_sockets(port) == 2
    assert len(workers_of(proc.pid)) == 2
    # every connection is answered, whichever socket the kernel picks
    for _ in range(20):
        with httpx.Client(timeout=10) as c:  # a new connection each time
            assert c.get(f"http://127.0.0.1:{port}/openapi.json").status_code == 200


def test_a_worker_killed_is_replaced_and_listens_again(
        two_workers: tuple[subprocess.Popen[bytes], int]) -> None:
    proc, port = two_workers
    first, second = workers_of(proc.pid)
    os.kill(first, signal.SIGKILL)
    # meanwhile the other worker answers every connection
    for _ in range(10):
        with httpx.Client(timeout=10) as c:
            assert c.get(f"http://127.0.0.1:{port}/openapi.json").status_code == 200
    wait_for(lambda: len(workers_of(proc.pid)) == 2 and first not in workers_of(proc.pid),
             "the supervisor to start a new worker")
    wait_for(lambda: listening_sockets(port) == 2, "the new worker to listen")
    assert second in workers_of(proc.pid)


def test_a_port_already_taken_is_refused_before_any_worker_starts(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "server.cli", "serve", "--database-url",
             f"sqlite:///{tmp_path / 'x.sqlite3'}", "--port", str(port), "--workers", "2"],
            capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert f"127.0.0.1:{port}" in done.stderr and "in use" in done.stderr.lower()


def test_a_serving_process_hands_the_gil_over_sooner(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Each worker (app_from_env) runs with the short switch interval: a push holding its
    mission's lock gets the GIL back sooner after each wait on the database."""
    from server.api import app_from_env

    monkeypatch.setenv("MISSION_DESK_DATABASE_URL", f"sqlite:///{tmp_path / 's.sqlite3'}")
    before = sys.getswitchinterval()
    thresholds = gc.get_threshold()
    try:
        app_from_env()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
        assert before > SWITCH_INTERVAL  # shorter than Python's default
        # ...and collects garbage less often, its start-up heap frozen
        assert gc.get_threshold() == GC_THRESHOLD and GC_THRESHOLD[0] > thresholds[0]
        assert gc.get_freeze_count() > 0
    finally:
        sys.setswitchinterval(before)
        gc.unfreeze()
        gc.set_threshold(*thresholds)
