"""Encryption at rest and the database key's keeping."""

import json

import pytest
from sqlalchemy import func, select

from app.demo import init_demo
from app.store import keys
from app.store.database import Store
from app.store.engine import DatabaseLocked, make_engine
from app.store.models import Candidate


def _names(store: Store) -> list[str]:
    with store.read() as s:
        return [f"{c.family_name} {c.given_names}" for c in s.scalars(select(Candidate))]


def test_database_file_holds_no_name_in_clear(store, data_dir):
    init_demo(store, candidates=80, seed=3)
    names = set(_names(store))
    with store.read() as s:
        emails = set(s.scalars(select(Candidate.email)))
    store.close()
    blob = b"".join(p.read_bytes() for p in data_dir.iterdir() if p.name.startswith("desk.db"))
    assert len(blob) > 50_000
    # Whole names (a single Chinese character is two bytes: it matches noise by chance).
    for text in names | emails:
        assert text.encode("utf-8") not in blob, text
    assert b"SQLite format 3" not in blob and b"CREATE TABLE" not in blob


def test_key_lives_in_the_keyring_not_in_the_folder(store, data_dir, _isolated):
    info = json.loads((data_dir / "key.json").read_text())
    assert info["mode"] == "keyring" and set(info) == {"mode", "db_id"}
    stored = _isolated.get_password(keys.KEYRING_SERVICE, info["db_id"])
    assert stored is not None and len(bytes.fromhex(stored)) == 32
    assert stored not in (data_dir / "key.json").read_text()


def test_passphrase_path_when_no_keyring(data_dir, monkeypatch):
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    asked: list[bool] = []

    def prompt(new: bool) -> str:
        asked.append(new)
        return "a long enough passphrase"

    s = Store.open(data_dir, prompt)
    init_demo(s, candidates=5)
    names = _names(s)
    s.close()
    info = json.loads((data_dir / "key.json").read_text())
    assert info["mode"] == "passphrase" and info["kdf"] == "scrypt"
    assert asked == [True]
    s = Store.open(data_dir, prompt)
    assert asked == [True, False] and _names(s) == names
    s.close()
    with pytest.raises(keys.WrongPassphrase):
        Store.open(data_dir, lambda new: "wrong passphrase!")
    with pytest.raises(keys.PassphraseRequired):
        Store.open(data_dir, None)
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "a long enough passphrase")
    s = Store.open(data_dir, None)
    assert _names(s) == names
    s.close()


def test_short_new_passphrase_refused(data_dir, monkeypatch):
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    with pytest.raises(keys.KeyError_, match="at least"):
        Store.open(data_dir, lambda new: "short")


def test_wrong_key_cannot_open_the_file(store, data_dir):
    init_demo(store, candidates=3)
    store.close()
    engine = make_engine(data_dir / "desk.db", b"\x00" * 32)
    with pytest.raises(DatabaseLocked):
        engine.connect()
    engine.dispose()


def test_pragmas(store):
    with store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA cipher_version").scalar()
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Candidate)) == 0


def test_missing_key_file_beside_a_database_is_an_error_not_a_new_key(store, data_dir):
    init_demo(store, candidates=2)
    store.close()
    (data_dir / "key.json").rename(data_dir / "key.json.away")
    with pytest.raises(keys.KeyError_, match="missing"):
        Store.open(data_dir)
    assert not (data_dir / "key.json").exists()


def test_key_file_is_private_and_its_settings_bounded(data_dir, monkeypatch):
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "a long enough passphrase")
    Store.open(data_dir).close()
    path = data_dir / "key.json"
    assert path.stat().st_mode & 0o777 == 0o600
    info = json.loads(path.read_text())
    info["n"] = 2**40
    path.write_text(json.dumps(info))
    with pytest.raises(keys.KeyError_, match="unexpected"):
        Store.open(data_dir)


def _mode(path) -> int:
    return path.stat().st_mode & 0o777


def test_data_folder_database_and_backups_are_owner_only(data_dir, monkeypatch):
    """Even under a permissive umask, and for a folder made world-readable before."""
    import os

    from app.demo import init_demo
    from app.store import migrate

    old = os.umask(0o002)
    try:
        store = Store.open(data_dir)
        init_demo(store, candidates=4)  # writes: the -wal and -shm files exist now
        assert _mode(data_dir) == 0o700
        files = [p for p in data_dir.iterdir() if p.name.startswith("desk.db")]
        assert len(files) >= 2
        assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
        backup = migrate._backup(store.engine, store.path)
        assert _mode(backup) == 0o600 and _mode(backup.parent) == 0o700
        store.close()
        # a folder, database and backup loosened by hand are made private again on opening
        for p in (data_dir, backup.parent):
            p.chmod(0o755)
        for p in (store.path, backup):
            p.chmod(0o644)
        Store.open(data_dir).close()
        assert [_mode(p) for p in (data_dir, backup.parent, store.path, backup)] == [
            0o700, 0o700, 0o600, 0o600]
    finally:
        os.umask(old)


def test_key_derivation_runs_beside_the_caller_and_asks_on_its_thread(data_dir, monkeypatch):
    """begin_obtain_key asks the passphrase on the caller's thread (a dialog needs it) and
    derives the key on a worker thread, the caller free meanwhile; a wrong passphrase is
    raised where the key is taken."""
    import threading

    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    Store.open(data_dir, lambda new: "a long enough passphrase").close()
    real, threads, asked = keys._derive, [], []
    caller_free = threading.Event()

    def derive(*args):
        threads.append(threading.current_thread())
        assert caller_free.wait(10), "the caller was held until the key was derived"
        return real(*args)

    monkeypatch.setattr(keys, "_derive", derive)

    def prompt(new: bool) -> str:
        asked.append(threading.current_thread())
        return "a long enough passphrase"

    finish = keys.begin_obtain_key(data_dir, prompt)
    caller_free.set()  # reached only if begin_obtain_key returned before deriving
    store = Store.open(data_dir, key=finish())
    assert _names(store) == []  # opened with the derived key
    store.close()
    assert asked == [threading.main_thread()]
    assert threads and threads[0] is not threading.main_thread()
    finish = keys.begin_obtain_key(data_dir, lambda new: "wrong passphrase!")
    with pytest.raises(keys.WrongPassphrase):
        finish()
