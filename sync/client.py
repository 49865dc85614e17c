"""The desk's sync client (DESIGN.md §4): login, first pull of the mission package, then the
push+pull loop in bounded batches, each batch committed in one desk transaction.

No Qt: progress goes to a plain callback ``progress(phase, done, total)``; cancellation is a
threading.Event checked between requests and during backoff waits.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import platform
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from app.store import desk_key
from app.store.database import Store, get_meta, set_meta
from app.store.desk_users import DeskUsers, authored_by, own_identity_users
from app.store.models import Assessor, Mission, OutboxMutation
from app.store.models import Receipt as StoredReceipt
from app.store.outbox import pending_count
from app.store.pull import (
    answered_against,
    apply_page,
    install_package,
    pending_batch,
    restore_rows,
)

from . import accounts, credentials, receipts
from .desk_bundles import relay_pending
from .errors import AuthFailed, BatchOutOfOrder, BodyTooLarge, MissionChoiceNeeded, ServerError
from .protocol import (
    BATCH_SIZE,
    MAX_BATCH_SERVER,
    PROTOCOL_SCHEMA,
    LoginResponse,
    MissionPackage,
    MissionSummary,
    RowsResponse,
    SyncResponse,
)
from .transport import RetryPolicy, Timeouts, Transport

Retried = Callable[[str, int, float], None]  # (what failed, attempt number, wait in seconds)

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
# Meta key: rows whose refused edits still need the server's values put back.
RESTORE_KEY = "sync_restore"
# Meta key: set once the server has answered a sync that carried this desk's public key.
KEY_REGISTERED = "desk_key_registered"
# A byte-sized batch's JSON budget: an eighth of the server's inflated-body cap (MAX_BODY_BYTES).
BATCH_BYTES = 1024 * 1024
# Byte-sized batches in flight at once (the server applies them in order, see loop()).
PIPELINE_DEPTH = 3


@dataclass
class SyncSummary:
    sent: int = 0
    applied: int = 0
    duplicate: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    batches: int = 0
    first_pull: bool = False
    pending: int = 0
    retries: int = 0  # requests sent again after a transient failure
    relayed: int = 0  # teammates' bundles handed to the server for them
    rejections: list[tuple[int, str]] = field(default_factory=list)
    # Several assessors on this desk (issue 17): whose changes went under their own account,
    # and who must sign in once on this desk before theirs can go (their changes wait).
    pushed_for: list[str] = field(default_factory=list)
    must_sign_in: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = (f"sent {self.sent}, applied {self.applied}, duplicate {self.duplicate}, "
                f"conflicts {self.conflicts}, rejected {self.rejected}, pulled {self.pulled}, "
                f"retries {self.retries}")
        if self.must_sign_in:
            text += "; waiting until they sign in once on this desk: " + ", ".join(
                self.must_sign_in)
        return text


def _noop(_phase: str, _done: int, _total: int) -> None:
    pass


def sized_batch(batch: list[dict[str, Any]], budget: int = BATCH_BYTES
                ) -> list[dict[str, Any]]:
    """The first BATCH_SIZE mutations, then more (up to the server's MAX_BATCH_SERVER) while
    the batch's JSON stays within ``budget`` bytes: small edits travel 500 to a round trip
    instead of 200 (issue 15), large ones as before (a body over the server's cap is split
    on its 413 as before)."""
    size = sum(len(json.dumps(m, ensure_ascii=False)) for m in batch[:BATCH_SIZE])
    end = min(BATCH_SIZE, len(batch))
    while end < min(len(batch), MAX_BATCH_SERVER):
        size += len(json.dumps(batch[end], ensure_ascii=False))
        if size > budget:
            break
        end += 1
    return batch[:end]


class SyncClient:
    """Syncs one desk store with one server."""

    def __init__(self, store: Store, server_url: str, username: str, *,
                 ca_bundle: str | None = None, cancel: threading.Event | None = None,
                 progress: Progress | None = None, timeouts: Timeouts | None = None,
                 retry: RetryPolicy | None = None, batch_size: int | None = None,
                 on_retry: Retried | None = None,
                 allow_insecure_http: bool | None = None, pipeline: int | None = None,
                 desk_user: str | None = None) -> None:
        """``batch_size``: fixed batches of at most that many, one at a time (default: sized
        by bytes, PIPELINE_DEPTH in flight); ``pipeline``: batches in flight at once;
        ``desk_user``: push only that desk user's changes, under their own client_id, and
        pull nothing (the desk's own account pulls once for everyone)."""
        self.store = store
        self.server_url = server_url.rstrip("/")
        self.username = username
        self.cancel = cancel or threading.Event()
        self.progress = progress or _noop
        self.batch_size = batch_size
        self.pipeline = 1 if desk_user else pipeline
        self.desk_user = desk_user
        self.client_id = (DeskUsers(store).client_id(desk_user) if desk_user
                          else store.client_id)
        self._transport_options: dict[str, Any] = dict(
            ca_bundle=ca_bundle, timeouts=timeouts, retry=retry, on_retry=on_retry,
            allow_insecure_http=allow_insecure_http)
        self.transport = Transport(self.server_url,
                                   token=credentials.load_token(store, self.server_url, username),
                                   cancel=self.cancel, **self._transport_options)

    def close(self) -> None:
        self.transport.close()

    @property
    def signed_in(self) -> bool:
        return bool(self.transport.token)

    # -- accounts ------------------------------------------------------------------------------

    def login(self, password: str, device_name: str | None = None, *,
              desk_user: bool = False) -> LoginResponse:
        """Exchange the password for a device token, kept in the OS keyring. ``desk_user``:
        another assessor of this desk signs in (sync.accounts): the desk's own account and
        server stay as they are."""
        self.progress("signing in", 0, 1)
        body = {"username": self.username, "password": password,
                "device_name": device_name or f"desk {platform.node()}"[:120]}
        previous = credentials.load_token(self.store, self.server_url, self.username)
        if previous:
            body["replaces"] = previous
        resp: LoginResponse = self.transport.json("POST", "/login", body=body, auth=False,
                                                  schema=LoginResponse)
        credentials.save_token(self.store, self.server_url, self.username, resp.token)
        self.transport.token = resp.token
        if not desk_user:
            self.store.set_meta("sync_server", self.server_url)
            self.store.set_meta("sync_user", self.username)
        return resp

    def missions(self) -> list[MissionSummary]:
        missions: list[MissionSummary] = self.transport.json("GET", "/missions",
                                                             schema=list[MissionSummary])
        return missions

    # -- sync ------------------------------------------------------------------------------------

    def sync(self, mission_code: str | None = None) -> SyncSummary:
        """One full sync: first pull if the desk is empty, then batches until nothing is left."""
        summary = SyncSummary()
        retries_before = self.transport.traffic.retries
        try:
            mission_id = self.store.get_meta("current_mission")
            if not mission_id:
                mission_id, summary.pulled = self.first_pull(mission_code)
                summary.first_pull = True
            elif self.store.get_meta(receipts.PINNED_KEY) is None:
                self.pin_receipt_key(mission_id)
            # Teammates' bundles first: the pull then brings their changes back applied.
            summary.relayed = relay_pending(self.store, self.transport, mission_id)
            # Then the other assessors of this desk, each under their own account; the
            # desk's own account pushes last and pulls everyone's changes back once.
            self.push_desk_users(mission_id, summary)
            self.loop(mission_id, summary)
        finally:
            summary.retries = self.transport.traffic.retries - retries_before
        self.store.set_meta("last_sync_at", dt.datetime.now(dt.UTC).isoformat(
            timespec="seconds"))
        with self.store.read() as s:
            summary.pending = pending_count(s)
        self.progress("done", 1, 1)
        return summary

    def first_pull(self, mission_code: str | None = None) -> tuple[str, int]:
        """The mission's package into an empty desk: (mission id, rows installed). Without
        a code, the account's one mission; a member of several must name it."""
        self.progress("choosing the mission", 0, 1)
        missions = self.missions()
        if mission_code:
            missions = [m for m in missions if m.code == mission_code or m.id == mission_code]
        if not missions:
            raise AuthFailed("this account is a member of no mission on the server"
                             + (f" named {mission_code}" if mission_code else ""))
        if len(missions) > 1:
            codes = sorted(m.code for m in missions)
            raise MissionChoiceNeeded(
                f"this account is a member of {len(codes)} missions: name the one to pull "
                f"(--mission CODE): {', '.join(codes)}", codes)
        chosen = missions[0]
        self.progress("downloading the mission", 0, 1)
        self.transport.check_cancel()
        pkg: MissionPackage = self.transport.json("GET", f"/missions/{chosen.id}/package",
                                                  schema=MissionPackage)
        with self.store.write() as s:
            if s.scalar(select(Mission.id).limit(1)) is not None:
                raise ServerError("this desk already holds a mission: the first pull needs an "
                                  "empty desk")
            installed = install_package(s, pkg.mission.model_dump(),
                                        [r.model_dump() for r in pkg.rows], pkg.cursor,
                                        assessor_id=chosen.assessor_id)
            set_meta(s, "sync_server", self.server_url)
            set_meta(s, "sync_user", self.username)
            receipts.pin_key(s, pkg.receipt_key)
        self.progress("downloading the mission", 1, 1)
        return chosen.id, installed

    def _scope(self) -> Any:
        """The outbox rows this client pushes (its identity's, see desk_users.authored_by)."""
        with self.store.read() as s:
            return authored_by(s, self.desk_user)

    def push_desk_users(self, mission_id: str, summary: SyncSummary) -> None:
        """Push each other desk user's changes under their own token and client_id. One
        who never signed in on this desk is named in ``summary.must_sign_in`` and waits;
        one whose push fails (a revoked token) does not stop the others."""
        with self.store.read() as s:
            people = {a: (n, accounts.account_of(s, a)) for a, n in s.execute(
                select(Assessor.id, Assessor.name).where(
                    Assessor.id.in_(own_identity_users(s))))}
        for assessor_id, (name, username) in sorted(people.items(), key=lambda p: p[1][0]):
            with self.store.read() as s:
                if pending_count(s, authored_by(s, assessor_id)) == 0:
                    continue
            token = username and credentials.load_token(self.store, self.server_url, username)
            if not username or not token:
                summary.must_sign_in.append(name)
                continue
            other = SyncClient(self.store, self.server_url, username, cancel=self.cancel,
                               progress=self.progress, batch_size=self.batch_size,
                               desk_user=assessor_id, **self._transport_options)
            try:
                other.loop(mission_id, summary)
                summary.pushed_for.append(name)
            except AuthFailed as exc:
                log.warning("the changes of %s wait: %s", name, exc)
                summary.must_sign_in.append(name)
            finally:
                other.close()

    def pin_receipt_key(self, mission_id: str) -> None:
        """A desk whose first pull came before receipts existed pins the server's key from
        the package once (the package travels over the same verified TLS as the first)."""
        pkg: MissionPackage = self.transport.json("GET", f"/missions/{mission_id}/package",
                                                  schema=MissionPackage)
        with self.store.write() as s:
            receipts.pin_key(s, pkg.receipt_key)

    def restore(self, mission_id: str, keys: set[tuple[str, str]]) -> None:
        """The server refused some edits (bad data, a lost right, a conflict): take its
        values of just those rows, and drop the rows it does not hold."""
        self.progress("restoring refused changes", 0, len(keys))
        ordered = sorted(keys)
        rows: list[dict[str, Any]] = []
        for i in range(0, len(ordered), MAX_BATCH_SERVER):
            self.transport.check_cancel()
            chunk = [{"entity": e, "row_id": r} for e, r in ordered[i:i + MAX_BATCH_SERVER]]
            resp: RowsResponse = self.transport.json(
                "POST", f"/missions/{mission_id}/rows", body={"keys": chunk}, schema=RowsResponse)
            rows.extend(r.model_dump() for r in resp.rows)
        with self.store.write() as s:
            restore_rows(s, rows, keys)
            set_meta(s, RESTORE_KEY, None)

    def _registered_meta(self) -> str:
        """The meta key saying the server holds this desk's key under this identity."""
        return KEY_REGISTERED + (f":{self.client_id}" if self.desk_user else "")

    def _unregistered_key(self) -> str | None:
        """This desk's public key while the server has not confirmed holding it under this
        identity's client_id: each assessor of a shared desk registers it with their own
        token at their own first push, so the bundle sections signed under their client_id
        verify (sync.desk_bundles)."""
        with self.store.write() as s:
            if get_meta(s, self._registered_meta()):
                return None
            return desk_key.desk_public_key(s)

    def loop(self, mission_id: str, summary: SyncSummary) -> None:
        """Push pending mutations and pull changes, one committed batch at a time; byte-sized
        batches first go several at a time in flight (_push_pipelined)."""
        scope = self._scope()
        with self.store.read() as s:
            total = pending_count(s, scope)
        done = 0
        # None: batches sized by bytes (fewer round trips); a number: that many at most.
        limit: int | None = self.batch_size
        depth = self.pipeline or (1 if limit is not None else PIPELINE_DEPTH)
        if depth > 1:
            caught_up, done, limit = self._push_pipelined(mission_id, summary, depth, limit,
                                                          total)
            if caught_up:
                return
        public_key = self._unregistered_key()
        while True:
            self.transport.check_cancel()
            with self.store.read() as s:
                batch = (pending_batch(s, limit, scope=scope) if limit is not None
                         else sized_batch(pending_batch(s, MAX_BATCH_SERVER, scope=scope)))
                cursor = int(get_meta(s, "sync_cursor") or 0)
                # nothing to push: the server need not sign again what this receipt says
                held = None if batch else s.scalar(select(func.max(StoredReceipt.last_mid))
                                                   .where(receipts.of_client(s, self.client_id)))
            self.progress("sending changes" if batch else "receiving changes", done,
                          max(total, done + len(batch)))
            body = {"client_id": self.client_id, "schema": PROTOCOL_SCHEMA,
                    "cursor": cursor, "mutations": batch}
            if self.desk_user:
                body["pull"] = False
            if public_key:
                body["public_key"] = public_key
            if held is not None:
                body["receipt_mid"] = held
            try:
                resp: SyncResponse = self.transport.json(
                    "POST", f"/missions/{mission_id}/sync", body=body, compress=True,
                    schema=SyncResponse)
            except BodyTooLarge:
                # Nothing was applied: resend the same mutations (same mids) in smaller
                # batches, down to one; a single change over the cap cannot be sent at all.
                if len(batch) <= 1:
                    raise BodyTooLarge(
                        f"change #{batch[0]['mid'] if batch else '?'} is larger than the server "
                        "accepts; it stays on this desk") from None
                limit = max(1, len(batch) // 2)
                log.info("batch of %d over the server's cap: retrying with %d", len(batch), limit)
                continue
            self._apply_reply(mission_id, batch, resp, summary, pulled=not self.desk_user,
                              public_key=public_key, receipt_mid=held)
            public_key = None  # answered: the server holds this desk's key
            done += len(batch)
            if not resp.has_more:
                with self.store.read() as s:
                    if pending_count(s, scope) == 0:
                        return

    def _apply_reply(self, mission_id: str, batch: list[dict[str, Any]], resp: SyncResponse,
                     summary: SyncSummary, *, pulled: bool, public_key: str | None = None,
                     receipt_mid: int | None = None) -> None:
        """One reply committed in one desk transaction: outcomes, pulled rows, cursor.
        ``pulled``: the request asked for changes (restores wait until the pull caught up);
        ``public_key``: the desk's key went with the request; ``receipt_mid``: what it said
        the desk holds (a reply may then come without a receipt)."""
        with self.store.write() as s:
            # Checked first, in the page's transaction: a receipt that does not hold
            # fails the sync with nothing of this reply applied or counted as covered.
            receipts.check_receipt(s, resp.receipt, mission_id=mission_id,
                                   client_id=self.client_id, last_mid=resp.last_mid,
                                   results=resp.results, receipt_mid=receipt_mid)
            out = apply_page(s, [r.model_dump() for r in resp.results],
                             [c.model_dump() for c in resp.changes], resp.cursor,
                             resp.has_more)
            if resp.team is not None:
                desk_key.set_bundle_key(s, resp.team.bundle_key)
                desk_key.add_team_desks(s, [d.model_dump() for d in resp.team.desks])
            if public_key:  # answered: the server holds this desk's key
                set_meta(s, self._registered_meta(), "1")
            # Owed durably, in the page's transaction (a sync stopped here does it next
            # time), and done once the pull has caught up: a row refused as a twin waits
            # with its children until the server's row has been pulled and taken its
            # place (app.store.pull), however many pages away that row lies.
            owed = {(e, r) for e, r in json.loads(get_meta(s, RESTORE_KEY) or "[]")}
            refused = answered_against(s, [r.mid for r in resp.results])
            if refused - owed:
                owed |= refused
                set_meta(s, RESTORE_KEY, json.dumps(sorted(owed)))
            rejected = [(m.mid, m.detail) for m in s.scalars(
                select(OutboxMutation).where(
                    OutboxMutation.mid.in_([r.mid for r in resp.results]),
                    OutboxMutation.state == "rejected"))]
        if owed and pulled and not resp.has_more:
            self.restore(mission_id, owed)
        summary.batches += 1
        summary.sent += len(batch)
        summary.applied += out.applied
        summary.duplicate += out.duplicate
        summary.conflicts += out.conflict
        summary.rejected += out.rejected
        summary.pulled += out.pulled
        summary.rejections.extend(rejected)
        answered = {r.mid for r in resp.results}
        if batch and not answered.intersection(m["mid"] for m in batch):
            raise ServerError("the server answered none of the changes sent; stopping")

    def _overtaken(self, resp: SyncResponse) -> bool:
        with self.store.read() as s:
            return (s.scalar(select(func.max(StoredReceipt.last_mid)).where(
                receipts.of_client(s, self.client_id))) or 0) > resp.last_mid

    def _push_pipelined(self, mission_id: str, summary: SyncSummary, depth: int,
                        limit: int | None, total: int) -> tuple[bool, int, int | None]:
        """Send the queue as batches with up to ``depth`` in flight at once, in mid order:
        the server applies each only after the one before it (``after_mid``), only the last
        pulls, and each reply is committed here, in order, while the next batches travel
        and are applied (issue 15: the round trips and both sides' work overlap).

        Exactly once as before: a reply not committed here (a failure, a cancel) leaves its
        mutations pending, and the server answers them again from the stored outcomes.
        Returns (caught up, mutations answered, batch limit for what follows)."""
        path = f"/missions/{mission_id}/sync"
        pool = ThreadPoolExecutor(max_workers=depth, thread_name_prefix="sync-batch")
        inflight: deque[tuple[list[dict[str, Any]], Future[SyncResponse], bool, str | None]] \
            = deque()
        sent_to = 0  # the last mid sent: the next batch starts after it
        done = 0
        more = True
        public_key = self._unregistered_key()  # with the first batch
        scope = self._scope()

        def fill() -> None:
            nonlocal sent_to, more, public_key
            while more and len(inflight) < depth:
                self.transport.check_cancel()
                with self.store.read() as s:
                    rows = pending_batch(s, limit + 1 if limit else MAX_BATCH_SERVER + 1,
                                         after=sent_to, scope=scope)
                    cursor = int(get_meta(s, "sync_cursor") or 0)
                batch = rows[:limit] if limit else sized_batch(rows[:MAX_BATCH_SERVER])
                if not batch:
                    more = False
                    return
                more = len(rows) > len(batch)
                self.progress("sending changes", done, max(total, done + len(batch)))
                body = {"client_id": self.client_id, "schema": PROTOCOL_SCHEMA,
                        "cursor": cursor, "mutations": batch, "after_mid": sent_to,
                        "pull": not more}
                if public_key:
                    body["public_key"] = public_key
                # JSON and gzip of the body happen in the pool's thread too.
                inflight.append((batch, pool.submit(
                    self.transport.json, "POST", path, body=body, compress=True,
                    schema=SyncResponse), not more, public_key))
                public_key = None
                sent_to = batch[-1]["mid"]
                log.debug("batch up to mid %d sent (%d mutations, pull %s)", sent_to,
                          len(batch), not more)

        try:
            fill()
            while inflight:
                batch, future, pulled, key = inflight.popleft()
                try:
                    resp = future.result()
                except BodyTooLarge:
                    log.info("batch of %d over the server's cap: sending one at a time",
                             len(batch))
                    return False, done, max(1, len(batch) // 2)
                except BatchOutOfOrder:
                    log.info("a pipelined batch overtook the one before it: sending one at "
                             "a time")
                    return False, done, limit
                log.debug("reply to the batch up to mid %d received", batch[-1]["mid"])
                if self._overtaken(resp):
                    # A retry of an earlier batch was answered after this one was applied
                    # and covers more: this reply is stale (its receipt would read as a
                    # replay). Not committed: its mutations are sent again, one at a time.
                    log.info("a reply overtaken by a later receipt: sending one at a time")
                    return False, done, limit
                fill()  # the next batch leaves before this reply is committed
                self.transport.check_cancel()
                self._apply_reply(mission_id, batch, resp, summary, pulled=pulled,
                                  public_key=key)
                done += len(batch)
                if pulled:
                    if resp.has_more:
                        return False, done, limit
                    with self.store.read() as s:  # edits typed meanwhile go in the loop
                        return pending_count(s, scope) == 0, done, limit
            return False, done, limit  # nothing was sent: the loop pulls
        finally:
            # Replies still in flight are not committed: their mutations stay pending.
            pool.shutdown(wait=False, cancel_futures=True)
