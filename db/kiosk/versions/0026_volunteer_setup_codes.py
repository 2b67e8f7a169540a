"""volunteers: the centre's one-time setup code (hash, expiry, used) per volunteer (docs/hub.md)

Revision ID: 0026
Revises: 0025
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("volunteers") as batch:
        batch.add_column(sa.Column("setup_hash", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("setup_expires_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("setup_used_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("volunteers") as batch:
        batch.drop_column("setup_used_at")
        batch.drop_column("setup_expires_at")
        batch.drop_column("setup_hash")
