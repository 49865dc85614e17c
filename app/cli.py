"""The desk's command-line subcommands that need no window (DESIGN.md §7).

``ui.main`` builds the ``mission-desk`` parser from ``register`` here and from ``sync.cli``.
Exit status: 0 success, 1 user error (one clear line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from app.domain.errors import DomainError
from app.paths import data_dir_of
from app.store.database import Store
from app.store.engine import DatabaseLocked
from app.store.keys import KeyError_
from app.store.migrate import DatabaseTooNew

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]


class CliError(Exception):
    """A user error: printed as one line, exit status 1."""


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder holding this desk's encrypted database (default: the "
                             "platform's user data folder)")


def _prompt(new: bool) -> str | None:
    if not sys.stdin or not sys.stdin.isatty():
        return None
    first = getpass.getpass("New passphrase for this desk: " if new else "Passphrase: ")
    if new and getpass.getpass("Repeat the passphrase: ") != first:
        raise CliError("the two passphrases differ")
    return first


def open_store(args: argparse.Namespace) -> Store:
    try:
        store = Store.open(data_dir_of(args), _prompt)
    except (KeyError_, DatabaseTooNew, DatabaseLocked) as exc:
        raise CliError(str(exc)) from exc
    warn_if_stale(store)
    return store


def warn_if_stale(store: Store) -> None:
    """Every start: a mission that ended long ago still holding data says so on stderr."""
    from app.store.closing import stale_message, stale_mission

    with store.read() as s:
        stale = stale_mission(s)
    if stale is not None:
        log.warning("%s", stale_message(stale))
        print(f"mission-desk: warning: {stale_message(stale)}", file=sys.stderr)


def current_mission(store: Store) -> str:
    mission_id = store.get_meta("current_mission")
    if not mission_id:
        raise CliError("this desk holds no mission yet: run 'mission-desk init-demo' or sync")
    return mission_id


def current_actor(store: Store) -> str:
    actor = store.get_meta("current_assessor")
    if not actor:
        raise CliError("no assessor chosen on this desk yet: open the desk once and choose "
                       "who you are")
    return actor


def run(handler: Handler, args: argparse.Namespace) -> int:
    """Run a subcommand, turning user errors into one line on stderr and exit status 1."""
    try:
        return handler(args)
    except (CliError, DomainError, FileNotFoundError) as exc:
        print(f"mission-desk: error: {exc}", file=sys.stderr)
        return 1


# -- subcommands ------------------------------------------------------------------------------

def cmd_init_demo(args: argparse.Namespace) -> int:
    from app.demo import DEMO_CODE, init_demo

    store = open_store(args)
    try:
        if store.get_meta("current_mission"):
            raise CliError("this desk already holds a mission; use another --data-dir")
        init_demo(store, candidates=args.candidates)
    finally:
        store.close()
    print(f"demo mission {DEMO_CODE} created with {args.candidates} candidates")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.importers.candidates import ImportFormatError, import_into

    store = open_store(args)
    try:
        report = import_into(store, current_mission(store), current_actor(store), args.file)
    except ImportFormatError as exc:
        raise CliError(str(exc)) from exc
    finally:
        store.close()
    print(report.summary())
    for err in report.errors:
        print(f"  line {err.line}: {err.reason}")
    for warn in report.warnings:
        print(f"  line {warn.line}: warning: {warn.reason}")
    return 0


def cmd_close_mission(args: argparse.Namespace) -> int:
    from app.store.closing import CloseRefused, check_can_close, close_mission
    from app.store.models import Mission

    store = open_store(args)
    try:
        mission_id = current_mission(store)
        with store.read() as s:
            mission = s.get(Mission, mission_id)
            code = mission.code if mission else mission_id
        cov = check_can_close(store)
        if not args.yes:
            if not sys.stdin or not sys.stdin.isatty():
                raise CliError("closing erases the mission from this laptop for good: give "
                               "--yes to confirm from a script")
            typed = input(f"Type the mission code ({code}) to erase it from this laptop: ")
            if typed.strip() != code:
                raise CliError("not confirmed: nothing was erased")
        closed = close_mission(store)
    except CloseRefused as exc:
        raise CliError(str(exc)) from exc
    finally:
        store.close()
    print(f"mission {code} closed on this laptop: {cov.changes} change(s), all received by "
          f"the server; key destroyed ({closed.key_mode}), {len(closed.removed)} file(s) "
          f"deleted; signed record: {closed.record}")
    for p in closed.left:
        print(f"  left in place (not written by Mission Desk): {p}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init-demo", help="create the seeded demo mission, no window")
    add_data_dir(p)
    p.add_argument("--candidates", type=int, default=300, metavar="N")
    p.set_defaults(handler=cmd_init_demo)

    p = sub.add_parser("import", help="add candidates from a CSV or XLSX export")
    add_data_dir(p)
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("close-mission", help="erase this desk's mission once the server has "
                                             "receipted every change; leaves a signed record")
    add_data_dir(p)
    p.add_argument("--yes", action="store_true",
                   help="do not ask to type the mission code (for scripts)")
    p.set_defaults(handler=cmd_close_mission)
    __import__("app.reports.cli", fromlist=["register"]).register(sub)  # late: it imports us
