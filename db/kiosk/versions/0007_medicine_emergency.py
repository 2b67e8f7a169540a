"""medicine box, daily checks, emergencies and incidents: their projections

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "medicine_lots",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("batch", sa.String(length=24), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=False),
        sa.Column("restocked", sa.Integer(), nullable=False),
        sa.Column("dispensed", sa.Integer(), nullable=False),
        sa.Column("discarded", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medicine_lots")),
    )
    op.create_index("ix_medicine_lots_item_expiry", "medicine_lots", ["item_id", "expiry"])
    op.create_table(
        "aed_checks",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("box_checked", sa.Boolean(), nullable=False),
        sa.Column("light", sa.String(length=8), nullable=False),
        sa.Column("pads_expiry", sa.Date(), nullable=False),
        sa.Column("battery_expiry", sa.Date(), nullable=False),
        sa.Column("volunteer_id", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aed_checks")),
    )
    op.create_index("ix_aed_checks_checked", "aed_checks", ["checked_at"])
    op.create_table(
        "emergencies",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("place_zh", sa.String(length=40), nullable=False),
        sa.Column("place_en", sa.String(length=40), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=16), nullable=True),
        sa.Column("ack_actor", sa.String(length=64), nullable=True),
        sa.Column("ack_kiosk_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergencies")),
    )
    op.create_index("ix_emergencies_open", "emergencies", ["acknowledged_at", "raised_at"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("emergency_id", sa.String(length=64), nullable=True),
        sa.Column("happened_at", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(length=20), nullable=False),
        sa.Column("what", sa.String(length=20), nullable=False),
        sa.Column("first_aid", sa.JSON(), nullable=False),
        sa.Column("items_used", sa.JSON(), nullable=False),
        sa.Column("aed_used", sa.Boolean(), nullable=False),
        sa.Column("called_120", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("attended", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(length=60), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("amendments", sa.Integer(), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    op.create_index("ix_incidents_happened", "incidents", ["happened_at", "id"])


def downgrade() -> None:
    for table, index in (
        ("incidents", "ix_incidents_happened"),
        ("emergencies", "ix_emergencies_open"),
        ("aed_checks", "ix_aed_checks_checked"),
        ("medicine_lots", "ix_medicine_lots_item_expiry"),
    ):
        op.drop_index(index, table_name=table)
        op.drop_table(table)
