"""What can go wrong during a sync, as typed exceptions with a message a user can act on."""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure; ``str(exc)`` is the message shown to the user."""


class Offline(SyncError):
    """The server could not be reached (no network, DNS, refused, timed out)."""


class AuthFailed(SyncError):
    """Wrong user name or password, or no valid device token: sign in again."""


class DeviceRevoked(SyncError):
    """This device's token was revoked on the server: sign in again."""


class ServerError(SyncError):
    """The server answered with an error (5xx, or a request it refused)."""


class BodyTooLarge(ServerError):
    """The server refused a request body over its size cap (HTTP 413): send less at once."""


class BatchOutOfOrder(ServerError):
    """A pipelined batch waited in vain for the one sent before it (HTTP 409
    previous_batch_missing): nothing of it was applied; send it again after that one."""


class CertificateError(SyncError):
    """The server's TLS certificate could not be verified."""


class InsecureConnection(SyncError):
    """A plain http:// address of a host other than this computer, without the explicit
    insecure flag: passwords and candidates' data would cross the network unencrypted."""


class Cancelled(SyncError):
    """The user stopped the sync; everything committed so far is kept."""


class MissionChoiceNeeded(SyncError):
    """A first pull without a mission code, by a member of several missions: which one?"""

    def __init__(self, message: str, codes: list[str]) -> None:
        super().__init__(message)
        self.codes = codes


class ReceiptError(SyncError):
    """The server's receipt is missing, does not verify, or contradicts its reply, or its
    key is not the pinned one: the sync failed and nothing of that reply was kept."""
