"""The events table's monthly partitions on PostgreSQL, and the archive of old months.

Migration h0014 makes `events` a table partitioned by RANGE (received_at), one partition a month
(`events_YYYY_MM`) and a DEFAULT partition so an insert never fails. The hub makes the coming
months' partitions at start and every hour (`ensure_ahead`); a month whose rows already sit in
the default partition (a hub stopped for months) has them moved into its new partition in the
same transaction. `archive_older_than` detaches whole old months into the `events_archive`
schema (never drops them) and records each in `events_archived`, so a rebuild of the read models
can still read them and refuses when one has gone (docs/hub.md, "The events table on
PostgreSQL"). Every reader of old events reads the view `events_log` (h0019): `events` and each
archived month still there, one relation, so archiving changes nothing any page shows. On SQLite
`events` is one plain table and every function here does nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, Connection, Engine, MetaData, Table, bindparam, text, update

from kiosk.platform.hub.models import HubEvent

log = logging.getLogger(__name__)

MONTHS_AHEAD = 3  # partitions made beyond this month's: three months of a stopped loop
ARCHIVE_SCHEMA = "events_archive"
DEFAULT_PARTITION = "events_default"
LOG_VIEW = "events_log"  # events and the archived months (make_log_view)
_NAME = re.compile(r"^events_(\d{4})_(\d{2})$")
# One partition maker at a time across the hub's workers (a transaction-level advisory lock).
_LOCK = text("SELECT pg_advisory_xact_lock(hashtext('kiosk-hub events partitions'))")


def month_of(moment: datetime | date) -> date:
    """The first day of `moment`'s month (UTC: received_at is the hub's UTC clock)."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(UTC).date()
    return moment.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def partition_name(month: date) -> str:
    return f"events_{month.year:04d}_{month.month:02d}"


def _bounds(month: date) -> dict[str, datetime]:
    lo = datetime(month.year, month.month, 1, tzinfo=UTC)
    nxt = add_months(month, 1)
    return {"lo": lo, "hi": datetime(nxt.year, nxt.month, 1, tzinfo=UTC)}


def attached(connection: Connection) -> list[str]:
    """The names of the partitions attached to `events` (monthly and default), sorted."""
    rows = connection.execute(
        text(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = 'public.events'::regclass ORDER BY c.relname"
        )
    )
    return [str(r[0]) for r in rows]


def _make_month(connection: Connection, month: date) -> bool:
    """Make `month`'s partition if missing (caller holds the lock); False if it was there."""
    name = partition_name(month)
    if connection.scalar(text("SELECT to_regclass(:n)"), {"n": f"public.{name}"}) is not None:
        return False
    bounds = _bounds(month)
    # A standalone table first, filled with whatever the default partition holds of the month,
    # then attached: creating the partition directly would fail on those rows.
    connection.execute(text(f"CREATE TABLE {name} (LIKE events INCLUDING DEFAULTS)"))
    moved = connection.execute(
        text(
            f"WITH moved AS (DELETE FROM {DEFAULT_PARTITION}"
            " WHERE received_at >= :lo AND received_at < :hi RETURNING *)"
            f" INSERT INTO {name} SELECT * FROM moved"
        ),
        bounds,
    ).rowcount
    lo, hi = (bounds[k].isoformat() for k in ("lo", "hi"))
    connection.execute(
        text(f"ALTER TABLE events ATTACH PARTITION {name} FOR VALUES FROM ('{lo}') TO ('{hi}')")
    )
    if moved:
        log.warning("events: moved %d rows of %s out of the default partition", moved, name)
    return True


def ensure_ahead(engine: Engine, now: datetime, ahead: int = MONTHS_AHEAD) -> list[str]:
    """Make this month's partition and the next `ahead` months' where missing, each in its own
    transaction; returns the names made (none on SQLite)."""
    if engine.dialect.name != "postgresql":
        return []
    made = []
    for i in range(ahead + 1):
        month = add_months(month_of(now), i)
        with engine.begin() as connection:
            connection.execute(_LOCK)
            if _make_month(connection, month):
                made.append(partition_name(month))
    return made


@dataclass(frozen=True)
class Archived:
    """A month detached into the archive schema."""

    month: date
    table: str  # schema-qualified
    rows: int


def archive_older_than(engine: Engine, now: datetime, keep_months: int) -> list[Archived]:
    """Detach every monthly partition that ended more than `keep_months` whole months before
    this month into the archive schema (never dropped here), recording each in
    `events_archived`; returns what was detached (nothing on SQLite).

    With keep_months = 12 in March 2027, February 2026 and older go: the log keeps this month
    and the twelve before it. The default partition is never archived.
    """
    if engine.dialect.name != "postgresql" or keep_months < 1:
        return []
    cutoff = add_months(month_of(now), -keep_months)
    done = []
    with engine.connect() as connection:
        names = attached(connection)
    for name in names:
        found = _NAME.match(name)
        if found is None:
            continue
        month = date(int(found[1]), int(found[2]), 1)
        if month >= cutoff:
            continue
        with engine.begin() as connection:
            connection.execute(_LOCK)
            if name not in attached(connection):  # another worker's upkeep was first
                continue
            rows = int(connection.scalar(text(f"SELECT count(*) FROM {name}")) or 0)
            connection.execute(text(f"ALTER TABLE events DETACH PARTITION {name}"))
            connection.execute(text(f"ALTER TABLE {name} SET SCHEMA {ARCHIVE_SCHEMA}"))
            _bound(connection, name)
            connection.execute(
                text(
                    "INSERT INTO events_archived (month, table_name, rows, archived_at)"
                    " VALUES (:month, :table, :rows, :at)"
                ),
                {"month": month.isoformat()[:7], "table": name, "rows": rows, "at": now},
            )
            make_log_view(connection)
        log.info("events: archived %s (%d rows) into %s", name, rows, ARCHIVE_SCHEMA)
        done.append(Archived(month, f"{ARCHIVE_SCHEMA}.{name}", rows))
    return done


@dataclass(frozen=True)
class ArchiveState:
    """The archived months a reader of the whole log must add, and those no longer there."""

    present: list[Table]
    missing: list[str]  # months ("YYYY-MM") recorded as archived whose table has gone


def archive_state(connection: Connection) -> ArchiveState:
    """The archived months' tables (as Tables shaped like `events`) and the months missing."""
    if connection.dialect.name != "postgresql":
        return ArchiveState([], [])
    rows = connection.execute(
        text(
            "SELECT a.month, a.table_name, to_regclass(:schema || '.' || a.table_name) IS NOT NULL"
            " FROM events_archived a ORDER BY a.month"
        ),
        {"schema": ARCHIVE_SCHEMA},
    ).all()
    present = [archived_table(str(name)) for _month, name, there in rows if there]
    return ArchiveState(present, [str(month) for month, _name, there in rows if not there])


def archived_table(name: str) -> Table:
    """An archived month's table, with the events table's columns, to select from."""
    columns = [Column(c.name, c.type, key=c.key) for c in HubEvent.__table__.columns]
    return Table(name, MetaData(), *columns, schema=ARCHIVE_SCHEMA)


def _bound(connection: Connection, name: str) -> None:
    """Note on an archived month's table the span of its events' `occurred_at` (a CHECK), so
    a reader of `events_log` with a later window never scans it: the planner leaves it out
    (constraint exclusion of a UNION ALL member). The span is the rows' own, not the month's:
    a kiosk's clock may be far off the hub's. An empty month's check is false: always left out.
    """
    span = connection.execute(
        text(f"SELECT min(occurred_at), max(occurred_at) FROM {ARCHIVE_SCHEMA}.{name}")
    ).one()
    if span[0] is None:
        check = "false"
    else:
        lo, hi = (moment.astimezone(UTC).isoformat() for moment in span)
        check = f"occurred_at >= '{lo}' AND occurred_at <= '{hi}'"
    connection.execute(
        text(f"ALTER TABLE {ARCHIVE_SCHEMA}.{name} ADD CONSTRAINT {name}_span CHECK ({check})")
    )


def make_log_view(connection: Connection) -> None:
    """(Re)make `events_log`: `events` and every archived month whose table is still there,
    as one relation (UNION ALL). With no month archived it is `events` itself: the planner
    reads through the view, so a hub that never archives pays nothing for it."""
    if connection.dialect.name != "postgresql":
        return
    columns = ", ".join(c.name for c in HubEvent.__table__.columns)
    names = connection.scalars(
        text(
            "SELECT table_name FROM events_archived"
            " WHERE to_regclass(:schema || '.' || table_name) IS NOT NULL ORDER BY month"
        ),
        {"schema": ARCHIVE_SCHEMA},
    ).all()
    parts = [f"SELECT {columns} FROM public.events"]
    parts += [f"SELECT {columns} FROM {ARCHIVE_SCHEMA}.{name}" for name in names]
    connection.execute(text(f"CREATE OR REPLACE VIEW {LOG_VIEW} AS " + " UNION ALL ".join(parts)))


def drop_archived(engine: Engine, month: str) -> str | None:
    """Drop an archived month's table ("YYYY-MM") and remake `events_log` without it, in one
    transaction: the operator's step once the month is kept elsewhere. Its record stays, so a
    rebuild of the read models still refuses to run without being told (`archive_state`).
    Returns the table dropped, None if that month is not in the archive."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.begin() as connection:
        connection.execute(_LOCK)
        name = connection.scalar(
            text(
                "SELECT table_name FROM events_archived WHERE month = :month"
                " AND to_regclass(:schema || '.' || table_name) IS NOT NULL"
            ),
            {"month": month, "schema": ARCHIVE_SCHEMA},
        )
        if name is None:
            return None
        connection.execute(text(f"DROP TABLE {ARCHIVE_SCHEMA}.{name} CASCADE"))  # the view too
        make_log_view(connection)
    log.warning("events: dropped the archived month %s (%s)", month, name)
    return f"{ARCHIVE_SCHEMA}.{name}"


def ensure_log_view(engine: Engine) -> bool:
    """Make `events_log` again if it has gone (an archived month dropped with CASCADE takes
    the view with it); True if it was made. At start and in the hourly upkeep."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.begin() as connection:
        connection.execute(_LOCK)
        if connection.scalar(text("SELECT to_regclass(:n)"), {"n": LOG_VIEW}) is not None:
            return False
        make_log_view(connection)
    log.warning("events: %s was missing and was made again", LOG_VIEW)
    return True


def log_table() -> Table:
    """`events_log` (PostgreSQL), with the events table's columns, to select from."""
    columns = [Column(c.name, c.type, key=c.key) for c in HubEvent.__table__.columns]
    return Table(LOG_VIEW, MetaData(), *columns)


def rewrite_payloads(connection: Connection, rewrites: list[tuple[str, datetime, Any]]) -> None:
    """Give events (id, received_at) new payloads wherever they are: in `events` or in an
    archived month (an erasure's scrub; the only rewrite of a stored event)."""
    if not rewrites:
        return
    rows = [{"i": i, "r": r, "p": p} for i, r, p in rewrites]
    for table in log_tables(connection):
        c = table.c
        stmt = (
            update(table)
            .where(c.id == bindparam("i"), c.received_at == bindparam("r"))
            .values(payload=bindparam("p", type_=c.payload.type))
        )
        connection.execute(stmt, rows)


def log_tables(connection: Connection) -> list[Table]:
    """The tables that hold the log's rows, to write to (an erasure's rewrite): `events`, and
    on PostgreSQL each archived month still there."""
    return [HubEvent.__table__, *archive_state(connection).present]  # type: ignore[list-item]
