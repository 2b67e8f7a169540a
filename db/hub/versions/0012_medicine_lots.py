"""hub: the medicine box's lots and their stock day by day, a read model (#15, #16)

Revision ID: h0012
Revises: h0011
Create Date: 2026-12-06

`medicine_lots` (each lot's item, batch and expiry, from its first restock in the agreed order)
and `medicine_lot_days` (each lot's stock change per station-local day), kept in the push
transaction by the medicine part: the alerts page reads a lot's stock as a sum, and the trend of
stock alerts its stock at each day's end. `kiosk-hub migrate` fills them from the stored events.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0012"
down_revision = "h0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "medicine_lots",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("lot_id", sa.String(64), nullable=False),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("batch", sa.String(64), nullable=False),
        sa.Column("expiry", sa.String(10), nullable=False),
        sa.Column("first_order", sa.String(160), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "lot_id", name=op.f("pk_medicine_lots")),
    )
    op.create_table(
        "medicine_lot_days",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("lot_id", sa.String(64), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("change", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "lot_id", "day", name=op.f("pk_medicine_lot_days")),
    )


def downgrade() -> None:
    op.drop_table("medicine_lot_days")
    op.drop_table("medicine_lots")
