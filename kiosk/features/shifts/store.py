"""The shifts feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.shifts.domain import fold_shift
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class ShiftRow(Base):
    """Projection: one shift, folded from its check-in, check-out, cancel and sweep events."""

    __tablename__ = "shifts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    volunteer_id: Mapped[str] = mapped_column(String(64), index=True)
    station_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checkin_kiosk_id: Mapped[str | None] = mapped_column(String(64))
    checkin_method: Mapped[str | None] = mapped_column(String(16))
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checkout_kiosk_id: Mapped[str | None] = mapped_column(String(64))
    checkout_method: Mapped[str | None] = mapped_column(String(16))
    minutes: Mapped[int | None] = mapped_column(Integer)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    amended: Mapped[bool] = mapped_column(Boolean, default=False)  # minutes set by a reviewer

    __table_args__ = (
        Index("ix_shifts_status_in", "status", "checked_in_at"),
        Index("ix_shifts_in", "checked_in_at"),
        Index("ix_shifts_in_id", "checked_in_at", "id"),  # log review keyset
    )


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (ShiftRow,)


def _project_shift(session: Session, events: list[Event]) -> object:
    state = fold_shift(events)
    if state is not None:
        upsert(session, ShiftRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


PROJECTORS: dict[str, Projector] = {"shift.": _project_shift}
