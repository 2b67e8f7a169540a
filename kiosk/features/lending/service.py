"""Lending (借用 / 归还): umbrellas, power banks, books, wheelchairs, and their stock.

Each use case is one transaction over the event log (`lending.*` events, folded into the
lending_loans and lending_stock projections). Stock moves only through events. Bad input — an
empty shelf, a malformed phone, no loan for that phone, a volunteer not on duty — is refused
with a bilingual message and writes nothing (a wrong volunteer PIN is counted, as at check-in).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.core.sealing import NOTICE_VERSION
from kiosk.core.text import clean_phone, mask_phone
from kiosk.features.admin.domain import Action
from kiosk.features.admin.service.accounts import audit
from kiosk.features.lending import store
from kiosk.features.lending.config import ItemEntry
from kiosk.features.lending.domain import (
    MAX_STOCK_MOVE,
    BorrowMethod,
    LendingItem,
    WriteOffReason,
    is_overdue,
)
from kiosk.features.lending.store import LoanRow
from kiosk.features.shifts import store as shifts_store
from kiosk.features.uses.domain import Audience, local_day
from kiosk.features.volunteers import store as volunteers_store
from kiosk.features.volunteers.service.duty import Actor, DutyService
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database
from kiosk.resources import resource_path

log = logging.getLogger(__name__)

ADMIN_ACTOR = "station_admin"


# --- items configuration ------------------------------------------------------------------


def parse_items(data: object, source: str) -> list[LendingItem]:
    """Items of a configuration body, in file order; bad or duplicate entries are logged and
    left out."""
    entries = data.get("items") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        log.warning("lending items from %s have no list of items: ignored", source)
        return []
    items: dict[str, LendingItem] = {}
    for index, entry in enumerate(entries[:100]):
        try:
            model = ItemEntry.model_validate(entry)
        except PydanticValidationError as exc:
            log.warning(
                "lending items from %s: entry %d ignored (%s)",
                source,
                index,
                exc.errors()[0]["msg"],
            )
            continue
        if model.id in items:
            log.warning("lending items from %s: duplicate item %s ignored", source, model.id)
            continue
        items[model.id] = LendingItem(**model.model_dump())
    return list(items.values())


def load_items(path: Path | None = None) -> list[LendingItem]:
    """The bundled default set (resources/lending_items.json)."""
    source = path or resource_path("lending_items.json")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("no readable %s: nothing to lend", source.name)
        return []
    return parse_items(data, source.name)


def choose_items(published: Any, default: list[LendingItem]) -> list[LendingItem]:
    """The hub's items when it published at least one usable item, else the default."""
    if published is None:
        return default
    return parse_items(published, "the hub") or default


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StockView:
    item: LendingItem
    stocked: int
    out: int
    written_off: int
    left: int

    @property
    def over_lent(self) -> bool:
        """Two kiosks lent the last unit while offline: shown to staff, never hidden."""
        return self.left < 0

    def left_text(self) -> tuple[str, str]:
        return self.item.left_text(self.left)


@dataclass(frozen=True)
class Approver:
    """A volunteer on duty who vouched for a borrower (badge or phone + PIN)."""

    volunteer_id: str
    name: str


@dataclass(frozen=True)
class LoanView:
    """A loan as the kiosk shows it: the phone only masked."""

    loan_id: str
    item: LendingItem
    masked_phone: str
    approved_by: str | None  # the volunteer's name
    borrowed_at: datetime | None
    due_at: datetime | None
    overdue: bool
    flagged: bool


@dataclass(frozen=True)
class Borrowed:
    loan: LoanView
    left: int


@dataclass(frozen=True)
class Returned:
    loan: LoanView
    left: int


# --- errors -------------------------------------------------------------------------------

_UNKNOWN_ITEM = NotFound("没有这种借用物品", "No such item to lend")
_NOT_ON_DUTY = Conflict(
    "这位志愿者不在岗，请在岗志愿者确认", "This volunteer is not on duty; ask one who is"
)
_UNKNOWN_LOAN = NotFound("没有找到这笔借用", "No such loan")
_LOAN_CLOSED = Conflict("这笔借用已经结束", "This loan has already ended")


def _none_left(item: LendingItem) -> Conflict:
    return Conflict(
        f"{item.name_zh}已借完，请稍后再来或询问志愿者",
        f"No {item.plural_en} left to lend; please come back later or ask a volunteer",
    )


def _not_lent(item: LendingItem) -> Conflict:
    return Conflict(
        f"{item.name_zh}暂停借出（仍可归还）",
        f"The {item.name_en} is not lent at the moment (returns are still taken)",
    )


NO_CONSENT = ValidationError(
    "留下手机号前，请阅读说明并点“同意”",
    "Please read the notice and tap Agree before leaving a phone",
)


def _masked(personal: tuple[str | None, str, bool]) -> str:
    """A loan's phone as shown: masked, "已删除 / Erased" once erased, "" for none."""
    phone, text, erased = personal
    return text if erased else (mask_phone(phone) if phone else "")


def _no_loan_for_phone(item: LendingItem) -> NotFound:
    return NotFound(
        f"没有用此手机号借出的{item.name_zh}，请核对号码或询问志愿者",
        f"No {item.name_en} is out on this phone number; check it or ask a volunteer",
    )


class LendingService:
    """Loans and stock over the configured items; `items` gives the current configuration."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        timezone: ZoneInfo,
        items: Callable[[], list[LendingItem]],
        public_keys: Callable[[], dict[str, Ed25519PublicKey]],
    ) -> None:
        self._db = database
        self._clock = clock
        self._tz = timezone
        self._items = items
        self._duty = DutyService(database, clock, public_keys)

    # --- items and stock ----------------------------------------------------------------------

    def items(self) -> list[LendingItem]:
        """The items lent now (an admin may have stopped lending some)."""
        return [i for i in self._items() if i.enabled]

    def item(self, item_id: str) -> LendingItem:
        found = next((i for i in self._items() if i.id == item_id), None)
        if found is None:
            raise _UNKNOWN_ITEM
        return found

    def _item_or_placeholder(self, item_id: str) -> LendingItem:
        """An item that left the configuration still has loans to show and close."""
        try:
            return self.item(item_id)
        except NotFound:
            return LendingItem(item_id, "", item_id, item_id, item_id, "个", "info", 3)

    def items_for_service(self, service_id: str) -> list[LendingItem]:
        """The items lent from one catalogue tile (an umbrella tile lends umbrellas)."""
        return [i for i in self.items() if service_id and i.service_id == service_id]

    def lends(self, service_id: str) -> bool:
        return bool(self.items_for_service(service_id))

    def stock(self, item_id: str) -> StockView:
        item = self.item(item_id)
        with self._db.read() as session:
            row = store.stock(session, item.id)
        return self._view(item, row)

    def stock_all(self) -> list[StockView]:
        """Every configured item's stock, over-lent ones first (staff must look)."""
        with self._db.read() as session:
            rows = store.stock_rows(session)
        views = [self._view(item, rows.get(item.id)) for item in self._items()]
        return sorted(views, key=lambda v: not v.over_lent)

    @staticmethod
    def _view(item: LendingItem, row: Any) -> StockView:
        if row is None:
            return StockView(item, 0, 0, 0, 0)
        return StockView(item, row.stocked, row.out, row.written_off, row.left)

    def tile_notes(self) -> dict[str, tuple[str, str]]:
        """What each lending tile says under its name: ("剩 3 把伞", "3 umbrellas left")."""
        with self._db.read() as session:
            rows = store.stock_rows(session)
        notes: dict[str, tuple[str, str]] = {}
        for item in self.items():
            if item.service_id and item.service_id not in notes:
                notes[item.service_id] = self._view(item, rows.get(item.id)).left_text()
        return notes

    def check_available(self, item_id: str) -> StockView:
        """Refuse at once when the shelf is empty, before asking for a phone number."""
        view = self.stock(item_id)
        if not view.item.enabled:
            raise _not_lent(view.item)
        if view.left <= 0:
            raise _none_left(view.item)
        return view

    def add_stock(
        self, item_id: str, quantity: int, actor: str = ADMIN_ACTOR, *, audited: bool = False
    ) -> StockView:
        """Staff put units on the shelf (or take them off, negative); `audited`: an admin on
        the admin screen did it (its audit event lands in the same transaction)."""
        item = self.item(item_id)
        if isinstance(quantity, bool) or not 0 < abs(quantity) <= MAX_STOCK_MOVE:
            raise ValidationError(
                f"数量须在 1 到 {MAX_STOCK_MOVE} 之间",
                f"The quantity must be 1 to {MAX_STOCK_MOVE}",
            )
        with self._db.write() as session:
            row = store.stock(session, item.id)
            if quantity < 0 and (row.left if row else 0) + quantity < 0:
                raise ValidationError(
                    "架上没有这么多可以移除", "There are not that many on the shelf"
                )
            payload = {"stock_id": new_id(), "item": item.id, "quantity": quantity}
            eventlog.append(
                session, "lending.stocked", payload, occurred_at=self._clock.now(), actor=actor
            )
            after = self._view(item, store.stock(session, item.id))
            if audited:
                audit(
                    session,
                    self._clock,
                    actor,
                    Action.STOCK_ADDED,
                    item.id,
                    {"left": after.left - quantity},
                    {"left": after.left, "quantity": quantity},
                )
            return after

    # --- volunteer approval -------------------------------------------------------------------

    def approve_by_badge(self, token: str) -> Approver:
        """A volunteer on duty scanned their badge to vouch for a borrower (writes nothing)."""
        return _approver(self._duty.by_badge(token, _NOT_ON_DUTY))

    def approve_by_pin(self, phone: str, pin: str) -> Approver:
        """Phone + PIN of a volunteer on duty; wrong PINs count toward the same lock as at
        check-in (locks that grow with each wrong PIN)."""
        return _approver(self._duty.by_phone_pin(phone, pin, _NOT_ON_DUTY))

    # --- borrowing and returning --------------------------------------------------------------

    def borrow_with_phone(self, item_id: str, phone: str, *, consent: bool = False) -> Borrowed:
        """One unit against a phone number: only with `consent` (the borrower agreed to the
        notice); stored sealed under the loan's own key, only ever shown masked."""
        phone = clean_phone(phone)
        if not consent:
            raise NO_CONSENT
        return self._borrow(self.item(item_id), phone, None)

    def borrow_with_approval(self, item_id: str, approver: Approver) -> Borrowed:
        """One unit vouched for by a volunteer on duty (no phone asked)."""
        return self._borrow(self.item(item_id), None, approver)

    def _borrow(self, item: LendingItem, phone: str | None, approver: Approver | None) -> Borrowed:
        if not item.enabled:
            raise _not_lent(item)
        now = self._clock.now()
        loan_id = new_id()
        with self._db.write() as session:
            row = store.stock(session, item.id)
            if row is None or row.left <= 0:
                raise _none_left(item)
            if approver is not None:  # still on duty now, in this transaction
                volunteer = volunteers_store.volunteer(session, approver.volunteer_id)
                if (
                    volunteer is None
                    or not volunteer.active
                    or shifts_store.open_shift(session, volunteer.id) is None
                ):
                    raise _NOT_ON_DUTY
            payload: dict[str, object] = {
                "loan_id": loan_id,
                "item": item.id,
                "method": (BorrowMethod.PHONE if phone else BorrowMethod.VOLUNTEER).value,
                "approved_by": approver.volunteer_id if approver else None,
                "due_at": (now + timedelta(days=item.due_days)).isoformat(),
            }
            if phone:  # sealed under the loan's own key (docs/privacy.md)
                payload["sealed"] = self._db.vault.seal(session, loan_id, {"phone": phone}, now)
                payload["consent"] = NOTICE_VERSION
            actor = approver.volunteer_id if approver else None
            eventlog.append(session, "lending.borrowed", payload, occurred_at=now, actor=actor)
            if item.service_id:  # a loan is a service used (人次), like a charge
                eventlog.append(
                    session,
                    "service.used",
                    {
                        "use_id": new_id(),
                        "service_id": item.service_id,
                        "audience": Audience.NONE.value,
                        "count": 1,
                        "day": local_day(now, self._tz).isoformat(),
                    },
                    occurred_at=now,
                )
            loan = store.loan(session, loan_id)
            assert loan is not None
            left = store.stock(session, item.id)
            return Borrowed(self._loan_view(session, loan, now), left.left if left else 0)

    def return_by_phone(self, item_id: str, phone: str) -> Returned:
        """The borrower gives back one unit at any kiosk of the station, naming their phone."""
        item = self.item(item_id)
        phone = clean_phone(phone)
        with self._db.write() as session:
            row = store.open_loan_by_phone(session, item.id, phone) or next(
                (
                    loan
                    for loan in store.open_sealed_loans_of(session, item.id)
                    if self._db.vault.personal(session, loan.sealed, None)[0] == phone
                ),
                None,
            )
            if row is None:
                raise _no_loan_for_phone(item)
            return self._return(session, row, None)

    def return_loan(
        self, loan_id: str, actor: str = ADMIN_ACTOR, *, audited: bool = False
    ) -> Returned:
        """Staff take back a unit (a loan approved by a volunteer has no phone to name)."""
        with self._db.write() as session:
            row = store.loan(session, loan_id)
            if row is None:
                raise _UNKNOWN_LOAN
            if row.status != "out":
                raise _LOAN_CLOSED
            if audited:
                after = {"status": "returned", "item": row.item}
                status = {"status": "out"}
                audit(session, self._clock, actor, Action.LOAN_RETURNED, row.id, status, after)
            return self._return(session, row, actor)

    def _return(self, session: Session, row: LoanRow, actor: str | None) -> Returned:
        now = self._clock.now()
        payload = {"loan_id": row.id, "item": row.item}
        eventlog.append(session, "lending.returned", payload, occurred_at=now, actor=actor)
        stock = store.stock(session, row.item)
        return Returned(self._loan_view(session, row, now), stock.left if stock else 0)

    def write_off(
        self, loan_id: str, reason: str, actor: str = ADMIN_ACTOR, *, audited: bool = False
    ) -> LoanView:
        """An admin writes off a unit that is not coming back, with a reason from the list."""
        try:
            why = WriteOffReason(reason)
        except ValueError:
            raise ValidationError("请选择注销原因", "Please choose a reason") from None
        now = self._clock.now()
        with self._db.write() as session:
            row = store.loan(session, loan_id)
            if row is None:
                raise _UNKNOWN_LOAN
            if row.status != "out":
                raise _LOAN_CLOSED
            payload = {"loan_id": row.id, "item": row.item, "reason": why.value}
            eventlog.append(session, "lending.written_off", payload, occurred_at=now, actor=actor)
            if audited:
                audit(
                    session,
                    self._clock,
                    actor,
                    Action.LOAN_WRITTEN_OFF,
                    row.id,
                    {"status": "out"},
                    {"status": "written_off", "reason": why.value, "item": row.item},
                )
            return self._loan_view(session, row, now)

    # --- staff lists --------------------------------------------------------------------------

    def open_loans(self) -> list[LoanView]:
        """Loans still out, overdue first, then soonest due."""
        now = self._clock.now()
        with self._db.read() as session:
            views = [self._loan_view(session, row, now) for row in store.open_loans(session)]
        return sorted(views, key=lambda v: not v.overdue)

    def overdue_count(self) -> int:
        with self._db.read() as session:
            return store.overdue_count(session, self._clock.now())

    def _loan_view(self, session: Session, row: LoanRow, now: datetime) -> LoanView:
        approver = None
        if row.approved_by:
            volunteer = volunteers_store.volunteer(session, row.approved_by)
            approver = volunteer.name if volunteer else row.approved_by
        return LoanView(
            loan_id=row.id,
            item=self._item_or_placeholder(row.item),
            masked_phone=_masked(self._db.vault.personal(session, row.sealed, row.phone)),
            approved_by=approver,
            borrowed_at=row.borrowed_at,
            due_at=row.due_at,
            overdue=row.status == "out" and is_overdue(row.due_at, now),
            flagged=row.flagged,
        )

    def local_time(self, moment: datetime) -> datetime:
        return moment.astimezone(self._tz)


def _approver(actor: Actor) -> Approver:
    assert actor.volunteer_id is not None  # a volunteer vouches, never the admin
    return Approver(actor.volunteer_id, actor.name)
