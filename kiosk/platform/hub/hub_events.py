"""The hub's copy of events, read for the features' read models: a station's events of a kind
prefix in a time window, and a row as the domain's `Event` for the kiosks' own folds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.platform.hub.models import HubEvent


def to_domain(row: HubEvent) -> Event:
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
