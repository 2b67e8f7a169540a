"""Needs and wishes (诉求 / 微心愿): a category, an optional short text typed on our touch
keyboard (pinyin, handwriting or English), an optional phone; and, for staff, the status and
answer page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import KioskError
from kiosk.core.tickets import MAX_TEXT, WishCategory
from kiosk.features.requests.ui.labels import WISH_CATEGORIES, WISH_STATUS, group_ticket, one
from kiosk.features.requests.ui.order import ChoicePage
from kiosk.features.wishes.service import CANNED_ANSWERS, WishView
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.platform.ui.widgets.touch_keyboard import TouchKeyboard


class WishCategoryPage(ChoicePage):
    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(dict(WISH_CATEGORIES), language, theme, parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Needs and wishes"))
        self.hint.setText(
            self.tr("Tell the station what you need or wish for. Anonymous unless you add a phone.")
        )


class WishTextPage(Page):
    """Signals:
    send_requested(): submit the wish.
    phone_requested(): add an optional phone.
    back_requested(): another category.
    """

    send_requested = Signal()
    phone_requested = Signal()
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.category = WishCategory.OTHER.value
        self.masked_phone = ""
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.keyboard = TouchKeyboard(max_length=MAX_TEXT, icon_color=theme.palette.icon)
        self.phone_button = button("", "phone", theme.palette.icon, height=96)
        self.phone_button.setObjectName("wish_phone")
        self.send_button = button("primary", "check", "#FFFFFF", height=110)
        self.send_button.setObjectName("wish_send")
        self.send_button.setMinimumWidth(420)
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("wish_back")
        self.back_button.setMinimumWidth(260)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.back_button)
        row.addWidget(self.phone_button, 1)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 20, 64, 20)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(self.keyboard, 1)
        layout.addLayout(row)
        self.send_button.clicked.connect(self.send_requested)
        self.phone_button.clicked.connect(self.phone_requested)
        self.back_button.clicked.connect(self.back_requested)
        self.keyboard.edited.connect(lambda _: self.message.clear())
        self.retranslate()

    def ask(self, category: str) -> None:
        self.reset()
        self.category = category
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def theme_changed(self) -> None:
        color = self.theme.palette.icon
        self.back_button.setIcon(icons.icon("back", 40, color))
        self.phone_button.setIcon(icons.icon("phone", 40, color))
        self.keyboard.set_icon_color(color)

    def retranslate(self) -> None:
        _, zh, en = WISH_CATEGORIES.get(self.category, ("", "", ""))
        self.title.setText(one((zh, en), self.lang))
        self.hint.setText(
            self.tr(
                "Optional: a few words (pinyin, handwriting or English), then Send. "
                "Anonymous by default."
            )
        )
        self.keyboard.retranslate()
        self.keyboard.set_placeholder(self.tr("Type here (optional)"))
        self.phone_button.setText(
            self.tr("Phone: %1").replace("%1", self.masked_phone)
            if self.masked_phone
            else self.tr("Add a phone (optional)")
        )
        self.send_button.setText(self.tr("Send"))
        self.back_button.setText(self.tr("Back"))
        self.message.set_language(self.lang)

    def reset(self) -> None:
        self.keyboard.start(self.lang)
        self.masked_phone = ""
        self.message.clear()
        self.retranslate()


class WishAnswerPage(Page):
    """Staff (behind the admin PIN) move a wish on: in progress, or answered from the canned
    list or a short typed answer.

    Signals:
    status_chosen(str, str): status and answer text.
    back_requested(): to the admin screen.
    """

    status_chosen = Signal(str, str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.view: WishView | None = None
        self.title = QLabel()
        self.title.setProperty("role", "section")
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setProperty("role", "muted")
        self.text.setWordWrap(True)
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.canned_buttons: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(10)
        for index, (zh, en) in enumerate(CANNED_ANSWERS):
            canned = button("", "", theme.palette.icon, height=76)
            canned.setObjectName(f"canned_{index}")
            canned.setProperty("canned", True)
            canned.clicked.connect(
                lambda _=False, z=zh, e=en: self.status_chosen.emit("answered", f"{z}\n{e}")
            )
            grid.addWidget(canned, index // 3, index % 3)
            self.canned_buttons.append(canned)
        self.keyboard = TouchKeyboard(max_length=200, icon_color=theme.palette.icon)
        self.keyboard.display.setMinimumHeight(72)
        self.progress_button = button("", "clock", theme.palette.icon, height=88)
        self.progress_button.setObjectName("wish_in_progress")
        self.answer_button = button("primary", "check", "#FFFFFF", height=88)
        self.answer_button.setObjectName("wish_answer_typed")
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setObjectName("wish_answer_back")
        row = QHBoxLayout()
        row.setSpacing(20)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.progress_button)
        row.addWidget(self.answer_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        layout.addWidget(self.keyboard, 1)
        layout.addLayout(row)
        self.progress_button.clicked.connect(lambda: self.status_chosen.emit("in_progress", ""))
        self.answer_button.clicked.connect(
            lambda: self.status_chosen.emit("answered", self.keyboard.value)
        )
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def ask(self, view: WishView) -> None:
        self.reset()
        self.view = view
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def retranslate(self) -> None:
        # The button shows the current language; the answer stored has both.
        for canned, texts in zip(self.canned_buttons, CANNED_ANSWERS, strict=True):
            canned.setText(one(texts, self.lang))
            canned.setToolTip("\n".join(texts))
        self.progress_button.setText(self.tr("Mark in progress"))
        self.answer_button.setText(self.tr("Send typed answer"))
        self.back_button.setText(self.tr("Back"))
        self.keyboard.retranslate()
        self.keyboard.set_placeholder(self.tr("Or type a short answer"))
        self.message.set_language(self.lang)
        view = self.view
        if view is None:
            return
        _, zh, en = WISH_CATEGORIES[view.category]
        status = one(WISH_STATUS[view.status], self.lang)
        self.title.setText(f"{group_ticket(view.ticket)} · {one((zh, en), self.lang)} · {status}")
        self.text.setText(view.text or self.tr("(no text)"))

    def reset(self) -> None:
        self.view = None
        self.keyboard.start(self.lang)
        self.message.clear()
