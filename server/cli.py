"""`mission-desk-server`: serve, migrate, create-user, create-mission, import-candidates,
export-results, remove-candidate, plan, export-plan, import-plan, import-bundle (DESIGN.md §7).
Exit status: 0 success, 1 user error, 2 bad usage."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError as PydanticError
from sqlalchemy.exc import OperationalError

from app.domain.enums import Role
from app.domain.errors import DomainError
from app.domain.mission import MissionConfig
from sync.protocol import KEEP_ALIVE_SECONDS

from .accounts import CONSOLE_ROLES, AccountError, check_new_password, create_user
from .db import ENV_URL, make_engine, resolve_url, session_factory
from .migrate import DatabaseTooNew, upgrade

log = logging.getLogger(__name__)


class CliError(Exception):
    """A user error: one line on stderr, exit status 1."""


def _sessions(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    return session_factory(make_engine(args.database_url))


def cmd_migrate(args: argparse.Namespace) -> int:
    before, after = upgrade(make_engine(args.database_url))
    print(f"database at schema {after}" + ("" if before == after else f" (was {before})"))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .api import ENV_TOKEN_IDLE_DAYS, create_app

    url = resolve_url(args.database_url)
    upgrade(make_engine(url))
    if args.token_idle_days is not None:
        if args.token_idle_days <= 0:
            raise CliError("--token-idle-days must be a positive number of days")
        os.environ[ENV_TOKEN_IDLE_DAYS] = str(args.token_idle_days)
    # Behind a TLS proxy: trust its X-Forwarded-For / X-Forwarded-Proto from these addresses
    # only (the client address feeds the sign-in throttle; the scheme, HSTS).
    proxy = {"proxy_headers": True, "forwarded_allow_ips": args.forwarded_allow_ips,
             # desks keep their connections between syncs (no handshake per sync); they
             # drop them before this (sync.protocol.KEEP_ALIVE_SECONDS)
             "timeout_keep_alive": KEEP_ALIVE_SECONDS}
    if args.workers > 1:
        os.environ[ENV_URL] = url
        from .workers import serve

        config = uvicorn.Config("server.api:app_from_env", factory=True, host=args.host,
                                port=args.port, workers=args.workers, log_level=args.log_level,
                                **proxy)
        try:
            serve(config)
        except OSError as exc:
            raise CliError(str(exc.strerror or exc)) from None
    else:
        from .workers import tune_for_serving

        app = create_app(url)
        tune_for_serving()
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, **proxy)
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif args.password:
        password = args.password
    else:
        raise CliError("give --password-stdin (recommended) or --password")
    try:
        check_new_password(password)
    except AccountError as exc:
        raise CliError(str(exc)) from None
    return password


def cmd_create_user(args: argparse.Namespace) -> int:
    password = _password(args)
    with _sessions(args)() as s, s.begin():
        user = create_user(s, args.username, password, name=args.name or args.username,
                           email=args.email or "", is_admin=args.admin,
                           console_role=args.role)
        print(f"user {user.username} created ({user.console_role or 'assessor'}), "
              f"id {user.id}")
    return 0


def cmd_create_mission(args: argparse.Namespace) -> int:
    from .missions import create_mission, parse_member

    config = MissionConfig()
    if args.config:
        try:
            config = MissionConfig.model_validate(json.loads(Path(args.config).read_text(
                encoding="utf-8")))
        except (OSError, ValueError, PydanticError) as exc:
            raise CliError(f"{args.config}: not a valid mission configuration ({exc})"
                           .splitlines()[0]) from None
    members = [parse_member(m) for m in args.member or []]
    with _sessions(args)() as s, s.begin():
        mission = create_mission(
            s, code=args.code, name=args.name, country=args.country, city=args.city,
            timezone=args.timezone, start=args.start, end=args.end, chair=args.chair,
            members=members, config=config, chair_role=Role(args.chair_role))
        print(f"mission {mission.code} created, id {mission.id}")
    return 0


def cmd_import_candidates(args: argparse.Namespace) -> int:
    from app.importers.candidates import ImportFormatError

    from .mission_setup import import_candidates
    from .missions import mission_by_code

    with _sessions(args)() as s, s.begin():
        mission = mission_by_code(s, args.mission_code)
        try:
            report, outcome, _ = import_candidates(s, mission, Path(args.file),
                                                   actor="import-candidates")
        except ImportFormatError as exc:
            raise CliError(str(exc)) from None
    for err in report.errors:
        print(f"{args.file}:{err.line}: {err.reason}", file=sys.stderr)
    for warn in report.warnings:
        print(f"{args.file}:{warn.line}: warning: {warn.reason}", file=sys.stderr)
    for appno in outcome.skipped or []:
        print(f"{appno}: already in mission {args.mission_code}, skipped", file=sys.stderr)
    print(f"{outcome.added} candidate(s) imported, "
          f"{len(report.errors) + len(outcome.skipped or [])} row(s) skipped")
    return 0


def cmd_export_results(args: argparse.Namespace) -> int:
    from .export import write_results
    from .missions import mission_by_code

    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise CliError(f"{out.name}: export writes .csv or .xlsx files")
    with _sessions(args)() as s, s.begin():
        n = write_results(s, mission_by_code(s, args.mission_code), out)
    print(f"{n} candidate(s) written to {out}")
    return 0


def cmd_remove_candidate(args: argparse.Namespace) -> int:
    from .missions import mission_by_code, remove_candidate

    with _sessions(args)() as s, s.begin():
        n = remove_candidate(s, mission_by_code(s, args.mission_code), args.application_number,
                             args.reason)
    print(f"{args.application_number} removed ({n} row(s) tombstoned; desks receive the "
          "deletion on their next sync)")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    """Plan every candidate not yet placed; exit 1 naming those who could not be."""
    from .missions import mission_by_code
    from .planning import plan_mission, planning_config

    with _sessions(args)() as s, s.begin():
        mission = mission_by_code(s, args.mission_code)
        planning = planning_config(s, mission, days=args.day, rooms=args.room,
                                   slot=args.slot, panels=args.panel, written=args.written or [])
        report = plan_mission(s, mission, planning, seed=args.seed)
        labels = {c.id: c.label for c in report.outcome.candidates.values()}
    for line in report.lines(labels):
        print(line)
    if report.outcome.unplaced:
        names = ", ".join(u.label for u in sorted(report.outcome.unplaced))
        print(f"mission-desk-server: {len(report.outcome.unplaced)} candidate(s) not placed: "
              f"{names}", file=sys.stderr)
        return 1
    return 0


def cmd_export_plan(args: argparse.Namespace) -> int:
    from .missions import mission_by_code
    from .plan_files import PLAN_SUFFIXES, write_plan_file
    from .planning import export_rows

    out = Path(args.out)
    if out.suffix.lower() not in PLAN_SUFFIXES:
        raise CliError(f"{out.name}: export-plan writes .csv or .xlsx files")
    with _sessions(args)() as s, s.begin():
        mission = mission_by_code(s, args.mission_code)
        rows = export_rows(s, mission)
    write_plan_file(rows, out, mission.code)
    print(f"{len(rows)} appointment(s) written to {out}")
    return 0


def cmd_import_plan(args: argparse.Namespace) -> int:
    from .missions import mission_by_code
    from .plan_files import read_plan_file
    from .planning import import_rows

    rows = read_plan_file(Path(args.file))
    with _sessions(args)() as s, s.begin():
        result = import_rows(s, mission_by_code(s, args.mission_code), rows)
        if result.errors:  # raised inside the transaction: it rolls back, nothing half-applied
            for err in result.errors:
                print(f"{args.file}: {err}", file=sys.stderr)
            raise CliError(f"{args.file}: {len(result.errors)} error(s), nothing imported")
    print(f"{len(rows)} appointment(s) read, {result.written} row(s) written")
    return 0


def cmd_import_bundle(args: argparse.Namespace) -> int:
    from .bundles import import_bundle, mission_of
    from .errors import ApiError

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise CliError(f"{args.file}: {exc.strerror or exc}") from None
    try:
        with _sessions(args)() as s, s.begin():
            out = import_bundle(s, mission_of(data), data)
    except ApiError as exc:  # nothing was applied: the transaction rolled back
        raise CliError(f"{args.file}: {exc.message}") from None
    counts = out.counts()
    print(f"bundle {out.bundle_id}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    for why in out.refused:  # a shared desk's colleague whose key the server lacks
        print(f"section refused: {why}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mission-desk-server",
                                description="Mission Desk central admissions server")
    sub = p.add_subparsers(dest="command", required=True)

    def command(name: str, fn: Callable[[argparse.Namespace], int], help_: str
                ) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--database-url", default=None,
                        help=f"SQLAlchemy URL (default: ${ENV_URL}, else a SQLite file in the "
                             "user data folder); PostgreSQL: postgresql+psycopg://...")
        sp.set_defaults(func=fn)
        return sp

    sp = command("serve", cmd_serve, "run the HTTP API (uvicorn)")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--workers", type=int, default=1)
    sp.add_argument("--log-level", default="info")
    sp.add_argument("--forwarded-allow-ips", default="127.0.0.1", metavar="ADDRESSES",
                    help="addresses of the TLS reverse proxy whose X-Forwarded-* headers are "
                         "trusted (comma-separated; default 127.0.0.1)")
    sp.add_argument("--token-idle-days", type=float, default=None, metavar="DAYS",
                    help="a device token unused this long stops working (default 90, or "
                         "$MISSION_DESK_TOKEN_IDLE_DAYS)")
    command("migrate", cmd_migrate, "create or upgrade the database schema")
    sp = command("create-user", cmd_create_user, "add a user account")
    sp.add_argument("username")
    sp.add_argument("--name", default="")
    sp.add_argument("--email", default="")
    sp.add_argument("--password-stdin", action="store_true",
                    help="read the password from the first line of stdin")
    sp.add_argument("--password", default=None, help="the password (visible to ps: avoid)")
    sp.add_argument("--admin", action="store_true", help="give the admin role")
    sp.add_argument("--role", default=None, choices=CONSOLE_ROLES,
                    help="the console's role: admin, officer (manages missions) or viewer")
    sp = command("create-mission", cmd_create_mission, "prepare a mission and its team")
    sp.add_argument("--code", required=True)
    sp.add_argument("--name", default="")
    sp.add_argument("--country", required=True)
    sp.add_argument("--city", required=True)
    sp.add_argument("--timezone", default="UTC")
    sp.add_argument("--start", required=True, help="YYYY-MM-DD")
    sp.add_argument("--end", required=True, help="YYYY-MM-DD")
    sp.add_argument("--chair", required=True, help="username of the head of delegation")
    sp.add_argument("--chair-role", default="professor", choices=[r.value for r in Role])
    sp.add_argument("--member", action="append", metavar="USERNAME:ROLE",
                    help="a team member, role professor or representative (repeatable)")
    sp.add_argument("--config", default=None,
                    help="MissionConfig JSON: subjects, rubric, weights, options, threshold")
    sp = command("import-candidates", cmd_import_candidates,
                 "add candidates from the platform's CSV/XLSX export")
    sp.add_argument("mission_code")
    sp.add_argument("file")
    sp = command("remove-candidate", cmd_remove_candidate,
                 "withdraw a candidate row entered by mistake (tombstoned, synced to desks)")
    sp.add_argument("mission_code")
    sp.add_argument("application_number")
    sp.add_argument("--reason", required=True, help="kept in the audit trail")
    sp = command("export-results", cmd_export_results,
                 "write one row per candidate: marks, scorecards, scores, decision")
    sp.add_argument("mission_code")
    sp.add_argument("--out", required=True, help="FILE.csv or FILE.xlsx")
    sp = command("plan", cmd_plan, "plan written-test sittings and interviews of every "
                 "candidate not yet placed")
    sp.add_argument("mission_code")
    sp.add_argument("--day", action="append", required=True, metavar="YYYY-MM-DD[=HH:MM-HH:MM]",
                    help="a mission day and its opening hours (default 09:00-18:00; repeatable)")
    sp.add_argument("--room", action="append", required=True, metavar="NAME[=CAPACITY]",
                    help="a room (repeatable); CAPACITY for an exam room (default 1)")
    sp.add_argument("--slot", type=int, required=True, metavar="MINUTES",
                    help="the length of an interview")
    sp.add_argument("--panel", action="append", required=True, metavar="USER,USER[,USER]",
                    help="a panel of two or more members' user names, a professor among them "
                         "(repeatable)")
    sp.add_argument("--written", action="append", metavar="YYYY-MM-DD=HH:MM-HH:MM@ROOM",
                    help="a written-test sitting of every subject (repeatable); a room not "
                         "given by --room is an exam hall for every free mover")
    sp.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    sp = command("export-plan", cmd_export_plan,
                 "write one row per appointment (written sittings and interviews)")
    sp.add_argument("mission_code")
    sp.add_argument("--out", required=True, help="FILE.csv or FILE.xlsx")
    sp = command("import-plan", cmd_import_plan,
                 "read a plan file with export-plan's columns (all or nothing)")
    sp.add_argument("mission_code")
    sp.add_argument("file")
    sp = command("import-bundle", cmd_import_bundle,
                 "apply a team bundle e-mailed home (verified; exactly once; all or nothing)")
    sp.add_argument("file")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except (CliError, AccountError, DatabaseTooNew, DomainError, FileNotFoundError,
            ValueError) as exc:
        print(f"mission-desk-server: error: {exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:
        print(f"mission-desk-server: error: database unavailable or not migrated "
              f"(run 'mission-desk-server migrate'): {exc.orig}".splitlines()[0],
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
