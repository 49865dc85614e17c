"""A fault-injecting TCP proxy on 127.0.0.1 for sync tests and the sync bench.

Between a desk and a real server it adds latency and a bandwidth limit (each direction), and
on demand breaks one exchange:

- ``reset``: the connection is reset as the request arrives (the server never sees it);
- ``cut``: the reply is cut mid-body (the server committed; the desk gets half a reply);
- ``drop_reply``: the server's whole reply is dropped and the connection reset (committed,
  the desk never hears of it);
- ``cut_headers``: the reply stops inside its headers and the connection closes cleanly
  (committed; HTTP clients read that as a 200 with an empty body).

Faults are armed with a count and an optional number of matching requests to let through
first; they match requests whose first line contains ``match`` (default ``/sync``).
"""

from __future__ import annotations

import contextlib
import queue
import socket
import struct
import threading
import time
from dataclasses import dataclass

FAULTS = ("reset", "cut", "drop_reply", "cut_headers")


@dataclass
class Armed:
    kind: str
    count: int
    skip: int
    match: bytes


def _rst(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    # shutdown wakes a reader blocked in recv on this socket (close alone would not).
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


class _Link:
    """One direction of one connection: a reader feeding a paced writer."""

    def __init__(self, proxy: FaultProxy, conn: _Conn, src: socket.socket, dst: socket.socket,
                 upstream: bool) -> None:
        self.proxy, self.conn, self.src, self.dst, self.upstream = proxy, conn, src, dst, upstream
        self.q: queue.Queue[tuple[float, bytes] | None] = queue.Queue()

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._write, daemon=True).start()

    def _read(self) -> None:
        try:
            while True:
                data = self.src.recv(65536)
                if not data:
                    break
                self.q.put((self.proxy.pace(self.upstream, len(data)) + self.proxy.latency / 2,
                            data))
        except OSError:
            pass
        self.q.put(None)

    def _write(self) -> None:
        try:
            while True:
                item = self.q.get()
                if item is None:
                    with contextlib.suppress(OSError):
                        self.dst.shutdown(socket.SHUT_WR)
                    return
                at, data = item
                delay = at - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                if self.conn.closed:
                    return
                if self.upstream:
                    if not self.conn.on_request(data):
                        return
                else:
                    data = self.conn.on_reply(data)
                    if data is None:
                        return
                self.proxy.count(self.upstream, len(data))
                self.dst.sendall(data)
                if not self.upstream and self.conn.cut_after_send:
                    self.conn.kill(clean=self.conn.cut_after_send == "clean")
                    return
        except OSError:
            self.conn.kill()


class _Conn:
    def __init__(self, proxy: FaultProxy, client: socket.socket, server: socket.socket) -> None:
        self.proxy, self.client, self.server = proxy, client, server
        self.closed = False
        self.reply_fault: str | None = None
        self.cut_after_send: str | None = None  # "reset" or "clean"
        self.lock = threading.Lock()

    def kill(self, clean: bool = False) -> None:
        """Reset both sides; ``clean``: the desk's side is closed with a FIN instead."""
        with self.lock:
            if self.closed:
                return
            self.closed = True
        if clean:
            with contextlib.suppress(OSError):
                self.client.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                self.client.close()
        else:
            _rst(self.client)
        _rst(self.server)

    def on_request(self, data: bytes) -> bool:
        """Called before a client chunk goes upstream; False when the connection dies."""
        line = data.split(b"\r\n", 1)[0]
        if line[:4] in (b"POST", b"GET ", b"PUT ", b"DELE"):
            self.proxy.requests += 1
            fault = self.proxy._take(line)
            if fault == "reset":
                self.kill()
                return False
            self.reply_fault = fault
        return True

    def on_reply(self, data: bytes) -> bytes | None:
        """Called before a server chunk goes to the client; None when the connection dies."""
        fault, self.reply_fault = self.reply_fault, None
        if fault == "drop_reply":
            self.kill()
            return None
        if fault == "cut":
            # Headers and part of the body: the desk sees a truncated reply.
            head, sep, body = data.partition(b"\r\n\r\n")
            self.cut_after_send = "reset"
            return head + sep + body[: max(1, len(body) // 2)]
        if fault == "cut_headers":
            # The status line and a few bytes of the next header line, then a clean close.
            status, sep, rest = data.partition(b"\r\n")
            self.cut_after_send = "clean"
            return status + sep + rest[:6]
        return data


class FaultProxy:
    """Threaded TCP proxy from 127.0.0.1:<port> to an upstream (host, port)."""

    def __init__(self, upstream_host: str, upstream_port: int, *, latency: float = 0.0,
                 bandwidth_bps: float = 0.0) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.latency = latency            # round-trip seconds, half added each way
        self.bandwidth_bps = bandwidth_bps  # bits per second each way; 0 = unlimited
        self.bytes_up = 0
        self.bytes_down = 0
        self.requests = 0
        self.faults_fired: list[str] = []
        self._armed: list[Armed] = []
        self._lock = threading.Lock()
        # One link each way, shared by every connection: connections in parallel split the
        # bandwidth as on a real line (time the link is next free, per direction).
        self._tx_free = {True: 0.0, False: 0.0}
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = int(self._sock.getsockname()[1])
        self._conns: list[_Conn] = []
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def arm(self, kind: str, count: int = 1, skip: int = 0, match: str = "/sync") -> None:
        if kind not in FAULTS:
            raise ValueError(kind)
        with self._lock:
            self._armed.append(Armed(kind, count, skip, match.encode()))

    def disarm(self) -> None:
        with self._lock:
            self._armed.clear()

    @property
    def armed(self) -> int:
        with self._lock:
            return sum(a.count for a in self._armed)

    def _take(self, request_line: bytes) -> str | None:
        with self._lock:
            for a in self._armed:
                if a.match in request_line:
                    if a.skip > 0:
                        a.skip -= 1
                        return None
                    a.count -= 1
                    if a.count <= 0:
                        self._armed.remove(a)
                    self.faults_fired.append(a.kind)
                    return a.kind
        return None

    def pace(self, upstream: bool, size: int) -> float:
        """When ``size`` bytes read now have crossed the link in that direction."""
        with self._lock:
            bw = self.bandwidth_bps
            tx = size * 8 / bw if bw else 0.0
            self._tx_free[upstream] = max(time.monotonic(), self._tx_free[upstream]) + tx
            return self._tx_free[upstream]

    def count(self, upstream: bool, size: int) -> None:
        with self._lock:
            if upstream:
                self.bytes_up += size
            else:
                self.bytes_down += size

    def reset_counters(self) -> None:
        self.bytes_up = self.bytes_down = self.requests = 0

    def drop_connections(self) -> None:
        """Kill every open connection (a Wi-Fi drop)."""
        for c in list(self._conns):
            c.kill()
        self._conns.clear()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=10)
                server.settimeout(None)
            except OSError:
                _rst(client)
                continue
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn = _Conn(self, client, server)
            self._conns = [c for c in self._conns if not c.closed] + [conn]
            _Link(self, conn, client, server, upstream=True).start()
            _Link(self, conn, server, client, upstream=False).start()

    def close(self) -> None:
        self._stop = True
        with contextlib.suppress(OSError):
            self._sock.close()
        self.drop_connections()
