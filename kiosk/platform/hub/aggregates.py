"""Read models of one row per aggregate (a loan, a charging session), refolded in the push
transaction from the aggregate's few events kept in its row, with the kiosks' own fold.

A loan's borrow and return (a session's start and collection) arrive in different pushes,
often from two kiosks, and the folds decide by the agreed order of all of an aggregate's
events, not by adding the new ones to a total: so the row keeps its events (agreed order,
without what the page must not hold, e.g. a borrower's phone), and each push that brings more
refolds the whole aggregate. The pure half (`prepare`: each aggregate folded as if new, its
JSON) is made before the database is touched, on the push path in a thread while the push
statement runs; `write` then writes every row as if new in one statement (`ON CONFLICT DO
NOTHING`, in key order: a push making the same row waits for the other's commit) that first
locks and reads the rows already there (`FOR UPDATE`, in key order: no deadlock between two
pushes); only those are refolded with the events they keep and written back.
On PostgreSQL each step is one statement over one JSON parameter, as the push itself; SQLite
writes one at a time anyway.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic_core import to_json
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
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

from kiosk.core.events import Event
from kiosk.core.order import agreed_order
from kiosk.platform.hub.models import Base
from kiosk.platform.hub.read_models import ReadContext, ReadModel

# (station, aggregate id, its events in the agreed order) -> the row's other columns
FoldRow = Callable[[str, str, list[Event]], dict[str, Any]]
# an event -> the id of its aggregate (a loan, a session, a training record)
AggregateOf = Callable[[Event], str]


def among(
    connection: Connection | Engine, column: SQLColumnExpression[Any], values: list[str]
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


@dataclass(frozen=True)
class Batch:
    """A push's events of one aggregate read model by aggregate, and each aggregate's row as
    if it were new (folded from this push's events alone): the pure half of the fold, which
    the push path makes in a thread while its statement runs (`ReadModel.prepare`)."""

    new: dict[tuple[str, str], list[Event]]  # (station, aggregate) -> its events, agreed order
    keys: list[tuple[str, str]]  # sorted: one lock order for every push
    rows: list[dict[str, Any]]  # as new, in key order
    as_new: str  # the same rows as JSON (PostgreSQL's one statement)


def prepare(
    events: Iterable[tuple[str, Event]], fold: FoldRow, key: str, drop: frozenset[str]
) -> Batch:
    """Group (aggregate id, event) by aggregate and fold each as if new: no database."""
    new: dict[tuple[str, str], dict[str, Event]] = {}
    for aggregate, event in events:
        new.setdefault((event.station_id, aggregate), {}).setdefault(event.id, event)
    keys = sorted(new)
    ordered = {k: agreed_order(new[k].values()) for k in keys}
    rows = [_row(k, key, ordered[k], fold, drop) for k in keys]
    return Batch(ordered, keys, rows, to_json(rows).decode())


def _row(
    at: tuple[str, str], key: str, events: list[Event], fold: FoldRow, drop: frozenset[str]
) -> dict[str, Any]:
    station, aggregate = at
    return {
        "station_id": station,
        key: aggregate,
        **fold(station, aggregate, events),
        "events": [compact(e, drop) for e in events],
    }


def write(
    connection: Connection,
    table: Table,
    key: str,
    batch: Batch,
    fold: FoldRow,
    drop: frozenset[str] = frozenset(),
) -> None:
    """Write a prepared batch: every aggregate not held yet as folded (on PostgreSQL all of
    them in one statement, `ON CONFLICT DO NOTHING`, which first locks and reads the rows
    already there); only the aggregates already held are refolded with the events their rows
    keep and written back."""
    if not batch.keys:
        return
    if connection.dialect.name == "postgresql":
        _pg_write_batch(connection, table, key, batch, fold, drop)
        return
    # SQLite, one writer: read what is held, insert the others as folded, refold the held
    held = _held(connection, table, key, batch.keys)
    fresh = [r for r, k in zip(batch.rows, batch.keys, strict=True) if k not in held]
    if fresh:
        connection.execute(table.insert(), fresh)
    rows = _refolded(batch, key, held, fold, drop)
    if rows:
        _write(connection, table, key, rows)


def _refolded(
    batch: Batch,
    key: str,
    held: dict[tuple[str, str], list[Any]],
    fold: FoldRow,
    drop: frozenset[str],
) -> list[dict[str, Any]]:
    """The rows of the aggregates `held` (their kept events): each refolded with the batch's."""
    rows = []
    for at, kept in sorted(held.items()):
        mine = {e.id: e for e in (expand(at[0], k) for k in kept)}
        for event in batch.new[at]:
            mine.setdefault(event.id, event)
        rows.append(_row(at, key, agreed_order(mine.values()), fold, drop))
    return rows


def _pg_write_batch(
    connection: Connection,
    table: Table,
    key: str,
    batch: Batch,
    fold: FoldRow,
    drop: frozenset[str],
) -> None:
    """PostgreSQL: (1) the rows already there locked in key order and read, and every other
    row written as if new, in one statement: a batch of new aggregates is that statement
    alone; (2) the rows read refolded and written back; (3) any row neither read nor made
    (made by a push that committed meanwhile) read locked, refolded, written."""
    made, held = _pg_first(connection, table, key, batch)
    if len(made) == len(batch.keys):
        return
    rest = [k for k in batch.keys if k not in made and k not in held]
    if rest:
        held |= _pg_read_locked(connection, table, key, rest)
    _pg_write(connection, table, key, _refolded(batch, key, held, fold, drop))


def _held(
    connection: Connection, table: Table, key: str, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], list[Any]]:
    """SQLite: the events of the rows already there (writes are one at a time anyway)."""
    c = table.c
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


def _record(connection: Connection, table: Table, columns: list[str]) -> str:
    """The columns' definition list for `json_to_recordset` (their types as the table's)."""
    return ", ".join(f"{k} {table.c[k].type.compile(dialect=connection.dialect)}" for k in columns)


def _pg_first(
    connection: Connection, table: Table, key: str, batch: Batch
) -> tuple[set[tuple[str, str]], dict[tuple[str, str], list[Any]]]:
    """PostgreSQL, one statement over one JSON parameter: the rows already there locked
    (`FOR UPDATE`, in key order: no deadlock between two pushes; one another push holds is
    waited for and read as it committed it) and read, then every row as if new, in key order,
    a row already there (or being made by another push, whose commit is waited for) left as
    it is. Returns the rows made (locked by this transaction until it commits) and the events
    of the rows read."""
    columns = list(batch.rows[0])
    names = ", ".join(columns)
    record = _record(connection, table, columns)
    name = table.name
    # `held` probes the table by key, one key after the other in key order (a join to `x`
    # would scan the whole table while it is small), and is read first (UNION ALL reads its
    # branches in order), so every lock it takes comes before any row `ins` makes
    found = connection.execute(
        text(
            f"WITH x AS (SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS x({record})),"
            f" held AS (SELECT t.* FROM (SELECT station_id, {key} FROM x"
            f" ORDER BY station_id, {key}) AS k CROSS JOIN LATERAL"
            f" (SELECT t.station_id, t.{key}, t.events FROM {name} AS t"
            f" WHERE t.station_id = k.station_id AND t.{key} = k.{key} FOR UPDATE) AS t),"
            f" ins AS (INSERT INTO {name} ({names}) SELECT {names} FROM x"
            f" ORDER BY x.station_id, x.{key}"
            f" ON CONFLICT (station_id, {key}) DO NOTHING RETURNING station_id, {key})"
            f" SELECT * FROM held UNION ALL SELECT station_id, {key}, NULL::json FROM ins"
        ),
        {"rows": batch.as_new},
    ).all()
    made = {(s, a) for s, a, kept in found if kept is None}
    return made, {(s, a): kept for s, a, kept in found if kept is not None}


def _pg_read_locked(
    connection: Connection, table: Table, key: str, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], list[Any]]:
    """PostgreSQL: the events of rows already there, read `FOR UPDATE` in key order (no
    deadlock between two pushes; a row another push holds is waited for and read as it
    committed it)."""
    name = table.name
    found = connection.execute(
        text(
            f"SELECT t.station_id, t.{key}, t.events FROM {name} AS t"
            " JOIN json_array_elements(CAST(:keys AS json)) AS x"
            f" ON t.station_id = x->>0 AND t.{key} = x->>1"
            f" ORDER BY t.station_id, t.{key} FOR UPDATE OF t"
        ),
        {"keys": json.dumps(keys)},
    )
    return {(s, a): kept for s, a, kept in found}


def _pg_write(connection: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL: every row's new columns in one UPDATE over one JSON parameter (the rows
    are locked already)."""
    if not rows:
        return
    columns = [k for k in rows[0] if k not in ("station_id", key)]
    record = _record(connection, table, ["station_id", key, *columns])
    connection.execute(
        text(
            f"UPDATE {table.name} AS t SET "
            + ", ".join(f"{k} = x.{k}" for k in columns)
            + f" FROM json_to_recordset(CAST(:rows AS json)) AS x({record})"
            f" WHERE t.station_id = x.station_id AND t.{key} = x.{key}"
        ),
        {"rows": to_json(rows).decode()},  # (datetimes in ISO 8601, as PostgreSQL reads them)
    )


def read_model(
    name: str,
    kinds: tuple[str, ...],
    key: str,
    fold: FoldRow,
    aggregate_of: AggregateOf,
    drop: frozenset[str] = frozenset(),
) -> ReadModel:
    """The read model of table `name`, a row per aggregate (`key` its id column), kept by
    `fold` with its two halves for the push path: `prepare` (each aggregate of the push folded
    as if new, in a thread) and `write` (new rows as folded, held ones refolded whole). One
    shape for every such model, so each feature only says how its rows are folded."""

    def prepare_rows(events: list[Event], _context: ReadContext) -> Batch:
        return prepare(((aggregate_of(e), e) for e in events), fold, key, drop)

    def write_rows(connection: Connection, prepared: object, _context: ReadContext) -> None:
        assert isinstance(prepared, Batch)
        write(connection, Base.metadata.tables[name], key, prepared, fold, drop)

    def apply_rows(connection: Connection, events: list[Event], context: ReadContext) -> None:
        write_rows(connection, prepare_rows(events, context), context)

    return ReadModel(name, kinds, (name,), apply_rows, prepare=prepare_rows, write=write_rows)
