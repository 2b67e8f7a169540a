"""hub: 人次 by month, beside 人次 by day (#15)

Revision ID: h0015
Revises: h0014
Create Date: 2026-12-06

`usage_monthly`: `usage_daily` summed by the station's local month, kept by the same fold in the
same statement, so the centre's 人次 page over a year reads a row per month for the whole months
of its range (and the day rows only for the part-months at its ends). Filled here from
`usage_daily` (the sums of its rows: exactly what the fold would have written), so no rebuild of
the read models is needed. And `ix_usage_daily_day` (day, station): a range across
every station read its days' lines from a scan of the whole table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0015"
down_revision = "h0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usage_monthly",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("service_id", sa.String(64), nullable=False),
        sa.Column("audience", sa.String(32), nullable=False),
        sa.Column("people", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "station_id", "month", "service_id", "audience", name=op.f("pk_usage_monthly")
        ),
    )
    op.create_index("ix_usage_daily_day", "usage_daily", ["day", "station_id"])
    op.execute(
        "INSERT INTO usage_monthly (station_id, month, service_id, audience, people, records)"
        " SELECT station_id, substr(day, 1, 7), service_id, audience, sum(people), sum(records)"
        " FROM usage_daily GROUP BY station_id, substr(day, 1, 7), service_id, audience"
    )


def downgrade() -> None:
    op.drop_index("ix_usage_daily_day", table_name="usage_daily")
    op.drop_table("usage_monthly")
