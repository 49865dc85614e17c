"""``mission-desk --self-test``: prove that this install (a source checkout or the PyInstaller
bundle on a team laptop) has everything the desk needs, without touching the user's data.

Each check prints one line, OK or FAIL with its reason, then the versions of Python, Qt,
SQLCipher and the desk. Exit 0 when every check passed, 1 otherwise (each reason repeated on
stderr, with its traceback). Everything happens in a throwaway folder: a new encrypted database
under a random passphrase (the keyring is switched off for it, so the user's keyring is never
written), a tiny demo mission, one edit written and read back after reopening the file, a PDF,
and the main window built and painted offscreen.
"""

from __future__ import annotations

import contextlib
import os
import platform
import secrets
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

DEMO_CANDIDATES = 20


class CheckFailed(Exception):
    """A check ran but found something wrong; the message is the reason shown."""


@dataclass
class Result:
    name: str
    ok: bool
    detail: str
    seconds: float
    trace: str = ""


@dataclass
class Scratch:
    """What the checks share: the throwaway folder and, once opened, the store and mission."""

    folder: Path
    passphrase: str
    store: Any = None
    mission_id: str = ""
    chair_id: str = ""
    versions: dict[str, str] = field(default_factory=dict)


# -- environment ---------------------------------------------------------------------------


@contextlib.contextmanager
def _scratch_env(scratch: Scratch) -> Iterator[None]:
    """Passphrase mode with a random passphrase and the data folder in the scratch folder, for
    the duration of the test only: the user's keyring and data folder are never used."""
    wanted = {
        "MISSION_DESK_KEYRING": "off",
        "MISSION_DESK_PASSPHRASE": scratch.passphrase,
        "MISSION_DESK_DATA_DIR": str(scratch.folder / "data"),
    }
    saved = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _has_display() -> bool:
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


# -- checks ----------------------------------------------------------------------------------


def check_versions(scratch: Scratch) -> str:
    import PySide6
    import sqlcipher3.dbapi2 as sqlcipher
    from PySide6.QtCore import qVersion

    import app

    conn = sqlcipher.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    if not row or not row[0]:
        raise CheckFailed("sqlcipher3 is plain SQLite here: PRAGMA cipher_version is empty")
    scratch.versions.update({
        "Python": f"{platform.python_version()} ({platform.python_implementation()}, "
                  f"{platform.system()} {platform.machine()})",
        "Qt": f"{qVersion()} (PySide6 {PySide6.__version__})",
        "SQLCipher": f"{row[0]} (SQLite {sqlcipher.sqlite_version})",
        "Mission Desk": app.__version__,
    })
    return ", ".join(f"{k} {v.split(' (')[0]}" for k, v in scratch.versions.items())


def check_resources(scratch: Scratch) -> str:
    from PySide6.QtCore import QTranslator

    from app.reports.fonts import fonts_dir, register_fonts
    from ui.app import LANGUAGES
    from ui.resources import resources_dir, translation_path

    folder = resources_dir()
    if not folder.is_dir():
        raise CheckFailed(f"resources folder missing: {folder}")
    # The reports' own registration: raises naming the first font file the bundle lacks.
    register_fonts()
    parts = [f"fonts {len(list(fonts_dir().glob('*.ttf')))}"]
    # Every language the desk offers (English is the source text) must load and hold
    # messages: a missing file would silently show English to a French team.
    for lang in LANGUAGES:
        if lang == "en":
            continue
        qm = translation_path(lang)
        translator = QTranslator()
        if not qm.is_file():
            raise CheckFailed(f"translation missing for '{lang}': {qm}")
        if not translator.load(str(qm)) or translator.isEmpty():
            raise CheckFailed(f"translation for '{lang}' does not load or is empty: {qm}")
        parts.append(f"translation {lang} ({qm.stat().st_size:,} bytes)")
    for sub in ("icons", "style"):
        if (folder / sub).is_dir():
            parts.append(f"{sub} {sum(1 for p in (folder / sub).rglob('*') if p.is_file())}")
    return f"{folder}: " + ", ".join(parts)


def check_keyring(scratch: Scratch) -> str:
    from importlib.metadata import entry_points

    import keyring

    # keyring finds its OS backends through entry points: a bundle without keyring's
    # metadata silently has none and the desk would ask a passphrase on every laptop.
    found = sorted(ep.name for ep in entry_points(group="keyring.backends"))
    if not found:
        raise CheckFailed("no keyring backend entry points (keyring's metadata is missing)")
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    return f"active {name}; known: {', '.join(found)}"


def check_tls(scratch: Scratch) -> str:
    import ssl

    import certifi

    # Sync verifies the server's certificate against certifi's CA bundle (what requests
    # uses); a bundle without that file fails only in the field, at the first sync.
    ca = Path(certifi.where())
    if not ca.is_file():
        raise CheckFailed(f"CA bundle missing: {ca}")
    authorities = ssl.create_default_context(cafile=str(ca)).cert_store_stats()["x509_ca"]
    if authorities == 0:
        raise CheckFailed(f"CA bundle {ca.name} holds no certificate authority")
    return f"{ssl.OPENSSL_VERSION}, certifi {certifi.__version__} with {authorities} authorities"


def check_entry(scratch: Scratch) -> str:
    import argparse

    import ui.main

    if not callable(getattr(ui.main, "main", None)):
        raise CheckFailed("ui.main has no main() entry point")
    build_parser = getattr(ui.main, "build_parser", None)
    if build_parser is None:
        return "ui.main imports"
    # Building the parser imports every subcommand's module (sync's too, when installed).
    commands = [name for action in build_parser()._actions
                if isinstance(action, argparse._SubParsersAction) for name in action.choices]
    return "commands: " + ", ".join(commands)


def check_store(scratch: Scratch) -> str:
    from app.demo import init_demo
    from app.store.database import Store
    from app.store.engine import DB_FILE
    from app.store.keys import key_mode

    data = scratch.folder / "data"
    scratch.store = Store.open(data)
    if key_mode(data) != "passphrase":
        raise CheckFailed(f"expected a passphrase-wrapped key, got {key_mode(data)!r}")
    scratch.mission_id, scratch.chair_id = init_demo(scratch.store, candidates=DEMO_CANDIDATES)
    with scratch.store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    head = (data / DB_FILE).read_bytes()[:16]
    if head.startswith(b"SQLite format 3"):
        raise CheckFailed("the database file is not encrypted (plain SQLite header)")
    return f"{DB_FILE} encrypted, demo mission with {DEMO_CANDIDATES} candidates"


def check_edit(scratch: Scratch) -> str:
    from sqlalchemy import select

    from app.store.database import Store
    from app.store.edits import EditService
    from app.store.models import Candidate
    from app.store.outbox import pending_count

    if scratch.store is None:
        raise CheckFailed("not run: the encrypted store did not open")
    edits = EditService(scratch.store, scratch.mission_id, scratch.chair_id)
    with scratch.store.read() as s:
        cand = s.scalars(select(Candidate).where(Candidate.mission_id == scratch.mission_id)
                         .order_by(Candidate.application_number)).first()
        if cand is None:
            raise CheckFailed("the demo mission has no candidate")
        cid, before = cand.id, cand.status
        pending_before = pending_count(s)
    wanted = "absent" if before == "present" else "present"
    result = edits.set_status(cid, wanted)
    if result.mutation_id is None:
        raise CheckFailed("the edit queued no outbox mutation")
    # Read back from a fresh open of the file (key unwrapped again from the passphrase).
    scratch.store.close()
    scratch.store = Store.open(scratch.folder / "data")
    with scratch.store.read() as s:
        after = s.get(Candidate, cid)
        pending_after = pending_count(s)
    if after is None or after.status != wanted:
        raise CheckFailed(f"edit lost after reopening: status {getattr(after, 'status', None)!r}"
                          f", expected {wanted!r}")
    if pending_after != pending_before + 1:
        raise CheckFailed(f"outbox holds {pending_after} pending, expected {pending_before + 1}")
    return f"status {before} -> {wanted} read back after reopening; outbox {pending_after}"


def check_pdf(scratch: Scratch) -> str:
    if scratch.store is None:
        raise CheckFailed("not run: the encrypted store did not open")
    out = scratch.folder / "self-test.pdf"
    what = _render_pdf(scratch, out)
    data = out.read_bytes() if out.is_file() else b""
    if not data.startswith(b"%PDF-"):
        raise CheckFailed(f"{out.name} is not a PDF ({len(data)} bytes)")
    if b"/FontFile2" not in data:
        raise CheckFailed("the PDF embeds no TrueType font (report fonts not used)")
    return f"{what}, {len(data):,} bytes, fonts embedded"


def _render_pdf(scratch: Scratch, out: Path) -> str:
    """The jury minutes of the demo mission, through the same entry point as the desk's menu
    and ``mission-desk report ranking``: report fonts (CJK, Devanagari) and shaping included."""
    import re

    from app.reports.build import ReportKind, generate

    generate(scratch.store, scratch.mission_id, ReportKind.RANKING, out)
    pages = len(re.findall(rb"/Type\s*/Page\b", out.read_bytes()))
    return f"ranking report, {pages} page{'s' if pages != 1 else ''}"


def check_window(scratch: Scratch) -> str:
    from PySide6.QtCore import QEventLoop, QSettings, Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    if scratch.store is None:
        raise CheckFailed("not run: the encrypted store did not open")
    app = QApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM") and not _has_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        # Our own process: the window's settings go to the scratch folder, not the user's
        # (an INI file there; the native format would be the registry or a plist).
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(scratch.folder / "settings"))
        from ui.app import create_app  # the desk's own: style, bundled fonts, window icon

        app = create_app([sys.argv[0] if sys.argv else "mission-desk"])
    assert isinstance(app, QApplication)

    from ui.resources import icon_path

    icon = QIcon(str(icon_path("app"))).pixmap(64, 64)
    if icon.isNull():  # SVG icons need Qt's svg icon engine plugin in the bundle
        raise CheckFailed(f"the app icon does not render: {icon_path('app')}")

    from ui.context import DeskContext
    from ui.main_window import MainWindow

    ctx = DeskContext(scratch.store, scratch.mission_id, scratch.chair_id)
    window = MainWindow(ctx)
    if QApplication.platformName() != "offscreen":
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    try:
        window.resize(1200, 800)
        window.show()
        for _ in range(5):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        pixmap = window.grab()
        if pixmap.isNull() or pixmap.width() == 0 or pixmap.height() == 0:
            raise CheckFailed("the main window painted nothing (null pixmap)")
        image = pixmap.toImage()
        colours = {image.pixel(x, y)
                   for x in range(0, image.width(), max(1, image.width() // 40))
                   for y in range(0, image.height(), max(1, image.height() // 40))}
        if len(colours) < 3:
            raise CheckFailed(f"the main window painted a blank {pixmap.width()}x"
                              f"{pixmap.height()} image")
        grab = os.environ.get("MISSION_DESK_SELFTEST_GRAB")
        if grab:  # for looking at what the bundle drew
            pixmap.save(grab)
        title = window.windowTitle()
    finally:
        window.close()
        window.deleteLater()
        ctx.deleteLater()
        app.processEvents()
    return (f"{type(window).__name__} {pixmap.width()}x{pixmap.height()} on "
            f"'{QApplication.platformName()}', {len(colours)} colours, title {title!r}; "
            "app icon rendered")


CHECKS: list[tuple[str, Callable[[Scratch], str]]] = [
    ("versions", check_versions),
    ("resources", check_resources),
    ("keyring", check_keyring),
    ("tls", check_tls),
    ("entry point", check_entry),
    ("encrypted store", check_store),
    ("edit round trip", check_edit),
    ("pdf", check_pdf),
    ("main window", check_window),
]


# -- runner ----------------------------------------------------------------------------------


def _run_one(name: str, check: Callable[[Scratch], str], scratch: Scratch) -> Result:
    start = time.perf_counter()
    try:
        detail = check(scratch)
        return Result(name, True, detail, time.perf_counter() - start)
    except Exception as exc:
        reason = str(exc) if isinstance(exc, CheckFailed) else f"{type(exc).__name__}: {exc}"
        return Result(name, False, reason, time.perf_counter() - start,
                      "" if isinstance(exc, CheckFailed) else traceback.format_exc())


def _trace_crashes() -> None:
    """A check that crashes the process (a segfault in Qt or a driver) still names itself:
    Python's fault handler prints where it was."""
    import faulthandler

    if faulthandler.is_enabled() or sys.__stderr__ is None:
        return
    with contextlib.suppress(AttributeError, ValueError, OSError):
        faulthandler.enable(sys.__stderr__)


def run_self_test(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every check; print one line each, then the versions. 0 if all passed, else 1."""
    out = out or sys.stdout
    err = err or sys.stderr
    start = time.perf_counter()
    _trace_crashes()
    where = f"bundle {sys._MEIPASS}" if getattr(sys, "frozen", False) else "source tree"  # type: ignore[attr-defined]
    print(f"Mission Desk self-test ({where})", file=out, flush=True)
    folder = Path(tempfile.mkdtemp(prefix="mission-desk-selftest-"))
    scratch = Scratch(folder=folder, passphrase=secrets.token_urlsafe(24))
    results: list[Result] = []
    try:
        with _scratch_env(scratch):
            for name, check in CHECKS:
                r = _run_one(name, check, scratch)
                results.append(r)
                mark = "OK  " if r.ok else "FAIL"
                print(f"  {mark} {r.name:<16} {r.detail}  [{r.seconds:.2f} s]", file=out,
                      flush=True)
    finally:
        if scratch.store is not None:
            scratch.store.close()
        shutil.rmtree(folder, ignore_errors=True)
    for key in ("Python", "Qt", "SQLCipher", "Mission Desk"):
        print(f"{key + ':':<14}{scratch.versions.get(key, 'unknown')}", file=out)
    failed = [r for r in results if not r.ok]
    total = time.perf_counter() - start
    if not failed:
        print(f"self-test passed: {len(results)} checks in {total:.2f} s", file=out, flush=True)
        return 0
    print(f"self-test FAILED: {len(failed)} of {len(results)} checks in {total:.2f} s",
          file=out, flush=True)
    for r in failed:
        print(f"self-test: {r.name}: {r.detail}", file=err)
        if r.trace:
            print(r.trace.rstrip(), file=err)
    err.flush()
    return 1


if __name__ == "__main__":
    sys.exit(run_self_test())
