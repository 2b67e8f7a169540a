"""hub: volunteer hours by station, volunteer and month, beside the shifts (#15)

Revision ID: h0021
Revises: h0020
Create Date: 2026-12-07

`shift_hours_monthly`: the counted shifts of `shift_facts` (begun on a known day, not
cancelled) summed by station, volunteer and the station's local month of the check-in, kept by
the shifts' fold in the push's transaction (each shift's old line taken off, its new one
added). The centre's hours pages read a row per volunteer and month for the whole months of
their range, and the shifts only for the part-months at its ends: a year's page groups a row
a volunteer and month, not a row a shift (at a shift every 10 days, 2.9 M shifts held: 1.46 M
rows a year -> 0.44 M plus the ends' 0.12 M), and those rows stop growing with the events
once every volunteer has a shift a month. Filled here from `shift_facts` (the sums of its
rows: exactly what the fold would have written), so no rebuild is needed
(`READ_MODELS_REVISION` stays h0013). And
`ix_shift_facts_day` and `ix_shift_hours_monthly_month`: a range across every station read
the whole table (the other keys lead with the station), growing with the years of history
where a page needs one month or twelve.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0021"
down_revision = "h0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shift_hours_monthly",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("volunteer_id", sa.String(64), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("shifts", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.BigInteger(), nullable=False),
        sa.Column("credited", sa.BigInteger(), nullable=False),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "station_id", "volunteer_id", "month", name=op.f("pk_shift_hours_monthly")
        ),
    )
    op.create_index("ix_shift_hours_monthly_month", "shift_hours_monthly", ["month"])
    op.create_index("ix_shift_facts_day", "shift_facts", ["day"])
    op.execute(
        "INSERT INTO shift_hours_monthly"
        " (station_id, volunteer_id, month, shifts, minutes, credited, flagged)"
        " SELECT station_id, volunteer_id, substr(day, 1, 7), count(*), sum(minutes),"
        " sum(credited), sum(CASE WHEN flagged THEN 1 ELSE 0 END) FROM shift_facts"
        " WHERE day IS NOT NULL AND status <> 'cancelled'"
        " GROUP BY station_id, volunteer_id, substr(day, 1, 7)"
    )


def downgrade() -> None:
    op.drop_index("ix_shift_facts_day", table_name="shift_facts")
    op.drop_index("ix_shift_hours_monthly_month", table_name="shift_hours_monthly")
    op.drop_table("shift_hours_monthly")
