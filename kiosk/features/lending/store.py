"""Read queries over the lending projections; services call these inside their own sessions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.features.lending.domain import LoanStatus
from kiosk.platform.store.models import LoanRow, StockRow


def loan(session: Session, loan_id: str) -> LoanRow | None:
    return session.get(LoanRow, loan_id, populate_existing=True)


def stock(session: Session, item: str) -> StockRow | None:
    """Read afresh: the projection is rewritten by Core statements the identity map misses."""
    return session.get(StockRow, item, populate_existing=True)


def stock_rows(session: Session) -> dict[str, StockRow]:
    return {row.item: row for row in session.scalars(select(StockRow)).all()}


def open_loans(session: Session) -> Sequence[LoanRow]:
    """Loans still out, soonest due first."""
    return session.scalars(
        select(LoanRow)
        .where(LoanRow.status == LoanStatus.OUT.value)
        .order_by(LoanRow.due_at, LoanRow.id)
    ).all()


def open_loan_by_phone(session: Session, item: str, phone: str) -> LoanRow | None:
    """The oldest loan of `item` still out against this phone number."""
    return session.scalars(
        select(LoanRow)
        .where(
            LoanRow.phone == phone,
            LoanRow.item == item,
            LoanRow.status == LoanStatus.OUT.value,
        )
        .order_by(LoanRow.borrowed_at, LoanRow.id)
        .limit(1)
    ).first()


def overdue_count(session: Session, now: datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(LoanRow)
            .where(LoanRow.status == LoanStatus.OUT.value, LoanRow.due_at < now)
        )
        or 0
    )
