"""The database key: random, kept in the OS keyring, or wrapped by a passphrase.

A 32-byte random key encrypts the SQLCipher file. Where the OS has a keyring backend the key
lives there; elsewhere (headless Linux, CI) ``key.json`` beside the database holds the key
encrypted with AES-GCM under a key derived from the user's passphrase by scrypt. The file
says which way was chosen, so a desk never silently switches.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger(__name__)

# ``keyring`` is imported where a keyring is used: loading it (its backends, importlib.metadata)
# costs about 20 ms of a passphrase-mode start, which never touches it.

KEYRING_SERVICE = "mission-desk"
# Device tokens (sync.credentials) live in the same keyring under their own service, one entry
# per server and user; named here so that closing a mission (app.store.closing) finds them.
TOKEN_SERVICE = "mission-desk-server"
PASSPHRASE_ENV = "MISSION_DESK_PASSPHRASE"
KEY_FILE = "key.json"
# scrypt cost: about 0.1 s and 64 MiB here, paid once at start-up.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**16, 8, 1
MIN_PASSPHRASE = 8

# Asked for a passphrase; the argument says whether it is a new one (to be confirmed).
PassphrasePrompt = Callable[[bool], str | None]


class KeyError_(Exception):
    """The key cannot be obtained; the message tells the user what to do."""


class PassphraseRequired(KeyError_):
    pass


class WrongPassphrase(KeyError_):
    """The passphrase does not unwrap the key. ``from_env``: it was MISSION_DESK_PASSPHRASE's,
    which every new attempt would read again: the caller must ask instead, or stop."""

    def __init__(self, message: str = "wrong passphrase", *, from_env: bool = False) -> None:
        super().__init__(message)
        self.from_env = from_env


def token_account(server_url: str, username: str) -> str:
    """The keyring account of a device token: one per server and user."""
    return f"{server_url.rstrip('/')}#{username}"


def keyring_available() -> bool:
    if os.environ.get("MISSION_DESK_KEYRING", "").lower() in {"0", "off", "no"}:
        return False
    import keyring
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()

    if isinstance(backend, fail.Keyring):
        return False
    return not (isinstance(backend, chainer.ChainerBackend) and not backend.backends)


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode()


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode())


def _write_atomic(path: Path, data: dict[str, object]) -> None:
    tmp = path.with_suffix(".tmp")
    # Owner-only: the wrapped key is useless without the passphrase, but no reason to share it.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _ask(prompt: PassphrasePrompt | None, new: bool, use_env: bool) -> tuple[str, bool]:
    """The passphrase, and whether it came from the environment (never logged)."""
    env = os.environ.get(PASSPHRASE_ENV) if use_env else None
    if env:
        return env, True
    value = prompt(new) if prompt else None
    if not value:
        raise PassphraseRequired(
            "this desk's data is locked by a passphrase: type it, or set "
            f"{PASSPHRASE_ENV} when running from a script"
        )
    return value, False


def obtain_key(data_dir: Path, prompt: PassphrasePrompt | None = None) -> bytes:
    """Return the database key for ``data_dir``, creating it on first use."""
    return begin_obtain_key(data_dir, prompt)()


def begin_obtain_key(data_dir: Path, prompt: PassphrasePrompt | None = None, *,
                     use_env: bool = True) -> Callable[[], bytes]:
    """Start obtaining the key of ``data_dir``; the returned call gives it (or raises).

    The passphrase is MISSION_DESK_PASSPHRASE's when set and ``use_env``, else ``prompt``'s;
    a wrong one from the environment raises WrongPassphrase with ``from_env`` set.

    The passphrase is asked for on the calling thread (a dialog needs it); the key
    derivation then runs on a worker thread (hashlib's scrypt releases the GIL), so that the
    caller can load the window's modules in the meantime. Keyring and first-run keys are
    obtained at once.
    """
    path = data_dir / KEY_FILE
    if not path.exists() and (data_dir / "desk.db").exists():
        # Never make a new key beside an existing database: it could not open it, and the
        # user would lose the trace of what went missing.
        raise KeyError_(f"{path} is missing: restore it from a backup; the database in "
                        f"{data_dir} cannot be opened without it")
    if not path.exists():
        key = _create_key(data_dir, prompt, use_env)
        return lambda: key
    info = json.loads(path.read_text(encoding="utf-8"))
    if info["mode"] == "keyring":
        import keyring

        stored = keyring.get_password(KEYRING_SERVICE, info["db_id"])
        if stored is None:
            raise KeyError_(
                "the database key is missing from the system keyring "
                f"(entry {KEYRING_SERVICE}/{info['db_id']})"
            )
        key = bytes.fromhex(stored)
        return lambda: key
    n, r, p = int(info["n"]), int(info["r"]), int(info["p"])
    if not (2**14 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4):
        raise KeyError_(f"{path} holds unexpected key-derivation settings")
    passphrase, from_env = _ask(prompt, new=False, use_env=use_env)
    wrong = (f"the passphrase in {PASSPHRASE_ENV} is wrong for the desk in {data_dir}: "
             "correct it, or unset it to type the passphrase") if from_env else "wrong passphrase"
    outcome: dict[str, bytes | BaseException] = {}

    def unwrap() -> None:
        try:
            kek = _derive(passphrase, _unb64(info["salt"]), n, r, p)
            outcome["key"] = AESGCM(kek).decrypt(_unb64(info["nonce"]), _unb64(info["wrapped"]),
                                                 b"db-key")
        except InvalidTag:
            outcome["error"] = WrongPassphrase(wrong, from_env=from_env)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=unwrap, name="key-derivation", daemon=True)
    worker.start()

    def finish() -> bytes:
        worker.join()
        error = outcome.get("error")
        if isinstance(error, BaseException):
            raise error
        key = outcome["key"]
        assert isinstance(key, bytes)
        return key

    return finish


def _create_key(data_dir: Path, prompt: PassphrasePrompt | None, use_env: bool = True
                ) -> bytes:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    db_id = str(uuid.uuid4())
    if keyring_available():
        import keyring.errors

        try:
            keyring.set_password(KEYRING_SERVICE, db_id, key.hex())
            _write_atomic(data_dir / KEY_FILE, {"mode": "keyring", "db_id": db_id})
            log.info("database key stored in the system keyring")
            return key
        except keyring.errors.KeyringError as exc:
            log.warning("keyring refused the key (%s); falling back to a passphrase", exc)
    passphrase, from_env = _ask(prompt, new=True, use_env=use_env)
    if len(passphrase) < MIN_PASSPHRASE:
        where = f" in {PASSPHRASE_ENV}" if from_env else ""
        raise KeyError_(f"the passphrase{where} needs at least {MIN_PASSPHRASE} characters")
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    wrapped = AESGCM(kek).encrypt(nonce, key, b"db-key")
    _write_atomic(
        data_dir / KEY_FILE,
        {"mode": "passphrase", "db_id": db_id, "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R,
         "p": SCRYPT_P, "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)},
    )
    log.info("database key wrapped by a passphrase (no keyring backend)")
    return key


def key_mode(data_dir: Path) -> str | None:
    """'keyring', 'passphrase', or None before the first start."""
    path = data_dir / KEY_FILE
    if not path.exists():
        return None
    return str(json.loads(path.read_text(encoding="utf-8"))["mode"])


def needs_passphrase(data_dir: Path) -> bool:
    mode = key_mode(data_dir)
    if mode is None:
        return not keyring_available()
    return mode == "passphrase"


def destroy_key(data_dir: Path) -> str | None:
    """Destroy the database key of ``data_dir`` for good (closing a mission): the keyring
    entry is deleted, or the wrapped key is overwritten then unlinked; key.json goes in both
    cases. Returns the mode destroyed, None if there was no key. Without its key the
    encrypted database and its copies are noise, whatever a disk keeps of deleted files."""
    path = data_dir / KEY_FILE
    if not path.exists():
        return None
    info = json.loads(path.read_text(encoding="utf-8"))
    mode = str(info["mode"])
    if mode == "keyring":
        import keyring.errors

        try:
            keyring.delete_password(KEYRING_SERVICE, info["db_id"])
        except keyring.errors.PasswordDeleteError:
            if keyring.get_password(KEYRING_SERVICE, info["db_id"]) is not None:
                raise  # refused, not missing: the key still opens the database
            log.warning("the keyring held no entry %s/%s any more", KEYRING_SERVICE,
                        info["db_id"])
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.write(secrets.token_bytes(size))
        f.flush()
        os.fsync(f.fileno())
    path.unlink()
    log.info("database key of %s destroyed (%s)", data_dir, mode)
    return mode
