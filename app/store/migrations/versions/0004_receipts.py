"""receipt: the server's signed receipts this desk checked and kept

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("last_mid", sa.Integer(), nullable=False),
        sa.Column("server_at", sa.String(length=32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("receipt") as batch_op:
        batch_op.create_index("ix_receipt_last_mid", ["last_mid"], unique=False)


def downgrade() -> None:
    op.drop_table("receipt")
