"""pull refusals: what pulls brought that the kiosk refused (count and last), for staff

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pull_refused", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("last_refusal", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("last_refusal")
        batch_op.drop_column("pull_refused")
