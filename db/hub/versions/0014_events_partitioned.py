"""hub: the events table partitioned by month on PostgreSQL; event keys; archived months (#15)

Revision ID: h0014
Revises: h0013
Create Date: 2026-12-06

PostgreSQL only (on SQLite `events` stays one plain table and this revision does nothing):
`events` becomes PARTITIONED BY RANGE (received_at), one partition a month (`events_YYYY_MM`)
and a DEFAULT partition so an insert never fails. received_at is the hub's clock when the event
arrived: set once, never updated, and in step with hub_seq and txid, so a month is a run of the
pull's order and what retention would cut (an old occurred_at, a kiosk's wrong clock, would
scatter a late event into a long-closed month).

A unique constraint on a partitioned table must hold the partition key, so the dedup by event
id and by (kiosk_id, seq) moves to `event_keys`, a plain table every writer fills in the same
statement or transaction as the event (repository.py); its `received_at` names the event's
partition, so a lookup by id probes one partition instead of every month's.
`events_archived` records the months `kiosk-hub archive-events` detached into the
`events_archive` schema.

Existing rows move with their hub_seq and txid; the hub_seq sequence keeps its next value. The
copy takes as long as an INSERT … SELECT of the table (docs/hub.md gives the figure).
"""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import op
from sqlalchemy import text

revision = "h0014"
down_revision = "h0013"
branch_labels = None
depends_on = None

_COLUMNS = (
    "hub_seq, id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload, txid"
)
_MONTHS_AHEAD = 3


def _month_index(moment: datetime) -> int:
    moment = moment.astimezone(UTC)
    return moment.year * 12 + moment.month - 1


def _month_start(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}-01T00:00:00+00:00"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE event_keys (id varchar(36) NOT NULL, kiosk_id varchar(64) NOT NULL,"
        " seq bigint NOT NULL, received_at timestamptz NOT NULL,"
        " CONSTRAINT pk_event_keys PRIMARY KEY (id),"
        " CONSTRAINT uq_event_keys_kiosk_id_seq UNIQUE (kiosk_id, seq))"
    )
    op.execute(
        "INSERT INTO event_keys (id, kiosk_id, seq, received_at)"
        " SELECT id, kiosk_id, seq, received_at FROM events"
    )
    op.execute(
        "CREATE TABLE events_archived (month varchar(7) NOT NULL, table_name varchar(63) NOT NULL,"
        " rows bigint NOT NULL, archived_at timestamptz NOT NULL,"
        " CONSTRAINT pk_events_archived PRIMARY KEY (month))"
    )
    op.execute("CREATE SCHEMA IF NOT EXISTS events_archive")
    # The old table goes; its hub_seq sequence stays (with its next value) for the new one.
    op.execute("ALTER SEQUENCE events_hub_seq_seq OWNED BY NONE")
    op.execute("ALTER TABLE events RENAME TO events_h0013")
    for name in ("ix_events_station_feed", "ix_events_kind_station"):
        op.execute(f"DROP INDEX {name}")
    for name in ("pk_events", "uq_events_id", "uq_events_kiosk_id_seq"):
        op.execute(f"ALTER TABLE events_h0013 DROP CONSTRAINT {name}")
    op.execute(
        "CREATE TABLE events (hub_seq bigint NOT NULL DEFAULT nextval('events_hub_seq_seq'),"
        " id varchar(36) NOT NULL, station_id varchar(64) NOT NULL,"
        " kiosk_id varchar(64) NOT NULL, seq bigint NOT NULL, kind varchar(64) NOT NULL,"
        " occurred_at timestamptz NOT NULL, received_at timestamptz NOT NULL,"
        " actor varchar(64), payload json NOT NULL, txid xid8 DEFAULT pg_current_xact_id(),"
        " CONSTRAINT pk_events PRIMARY KEY (hub_seq, received_at))"
        " PARTITION BY RANGE (received_at)"
    )
    op.execute("CREATE TABLE events_default PARTITION OF events DEFAULT")
    first, last = bind.execute(
        text("SELECT min(received_at), max(received_at) FROM events_h0013")
    ).one()
    now = _month_index(datetime.now(UTC))
    lo = now if first is None else min(_month_index(first), now)
    hi = max(now, now if last is None else _month_index(last)) + _MONTHS_AHEAD
    for index in range(lo, hi + 1):
        name = f"events_{index // 12:04d}_{index % 12 + 1:02d}"
        op.execute(
            f"CREATE TABLE {name} PARTITION OF events"
            f" FOR VALUES FROM ('{_month_start(index)}') TO ('{_month_start(index + 1)}')"
        )
    op.execute(f"INSERT INTO events ({_COLUMNS}) SELECT {_COLUMNS} FROM events_h0013")
    op.execute("DROP TABLE events_h0013")
    op.execute("ALTER SEQUENCE events_hub_seq_seq OWNED BY events.hub_seq")
    # Partitioned indexes: each partition gets its own, made for it when it is attached.
    op.execute("CREATE INDEX ix_events_station_feed ON events (station_id, txid, hub_seq)")
    op.execute("CREATE INDEX ix_events_kind_station ON events (kind, station_id, occurred_at)")
    op.execute("CREATE INDEX ix_events_id ON events (id)")
    op.execute("ANALYZE events")


def downgrade() -> None:
    """Back to one plain table holding every attached month (archived months stay where they
    are, in the events_archive schema, and are not put back)."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("ALTER SEQUENCE events_hub_seq_seq OWNED BY NONE")
    op.execute("ALTER TABLE events RENAME TO events_h0014")
    for name in (
        "ix_events_station_feed",
        "ix_events_kind_station",
        "ix_events_id",
    ):
        op.execute(f"DROP INDEX {name}")
    op.execute("ALTER TABLE events_h0014 DROP CONSTRAINT pk_events")
    op.execute(
        "CREATE TABLE events (hub_seq bigint NOT NULL DEFAULT nextval('events_hub_seq_seq'),"
        " id varchar(36) NOT NULL, station_id varchar(64) NOT NULL,"
        " kiosk_id varchar(64) NOT NULL, seq bigint NOT NULL, kind varchar(64) NOT NULL,"
        " occurred_at timestamptz NOT NULL, received_at timestamptz NOT NULL,"
        " actor varchar(64), payload json NOT NULL, txid xid8 DEFAULT pg_current_xact_id(),"
        " CONSTRAINT pk_events PRIMARY KEY (hub_seq), CONSTRAINT uq_events_id UNIQUE (id),"
        " CONSTRAINT uq_events_kiosk_id_seq UNIQUE (kiosk_id, seq))"
    )
    op.execute(f"INSERT INTO events ({_COLUMNS}) SELECT {_COLUMNS} FROM events_h0014")
    op.execute("DROP TABLE events_h0014")  # and its partitions
    op.execute("ALTER SEQUENCE events_hub_seq_seq OWNED BY events.hub_seq")
    op.execute("CREATE INDEX ix_events_station_feed ON events (station_id, txid, hub_seq)")
    op.execute("CREATE INDEX ix_events_kind_station ON events (kind, station_id, occurred_at)")
    op.execute("DROP TABLE events_archived")
    op.execute("DROP TABLE event_keys")
