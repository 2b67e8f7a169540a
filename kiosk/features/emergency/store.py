"""The emergency feature's store: alerts (table, projector, reads)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import Index, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.emergency.domain import fold_emergency
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class EmergencyRow(Base):
    """Projection: one emergency alert; open while `acknowledged_at` is empty."""

    __tablename__ = "emergencies"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    place_zh: Mapped[str] = mapped_column(String(40))
    place_en: Mapped[str] = mapped_column(String(40))
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by: Mapped[str | None] = mapped_column(String(16))
    ack_actor: Mapped[str | None] = mapped_column(String(64))
    ack_kiosk_id: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_emergencies_open", "acknowledged_at", "raised_at"),)


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (EmergencyRow,)


def _project_emergency(session: Session, events: list[Event]) -> object:
    state = fold_emergency(events)
    if state is not None:
        upsert(session, EmergencyRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


PROJECTORS: dict[str, Projector] = {"emergency.": _project_emergency}


def open_emergencies(session: Session) -> Sequence[EmergencyRow]:
    return session.scalars(
        select(EmergencyRow)
        .where(EmergencyRow.acknowledged_at.is_(None))
        .order_by(EmergencyRow.raised_at)
    ).all()


def emergency(session: Session, emergency_id: str) -> EmergencyRow | None:
    return session.get(EmergencyRow, emergency_id)
