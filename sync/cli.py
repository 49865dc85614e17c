"""`mission-desk sync`: one sync from the command line (DESIGN.md §7).

Progress on stderr, a summary on stdout; exit 0 on success, 1 on a user error (offline, wrong
password, revoked device, server error, certificate problem), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from app.cli import CliError, add_data_dir, open_store, run

from .client import SyncClient
from .errors import AuthFailed, DeviceRevoked, SyncError

ENV_PASSWORD = "MISSION_DESK_PASSWORD"


def register(sub: Any) -> None:
    from . import bundle_cli

    bundle_cli.register(sub)
    p = sub.add_parser("sync", help="one sync with the central server",
                       description="Push this desk's changes and pull the server's, in batches. "
                                   "Progress on stderr, summary on stdout.")
    add_data_dir(p)
    p.add_argument("--server", default=None, help="server URL, e.g. https://admissions.example")
    p.add_argument("--user", default=None, help="user name on the server")
    p.add_argument("--mission", default=None,
                   help="mission code for a first pull (needed when you belong to several; "
                        "without it the command lists them and stops)")
    p.add_argument("--ca-bundle", default=None, help="PEM file of CAs to trust for this server")
    p.add_argument("--insecure-http", action="store_true",
                   help="allow a plain http:// server address other than this computer "
                        "(unencrypted: only on a network you trust)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="also tell each request sent again after a network or server failure")
    p.set_defaults(func=lambda args: run(cmd_sync, args))


def _password(user: str) -> str | None:
    pw = os.environ.get(ENV_PASSWORD)
    if pw:
        return pw
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"Password for {user}: ")
    return None


def _progress(phase: str, done: int, total: int) -> None:
    print(f"sync: {phase} {done}/{total}", file=sys.stderr, flush=True)


def _retried(failure: str, attempt: int, wait: float) -> None:
    print(f"sync: retry {attempt} in {wait:.1f}s after: {failure}", file=sys.stderr, flush=True)


def cmd_sync(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        server = args.server or store.get_meta("sync_server")
        user = args.user or store.get_meta("sync_user")
        if not server or not user:
            raise CliError("give --server URL and --user NAME for the first sync")
        try:
            client = SyncClient(store, server, user, ca_bundle=args.ca_bundle,
                                progress=_progress, on_retry=_retried if args.verbose else None,
                                allow_insecure_http=args.insecure_http or None)
        except SyncError as exc:  # e.g. plain http:// to another host without the flag
            raise CliError(str(exc)) from exc
        try:
            fresh = False
            if not client.signed_in:
                fresh = _login(client, user)
            try:
                summary = client.sync(args.mission)
            except (AuthFailed, DeviceRevoked):
                # A stale or revoked token: one fresh sign-in if a password is at hand.
                if fresh or not _login(client, user, required=False):
                    raise
                summary = client.sync(args.mission)
        except SyncError as exc:
            raise CliError(str(exc)) from exc
        finally:
            client.close()
        print(summary.line())
        for mid, detail in summary.rejections:
            print(f"rejected #{mid}: {detail}")
        return 0
    finally:
        store.close()


def _login(client: SyncClient, user: str, required: bool = True) -> bool:
    password = _password(user)
    if password is None:
        if required:
            raise CliError(f"sign-in needed: set {ENV_PASSWORD} or run from a terminal")
        return False
    client.login(password)
    return True
