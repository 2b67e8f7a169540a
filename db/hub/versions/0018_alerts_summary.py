"""hub: the alerts page's summary held beside the alerts; lending and charging read models (#15)

Revision ID: h0018
Revises: h0017
Create Date: 2026-12-07

`stock_alert_days.urgent`: on a station's last day counted, how many of the alerts kept in
`lines` are urgent (expired lots), so the page totals and sorts 2,000 stations from two numbers
a station (`alerts`, `urgent`) and describes only the 20 it shows. Rows kept before this
revision have none: their lines are read instead, until the next fill writes it.

`lending_loans` (a row per loan: item, status, borrowed and due times, its events without the
borrower's phone), `lending_stock` (units stocked per station and item) and `charging_sessions`
(a row per session: slot, status, lock, start, its events without the code's hash), kept in the
push transaction with the kiosks' `fold_loan` / `fold_charging`, so the alerts page and the
stations page read a row per open loan or session instead of folding events on each view.
Filled from the events table by the same folds (`read_models.fill`; since h0027, by h0027,
once the columns today's folds write exist), so no rebuild of
the read models is needed (`READ_MODELS_REVISION` stays h0013); events in months archived
beside the log come back with `rebuild-read-models`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0018"
down_revision = "h0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stock_alert_days") as batch:
        batch.add_column(sa.Column("urgent", sa.Integer(), nullable=True))
    utc = sa.DateTime(timezone=True)
    op.create_table(
        "lending_loans",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("loan_id", sa.String(64), nullable=False),
        sa.Column("item", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=True),
        sa.Column("borrowed_at", utc, nullable=True),
        sa.Column("due_at", utc, nullable=True),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "loan_id", name=op.f("pk_lending_loans")),
    )
    op.create_index("ix_lending_loans_status", "lending_loans", ["status", "station_id"])
    op.create_table(
        "lending_stock",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("stocked", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "item", name=op.f("pk_lending_stock")),
    )
    op.create_table(
        "charging_sessions",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("slot", sa.String(16), nullable=True),
        sa.Column("status", sa.String(16), nullable=True),
        sa.Column("locked", sa.Boolean(), nullable=True),
        sa.Column("started_at", utc, nullable=True),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "session_id", name=op.f("pk_charging_sessions")),
    )
    op.create_index("ix_charging_sessions_status", "charging_sessions", ["status", "started_at"])
    # Filled by h0027, which adds the columns today's folds write (the tables are empty here).


def downgrade() -> None:
    op.drop_table("charging_sessions")
    op.drop_table("lending_stock")
    op.drop_table("lending_loans")
    with op.batch_alter_table("stock_alert_days") as batch:
        batch.drop_column("urgent")
