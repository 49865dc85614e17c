"""``mission-desk report ranking|candidate|attendance|mark-sheets|blank-sheets --out FILE.pdf``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import CliError, add_data_dir, current_mission, open_store

from .build import ReportError, ReportKind, generate
from .data import MissionMissing


def cmd_report(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if not out.parent.exists():
        raise CliError(f"folder {out.parent} does not exist")
    store = open_store(args)
    try:
        mission_id = current_mission(store)
        generate(store, mission_id, args.kind, out, candidate_number=args.candidate,
                 room=args.room)
    except (ReportError, MissionMissing) as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        store.close()
    print(f"{args.kind} report written to {out}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("report", help="print a jury paper (PDF) of the current mission")
    add_data_dir(p)
    p.add_argument("kind", choices=[k.value for k in ReportKind],
                   help="ranking: jury minutes; candidate: interview reports; attendance: "
                        "attendance sheets; mark-sheets: written-test mark sheets; "
                        "blank-sheets: paper interview score sheets")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.add_argument("--candidate", metavar="APPNO",
                   help="candidate report: only this application number (default: all)")
    p.add_argument("--room", metavar="ROOM", help="sheets: only this room")
    p.set_defaults(handler=cmd_report)
