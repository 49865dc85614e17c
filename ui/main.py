"""``mission-desk``: the desktop application, and its subcommands that need no window.

    mission-desk [--data-dir DIR] [--demo] [--lang en|fr]     the window
    mission-desk init-demo | import | report | sync ...       no window, no QApplication

PySide6 is imported only on the window's path, so the subcommands run on a server or in a
script without a display. Exit status: 0 success, 1 user error, 2 bad usage (argparse).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from app import cli
from app.paths import APP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.store.database import Store
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
                   meanwhile: Callable[[], object] | None = None) -> Store | None:
    """Open the store, asking the passphrase in a dialog (again after a wrong one).

    ``meanwhile`` runs once while the key is being derived on a worker thread (scrypt
    releases the GIL): the window's modules load then instead of after it.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from app.store.database import Store
    from app.store.engine import DatabaseLocked
    from app.store.keys import KeyError_, PassphraseRequired, WrongPassphrase, begin_obtain_key
    from app.store.migrate import DatabaseTooNew
    from ui.dialogs.passphrase import passphrase_prompt

    message = ""
    while True:
        if demo and _is_demo_folder(data_dir):
            def prompt(_new: bool) -> str | None:
                return DEMO_PASSPHRASE
        else:
            prompt = passphrase_prompt(None, message)
        try:
            key = begin_obtain_key(data_dir, prompt)
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            store = Store.open(data_dir, key=key())
        except WrongPassphrase:
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


def launch(args: argparse.Namespace) -> tuple[Store, MainWindow] | None:
    """Open the data folder, choose the assessor on first run, build the window (not shown)."""
    data_dir = Path(args.data_dir) if args.data_dir else (
        demo_data_dir() if args.demo else cli.data_dir_of(args))
    store = open_store_gui(data_dir, args.demo, load_window_modules)
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
    for name in ("app.store.edits", "app.store.outbox"):
        importlib.import_module(name)


def run_gui(args: argparse.Namespace) -> int:
    load_desk_core()
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
    log.info("Mission Desk starting (log %s)", log_file)
    opened = launch(args)
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
