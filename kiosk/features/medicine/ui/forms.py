"""The volunteer's medicine-box forms: give out, restock, and the daily box + AED check.

Each is shown after the volunteer on duty was identified (`actor`); each only collects taps and
emits them, the medicine flow calls the service. Errors are shown inline in both languages.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.features.catalogue.ui.service_detail import AUDIENCES, CountStepper
from kiosk.features.medicine.domain import (
    AedLight,
    Band,
    DailyCheck,
    DispenseReason,
    Item,
    Lot,
    band,
)
from kiosk.features.uses.domain import Audience
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.choices import ChoiceGroup, FieldPad
from kiosk.platform.ui.widgets.message import BilingualMessage

REASONS = [r.value for r in DispenseReason if r is not DispenseReason.INCIDENT]


def _caption(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "section")
    return label


class _FormPage(Page):
    """Title, who is acting, an inline message, and Back / Confirm at the bottom.

    Signals:
        back_requested(): leave the form.
    """

    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.actor: Actor | None = None
        self.today = date.today()
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.who = QLabel()
        self.who.setProperty("role", "muted")
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("form_back")
        self.confirm_button = button("primary", "check", "#FFFFFF", height=96)
        self.confirm_button.setObjectName("form_confirm")
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.who)
        actions = QHBoxLayout()
        actions.setSpacing(24)
        actions.addWidget(self.back_button)
        actions.addWidget(self.message, 1)
        actions.addWidget(self.confirm_button)
        self.confirm_button.setMinimumWidth(360)
        self.back_button.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 18, 48, 18)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addLayout(self.body, 1)
        layout.addLayout(actions)
        self.back_button.clicked.connect(self.back_requested)

    def start(self, actor: Actor, today: date) -> None:
        self.reset()
        self.actor = actor
        self.today = today
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def retranslate(self) -> None:
        # Explicit context: PySide's tr() takes the subclass's name, which lupdate cannot know.
        self.back_button.setText(QCoreApplication.translate("MedicineForm", "Back"))
        who = QCoreApplication.translate("MedicineForm", "Volunteer: %1")
        self.who.setText(who.replace("%1", self.actor.name) if self.actor else "")
        self.message.set_language(self.lang)

    def theme_changed(self) -> None:
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def reset(self) -> None:
        self.actor = None
        self.message.clear()


class DispensePage(_FormPage):
    """Item, batch (earliest-expiring chosen), quantity, reason, audience.

    Signals:
        confirmed(str, str, int, str, str): item id, batch, quantity, reason, audience.
        item_chosen(str): the flow answers with `show_lots`.
    """

    confirmed = Signal(str, str, int, str, str)
    item_chosen = Signal(str)

    def __init__(
        self,
        items: list[Item],
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._items = items
        self._lots: list[Lot] = []
        self.item_caption = _caption()
        self.items = ChoiceGroup([i.id for i in items], columns=5, name="item", height=76)
        self.lot_caption = _caption()
        self.lot_box = QHBoxLayout()
        self.lot_box.setSpacing(10)
        self.lot_buttons: dict[str, QPushButton] = {}
        self.lot_empty = QLabel()
        self.lot_empty.setProperty("role", "muted")
        self.lot_box.addWidget(self.lot_empty)
        self.lot_box.addStretch(1)
        self.stepper = CountStepper()
        self.reason_caption = _caption()
        self.reasons = ChoiceGroup(REASONS, columns=7, name="reason", height=76)
        self.audience_caption = _caption()
        self.audiences = ChoiceGroup(
            [a.value for a in AUDIENCES], columns=8, name="audience", height=76
        )
        for widget in (
            self.item_caption,
            self.items,
            self.lot_caption,
        ):
            self.body.addWidget(widget)
        self.body.addLayout(self.lot_box)
        self.body.addWidget(self.stepper, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.reason_caption, self.reasons, self.audience_caption, self.audiences):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        self.items.changed.connect(self._on_item)
        self.confirm_button.clicked.connect(self._on_confirm)
        self.retranslate()

    def set_items(self, items: list[Item]) -> None:
        """The configured items changed (published by the hub): rebuild the picker."""
        if [i.id for i in items] == [i.id for i in self._items]:
            self._items = items
            return
        index = self.body.indexOf(self.items)
        self.body.removeWidget(self.items)
        self.items.hide()
        self.items.deleteLater()
        self._items = items
        self.items = ChoiceGroup([i.id for i in items], columns=5, name="item", height=76)
        self.items.changed.connect(self._on_item)
        self.body.insertWidget(index, self.items)
        self.retranslate()

    @property
    def batch(self) -> str | None:
        return next((b for b, tap in self.lot_buttons.items() if tap.isChecked()), None)

    def show_lots(self, lots: list[Lot], offered: Lot | None) -> None:
        """The chosen item's lots in stock, earliest expiry first; `offered` is preselected."""
        self._lots = lots
        for old in self.lot_buttons.values():
            self.lot_box.removeWidget(old)
            old.hide()  # deleted later: never drawn again meanwhile
            old.deleteLater()
        self.lot_buttons = {}
        for index, lot in enumerate(lots):
            tap = QPushButton()
            tap.setObjectName(f"lot_{lot.batch}")
            tap.setCheckable(True)
            tap.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tap.setMinimumHeight(76)
            tap.setProperty("band", band(lot.expiry, self.today).value)
            tap.setChecked(offered is not None and lot.batch == offered.batch)
            tap.clicked.connect(lambda _=False, b=lot.batch: self._on_lot(b))
            self.lot_box.insertWidget(index, tap)
            tap.show()
            self.lot_buttons[lot.batch] = tap
        self.retranslate()

    def _on_lot(self, batch: str) -> None:
        for other, tap in self.lot_buttons.items():
            tap.setChecked(other == batch)
        self.message.clear()

    @Slot()
    def _on_item(self) -> None:
        self.message.clear()
        if self.items.value is not None:
            self.item_chosen.emit(self.items.value)

    @Slot()
    def _on_confirm(self) -> None:
        item, batch, reason = self.items.value, self.batch, self.reasons.value
        if item is None or batch is None:
            self.message.show_message(
                "请选择药品和批号", "Please choose the item and batch", self.lang
            )
            return
        if reason is None:
            self.message.show_message("请选择发放原因", "Please choose a reason", self.lang)
            return
        audience = self.audiences.value or Audience.NONE.value
        self.confirmed.emit(item, batch, self.stepper.value, reason, audience)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Give out medicine"))
        self.item_caption.setText(self.tr("Item"))
        self.items.set_texts({i.id: i.name(self.lang) for i in self._items})
        self.lot_caption.setText(self.tr("Batch (the earliest expiry is chosen first)"))
        self.lot_empty.setText(self.tr("Choose an item") if not self.lot_buttons else "")
        self.lot_empty.setVisible(not self.lot_buttons)
        item = next((i for i in self._items if i.id == self.items.value), None)
        for lot in self._lots:
            tap = self.lot_buttons.get(lot.batch)
            if tap is None:
                continue
            unit = item.unit(self.lang) if item else ""
            text = self.tr("%1 · use by %2 · %3 %4")
            text = text.replace("%1", lot.batch).replace("%2", lot.expiry.isoformat())
            text = text.replace("%3", str(lot.quantity)).replace("%4", unit)
            if band(lot.expiry, self.today) == Band.EXPIRED:
                text += " · " + self.tr("expired")
            tap.setText(text)
        self.stepper.caption.setText(self.tr("Quantity"))
        self.reason_caption.setText(self.tr("Reason"))
        self.reasons.set_texts(
            {r: words.label(words.DISPENSE_REASONS, r, self.lang) for r in REASONS}
        )
        self.audience_caption.setText(self.tr("Given to"))
        self.audiences.set_texts(audience_texts(self.lang))
        self.confirm_button.setText(self.tr("Give out"))

    def reset(self) -> None:
        super().reset()
        self.items.clear()
        self.reasons.clear()
        self.audiences.clear()
        self.stepper.set_value(1)
        self.show_lots([], None)


def audience_texts(language: str) -> dict[str, str]:
    """The audience picks (every group but "none") in `language`."""
    return {
        a.value: words.label(words.AUDIENCES, a, language)
        for a in Audience
        if a is not Audience.NONE
    }


class RestockPage(_FormPage):
    """Item, then batch, expiry and quantity on the keypad; expired batches are taken out here.

    Signals:
        confirmed(str, str, str, str): item id, batch, expiry digits, quantity digits.
        item_chosen(str): the flow answers with `show_expired`.
        discard_requested(str, int): take out all units of an expired lot (lot id, units).
    """

    confirmed = Signal(str, str, str, str)
    item_chosen = Signal(str)
    discard_requested = Signal(str, int)

    def __init__(
        self,
        items: list[Item],
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._items = items
        self.item_caption = _caption()
        self.items = ChoiceGroup([i.id for i in items], columns=4, name="item", height=76)
        self.fields = FieldPad(["batch", "expiry", "quantity"], icon_color=theme.palette.icon)
        self.fields.top.addWidget(self.item_caption)
        self.fields.top.addWidget(self.items)
        self.expired_box = QHBoxLayout()
        self.expired_box.setSpacing(10)
        self.expired_buttons: dict[str, QPushButton] = {}
        self._expired: list[Lot] = []
        self.fields.top.addLayout(self.expired_box)
        self.body.addWidget(self.fields, 1)
        self.items.changed.connect(self._on_item)
        self.fields.edited.connect(self.message.clear)
        self.confirm_button.clicked.connect(self._on_confirm)
        self.retranslate()

    def set_items(self, items: list[Item]) -> None:
        if [i.id for i in items] == [i.id for i in self._items]:
            self._items = items
            return
        index = self.fields.top.indexOf(self.items)
        self.fields.top.removeWidget(self.items)
        self.items.hide()
        self.items.deleteLater()
        self._items = items
        self.items = ChoiceGroup([i.id for i in items], columns=4, name="item", height=76)
        self.items.changed.connect(self._on_item)
        self.fields.top.insertWidget(index, self.items)
        self.retranslate()

    @Slot()
    def _on_item(self) -> None:
        self.message.clear()
        if self.items.value is not None:
            self.item_chosen.emit(self.items.value)

    def show_expired(self, lots: list[Lot]) -> None:
        """The chosen item's expired lots still in the box, each a button to take it out."""
        self._expired = lots
        for old in self.expired_buttons.values():
            self.expired_box.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.expired_buttons = {}
        for lot in lots:
            tap = button("danger", "", "#FFFFFF", height=76)
            tap.setObjectName(f"discard_{lot.batch}")
            tap.clicked.connect(
                lambda _=False, x=lot: self.discard_requested.emit(x.id, x.quantity)
            )
            self.expired_box.addWidget(tap)
            tap.show()
            self.expired_buttons[lot.batch] = tap
        self.retranslate()

    @Slot()
    def _on_confirm(self) -> None:
        item = self.items.value
        if item is None:
            self.message.show_message("请选择药品", "Please choose the item", self.lang)
            return
        values = self.fields.values
        self.confirmed.emit(item, values["batch"], values["expiry"], values["quantity"])

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Restock the medicine box"))
        self.item_caption.setText(self.tr("Item"))
        self.items.set_texts({i.id: i.name(self.lang) for i in self._items})
        self.fields.set_labels(
            {
                "batch": self.tr("Batch no."),
                "expiry": self.tr("Use by"),
                "quantity": self.tr("Quantity"),
            },
            {
                "batch": self.tr("Batch number (digits)"),
                "expiry": self.tr("YYYYMMDD or YYYYMM"),
                "quantity": self.tr("How many units"),
            },
        )
        self.fields.keypad.retranslate()
        self.confirm_button.setText(self.tr("Add to the box"))
        for lot in self._expired:
            text = self.tr("Take out expired batch %1 (%2)").replace("%1", lot.batch)
            self.expired_buttons[lot.batch].setText(text.replace("%2", str(lot.quantity)))

    def reset(self) -> None:
        super().reset()
        self.items.clear()
        self.fields.clear()
        if self.expired_buttons:
            self.show_expired([])


class DailyCheckPage(_FormPage):
    """The box was looked over; the AED's light, pad expiry and battery expiry.

    Signals:
        confirmed(bool, str, str, str): box checked, light, pads and battery expiry digits.
    """

    confirmed = Signal(bool, str, str, str)

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.box_button = QPushButton()
        self.box_button.setObjectName("check_box_done")
        self.box_button.setCheckable(True)
        self.box_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.box_button.setMinimumHeight(90)
        self.light_caption = _caption()
        self.lights = ChoiceGroup([light.value for light in AedLight], columns=3, name="light")
        self.fields = FieldPad(["pads", "battery"], icon_color=theme.palette.icon)
        self.last = QLabel()
        self.last.setProperty("role", "muted")
        for widget in (self.box_button, self.light_caption, self.lights, self.last):
            self.fields.top.addWidget(widget)
        self.body.addWidget(self.fields, 1)
        self.box_button.clicked.connect(self.message.clear)
        self.lights.changed.connect(self.message.clear)
        self.confirm_button.clicked.connect(self._on_confirm)
        self._previous: DailyCheck | None = None
        self.retranslate()

    def prefill(self, previous: DailyCheck | None) -> None:
        """The pads and battery do not change daily: start from the last check's dates."""
        self._previous = previous
        if previous is not None:
            self.fields.set_value("pads", previous.pads_expiry.strftime("%Y%m%d"))
            self.fields.set_value("battery", previous.battery_expiry.strftime("%Y%m%d"))
        self.retranslate()

    @Slot()
    def _on_confirm(self) -> None:
        light = self.lights.value
        if light is None:
            self.message.show_message(
                "请选择 AED 指示灯状态", "Please choose the AED light", self.lang
            )
            return
        values = self.fields.values
        self.confirmed.emit(self.box_button.isChecked(), light, values["pads"], values["battery"])

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Daily check: medicine box and AED"))
        self.box_button.setText(self.tr("✓ I checked the medicine box today"))
        self.light_caption.setText(self.tr("AED status light"))
        self.lights.set_texts(
            {a.value: words.label(words.AED_LIGHTS, a, self.lang) for a in AedLight}
        )
        previous = self._previous
        self.last.setText(
            self.tr("Last check: %1").replace("%1", previous.day.isoformat())
            if previous
            else self.tr("No check recorded yet")
        )
        self.fields.set_labels(
            {"pads": self.tr("Pads expire"), "battery": self.tr("Battery expires")},
            {"pads": self.tr("YYYYMMDD or YYYYMM"), "battery": self.tr("YYYYMMDD or YYYYMM")},
        )
        self.fields.keypad.retranslate()
        self.confirm_button.setText(self.tr("Save the check"))

    def reset(self) -> None:
        super().reset()
        self.box_button.setChecked(False)
        self.lights.clear()
        self.fields.clear()
        self._previous = None
