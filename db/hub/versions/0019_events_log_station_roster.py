"""hub: `events_log` (the event log with its archived months); `station_roster` (#15)

Revision ID: h0019
Revises: h0018
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

`station_roster`: one row a station's volunteer with the events of theirs the hub's roster
views fold (kiosk.features.volunteers.hub_roster), in the agreed order, and the number their
latest registration gives. Filled here from the log (archived months included), exactly as the
fold writes it, so no rebuild of the read models is needed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "h0019"
down_revision = "h0018"
branch_labels = None
depends_on = None

_SCHEMA = "events_archive"
_COLUMNS = (
    "hub_seq, id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload, txid"
)


_LEADER = "tl-"
_KINDS = ("badge.issued", "badge.revoked", "admin.account_set")


def upgrade() -> None:
    roster = op.create_table(
        "station_roster",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("volunteer_id", sa.String(64), nullable=False),
        sa.Column("number", sa.String(64), nullable=True),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "volunteer_id", name="pk_station_roster"),
    )
    op.create_index("ix_station_roster_number", "station_roster", ["station_id", "number"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _log_view(bind)
    op.bulk_insert(roster, _roster_rows(bind))


def _volunteer_of(kind: str, payload: dict[str, Any]) -> str | None:
    """As hub_roster.volunteer_of."""
    if kind == "admin.account_set":
        account = str(payload.get("account_id") or "")
        return account.removeprefix(_LEADER) if account.startswith(_LEADER) else None
    found = payload.get("volunteer_id")
    return str(found) if found else None


def _roster_rows(bind: sa.Connection) -> list[dict[str, Any]]:
    """The rows hub_roster.fold_roster makes of every stored event of its kinds."""
    log = sa.table(
        "events_log" if bind.dialect.name == "postgresql" else "events",
        sa.column("hub_seq", sa.BigInteger()),
        sa.column("id", sa.String()),
        sa.column("kind", sa.String()),
        sa.column("station_id", sa.String()),
        sa.column("kiosk_id", sa.String()),
        sa.column("seq", sa.BigInteger()),
        sa.column("occurred_at", sa.DateTime(timezone=True)),
        sa.column("actor", sa.String()),
        sa.column("payload", sa.JSON()),
    )
    c = log.c
    rows = bind.execute(
        sa.select(c.id, c.kind, c.station_id, c.kiosk_id, c.seq, c.occurred_at, c.actor)
        .add_columns(c.payload)
        .where(sa.or_(c.kind.like("volunteer.%"), c.kind.in_(_KINDS)))
        .order_by(c.hub_seq)
    )
    found: dict[tuple[str, str], dict[str, tuple[datetime, dict[str, Any]]]] = {}
    for row in rows:
        payload = dict(row.payload)
        volunteer = _volunteer_of(row.kind, payload)
        if volunteer is None:
            continue
        at = row.occurred_at
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
        event = {
            "id": row.id,
            "kind": row.kind,
            "station_id": row.station_id,
            "kiosk_id": row.kiosk_id,
            "seq": int(row.seq),
            "occurred_at": at.isoformat(),
            "actor": row.actor,
            "payload": payload,
        }
        found.setdefault((row.station_id, volunteer), {}).setdefault(row.id, (at, event))
    out = []
    for (station_id, volunteer_id), events in sorted(found.items()):
        ordered = [
            e
            for _, e in sorted(events.values(), key=lambda p: (p[0], p[1]["kiosk_id"], p[1]["seq"]))
        ]
        registered = [e for e in ordered if e["kind"] == "volunteer.registered"]
        number = str(registered[-1]["payload"]["number"]) if registered else None
        out.append(
            {
                "station_id": station_id,
                "volunteer_id": volunteer_id,
                "number": number,
                "events": ordered,
            }
        )
    return out


def _log_view(bind: sa.Connection) -> None:
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
    op.drop_index("ix_station_roster_number", "station_roster")
    op.drop_table("station_roster")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP VIEW IF EXISTS events_log")
