"""hub: 人次 by station and day or month, and each group's days of the year (#15)

Revision ID: h0017
Revises: h0016
Create Date: 2026-12-07

The centre's 人次 page over every station of a province summed ~860,000 group lines a view (a
year's range) for its totals and per-station bars, again for its day chart, and counted the
distinct groups of the range from the same lines for its pager. Now, kept by the same fold in
the same statement as the group lines:
- `usage_station_daily` / `usage_station_monthly`: the lines summed by station and local day /
  month (one row a station and day: the sums and the chart);
- `usage_groups`: one row a (station, service, audience) group and year whose `days` has a bit
  per day with uses of the year before and of that year (`day_slot`: month × 32 + day, 418 a
  year; BIT(836) on PostgreSQL, "0"/"1" text on SQLite): the count of the groups of a range
  within two calendar years reads one row a group.
Filled here from `usage_daily` / `usage_monthly` (exactly what the fold would have written), so
no rebuild of the read models is needed.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "h0017"
down_revision = "h0016"
branch_labels = None
depends_on = None

SLOTS = 418  # a year's
# `day_slot` of kiosk.platform.hub.models, in SQL: a day whose month is not two digits up to
# 12 sorts after the year's days; a day of the month past 31 (or not two digits) before the
# next month's.
_PG_SLOT = (
    "CASE WHEN substr(day, 6, 2) ~ '^[0-9][0-9]$' AND substr(day, 6, 2) <= '12'"
    " THEN CAST(substr(day, 6, 2) AS integer) * 32"
    " + CASE WHEN substr(day, 9, 2) ~ '^[0-9][0-9]$'"
    " THEN least(CAST(substr(day, 9, 2) AS integer), 32) ELSE 32 END"
    f" ELSE {SLOTS - 1} END"
)


def _slot(day: str) -> int:
    """The same as `_PG_SLOT` (and `day_slot`), for SQLite."""
    month, dom = day[5:7], day[8:10]
    if not (month.isascii() and month.isdigit()) or int(month) > 12:
        return SLOTS - 1
    return int(month) * 32 + (min(int(dom), 32) if dom.isascii() and dom.isdigit() else 32)


def _sums(name: str, period: str, width: int) -> None:
    op.create_table(
        name,
        sa.Column(period, sa.String(width), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("people", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(period, "station_id", name=op.f(f"pk_{name}")),
    )


def _bits(day: str) -> list[tuple[str, int]]:
    """`day_bits` of kiosk.platform.hub.models: its year's row, second half; the next's, first."""
    year, slot = day[:4], _slot(day)
    found = [(year, SLOTS + slot)]
    if year.isascii() and year.isdigit() and year < "9999":
        found.append((f"{int(year) + 1:04d}", slot))
    return found


def _groups_sqlite(lines: Iterable[tuple[str, str, str, str]]) -> list[dict[str, str]]:
    bits: dict[tuple[str, str, str, str], int] = {}
    for station_id, day, service_id, audience in lines:
        for year, bit in _bits(day):
            key = (year, station_id, service_id, audience)
            bits[key] = bits.get(key, 0) | 1 << (2 * SLOTS - 1 - bit)
    return [
        {"y": y, "s": s, "v": v, "a": a, "d": format(n, f"0{2 * SLOTS}b")}
        for (y, s, v, a), n in sorted(bits.items())
    ]


def upgrade() -> None:
    _sums("usage_station_daily", "day", 10)
    _sums("usage_station_monthly", "month", 7)
    op.create_table(
        "usage_groups",
        sa.Column("year", sa.String(4), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("service_id", sa.String(64), nullable=False),
        sa.Column("audience", sa.String(32), nullable=False),
        sa.Column(
            "days",
            sa.String(2 * SLOTS).with_variant(postgresql.BIT(2 * SLOTS), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint(
            "year", "station_id", "service_id", "audience", name=op.f("pk_usage_groups")
        ),
    )
    op.execute(
        "INSERT INTO usage_station_daily (day, station_id, people, records)"
        " SELECT day, station_id, sum(people), sum(records) FROM usage_daily"
        " GROUP BY day, station_id"
    )
    op.execute(
        "INSERT INTO usage_station_monthly (month, station_id, people, records)"
        " SELECT month, station_id, sum(people), sum(records) FROM usage_monthly"
        " GROUP BY month, station_id"
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            "INSERT INTO usage_groups (year, station_id, service_id, audience, days)"
            " SELECT year, station_id, service_id, audience,"
            f" bit_or(set_bit(CAST(repeat('0', {2 * SLOTS}) AS bit({2 * SLOTS})), bit, 1))"
            " FROM (SELECT substr(day, 1, 4) AS year, station_id, service_id, audience,"
            f" {SLOTS} + {_PG_SLOT} AS bit FROM usage_daily"
            " UNION ALL SELECT lpad(CAST(CAST(substr(day, 1, 4) AS integer) + 1 AS text), 4, '0'),"
            f" station_id, service_id, audience, {_PG_SLOT} FROM usage_daily"
            " WHERE substr(day, 1, 4) ~ '^[0-9]{4}$' AND substr(day, 1, 4) < '9999') AS b"
            " GROUP BY year, station_id, service_id, audience"
        )
        return
    found = bind.execute(sa.text("SELECT station_id, day, service_id, audience FROM usage_daily"))
    rows = _groups_sqlite((str(s), str(d), str(v), str(a)) for s, d, v, a in found)
    if rows:
        bind.execute(
            sa.text(
                "INSERT INTO usage_groups (year, station_id, service_id, audience, days)"
                " VALUES (:y, :s, :v, :a, :d)"
            ),
            rows,
        )


def downgrade() -> None:
    op.drop_table("usage_groups")
    op.drop_table("usage_station_monthly")
    op.drop_table("usage_station_daily")
