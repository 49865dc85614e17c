"""Start-up: the window is usable with its first page alone; the other pages, the first-run
assessor dialog, the planner and the reports load when first needed; the Qt-free core loads
before PySide6 (whose import hook reads the source of every module imported after it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.main import launch, parse_args
from ui.main_window import PAGE_KEYS

ROOT = Path(__file__).resolve().parents[2]


def test_window_is_usable_with_only_its_first_page_built(qtbot, tmp_path: Path,
                                                          monkeypatch) -> None:
    monkeypatch.setenv("MISSION_DESK_DEMO_DIR", str(tmp_path / "demo"))
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    opened = launch(parse_args(["--demo"]))
    assert opened is not None
    store, window = opened
    qtbot.addWidget(window)
    try:
        window.show()
        QApplication.processEvents()
        assert set(window._pages) == {"candidates"}
        page = window.stack.currentWidget()
        assert page is window.page("candidates") and page.model.rowCount() == 300
        number = page.model.row_at(42).number
        qtbot.keyClicks(page.search, number)  # usable: typing filters at once
        assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == [number]
        for key in PAGE_KEYS:  # every other page is built the first time it is shown
            window.show_page(key)
            assert window.stack.currentWidget() is window._pages[key]
            assert window._pages[key].objectName() == f"page_{key}"
        assert set(window._pages) == set(PAGE_KEYS)
    finally:
        window.close()
        store.close()


_CHILD = """
import sys
from ui.main import launch, load_desk_core, parse_args
load_desk_core()
assert not any(m.startswith("PySide6") for m in sys.modules), "Qt before the core"
assert "app.domain.mission" in sys.modules and "app.store.edits" in sys.modules
from ui.app import create_app
app = create_app(["test"])
opened = launch(parse_args(["--demo"]))
assert opened is not None
store, window = opened
window.show()
app.processEvents()
assert window.page("candidates").model.rowCount() == 300
late = [m for m in ("ui.dialogs.assessor", "app.domain.planning.scheduler",
                    "app.domain.planning.rules", "reportlab", "ui.pages.ranking",
                    "ui.pages.plan", "ui.pages.sync", "ui.widgets.candidate_panel",
                    "alembic") if m in sys.modules]
from ui.main_window import PAGE_KEYS
for key in PAGE_KEYS:
    window.show_page(key)
    app.processEvents()
network = [m for m in ("requests", "urllib3") if m in sys.modules]
store.close()
print("LATE", late)
print("NETWORK", network)
"""


def test_start_up_loads_only_what_the_first_page_needs(tmp_path: Path) -> None:
    env = dict(os.environ, MISSION_DESK_DEMO_DIR=str(tmp_path / "demo"),
               MISSION_DESK_KEYRING="off", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    for run in ("creates the demo", "reopens it"):
        done = subprocess.run([sys.executable, "-c", _CHILD], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        if run == "reopens it":  # the first run migrated and filled the database
            assert "LATE []" in done.stdout, done.stdout
        # the sync client's HTTP stack loads when a sync starts, not with the Sync page
        assert "NETWORK []" in done.stdout, done.stdout


def test_the_window_modules_load_while_the_key_is_derived(qtbot, tmp_path: Path,
                                                          monkeypatch) -> None:
    """open_store_gui runs its ``meanwhile`` (launch: the window's modules) during the key
    derivation, not after it: the derivation waits for it here, and still ends."""
    import threading

    from app.store import keys
    from app.store.database import Store
    from ui.main import open_store_gui

    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "correct horse battery")
    folder = tmp_path / "desk"
    Store.open(folder).close()
    loading, seen, calls = threading.Event(), [], []
    real = keys._derive

    def derive(*args):  # type: ignore[no-untyped-def]
        seen.append(loading.wait(10))
        return real(*args)

    def meanwhile() -> None:
        calls.append(threading.current_thread())
        loading.set()

    monkeypatch.setattr(keys, "_derive", derive)
    store = open_store_gui(folder, demo=False, meanwhile=meanwhile)
    assert store is not None
    store.close()
    assert calls == [threading.main_thread()] and seen == [True]
