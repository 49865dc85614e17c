"""The plan exports are for the server too: they import neither the desk's store, its
reports nor Qt (the server may import app.domain and app.export only)."""

from __future__ import annotations

import subprocess
import sys


def test_exports_import_no_desk_module():
    code = ("import sys, app.export.convocations, app.export.calendar, "
            "app.export.appointments; "
            "print(sorted(m for m in sys.modules if m.startswith(('app.store', 'app.reports', "
            "'PySide6', 'ui', 'sync'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
