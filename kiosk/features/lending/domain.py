"""Lending rules (借用 / 归还): items, loans, and stock counted from the log.

Stock is never a number stored and decremented: it is what the log says — units stocked, minus
loans still out, minus loans written off. A loan folds the same whatever order its events arrive
in (borrowed at kiosk A, returned at kiosk B, pulled by kiosk C in either order), because the
fold looks at which facts exist, not at their order.

Two kiosks lending the last unit while offline is possible: the fold then shows the stock as
negative and flags the item as over-lent for staff, rather than refusing a fact that happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import Field

from kiosk.core.events import ID, ID_OPTIONAL, EventKind, Payload
from kiosk.core.order import agreed_order
from kiosk.core.sealing import MAX_SEALED, SEALED_PATTERN

if TYPE_CHECKING:  # events.py imports this module's patterns
    from kiosk.core.events import Event

ITEM_ID_PATTERN = r"^[a-z0-9_]{1,32}$"
MAX_STOCK_MOVE = 500
MAX_DUE_DAYS = 365


class WriteOffReason(StrEnum):
    """Why a loan was written off by an admin instead of being returned."""

    LOST = "lost"  # the borrower lost it, or never came back
    DAMAGED = "damaged"  # came back broken: not fit to lend again
    OTHER = "other"


WRITE_OFF_PATTERN = "^(" + "|".join(r.value for r in WriteOffReason) + ")$"


class BorrowMethod(StrEnum):
    """How a borrower was accepted: their phone number, or a volunteer on duty vouching."""

    PHONE = "phone"
    VOLUNTEER = "volunteer"


BORROW_METHOD_PATTERN = "^(" + "|".join(m.value for m in BorrowMethod) + ")$"


@dataclass(frozen=True)
class LendingItem:
    """One kind of lendable thing, as configured (bundled default or published by the hub)."""

    id: str
    service_id: str  # the catalogue tile that opens its lending page ("" for none)
    name_zh: str  # 伞
    name_en: str  # umbrella
    plural_en: str  # umbrellas
    measure_zh: str  # the measure word: 把 (伞), 个 (充电宝), 本 (书), 台 (轮椅)
    icon: str
    due_days: int  # a loan out longer than this is overdue
    enabled: bool = True  # False: a local admin stopped lending it (returns still taken)

    def name(self, language: str) -> str:
        return self.name_zh if language == "zh" else self.name_en

    def left_text(self, count: int) -> tuple[str, str]:
        """("剩 3 把伞", "3 umbrellas left"): what the home tile says."""
        shown = max(0, count)
        noun = self.name_en if shown == 1 else self.plural_en
        return f"剩 {shown} {self.measure_zh}{self.name_zh}", f"{shown} {noun} left"


class LoanStatus(StrEnum):
    OUT = "out"
    RETURNED = "returned"
    WRITTEN_OFF = "written_off"


@dataclass(frozen=True)
class LoanState:
    """One loan (the projection row). `borrowed_at` is None while only its return has arrived."""

    id: str
    item: str
    station_id: str
    status: str  # LoanStatus
    method: str | None
    phone: str | None
    approved_by: str | None
    borrowed_at: datetime | None
    sealed: str | None  # the borrower's phone under the loan's own key (docs/privacy.md)
    borrow_kiosk_id: str | None
    due_at: datetime | None
    returned_at: datetime | None
    return_kiosk_id: str | None
    written_off_at: datetime | None
    reason: str | None
    flagged: bool  # returned twice, returned and written off, or a return with no borrow yet


def fold_loan(events: Iterable[Event]) -> LoanState | None:
    """The loan's state from whichever of its events are here, in any order.

    A return beats a write-off (the item physically came back); of several returns or
    write-offs the earliest counts; any such doubling flags the loan for staff.
    """
    mine = agreed_order(e for e in events if e.kind.startswith("lending."))
    borrowed = [e for e in mine if e.kind == "lending.borrowed"]
    returned = [e for e in mine if e.kind == "lending.returned"]
    written = [e for e in mine if e.kind == "lending.written_off"]
    if not (borrowed or returned or written):
        return None
    first = (borrowed or returned or written)[0]
    borrow = borrowed[0] if borrowed else None
    status = LoanStatus.OUT
    if returned:
        status = LoanStatus.RETURNED
    elif written:
        status = LoanStatus.WRITTEN_OFF
    back = returned[0] if returned else None
    lost = written[0] if written and not returned else None
    flagged = (
        len(borrowed) > 1
        or len(returned) > 1
        or len(written) > 1
        or (bool(returned) and bool(written))
        or (borrow is None)
    )
    return LoanState(
        id=str(first.payload["loan_id"]),
        item=str((borrow or first).payload["item"]),
        station_id=first.station_id,
        status=status.value,
        method=None if borrow is None else str(borrow.payload["method"]),
        phone=None if borrow is None else borrow.payload.get("phone"),
        sealed=None if borrow is None else borrow.payload.get("sealed"),
        approved_by=None if borrow is None else borrow.payload.get("approved_by"),
        borrowed_at=None if borrow is None else borrow.occurred_at,
        borrow_kiosk_id=None if borrow is None else borrow.kiosk_id,
        due_at=None if borrow is None else _due(borrow),
        returned_at=None if back is None else back.occurred_at,
        return_kiosk_id=None if back is None else back.kiosk_id,
        written_off_at=None if lost is None else lost.occurred_at,
        reason=None if lost is None else str(lost.payload["reason"]),
        flagged=flagged,
    )


def _due(borrow: Event) -> datetime:
    return datetime.fromisoformat(str(borrow.payload["due_at"]))


@dataclass(frozen=True)
class StockLevel:
    """What an item's shelf should hold, from the log."""

    item: str
    stocked: int  # units ever put on the shelf (net of units taken away)
    out: int  # loans still out
    written_off: int  # loans written off (lost, damaged)

    @property
    def left(self) -> int:
        return self.stocked - self.out - self.written_off

    @property
    def over_lent(self) -> bool:
        """Kiosks lent more than the shelf held (the last unit lent twice while offline)."""
        return self.left < 0


def stock_levels(
    moves: Iterable[tuple[str, int]], loans: Iterable[LoanState]
) -> dict[str, StockLevel]:
    """Stock per item from stock moves (item, quantity) and folded loans.

    A loan counts once whatever happened to it: out (−1), returned (0), written off (−1 for
    good); a loan known only by its return counts 0, so a late borrow cannot count twice.
    """
    stocked: dict[str, int] = {}
    out: dict[str, int] = {}
    gone: dict[str, int] = {}
    for item, quantity in moves:
        stocked[item] = stocked.get(item, 0) + quantity
    for loan in loans:
        if loan.borrowed_at is None:
            continue
        if loan.status == LoanStatus.OUT:
            out[loan.item] = out.get(loan.item, 0) + 1
        elif loan.status == LoanStatus.WRITTEN_OFF:
            gone[loan.item] = gone.get(loan.item, 0) + 1
    items = set(stocked) | set(out) | set(gone)
    return {
        item: StockLevel(item, stocked.get(item, 0), out.get(item, 0), gone.get(item, 0))
        for item in items
    }


def stock_from_events(events: Iterable[Event]) -> dict[str, StockLevel]:
    """Stock straight from a log (tests, and a check on the projection): fold every loan."""
    moves: list[tuple[str, int]] = []
    by_loan: dict[str, list[Event]] = {}
    for event in events:
        if event.kind == "lending.stocked":
            moves.append((str(event.payload["item"]), int(event.payload["quantity"])))
        elif event.kind.startswith("lending."):
            by_loan.setdefault(str(event.payload["loan_id"]), []).append(event)
    loans = [state for evs in by_loan.values() if (state := fold_loan(evs)) is not None]
    return stock_levels(moves, loans)


def is_overdue(due_at: datetime | None, now: datetime) -> bool:
    return due_at is not None and now > due_at


# --- event kinds (payload schemas, one declaration each) ------------------------------------------


class LendingStocked(Payload):
    """Units put on (or, negative, taken off) an item's shelf by staff; `stock_id` is its own."""

    stock_id: str = ID
    item: str = Field(pattern=ITEM_ID_PATTERN)
    quantity: int = Field(ge=-MAX_STOCK_MOVE, le=MAX_STOCK_MOVE)
    note: str = Field(default="", max_length=200)


class LendingBorrowed(Payload):
    """One unit lent: against a phone number (shown only masked) or a volunteer's approval.
    The phone travels sealed under the loan's own key (`sealed`, with `consent`, docs/privacy.md);
    `phone` in clear only in events written before."""

    loan_id: str = ID
    item: str = Field(pattern=ITEM_ID_PATTERN)
    method: str = Field(pattern=BORROW_METHOD_PATTERN)
    phone: str | None = Field(default=None, min_length=6, max_length=15, pattern=r"^\d+$")
    sealed: str | None = Field(default=None, max_length=MAX_SEALED, pattern=SEALED_PATTERN)
    consent: int | None = Field(default=None, ge=1, le=999)
    approved_by: str | None = ID_OPTIONAL
    due_at: datetime


class LendingReturned(Payload):
    """The unit came back, at any kiosk of the station."""

    loan_id: str = ID
    item: str = Field(pattern=ITEM_ID_PATTERN)


class LendingWrittenOff(Payload):
    """An admin wrote off a unit that is not coming back (lost, damaged), with a reason."""

    loan_id: str = ID
    item: str = Field(pattern=ITEM_ID_PATTERN)
    reason: str = Field(pattern=WRITE_OFF_PATTERN)
    note: str = Field(default="", max_length=200)


KINDS: tuple[EventKind, ...] = (
    EventKind("lending.stocked", LendingStocked, "stock_id"),
    EventKind("lending.borrowed", LendingBorrowed, "loan_id"),
    EventKind("lending.returned", LendingReturned, "loan_id"),
    EventKind("lending.written_off", LendingWrittenOff, "loan_id"),
)
