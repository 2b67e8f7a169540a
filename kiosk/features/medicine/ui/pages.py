"""The medicine box page: what is in the box (stock, earliest expiry in its colour band) and the
volunteer's actions (dispense, restock, daily check), which first ask who is on duty."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.errors import KioskError
from kiosk.features.medicine.domain import Band
from kiosk.features.medicine.service import AlertLine, StockLine
from kiosk.features.medicine.ui.alerts import AlertStrip
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button, repolish
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.platform.ui.widgets.service_qr import ServiceQr

COLUMNS = 5
DISPENSE, RESTOCK, CHECK = "dispense", "restock", "check"


class StockCard(QFrame):
    """One item: name, units usable, and its earliest lot's expiry in the band's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stock_card")
        self.name_label = QLabel()
        self.name_label.setProperty("role", "lead")
        self.name_label.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("stock_count")
        self.expiry_label = QLabel()
        self.expiry_label.setObjectName("stock_expiry")
        self.expiry_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        layout.addWidget(self.name_label)
        layout.addWidget(self.count_label)
        layout.addWidget(self.expiry_label)
        layout.addStretch(1)


class MedicinePage(Page):
    """Signals:
    action_requested(str): "dispense", "restock" or "check".
    back_requested(): home.
    """

    action_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._lines: list[StockLine] = []
        self._alerts: list[AlertLine] = []
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.alerts = AlertStrip(lines=3)
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        self.cards: dict[str, StockCard] = {}
        self.dispense_button = button("primary", "medicine", "#FFFFFF", height=100)
        self.dispense_button.setObjectName("medicine_dispense")
        self.restock_button = button("", "medicine", theme.palette.icon, height=100)
        self.restock_button.setObjectName("medicine_restock")
        self.check_button = button("", "check", theme.palette.icon, height=100)
        self.check_button.setObjectName("medicine_check")
        self.back_button = button("", "back", theme.palette.icon, height=100)
        self.back_button.setObjectName("medicine_back")
        actions = QHBoxLayout()
        actions.setSpacing(20)
        for tap in (self.back_button, self.check_button, self.restock_button, self.dispense_button):
            actions.addWidget(tap)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(56, 24, 56, 24)
        layout.setSpacing(12)
        self.service_qr = ServiceQr(qr_px=112)
        heading = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.hint)
        heading.addLayout(names, 1)
        heading.addWidget(self.service_qr)
        layout.addLayout(heading)
        layout.addWidget(self.alerts)
        layout.addWidget(self.message)
        layout.addLayout(self.grid, 1)
        layout.addLayout(actions)
        self.dispense_button.clicked.connect(lambda: self.action_requested.emit(DISPENSE))
        self.restock_button.clicked.connect(lambda: self.action_requested.emit(RESTOCK))
        self.check_button.clicked.connect(lambda: self.action_requested.emit(CHECK))
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def show_stock(self, lines: list[StockLine], alerts: list[AlertLine]) -> None:
        self._lines = lines
        self._alerts = alerts
        self.message.clear()
        for old in self.cards.values():
            self.grid.removeWidget(old)
            old.hide()  # deleted later: never drawn again meanwhile
            old.deleteLater()
        self.cards = {}
        for index, line in enumerate(lines):
            card = StockCard()
            card.setProperty("band", line.band.value if line.band else "empty")
            card.setProperty("low", line.low)
            self.grid.addWidget(card, index // COLUMNS, index % COLUMNS)
            card.show()
            self.cards[line.item.id] = card
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def _band_text(self, line: StockLine) -> str:
        if not line.lots:
            return self.tr("None in the box")
        first = line.lots[0]
        if line.band == Band.EXPIRED:
            return self.tr("Expired %1: take out").replace("%1", first.expiry.isoformat())
        return self.tr("Use by %1").replace("%1", first.expiry.isoformat())

    def retranslate(self) -> None:
        self.title.setText(self.tr("Medicine box"))
        self.hint.setText(
            self.tr("Medicine is given out by the volunteer on duty. Please ask at the desk.")
        )
        self.dispense_button.setText(self.tr("Give out"))
        self.restock_button.setText(self.tr("Restock"))
        self.check_button.setText(self.tr("Daily check"))
        self.back_button.setText(self.tr("Back"))
        self.alerts.set_alerts(self._alerts, self.lang, self.tr("+{count} more alerts"))
        self.message.set_language(self.lang)
        for line in self._lines:
            card = self.cards[line.item.id]
            card.name_label.setText(line.item.name(self.lang))
            count = self.tr("%1 %2 in stock").replace("%1", str(line.usable))
            count = count.replace("%2", line.item.unit(self.lang))
            if line.low:
                count += " · " + self.tr("low")
            card.count_label.setText(count)
            card.expiry_label.setText(self._band_text(line))
            card.expiry_label.setProperty("band", line.band.value if line.band else "empty")
            repolish(card.expiry_label)
            card.count_label.setProperty("low", line.low)
            repolish(card.count_label)

    def theme_changed(self) -> None:
        color = self.theme.palette.icon
        self.restock_button.setIcon(icons.icon("medicine", 40, color))
        self.check_button.setIcon(icons.icon("check", 40, color))
        self.back_button.setIcon(icons.icon("back", 40, color))

    def reset(self) -> None:
        self.message.clear()
