"""Let go of the module sources PySide6 has read.

shiboken6's import hook (its "feature" support, snake_case and true_property) asks
``inspect.getsource`` for every Python module imported once PySide6 is loaded, to see whether
it mentions PySide6. ``linecache`` keeps each line so read for the life of the process: the
desk's and its libraries' whole source, some 400 files and 40,000 small strings, several MB.
Nothing needs them kept (a traceback reads its few lines again), so they are dropped after
the imports a page brings.
"""

from __future__ import annotations

import linecache


def drop_imported_sources() -> None:
    linecache.clearcache()
