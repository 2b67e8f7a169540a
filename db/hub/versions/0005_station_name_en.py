"""hub: a station's English name

Revision ID: h0005
Revises: h0004
Create Date: 2026-12-05

The phone pages in English showed the station's name in Chinese only. `stations.name_en` is
optional: a station without one shows its Chinese name on English pages too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0005"
down_revision = "h0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stations") as batch:
        batch.add_column(sa.Column("name_en", sa.String(80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stations") as batch:
        batch.drop_column("name_en")
