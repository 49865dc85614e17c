"""desk_user: several assessors on one desk (PIN, throttle, own client_id); outbox.author_id
and receipt.client_id so that each assessor's changes travel under their own account

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 07:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "desk_user",
        sa.Column("assessor_id", sa.String(length=36), nullable=False),
        sa.Column("pin_hash", sa.Text(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("blocked_until", sa.String(length=32), nullable=True),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("assessor_id"),
        sa.UniqueConstraint("client_id"),
    )
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(sa.Column("author_id", sa.String(length=36), nullable=True))
    # Every mutation already names its author in its audit entries (same transaction).
    op.execute("UPDATE outbox SET author_id = (SELECT actor_id FROM audit "
               "WHERE audit.mutation_id = outbox.id LIMIT 1)")
    with op.batch_alter_table("receipt") as batch_op:
        batch_op.add_column(sa.Column("client_id", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("receipt") as batch_op:
        batch_op.drop_column("client_id")
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_column("author_id")
    op.drop_table("desk_user")
