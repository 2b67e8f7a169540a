"""hub: volunteer hours by station and month, and each volunteer's months of a year (#15)

Revision ID: h0026
Revises: h0023
Create Date: 2026-12-07

Two layers over `shift_hours_monthly` (h0021), kept by the shifts' fold in the push's
transaction beside it: `shift_hours_station_monthly`, its lines summed over each station's
volunteers, and `shift_hours_volunteer_years`, a row a station, volunteer and year whose
`months` has bit m - 1 set for each month m holding the volunteer's line. A year's hours page
grouped ~0.56 M lines (0.44 M month rows and the part-months' shifts) to find each station's
rows and hours; its whole months now read 24,000 station-month rows for the hours and ~80,000
volunteer-year rows for the rows, growing with stations and volunteers, not with history.
Filled here from `shift_hours_monthly` (exactly what the fold would have written), so no
rebuild is needed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0026"
down_revision = "h0025"
branch_labels = None
depends_on = None

# as `kiosk.features.shifts.hub` keeps them (a migration does not import the feature's code)
FILL_STATION_MONTHS = (
    "INSERT INTO shift_hours_station_monthly"
    " (station_id, month, shifts, minutes, credited, flagged)"
    " SELECT station_id, month, sum(shifts), sum(minutes), sum(credited), sum(flagged)"
    " FROM shift_hours_monthly GROUP BY station_id, month"
)
FILL_VOLUNTEER_YEARS = (
    "INSERT INTO shift_hours_volunteer_years (station_id, volunteer_id, year, months)"
    " SELECT station_id, volunteer_id, substr(month, 1, 4),"
    " sum(1 << (CAST(substr(month, 6, 2) AS INTEGER) - 1))"
    " FROM shift_hours_monthly GROUP BY station_id, volunteer_id, substr(month, 1, 4)"
)


def upgrade() -> None:
    op.create_table(
        "shift_hours_station_monthly",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("shifts", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.BigInteger(), nullable=False),
        sa.Column("credited", sa.BigInteger(), nullable=False),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "month", name=op.f("pk_shift_hours_station_monthly")),
    )
    op.create_index(
        "ix_shift_hours_station_monthly_month", "shift_hours_station_monthly", ["month"]
    )
    op.create_table(
        "shift_hours_volunteer_years",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("volunteer_id", sa.String(64), nullable=False),
        sa.Column("year", sa.String(4), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "station_id", "volunteer_id", "year", name=op.f("pk_shift_hours_volunteer_years")
        ),
    )
    op.create_index("ix_shift_hours_volunteer_years_year", "shift_hours_volunteer_years", ["year"])
    op.execute(FILL_STATION_MONTHS)
    op.execute(FILL_VOLUNTEER_YEARS)


def downgrade() -> None:
    op.drop_index("ix_shift_hours_volunteer_years_year", table_name="shift_hours_volunteer_years")
    op.drop_table("shift_hours_volunteer_years")
    op.drop_index("ix_shift_hours_station_monthly_month", table_name="shift_hours_station_monthly")
    op.drop_table("shift_hours_station_monthly")
