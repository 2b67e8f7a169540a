"""The charging feature's store: its projection tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.platform.store.models import Base, UTCDateTime


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
