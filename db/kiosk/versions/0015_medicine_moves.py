"""medicine moves: one row per restock, dispense and take-out, for the box's log tab

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled by the projection rebuild that follows every upgrade (kiosk.platform.store.store).
    op.create_table(
        "medicine_moves",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("move", sa.String(length=16), nullable=False),
        sa.Column("lot_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("batch", sa.String(length=24), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=True),
        sa.Column("audience", sa.String(length=16), nullable=True),
        sa.Column("volunteer_id", sa.String(length=64), nullable=True),
        sa.Column("incident_id", sa.String(length=64), nullable=True),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_medicine_moves")),
    )
    op.create_index("ix_medicine_moves_at", "medicine_moves", ["at"], unique=False)
    op.create_index("ix_medicine_moves_lot_id", "medicine_moves", ["lot_id"], unique=False)
    op.create_index(
        "ix_medicine_moves_volunteer_id", "medicine_moves", ["volunteer_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_medicine_moves_volunteer_id", table_name="medicine_moves")
    op.drop_index("ix_medicine_moves_lot_id", table_name="medicine_moves")
    op.drop_index("ix_medicine_moves_at", table_name="medicine_moves")
    op.drop_table("medicine_moves")
