"""hub: read models of the centre's reports — 人次 by day and shift facts (docs/hub.md)

Revision ID: h0009
Revises: h0008
Create Date: 2026-12-06

`usage_daily` (station, local day, service, audience → people, records) and `shift_facts` (one
folded shift each, with its events) are kept in the push transaction; an existing hub fills them
from its events with `kiosk-hub rebuild-read-models` (`kiosk-hub migrate` does it when it brings
a database past this revision).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0009"
down_revision = "h0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usage_daily",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("service_id", sa.String(64), nullable=False),
        sa.Column("audience", sa.String(32), nullable=False),
        sa.Column("people", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "station_id", "day", "service_id", "audience", name=op.f("pk_usage_daily")
        ),
    )
    op.create_table(
        "shift_facts",
        sa.Column("shift_id", sa.String(64), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("volunteer_id", sa.String(64), nullable=False),
        sa.Column("day", sa.String(10), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("credited", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("shift_id", name=op.f("pk_shift_facts")),
    )
    op.create_index(
        "ix_shift_facts_station_day", "shift_facts", ["station_id", "day"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_shift_facts_station_day", table_name="shift_facts")
    op.drop_table("shift_facts")
    op.drop_table("usage_daily")
