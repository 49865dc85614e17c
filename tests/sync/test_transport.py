"""The HTTP layer against a scripted local HTTP server: retries with the identical body on
transient failures, none on 4xx, typed errors, timeouts, cancellation, TLS verification."""

from __future__ import annotations

import gzip
import http.server
import json
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from sync.errors import (
    AuthFailed,
    Cancelled,
    CertificateError,
    DeviceRevoked,
    Offline,
    ServerError,
)
from sync.transport import RetryPolicy, Timeouts, Transport

from .harness import free_port

FAST = RetryPolicy(attempts=4, base=0.01, cap=0.02)


class Script:
    """Replies served in order; every request body is kept (inflated)."""

    def __init__(self) -> None:
        self.replies: list[tuple[int, Any] | str] = []
        self.bodies: list[bytes] = []
        self.headers: list[dict[str, str]] = []


def _handler(script: Script) -> type[http.server.BaseHTTPRequestHandler]:
    class H(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: Any) -> None:
            pass

        def _reply(self) -> None:
            n = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(n)
            if self.headers.get("Content-Encoding") == "gzip":
                raw = gzip.decompress(raw)
            script.bodies.append(raw)
            script.headers.append(dict(self.headers))
            reply = script.replies.pop(0) if script.replies else (200, {})
            if reply == "hang":
                threading.Event().wait(2)
                return
            if reply == "cut_headers":  # the connection closes inside the headers
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: applic")
                self.wfile.flush()
                self.close_connection = True
                return
            status, body = reply  # type: ignore[misc]
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _reply

    return H


@pytest.fixture
def fake() -> Iterator[tuple[Script, str]]:
    script = Script()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield script, f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def _err(status: int, code: str) -> tuple[int, dict[str, Any]]:
    return status, {"error": {"code": code, "message": code, "detail": None}}


def test_transient_failures_resend_the_identical_gzip_body(fake: tuple[Script, str]) -> None:
    script, url = fake
    script.replies = [_err(503, "x"), _err(502, "x"), (200, {"ok": 1})]
    retries: list[int] = []
    t = Transport(url, token="tok", retry=FAST, on_retry=lambda _e, n, _w: retries.append(n))
    body = {"mutations": [{"mid": 1, "fields": {"notes": "Nguyễn"}}]}
    assert t.json("POST", "/x", body=body, compress=True) == {"ok": 1}
    assert retries == [1, 2]
    assert len(script.bodies) == 3 and len(set(script.bodies)) == 1
    assert json.loads(script.bodies[0]) == body
    assert script.headers[0]["Content-Encoding"] == "gzip"
    assert script.headers[0]["Authorization"] == "Bearer tok"


def test_no_retry_on_4xx_and_typed_errors(fake: tuple[Script, str]) -> None:
    script, url = fake
    cases = [(_err(401, "invalid_credentials"), AuthFailed, "wrong user name or password"),
             (_err(401, "token_revoked"), DeviceRevoked, "revoked"),
             (_err(401, "unauthorized"), AuthFailed, "sign in again"),
             (_err(422, "invalid_request"), ServerError, "422"),
             (_err(500, "boom"), ServerError, "500")]
    for reply, exc, text in cases:
        script.replies = [reply]
        before = len(script.bodies)
        with pytest.raises(exc, match=text):
            Transport(url, token="t", retry=FAST).json("POST", "/x", body={})
        assert len(script.bodies) == before + 1


def test_exhausted_retries_say_unavailable(fake: tuple[Script, str]) -> None:
    script, url = fake
    script.replies = [_err(503, "x")] * 4
    with pytest.raises(ServerError, match="unavailable"):
        Transport(url, token="t", retry=FAST).json("GET", "/x")


def test_offline_and_timeout() -> None:
    t = Transport(f"http://127.0.0.1:{free_port()}", token="t", retry=FAST)
    with pytest.raises(Offline, match="cannot reach"):
        t.json("GET", "/x")
    assert t.traffic.requests == FAST.attempts


def test_read_timeout_is_transient(fake: tuple[Script, str]) -> None:
    script, url = fake
    script.replies = ["hang", (200, {"ok": 2})]
    t = Transport(url, token="t", retry=FAST, timeouts=Timeouts(connect=1, read=0.3))
    assert t.json("GET", "/x") == {"ok": 2}
    assert t.traffic.retries == 1


def test_cancel_during_backoff() -> None:
    cancel = threading.Event()
    t = Transport(f"http://127.0.0.1:{free_port()}", token="t", cancel=cancel,
                  retry=RetryPolicy(attempts=5, base=30, cap=30),
                  on_retry=lambda *_: cancel.set())
    with pytest.raises(Cancelled):
        t.json("GET", "/x")
    assert t.traffic.requests == 1


def test_no_token_means_sign_in(fake: tuple[Script, str]) -> None:
    _script, url = fake
    with pytest.raises(AuthFailed, match="sign in"):
        Transport(url).json("GET", "/x")


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    script = Script()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{srv.server_address[1]}", cert
    srv.shutdown()
    srv.server_close()


def test_certificate_verified_and_pinnable(tls_server: tuple[str, Path]) -> None:
    url, cert = tls_server
    with pytest.raises(CertificateError, match="certificate"):
        Transport(url, token="t", retry=FAST).json("GET", "/x")
    assert Transport(url, token="t", retry=FAST, ca_bundle=str(cert)).json("GET", "/x") == {}


class Reply(BaseModel):
    ok: int


def test_malformed_replies_are_retried_with_the_identical_body(
        fake: tuple[Script, str]) -> None:
    """Empty, cut inside its headers, truncated, not JSON, wrong shape: each is a transport
    fault, retried with the same body, never an exception out of the retry loop."""
    script, url = fake
    script.replies = [(200, b""), "cut_headers", (200, b'{"ok": '), (200, b"<html>proxy</html>"),
                      (200, {"unexpected": 1}), (200, {"ok": 7})]
    retries: list[str] = []
    t = Transport(url, token="t", retry=RetryPolicy(attempts=6, base=0.01, cap=0.02),
                  on_retry=lambda e, _n, _w: retries.append(e))
    body = {"mutations": [{"mid": 3}]}
    reply = t.json("POST", "/x", body=body, compress=True, schema=Reply)
    assert reply == Reply(ok=7)
    assert len(retries) == 5 and all("malformed" in e for e in retries)
    assert len(script.bodies) == 6 and len(set(script.bodies)) == 1
    assert t.traffic.retries == 5


def test_malformed_reply_after_the_retries_is_one_line(fake: tuple[Script, str]) -> None:
    script, url = fake
    script.replies = [(200, {"unexpected": [1, 2]})] * FAST.attempts
    with pytest.raises(ServerError, match="incomplete or malformed") as err:
        Transport(url, token="t", retry=FAST).json("GET", "/x", schema=Reply)
    assert "\n" not in str(err.value)
    script.replies = [(200, b"")] * FAST.attempts
    with pytest.raises(ServerError, match="incomplete or malformed"):
        Transport(url, token="t", retry=FAST).json("GET", "/x")


class _ClosesKeptAlive(http.server.BaseHTTPRequestHandler):
    """Answers the first request of each connection and keeps it alive; a second request on
    the same connection finds it closed, unanswered: a server's keep-alive running out just
    as the request travels."""

    protocol_version = "HTTP/1.1"
    connections: list[int] = []  # requests answered on each connection

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if getattr(self, "answered", False):
            self.close_connection = True
            return
        self.answered = True
        type(self).connections.append(1)
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_connections_idle_too_long_are_not_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 15: a kept-alive connection the server closes as the request travels fails it
    # after it was sent (a retry, a batch sent twice). One idle longer than the server keeps
    # it is dropped first: the request goes on a fresh connection, no retry.
    monkeypatch.setattr("sync.transport.IDLE_REUSE_SECONDS", 0.05)
    _ClosesKeptAlive.connections = []
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _ClosesKeptAlive)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    t = Transport(f"http://127.0.0.1:{srv.server_address[1]}", retry=FAST)
    try:
        for _ in range(3):
            assert t.json("POST", "/x", body={}, auth=False) == {"ok": True}
            threading.Event().wait(0.2)  # idle longer than IDLE_REUSE_SECONDS
        assert t.traffic.retries == 0 and len(_ClosesKeptAlive.connections) == 3
    finally:
        t.close()
        srv.shutdown()
        srv.server_close()
