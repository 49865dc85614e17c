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
                    "alembic", "openpyxl", "app.domain.calibration", "ui.pages.calibration",
                    "sync.client", "requests", "urllib3", "keyring",
                    "cryptography.hazmat.primitives.asymmetric",
                    "cryptography.hazmat.primitives.serialization") if m in sys.modules]
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


_ENTRY_CHILD = """
import gc, sys
import ui.main
heavy = ("sqlalchemy", "pydantic", "PySide6", "app.cli", "app.store.database")
print("AT IMPORT", sorted(m for m in heavy if m in sys.modules))
seen = {}

def launch(args, unlocking=None):  # the window's place in run_gui, observed
    seen["collector on"] = gc.isenabled()
    seen["begun early"] = unlocking is not None and len(unlocking()) == 32
    seen["late"] = sorted(m for m in ("reportlab", "openpyxl", "requests", "urllib3",
                                      "keyring", "app.domain.calibration", "sync.client",
                                      "cryptography.hazmat.primitives.asymmetric")
                          if m in sys.modules)
    return None

ui.main.launch = launch
rc = ui.main.run_gui(ui.main.parse_args(["--data-dir", sys.argv[1]]))
print("SEEN", rc, sorted(seen.items()))
"""


def test_run_gui_begins_the_key_first_and_defers_heavy_modules(tmp_path: Path,
                                                               monkeypatch) -> None:
    """``mission-desk`` with its passphrase in the environment: importing ui.main loads
    neither SQLAlchemy, pydantic nor Qt, so the key's derivation begins at once; when the
    window is built the key is there, the garbage collector runs again (dialogs may follow),
    and neither the reports, the spreadsheets, the network, the keyring, the calibration nor
    the signing code has been loaded."""
    from app.store.database import Store

    env = dict(os.environ, MISSION_DESK_KEYRING="off", QT_QPA_PLATFORM="offscreen",
               MISSION_DESK_PASSPHRASE="correct horse battery", PYTHONPATH=str(ROOT),
               MISSION_DESK_LOG_DIR=str(tmp_path / "logs"))
    folder = tmp_path / "desk"
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    Store.open(folder, lambda _new: "correct horse battery").close()
    done = subprocess.run([sys.executable, "-c", _ENTRY_CHILD, str(folder)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "AT IMPORT []" in done.stdout, done.stdout
    assert ("SEEN 1 [('begun early', True), ('collector on', True), ('late', [])]"
            in done.stdout), done.stdout


def _counted_derivations(monkeypatch) -> list[str]:
    import threading

    from app.store import keys

    threads: list[str] = []
    real = keys._derive

    def derive(*args):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(keys, "_derive", derive)
    return threads


def test_an_early_derivation_opens_the_window_once(qtbot, tmp_path: Path, monkeypatch) -> None:
    from ui.main import begin_unlock

    monkeypatch.setenv("MISSION_DESK_DEMO_DIR", str(tmp_path / "demo"))
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    args = parse_args(["--demo"])
    assert begin_unlock(args) is None  # first start: the key is made with the window
    opened = launch(args)
    assert opened is not None
    opened[1].close()
    opened[0].close()
    derivations = _counted_derivations(monkeypatch)
    unlocking = begin_unlock(args)
    assert unlocking is not None and derivations == ["key-derivation"]
    opened = launch(args, unlocking)
    assert opened is not None
    store, window = opened
    qtbot.addWidget(window)
    try:
        assert window.page("candidates").model.rowCount() == 300
        assert derivations == ["key-derivation"]  # not derived a second time
    finally:
        window.close()
        store.close()


def test_begin_unlock_leaves_dialogs_and_errors_to_the_window(tmp_path: Path,
                                                              monkeypatch) -> None:
    """No early derivation where a dialog may be needed (no passphrase in the environment),
    where none is derived (keyring), or where the key file is unreadable: open_store_gui then
    asks or reports as before."""
    from app.store.database import Store
    from app.store.keys import key_mode
    from ui.main import begin_unlock

    keyring_desk, passphrase_desk = tmp_path / "keyring", tmp_path / "passphrase"
    Store.open(keyring_desk).close()  # the tests' in-memory keyring
    assert key_mode(keyring_desk) == "keyring"
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    Store.open(passphrase_desk, lambda _new: "correct horse battery").close()
    derivations = _counted_derivations(monkeypatch)

    def begun(folder: Path) -> bool:
        unlocking = begin_unlock(parse_args(["--data-dir", str(folder)]))
        return unlocking is not None and len(unlocking()) == 32

    assert not begun(passphrase_desk)  # the passphrase dialog needs QApplication
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "correct horse battery")
    assert not begun(keyring_desk)
    assert not begun(tmp_path / "new")
    assert not (tmp_path / "new").exists()  # a first start makes its key with the window
    assert derivations == []
    assert begun(passphrase_desk)
    assert derivations == ["key-derivation"]
    (passphrase_desk / "key.json").write_text("{", encoding="utf-8")
    assert not begun(passphrase_desk)
