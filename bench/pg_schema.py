"""A throwaway PostgreSQL schema for a benchmark's server: made at the start, dropped at the
end, so that runs never see each other's rows (the database of $MISSION_DESK_TEST_DATABASE_URL,
or the local test database)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def throwaway_schema() -> Iterator[str]:
    """The database URL of a new schema, dropped with everything in it on exit."""
    base_url = os.environ.get("MISSION_DESK_TEST_DATABASE_URL", DEFAULT_PG)
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base_url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
