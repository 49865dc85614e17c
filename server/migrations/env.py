"""Alembic environment of the server: run through server.migrate on a given connection."""

from __future__ import annotations

from alembic import context

from server.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run server migrations through `mission-desk-server migrate`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table="server_alembic_version",  # never mixed up with the desk's table
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
