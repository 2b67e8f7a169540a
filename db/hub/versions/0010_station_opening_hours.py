"""hub: a station's opening hours (the silent-kiosk rule counts only open time)

Revision ID: h0010
Revises: h0009
Create Date: 2026-12-06

`stations.opens_at` / `closes_at`: "HH:MM" in the hub's time zone; both empty, open all day
(what every station was before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0010"
down_revision = "h0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stations") as batch:
        batch.add_column(sa.Column("opens_at", sa.String(5), nullable=True))
        batch.add_column(sa.Column("closes_at", sa.String(5), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stations") as batch:
        batch.drop_column("closes_at")
        batch.drop_column("opens_at")
