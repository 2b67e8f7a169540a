"""admin accounts, reviewed shifts, local settings: named admin and team-leader accounts, a
shift's minutes set by a reviewer, settings changed on the admin screen

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admin_accounts",
        sa.Column("account_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_admin_accounts")),
    )
    # The first-run PIN becomes the account named after its role (as the fold does).
    op.execute(
        "INSERT INTO admin_accounts (account_id, name, role, pin_hash, active) "
        "SELECT role, role, role, pin_hash, 1 FROM admins"
    )
    op.create_table(
        "local_settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=400), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_local_settings")),
    )
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("amended", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.drop_column("amended")
    op.drop_table("local_settings")
    op.drop_table("admin_accounts")
