"""The event log: append a fact with its outbox entry and projection in the caller's transaction.

The caller (a service) owns the transaction; `append` must run inside `Database.write()` so the
event, its dense seq, the outbox row and the projection commit together or not at all.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.domain.events import Event, aggregate_of, validate_payload
from kiosk.domain.ids import new_id
from kiosk.store.models import EventRow, KioskMeta, OutboxRow
from kiosk.store.projections import apply_aggregate


def _to_event(row: EventRow) -> Event:
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


def append(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    occurred_at: datetime,
    actor: str | None = None,
) -> Event:
    """Validate and record one event of this kiosk, with its seq, outbox row and projection."""
    model = validate_payload(kind, payload)
    clean = model.model_dump(mode="json")
    # One statement takes the next dense seq (and, in BEGIN IMMEDIATE, we already hold the lock).
    seq, kiosk_id, station_id = session.execute(
        text(
            "UPDATE kiosk_meta SET last_seq = last_seq + 1 WHERE id = 1 "
            "RETURNING last_seq, kiosk_id, station_id"
        )
    ).one()
    event = Event(
        id=new_id(),
        kind=kind,
        station_id=station_id,
        kiosk_id=kiosk_id,
        seq=seq,
        occurred_at=occurred_at,
        actor=actor,
        payload=clean,
    )
    session.add(
        EventRow(
            id=event.id,
            kind=kind,
            station_id=station_id,
            kiosk_id=kiosk_id,
            seq=seq,
            occurred_at=occurred_at,
            actor=actor,
            aggregate_id=aggregate_of(kind, model),
            payload=json.dumps(clean, ensure_ascii=False, separators=(",", ":")),
        )
    )
    session.add(OutboxRow(seq=seq, event_id=event.id))
    session.flush()
    apply_aggregate(session, kind, aggregate_of(kind, model), load_aggregate)
    return event


def ingest(session: Session, event: Event) -> bool:
    """Store an event authored elsewhere (pulled from the hub); False if it was already here."""
    model = validate_payload(event.kind, event.payload)
    aggregate = aggregate_of(event.kind, model)
    result = session.execute(
        sqlite_insert(EventRow)
        .values(
            id=event.id,
            kind=event.kind,
            station_id=event.station_id,
            kiosk_id=event.kiosk_id,
            seq=event.seq,
            occurred_at=event.occurred_at,
            actor=event.actor,
            aggregate_id=aggregate,
            payload=json.dumps(event.payload, ensure_ascii=False, separators=(",", ":")),
        )
        .on_conflict_do_nothing()
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    apply_aggregate(session, event.kind, aggregate, load_aggregate)
    return True


def load_aggregate(session: Session, aggregate_id: str, kind_prefix: str) -> list[Event]:
    """All events of one aggregate in arrival order."""
    rows = session.scalars(
        select(EventRow)
        .where(EventRow.aggregate_id == aggregate_id, EventRow.kind.startswith(kind_prefix))
        .order_by(EventRow.pos)
    )
    return [_to_event(row) for row in rows]


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
