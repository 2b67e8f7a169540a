"""hub: what each kiosk last reported of its health (app version, disk free, last error)

Revision ID: h0006
Revises: h0005
Create Date: 2026-12-05

A kiosk posts these to /v1/sync/health every few minutes, apart from its pushes (the push
path stays as it was); the centre's stations page shows them beside last seen and unsent.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0006"
down_revision = "h0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("kiosks", sa.Column("app_version", sa.String(32), nullable=True))
    op.add_column("kiosks", sa.Column("disk_free_mb", sa.BigInteger(), nullable=True))
    op.add_column("kiosks", sa.Column("last_error", sa.String(300), nullable=True))
    op.add_column("kiosks", sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("kiosks", sa.Column("health_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    for column in ("health_at", "last_error_at", "last_error", "disk_free_mb", "app_version"):
        op.drop_column("kiosks", column)
