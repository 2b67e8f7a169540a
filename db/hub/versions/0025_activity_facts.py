"""hub: `activity_facts`, the centre's activities page as a read model (#15)

Revision ID: h0025
Revises: h0023
Create Date: 2026-12-07

The centre's activities page folded every `activity.` event of every station it covers on each
view (2.8 s at 2,000 stations). `activity_facts` holds one row an activity, folded by the
kiosks' own `fold_activity` from the activity's events kept in the row
(kiosk.features.activities.hub_facts), refolded in the transaction that stores a new one; the
page reads its slice and sums its totals in SQL. Filled here from the events table by that same
fold (`read_models.fill`), so no rebuild of the read models is needed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0025"
down_revision = "h0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = sa.DateTime(timezone=True)
    op.create_table(
        "activity_facts",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("activity_id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(64), nullable=True),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("place", sa.String(64), nullable=True),
        sa.Column("starts_at", utc, nullable=True),
        sa.Column("ends_at", utc, nullable=True),
        sa.Column("invited", sa.Integer(), nullable=True),
        sa.Column("signed", sa.Integer(), nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=True),
        sa.Column("credited_minutes", sa.Integer(), nullable=True),
        sa.Column("who", sa.JSON(), nullable=True),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "activity_id", name=op.f("pk_activity_facts")),
    )
    op.create_index(
        "ix_activity_facts_station_starts", "activity_facts", ["station_id", "starts_at"]
    )
    op.create_index("ix_activity_facts_starts", "activity_facts", ["starts_at"])
    _fill()


def _fill() -> None:
    """The rows the push path keeps, folded from every stored `activity.` event (a change to
    this table must keep this fill working)."""
    from kiosk.features.activities.hub_facts import ACTIVITY_FACTS
    from kiosk.platform.hub.read_models import fill

    fill(op.get_bind(), (ACTIVITY_FACTS,))


def downgrade() -> None:
    op.drop_index("ix_activity_facts_starts", "activity_facts")
    op.drop_index("ix_activity_facts_station_starts", "activity_facts")
    op.drop_table("activity_facts")
