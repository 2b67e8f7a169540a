"""The uses feature's store: its projection tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.platform.store.models import Base, UTCDateTime


class ServiceUseRow(Base):
    """Projection: one recorded use (人次), by its use id, so folding it twice changes nothing."""

    __tablename__ = "service_uses"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[str] = mapped_column(String(10))  # the station's local day, YYYY-MM-DD
    service_id: Mapped[str] = mapped_column(String(64))
    audience: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_service_uses_key", "day", "service_id", "audience"),
        Index("ix_service_uses_occurred", "occurred_at", "id"),  # log review keyset
        Index("ix_service_uses_service", "service_id", "occurred_at", "id"),
    )


class ServiceUseDayRow(Base):
    """Projection: people served per local day, service and audience (the 人次 reports)."""

    __tablename__ = "service_use_days"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    audience: Mapped[str] = mapped_column(String(16), primary_key=True)
    people: Mapped[int] = mapped_column(Integer)  # the sum of counts: 人次
    uses: Mapped[int] = mapped_column(Integer)  # taps recorded


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (
    ServiceUseRow,
    ServiceUseDayRow,
)
