"""The handovers' store: each handover with its acknowledgement (table, projector, reads)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.handover.domain import fold_handover
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class HandoverRow(Base):
    """Projection: one handover, what it counted, and who acknowledged it."""

    __tablename__ = "handovers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    volunteer_id: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    open: Mapped[dict[str, Any]] = mapped_column(JSON)
    counts: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(200))
    differences: Mapped[int] = mapped_column(Integer)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (Index("ix_handovers_recorded", "recorded_at", "id"),)  # newest; log keyset


TABLES: tuple[type[Base], ...] = (HandoverRow,)


def _project(session: Session, events: list[Event]) -> object:
    state = fold_handover(events)
    if state is not None:
        upsert(session, HandoverRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


PROJECTORS: dict[str, Projector] = {"handover.": _project}


def latest(session: Session) -> HandoverRow | None:
    """The station's latest handover."""
    return session.scalars(
        select(HandoverRow).order_by(HandoverRow.recorded_at.desc(), HandoverRow.id.desc())
    ).first()


def recent(session: Session, limit: int = 20) -> Sequence[HandoverRow]:
    return session.scalars(
        select(HandoverRow)
        .order_by(HandoverRow.recorded_at.desc(), HandoverRow.id.desc())
        .limit(limit)
    ).all()
