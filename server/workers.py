"""How the server's processes run (issue 15): several workers each accepting their own share
of the connections, and threads handing the GIL over sooner.

uvicorn's workers share one listening socket: whichever wakes first takes every connection
waiting, so a burst of desks syncing at once lands mostly on one worker while the other
idles (seen: two to one in the push benchmark). On Linux each worker here listens on its own
socket bound with SO_REUSEPORT to the same address, and the kernel spreads new connections
over them evenly. uvicorn's supervisor still starts, watches and restarts the workers; only
the socket each one serves differs. Elsewhere (no SO_REUSEPORT) the shared socket stays.
"""

from __future__ import annotations

import gc
import logging
import socket
import sys

import uvicorn
from uvicorn.supervisors import multiprocess

log = logging.getLogger(__name__)

# How long a thread holding the GIL runs before another waiting for it gets it (Python's
# default: 5 ms). A push holds its mission's lock while it waits on PostgreSQL some twenty
# times, and after each wait it needs the GIL back: with other requests parsing and
# validating meanwhile it waited up to 5 ms each time, 56 ms of lock held for 15 ms of work.
# Shorter is not better without end: each hand-over costs CPU. Measured (bench_server.py,
# 50 desks x 200, two runs each, interleaved): 0.5 ms 0.22-0.26x of the floor on one mission
# and 0.39-0.42x on ten through two workers, 2 ms 0.27x and 0.42-0.43x, 5 ms 0.26x and
# 0.43-0.44x; the server's CPU for the same pushes was ~10% higher at 0.5 ms than at 5 ms.
SWITCH_INTERVAL = 0.002


# The garbage collector's first threshold in a server process (Python's default: 700). A push
# builds some ten thousand objects (its parsed body, rows, outcomes), and at 700 they set off
# collections that walked every object of the process again and again: parsing and checking
# a 200-mutation body took 2.1 ms of CPU, 0.55 ms with the start-up heap frozen and this
# threshold; the whole push 10% less (in one process, no HTTP). Cycles are still collected.
GC_THRESHOLD = (20_000, 20, 20)


def tune_for_serving() -> None:
    """Process settings for a server process (a worker, or the single process), once its
    application is built: the start-up heap (modules, the app) is never collected again."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def can_balance() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def own_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) beside the other workers' (SO_REUSEPORT)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


class OwnSocketWorker(multiprocess.Process):
    """uvicorn's worker process, serving a socket of its own instead of the shared one."""

    def target(self, sockets: list[socket.socket] | None = None) -> None:  # pragma: no cover
        for shared in sockets or ():
            shared.close()
        super().target([own_socket(self.config.host, self.config.port)])


def serve(config: uvicorn.Config) -> None:
    """Run ``config.workers`` workers under uvicorn's supervisor, balanced by the kernel.
    Raises OSError (with the address) when the address cannot be bound."""
    if not can_balance():
        multiprocess.Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    # The supervisor builds each worker (first start, restart, more workers) from this name.
    multiprocess.Process = OwnSocketWorker  # type: ignore[misc]
    # Bound once here, as uvicorn binds its shared socket, so that a port already taken
    # fails before any worker starts; never listened on, so the kernel sends it nothing.
    try:
        probe = own_socket(config.host, config.port)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot listen on {config.host}:{config.port}: "
                                 f"{exc.strerror}") from None
    try:
        log.info("%d workers on %s:%d, one socket each", config.workers, config.host,
                 config.port)
        multiprocess.Multiprocess(config, sockets=[]).run()
    finally:
        probe.close()

