"""The hub's copy of events, read for the features' read models: a station's events of a kind
prefix in a time window, and a row as the domain's `Event` for the kiosks' own folds."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.platform.hub.models import HubEvent


class EventRow(Protocol):
    """What a fold reads of a stored event: a `HubEvent`, or a row of `station_event_rows`."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def station_id(self) -> str: ...
    @property
    def kiosk_id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def actor(self) -> str | None: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def hub_seq(self) -> int: ...


def to_domain(row: EventRow) -> Event:
    """The hub's copy of an event as the domain's Event, for the kiosks' own folds."""
    return Event(
        row.id,
        row.kind,
        row.station_id,
        row.kiosk_id,
        row.seq,
        row.occurred_at,
        row.actor,
        row.payload,
    )


def station_events(
    session: Session,
    prefix: str,
    stations: list[str],
    start: datetime,
    end: datetime | None,
) -> list[HubEvent]:
    """The events of `stations` whose kind starts with `prefix`, from `start` (to `end`), in
    the hub's order."""
    stmt = select(HubEvent).where(
        HubEvent.kind.like(prefix + "%"),
        HubEvent.station_id.in_(stations),
        HubEvent.occurred_at >= start,
    )
    if end is not None:
        stmt = stmt.where(HubEvent.occurred_at < end)
    return list(session.scalars(stmt.order_by(HubEvent.hub_seq)).all())


def station_event_rows(
    session: Session, prefix: str, stations: list[str], start: datetime
) -> list[Row[Any]]:
    """As `station_events` (from `start` on), as plain rows: about half the time of loading
    ORM objects, for a page that folds every station's events."""
    stmt = (
        select(
            HubEvent.id,
            HubEvent.kind,
            HubEvent.station_id,
            HubEvent.kiosk_id,
            HubEvent.seq,
            HubEvent.occurred_at,
            HubEvent.actor,
            HubEvent.payload,
            HubEvent.hub_seq,
        )
        .where(
            HubEvent.kind.like(prefix + "%"),
            HubEvent.station_id.in_(stations),
            HubEvent.occurred_at >= start,
        )
        .order_by(HubEvent.hub_seq)
    )
    return list(session.execute(stmt).all())
