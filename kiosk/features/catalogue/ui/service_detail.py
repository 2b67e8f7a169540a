"""One service: what it is, where and when, its QR code, and the taps that count people served.

The page only shows and asks: a tap on an audience (or on "used" for water, rest, microwave,
reading) is emitted with the stepper's count, and the window records it through the service
layer and hands back the thank-you or the reason it was refused.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.features.catalogue.service.catalogue import ServiceItem
from kiosk.features.uses.domain import MAX_COUNT, MIN_COUNT, Audience
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.qr import qr_pixmap
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

QR_PX = 352
THANKS_MS = 6000  # long enough to read twice, short enough that the next person sees a clean page
AUDIENCES = (
    Audience.TRAVELLER,
    Audience.RIDER,
    Audience.COURIER,
    Audience.SANITATION,
    Audience.DRIVER,
    Audience.ELDERLY,
    Audience.DISABLED,
    Audience.OTHER,
)
_AUDIENCE_ICONS = {a: f"aud_{a.value}" for a in AUDIENCES} | {Audience.DISABLED: "accessibility"}


class CountStepper(QWidget):
    """− N + : how many people one tap counts (a family of four = 4)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = MIN_COUNT
        self.caption = QLabel()
        self.caption.setProperty("role", "lead")
        self.minus_button = QPushButton("−")
        self.plus_button = QPushButton("+")
        for key in (self.minus_button, self.plus_button):
            key.setProperty("key", "true")
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            key.setFixedSize(96, 84)
        self.value_label = QLabel()
        self.value_label.setObjectName("keypad_display")
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value_label.setFixedSize(110, 84)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.caption)
        layout.addWidget(self.minus_button)
        layout.addWidget(self.value_label)
        layout.addWidget(self.plus_button)
        self.minus_button.clicked.connect(self._on_minus)
        self.plus_button.clicked.connect(self._on_plus)
        self.set_value(MIN_COUNT)

    @property
    def value(self) -> int:
        return self._value

    def set_value(self, value: int) -> None:
        self._value = max(MIN_COUNT, min(MAX_COUNT, value))
        self.value_label.setText(str(self._value))
        self.minus_button.setEnabled(self._value > MIN_COUNT)
        self.plus_button.setEnabled(self._value < MAX_COUNT)

    @Slot()
    def _on_minus(self) -> None:
        self.set_value(self._value - 1)

    @Slot()
    def _on_plus(self) -> None:
        self.set_value(self._value + 1)


class ServiceDetailPage(Page):
    """Signals:
    back_requested(): leave for the home screen.
    use_tapped(str, str, int): service id, audience ("none" for the one-tap button), count.
    """

    back_requested = Signal()
    use_tapped = Signal(str, str, int)

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._item: ServiceItem | None = None
        self._link = ""
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(120, 120)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = QLabel()
        self.name_label.setProperty("role", "headline")
        self.other_name = QLabel()
        self.other_name.setProperty("role", "other-language")
        self.description = QLabel()
        self.description.setProperty("role", "lead")
        self.description.setWordWrap(True)
        self.other_description = QLabel()
        self.other_description.setProperty("role", "other-language")
        self.other_description.setWordWrap(True)

        card = QFrame()
        card.setProperty("card", True)
        facts = QGridLayout(card)
        facts.setContentsMargins(30, 20, 30, 20)
        facts.setHorizontalSpacing(30)
        facts.setVerticalSpacing(4)
        self.where_caption = QLabel()
        self.where_caption.setProperty("role", "section")
        self.where_value = QLabel()
        self.where_value.setProperty("role", "lead")
        self.where_value.setWordWrap(True)
        self.where_other = QLabel()
        self.where_other.setProperty("role", "other-language")
        self.where_other.setWordWrap(True)
        self.hours_caption = QLabel()
        self.hours_caption.setProperty("role", "section")
        self.hours_value = QLabel()
        self.hours_value.setProperty("role", "lead")
        self.hours_other = QLabel()
        self.hours_other.setProperty("role", "other-language")
        facts.addWidget(self.where_caption, 0, 0)
        facts.addWidget(self.where_value, 0, 1)
        facts.addWidget(self.where_other, 1, 1)
        facts.setRowMinimumHeight(2, 14)
        facts.addWidget(self.hours_caption, 3, 0)
        facts.addWidget(self.hours_value, 3, 1)
        facts.addWidget(self.hours_other, 4, 1)
        facts.setColumnStretch(1, 1)

        self.qr_card = qr_card = QFrame()
        qr_card.setProperty("card", True)
        self.qr_label = QLabel()
        self.qr_label.setFixedSize(QR_PX, QR_PX)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = QLabel()
        self.qr_caption.setProperty("role", "lead")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setWordWrap(True)
        self.qr_other = QLabel()
        self.qr_other.setProperty("role", "other-language")
        self.qr_other.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_other.setWordWrap(True)
        qr_box = QVBoxLayout(qr_card)
        qr_box.setContentsMargins(24, 20, 24, 18)
        qr_box.setSpacing(6)
        qr_box.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_box.addWidget(self.qr_caption)
        qr_box.addWidget(self.qr_other)
        qr_card.setFixedWidth(QR_PX + 48)

        # --- counting people served -------------------------------------------------------
        self.count_title = QLabel()
        self.count_title.setProperty("role", "section")
        self.stepper = CountStepper()
        self.used_button = button("primary", "check", "#FFFFFF", height=84)
        self.used_button.setObjectName("used")
        self.used_button.setMinimumWidth(300)
        self.used_button.clicked.connect(self._on_used)
        self.audience_buttons: dict[Audience, QPushButton] = {}
        audience_grid = QGridLayout()
        audience_grid.setHorizontalSpacing(14)
        audience_grid.setVerticalSpacing(14)
        for index, audience in enumerate(AUDIENCES):
            tap = button("", _AUDIENCE_ICONS[audience], self.theme.palette.icon, height=84)
            tap.setObjectName(f"audience_{audience.value}")
            tap.clicked.connect(lambda _=False, a=audience: self._on_audience(a))
            audience_grid.addWidget(tap, index // 4, index % 4)
            self.audience_buttons[audience] = tap
        self.thanks = BilingualMessage("lead", center=False)
        self.thanks.primary.setProperty("role", "section")
        self.thanks.clear()
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(THANKS_MS)
        self._thanks_timer.timeout.connect(self.thanks.clear)

        self.back_button = button("", "back", self.theme.palette.icon, height=84)
        self.back_button.setObjectName("detail_back")
        self.back_button.setMinimumWidth(300)
        self.back_button.clicked.connect(self.back_requested)

        # --- layout -----------------------------------------------------------------------
        head_text = QVBoxLayout()
        head_text.setSpacing(4)
        head_text.addStretch(1)
        head_text.addWidget(self.name_label)
        head_text.addWidget(self.other_name)
        head_text.addStretch(1)
        head = QHBoxLayout()
        head.setSpacing(28)
        head.addWidget(self.icon_label)
        head.addLayout(head_text, 1)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addLayout(head)
        left.addWidget(self.description)
        left.addWidget(self.other_description)
        left.addSpacing(8)
        left.addWidget(card)
        left.addStretch(1)
        top = QHBoxLayout()
        top.setSpacing(40)
        top.addLayout(left, 1)
        top.addWidget(qr_card, 0, Qt.AlignmentFlag.AlignTop)

        count_row = QHBoxLayout()
        count_row.setSpacing(24)
        count_row.addWidget(self.count_title)
        count_row.addStretch(1)
        count_row.addWidget(self.stepper)
        count_row.addWidget(self.used_button)
        bottom = QHBoxLayout()
        bottom.setSpacing(30)
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.thanks, 1)

        body = QVBoxLayout(self)
        body.setContentsMargins(64, 22, 64, 22)
        body.setSpacing(16)
        body.addLayout(top, 1)
        body.addLayout(count_row)
        body.addLayout(audience_grid)
        body.addLayout(bottom)
        self.retranslate()

    # --- what the window calls -----------------------------------------------------------------

    def show_item(self, item: ServiceItem, link: str) -> None:
        """Show `item` with a QR code for `link`; the stepper starts at one."""
        self._item = item
        self._link = link
        self.stepper.set_value(MIN_COUNT)
        self.thanks.clear()
        # No link (a stand-alone kiosk): no code at all rather than a dead link on a phone.
        self.qr_card.setVisible(bool(link))
        if link:
            self.qr_label.setPixmap(qr_pixmap(link, QR_PX))
        else:
            self.qr_label.clear()
        self.qr_label.setAccessibleDescription(link)
        self.theme_changed()
        self.retranslate()

    def show_thanks(self, count: int) -> None:
        """The short confirmation after a use was recorded; the stepper goes back to one."""
        self.stepper.set_value(MIN_COUNT)
        self.thanks.show_message(
            f"谢谢！已记录 {count} 人次",
            f"Thank you! {count} served, recorded",
            self.lang,
            "success",
        )
        self._thanks_timer.start()

    def show_error(self, error: KioskError) -> None:
        self._thanks_timer.stop()
        self.thanks.show_message(error.zh, error.en, self.lang, "error")

    @property
    def item(self) -> ServiceItem | None:
        return self._item

    @property
    def link(self) -> str:
        return self._link

    # --- Page ----------------------------------------------------------------------------------

    def theme_changed(self) -> None:
        color = self.theme.palette.icon
        for audience, tap in self.audience_buttons.items():
            tap.setIcon(icons.icon(_AUDIENCE_ICONS[audience], 44, color))
            tap.setIconSize(QSize(44, 44))
        self.back_button.setIcon(icons.icon("back", 40, color))
        if self._item is not None:
            self.icon_label.setPixmap(icons.pixmap(self._item.icon, 110, color))

    def retranslate(self) -> None:
        self.where_caption.setText(self.tr("Where"))
        self.hours_caption.setText(self.tr("Hours"))
        self.back_button.setText(self.tr("Back to all services"))
        self.qr_caption.setText(self.tr("Scan with your phone"))
        self.qr_other.setText("用手机扫码" if self.lang != "zh" else "Scan with your phone")
        self.count_title.setText(self.tr("Who did we serve? One tap counts"))
        self.stepper.caption.setText(self.tr("People"))
        self.used_button.setText(self.tr("Used it"))
        for audience, tap in self.audience_buttons.items():
            tap.setText(words.label(words.AUDIENCES, audience, self.lang))
        self.thanks.set_language(self.lang)
        item = self._item
        self.used_button.setVisible(item is not None and item.one_tap)
        if item is None:
            return
        other = self.language.other()
        self.name_label.setText(item.name(self.lang))
        self.other_name.setText(item.name(other))
        self.description.setText(item.description(self.lang))
        self.other_description.setText(item.description(other))
        self.where_value.setText(item.where(self.lang))
        self.where_other.setText(item.where(other))
        self.hours_value.setText(item.opening_hours(self.lang))
        hours_other = item.opening_hours(other)
        self.hours_other.setText(hours_other)
        self.hours_other.setVisible(hours_other != item.opening_hours(self.lang))

    def reset(self) -> None:
        self._item = None
        self._link = ""
        self.qr_label.clear()
        self.stepper.set_value(MIN_COUNT)
        self._thanks_timer.stop()
        self.thanks.clear()

    # --- handlers ------------------------------------------------------------------------------

    def _on_audience(self, audience: Audience) -> None:
        if self._item is not None:
            self.use_tapped.emit(self._item.id, audience.value, self.stepper.value)

    @Slot()
    def _on_used(self) -> None:
        if self._item is not None:
            self.use_tapped.emit(self._item.id, Audience.NONE.value, self.stepper.value)
