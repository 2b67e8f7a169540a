"""The hub's copy of events, read for the features' read models: a station's events of a kind
prefix in a time window, and a row as the domain's `Event` for the kiosks' own folds.

Every read here is of the whole log: on PostgreSQL `events_log`, the events and the months
archived out of them (partitions.py), so a month archived changes nothing a reader finds; a
window that starts after an archived month's events never scans it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Row, select
from sqlalchemy.orm import Session, aliased

from kiosk.core.events import Event
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.partitions import log_table

# `HubEvent` read through `events_log` (PostgreSQL): the same objects, archived months included.
_LOG = aliased(HubEvent, log_table(), name="events_log", adapt_on_names=True)


def log_of(session: Session) -> type[HubEvent]:
    """What to select events of any age from: `HubEvent` on SQLite (no archive there), on
    PostgreSQL `HubEvent` through `events_log`. Only to read: a row to rewrite is written to
    its own table (`partitions.log_tables`)."""
    if session.get_bind().dialect.name != "postgresql":
        return HubEvent
    return _LOG  # type: ignore[return-value]  # an alias of HubEvent, its attributes the same


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
    e = log_of(session)
    stmt = select(e).where(
        e.kind.like(prefix + "%"),
        e.station_id.in_(stations),
        e.occurred_at >= start,
    )
    if end is not None:
        stmt = stmt.where(e.occurred_at < end)
    return list(session.scalars(stmt.order_by(e.hub_seq)).all())


def station_event_rows(
    session: Session, prefix: str, stations: list[str], start: datetime
) -> list[Row[Any]]:
    """As `station_events` (from `start` on), as plain rows: about half the time of loading
    ORM objects, for a page that folds every station's events."""
    e = log_of(session)
    stmt = (
        select(e.id, e.kind, e.station_id, e.kiosk_id, e.seq, e.occurred_at, e.actor)
        .add_columns(e.payload, e.hub_seq)
        .where(e.kind.like(prefix + "%"), e.station_id.in_(stations), e.occurred_at >= start)
        .order_by(e.hub_seq)
    )
    return list(session.execute(stmt).all())


def station_kind_rows(
    session: Session, kinds: Sequence[str], stations: list[str]
) -> list[Row[Any]]:
    """The events of `stations` of exactly `kinds`, any age, as plain rows in the hub's order:
    exact kinds, so the (kind, station, time) index serves them (a LIKE on a prefix would not)."""
    e = log_of(session)
    stmt = (
        select(e.id, e.kind, e.station_id, e.kiosk_id, e.seq, e.occurred_at, e.actor)
        .add_columns(e.payload, e.hub_seq)
        .where(e.kind.in_(list(kinds)), e.station_id.in_(stations))
        .order_by(e.hub_seq)
    )
    return list(session.execute(stmt).all())
