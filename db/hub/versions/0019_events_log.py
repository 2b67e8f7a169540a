"""hub: the view `events_log`, the event log with its archived months (#15)

Revision ID: h0019
Revises: h0017
Create Date: 2026-12-07

`kiosk-hub archive-events` detaches old months of `events` into the `events_archive` schema
(h0014). Every reader of old events (the roster's views, a refold's events read back by id, a
ticket found by its number, an erasure's rewrite) read `events` alone, so a month archived went
missing from what the hub shows. `events_log` is `events` and each archived month's table, one
relation (UNION ALL): those readers read it. The archive remakes it with every month it
detaches (kiosk.platform.hub.partitions.make_log_view); with no month archived it is `events`
itself, and costs nothing. A month archived before this gets its `occurred_at` span as a CHECK
here, as the archive now adds, so a reader whose window starts after it never scans it.
PostgreSQL only (SQLite has no archive).
"""

from __future__ import annotations

from datetime import UTC

from alembic import op
from sqlalchemy import text

revision = "h0019"
down_revision = "h0017"
branch_labels = None
depends_on = None

_SCHEMA = "events_archive"
_COLUMNS = (
    "hub_seq, id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload, txid"
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    names = [
        str(n)
        for n in bind.scalars(
            text(
                "SELECT table_name FROM events_archived"
                " WHERE to_regclass(:schema || '.' || table_name) IS NOT NULL ORDER BY month"
            ),
            {"schema": _SCHEMA},
        )
    ]
    for name in names:
        lo, hi = bind.execute(
            text(f"SELECT min(occurred_at), max(occurred_at) FROM {_SCHEMA}.{name}")
        ).one()
        if lo is None:
            check = "false"
        else:
            check = (
                f"occurred_at >= '{lo.astimezone(UTC).isoformat()}'"
                f" AND occurred_at <= '{hi.astimezone(UTC).isoformat()}'"
            )
        op.execute(f"ALTER TABLE {_SCHEMA}.{name} ADD CONSTRAINT {name}_span CHECK ({check})")
    parts = [f"SELECT {_COLUMNS} FROM public.events"]
    parts += [f"SELECT {_COLUMNS} FROM {_SCHEMA}.{name}" for name in names]
    op.execute("CREATE VIEW events_log AS " + " UNION ALL ".join(parts))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP VIEW IF EXISTS events_log")
