"""Opening a desk's data folder: key, engine, schema upgrade, sessions, settings."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from . import migrate
from .engine import DB_FILE, make_engine
from .keys import PassphrasePrompt, obtain_key
from .models import Meta

log = logging.getLogger(__name__)

# Candidates' data, even encrypted, is nobody else's business on a shared laptop.
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def make_private(path: Path, mode: int) -> None:
    """Owner-only permissions (POSIX; Windows keeps a user's profile private by its ACLs)."""
    if os.name == "posix" and path.exists() and path.stat().st_mode & 0o777 != mode:
        path.chmod(mode)


def _private_folder(data_dir: Path, db_path: Path) -> None:
    """The data folder 0700, the database and its companions 0600. A new database file is
    created empty with 0600 before SQLite opens it: SQLite gives its -wal and -shm files the
    database file's mode."""
    make_private(data_dir, PRIVATE_DIR)
    if not db_path.exists():
        fd = os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        os.close(fd)
    for p in (db_path, *data_dir.glob(db_path.name + "-*"), *data_dir.glob("*.json")):
        make_private(p, PRIVATE_FILE)
    backups = data_dir / migrate.BACKUP_DIR
    make_private(backups, PRIVATE_DIR)
    if backups.is_dir():
        for p in backups.iterdir():
            make_private(p, PRIVATE_FILE)


class Store:
    """An open, decrypted, up-to-date desk database."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(immediate=True), expire_on_commit=False
        )

    @classmethod
    def open(cls, data_dir: Path, prompt: PassphrasePrompt | None = None, *,
             key: bytes | None = None) -> Store:
        """Open ``data_dir``'s database; ``key`` when the caller already obtained it
        (keys.begin_obtain_key), else obtained here (asking ``prompt`` if needed)."""
        data_dir = Path(data_dir)
        data_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        make_private(data_dir, PRIVATE_DIR)
        if key is None:
            key = obtain_key(data_dir, prompt)
        path = data_dir / DB_FILE
        _private_folder(data_dir, path)
        engine = make_engine(path, key)
        migrate.upgrade(engine, path)
        store = cls(engine, path)
        if store.get_meta("client_id") is None:
            store.set_meta("client_id", str(uuid.uuid4()))
        return store

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed (and fsync'd) when the block exits cleanly."""
        with self._write() as session, session.begin():
            yield session

    def get_meta(self, key: str) -> str | None:
        with self.read() as s:
            return get_meta(s, key)

    def set_meta(self, key: str, value: str | None) -> None:
        with self.write() as s:
            set_meta(s, key, value)

    @property
    def client_id(self) -> str:
        value = self.get_meta("client_id")
        assert value is not None
        return value


def get_meta(session: Session, key: str) -> str | None:
    return session.scalar(select(Meta.value).where(Meta.key == key))


def set_meta(session: Session, key: str, value: str | None) -> None:
    row = session.get(Meta, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value
