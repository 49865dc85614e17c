"""The plan exports and the jury minutes are for the server too: they import neither the
desk's store nor Qt (the server may import app.domain, app.export and the reports' builders,
which take plain data)."""

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


def test_jury_minutes_import_no_desk_store():
    code = ("import sys, app.reports.ranking, app.reports.data; "
            "print(sorted(m for m in sys.modules if m.startswith(('app.store', 'PySide6', "
            "'ui', 'sync'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_server_imports_no_desk_store():
    code = ("import sys, server.api, server.minutes, server.export; "
            "print(sorted(m for m in sys.modules if m.startswith(('app.store', 'PySide6', "
            "'ui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
