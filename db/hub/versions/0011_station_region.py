"""hub: a station's region (片区), for the centre's figures per region

Revision ID: h0011
Revises: h0010
Create Date: 2026-12-06

`stations.region`: free text up to 40 characters ("福州市" / "Fuzhou"), set by a centre admin;
empty (NULL) is "未分区 / No region", what every station was before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0011"
down_revision = "h0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stations") as batch:
        batch.add_column(sa.Column("region", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stations") as batch:
        batch.drop_column("region")
