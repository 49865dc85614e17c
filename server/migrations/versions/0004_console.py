"""console: user roles and language, console sessions, device address

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.add_column(sa.Column("console_role", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("locale", sa.String(length=5), nullable=False,
                                      server_default="en"))
    # The API's administrators are the console's administrators.
    op.execute(sa.text("UPDATE user_account SET console_role = 'admin' WHERE is_admin"))
    with op.batch_alter_table("device") as batch_op:
        batch_op.add_column(sa.Column("last_address", sa.String(length=64), nullable=False,
                                      server_default=""))
    op.create_table(
        "console_session",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locale", sa.String(length=5), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name=op.f("fk_console_session_user_id_user_account"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_console_session")),
    )
    op.create_index(op.f("ix_console_session_user_id"), "console_session", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_console_session_user_id"), table_name="console_session")
    op.drop_table("console_session")
    with op.batch_alter_table("device") as batch_op:
        batch_op.drop_column("last_address")
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.drop_column("locale")
        batch_op.drop_column("console_role")
