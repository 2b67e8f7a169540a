"""The first-aid book's store: incidents (table, projector, reads)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.incidents.domain import fold_incident
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class IncidentRow(Base):
    """Projection: one first-aid book entry with its corrections applied."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    emergency_id: Mapped[str | None] = mapped_column(String(64))
    happened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(20))
    what: Mapped[str] = mapped_column(String(20))
    first_aid: Mapped[list[str]] = mapped_column(JSON)
    items_used: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    aed_used: Mapped[bool] = mapped_column(Boolean)
    called_120: Mapped[bool] = mapped_column(Boolean)
    outcome: Mapped[str] = mapped_column(String(20))
    attended: Mapped[list[str]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(60))
    recorded_by: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    amendments: Mapped[int] = mapped_column(Integer, default=0)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    void_reason: Mapped[str | None] = mapped_column(String(20))

    __table_args__ = (Index("ix_incidents_happened", "happened_at", "id"),)


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (IncidentRow,)


def _project_incident(session: Session, events: list[Event]) -> object:
    state = fold_incident(events)
    if state is not None:
        upsert(session, IncidentRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


PROJECTORS: dict[str, Projector] = {"incident.": _project_incident}


def incidents(session: Session, limit: int = 50) -> Sequence[IncidentRow]:
    return session.scalars(
        select(IncidentRow)
        .order_by(IncidentRow.happened_at.desc(), IncidentRow.id.desc())
        .limit(limit)
    ).all()


def incident(session: Session, incident_id: str) -> IncidentRow | None:
    return session.get(IncidentRow, incident_id)
