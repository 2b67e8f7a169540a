"""The phone-charging flow: its pages, the taps between them, and pickup-code scans.

The flow builds its pages into the window's stack on first use (`lazy_page`; their modules are
imported then too, so none of them costs the kiosk's start-up), calls the charging service for
every action and shows the outcome through its navigator; what it writes pokes sync by itself
(the database's after-commit hook).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import Slot

from kiosk.core.errors import KioskError, Locked, ValidationError
from kiosk.features.charging.domain import SERVICE_ID, is_code_qr
from kiosk.features.charging.service import ClosedCharging
from kiosk.features.printing.domain.receipt import charging_pickup
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.outcomes import Outcome, Tone

if TYPE_CHECKING:
    from datetime import datetime

    from kiosk.features.catalogue.service.catalogue import ServiceItem
    from kiosk.features.charging.service import ChargingService
    from kiosk.features.charging.ui.entry import PickupCodePage, UnlockPage
    from kiosk.features.charging.ui.pages import ChargingPage
    from kiosk.features.charging.ui.ticket import ChargingCodePage, ChargingConfirmPage
    from kiosk.features.printing.ui.flow import PrintingFlow
    from kiosk.platform.ui.navigator import Navigator


class _LocalTime(Protocol):
    def local_time(self, moment: datetime) -> datetime: ...


class ChargingServices(Protocol):
    """What the charging flow needs of the kiosk's services."""

    @property
    def charging(self) -> ChargingService: ...

    admin_actor: str  # the admin logged in: closing a session from the console audits as it

    @property
    def shifts(self) -> _LocalTime: ...

    def service(self, service_id: str) -> ServiceItem | None: ...
    def service_link(self, item: ServiceItem) -> str: ...


log = logging.getLogger(__name__)


def collected_outcome(closed: ClosedCharging) -> Outcome:
    """The screen after a right code: which slot to open."""
    slot = closed.slot
    return Outcome(
        Tone.SUCCESS,
        "check",
        f"请打开{slot.label_zh}，取回您的手机",
        f"Open {slot.label_en} and take your phone",
        "取件码已失效，谢谢使用！",
        "The code is now used up. Thank you!",
    )


class ChargingFlow(Flow):
    """Owns the charging pages (built on first use) and handles their signals."""

    def __init__(self, navigator: Navigator, services: ChargingServices) -> None:
        super().__init__(navigator)
        self._services = services

    @lazy_page
    def picker(self) -> ChargingPage:
        from kiosk.features.charging.ui.pages import ChargingPage

        page = ChargingPage(self._nav.language, self._nav.theme)
        page.slot_chosen.connect(self._on_slot_chosen)
        page.mode_requested.connect(self.open)
        page.back_requested.connect(self._nav.go_home)
        return page

    @lazy_page
    def confirm(self) -> ChargingConfirmPage:
        from kiosk.features.charging.ui.ticket import ChargingConfirmPage

        page = ChargingConfirmPage(self._nav.language, self._nav.theme)
        page.confirmed.connect(self._on_confirmed)
        page.back_requested.connect(self._on_start_again)
        return page

    @lazy_page
    def code(self) -> ChargingCodePage:
        from kiosk.features.charging.ui.ticket import ChargingCodePage

        page = ChargingCodePage(self._nav.language, self._nav.theme)
        page.done.connect(self._nav.go_home)
        page.print_bar.requested.connect(self._on_print)
        return page

    @lazy_page
    def entry(self) -> PickupCodePage:
        from kiosk.features.charging.ui.entry import PickupCodePage

        page = PickupCodePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_code_entered)
        page.back_requested.connect(self._on_collect_again)
        return page

    @lazy_page
    def unlock(self) -> UnlockPage:
        from kiosk.features.charging.ui.entry import UnlockPage

        page = UnlockPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_unlock_pin)
        page.back_requested.connect(self._on_collect_again)
        return page

    def open_tile(self, service_id: str) -> bool:
        if service_id != SERVICE_ID:
            return False
        self.open()
        return True

    @Slot(str)
    def open(self, mode: str = "") -> None:
        """The charging page, freshly read: free slots to start (the default), busy ones to
        collect."""
        from kiosk.features.charging.ui.pages import START

        mode = mode or START
        self.picker.show_slots(self._services.charging.slot_views(), mode)
        item = self._services.service(SERVICE_ID)
        link = self._services.service_link(item) if item is not None else ""
        self.picker.show_service(item, link)
        self._nav.show_page(self.picker)

    def handles_scan(self, text: str) -> bool:
        """A scan that claims to be a pickup code is ours (collected, or a clear refusal)."""
        if not is_code_qr(text):
            return False
        try:
            closed = self._services.charging.collect_by_qr(text)
        except KioskError as exc:  # a used-up or wrong code, a locked slot (the lock is an event)
            self._nav.show_error(exc)
            return True
        self._collected(closed)
        return True

    def _collected(self, closed: ClosedCharging) -> None:
        self._nav.show_outcome(collected_outcome(closed))

    @Slot()
    def _on_start_again(self) -> None:
        self.open()

    @Slot()
    def _on_collect_again(self) -> None:
        from kiosk.features.charging.ui.pages import COLLECT

        self.open(COLLECT)

    @Slot(str, str)
    @reports_errors(on="picker")
    def _on_slot_chosen(self, slot_id: str, mode: str) -> None:
        from kiosk.features.charging.ui.pages import START

        slot = self._services.charging.slot(slot_id)
        if mode == START:
            self.confirm.ask(slot)
            self._nav.show_page(self.confirm)
            return
        views = {v.slot.id: v for v in self._services.charging.slot_views()}
        view = views.get(slot_id)
        if view is not None and view.state == "locked":
            self.unlock.ask(slot)
            self._nav.show_page(self.unlock)
            return
        self.entry.ask(slot)
        self._nav.show_page(self.entry)

    @Slot(str)
    def _on_confirmed(self, slot_id: str) -> None:
        try:
            ticket = self._services.charging.start(slot_id)
        except KioskError as exc:
            self.open()
            self.picker.show_error(exc)
            return
        self.confirm.reset()
        self.code.show_ticket(ticket)
        self.code.print_bar.offer(self._printing.available())
        self._nav.show_page(self.code)

    @property
    def _printing(self) -> PrintingFlow:
        return cast("PrintingFlow", self._nav.flow("printing"))

    @Slot()
    def _on_print(self) -> None:
        """The pickup slip, printed in the background; the code stays on screen whatever
        the printer does."""
        ticket = self.code.ticket
        if ticket is None:
            return
        receipt = charging_pickup(
            ticket.code, ticket.qr_text, ticket.slot.label_zh, ticket.slot.label_en
        )
        self._printing.print_on(self.code.print_bar, receipt)

    @Slot(str)
    @reports_errors
    def _on_code_entered(self, code: str) -> None:
        slot = self.entry.slot
        if slot is None:
            return
        try:
            closed = self._services.charging.collect_with_code(slot.id, code)
        except Locked as exc:
            self.unlock.ask(slot)
            self.unlock.show_error(exc)
            self._nav.show_page(self.unlock)
            return
        except ValidationError as exc:
            self.entry.keypad.clear()
            self.entry.show_error(exc)
            return
        self.entry.reset()
        self._collected(closed)

    @Slot(str)
    @reports_errors
    def _on_unlock_pin(self, pin: str) -> None:
        slot = self.unlock.slot
        if slot is None:
            return
        try:
            self._services.charging.unlock(slot.id, pin)
        except ValidationError as exc:
            self.unlock.keypad.clear()
            self.unlock.show_error(exc)
            return
        self.entry.ask(slot)
        self.entry.error.show_message(
            f"{slot.label_zh}已解锁，请输入取件码",
            f"{slot.label_en} is unlocked; enter the pickup code",
            self._nav.language.language,
            "success",
        )
        self._nav.show_page(self.entry)

    def overdue_count(self) -> int:
        return self._services.charging.overdue_count()

    def connect_admin(self, console: Any) -> None:
        """The console was built: its tab of the phones charging now (close one, with why)."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleSection
        from kiosk.features.charging.ui.admin import ChargingSessionsPanel

        services = self._services
        self.sessions_panel = ChargingSessionsPanel(
            services.charging,
            services.shifts.local_time,
            lambda: console.lang,
            actor=lambda: services.admin_actor,
        )
        console.add_section(
            ConsoleSection(
                key="charging",
                rank=30,
                title=lambda: self.tr("Phones charging"),
                widgets=(self.sessions_panel,),
                permission=Permission.CHARGING,
                grows=False,
            )
        )
