"""``mission-desk``: the desktop application, and its subcommands that need no window.

    mission-desk [--data-dir DIR] [--demo] [--lang en|fr]     the window
    mission-desk init-demo | import | report | sync ...       no window, no QApplication

PySide6 is imported only on the window's path, so the subcommands run on a server or in a
script without a display. Exit status: 0 success, 1 user error, 2 bad usage (argparse).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from app.paths import APP, data_dir_of

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.store.database import Store
    from app.store.keys import PassphrasePrompt
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

# The demo mission holds invented people only, so its database is locked by this fixed,
# documented passphrase: `--demo` opens with no set-up even where no keyring exists. It is
# used for the demo folder only; real missions always ask (or read MISSION_DESK_PASSPHRASE).
DEMO_PASSPHRASE = "mission-desk-demo"
DEMO_MARKER = "DEMO"
DEMO_CANDIDATES = 300


def demo_data_dir() -> Path:
    env = os.environ.get("MISSION_DESK_DEMO_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP, appauthor=False)) / "demo"


def _global_options(parser: argparse.ArgumentParser) -> None:
    # Its own dest: a subcommand's --data-dir default must not erase one given before it.
    parser.add_argument("--data-dir", dest="global_data_dir", type=Path, default=None,
                        metavar="DIR", help="folder holding this desk's encrypted database")
    parser.add_argument("--demo", action="store_true",
                        help="open a ready demo mission (created on first use), no server")
    parser.add_argument("--lang", choices=("en", "fr"), default=None,
                        help="interface language (default: the last one chosen)")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation and exit")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mission-desk",
        description="Field desk for university recruitment missions. Without a command, "
                    "opens the window.")
    _global_options(parser)
    from app import cli

    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli.register(sub)
    # The sync commands live in sync.cli when that module is installed.
    if importlib.util.find_spec("sync.cli") is not None:
        importlib.import_module("sync.cli").register(sub)
    return parser


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line; exits with status 2 on bad usage.

    The window's own options are tried first: when nothing else is on the line, the
    subcommands (and the report and sync modules they import) are never loaded, which keeps
    them out of the window's start-up time.
    """
    quick = argparse.ArgumentParser(prog="mission-desk", add_help=False, exit_on_error=False)
    _global_options(quick)
    try:
        args, rest = quick.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):  # a bad value: the full parser says so
        rest = ["?"]
    if rest:
        args = build_parser().parse_args(argv)
    else:
        args.command = None
    if getattr(args, "data_dir", None) is None:
        args.data_dir = args.global_data_dir
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        from ui.selftest import run_self_test

        return run_self_test()
    if args.command is not None:
        handler = getattr(args, "handler", None)
        if handler is not None:
            from app import cli

            return cli.run(handler, args)
        # sync.cli sets ``func``: a callable that already does its own error handling.
        return int(args.func(args) or 0)
    return run_gui(args)


# -- the window --------------------------------------------------------------------------------

def _is_demo_folder(data_dir: Path) -> bool:
    from app.store.keys import KEY_FILE

    return (data_dir.resolve() == demo_data_dir().resolve()
            or (data_dir / DEMO_MARKER).exists() or not (data_dir / KEY_FILE).exists())


def open_store_gui(data_dir: Path, demo: bool,
                   meanwhile: Callable[[], object] | None = None,
                   unlocking: Callable[[], bytes] | None = None) -> Store | None:
    """Open the store, asking the passphrase in a dialog (again after a wrong one).

    A wrong MISSION_DESK_PASSPHRASE is tried once: the dialog says so and asks (the demo's
    folder tries the demo's passphrase); every later attempt leaves the environment out.

    ``meanwhile`` runs once while the key is being derived on a worker thread (scrypt
    releases the GIL): the window's modules load then instead of after it. ``unlocking``:
    the key's derivation begun earlier by begin_unlock, used for the first attempt; its
    failures are answered as those of a derivation begun here.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from app.store.database import Store
    from app.store.engine import DatabaseLocked
    from app.store.keys import (
        PASSPHRASE_ENV,
        KeyError_,
        PassphraseRequired,
        WrongPassphrase,
        begin_obtain_key,
    )
    from app.store.migrate import DatabaseTooNew
    from ui.dialogs.passphrase import passphrase_prompt

    message = ""
    use_env = True
    while True:
        if demo and _is_demo_folder(data_dir):
            prompt: PassphrasePrompt = _demo_prompt
        else:
            prompt = passphrase_prompt(None, message)
        try:
            key = unlocking or begin_obtain_key(data_dir, prompt, use_env=use_env)
            unlocking = None
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            store = Store.open(data_dir, key=key())
        except WrongPassphrase as exc:
            if exc.from_env:
                # Said once, then asked: every retry would read the same value again.
                log.warning("the passphrase in %s is wrong for %s; not trying it again",
                            PASSPHRASE_ENV, data_dir)
                use_env = False
                message = QCoreApplication.translate("Launch",
                    "The passphrase in MISSION_DESK_PASSPHRASE is wrong. Type this desk's "
                    "passphrase.")
                continue
            if demo and _is_demo_folder(data_dir):
                QMessageBox.critical(None, "Mission Desk", QCoreApplication.translate("Launch",
                    "This demo folder is locked by another passphrase: set "
                    "MISSION_DESK_PASSPHRASE or choose another folder."))
                return None
            message = QCoreApplication.translate("Launch", "Wrong passphrase. Try again.")
            continue
        except PassphraseRequired:
            return None  # the user cancelled
        except (KeyError_, DatabaseTooNew, DatabaseLocked) as exc:
            QMessageBox.critical(None, "Mission Desk", str(exc))
            return None
        if demo:
            (data_dir / DEMO_MARKER).touch()
        return store


def _data_dir_of(args: argparse.Namespace) -> Path:
    return demo_data_dir() if args.demo and not args.data_dir else data_dir_of(args)


def _demo_prompt(_new: bool) -> str | None:
    return DEMO_PASSPHRASE


def begin_unlock(args: argparse.Namespace) -> Callable[[], bytes] | None:
    """Begin deriving the database key before the window's modules load, when no dialog can
    be needed for it: a passphrase-mode desk whose passphrase is MISSION_DESK_PASSPHRASE or
    the demo's. scrypt (about 0.1 s, the GIL released) then runs beside the imports and
    QApplication's creation instead of after them. None otherwise (a dialog, a first start
    or a keyring lookup wait for QApplication, as before), and on any error: open_store_gui
    then meets it again and reports it as usual. Returns what launch(args, ...) takes.
    """
    from app.store.keys import PASSPHRASE_ENV, begin_obtain_key, key_mode

    try:
        data_dir = _data_dir_of(args)
        demo = bool(args.demo) and _is_demo_folder(data_dir)
        if not (demo or os.environ.get(PASSPHRASE_ENV)) or key_mode(data_dir) != "passphrase":
            return None
        return begin_obtain_key(data_dir, _demo_prompt if demo else None)
    except Exception:  # reported by open_store_gui, which has a window to say it
        log.debug("early unlock not begun", exc_info=True)
        return None


def launch(args: argparse.Namespace, unlocking: Callable[[], bytes] | None = None
           ) -> tuple[Store, MainWindow] | None:
    """Open the data folder, choose the assessor on first run, build the window (not shown).

    ``unlocking``: begin_unlock(args), when the caller began the key's derivation early.
    """
    data_dir = _data_dir_of(args)
    store = open_store_gui(data_dir, args.demo, load_window_modules, unlocking)
    if store is None:
        return None
    from ui.context import DeskContext, remembered_assessor
    from ui.main_window import MainWindow

    mission_id = store.get_meta("current_mission")
    if not mission_id and args.demo:
        from app.demo import init_demo

        log.info("creating the demo mission in %s", data_dir)
        mission_id, _ = init_demo(store, candidates=DEMO_CANDIDATES)
    if not mission_id:
        from ui.dialogs.connect import connect_first_mission

        mission_id, wants_demo = connect_first_mission(store)
        if wants_demo:  # "Open the demo": the demo folder, the user's own left as it is
            store.close()
            return launch(argparse.Namespace(**{**vars(args), "demo": True,
                                                "data_dir": None}))
    if not mission_id:
        store.close()
        return None
    actor = remembered_assessor(store, mission_id)
    if actor is None:  # first run on this desk: the dialog (and its module) only now
        from ui.dialogs.assessor import choose_assessor

        actor = choose_assessor(store, mission_id)
    if actor is None:
        store.close()
        return None
    ctx = DeskContext(store, mission_id, actor)
    return store, MainWindow(ctx)


def load_window_modules() -> None:
    """The modules of the window and of its first page (run while the key is derived)."""
    for name in ("ui.main_window", "ui.pages.candidates"):
        importlib.import_module(name)


def load_desk_core() -> None:
    """Import the Qt-free modules the window needs before PySide6 is first imported.

    PySide6 installs an import hook that reads the source of every module imported after it
    (shibokensupport's check for ``__feature__``): pydantic, the domain and the edit service
    loaded first skip that scan, about 0.2 s of start-up on a laptop.
    """
    # app.store.closing: the status bar's receipt coverage (the window imports it).
    for name in ("app.store.edits", "app.store.outbox", "app.store.closing"):
        importlib.import_module(name)


def pause_gc() -> None:
    """Pause the cyclic garbage collector for the start-up's imports and QApplication.

    They create about 100,000 objects that live as long as the process (modules, classes,
    functions) and almost no garbage; the collector's passes over them, again and again as
    they pile up, cost about 40 ms of the start. resume_gc ends the pause before anything can
    show a dialog or run for long.
    """
    gc.disable()


def resume_gc() -> None:
    """Resume the collector, the objects made so far set aside (gc.freeze): no collection
    ever walks them again. The garbage the imports left in cycles stays with them: about
    600 objects (short-lived classes and their functions), some 160 KB measured."""
    gc.freeze()
    gc.enable()


def begin_start(args: argparse.Namespace) -> Callable[[], bytes] | None:
    """The start's first steps, before Qt: the collector paused, the key's derivation begun
    (begin_unlock), the Qt-free core loaded. Returns what launch(args, ...) takes; the caller
    creates QApplication and then calls resume_gc."""
    pause_gc()
    unlocking = begin_unlock(args)  # first: the key derives while the modules below load
    load_desk_core()
    return unlocking


def run_gui(args: argparse.Namespace) -> int:
    unlocking = begin_start(args)
    from ui.app import (
        capture_qt_and_faults,
        crash_hook,
        create_app,
        saved_language,
        setup_logging,
        translations,
    )

    log_file = setup_logging()
    capture_qt_and_faults()
    app: QApplication = create_app(sys.argv[:1])
    crash_hook.install()
    translations(app).install(args.lang or saved_language())
    resume_gc()  # before launch: its dialogs may wait on the user, a first pull may be large
    log.info("Mission Desk starting (log %s)", log_file)
    opened = launch(args, unlocking)
    if opened is None:
        return 1
    store, window = opened
    window.show()
    window.warn_if_stale()
    try:
        return app.exec()
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
