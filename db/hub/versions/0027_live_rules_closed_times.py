"""hub: when each loan was returned and each charging session closed (live pass, #15)

Revision ID: h0027
Revises: h0026
Create Date: 2026-12-07

`lending_loans.returned_at` (the loan's first return in the agreed order) and
`charging_sessions.closed_at` (the session's first collection), each with an index led by the
station, so a new kiosk's live pass leaves out the loans returned and the sessions closed
before its window by one station's rows (`LIVE_LOANS`, `LIVE_CHARGING`; docs/hub.md "A new
kiosk's first pull"). Both are what the folds say: the first in the agreed order is the
earliest `occurred_at` (the order is by time first), so the rows already held are filled from
the events they keep, with no rebuild and nothing read from the log. The tables' first fill,
which h0018 made with the folds of its day, is made here when they are empty (a hub upgraded
from before h0018): today's folds write these columns.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "h0027"
down_revision = "h0026"
branch_labels = None
depends_on = None

_BATCH = 5_000
# (table, key, new column, the statuses it is set for, the kind whose earliest time it is)
_CLOSED = (
    ("lending_loans", "loan_id", "returned_at", ("returned",), "lending.returned"),
    ("charging_sessions", "session_id", "closed_at", ("collected", "closed"), "charging.collected"),
)


def upgrade() -> None:
    with op.batch_alter_table("lending_loans") as batch:
        batch.add_column(sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("charging_sessions") as batch:
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_lending_loans_station_returned", "lending_loans", ["station_id", "returned_at"]
    )
    op.create_index(
        "ix_charging_sessions_station_closed", "charging_sessions", ["station_id", "closed_at"]
    )
    bind = op.get_bind()
    if _empty(bind, ("lending_loans", "lending_stock", "charging_sessions")):
        _first_fill(bind)
        return
    for table, key, column, statuses, kind in _CLOSED:
        _fill_from_rows(bind, table, key, column, statuses, kind)


def _empty(bind: sa.Connection, tables: tuple[str, ...]) -> bool:
    return all(
        bind.execute(sa.text(f"SELECT count(*) FROM (SELECT 1 FROM {t} LIMIT 1) AS x")).scalar()
        == 0
        for t in tables
    )


def _first_fill(bind: sa.Connection) -> None:
    """The tables from the events by the read models' own folds, as h0018 did (today's code:
    a later change to these tables must keep this fill working or move READ_MODELS_REVISION)."""
    from kiosk.features.charging.hub import CHARGING_SESSIONS
    from kiosk.features.lending.hub import LENDING_LOANS
    from kiosk.platform.hub.read_models import fill

    fill(bind, (LENDING_LOANS, CHARGING_SESSIONS))


def _fill_from_rows(
    bind: sa.Connection,
    table: str,
    key: str,
    column: str,
    statuses: tuple[str, ...],
    kind: str,
) -> None:
    """`column` of every closed row: the earliest time among its kept events of `kind`
    (a kept event is [id, kind, kiosk, seq, occurred_at, actor, payload])."""
    postgres = bind.dialect.name == "postgresql"
    rows = sa.table(
        table,
        sa.column("station_id", sa.String),
        sa.column(key, sa.String),
        sa.column("status", sa.String),
        sa.column("events", sa.JSON),
        sa.column(column, sa.DateTime(timezone=True)),
    )
    after = ("", "")
    while True:
        found = bind.execute(
            sa.select(rows.c.station_id, rows.c[key], rows.c.events)
            .where(
                rows.c.status.in_(statuses),
                sa.tuple_(rows.c.station_id, rows.c[key]) > sa.tuple_(*after),
            )
            .order_by(rows.c.station_id, rows.c[key])
            .limit(_BATCH)
        ).all()
        if not found:
            return
        updates: list[dict[str, Any]] = []
        for station, aggregate, kept in found:
            events = json.loads(kept) if isinstance(kept, str) else kept
            times = [datetime.fromisoformat(e[4]) for e in events if e[1] == kind]
            if times:
                at = min(times).astimezone(UTC)
                stored = at if postgres else at.replace(tzinfo=None)  # as UTCDateTime keeps it
                updates.append({"s": station, "a": aggregate, "at": stored})
        if updates:
            bind.execute(
                sa.update(rows)
                .where(rows.c.station_id == sa.bindparam("s"), rows.c[key] == sa.bindparam("a"))
                .values({column: sa.bindparam("at")}),
                updates,
            )
        after = (str(found[-1][0]), str(found[-1][1]))


def downgrade() -> None:
    op.drop_index("ix_charging_sessions_station_closed", table_name="charging_sessions")
    op.drop_index("ix_lending_loans_station_returned", table_name="lending_loans")
    with op.batch_alter_table("charging_sessions") as batch:
        batch.drop_column("closed_at")
    with op.batch_alter_table("lending_loans") as batch:
        batch.drop_column("returned_at")
