"""The lending page of one tile (umbrella, power bank, books): what is left, borrow, return.

The page only shows and asks: the lending flow reads the stock through the service, hands it
here, and decides what each tap leads to (a phone keypad, a volunteer's approval, a refusal).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import KioskError
from kiosk.features.catalogue.service.catalogue import ServiceItem
from kiosk.features.catalogue.ui.service_info import ServiceInfoCard
from kiosk.features.lending.service import StockView
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

BORROW_PHONE, BORROW_VOLUNTEER, RETURN = "borrow_phone", "borrow_volunteer", "return"


class LendingPage(Page):
    """Signals:
    action_chosen(str, str): item id and one of "borrow_phone", "borrow_volunteer", "return".
    item_chosen(str): another item of the same tile.
    used_tapped(str): the service id, when "used it here" counts one person (reading in place).
    also_requested(): the tile's other offer (a volunteer's help beside a wheelchair to borrow).
    back_requested(): home.
    """

    action_chosen = Signal(str, str)
    item_chosen = Signal(str)
    used_tapped = Signal(str)
    also_requested = Signal()
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._views: list[StockView] = []
        self._current: StockView | None = None
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(110, 110)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel()
        self.title.setProperty("role", "headline")
        self.title_other = QLabel()
        self.title_other.setProperty("role", "other-language")
        self.left_label = QLabel()
        self.left_label.setObjectName("lending_left")
        self.left_other = QLabel()
        self.left_other.setProperty("role", "other-language")
        self.info = ServiceInfoCard(qr_px=220)
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.item_row = QHBoxLayout()
        self.item_row.setSpacing(14)
        self.item_buttons: dict[str, QPushButton] = {}
        self.borrow_phone_button = button("primary", "phone", "#FFFFFF", height=120)
        self.borrow_phone_button.setObjectName("lending_borrow_phone")
        self.borrow_volunteer_button = button("", "volunteer", theme.palette.icon, height=120)
        self.borrow_volunteer_button.setObjectName("lending_borrow_volunteer")
        self.return_button = button("", "check", theme.palette.icon, height=120)
        self.return_button.setObjectName("lending_return")
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("lending_back")
        self.back_button.setMinimumWidth(300)
        # A one-tap service (reading in the corner) still counts people who use it in place.
        self.used_button = button("", "check", theme.palette.icon, height=96)
        self.used_button.setObjectName("lending_used")
        self.used_button.setVisible(False)
        # What another flow does with the same tile, offered beside the loan (Flow.tile_offer).
        self._also: tuple[str, str] | None = None
        self.also_button = button("primary", "volunteer", "#FFFFFF", height=96)
        self.also_button.setObjectName("lending_also")
        self.also_button.setVisible(False)

        head_text = QVBoxLayout()
        head_text.setSpacing(4)
        head_text.addWidget(self.title)
        head_text.addWidget(self.title_other)
        stock_text = QVBoxLayout()
        stock_text.setSpacing(2)
        stock_text.addWidget(self.left_label, 0, Qt.AlignmentFlag.AlignRight)
        stock_text.addWidget(self.left_other, 0, Qt.AlignmentFlag.AlignRight)
        head = QHBoxLayout()
        head.setSpacing(24)
        head.addWidget(self.icon_label)
        head.addLayout(head_text, 1)
        head.addLayout(stock_text)
        actions = QHBoxLayout()
        actions.setSpacing(24)
        for tap in (self.borrow_phone_button, self.borrow_volunteer_button, self.return_button):
            actions.addWidget(tap, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.used_button)
        bottom.addWidget(self.also_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 24, 64, 24)
        layout.setSpacing(16)
        layout.addLayout(head)
        layout.addLayout(self.item_row)
        layout.addWidget(self.info)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(actions)
        layout.addSpacing(8)
        layout.addLayout(bottom)

        self.borrow_phone_button.clicked.connect(lambda: self._on_action(BORROW_PHONE))
        self.borrow_volunteer_button.clicked.connect(lambda: self._on_action(BORROW_VOLUNTEER))
        self.return_button.clicked.connect(lambda: self._on_action(RETURN))
        self.back_button.clicked.connect(self.back_requested)
        self.used_button.clicked.connect(self._on_used)
        self.also_button.clicked.connect(self.also_requested)
        self.theme_changed()
        self.retranslate()

    # --- what the flow calls ------------------------------------------------------------------

    @property
    def current(self) -> StockView | None:
        return self._current

    def show_stock(
        self,
        views: list[StockView],
        current: str,
        service: ServiceItem | None = None,
        link: str = "",
        also: tuple[str, str] | None = None,
    ) -> None:
        """The tile's items with what is left; `current` is the item the buttons act on;
        `also` the words of the tile's other offer, if it has one."""
        self._views = views
        self._current = next((v for v in views if v.item.id == current), views[0])
        self.message.clear()
        if service is not None:  # kept as it is when only the chosen item changes
            self.info.show_item(service, link, self.lang)
            self.used_button.setVisible(service.one_tap)
            self._also = also
            self.also_button.setVisible(also is not None)
        for old in self.item_buttons.values():
            self.item_row.removeWidget(old)
            old.deleteLater()
        self.item_buttons = {}
        if len(views) > 1:  # a tile lending several things: choose which first
            for view in views:
                tap = button("", view.item.icon, self.theme.palette.icon, height=80)
                tap.setObjectName(f"lending_item_{view.item.id}")
                tap.setCheckable(True)
                tap.setChecked(view is self._current)
                tap.clicked.connect(lambda _=False, i=view.item.id: self.item_chosen.emit(i))
                self.item_row.addWidget(tap)
                tap.show()
                self.item_buttons[view.item.id] = tap
        self.theme_changed()
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def show_thanks(self, count: int) -> None:
        self.message.show_message(
            f"谢谢！已记录 {count} 人次",
            f"Thank you! {count} served, recorded",
            self.lang,
            "success",
        )

    # --- Page ---------------------------------------------------------------------------------

    def theme_changed(self) -> None:
        color = self.theme.palette.icon
        self.back_button.setIcon(icons.icon("back", 40, color))
        self.borrow_volunteer_button.setIcon(icons.icon("volunteer", 40, color))
        self.return_button.setIcon(icons.icon("check", 40, color))
        self.used_button.setIcon(icons.icon("check", 40, color))
        self.also_button.setIcon(icons.icon("volunteer", 40, "#FFFFFF"))
        if self._current is not None:
            self.icon_label.setPixmap(icons.pixmap(self._current.item.icon, 100, color))

    def retranslate(self) -> None:
        self.borrow_phone_button.setText(self.tr("Borrow with my phone number"))
        self.borrow_volunteer_button.setText(self.tr("Borrow with a volunteer"))
        self.return_button.setText(self.tr("Return"))
        self.used_button.setText(self.tr("Read here: count me"))
        self.back_button.setText(self.tr("Back to all services"))
        if self._also is not None:
            self.also_button.setText(self._also[0] if self.lang == "zh" else self._also[1])
        self.message.set_language(self.lang)
        self.info.set_language(self.lang)
        for shown in self._views:
            tap = self.item_buttons.get(shown.item.id)
            if tap is not None:
                tap.setText(shown.item.name(self.lang))
        view = self._current
        if view is None:
            return
        item = view.item
        zh, en = f"借{item.name_zh}", f"Borrow a{'n' if item.name_en[0] in 'aeiou' else ''} "
        en += item.name_en
        left_zh, left_en = view.left_text()
        first, second = (zh, en) if self.lang == "zh" else (en, zh)
        self.title.setText(first)
        self.title_other.setText(second)
        self.left_label.setText(left_zh if self.lang == "zh" else left_en)
        self.left_other.setText(left_en if self.lang == "zh" else left_zh)
        self.left_label.setProperty("empty", view.left <= 0)
        self.left_label.style().unpolish(self.left_label)
        self.left_label.style().polish(self.left_label)

    def reset(self) -> None:
        self.message.clear()
        self.info.clear()
        self.used_button.setVisible(False)

    def _on_used(self) -> None:
        item = self.info.item
        if item is not None:
            self.used_tapped.emit(item.id)

    def _on_action(self, action: str) -> None:
        if self._current is not None:
            self.action_chosen.emit(self._current.item.id, action)
