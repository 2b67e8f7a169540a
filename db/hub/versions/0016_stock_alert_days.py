"""hub: the medicine box's stock and expiry alerts per station and day, materialised (#15)

Revision ID: h0016
Revises: h0015
Create Date: 2026-12-07

`stock_alert_days`: the count of stock and expiry alerts standing at each day's end (the
alerts page's 30-day trend and alert-days), filled lazily by the page with the same pure code
that counts them live, and tagged with a hash of the items list it was counted under
(`items_key`), so a newly published list re-reads the past. A box change pushed for day D
deletes the station's rows from D on, in the push transaction, and bumps the station's
`stock_alert_marks.version`, so a fill that read before that push does not write stale rows.
The last day a fill counts (today) also keeps its alerts (`lines`): the alerts open now read
them instead of summing every lot's day rows, except at a station with box changes dated after
today (a kiosk's clock ahead; found by `ix_medicine_lot_days_day`), whose stock now includes
them. Both start empty: the first view fills them (no rebuild of the read models is needed).

`aed_last_checks`: each station's latest daily check (the `aed.checked` event latest in
(occurred_at, id), the kiosks' `latest_check`), kept in the push transaction, so the page reads
a row per station instead of every check. Filled here from the events table (a station whose
latest check sits only in a month archived beside it gets it back from `rebuild-read-models`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0016"
down_revision = "h0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stock_alert_days",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("alerts", sa.Integer(), nullable=True),
        sa.Column("items_key", sa.String(32), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("station_id", "day", name=op.f("pk_stock_alert_days")),
    )
    op.create_index("ix_medicine_lot_days_day", "medicine_lot_days", ["day"])
    op.create_table(
        "stock_alert_marks",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_stock_alert_marks")),
    )

    op.create_table(
        "aed_last_checks",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_aed_last_checks")),
    )
    op.execute(
        "INSERT INTO aed_last_checks (station_id, occurred_at, event_id, payload)"
        " SELECT station_id, occurred_at, id, payload FROM ("
        "  SELECT station_id, occurred_at, id, payload, row_number() OVER ("
        "   PARTITION BY station_id ORDER BY occurred_at DESC, id DESC) AS n"
        "  FROM events WHERE kind = 'aed.checked') AS ranked"
        " WHERE n = 1"
    )


def downgrade() -> None:
    op.drop_table("aed_last_checks")
    op.drop_table("stock_alert_marks")
    op.drop_index("ix_medicine_lot_days_day", table_name="medicine_lot_days")
    op.drop_table("stock_alert_days")
