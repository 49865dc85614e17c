"""sign-in throttle, security events, admit override reason, client_id bound to its device

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 15:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    op.create_table(
        "security_event",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_event")),
    )
    with op.batch_alter_table("security_event") as batch_op:
        batch_op.create_index(batch_op.f("ix_security_event_at"), ["at"], unique=False)
    with op.batch_alter_table("decision") as batch_op:
        batch_op.add_column(sa.Column("override_reason", sa.Text(), nullable=False,
                                      server_default=""))
    # Rows written before this revision keep the device that pushed last as their binding.
    with op.batch_alter_table("client_state") as batch_op:
        batch_op.create_index("ix_client_state_device", ["device_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("client_state") as batch_op:
        batch_op.drop_index("ix_client_state_device")
    with op.batch_alter_table("decision") as batch_op:
        batch_op.drop_column("override_reason")
    with op.batch_alter_table("security_event") as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_event_at"))
    op.drop_table("security_event")
    op.drop_table("login_throttle")
