"""Events the hub writes itself (a request made on a traveller's phone), pulled by the station's
kiosks like any other kiosk's events.

Each station has a pseudo-kiosk id, `hub:<station>`, whose dense seq is allocated in the same
transaction as the insert: `hub_authors.last_seq` is bumped by one UPDATE, which takes the row's
lock on PostgreSQL (and SQLite's BEGIN IMMEDIATE serialises writers anyway), so two phones of one
station never get the same seq and a failed insert rolls the seq back with it. The row lands in
`events` like a pushed one; on PostgreSQL its `txid` is the writing transaction's, so the pull
cursor's rule (repository.py) covers it unchanged. No kiosk has this id, so every kiosk of the
station receives the event, and no kiosk can push under it (`hub:` ids are never enrolled).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.core.events import validate_payload
from kiosk.core.ids import new_id
from kiosk.platform.hub import read_models
from kiosk.platform.hub.models import EventKey, HubAuthor, HubEvent

HUB_AUTHOR_PREFIX = "hub:"
_MAX_ID = 64


def author_id(station_id: str) -> str:
    """The station's pseudo-kiosk id: `hub:<station>`, shortened with a hash past 64 chars."""
    plain = HUB_AUTHOR_PREFIX + station_id
    if len(plain) <= _MAX_ID:
        return plain
    tag = hashlib.sha256(station_id.encode()).hexdigest()[:8]
    keep = _MAX_ID - len(HUB_AUTHOR_PREFIX) - len(tag) - 1
    return f"{HUB_AUTHOR_PREFIX}{station_id[:keep]}.{tag}"


def is_hub_author(kiosk_id: str) -> bool:
    return kiosk_id.startswith(HUB_AUTHOR_PREFIX)


def lock_author(session: Session, station_id: str) -> str:
    """Take the station's pseudo-kiosk row until the transaction ends (a number a hub-made
    event carries, counted from earlier ones, is then given once however many workers ask);
    returns its id."""
    me = author_id(station_id)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(
        dialect.insert(HubAuthor)
        .values(id=me, station_id=station_id, last_seq=0)
        .on_conflict_do_nothing()
    )
    session.execute(update(HubAuthor).where(HubAuthor.id == me).values(last_seq=HubAuthor.last_seq))
    return me


def _next_seq(session: Session, station_id: str) -> tuple[str, int]:
    """The station's pseudo-kiosk id and its next seq, its row locked until the transaction
    ends (the first event of a station creates the row; a racing first insert waits, then
    does nothing)."""
    me = author_id(station_id)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(
        dialect.insert(HubAuthor)
        .values(id=me, station_id=station_id, last_seq=0)
        .on_conflict_do_nothing()
    )
    bump = (
        update(HubAuthor)
        .where(HubAuthor.id == me)
        .values(last_seq=HubAuthor.last_seq + 1)
        .returning(HubAuthor.last_seq)
    )
    seq = session.scalar(bump)
    assert seq is not None
    return me, int(seq)


def append_hub_event(
    session: Session,
    station_id: str,
    kind: str,
    payload: dict[str, Any],
    now: datetime,
    actor: str | None = None,
) -> HubEvent:
    """Validate and store one hub-made event in the caller's (write) transaction.

    Raises kiosk.core.errors.ValidationError for a payload its kind refuses: nothing is
    written, the caller's transaction is rolled back by the raise.
    """
    checked = validate_payload(kind, payload).model_dump(mode="json")
    kiosk_id, seq = _next_seq(session, station_id)
    event_id = new_id()
    if session.get_bind().dialect.name == "postgresql":
        # The partitioned events table's dedup (h0014); a fresh id and seq never collide.
        key = {"id": event_id, "kiosk_id": kiosk_id, "seq": seq, "received_at": now}
        session.execute(insert(EventKey).values(**key))
    row = HubEvent(
        id=event_id,
        station_id=station_id,
        kiosk_id=kiosk_id,
        seq=seq,
        kind=kind,
        occurred_at=now,
        received_at=now,
        actor=actor,
        payload=checked,
    )
    session.add(row)
    session.flush()
    # The centre's own events are folded into the read models like a kiosk's.
    fields = {c: getattr(row, c) for c in ("id", "kind", "station_id", "kiosk_id", "seq")}
    event = read_models.as_event({**fields, "occurred_at": now, "actor": actor, "payload": checked})
    read_models.apply_in_app(session.connection(), [event])
    return row
