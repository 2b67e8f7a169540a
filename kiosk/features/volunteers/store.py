"""The volunteers feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Boolean, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.volunteers.domain.folds import fold_volunteer, latest_pin_hash
from kiosk.features.volunteers.domain.roster import Roster, RosterEntry
from kiosk.platform.store.models import Base, ConfigItemRow, EventRow, UTCDateTime
from kiosk.platform.store.projections import ConfigApplier, Projector, foldable, upsert


class VolunteerRow(Base):
    """Projection: the roster."""

    __tablename__ = "volunteers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(15), index=True)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (VolunteerRow,)


def _project_volunteer(session: Session, events: list[Event]) -> object:
    published = _published_roster(session)
    volunteer_id = str(events[0].payload["volunteer_id"])
    entry = published.entries.get(volunteer_id) if published else None
    values = _volunteer_values(events, entry, published.at if published else None)
    if values is not None:
        upsert(session, VolunteerRow.__table__, "id", values)  # type: ignore[arg-type]
    return fold_volunteer(events)


@dataclass(frozen=True)
class _Published:
    """The roster the volunteers projection is overlaid with, and when the hub published it."""

    entries: dict[str, RosterEntry]
    at: datetime


def _published_roster(session: Session) -> _Published | None:
    """The latest roster the hub published for this station (None before any pull)."""
    row = session.execute(  # columns, not the entity: never a stale identity-mapped row
        select(ConfigItemRow.body, ConfigItemRow.published_at)
        .where(ConfigItemRow.kind == "roster")
        .order_by((ConfigItemRow.scope == "*").asc())  # a station's own beats a global one
    ).first()
    if row is None:
        return None
    try:
        roster = Roster.model_validate_json(row.body)
    except PydanticValidationError:
        return None  # a malformed publication changes nothing (the hub validates too)
    return _Published({entry.volunteer_id: entry for entry in roster.volunteers}, row.published_at)


def published_roster(session: Session) -> dict[str, RosterEntry]:
    """The latest roster the hub published for this station (empty before any pull)."""
    published = _published_roster(session)
    return published.entries if published else {}


def _volunteer_values(
    events: list[Event], entry: RosterEntry | None, published_at: datetime | None
) -> dict[str, object] | None:
    """One volunteers row from the volunteer's events and the published roster, nothing else
    (None: neither knows the volunteer).

    The hub's roster is authoritative for the volunteers it lists (a PIN hash only when it
    gives one; otherwise the PIN last set here counts); what the row held before never counts,
    so every kiosk holding the same events and the same roster writes the same row, whatever
    order they arrived in.
    """
    state = fold_volunteer(events)
    if state is None and entry is None:
        return None
    values: dict[str, object] = (
        asdict(state)
        if state
        else {"pin_hash": latest_pin_hash(events), "registered_at": published_at}
    )
    if entry is not None:
        values.update(
            id=entry.volunteer_id,
            name=entry.name,
            number=entry.number,
            phone=entry.phone,
            active=entry.active,
        )
        if entry.pin_hash is not None:
            values["pin_hash"] = entry.pin_hash
    return values


_VOLUNTEER_EVENTS = select(
    EventRow.id,
    EventRow.kind,
    EventRow.station_id,
    EventRow.kiosk_id,
    EventRow.seq,
    EventRow.occurred_at,
    EventRow.actor,
    EventRow.payload,
    EventRow.aggregate_id,
).where(EventRow.kind.startswith("volunteer."))


def apply_roster(session: Session) -> int:
    """Overlay the published roster on the volunteers projection; returns entries applied.

    Each listed volunteer's row is folded again from their events with the roster laid over it
    (a roster is pulled rarely; a station lists at most some thousands).
    """
    published = _published_roster(session)
    if published is None:
        return 0
    by_volunteer: dict[str, list[Event]] = {}
    for row in session.connection().execute(_VOLUNTEER_EVENTS):
        if row.aggregate_id in published.entries:
            event = Event(
                id=row.id,
                kind=row.kind,
                station_id=row.station_id,
                kiosk_id=row.kiosk_id,
                seq=row.seq,
                occurred_at=row.occurred_at,
                actor=row.actor,
                payload=json.loads(row.payload),
            )
            if foldable(event):
                by_volunteer.setdefault(row.aggregate_id, []).append(event)
    for volunteer_id, entry in published.entries.items():
        values = _volunteer_values(by_volunteer.get(volunteer_id, []), entry, published.at)
        assert values is not None  # listed: the roster knows them
        upsert(session, VolunteerRow.__table__, "id", values)  # type: ignore[arg-type]
    return len(published.entries)


PROJECTORS: dict[str, Projector] = {"volunteer.": _project_volunteer}
# A roster published on the hub is laid over the volunteers projection when it is pulled.
CONFIG_APPLIERS: dict[str, ConfigApplier] = {"roster": apply_roster}


# --- reads --------------------------------------------------------------------------------------


def volunteer(session: Session, volunteer_id: str) -> VolunteerRow | None:
    return session.get(VolunteerRow, volunteer_id)


def volunteer_by_phone(session: Session, phone: str) -> VolunteerRow | None:
    return session.scalars(
        select(VolunteerRow)
        .where(VolunteerRow.phone == phone)
        .order_by(VolunteerRow.active.desc(), VolunteerRow.registered_at.desc())
        .limit(1)
    ).first()


def volunteers(session: Session) -> Sequence[VolunteerRow]:
    return session.scalars(select(VolunteerRow).order_by(VolunteerRow.number)).all()
