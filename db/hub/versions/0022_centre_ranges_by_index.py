"""hub: the 人次 sums and the tickets of a range read from indexes alone (#15)

Revision ID: h0022
Revises: h0021
Create Date: 2026-12-07

On PostgreSQL only (SQLite has no INCLUDE; its reads stay as they were):
- `usage_station_daily` / `usage_station_monthly`: an index (day or month, station) INCLUDE
  (people, records). Their rows are written in the order uses arrive, not by day, so a bitmap
  scan of a 30-day range across every station touched nearly every heap page of the table's
  whole history (3,764 pages for 18,146 rows at 1M events); read from this index, the range's
  own leaf pages only (134).
- `ticket_facts`: an index (made_at) INCLUDE (station_id, kind, status, day, response_min).
  A range across every station could use no index (the one there leads with the station): the
  counts, the medians and the open list each read the whole table, every ticket of the
  history with its event ids.
- `ticket_facts`, the open ones: (made_at) INCLUDE what the open list shows, WHERE the state is
  open (a few in a hundred): the page's 50 and the CSV read those alone, not the range's every
  ticket from the heap.
No rows change, so no rebuild.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0022"
down_revision = "h0021"
branch_labels = None
depends_on = None

INDEXES = (
    (
        "ix_usage_station_daily_sums",
        "usage_station_daily",
        ["day", "station_id"],
        ["people", "records"],
    ),
    (
        "ix_usage_station_monthly_sums",
        "usage_station_monthly",
        ["month", "station_id"],
        ["people", "records"],
    ),
    (
        "ix_ticket_facts_made_at",
        "ticket_facts",
        ["made_at"],
        ["station_id", "kind", "status", "day", "response_min"],
    ),
)


OPEN = "status IN ('ordered', 'accepted', 'received', 'in_progress')"  # models.OPEN_TICKETS
OPEN_COLUMNS = [
    "station_id",
    "kind",
    "aggregate_id",
    "ticket",
    "category",
    "channel",
    "status",
    "response_min",
    "departs_at",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table, columns, include in INDEXES:
        op.create_index(name, table, columns, postgresql_include=include)
    op.create_index(
        "ix_ticket_facts_open",
        "ticket_facts",
        ["made_at"],
        postgresql_include=OPEN_COLUMNS,
        postgresql_where=sa.text(OPEN),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_ticket_facts_open", table_name="ticket_facts")
    for name, table, _columns, _include in reversed(INDEXES):
        op.drop_index(name, table_name=table)
