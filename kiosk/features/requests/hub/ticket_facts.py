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

from sqlalchemy import Connection, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.core.events import Event
from kiosk.features.requests.domain import RequestStatus, WishStatus, fold_request, fold_wish
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
    """A push's ticket events by ticket (the pure half of `fold_tickets`)."""

    new: dict[Key, list[Event]]
    keys: list[Key]  # sorted: one lock order for every push


def prepare_tickets(events: list[Event], _context: ReadContext) -> _Batch:
    new: dict[Key, list[Event]] = {}
    for event in events:
        new.setdefault(ticket_key(event), []).append(event)
    return _Batch(new, sorted(new))


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


def _stored(
    connection: Connection, keys: list[Key], *, lock: bool
) -> dict[Key, tuple[list[Event], int]]:
    """The rows of tickets `keys` there already: each one's stored events and version (rows
    locked until the transaction ends with `lock`, on PostgreSQL)."""
    table = TicketFact.__table__
    wanted = set(keys)
    found: dict[Key, tuple[list[str], int]] = {}
    for ids in _chunks(sorted({k[2] for k in keys})):
        stmt = select(
            table.c.station_id, table.c.kind, table.c.aggregate_id, table.c.events, table.c.version
        ).where(table.c.aggregate_id.in_(ids))
        if lock:
            stmt = stmt.order_by(table.c.station_id, table.c.kind, table.c.aggregate_id)
            stmt = stmt.with_for_update()
        for station_id, kind, aggregate_id, event_ids, version in connection.execute(stmt):
            key = (str(station_id), str(kind), str(aggregate_id))
            if key in wanted:
                found[key] = ([str(i) for i in event_ids], int(version))
    owner = {event_id: key for key, (ids, _) in found.items() for event_id in ids}
    out: dict[Key, tuple[list[Event], int]] = {key: ([], v) for key, (_, v) in found.items()}
    columns = [getattr(HubEvent, c) for c in _EVENT_FIELDS]
    for ids in _chunks(sorted(owner)):
        for row in connection.execute(select(*columns).where(HubEvent.id.in_(ids))):
            event = as_event(dict(zip(_EVENT_FIELDS, row, strict=True)))
            out[owner[event.id]][0].append(event)
    return out


def _refold(
    stored: dict[Key, tuple[list[Event], int]],
    new: dict[Key, list[Event]],
    keys: list[Key],
    context: ReadContext,
) -> list[dict[str, Any]]:
    """The rows of tickets `keys`: each the fold of its stored events and this push's."""
    rows = []
    for key in keys:
        kept, version = stored.get(key, ([], 0))
        known = {e.id for e in kept}
        events = kept + [e for e in new[key] if e.id not in known]
        rows.append(ticket_fact(key, events, context) | {"version": version + 1})
    return rows


def write_tickets(connection: Connection, prepared: object, context: ReadContext) -> None:
    """Refold every ticket of a prepared batch and write it by compare-and-set: a row another
    push changed (or made) since it was read is not written, but read again locked, and
    refolded with that push's events (PostgreSQL; SQLite has one writer)."""
    assert isinstance(prepared, _Batch)
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    table = TicketFact.__table__
    keys = prepared.keys
    stored = _stored(connection, keys, lock=False)
    while keys:
        rows = _refold(stored, prepared.new, keys, context)
        statement = insert(TicketFact)
        upsert = statement.on_conflict_do_update(
            index_elements=["station_id", "kind", "aggregate_id"],
            set_={c: statement.excluded[c] for c in rows[0] if c not in _KEY_COLUMNS},
            where=table.c.version == statement.excluded.version - 1,
        ).returning(table.c.station_id, table.c.kind, table.c.aggregate_id)
        written = {(str(s), str(k), str(a)) for s, k, a in connection.execute(upsert, rows).all()}
        keys = [k for k in keys if k not in written]
        if keys:  # another push got there first: wait for it, then refold with its events
            stored = _stored(connection, keys, lock=True)


def fold_tickets(connection: Connection, events: list[Event], context: ReadContext) -> None:
    """Refold every ticket these events touch, with all its events so far, into
    `ticket_facts`: the row is always the kiosks' fold of everything stored."""
    write_tickets(connection, prepare_tickets(events, context), context)


TICKET_FACTS = ReadModel(
    "ticket_facts",
    TICKET_KINDS,
    ("ticket_facts",),
    fold_tickets,
    prepare=prepare_tickets,
    write=write_tickets,
)
