"""team bundles: desk public keys and the mission's bundle key

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "desk_key",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("assessor_id", sa.String(length=36), nullable=False),
        sa.Column("public_key", sa.String(length=60), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mission_id"], ["mission.id"],
                                name=op.f("fk_desk_key_mission_id_mission"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("client_id", "mission_id", name=op.f("pk_desk_key")),
    )
    op.create_table(
        "bundle_key",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(["mission_id"], ["mission.id"],
                                name=op.f("fk_bundle_key_mission_id_mission"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("mission_id", name=op.f("pk_bundle_key")),
    )


def downgrade() -> None:
    op.drop_table("bundle_key")
    op.drop_table("desk_key")
