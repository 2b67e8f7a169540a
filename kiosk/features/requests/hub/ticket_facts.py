"""The read model of tickets at the hub (`ticket_facts`): one row per request or wish, folded
with the kiosks' own `fold_request` / `fold_wish` (kiosk.features.requests.domain) as its events
are stored, so the centre's requests-and-wishes page counts and pages rows in SQL instead of
folding every ticket of the range on each view (docs/hub.md "Read models").

A ticket's order, accept, completion or answer arrive in different pushes, from different
kiosks or from the centre itself, in any order: each row keeps the ids of its ticket's events,
and every push that touches the ticket refolds all of them, as `shift_facts` does. The write is
a compare-and-set on `version`, so two pushes touching one ticket at once on PostgreSQL cannot
lose an update: the one whose write misses reads the row again, locked, and refolds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic_core import to_json
from sqlalchemy import ColumnElement, Connection, and_, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.core.events import Event
from kiosk.features.requests.domain import RequestStatus, WishStatus, fold_request, fold_wish
from kiosk.features.requests.hub.ticket_months import MonthKey, month_of, refresh_months
from kiosk.platform.hub.live import LiveRule, LiveWindow
from kiosk.platform.hub.models import HubEvent, TicketFact
from kiosk.platform.hub.read_models import ReadContext, ReadModel, as_event

TICKET_KINDS = ("request.", "wish.")
# (station, "request" | "wish", the request's or wish's id): one ticket
Key = tuple[str, str, str]
_EVENT_FIELDS = ("id", "kind", "station_id", "kiosk_id", "seq", "occurred_at", "actor", "payload")
_IN_CHUNK = 500  # ids per IN (…) list: under every SQLite's bound-parameter limit
_KEY_COLUMNS = ("station_id", "kind", "aggregate_id")
_DONE = (RequestStatus.COMPLETED.value, RequestStatus.RATED.value)


def ticket_key(event: Event) -> Key:
    """The ticket an event belongs to (its station, kind and aggregate id)."""
    if event.kind.startswith("request."):
        return (event.station_id, "request", str(event.payload["request_id"]))
    return (event.station_id, "wish", str(event.payload["wish_id"]))


def ticket_fact(key: Key, events: list[Event], context: ReadContext) -> dict[str, Any]:
    """The row of one ticket from all its events: what the kiosks' fold says of it (a ticket
    whose opening event has not arrived yet keeps only its events)."""
    station_id, kind, aggregate_id = key
    row: dict[str, Any] = {
        "station_id": station_id,
        "kind": kind,
        "aggregate_id": aggregate_id,
        "ticket": None,
        "category": None,
        "channel": None,
        "status": None,
        "train": None,
        "made_at": None,
        "day": None,
        "departs_at": None,
        "accepted_at": None,
        "closed_at": None,
        "response_min": None,
        "flagged": False,
        "events": sorted(e.id for e in events),
    }
    if kind == "request":
        request = fold_request(events)
        if request is None:
            return row
        made_at, response = request.ordered_at, None
        if request.accepted_at is not None:
            # as the page always computed it: minutes, never below zero (a skewed clock)
            response = max(0.0, (request.accepted_at - made_at).total_seconds() / 60)
        closed = request.completed_at if request.status in _DONE else request.cancelled_at
        row.update(
            ticket=request.ticket,
            category=request.category,
            channel=request.channel,
            status=request.status,
            train=request.train,
            departs_at=request.departs_at,
            accepted_at=request.accepted_at,
            closed_at=closed,
            response_min=response,
            flagged=request.flagged,
        )
    else:
        wish = fold_wish(events)
        if wish is None:
            return row
        made_at = wish.submitted_at
        answered = wish.status == WishStatus.ANSWERED.value
        row.update(
            ticket=wish.ticket,
            category=wish.category,
            channel=wish.channel,
            status=wish.status,
            closed_at=wish.answered_at if answered else None,
        )
    row.update(made_at=made_at, day=made_at.astimezone(context.tz).date().isoformat())
    return row


@dataclass(frozen=True)
class _Batch:
    """A push's ticket events by ticket, and each ticket's row as if it were new (folded from
    this push's events alone): the pure half of `fold_tickets`, which the push path makes in a
    thread while its statement runs. Most tickets of a push are new ones (a request is
    accepted in a later push), so their fold is done before the transaction needs it."""

    new: dict[Key, list[Event]]
    keys: list[Key]  # sorted: one lock order for every push
    as_new: dict[Key, dict[str, Any]]  # the row of a ticket no row holds yet (version 1)


def prepare_tickets(events: list[Event], context: ReadContext) -> _Batch:
    new: dict[Key, list[Event]] = {}
    for event in events:
        new.setdefault(ticket_key(event), []).append(event)
    keys = sorted(new)
    return _Batch(new, keys, {k: _fold(k, [], 0, new[k], context) for k in keys})


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


# On PostgreSQL each step is one statement over one parameter, as `shift_facts` does: the rows
# with their events (by id, through the events' unique index) in one read, and the upsert over
# one JSON parameter (SQLAlchemy's executemany of the same upsert cost ~17 ms a 75-ticket batch).
_PG_STORED = (
    "SELECT f.station_id, f.kind, f.aggregate_id, f.version, f.day, e.id, e.kind, e.station_id,"
    " e.kiosk_id, e.seq, e.occurred_at, e.actor, CAST(e.payload AS json) FROM ticket_facts f"
    " LEFT JOIN LATERAL json_array_elements_text(f.events) AS j(v) ON true"
    # one event by its unique id each (LIMIT 1 keeps it an index lookup, whatever the
    # statistics: a hub just loaded would otherwise hash-join the whole events table), found
    # by its key, whose received_at names its month's partition (hub h0014)
    " LEFT JOIN LATERAL (SELECT k.received_at FROM event_keys k WHERE k.id = j.v LIMIT 1)"
    " AS k ON true LEFT JOIN LATERAL (SELECT * FROM events_log e"
    " WHERE e.id = j.v AND e.received_at = k.received_at LIMIT 1) AS e ON true"
    " WHERE f.aggregate_id = ANY(:ids)"
)
_PG_READ = text(_PG_STORED)
_PG_READ_LOCKED = text(
    _PG_STORED + " ORDER BY f.station_id, f.kind, f.aggregate_id FOR UPDATE OF f"
)
_TYPES = (
    ("station_id", "text"),
    ("kind", "text"),
    ("aggregate_id", "text"),
    ("ticket", "text"),
    ("category", "text"),
    ("channel", "text"),
    ("status", "text"),
    ("train", "text"),
    ("made_at", "timestamptz"),
    ("day", "text"),
    ("departs_at", "timestamptz"),
    ("accepted_at", "timestamptz"),
    ("closed_at", "timestamptz"),
    ("response_min", "float8"),
    ("flagged", "bool"),
    ("events", "json"),
    ("version", "int"),
)
_COLUMNS = ", ".join(c for c, _ in _TYPES)
_PG_PUT = text(
    f"INSERT INTO ticket_facts ({_COLUMNS}) SELECT {_COLUMNS}"
    " FROM json_to_recordset(CAST(:rows AS json))"
    f" AS x({', '.join(f'{c} {t}' for c, t in _TYPES)})"
    " ORDER BY x.station_id, x.kind, x.aggregate_id"
    " ON CONFLICT (station_id, kind, aggregate_id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c, _ in _TYPES if c not in _KEY_COLUMNS)
    + " WHERE ticket_facts.version = EXCLUDED.version - 1"
    " RETURNING station_id, kind, aggregate_id"
)


# A stored ticket: its events, its row's version, its local day (None until it is opened)
Stored = tuple[list[Event], int, str | None]


def _stored(connection: Connection, keys: list[Key], *, lock: bool) -> dict[Key, Stored]:
    """The rows of tickets `keys` there already: each one's stored events, version and day
    (rows locked until the transaction ends with `lock`, on PostgreSQL)."""
    wanted = set(keys)
    if connection.dialect.name == "postgresql":
        ids = sorted({k[2] for k in keys})
        out: dict[Key, Stored] = {}
        for row in connection.execute(_PG_READ_LOCKED if lock else _PG_READ, {"ids": ids}):
            key = (str(row[0]), str(row[1]), str(row[2]))
            if key not in wanted:
                continue
            kept = out.setdefault(key, ([], int(row[3]), row[4]))[0]
            if row[5] is not None:  # (a row whose events are all gone still has its version)
                kept.append(as_event(dict(zip(_EVENT_FIELDS, row[5:], strict=True))))
        return out
    return _stored_sqlite(connection, keys, wanted)


def _stored_sqlite(connection: Connection, keys: list[Key], wanted: set[Key]) -> dict[Key, Stored]:
    """As `_stored`, in two plain reads (one writer: nothing to lock)."""
    table = TicketFact.__table__
    wanted = set(keys)
    found: dict[Key, tuple[list[str], int, str | None]] = {}
    for ids in _chunks(sorted({k[2] for k in keys})):
        stmt = select(
            table.c.station_id,
            table.c.kind,
            table.c.aggregate_id,
            table.c.events,
            table.c.version,
            table.c.day,
        ).where(table.c.aggregate_id.in_(ids))
        for station_id, kind, aggregate_id, event_ids, version, day in connection.execute(stmt):
            key = (str(station_id), str(kind), str(aggregate_id))
            if key in wanted:
                found[key] = ([str(i) for i in event_ids], int(version), day)
    owner = {event_id: key for key, (ids, _, _) in found.items() for event_id in ids}
    out: dict[Key, Stored] = {key: ([], v, d) for key, (_, v, d) in found.items()}
    columns = [getattr(HubEvent, c) for c in _EVENT_FIELDS]
    for ids in _chunks(sorted(owner)):
        for row in connection.execute(select(*columns).where(HubEvent.id.in_(ids))):
            event = as_event(dict(zip(_EVENT_FIELDS, row, strict=True)))
            out[owner[event.id]][0].append(event)
    return out


def _refold(
    stored: dict[Key, Stored],
    new: dict[Key, list[Event]],
    keys: list[Key],
    context: ReadContext,
) -> list[dict[str, Any]]:
    """The rows of tickets `keys`: each the fold of its stored events and this push's."""
    rows = []
    for key in keys:
        kept, version, _day = stored.get(key, ([], 0, None))
        rows.append(_fold(key, kept, version, new[key], context))
    return rows


def _fold(
    key: Key, kept: list[Event], version: int, new: list[Event], context: ReadContext
) -> dict[str, Any]:
    """The row of ticket `key` from its stored events (`kept`, at `version`) and this push's."""
    known = {e.id for e in kept}
    events = kept + [e for e in new if e.id not in known]
    return ticket_fact(key, events, context) | {"version": version + 1}


def write_tickets(connection: Connection, prepared: object, context: ReadContext) -> None:
    """Refold every ticket of a prepared batch and write it by compare-and-set: a row another
    push changed (or made) since it was read is not written, but read again locked, and
    refolded with that push's events (PostgreSQL; SQLite has one writer). Then every
    station-month these tickets were or now are in is recomputed (`ticket_months`)."""
    assert isinstance(prepared, _Batch)
    keys = prepared.keys
    stored = _stored(connection, keys, lock=False)
    touched: set[MonthKey] = set()
    # a ticket no row holds yet is written as prepared; only those held are refolded here
    rows = [
        prepared.as_new[k]
        if k not in stored
        else _fold(k, stored[k][0], stored[k][1], prepared.new[k], context)
        for k in keys
    ]
    while keys:
        # the months the rows were in before this push (a ticket's day can move)
        touched |= {(k[0], m) for k, (_, _, day) in stored.items() if (m := month_of(day))}
        written = _put(connection, rows)
        touched |= {
            (r["station_id"], m)
            for r in rows
            if (r["station_id"], r["kind"], r["aggregate_id"]) in written
            and (m := month_of(r["day"]))
        }
        keys = [k for k in keys if k not in written]
        if keys:  # another push got there first: wait for it, then refold with its events
            stored = _stored(connection, keys, lock=True)
            rows = _refold(stored, prepared.new, keys, context)
    refresh_months(connection, touched)


def _put(connection: Connection, rows: list[dict[str, Any]]) -> set[Key]:
    """Upsert `rows` where each one's row is still at the version it was folded from (or
    absent); returns the tickets written."""
    if connection.dialect.name == "postgresql":
        found = connection.execute(_PG_PUT, {"rows": to_json(rows).decode()})
    else:
        table = TicketFact.__table__
        statement = sqlite_insert(TicketFact)
        upsert = statement.on_conflict_do_update(
            index_elements=list(_KEY_COLUMNS),
            set_={c: statement.excluded[c] for c in rows[0] if c not in _KEY_COLUMNS},
            where=table.c.version == statement.excluded.version - 1,
        ).returning(table.c.station_id, table.c.kind, table.c.aggregate_id)
        found = connection.execute(upsert, rows)
    return {(str(s), str(k), str(a)) for s, k, a in found}


def fold_tickets(connection: Connection, events: list[Event], context: ReadContext) -> None:
    """Refold every ticket these events touch, with all its events so far, into
    `ticket_facts`: the row is always the kiosks' fold of everything stored."""
    write_tickets(connection, prepare_tickets(events, context), context)


# A request that can never open again: the fold moves a request only forward (ordered →
# accepted → completed → rated, or cancelled while open), and an event arriving late either
# closes it earlier or is refused and flagged.
_FINAL_REQUESTS = (*_DONE, RequestStatus.CANCELLED.value)


def requests_closed_before(window: LiveWindow) -> ColumnElement[bool]:
    """A new kiosk is ready without the requests made and closed (completed, rated,
    cancelled) before the window: every event of such a request goes (whole), by
    `ticket_facts` (index `station_id, made_at`). Monotone: a closed request never reopens
    (`_FINAL_REQUESTS`), and its `made_at` (the first order) and `closed_at` (the first
    closing event that applied) only move earlier as events arrive. Wishes stay whatever
    their age: an answered wish is set in progress again by a later `wish.status_set` (the
    latest wins), so it is not final and cutting it could leave a newcomer the later event
    alone."""
    closed = select(TicketFact.aggregate_id).where(
        TicketFact.station_id == window.station_id,
        TicketFact.kind == "request",
        TicketFact.made_at < window.since,
        TicketFact.status.in_(_FINAL_REQUESTS),
        TicketFact.closed_at < window.since,
    )
    return and_(
        HubEvent.kind.startswith("request.", autoescape=True),
        HubEvent.payload["request_id"].as_string().in_(closed),
    )


LIVE_REQUESTS = LiveRule("requests", ("request.",), requests_closed_before)


TICKET_FACTS = ReadModel(
    "ticket_facts",
    TICKET_KINDS,
    ("ticket_facts", "ticket_months"),
    fold_tickets,
    prepare=prepare_tickets,
    write=write_tickets,
)
