"""Hand memory freed by a large read back to the system (glibc only).

A page's data is read on a worker thread (ui.widgets.background). glibc keeps what such a read
freed in the heap of the arena it was made in, counted in the window's resident memory,
until it is reused or trimmed; ``malloc_trim`` returns the free pages. Elsewhere (macOS,
Windows, musl) there is nothing to call and this does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        # glibc's soname (ctypes.util.find_library would run ldconfig in a subprocess)
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


_TRIM = _malloc_trim()


def release_freed_memory() -> None:
    """Return the heap's free pages to the system (a few ms; after a large read)."""
    if _TRIM is not None:
        _TRIM(0)
