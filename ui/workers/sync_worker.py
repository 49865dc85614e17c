"""One sync in a worker thread: progress and outcome come back to the window as signals."""

from __future__ import annotations

import logging
import threading

import requests
from PySide6.QtCore import QObject, Signal, Slot

from app.store.database import Store
from sync.client import SyncClient
from sync.errors import (
    AuthFailed,
    Cancelled,
    CertificateError,
    DeviceRevoked,
    InsecureConnection,
    MissionChoiceNeeded,
    Offline,
    ReceiptError,
    ServerError,
    SyncError,
)
from sync.transport import RetryPolicy

log = logging.getLogger(__name__)

# Failure kinds the page turns into a message of its own (ui.sign_in.failure_message); an
# AuthFailed is told apart further: "auth", "expired", "password" or "no_access".
KINDS: dict[type[SyncError], str] = {
    Offline: "offline", AuthFailed: "auth", DeviceRevoked: "revoked", ServerError: "server",
    CertificateError: "certificate", Cancelled: "cancelled", InsecureConnection: "insecure",
    ReceiptError: "receipt",
}


class SyncWorker(QObject):
    """Run with ``moveToThread`` + ``thread.started.connect(worker.run)``."""

    progress = Signal(str, int, int)     # phase, done, total
    succeeded = Signal(object)           # sync.client.SyncSummary
    failed = Signal(str, str)            # kind (see KINDS), message
    finished = Signal()

    def __init__(self, store: Store, server_url: str, username: str, password: str = "",
                 ca_bundle: str | None = None, retry: RetryPolicy | None = None,
                 mission_code: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.server_url = server_url
        self.username = username
        self._password = password
        self.ca_bundle = ca_bundle
        self.retry = retry
        self.mission_code = mission_code  # which mission a first pull takes, if several
        self.cancel_event = threading.Event()

    def cancel(self) -> None:
        # Called from the UI thread; checked between requests and during backoff waits.
        self.cancel_event.set()

    @Slot()
    def run(self) -> None:
        client: SyncClient | None = None
        signed_in_now = False  # a password was accepted during this run
        try:
            client = SyncClient(self.store, self.server_url, self.username,
                                ca_bundle=self.ca_bundle, cancel=self.cancel_event,
                                progress=self.progress.emit, retry=self.retry)
            if self._password and not client.signed_in:
                client.login(self._password)
                signed_in_now = True
            try:
                summary = client.sync(self.mission_code)
            except (AuthFailed, DeviceRevoked):
                if not self._password or signed_in_now:
                    raise
                client.login(self._password)  # a stale token: sign in again once
                signed_in_now = True
                summary = client.sync(self.mission_code)
            self.succeeded.emit(summary)
        except AuthFailed as exc:
            self.failed.emit(self._auth_kind(client, signed_in_now), str(exc))
        except MissionChoiceNeeded as exc:  # the detail names the codes to choose from
            self.failed.emit("mission_choice", ", ".join(exc.codes))
        except SyncError as exc:
            self.failed.emit(KINDS.get(type(exc), "server"), str(exc))
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema) as exc:
            log.info("sync: unusable address %r (%s)", self.server_url, exc)
            self.failed.emit("address", str(exc))
        except Exception as exc:  # a bug must not kill the thread silently
            log.exception("sync failed")
            self.failed.emit("server", str(exc))
        finally:
            self._password = ""
            if client is not None:
                client.close()
            self.finished.emit()

    def _auth_kind(self, client: SyncClient | None, signed_in_now: bool) -> str:
        """Which sign-in failure this is, for the message the user reads."""
        if signed_in_now:
            return "no_access"  # the password was right: the account has no such mission
        if self._password:
            return "auth"       # the password was refused
        if client is not None and client.signed_in:
            return "expired"    # the kept token was refused
        return "password"       # no token kept for this server and user
