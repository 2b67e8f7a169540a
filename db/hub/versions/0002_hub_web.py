"""hub web: hub-authored event seqs, dashboard accounts and sessions, an index for reports

Revision ID: h0002
Revises: h0001
Create Date: 2026-11-22

`hub_authors` hands out the dense seq of each station's pseudo-kiosk `hub:<station>` (events
the hub writes itself: requests and wishes made on travellers' phones). `accounts` and
`web_sessions` serve the alliance-centre dashboard. `ix_events_kind_station` lets the
dashboard's reports and the ticket pages read one kind of event of one station.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0002"
down_revision = "h0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_authors",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name=op.f("fk_hub_authors_station_id_stations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_authors")),
        sa.UniqueConstraint("station_id", name=op.f("uq_hub_authors_station_id")),
    )
    op.create_table(
        "accounts",
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("stations", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_accounts")),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["username"], ["accounts.username"], name=op.f("fk_web_sessions_username_accounts")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_username"), "web_sessions", ["username"])
    op.create_index("ix_events_kind_station", "events", ["kind", "station_id", "occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_events_kind_station", table_name="events")
    op.drop_index(op.f("ix_web_sessions_username"), table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_table("accounts")
    op.drop_table("hub_authors")
