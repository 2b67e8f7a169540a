"""The requests store: help requests (table, projector), the queue and the ticket lookups of
requests and wishes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.requests.domain import OPEN_STATUSES, WishStatus, fold_request
from kiosk.features.wishes.store import WishRow
from kiosk.platform.store.models import Base, KioskMeta, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class RequestRow(Base):
    """Projection: one help request (点单), from a kiosk or a phone; refused accepts as JSON."""

    __tablename__ = "requests"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ticket: Mapped[str] = mapped_column(String(6))
    category: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(8))
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    train: Mapped[str | None] = mapped_column(String(8))
    departs_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    phone: Mapped[str | None] = mapped_column(String(15))
    text: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16))
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by: Mapped[str | None] = mapped_column(String(64))
    accept_kiosk_id: Mapped[str | None] = mapped_column(String(64))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_by: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(200), default="")
    rating: Mapped[str | None] = mapped_column(String(8))
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    response_s: Mapped[int | None] = mapped_column(Integer)
    completion_s: Mapped[int | None] = mapped_column(Integer)
    refused: Mapped[str] = mapped_column(Text, default="[]")
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    sealed: Mapped[str | None] = mapped_column(String(2048))  # phone and text, sealed

    __table_args__ = (
        Index("ix_requests_status_ordered", "status", "ordered_at"),  # the open queue
        Index("ix_requests_ticket", "ticket", "ordered_at"),  # lookup: newest with the number
        Index("ix_requests_ordered_id", "ordered_at", "id"),  # log review keyset
        Index("ix_requests_status_ordered_id", "status", "ordered_at", "id"),  # log review
        Index("ix_requests_category_ordered_id", "category", "ordered_at", "id"),  # log review
        Index("ix_requests_helper_ordered", "accepted_by", "ordered_at", "id"),  # log review
    )


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (RequestRow,)


def _project_request(session: Session, events: list[Event]) -> object:
    state = fold_request(events)
    if state is not None:
        values = asdict(state)
        values["refused"] = json.dumps(
            [{"volunteer_id": r.volunteer_id, "kiosk_id": r.kiosk_id} for r in state.refused]
        )
        upsert(session, RequestRow.__table__, "id", values)  # type: ignore[arg-type]
    return state


PROJECTORS: dict[str, Projector] = {"request.": _project_request}


OPEN_WISHES = (WishStatus.RECEIVED.value, WishStatus.IN_PROGRESS.value)


def request(session: Session, request_id: str) -> RequestRow | None:
    return session.get(RequestRow, request_id)


def open_requests(session: Session) -> Sequence[RequestRow]:
    """Ordered and accepted requests, oldest first (read off ix_requests_status_ordered)."""
    return session.scalars(
        select(RequestRow)
        .where(RequestRow.status.in_(OPEN_STATUSES))
        .order_by(RequestRow.ordered_at, RequestRow.id)
    ).all()


def open_request_count(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(RequestRow).where(RequestRow.status.in_(OPEN_STATUSES))
        )
        or 0
    )


def request_by_ticket(session: Session, ticket: str) -> RequestRow | None:
    """The newest request with this number (numbers are random; a clash is rare)."""
    return session.scalars(
        select(RequestRow)
        .where(RequestRow.ticket == ticket)
        .order_by(RequestRow.ordered_at.desc())
        .limit(1)
    ).first()


def wish(session: Session, wish_id: str) -> WishRow | None:
    return session.get(WishRow, wish_id)


def open_wishes(session: Session) -> Sequence[WishRow]:
    return session.scalars(
        select(WishRow)
        .where(WishRow.status.in_(OPEN_WISHES))
        .order_by(WishRow.submitted_at, WishRow.id)
    ).all()


def wish_by_ticket(session: Session, ticket: str) -> WishRow | None:
    return session.scalars(
        select(WishRow)
        .where(WishRow.ticket == ticket)
        .order_by(WishRow.submitted_at.desc())
        .limit(1)
    ).first()


def ticket_in_use(session: Session, ticket: str) -> bool:
    """True when an open request or wish already has this number (a fresh one is drawn)."""
    req = session.scalar(
        select(func.count())
        .select_from(RequestRow)
        .where(RequestRow.ticket == ticket, RequestRow.status.in_(OPEN_STATUSES))
    )
    wishes = session.scalar(
        select(func.count())
        .select_from(WishRow)
        .where(WishRow.ticket == ticket, WishRow.status.in_(OPEN_WISHES))
    )
    return bool(req) or bool(wishes)


def this_kiosk_id(session: Session) -> str:
    meta = session.get(KioskMeta, 1)
    return meta.kiosk_id if meta is not None else ""
