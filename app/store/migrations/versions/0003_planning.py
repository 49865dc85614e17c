"""planning: candidate.unavailable, interview.duration, seat and anonymity tables

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("candidate") as batch_op:
        batch_op.add_column(sa.Column("unavailable", sa.Text(), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("interview") as batch_op:
        batch_op.add_column(sa.Column("duration", sa.Integer(), nullable=False,
                                      server_default="0"))
    op.create_table(
        "seat",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("candidate_id", sa.String(length=36), nullable=False),
        sa.Column("sitting", sa.String(length=40), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=False),
        sa.Column("script_code", sa.String(length=16), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("candidate_id", "sitting"),
    )
    with op.batch_alter_table("seat") as batch_op:
        batch_op.create_index("ix_seat_candidate_id", ["candidate_id"], unique=False)
        batch_op.create_index("ix_seat_script_code", ["script_code"], unique=False)
    op.create_table(
        "anonymity",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("lifted", sa.Boolean(), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["mission_id"], ["mission.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mission_id", "subject"),
    )


def downgrade() -> None:
    op.drop_table("anonymity")
    with op.batch_alter_table("seat") as batch_op:
        batch_op.drop_index("ix_seat_script_code")
        batch_op.drop_index("ix_seat_candidate_id")
    op.drop_table("seat")
    with op.batch_alter_table("interview") as batch_op:
        batch_op.drop_column("duration")
    with op.batch_alter_table("candidate") as batch_op:
        batch_op.drop_column("unavailable")
