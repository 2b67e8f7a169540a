"""Read queries over the lending projections; services call these inside their own sessions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.features.lending.domain import LoanStatus
from kiosk.platform.store.models import Base, UTCDateTime


class LoanRow(Base):
    """Projection: one loan (借用), folded from its borrow, return and write-off events."""

    __tablename__ = "lending_loans"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item: Mapped[str] = mapped_column(String(32))
    station_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # out | returned | written_off
    method: Mapped[str | None] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(15))
    approved_by: Mapped[str | None] = mapped_column(String(64))
    borrowed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    borrow_kiosk_id: Mapped[str | None] = mapped_column(String(64))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    return_kiosk_id: Mapped[str | None] = mapped_column(String(64))
    written_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(String(16))
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_lending_loans_status_due", "status", "due_at"),  # overdue list
        Index("ix_lending_loans_phone", "phone", "item", "status"),  # return by phone
        Index("ix_lending_loans_item_status", "item", "status"),  # stock recount
        Index("ix_lending_loans_borrowed", "borrowed_at", "id"),  # log review keyset
        Index("ix_lending_loans_status_borrowed", "status", "borrowed_at", "id"),  # log review
    )


class StockMoveRow(Base):
    """Projection: units put on or taken off a shelf (one `lending.stocked` event each)."""

    __tablename__ = "lending_stock_moves"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item: Mapped[str] = mapped_column(String(32), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StockRow(Base):
    """Projection: each item's stock, recounted from moves and loans after every change."""

    __tablename__ = "lending_stock"

    item: Mapped[str] = mapped_column(String(32), primary_key=True)
    stocked: Mapped[int] = mapped_column(Integer)
    out: Mapped[int] = mapped_column(Integer)
    written_off: Mapped[int] = mapped_column(Integer)
    left: Mapped[int] = mapped_column(Integer)  # negative: lent twice offline (flagged)


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (
    LoanRow,
    StockMoveRow,
    StockRow,
)


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
