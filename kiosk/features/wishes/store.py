"""The wishes feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.requests.domain import fold_wish
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class WishRow(Base):
    """Projection: one need or wish (诉求 / 微心愿)."""

    __tablename__ = "wishes"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ticket: Mapped[str] = mapped_column(String(6))
    category: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(8))
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(16))
    answer: Mapped[str] = mapped_column(String(500), default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sealed: Mapped[str | None] = mapped_column(String(2048))  # phone and text, sealed

    __table_args__ = (
        Index("ix_wishes_status_submitted", "status", "submitted_at"),
        Index("ix_wishes_ticket", "ticket", "submitted_at"),
        Index("ix_wishes_submitted_id", "submitted_at", "id"),  # log review keyset
        Index("ix_wishes_status_submitted_id", "status", "submitted_at", "id"),  # log review
    )


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (WishRow,)


def _project_wish(session: Session, events: list[Event]) -> object:
    state = fold_wish(events)
    if state is not None:
        upsert(session, WishRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


PROJECTORS: dict[str, Projector] = {"wish.": _project_wish}
