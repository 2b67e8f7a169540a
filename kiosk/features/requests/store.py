"""Queries of the requests and wishes projections: the open queue and the ticket lookup."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.features.requests.domain import OPEN_STATUSES, WishStatus
from kiosk.platform.store.models import KioskMeta, RequestRow, WishRow

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
