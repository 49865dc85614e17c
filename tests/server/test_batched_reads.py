"""A push's batched reads (issue 15): ``server.among`` matches the same rows as IN on every
database; on PostgreSQL its array statements are never prepared, so that they are planned with
their ids (a generic plan compared each row with every id: PostgreSQL's CPU per push grew as a
desk's pushes went on); ``bulk_insert``'s JSON text is json.dumps's."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import Engine, select, text

from server import accounts
from server.among import among
from server.bulk_insert import _json_text
from server.db import session_factory
from server.models import User

from .conftest import PG_URL


def _users(engine: Engine, n: int) -> list[str]:
    with session_factory(engine)() as s, s.begin():
        return [accounts.create_user(s, f"u{k:03d}", "a long password").id for k in range(n)]


def test_among_matches_what_in_matches(engine: Engine) -> None:
    ids = _users(engine, 12)
    wanted = [*ids[::3], str(uuid.uuid4())]  # one id that names nobody
    with session_factory(engine)() as s:
        got = set(s.scalars(select(User.id).where(among(s, User.id, wanted))))
        assert got == set(s.scalars(select(User.id).where(User.id.in_(wanted))))
        assert got == set(ids[::3])
        assert list(s.scalars(select(User.id).where(among(s, User.id, [])))) == []


@pytest.mark.skipif(not PG_URL, reason="psycopg's prepared statements: PostgreSQL only")
def test_array_reads_are_never_prepared(engine: Engine) -> None:
    ids = _users(engine, 5)
    with session_factory(engine)() as s, s.begin():
        for _ in range(10):  # psycopg prepares a statement from its 5th run
            list(s.scalars(select(User.id).where(among(s, User.id, ids))))
            list(s.scalars(select(User.id).where(User.username == "u001")))
        prepared = list(s.scalars(text("SELECT statement FROM pg_prepared_statements")))
    # the plain statement was prepared, so the connection does prepare what it repeats...
    assert any("username" in p for p in prepared)
    # ...but never a statement matching against an array
    assert not [p for p in prepared if "ANY" in p.upper()]


@pytest.mark.parametrize("value", [
    "plain", "é \" \\ \n \u2028 \x7f", "", "\ud800", None, True, False, 0, -7, 2**70, 1.5,
    -0.0, 1e300, {"a": [1, None, "b"]}, [], {},
])
def test_json_text_is_json_dumps(value: object) -> None:
    assert _json_text(value) == json.dumps(value)
