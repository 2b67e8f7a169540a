"""The lending flow: its pages, the taps between them, and a volunteer's badge scan to approve.

Like the charging flow, it builds its pages into the window's stack on first use (importing
their modules then), calls the lending service for every action and shows the outcome through
its navigator; what it writes pokes sync by itself (the database's after-commit hook).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Slot

from kiosk.core.errors import Conflict, KioskError, ValidationError
from kiosk.core.text import clean_phone, mask_phone
from kiosk.features.lending.domain import LendingItem
from kiosk.features.lending.service import NO_CONSENT, Approver, Borrowed, Returned
from kiosk.features.volunteers.domain.badges import looks_like_badge
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.outcomes import Outcome, Tone

if TYPE_CHECKING:
    from datetime import datetime

    from kiosk.features.catalogue.service.catalogue import ServiceItem
    from kiosk.features.lending.service import LendingService
    from kiosk.features.lending.ui.entry import (
        ApproverPhonePage,
        ApproverPinPage,
        BorrowerPhonePage,
    )
    from kiosk.features.lending.ui.pages import LendingPage
    from kiosk.features.uses.service import UseService
    from kiosk.platform.ui.navigator import Navigator


class _Retention(Protocol):
    @property
    def retention_loan_days(self) -> int: ...


class LendingServices(Protocol):
    """What the lending flow needs of the kiosk's services."""

    @property
    def settings(self) -> _Retention: ...

    @property
    def lending(self) -> LendingService: ...

    @property
    def uses(self) -> UseService: ...

    admin_actor: str  # the admin logged in: the console's lending tab audits as it

    def service(self, service_id: str) -> ServiceItem | None: ...
    def service_link(self, item: ServiceItem) -> str: ...


log = logging.getLogger(__name__)


def borrowed_outcome(borrowed: Borrowed, local: datetime | None) -> Outcome:
    """The screen after a loan: take one, return it by when, on which phone or whose word."""
    loan, item = borrowed.loan, borrowed.loan.item
    due = local.strftime("%m-%d %H:%M") if local is not None else ""
    who_zh = (
        f"登记手机：{loan.masked_phone}" if loan.masked_phone else f"志愿者{loan.approved_by}确认"
    )
    who_en = (
        f"Phone: {loan.masked_phone}" if loan.masked_phone else f"Approved by {loan.approved_by}"
    )
    return Outcome(
        Tone.SUCCESS,
        item.icon,
        f"请取一{item.measure_zh}{item.name_zh}",
        f"Please take one {item.name_en}",
        f"请于 {due} 前归还，本站任意终端均可归还。{who_zh}",
        f"Please return it by {due} at any kiosk of this station. {who_en}",
    )


def returned_outcome(returned: Returned) -> Outcome:
    item = returned.loan.item
    left_zh, left_en = item.left_text(returned.left)
    return Outcome(
        Tone.SUCCESS,
        "check",
        f"{item.name_zh}已归还，谢谢！",
        f"Thank you: the {item.name_en} is returned",
        f"请放回原处。现在{left_zh}。",
        f"Please put it back on the shelf. Now {left_en}.",
    )


class LendingFlow(Flow):
    """Owns the lending pages (built on first use) and handles their signals."""

    def __init__(self, navigator: Navigator, services: LendingServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._service_id = ""

    @lazy_page
    def page(self) -> LendingPage:
        from kiosk.features.lending.ui.pages import LendingPage

        page = LendingPage(self._nav.language, self._nav.theme)
        page.action_chosen.connect(self._on_action)
        page.item_chosen.connect(self._on_item_chosen)
        page.used_tapped.connect(self._on_used)
        page.also_requested.connect(self._on_also)
        page.back_requested.connect(self._nav.go_home)
        return page

    @lazy_page
    def phone(self) -> BorrowerPhonePage:
        from kiosk.features.lending.ui.entry import BorrowerPhonePage

        days = self._services.settings.retention_loan_days
        page = BorrowerPhonePage(self._nav.language, self._nav.theme, days)
        page.submitted.connect(self._on_phone_entered)
        page.back_requested.connect(self._on_back_to_page)
        return page

    @lazy_page
    def approver(self) -> ApproverPhonePage:
        from kiosk.features.lending.ui.entry import ApproverPhonePage

        page = ApproverPhonePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_approver_phone)
        page.back_requested.connect(self._on_back_to_page)
        return page

    @lazy_page
    def approver_pin(self) -> ApproverPinPage:
        from kiosk.features.lending.ui.entry import ApproverPinPage

        page = ApproverPinPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_approver_pin)
        page.back_requested.connect(self._on_back_to_approver)
        return page

    def open_tile(self, service_id: str) -> bool:
        if not self.lends(service_id):
            return False
        self.open(service_id)
        return True

    def lends(self, service_id: str) -> bool:
        """True when this catalogue tile opens lending rather than the plain service page."""
        return self._services.lending.lends(service_id)

    def open(self, service_id: str, item_id: str | None = None) -> None:
        """The tile's lending page, freshly read: what is left of each of its items."""
        lending = self._services.lending
        items = lending.items_for_service(service_id)
        if not items:
            return
        views = [lending.stock(item.id) for item in items]
        service = self._services.service(service_id)
        link = self._services.service_link(service) if service is not None else ""
        self._service_id = service_id
        offers = self._nav.tile_offers(service_id, self)
        also = offers[0][1] if offers else None
        self.page.show_stock(views, item_id or items[0].id, service, link, also)
        self._nav.show_page(self.page)

    def _on_also(self) -> None:
        """The tile's other offer (助残助弱: order a volunteer's help), from the lending page."""
        for flow, _words in self._nav.tile_offers(self._service_id, self):
            if flow.open_tile(self._service_id):
                return

    def handles_scan(self, text: str) -> bool:
        """A badge scanned while a volunteer's approval is asked for approves the loan."""
        asking = LendingFlow.approver.is_current(self) or LendingFlow.approver_pin.is_current(self)
        if not asking or not looks_like_badge(text):
            return False
        item = self.approver.item or self.approver_pin.item
        if item is None:
            return False
        try:
            approver = self._services.lending.approve_by_badge(text)
        except KioskError as exc:
            self.approver.show_error(exc)
            self._nav.show_page(self.approver)
            return True
        self._borrow_approved(item, approver)
        return True

    # --- handlers -----------------------------------------------------------------------------

    @Slot(str)
    @reports_errors(on="page")
    def _on_used(self, service_id: str) -> None:
        """Someone read in the corner without borrowing: one person served."""
        recorded = self._services.uses.record(service_id, "none", 1)
        self.page.show_thanks(recorded.count)
        self._nav.home.set_served(recorded.served_today)

    @Slot(str)
    def _on_item_chosen(self, item_id: str) -> None:
        lending = self._services.lending
        views = [lending.stock(i.id) for i in lending.items_for_service(self._service_id)]
        self.page.show_stock(views, item_id)

    @Slot()
    def _on_back_to_page(self) -> None:
        current = self.page.current
        self.open(self._service_id, current.item.id if current else None)

    @Slot()
    def _on_back_to_approver(self) -> None:
        item = self.approver_pin.item
        if item is None:
            self._on_back_to_page()
            return
        self.approver.ask(item)
        self._nav.show_page(self.approver)

    @Slot(str, str)
    @reports_errors(on="page")
    def _on_action(self, item_id: str, action: str) -> None:
        from kiosk.features.lending.ui.pages import BORROW_PHONE, BORROW_VOLUNTEER

        lending = self._services.lending
        item = lending.item(item_id)
        if action in (BORROW_PHONE, BORROW_VOLUNTEER):
            lending.check_available(item_id)  # an empty shelf says so before any typing
        if action == BORROW_VOLUNTEER:
            self.approver.ask(item)
            self._nav.show_page(self.approver)
            return
        self.phone.ask(item, returning=action != BORROW_PHONE)
        self._nav.show_page(self.phone)

    @Slot(str)
    def _on_phone_entered(self, digits: str) -> None:
        item, returning = self.phone.item, self.phone.returning
        if item is None:
            return
        lending = self._services.lending
        try:
            if returning:
                returned = lending.return_by_phone(item.id, digits)
            else:
                if not self.phone.agreed:  # the digits stay: tap Agree and OK again
                    self.phone.show_error(NO_CONSENT)
                    return
                borrowed = lending.borrow_with_phone(item.id, digits, consent=True)
        except Conflict as exc:  # the last one went a moment ago
            self.open(self._service_id, item.id)
            self.page.show_error(exc)
            return
        except KioskError as exc:  # a malformed number, or no loan on it
            self.phone.keypad.clear()
            self.phone.show_error(exc)
            return
        self.phone.reset()
        if returning:
            self._done(returned_outcome(returned))
        else:
            self._done(self._borrowed(borrowed))

    @Slot(str)
    def _on_approver_phone(self, digits: str) -> None:
        item = self.approver.item
        if item is None:
            return
        try:
            phone = clean_phone(digits)
        except ValidationError as exc:
            self.approver.keypad.clear()
            self.approver.show_error(exc)
            return
        self.approver_pin.ask(item, phone, mask_phone(phone))
        self._nav.show_page(self.approver_pin)

    @Slot(str)
    def _on_approver_pin(self, pin: str) -> None:
        item, phone = self.approver_pin.item, self.approver_pin.phone
        if item is None:
            return
        try:
            approver = self._services.lending.approve_by_pin(phone, pin)
        except ValidationError as exc:  # a wrong PIN: try again here
            self.approver_pin.keypad.clear()
            self.approver_pin.show_error(exc)
            return
        except KioskError as exc:  # locked, not on the roster, not on duty
            self.approver.ask(item)
            self.approver.show_error(exc)
            self._nav.show_page(self.approver)
            return
        self._borrow_approved(item, approver)

    def _borrow_approved(self, item: LendingItem, approver: Approver) -> None:
        try:
            borrowed = self._services.lending.borrow_with_approval(item.id, approver)
        except KioskError as exc:
            self.open(self._service_id, item.id)
            self.page.show_error(exc)
            return
        self.approver.reset()
        self.approver_pin.reset()
        self._done(self._borrowed(borrowed))

    def _borrowed(self, borrowed: Borrowed) -> Outcome:
        due = borrowed.loan.due_at
        local = self._services.lending.local_time(due) if due is not None else None
        return borrowed_outcome(borrowed, local)

    def _done(self, outcome: Outcome) -> None:
        self._nav.show_outcome(outcome)

    def connect_admin(self, console: Any) -> None:
        """The console was built: its tab of what is lent out (return, lost, overdue)."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleSection
        from kiosk.features.lending.ui.admin import LendingPanel

        services = self._services
        self.lending_panel = LendingPanel(
            services.lending,
            services.lending.local_time,
            lambda: console.lang,
            actor=lambda: services.admin_actor,
        )
        console.add_section(
            ConsoleSection(
                key="lending",
                rank=40,
                title=lambda: self.tr("Lending"),
                widgets=(self.lending_panel,),
                permission=Permission.MANAGE_ITEMS,
                grows=False,
            )
        )
