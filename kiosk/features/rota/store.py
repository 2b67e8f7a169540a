"""The rota's store: its entries (weekly patterns and one-off shifts), projector and reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.rota.domain import (
    SWAP_KINDS,
    RotaEntry,
    Swap,
    SwapState,
    fold_entry,
    fold_swap,
)
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class RotaEntryRow(Base):
    """Projection: one rota entry, a weekly pattern (weekday set) or a one-off shift."""

    __tablename__ = "rota_entries"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    volunteer_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)
    starts: Mapped[str | None] = mapped_column(String(5), nullable=True)  # local HH:MM
    ends: Mapped[str | None] = mapped_column(String(5), nullable=True)
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    removed: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (Index("ix_rota_entries_live", "removed", "weekday"),)  # the day's plan


class RotaSwapRow(Base):
    """Projection: one offered shift (a day of a rota line) and what became of it."""

    __tablename__ = "rota_swaps"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rota_id: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    offered_by: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(16))
    taken_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    approved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (Index("ix_rota_swaps_day", "day", "state"),)  # the days ahead


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (RotaEntryRow, RotaSwapRow)


def _hhmm(value: time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")


def _project(session: Session, events: list[Event]) -> object:
    """One aggregate of the family: a swap (by `swap_id`) or a rota line (by `rota_id`)."""
    if any(e.kind in SWAP_KINDS for e in events):
        return _project_swap(session, events)
    return _project_entry(session, events)


def _project_swap(session: Session, events: list[Event]) -> object:
    swap = fold_swap(events)
    if swap is None:
        return None
    upsert(
        session,
        RotaSwapRow.__table__,  # type: ignore[arg-type]
        "id",
        {
            "id": swap.id,
            "rota_id": swap.rota_id,
            "day": swap.day,
            "offered_by": swap.offered_by,
            "starts_at": swap.starts_at,
            "ends_at": swap.ends_at,
            "offered_at": swap.offered_at,
            "state": swap.state.value,
            "taken_by": swap.taken_by,
            "approved_by": swap.approved_by,
            "closed_at": swap.closed_at,
        },
    )
    return swap


def _project_entry(session: Session, events: list[Event]) -> object:
    entry = fold_entry(events)
    if entry is None:
        return None
    upsert(
        session,
        RotaEntryRow.__table__,  # type: ignore[arg-type]
        "id",
        {
            "id": entry.id,
            "station_id": entry.station_id,
            "kiosk_id": entry.kiosk_id,
            "volunteer_id": entry.volunteer_id,
            "created_at": entry.created_at,
            "weekday": entry.weekday,
            "starts": _hhmm(entry.starts),
            "ends": _hhmm(entry.ends),
            "valid_from": entry.valid_from,
            "valid_until": entry.valid_until,
            "starts_at": entry.starts_at,
            "ends_at": entry.ends_at,
            "removed": entry.removed,
        },
    )
    return entry


PROJECTORS: dict[str, Projector] = {"rota.": _project}


# --- reads --------------------------------------------------------------------------------------


def entry_of(row: RotaEntryRow) -> RotaEntry:
    """The row as the domain's entry (for `planned_on`)."""
    return RotaEntry(
        id=row.id,
        station_id=row.station_id,
        kiosk_id=row.kiosk_id,
        volunteer_id=row.volunteer_id,
        created_at=row.created_at,
        weekday=row.weekday,
        starts=None if row.starts is None else time.fromisoformat(row.starts),
        ends=None if row.ends is None else time.fromisoformat(row.ends),
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        removed=row.removed,
    )


def live(session: Session) -> Sequence[RotaEntryRow]:
    """Every entry not removed (a station's rota is a few dozen lines)."""
    return session.scalars(
        select(RotaEntryRow)
        .where(RotaEntryRow.removed.is_(False))
        .order_by(
            RotaEntryRow.weekday, RotaEntryRow.starts, RotaEntryRow.starts_at, RotaEntryRow.id
        )
    ).all()


def entry(session: Session, rota_id: str) -> RotaEntryRow | None:
    return session.get(RotaEntryRow, rota_id)


def swap_of(row: RotaSwapRow) -> Swap:
    return Swap(
        id=row.id,
        rota_id=row.rota_id,
        day=row.day,
        offered_by=row.offered_by,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        offered_at=row.offered_at,
        state=SwapState(row.state),
        taken_by=row.taken_by,
        approved_by=row.approved_by,
        closed_at=row.closed_at,
    )


def swaps_from(session: Session, first_day: date) -> list[Swap]:
    """Every swap of `first_day` and later (a station has a handful a week)."""
    rows = session.scalars(
        select(RotaSwapRow)
        .where(RotaSwapRow.day >= first_day)
        .order_by(RotaSwapRow.starts_at, RotaSwapRow.id)
    ).all()
    return [swap_of(r) for r in rows]


def swap(session: Session, swap_id: str) -> RotaSwapRow | None:
    return session.get(RotaSwapRow, swap_id)
