"""The charging feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import Boolean, Index, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.charging.domain import fold_charging
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class ChargingSessionRow(Base):
    """Projection: one phone-charging session; a slot is busy while it has an open one."""

    __tablename__ = "charging_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    slot: Mapped[str] = mapped_column(String(16))
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    code_hash: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))  # open | collected | closed
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    closed_actor: Mapped[str | None] = mapped_column(String(64))
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_charging_sessions_status_slot", "status", "slot"),
        Index("ix_charging_sessions_kiosk_slot", "kiosk_id", "status", "slot"),  # own slots
        Index("ix_charging_sessions_started", "started_at"),
        Index("ix_charging_sessions_started_id", "started_at", "id"),  # log review keyset
        Index("ix_charging_sessions_status_started", "status", "started_at", "id"),
    )


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (ChargingSessionRow,)


def _project_charging(session: Session, events: list[Event]) -> object:
    state = fold_charging(events)
    if state is not None:
        upsert(session, ChargingSessionRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


PROJECTORS: dict[str, Projector] = {"charging.": _project_charging}


# --- reads --------------------------------------------------------------------------------------


def charging_session(session: Session, session_id: str) -> ChargingSessionRow | None:
    return session.get(ChargingSessionRow, session_id)


def open_charging(session: Session, kiosk_id: str) -> Sequence[ChargingSessionRow]:
    """Open sessions of one kiosk's slots, oldest first (one per busy slot).

    Slots belong to a kiosk: the other exit's locker "1" is not this kiosk's locker "1".
    """
    return session.scalars(
        select(ChargingSessionRow)
        .where(ChargingSessionRow.status == "open", ChargingSessionRow.kiosk_id == kiosk_id)
        .order_by(ChargingSessionRow.started_at)
    ).all()


def open_charging_station(session: Session) -> Sequence[ChargingSessionRow]:
    """Open sessions at every kiosk of the station, oldest first (the dashboard's figure)."""
    return session.scalars(
        select(ChargingSessionRow)
        .where(ChargingSessionRow.status == "open")
        .order_by(ChargingSessionRow.started_at)
    ).all()


def open_charging_in_slot(session: Session, slot: str, kiosk_id: str) -> ChargingSessionRow | None:
    return session.scalars(
        select(ChargingSessionRow)
        .where(
            ChargingSessionRow.status == "open",
            ChargingSessionRow.kiosk_id == kiosk_id,
            ChargingSessionRow.slot == slot,
        )
        .order_by(ChargingSessionRow.started_at)
        .limit(1)
    ).first()


def overdue_charging_count(session: Session, started_before: datetime, kiosk_id: str) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(ChargingSessionRow)
            .where(
                ChargingSessionRow.status == "open",
                ChargingSessionRow.kiosk_id == kiosk_id,
                ChargingSessionRow.started_at <= started_before,
            )
        )
        or 0
    )
