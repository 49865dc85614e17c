"""planning: candidate.unavailable, interview.duration, seat and anonymity tables

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 16:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _synced() -> list[sa.Column]:
    return [sa.Column("versions", sa.JSON(), nullable=False),
            sa.Column("seq", sa.BigInteger(), nullable=False),
            sa.Column("deleted", sa.Boolean(), nullable=False)]


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
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("candidate_id", sa.String(length=36), nullable=False),
        sa.Column("sitting", sa.String(length=40), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=False),
        sa.Column("script_code", sa.String(length=16), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"],
                                name=op.f("fk_seat_candidate_id_candidate"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mission_id"], ["mission.id"],
                                name=op.f("fk_seat_mission_id_mission"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seat")),
        sa.UniqueConstraint("candidate_id", "sitting", name=op.f("uq_seat_candidate_id")),
    )
    with op.batch_alter_table("seat") as batch_op:
        batch_op.create_index("ix_seat_feed", ["mission_id", "seq"], unique=False)
        batch_op.create_index("ix_seat_code", ["mission_id", "script_code"], unique=False)
    op.create_table(
        "anonymity",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("lifted", sa.Boolean(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["mission_id"], ["mission.id"],
                                name=op.f("fk_anonymity_mission_id_mission"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymity")),
        sa.UniqueConstraint("mission_id", "subject", name=op.f("uq_anonymity_mission_id")),
    )
    with op.batch_alter_table("anonymity") as batch_op:
        batch_op.create_index("ix_anonymity_feed", ["mission_id", "seq"], unique=False)


def downgrade() -> None:
    op.drop_table("anonymity")
    op.drop_table("seat")
    with op.batch_alter_table("interview") as batch_op:
        batch_op.drop_column("duration")
    with op.batch_alter_table("candidate") as batch_op:
        batch_op.drop_column("unavailable")
