"""A few words with a help request (e.g. "两个大箱子" / "wheelchair at exit B"), typed on the
touch keyboard in pinyin, handwriting or English; the volunteer reads them in the queue."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.touch_keyboard import TouchKeyboard

MAX_WORDS = 60


class HelpTextPage(Page):
    """Signals:
    submitted(str): OK with the words typed (may be empty: none).
    back_requested(): back to the request without changing them.
    """

    submitted = Signal(str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.keyboard = TouchKeyboard(max_length=MAX_WORDS, icon_color=theme.palette.icon)
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("help_text_back")
        self.back_button.setMinimumWidth(260)
        self.ok_button = button("primary", "check", "#FFFFFF", height=96)
        self.ok_button.setObjectName("help_text_ok")
        self.ok_button.setMinimumWidth(360)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 20, 64, 20)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.keyboard, 1)
        layout.addLayout(row)
        self.ok_button.clicked.connect(lambda: self.submitted.emit(self.keyboard.value.strip()))
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def ask(self, value: str) -> None:
        self.keyboard.start(self.lang)
        self.keyboard.set_value(value)
        self.retranslate()

    def reset(self) -> None:
        self.keyboard.start(self.lang)

    def theme_changed(self) -> None:
        color = self.theme.palette.icon
        self.back_button.setIcon(icons.icon("back", 40, color))
        self.keyboard.set_icon_color(color)

    def retranslate(self) -> None:
        self.title.setText(self.tr("A few words for the volunteer (optional)"))
        self.keyboard.retranslate()
        self.keyboard.set_placeholder(self.tr("e.g. two big suitcases, at exit B"))
        self.back_button.setText(self.tr("Back"))
        self.ok_button.setText(self.tr("OK"))
