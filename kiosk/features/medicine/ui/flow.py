"""The medicine-box flow: overview, who is on duty (badge or phone + PIN), then the chosen form.

Like the charging flow, it builds its pages into the window's stack on first use (importing
their modules then), calls the services and shows outcomes through its navigator.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Slot

from kiosk.core.errors import KioskError, ValidationError
from kiosk.core.text import clean_phone, mask_phone
from kiosk.features.medicine.domain import SERVICE_ID, parse_expiry
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.outcomes import Outcome, Tone

if TYPE_CHECKING:
    from kiosk.features.medicine.service import MedicineService
    from kiosk.features.medicine.ui.forms import DailyCheckPage, DispensePage, RestockPage
    from kiosk.features.medicine.ui.pages import MedicinePage
    from kiosk.features.volunteers.service.duty import DutyService
    from kiosk.features.volunteers.ui.duty_entry import DutyPhonePage, DutyPinPage
    from kiosk.platform.ui.navigator import Navigator


class MedicineServices(Protocol):
    """What the medicine-box flow needs of the kiosk's services."""

    @property
    def duty(self) -> DutyService: ...

    @property
    def medicine(self) -> MedicineService: ...

    def service_link_for(self, service_id: str) -> str: ...


log = logging.getLogger(__name__)


def _digits(text: str, zh: str, en: str) -> int:
    if not text.isdigit():
        raise ValidationError(zh, en)
    return int(text)


class MedicineFlow(Flow):
    """Owns the medicine pages (built on first use) and handles their signals."""

    def __init__(self, navigator: Navigator, services: MedicineServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._action = ""  # the overview's last choice (pages: DISPENSE, RESTOCK, CHECK)
        self._phone = ""

    @lazy_page
    def overview(self) -> MedicinePage:
        from kiosk.features.medicine.ui.pages import MedicinePage

        page = MedicinePage(self._nav.language, self._nav.theme)
        page.action_requested.connect(self._on_action)
        page.back_requested.connect(self._nav.go_home)
        return page

    @lazy_page
    def phone(self) -> DutyPhonePage:
        from kiosk.features.volunteers.ui.duty_entry import DutyPhonePage

        page = DutyPhonePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_phone)
        page.back_requested.connect(self.open)
        return page

    @lazy_page
    def pin(self) -> DutyPinPage:
        from kiosk.features.volunteers.ui.duty_entry import DutyPinPage

        page = DutyPinPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_pin)
        page.back_requested.connect(self._ask_phone)
        return page

    @lazy_page
    def dispense(self) -> DispensePage:
        from kiosk.features.medicine.ui.forms import DispensePage

        items = self._services.medicine.items()
        page = DispensePage(items, self._nav.language, self._nav.theme)
        page.back_requested.connect(self.open)
        page.item_chosen.connect(self._on_item_chosen)
        page.confirmed.connect(self._on_dispense)
        return page

    @lazy_page
    def restock(self) -> RestockPage:
        from kiosk.features.medicine.ui.forms import RestockPage

        items = self._services.medicine.items()
        page = RestockPage(items, self._nav.language, self._nav.theme)
        page.back_requested.connect(self.open)
        page.confirmed.connect(self._on_restock)
        page.item_chosen.connect(self._on_restock_item)
        page.discard_requested.connect(self._on_discard)
        return page

    @lazy_page
    def check(self) -> DailyCheckPage:
        from kiosk.features.medicine.ui.forms import DailyCheckPage

        page = DailyCheckPage(self._nav.language, self._nav.theme)
        page.back_requested.connect(self.open)
        page.confirmed.connect(self._on_check)
        return page

    # --- entry --------------------------------------------------------------------------------

    @Slot()
    def open(self) -> None:
        """The box as it is now: stock by item, earliest expiry, alerts."""
        medicine = self._services.medicine
        self.overview.service_qr.set_link(self._services.service_link_for(SERVICE_ID))
        self.overview.show_stock(medicine.stock(), medicine.alerts())
        self._nav.show_page(self.overview)

    def open_tile(self, service_id: str) -> bool:
        if service_id != SERVICE_ID:
            return False
        self.open()
        return True

    def on_config_changed(self) -> None:
        self.apply_items()

    def apply_items(self) -> None:
        """Items published by the hub arrived: the pickers follow."""
        items = self._services.medicine.items()
        for form in (MedicineFlow.dispense.built(self), MedicineFlow.restock.built(self)):
            if form is not None:  # a form not built yet reads the items when it is
                form.set_items(items)

    @Slot(str)
    def _on_action(self, action: str) -> None:
        self._action = action
        self._ask_phone()

    @Slot()
    def _ask_phone(self) -> None:
        self.pin.reset()
        self.phone.reset()
        self._phone = ""
        self._nav.show_page(self.phone)

    def handles_scan(self, text: str) -> bool:
        """A badge scanned while we ask who is on duty identifies the volunteer here."""
        on_phone = MedicineFlow.phone.is_current(self)
        if not on_phone and not MedicineFlow.pin.is_current(self):
            return False
        try:
            actor = self._services.duty.by_badge(text)
        except KioskError as exc:
            page = self.phone if on_phone else self.pin
            page.show_error(exc)
            return True
        self._identified(actor)
        return True

    @Slot(str)
    @reports_errors(on="phone")
    def _on_phone(self, digits: str) -> None:
        self._phone = clean_phone(digits)
        self.pin.reset()
        self.pin.set_phone(mask_phone(self._phone))
        self._nav.show_page(self.pin)

    @Slot(str)
    def _on_pin(self, pin: str) -> None:
        try:
            actor = self._services.duty.by_phone_pin(self._phone, pin)
        except KioskError as exc:
            self.pin.keypad.clear()
            self.pin.show_error(exc)
            return
        self._identified(actor)

    def _identified(self, actor: Actor) -> None:
        from kiosk.features.medicine.ui.pages import CHECK, RESTOCK

        self.phone.reset()
        self.pin.reset()
        self._phone = ""
        today = self._services.medicine.today()
        if self._action == RESTOCK:
            self.restock.start(actor, today)
            self._nav.show_page(self.restock)
        elif self._action == CHECK:
            self.check.start(actor, today)
            self.check.prefill(self._services.medicine.last_check())
            self._nav.show_page(self.check)
        else:
            self.dispense.start(actor, today)
            self._nav.show_page(self.dispense)

    # --- forms --------------------------------------------------------------------------------

    @Slot(str)
    def _on_item_chosen(self, item_id: str) -> None:
        medicine = self._services.medicine
        line = next((s for s in medicine.stock() if s.item.id == item_id), None)
        self.dispense.show_lots(line.lots if line else [], medicine.offered(item_id))

    @Slot(str, str, int, str, str)
    @reports_errors(on="dispense")
    def _on_dispense(self, item_id: str, batch: str, quantity: int, reason: str, aud: str) -> None:
        actor = self.dispense.actor
        if actor is None:
            return
        done = self._services.medicine.dispense(actor, item_id, quantity, reason, aud, batch)
        item = done.item
        self.dispense.reset()
        self._nav.show_outcome(
            Outcome(
                Tone.SUCCESS,
                "medicine",
                f"已发放 {item.name_zh} {done.quantity} {item.unit_zh}（批号 {done.lot.batch}）",
                f"Gave out {done.quantity} {item.unit_en} of {item.name_en} "
                f"(batch {done.lot.batch})",
                f"剩余 {done.left} {item.unit_zh}，位置：{item.location_zh}",
                f"{done.left} {item.unit_en} left · {item.location_en}",
            )
        )

    @Slot(str)
    def _on_restock_item(self, item_id: str) -> None:
        today = self._services.medicine.today()
        lots = self._services.medicine.lots()
        expired = [x for x in lots if x.item_id == item_id and x.quantity > 0 and x.expiry < today]
        self.restock.show_expired(expired)

    @Slot(str, int)
    @reports_errors(on="restock")
    def _on_discard(self, lot: str, quantity: int) -> None:
        actor = self.restock.actor
        if actor is None:
            return
        left = self._services.medicine.discard(actor, lot, quantity, "expired")
        self._on_restock_item(left.item_id)
        self.restock.message.show_message(
            f"已取出过期批号 {left.batch}，共 {quantity}",
            f"Took out {quantity} of expired batch {left.batch}",
            self._nav.language.language,
            "success",
        )

    @Slot(str, str, str, str)
    @reports_errors(on="restock")
    def _on_restock(self, item_id: str, batch: str, expiry: str, quantity: str) -> None:
        actor = self.restock.actor
        if actor is None:
            return
        when = parse_expiry(expiry)
        count = _digits(quantity, "请输入数量", "Please enter the quantity")
        done = self._services.medicine.restock(actor, item_id, batch, when, count)
        item = done.item
        self.restock.reset()
        self._nav.show_outcome(
            Outcome(
                Tone.SUCCESS,
                "check",
                f"已补充 {item.name_zh} {done.quantity} {item.unit_zh}",
                f"Added {done.quantity} {item.unit_en} of {item.name_en}",
                f"批号 {done.lot.batch}，有效期至 {done.lot.expiry.isoformat()}",
                f"Batch {done.lot.batch}, use by {done.lot.expiry.isoformat()}",
            )
        )

    @Slot(bool, str, str, str)
    @reports_errors(on="check")
    def _on_check(self, box: bool, light: str, pads: str, battery: str) -> None:
        actor = self.check.actor
        if actor is None:
            return
        pads_date = parse_expiry(pads)
        battery_date = parse_expiry(battery)
        self._services.medicine.record_check(actor, box, light, pads_date, battery_date)
        self.check.reset()
        self._nav.refresh_status()
        self._nav.show_outcome(
            Outcome(
                Tone.SUCCESS,
                "check",
                "今日检查已记录，谢谢！",
                "Today's check is recorded. Thank you!",
            )
        )
