"""Read models of one row per aggregate (a loan, a charging session), refolded in the push
transaction from the aggregate's few events kept in its row, with the kiosks' own fold.

A loan's borrow and return (a session's start and collection) arrive in different pushes,
often from two kiosks, and the folds decide by the agreed order of all of an aggregate's
events, not by adding the new ones to a total: so the row keeps its events (agreed order,
without what the page must not hold, e.g. a borrower's phone), and each push that brings more
refolds the whole aggregate. Concurrent pushes of one aggregate are serialised by its row:
every touched row is first made (`ON CONFLICT DO NOTHING`: a push making the same row waits
for the other's commit), then read `FOR UPDATE` in one order (PostgreSQL; SQLite writes one at
a time anyway), refolded and written back: on PostgreSQL each step one statement over one JSON
parameter, as the push itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    SQLColumnExpression,
    String,
    Table,
    and_,
    any_,
    bindparam,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.core.events import Event
from kiosk.core.order import agreed_order

# (station, aggregate id, its events in the agreed order) -> the row's other columns
FoldRow = Callable[[str, str, list[Event]], dict[str, Any]]


def among(
    connection: Connection, column: SQLColumnExpression[Any], values: list[str]
) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL `= ANY` of one array parameter (a province's 2,000
    stations as 2,000 parameters cost ~10-20 ms a query to send and parse)."""
    if connection.dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(String)))
    return column.in_(values)


def compact(event: Event, drop: frozenset[str]) -> list[Any]:
    """An event as kept in its aggregate's row (its station is the row's): the payload
    without the fields in `drop`."""
    payload = {k: v for k, v in event.payload.items() if k not in drop}
    at = event.occurred_at.isoformat()
    return [event.id, event.kind, event.kiosk_id, event.seq, at, event.actor, payload]


def expand(station: str, kept: list[Any]) -> Event:
    """A kept event back as the domain's Event."""
    id_, kind, kiosk, seq, at, actor, payload = kept
    return Event(id_, kind, station, kiosk, seq, datetime.fromisoformat(at), actor, payload)


def refold(
    connection: Connection,
    table: Table,
    key: str,
    events: Iterable[tuple[str, Event]],
    fold: FoldRow,
    drop: frozenset[str] = frozenset(),
    empty: dict[str, Any] | None = None,
) -> None:
    """Fold each aggregate's new events (aggregate id, event) with the events its row keeps:
    the row's columns become `fold(station, id, all its events)` and its events all of them.
    `empty` gives the columns of a row just made (before its fold), `drop` the payload fields
    not kept."""
    new: dict[tuple[str, str], list[Event]] = {}
    for aggregate, event in events:
        new.setdefault((event.station_id, aggregate), []).append(event)
    if not new:
        return
    keys = sorted(new)  # one lock order for every push
    postgres = connection.dialect.name == "postgresql"
    held = (_pg_held if postgres else _held)(connection, table, key, keys, empty or {})
    rows = []
    for station, aggregate in keys:
        mine = {e.id: e for e in (expand(station, k) for k in held.get((station, aggregate), []))}
        for event in new[(station, aggregate)]:
            mine.setdefault(event.id, event)
        ordered = agreed_order(mine.values())
        values = {
            **fold(station, aggregate, ordered),
            "events": [compact(e, drop) for e in ordered],
        }
        rows.append({"station_id": station, key: aggregate, **values})
    (_pg_write if postgres else _write)(connection, table, key, rows)


def _held(
    connection: Connection,
    table: Table,
    key: str,
    keys: list[tuple[str, str]],
    empty: dict[str, Any],
) -> dict[tuple[str, str], list[Any]]:
    """Make the rows not there yet, then read every row's events, locked (SQLite: writes are
    one at a time anyway)."""
    c = table.c
    connection.execute(
        sqlite_insert(table).on_conflict_do_nothing(index_elements=["station_id", key]),
        [{**empty, "station_id": s, key: a, "events": []} for s, a in keys],
    )
    query = select(c.station_id, c[key], c.events).where(tuple_(c.station_id, c[key]).in_(keys))
    return {(s, a): kept for s, a, kept in connection.execute(query)}


def _write(connection: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    c = table.c
    columns = [k for k in rows[0] if k not in ("station_id", key)]
    connection.execute(
        update(table)
        .where(and_(c.station_id == bindparam("b_station"), c[key] == bindparam("b_key")))
        .values({k: bindparam(f"v_{k}", type_=c[k].type) for k in columns}),
        [
            {"b_station": r["station_id"], "b_key": r[key], **{f"v_{k}": r[k] for k in columns}}
            for r in rows
        ],
    )


def _pg_held(
    connection: Connection,
    table: Table,
    key: str,
    keys: list[tuple[str, str]],
    empty: dict[str, Any],
) -> dict[tuple[str, str], list[Any]]:
    """PostgreSQL, one statement each over one JSON parameter (an executemany of 250 rows
    took ~20 ms): make the rows not there yet (a row another push is making is waited for),
    then read the others' events `FOR UPDATE`, in key order. A row just made is new (no
    events) and already locked by this transaction."""
    name = table.name
    made = connection.execute(
        text(
            f"INSERT INTO {name} (station_id, {key}, events)"
            " SELECT x->>0, x->>1, CAST('[]' AS json)"
            " FROM json_array_elements(CAST(:keys AS json)) AS x"
            f" ON CONFLICT (station_id, {key}) DO NOTHING RETURNING station_id, {key}"
        ),
        {"keys": json.dumps(keys)},
    ).all()
    fresh = {(s, a) for s, a in made}
    there = [k for k in keys if k not in fresh]
    if not there:
        return {}
    found = connection.execute(
        text(
            f"SELECT t.station_id, t.{key}, t.events FROM {name} AS t"
            " JOIN json_array_elements(CAST(:keys AS json)) AS x"
            f" ON t.station_id = x->>0 AND t.{key} = x->>1"
            f" ORDER BY t.station_id, t.{key} FOR UPDATE OF t"
        ),
        {"keys": json.dumps(there)},
    )
    return {(s, a): kept for s, a, kept in found}


def _pg_write(connection: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL: every row's new columns in one UPDATE over one JSON parameter."""
    columns = [k for k in rows[0] if k not in ("station_id", key)]
    types = {k: table.c[k].type.compile(dialect=connection.dialect) for k in columns}
    record = ", ".join(["station_id text", f"{key} text", *(f"{k} {types[k]}" for k in columns)])
    connection.execute(
        text(
            f"UPDATE {table.name} AS t SET "
            + ", ".join(f"{k} = x.{k}" for k in columns)
            + f" FROM json_to_recordset(CAST(:rows AS json)) AS x({record})"
            f" WHERE t.station_id = x.station_id AND t.{key} = x.{key}"
        ),
        {"rows": json.dumps(rows, default=_json_value)},
    )


def _json_value(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")
