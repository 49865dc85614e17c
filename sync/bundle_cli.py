"""`mission-desk bundle export --out FILE [--all | --since-last]` and `bundle import FILE`
(DESIGN.md §7, §11): a desk's changes carried by USB stick or e-mail to a teammate's desk."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from app.cli import CliError, add_data_dir, open_store, run

from .bundle import BundleError
from .desk_bundles import export_bundle, import_bundle


def register(sub: Any) -> None:
    p = sub.add_parser("bundle", help="exchange changes with a teammate's desk by file",
                       description="Team bundles: this desk's changes as one signed, "
                                   "encrypted file, or a teammate's file applied here.")
    bsub = p.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    e = bsub.add_parser("export", help="write this desk's changes to FILE")
    add_data_dir(e)
    e.add_argument("--out", required=True, help="the bundle file to write")
    which = e.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true",
                       help="every change this desk has made (the default)")
    which.add_argument("--since-seen", "--since-last", dest="since_last", action="store_true",
                       help="only the changes made after this desk's previous export")
    e.set_defaults(func=lambda args: run(cmd_export, args))
    i = bsub.add_parser("import", help="apply a teammate's bundle FILE to this desk")
    add_data_dir(i)
    i.add_argument("file")
    i.set_defaults(func=lambda args: run(cmd_import, args))


def write_atomically(path: Path, data: bytes) -> None:
    """A bundle on a USB stick is either whole or absent (a pulled stick leaves no half)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".bundle-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_export(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        try:
            data, header = export_bundle(store, since_last=args.since_last)
        except BundleError as exc:
            raise CliError(str(exc)) from exc
        out = Path(args.out)
        try:
            write_atomically(out, data)
        except OSError as exc:
            raise CliError(f"{out}: {exc.strerror or exc}") from exc
        span = (f"changes {header.first_mid}-{header.last_mid}" if header.count
                else "no changes")
        print(f"{out}: {header.count} change(s) ({span}), {len(data)} bytes")
        return 0
    finally:
        store.close()


def cmd_import(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            raise CliError(f"{args.file}: {exc.strerror or exc}") from exc
        try:
            report = import_bundle(store, data)
        except BundleError as exc:
            raise CliError(f"{args.file}: {exc}") from exc
        counts = report.outcome.counts()
        print(f"{args.file}: from {report.preview.author}, "
              + ", ".join(f"{n} {k}" for k, n in counts.items()))
        for mid, status, detail in report.outcome.results:
            if status == "rejected":
                print(f"rejected #{mid}: {detail}")
        for author, why in report.refused:  # a shared desk's colleague never synced
            print(f"changes of {author} refused: {why}")
        return 0
    finally:
        store.close()
