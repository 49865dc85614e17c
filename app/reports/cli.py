"""``mission-desk report KIND --out FILE.pdf``: the jury papers (ranking, candidate,
attendance, mark-sheets, blank-sheets, timetable); ``report convocations --out FILE.csv`` and
``report calendars --out DIR`` (one .ics per assessor)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import CliError, add_data_dir, current_mission, open_store
from app.store.database import Store

from .build import ReportError, ReportKind, generate
from .data import MissionMissing

CONVOCATIONS, CALENDARS = "convocations", "calendars"


def _make(args: argparse.Namespace, store: Store, mission_id: str, out: Path) -> str:
    """Writes the asked file(s); returns the line to print."""
    from . import plan_exports

    if args.kind == CONVOCATIONS:
        conv = plan_exports.write_convocations(store, mission_id, out)
        line = f"convocation list of {len(conv.rows)} candidates written to {out}"
        if conv.unscheduled:
            line += f" ({len(conv.unscheduled)} without any appointment left out)"
        return line
    if args.kind == CALENDARS:
        if out.exists() and not out.is_dir():
            raise CliError(f"{out} is a file: calendars are written into a folder")
        cals = plan_exports.write_calendars(store, mission_id, out)
        return f"{len(cals)} calendars written to {out}"
    generate(store, mission_id, args.kind, out, candidate_number=args.candidate,
             room=args.room, assessor=args.assessor)
    return f"{args.kind} report written to {out}"


def cmd_report(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if not out.parent.exists():
        raise CliError(f"folder {out.parent} does not exist")
    store = open_store(args)
    try:
        line = _make(args, store, current_mission(store), out)
    except (ReportError, MissionMissing) as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        store.close()
    print(line)
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("report", help="print a jury paper (PDF) of the current mission, or "
                                      "export its convocation list or assessors' calendars")
    add_data_dir(p)
    p.add_argument("kind", choices=[k.value for k in ReportKind] + [CONVOCATIONS, CALENDARS],
                   help="ranking: jury minutes; candidate: interview reports; attendance: "
                        "attendance sheets; mark-sheets: written-test mark sheets; "
                        "blank-sheets: paper interview score sheets; timetable: door lists "
                        "per room and assessor; calibration: the minutes' annex on "
                        "markers' and panels' calibration; convocations: CSV for a mail merge; "
                        "calendars: one .ics per assessor")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf|FILE.csv|DIR")
    p.add_argument("--candidate", metavar="APPNO",
                   help="candidate report: only this application number (default: all)")
    p.add_argument("--room", metavar="ROOM", help="sheets and timetable: only this room")
    p.add_argument("--assessor", metavar="USER",
                   help="timetable: only this assessor (name or e-mail, any case)")
    p.set_defaults(handler=cmd_report)
