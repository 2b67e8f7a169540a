"""The charging page: every slot as a big button (free, busy, locked) and the way to collect.

One page serves both directions: in start mode a rider taps a free slot; in collect mode they
tap the slot their phone is in (a locked one asks for a volunteer). The page only shows and
asks; the charging flow calls the service and decides what comes next.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import KioskError
from kiosk.features.catalogue.service.catalogue import ServiceItem
from kiosk.features.catalogue.ui.service_info import ServiceInfoCard
from kiosk.features.charging.service import SlotView
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button, repolish
from kiosk.platform.ui.widgets.message import BilingualMessage

COLUMNS = 4
START, COLLECT = "start", "collect"


class ChargingPage(Page):
    """Signals:
    slot_chosen(str, str): slot id and mode ("start" or "collect").
    mode_requested(str): switch to "start" or "collect".
    back_requested(): home.
    """

    slot_chosen = Signal(str, str)
    mode_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._mode = START
        self._views: list[SlotView] = []
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint_other = QLabel()
        self.hint_other.setProperty("role", "other-language")
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        # What every service page shows: description, where, hours and the service's QR code.
        self.info = ServiceInfoCard(qr_px=140)
        self.grid = QGridLayout()
        self.grid.setSpacing(18)
        self.slot_buttons: dict[str, QPushButton] = {}
        self.collect_button = button("primary", "charging", "#FFFFFF", height=110)
        self.collect_button.setObjectName("charging_collect")
        self.start_button = button("", "charging", theme.palette.icon, height=110)
        self.start_button.setObjectName("charging_start")
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("charging_back")
        self.back_button.setMinimumWidth(300)

        actions = QHBoxLayout()
        actions.setSpacing(24)
        actions.addWidget(self.back_button)
        actions.addWidget(self.start_button)
        actions.addWidget(self.collect_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 28, 64, 28)
        layout.setSpacing(14)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.hint_other)
        layout.addWidget(self.info)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        layout.addLayout(self.grid, 1)
        layout.addSpacing(8)
        layout.addLayout(actions)

        self.collect_button.clicked.connect(lambda: self.mode_requested.emit(COLLECT))
        self.start_button.clicked.connect(lambda: self.mode_requested.emit(START))
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    @property
    def mode(self) -> str:
        return self._mode

    def show_slots(self, views: list[SlotView], mode: str) -> None:
        """(Re)draw the slots; free ones take a phone, busy and locked ones give one back."""
        self._mode = mode
        self._views = views
        self.message.clear()
        for old in self.slot_buttons.values():
            self.grid.removeWidget(old)
            old.deleteLater()
        self.slot_buttons = {}
        for index, view in enumerate(views):
            tap = QPushButton()
            tap.setObjectName(f"slot_{view.slot.id}")
            tap.setProperty("slot", view.state)
            tap.setMinimumSize(200, 130)
            tap.setIconSize(QSize(40, 40))
            tap.clicked.connect(lambda _=False, sid=view.slot.id: self._on_slot(sid))
            self.grid.addWidget(tap, index // COLUMNS, index % COLUMNS)
            tap.show()  # a child added to a page already on screen starts hidden
            self.slot_buttons[view.slot.id] = tap
        self.retranslate()

    def show_service(self, item: ServiceItem | None, link: str) -> None:
        """The charging service's catalogue entry and QR link (None hides the card)."""
        self.info.show_item(item, link, self.lang)

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def _on_slot(self, slot_id: str) -> None:
        self.slot_chosen.emit(slot_id, self._mode)

    def theme_changed(self) -> None:
        color = self.theme.palette.icon
        self.back_button.setIcon(icons.icon("back", 40, color))
        self.start_button.setIcon(icons.icon("charging", 40, color))
        self._paint_slots()

    def _paint_slots(self) -> None:
        color = self.theme.palette.icon
        for view in self._views:
            tap = self.slot_buttons.get(view.slot.id)
            if tap is None:
                continue
            name = "lock" if view.state == "locked" else "charging"
            tap.setIcon(icons.icon(name, 40, "#FFFFFF" if self._usable(view) else color))
            repolish(tap)

    def _usable(self, view: SlotView) -> bool:
        return (view.state == "free") == (self._mode == START)

    def retranslate(self) -> None:
        starting = self._mode == START
        other = self.language.other()
        self.title.setText(
            self.tr("Phone charging: choose a free slot")
            if starting
            else self.tr("Collect your phone: tap your slot")
        )
        hint = {
            "zh": "免费充电。选一个空闲充电位，确认后会得到 6 位取件码。",
            "en": "Free charging. Pick a free slot, confirm, and you get a 6-digit pickup code.",
        }
        if not starting:
            hint = {
                "zh": "点您放手机的充电位，再输入取件码；也可以直接扫描取件码二维码。",
                "en": "Tap the slot your phone is in, then enter the code, or scan the code's QR.",
            }
        self.hint.setText(hint["zh" if self.lang == "zh" else "en"])
        self.hint_other.setText(hint[other])
        self.collect_button.setText(self.tr("Collect phone"))
        self.start_button.setText(self.tr("Start charging"))
        self.collect_button.setVisible(starting)
        self.start_button.setVisible(not starting)
        self.back_button.setText(self.tr("Back"))
        states = {
            "free": self.tr("Free"),
            "busy": self.tr("Charging"),
            "locked": self.tr("Locked: ask a volunteer"),
        }
        for view in self._views:
            tap = self.slot_buttons[view.slot.id]
            tap.setText(f"{view.slot.label(self.lang)}\n{states[view.state]}")
            tap.setAccessibleName(tap.text())
            tap.setProperty("usable", self._usable(view))
            tap.setEnabled(self._usable(view) or (view.state == "locked" and not starting))
        self.message.set_language(self.lang)
        self.info.set_language(self.lang)
        self._paint_slots()

    def reset(self) -> None:
        self.message.clear()
        self._mode = START
