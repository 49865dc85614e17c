"""A push's batched reads (issue 15): ``server.among`` matches the same rows as IN on every
database; on PostgreSQL its array statements are never prepared, so that they are planned with
their ids (a generic plan compared each row with every id: PostgreSQL's CPU per push grew as a
desk's pushes went on); ``bulk_insert``'s JSON text is json.dumps's."""

from __future__ import annotations

import json
import random
import re
import uuid
from typing import Any

import pytest
from sqlalchemy import BigInteger, Engine, String, column, event, select, text

from server import accounts
from server.among import _ArrayText, among, array_text
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


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL's array input syntax")
def test_the_array_text_is_read_back_as_the_same_values(engine: Engine) -> None:
    # what a hostile desk may put in an application number or a mutation id: quotes,
    # backslashes, braces, commas, blanks, the word NULL, an empty string
    alphabet = ['a', 'Z', ' ', '\t', '\n', ',', '{', '}', '"', '\\', "'", 'é', '😀', 'N', 'U', 'L']
    rng = random.Random(15)
    with engine.connect() as conn:
        for _ in range(300):
            items = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
                     for _ in range(rng.randint(0, 8))] + ["NULL"] * rng.randint(0, 1)
            assert conn.scalar(text("SELECT CAST(:t AS text[])"),
                               {"t": array_text(items)}) == items
        assert conn.scalar(text("SELECT CAST(:t AS bigint[])"),
                           {"t": array_text([1, 2**53, -4])}) == [1, 2**53, -4]
    # anything else is bound as a list by psycopg
    assert array_text([1, "a"]) is None and array_text([True]) is None
    # the array's type is part of a statement's cache key (its element type cast in the SQL)
    assert _ArrayText(String(36))._static_cache_key != _ArrayText(BigInteger())._static_cache_key


def test_among_matches_ints_as_in_does(engine: Engine) -> None:
    n = column("n", BigInteger)
    numbers = text("(SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) AS t")
    with session_factory(engine)() as s:
        got = list(s.scalars(select(n).select_from(numbers).where(among(s, n, [1, 3, 7]))))
    assert sorted(got) == [1, 3]


@pytest.mark.parametrize("value", [
    "plain", "é \" \\ \n \u2028 \x7f", "", "\ud800", None, True, False, 0, -7, 2**70, 1.5,
    -0.0, 1e300, {"a": [1, None, "b"]}, [], {},
])
def test_json_text_is_json_dumps(value: object) -> None:
    assert _json_text(value) == json.dumps(value)


def test_a_rows_audit_history_is_read_through_an_index(engine: Engine) -> None:
    """The conflict rule reads a stale row's field history by row id alone: an index led by
    row_id serves it (led by the entity, PostgreSQL scanned the whole audit under the
    mission's lock: 300 ms at 300,000 entries)."""
    from server import missions
    from server.models import AuditEntry
    from server.push_lookups import PushLookups

    from .conftest import CONFIG

    _users(engine, 1)
    with session_factory(engine)() as s, s.begin():
        mission = missions.create_mission(
            s, code="IN-2027-PUNE", name="Pune", country="India", city="Pune",
            timezone="Asia/Kolkata", start="2027-01-10", end="2027-01-20", chair="u000",
            config=CONFIG)
        rows = [str(uuid.uuid4()) for _ in range(5000)]
        s.execute(AuditEntry.__table__.insert(), [
            {"mission_id": mission.id, "entity": ("candidate", "mark")[k % 2], "row_id": rid,
             "field": "value", "client_id": "c", "actor_id": "a"}
            for k, rid in enumerate(rows)])
        s.execute(text("ANALYZE audit"))
    seen: list[tuple[str, Any]] = []

    def on(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "FROM audit" in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", on)
    try:
        with session_factory(engine)() as s:
            lookups = PushLookups(s, mission.id, [], set(), {("mark", rows[1])})
            assert lookups.history("mark", rows[1], "value") == [("c", "a")]
    finally:
        event.remove(engine, "before_cursor_execute", on)
    assert len(seen) == 1
    statement, parameters = seen[0]
    if engine.dialect.name == "postgresql":
        # the ids travel as one text typed as the array where it is bound: PostgreSQL reads
        # the constant once (a CAST in the statement was evaluated again for every row met)
        bound = re.search(r"= ANY \(%\((\w+)\)s::VARCHAR\(36\)\[\]\)", statement)
        assert bound is not None, statement
        assert parameters[bound.group(1)] == '{"' + rows[1] + '"}'
    with engine.connect() as conn:
        explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(explain + statement,
                                                                  parameters))
    assert "ix_audit_row" in plan, plan
    assert "Seq Scan on audit" not in plan and "SCAN audit" not in plan, plan
    # SQLite could skip-scan an index led by the entity: probed by row id alone here
    assert "ANY(entity)" not in plan, plan
