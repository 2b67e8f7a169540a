"""admin_accounts: a team leader named at the centre whose admin PIN is still to be chosen

Revision ID: 0027
Revises: 0026
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("admin_accounts") as batch:
        batch.add_column(
            sa.Column("pin_pending", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("admin_accounts") as batch:
        batch.drop_column("pin_pending")
