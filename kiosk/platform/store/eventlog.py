"""The event log: append a fact with its outbox entry and projection in the caller's transaction.

The caller (a service) owns the transaction; `append` must run inside `Database.write()` so the
event, its dense seq, the outbox row and the projection commit together or not at all.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.core.errors import ValidationError
from kiosk.core.events import Event, Payload
from kiosk.core.ids import new_id
from kiosk.core.order import agreed_order
from kiosk.platform import registry
from kiosk.platform.store.models import EventRow, KioskMeta, OutboxRow
from kiosk.platform.store.projections import apply_aggregate, page_projectors, prefix_of

# Taking the next dense seq is one statement; under BEGIN IMMEDIATE we already hold the lock.
log = logging.getLogger(__name__)

_NEXT_SEQ = text(
    "UPDATE kiosk_meta SET last_seq = last_seq + 1 WHERE id = 1 "
    "RETURNING last_seq, kiosk_id, station_id"
)
_INSERT_EVENT = insert(EventRow)
# A pulled event: stored once whatever the page repeats. Built once: a statement made per event
# (`.values(...)`) cost more in SQLAlchemy's compile and cache key than the INSERT itself.
_INGEST_EVENT = sqlite_insert(EventRow).on_conflict_do_nothing()
_INSERT_OUTBOX = insert(OutboxRow)
# The columns an `Event` is made of, and how: shared by every query that returns events.
EVENT_COLUMNS = (
    EventRow.id,
    EventRow.kind,
    EventRow.station_id,
    EventRow.kiosk_id,
    EventRow.seq,
    EventRow.occurred_at,
    EventRow.actor,
    EventRow.payload,
)


def event_from_row(row: Any) -> Event:
    """An `Event` from a row selected with `EVENT_COLUMNS`."""
    return Event(
        id=row.id,
        kind=row.kind,
        station_id=row.station_id,
        kiosk_id=row.kiosk_id,
        seq=row.seq,
        occurred_at=row.occurred_at,
        actor=row.actor,
        payload=json.loads(row.payload),
    )


_SELECT_AGGREGATE = (
    select(*EVENT_COLUMNS)
    .where(
        EventRow.aggregate_id == bindparam("aggregate_id"),
        EventRow.kind.startswith(bindparam("prefix")),
    )
    .order_by(EventRow.pos)
)


@dataclass(frozen=True)
class AppendResult:
    """The event written and the state its aggregate folded to."""

    event: Event
    state: object


def append(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    occurred_at: datetime,
    actor: str | None = None,
    event_id: str | None = None,
) -> Event:
    """Validate and record one event of this kiosk, with its seq, outbox row and projection.

    `event_id` is for a fact every kiosk of the station may notice at once (a rota no-show):
    a deterministic id makes their copies one event on the hub and at each kiosk (stored
    events are deduplicated by id). The caller checks it is not here already."""
    return _append(session, kind, payload, occurred_at, actor, with_state=False, event_id=event_id)  # type: ignore[return-value]


def append_folded(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    occurred_at: datetime,
    actor: str | None = None,
) -> AppendResult:
    """As `append`, also returning the aggregate's folded state (saves reading it back)."""
    return _append(session, kind, payload, occurred_at, actor, with_state=True)  # type: ignore[return-value]


def _append(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    occurred_at: datetime,
    actor: str | None,
    *,
    with_state: bool,
    event_id: str | None = None,
) -> Event | AppendResult:
    kinds = registry.kinds()
    if kind in kinds.hub_only:  # a programming error: only the hub writes these
        raise ValueError(f"{kind} is written only by the hub (EventKind.hub_only)")
    model = kinds.validate(kind, payload)
    clean = model.model_dump(mode="json")
    seq, kiosk_id, station_id = session.connection().execute(_NEXT_SEQ).one()
    event = Event(
        id=event_id or new_id(),
        kind=kind,
        station_id=station_id,
        kiosk_id=kiosk_id,
        seq=seq,
        occurred_at=occurred_at,
        actor=actor,
        payload=clean,
    )
    aggregate_id = kinds.aggregate_of(kind, model)
    conn = session.connection()  # Core on the session's connection: half the per-statement cost
    conn.execute(
        _INSERT_EVENT,
        {
            "id": event.id,
            "kind": kind,
            "station_id": station_id,
            "kiosk_id": kiosk_id,
            "seq": seq,
            "occurred_at": occurred_at,
            "actor": actor,
            "aggregate_id": aggregate_id,
            "payload": json.dumps(clean, ensure_ascii=False, separators=(",", ":")),
        },
    )
    conn.execute(_INSERT_OUTBOX, {"seq": seq, "event_id": event.id})
    state = apply_aggregate(session, kind, aggregate_id, load_aggregate)
    return AppendResult(event, state) if with_state else event
    return event


def _filed(event: Event) -> tuple[Payload | None, str]:
    """A pulled event's validated payload and aggregate; one this build cannot fold (a kind or
    payload of a newer build) is filed under its own id with no payload model."""
    kinds = registry.kinds()
    try:
        model = kinds.validate(event.kind, event.payload)
        return model, kinds.aggregate_of(event.kind, model)
    except ValidationError:
        log.warning("stored without folding: %s %s from %s", event.kind, event.id, event.kiosk_id)
        return None, event.id


def _ingest_row(event: Event, aggregate: str) -> dict[str, object]:
    return {
        "id": event.id,
        "kind": event.kind,
        "station_id": event.station_id,
        "kiosk_id": event.kiosk_id,
        "seq": event.seq,
        "occurred_at": event.occurred_at,
        "actor": event.actor,
        "aggregate_id": aggregate,
        "payload": json.dumps(event.payload, ensure_ascii=False, separators=(",", ":")),
    }


def ingest(session: Session, event: Event) -> bool:
    """Store an event authored elsewhere (pulled from the hub); False if it was already here.

    An event this kiosk cannot fold (a kind added by a newer version, or a payload its schema
    does not accept) is still stored, so nothing is lost and the log stays complete, but no
    projection is touched; a rebuild after an upgrade folds it. It never blocks the pull.
    """
    model, aggregate = _filed(event)
    result = session.connection().execute(
        _INGEST_EVENT,
        _ingest_row(event, aggregate),
    )
    if not result.rowcount:
        return False
    if model is not None:
        apply_aggregate(session, event.kind, aggregate, load_aggregate)
    return True


_KNOWN_IDS = select(EventRow.id).where(EventRow.id.in_(bindparam("ids", expanding=True)))


def ingest_page(session: Session, events: list[Event]) -> int:
    """Store a pulled page of events authored elsewhere, as `ingest` does one by one, in one
    INSERT for the page and one fold per aggregate it touches; returns how many were new.

    Each aggregate is folded once, after the whole page is stored, from all its events: the
    same projection as folding after each event (a fold is of the aggregate's events in the
    agreed order), without refolding a shift for its check-in and again for its check-out.
    A new kiosk pulling a station's years did ~4 statements per event (#15 bootstrap).
    """
    if not events:
        return 0
    known = set(session.connection().execute(_KNOWN_IDS, {"ids": [e.id for e in events]}).scalars())
    rows: list[dict[str, object]] = []
    touched: dict[tuple[str, str], str] = {}  # (family, aggregate) -> a kind of it, page order
    for event in events:
        if event.id in known:
            continue
        known.add(event.id)  # a page holding one event twice stores it once
        model, aggregate = _filed(event)
        rows.append(_ingest_row(event, aggregate))
        if model is not None:
            touched.setdefault((prefix_of(event.kind), aggregate), event.kind)
    if rows:
        session.connection().execute(_INGEST_EVENT, rows)
    paged = page_projectors()
    by_family: dict[str, list[str]] = {}
    for (family, aggregate), kind in touched.items():
        if family in paged:
            by_family.setdefault(family, []).append(aggregate)
        else:
            apply_aggregate(session, kind, aggregate, load_aggregate)
    for family, aggregates in by_family.items():
        paged[family](session, load_aggregates(session, aggregates, family))
    return len(rows)


_SELECT_AGGREGATES = (
    select(*EVENT_COLUMNS, EventRow.aggregate_id)
    .where(
        EventRow.aggregate_id.in_(bindparam("aggregates", expanding=True)),
        EventRow.kind.startswith(bindparam("prefix")),
    )
    .order_by(EventRow.pos)
)


def load_aggregates(
    session: Session, aggregate_ids: list[str], kind_prefix: str
) -> list[list[Event]]:
    """The events of each of `aggregate_ids` (one query), each aggregate in the agreed order."""
    found: dict[str, list[Event]] = {a: [] for a in aggregate_ids}
    rows = session.connection().execute(
        _SELECT_AGGREGATES, {"aggregates": aggregate_ids, "prefix": kind_prefix}
    )
    for row in rows:
        found[row.aggregate_id].append(event_from_row(row))
    return [agreed_order(events) for events in found.values() if events]


def load_aggregate(session: Session, aggregate_id: str, kind_prefix: str) -> list[Event]:
    """All events of one aggregate in arrival order."""
    rows = session.connection().execute(
        _SELECT_AGGREGATE, {"aggregate_id": aggregate_id, "prefix": kind_prefix}
    )
    return [event_from_row(r) for r in rows]


def meta(session: Session) -> KioskMeta:
    """This kiosk's identity row (made by `ensure_identity`)."""
    row = session.get(KioskMeta, 1)
    if row is None:
        raise RuntimeError("kiosk identity missing: the store was not initialised")
    return row


def ensure_identity(session: Session, station_id: str, now: datetime) -> KioskMeta:
    """Create this kiosk's identity on a new database; keep it on an existing one."""
    row = session.get(KioskMeta, 1)
    if row is None:
        row = KioskMeta(
            id=1, kiosk_id=new_id(), station_id=station_id, last_seq=0, acked_seq=0, created_at=now
        )
        session.add(row)
        session.flush()
    return row
