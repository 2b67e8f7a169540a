"""hub: each station's 30-day trend of stock and expiry alerts held on its last counted day (#15)

Revision ID: h0020
Revises: h0019
Create Date: 2026-12-07

`stock_alert_days.trend`: on the row of the last day a fill counted (the one holding `lines`),
the counts of the 30 days ending on it, oldest first (null: the box held nothing yet), under
the row's `items_key`. The alerts page then reads a row a station for its trend (summed by day
and by station in the hub) instead of two grouped reads of every station's 30 rows. A day's
count reads only the box's changes up to it, so the 30 counts stay right exactly as long as
the row does: a push of a box change dated on or before it deletes it (`invalidate`), a new
items list changes the station's key. Filled here from the rows already held: a station's
latest row gets its trend when the 30 days ending on it are all held under its key (else the
next view counts that one day and writes it). No rebuild is needed (`READ_MODELS_REVISION`
stays h0013).
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

revision = "h0020"
down_revision = "h0019"
branch_labels = None
depends_on = None

DAYS = 30  # the alerts page's trend (web_alerts.TREND_DAYS when this was written)


def upgrade() -> None:
    with op.batch_alter_table("stock_alert_days") as batch:
        batch.add_column(sa.Column("trend", sa.JSON(), nullable=True))
    _fill()


def _fill() -> None:
    bind = op.get_bind()
    table = sa.table(
        "stock_alert_days",
        sa.column("station_id", sa.String),
        sa.column("day", sa.String),
        sa.column("alerts", sa.Integer),
        sa.column("items_key", sa.String),
        sa.column("trend", sa.JSON(none_as_null=True)),
    )
    held: dict[str, dict[str, tuple[int | None, str]]] = {}
    for station, day, alerts, key in bind.execute(
        sa.select(table.c.station_id, table.c.day, table.c.alerts, table.c.items_key)
    ):
        held.setdefault(station, {})[day] = (alerts, key)
    rows = []
    for station, days in held.items():
        last = max(days)
        key = days[last][1]
        window = [
            (date.fromisoformat(last) - timedelta(days=n)).isoformat()
            for n in range(DAYS - 1, -1, -1)
        ]
        if all(d in days and days[d][1] == key for d in window):
            rows.append({"s": station, "d": last, "trend": [days[d][0] for d in window]})
    if rows:
        bind.execute(
            table.update()
            .where(table.c.station_id == sa.bindparam("s"), table.c.day == sa.bindparam("d"))
            .values(trend=sa.bindparam("trend")),
            rows,
        )


def downgrade() -> None:
    with op.batch_alter_table("stock_alert_days") as batch:
        batch.drop_column("trend")
