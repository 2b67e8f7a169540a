"""The lending store: loans, stock moves and stock (tables, projector, reads)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, bindparam, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.lending.domain import LoanStatus, fold_loan
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


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
    sealed: Mapped[str | None] = mapped_column(String(2048))  # the borrower's phone, sealed

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


_STOCK_MOVED = select(func.coalesce(func.sum(StockMoveRow.quantity), 0)).where(
    StockMoveRow.item == bindparam("item")
)
_LOANS_BY_STATUS = (
    select(LoanRow.status, func.count())
    .where(LoanRow.item == bindparam("item"), LoanRow.borrowed_at.is_not(None))
    .group_by(LoanRow.status)
)


def _recount_stock(session: Session, item: str) -> None:
    """Recount one item's stock from its moves and loans (never add to it: idempotent)."""
    conn = session.connection()
    stocked = int(conn.execute(_STOCK_MOVED, {"item": item}).scalar_one())
    counts = dict(conn.execute(_LOANS_BY_STATUS, {"item": item}).all())
    out = int(counts.get(LoanStatus.OUT.value, 0))
    gone = int(counts.get(LoanStatus.WRITTEN_OFF.value, 0))
    values = {
        "item": item,
        "stocked": stocked,
        "out": out,
        "written_off": gone,
        "left": stocked - out - gone,
    }
    upsert(session, StockRow.__table__, "item", values)  # type: ignore[arg-type]


def _project_lending(session: Session, events: list[Event]) -> object:
    """A stock move (its own aggregate) or one loan, then the item's stock recounted.

    The recount matches `domain.lending.stock_levels`, which the property tests hold to the
    log: a loan counts once whatever order its borrow and return arrived in.
    """
    moves = [e for e in events if e.kind == "lending.stocked"]
    if moves:
        move = moves[0]
        item = str(move.payload["item"])
        values = {
            "id": move.payload["stock_id"],
            "item": item,
            "quantity": int(move.payload["quantity"]),
            "kiosk_id": move.kiosk_id,
            "occurred_at": move.occurred_at,
        }
        upsert(session, StockMoveRow.__table__, "id", values)  # type: ignore[arg-type]
        _recount_stock(session, item)
        return values
    state = fold_loan(events)
    if state is None:
        return None
    previous = (
        session.connection().execute(select(LoanRow.item).where(LoanRow.id == state.id)).scalar()
    )
    upsert(session, LoanRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    _recount_stock(session, state.item)
    if previous is not None and previous != state.item:  # a return landed before its borrow
        _recount_stock(session, previous)
    return state


PROJECTORS: dict[str, Projector] = {"lending.": _project_lending}


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
    """The oldest loan of `item` still out against this phone number, written before phones
    were sealed (a sealed one is found by `open_loans_of`)."""
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


def open_sealed_loans_of(session: Session, item: str) -> Sequence[LoanRow]:
    """The loans of `item` still out whose phone is sealed, oldest first (a shelf's worth)."""
    return session.scalars(
        select(LoanRow)
        .where(
            LoanRow.item == item,
            LoanRow.status == LoanStatus.OUT.value,
            LoanRow.sealed.is_not(None),
        )
        .order_by(LoanRow.borrowed_at, LoanRow.id)
    ).all()


def overdue_count(session: Session, now: datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(LoanRow)
            .where(LoanRow.status == LoanStatus.OUT.value, LoanRow.due_at < now)
        )
        or 0
    )
