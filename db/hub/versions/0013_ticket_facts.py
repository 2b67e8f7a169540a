"""hub: requests' and wishes' state, a read model (#15)

Revision ID: h0013
Revises: h0012
Create Date: 2026-12-06

`ticket_facts`: one row per request or wish (a ticket), folded with the kiosks' own
`fold_request` / `fold_wish` over every event of the ticket, kept in the push transaction by the
requests part. The centre's requests-and-wishes page counts, takes medians and pages these rows
in SQL instead of folding every ticket of the range on each view. `kiosk-hub migrate` fills it
from the stored events.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0013"
down_revision = "h0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_facts",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("aggregate_id", sa.String(64), nullable=False),
        sa.Column("ticket", sa.String(16), nullable=True),
        sa.Column("category", sa.String(32), nullable=True),
        sa.Column("channel", sa.String(16), nullable=True),
        sa.Column("status", sa.String(16), nullable=True),
        sa.Column("train", sa.String(16), nullable=True),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("day", sa.String(10), nullable=True),
        sa.Column("departs_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response_min", sa.Float(), nullable=True),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        # led by the id: a push finds its tickets' rows by id
        sa.PrimaryKeyConstraint("aggregate_id", "kind", "station_id", name=op.f("pk_ticket_facts")),
    )
    op.create_index(
        "ix_ticket_facts_station_made_at", "ticket_facts", ["station_id", "made_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_ticket_facts_station_made_at", table_name="ticket_facts")
    op.drop_table("ticket_facts")
