"""sync state: a new kiosk's live pass (live state first, history after; #15)

Revision ID: 0028
Revises: 0027
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("live_state", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("live_cursor", sa.String(length=120), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("live_cursor")
        batch_op.drop_column("live_state")
