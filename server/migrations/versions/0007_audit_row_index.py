"""audit: the field history read by row id alone is served by an index led by row_id

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 16:10:00

The conflict rule reads a stale row's audit history by ``row_id`` (server.push_lookups). The
index was (entity, row_id): PostgreSQL cannot probe it without the entity and scanned the whole
table instead, under the mission's lock (300 ms at 300,000 entries, growing with every push of
every mission). Led by row_id, the same read is an index probe (0.6 ms). The index on
``mission_id`` served no query and cost every audit entry written an index insert (nothing
deletes a mission's rows: its foreign key's cascade has no index to use, and needs none).
Building the new index blocks writes to the audit while it runs: migrate with the server
stopped, as every migration.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_row")
        batch_op.drop_index(batch_op.f("ix_audit_mission_id"))
        batch_op.create_index("ix_audit_row", ["row_id", "entity"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_row")
        batch_op.create_index(batch_op.f("ix_audit_mission_id"), ["mission_id"], unique=False)
        batch_op.create_index("ix_audit_row", ["entity", "row_id"], unique=False)
