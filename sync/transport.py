"""HTTP to the central server: timeouts on every request, gzip bodies, TLS verified, retries
with exponential backoff and full jitter on transient failures (the identical body resent),
cancellation checked between attempts and during the waits."""

from __future__ import annotations

import gzip
import ipaddress
import json
import logging
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from pydantic import TypeAdapter

from .errors import (
    AuthFailed,
    BatchOutOfOrder,
    BodyTooLarge,
    Cancelled,
    CertificateError,
    DeviceRevoked,
    InsecureConnection,
    Offline,
    ServerError,
)
from .protocol import API_PREFIX, KEEP_ALIVE_SECONDS

log = logging.getLogger(__name__)

TRANSIENT_STATUS = frozenset({502, 503, 504})
# The explicit "I know it is insecure" flag for plain http:// to another host (the CLI's
# --insecure-http sets it; so can the desktop application's launcher).
ENV_INSECURE_HTTP = "MISSION_DESK_INSECURE_HTTP"
# Kept-alive connections idle longer than this are closed before the next request: the server
# (or a proxy in front of it, nginx's default is 75 s) may be closing them just as the request
# travels, which fails it after sending it (issue 15: a retry and a batch sent twice).
IDLE_REUSE_SECONDS = KEEP_ALIVE_SECONDS - 15


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(server_url: str, allow_insecure_http: bool | None = None) -> None:
    """Refuse plain http:// to anything but this computer unless explicitly allowed
    (``allow_insecure_http``, default: $MISSION_DESK_INSECURE_HTTP=1). Other malformed
    addresses are left to the request, which reports them."""
    if allow_insecure_http is None:
        allow_insecure_http = os.environ.get(ENV_INSECURE_HTTP, "") == "1"
    try:
        parts = urlsplit(server_url.strip())
        host = parts.hostname
    except ValueError:
        return
    if parts.scheme.lower() != "http" or not host or allow_insecure_http or is_loopback(host):
        return
    raise InsecureConnection(
        f"{server_url} is plain http://: your password and the candidates' data would cross "
        "the network unencrypted. Use the https:// address, or, on a network you trust, "
        "allow it explicitly (mission-desk sync --insecure-http).")
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6          # tries per request, the first included
    base: float = 0.5          # seconds; the n-th wait is uniform in [0, min(cap, base * 2**n)]
    cap: float = 20.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        return rng.uniform(0, min(self.cap, self.base * 2 ** attempt))


@dataclass(frozen=True)
class Timeouts:
    connect: float = 10.0
    read: float = 60.0


@dataclass
class Traffic:
    """What went over the wire (bench figures): requests made and body bytes each way."""

    requests: int = 0
    sent: int = 0
    received: int = 0
    retries: int = 0


class Transport:
    """One server, one requests.Session (kept-alive connections)."""

    def __init__(self, server_url: str, *, token: str | None = None,
                 ca_bundle: str | None = None, timeouts: Timeouts | None = None,
                 retry: RetryPolicy | None = None, cancel: threading.Event | None = None,
                 rng: random.Random | None = None,
                 on_retry: Callable[[str, int, float], None] | None = None,
                 allow_insecure_http: bool | None = None) -> None:
        check_url(server_url, allow_insecure_http)
        self.base_url = server_url.rstrip("/")
        self.token = token
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self.cancel = cancel or threading.Event()
        self.rng = rng or random.Random()
        self.on_retry = on_retry
        self.traffic = Traffic()
        # Pipelined sync batches share this transport from several threads: the session's
        # connection pool is thread-safe, the counters take this lock.
        self._count = threading.Lock()
        self._last_used = time.monotonic()  # when a request last started or ended
        self._in_flight = 0
        self.session = requests.Session()
        # TLS verification stays on; a mission may pin its own CA bundle. Passed per request:
        # requests lets REQUESTS_CA_BUNDLE override a Session-level setting.
        self.verify: str | bool = ca_bundle if ca_bundle else True
        self.session.headers["User-Agent"] = "mission-desk"
        self.session.headers["Accept-Encoding"] = "gzip"

    def close(self) -> None:
        self.session.close()

    def check_cancel(self) -> None:
        if self.cancel.is_set():
            raise Cancelled("sync cancelled: everything received so far is kept")

    # -- one request with retries ------------------------------------------------------------

    def request(self, method: str, path: str, *, body: Any = None, auth: bool = True,
                headers: dict[str, str] | None = None, retry: bool = True,
                compress: bool = False) -> requests.Response:
        """``compress``: gzip the body (the sync endpoint inflates it; the others do not)."""
        return self._call(method, path, lambda resp: resp, body=body, auth=auth,
                          headers=headers, retry=retry, compress=compress)

    def json(self, method: str, path: str, *, schema: Any = None, **kw: Any) -> Any:
        """The reply's JSON, validated against ``schema`` (a pydantic model or any type a
        TypeAdapter takes) when given. A reply that is empty, cut, not JSON or not of that
        shape is a transport fault: retried with the identical body like a dropped
        connection (a reply cut inside its headers looks like an empty 200)."""
        adapter = TypeAdapter(schema) if schema is not None else None

        def read(resp: requests.Response) -> Any:
            data = json.loads(resp.content)  # ValueError when empty, cut or not JSON
            return adapter.validate_python(data) if adapter is not None else data

        return self._call(method, path, read, **kw)

    def _call(self, method: str, path: str, read: Callable[[requests.Response], T], *,
              body: Any = None, auth: bool = True, headers: dict[str, str] | None = None,
              retry: bool = True, compress: bool = False) -> T:
        url = f"{self.base_url}{API_PREFIX}{path}"
        hdrs = dict(headers or {})
        data: bytes | None = None
        if body is not None:
            raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
            hdrs["Content-Type"] = "application/json"
            if compress:
                # mtime=0: the identical bytes on every retry.
                data = gzip.compress(raw, compresslevel=6, mtime=0)
                hdrs["Content-Encoding"] = "gzip"
            else:
                data = raw
        if auth:
            if not self.token:
                raise AuthFailed("sign in to the server first")
            hdrs["Authorization"] = f"Bearer {self.token}"
        attempts = self.retry.attempts if retry else 1
        last: Exception | None = None
        for attempt in range(attempts):
            self.check_cancel()
            if attempt:
                wait = self.retry.delay(attempt - 1, self.rng)
                with self._count:
                    self.traffic.retries += 1
                if self.on_retry:
                    self.on_retry(str(last), attempt, wait)
                log.info("retry %d of %s %s in %.2fs after %s", attempt, method, path, wait, last)
                if self.cancel.wait(wait):
                    self.check_cancel()
            try:
                resp = self._send(method, url, data, hdrs)
            except requests.exceptions.SSLError as exc:
                raise CertificateError(
                    f"the server's certificate could not be verified ({_reason(exc)})") from exc
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                    requests.exceptions.ChunkedEncodingError,
                    requests.exceptions.ContentDecodingError) as exc:
                last = Offline(f"cannot reach the server at {self.base_url} ({_reason(exc)})")
                continue
            if resp.status_code in TRANSIENT_STATUS:
                last = ServerError(f"the server is unavailable (HTTP {resp.status_code})")
                continue
            if resp.status_code >= 400:
                raise _http_error(resp)
            try:
                return read(resp)
            except ValueError as exc:  # json's and pydantic's errors alike
                last = ServerError(f"the server's reply was incomplete or malformed "
                                   f"(HTTP {resp.status_code}, {len(resp.content)} bytes: "
                                   f"{_reason(exc)})")
                continue
        assert last is not None
        raise last

    def _send(self, method: str, url: str, data: bytes | None, headers: dict[str, str]
              ) -> requests.Response:
        with self._count:
            self.traffic.requests += 1
            self.traffic.sent += len(data or b"")
            now = time.monotonic()
            if not self._in_flight and now - self._last_used > IDLE_REUSE_SECONDS:
                self._forget_connections()
            self._in_flight += 1
            self._last_used = now
        try:
            resp = self.session.request(method, url, data=data, headers=headers,
                                        verify=self.verify,
                                        timeout=(self.timeouts.connect, self.timeouts.read))
            # Reading the whole body here: a cut mid-body surfaces as a transient error.
            received = len(resp.content)
        finally:
            with self._count:
                self._in_flight -= 1
                self._last_used = time.monotonic()
        with self._count:
            self.traffic.received += received
        return resp

    def _forget_connections(self) -> None:
        """Close the idle kept-alive connections (none is in use): the next request opens
        a fresh one instead of racing the server's close of a stale one."""
        for adapter in self.session.adapters.values():
            pools = getattr(adapter, "poolmanager", None)
            if pools is not None:
                pools.clear()


def _reason(exc: Exception) -> str:
    """One line (pydantic's messages run over several), at most 200 characters."""
    text = " ".join(str(exc).split())
    return text if len(text) < 200 else text[:200] + "..."


def _http_error(resp: requests.Response) -> Exception:
    code, message = "", resp.reason or ""
    try:
        err = resp.json().get("error", {})
        code, message = str(err.get("code", "")), str(err.get("message", message))
    except (ValueError, AttributeError):
        pass
    if resp.status_code == 401:
        if code == "token_revoked":
            return DeviceRevoked("this device was signed out by the server (token revoked): "
                                 "sign in again")
        if code == "invalid_credentials":
            return AuthFailed("wrong user name or password")
        if code == "token_expired":
            return AuthFailed("this desk's sign-in expired after a long time unused: sign in "
                              "again")
        return AuthFailed(f"sign in again ({message})")
    if resp.status_code == 403:
        return AuthFailed(f"not allowed: {message}")
    if resp.status_code == 413:
        return BodyTooLarge(f"the server refused a request this large ({message})")
    if resp.status_code == 409 and code == "previous_batch_missing":
        return BatchOutOfOrder(message)
    return ServerError(f"the server refused the request (HTTP {resp.status_code} {code}: "
                       f"{message})")
