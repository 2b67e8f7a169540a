"""A page to type a short text on screen: a name, a volunteer number, a hub URL, a code.

Codes and addresses take the Latin keys below (letters, digits, URL signs, a caps lock); a
person's name takes the touch keyboard (pinyin, handwriting or English), built the first time
a name is asked for.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import KioskError
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

if TYPE_CHECKING:
    from kiosk.platform.ui.widgets.touch_keyboard import TouchKeyboard

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", ".-_:/@ ")


class TextEntryPage(Page):
    """Signals:
    submitted(str): OK with the text typed.
    back_requested(): Back.
    """

    submitted = Signal(str)
    back_requested = Signal()

    def __init__(
        self,
        language: LanguageSwitch,
        theme: Theme,
        max_length: int = 60,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._max_length = max_length
        self._value = ""
        self._upper = False
        self._title = ("", "")
        self._hint = ("", "")
        self._chinese = False
        self._keyboard: TouchKeyboard | None = None

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.display = QLabel()
        self.display.setObjectName("keypad_display")
        self.display.setMinimumHeight(88)
        self.error = BilingualMessage(main_role="inline-error", center=False)
        self.error.clear()

        grid = QGridLayout()
        grid.setSpacing(10)
        self.key_buttons: dict[str, QPushButton] = {}
        for row, keys in enumerate(ROWS):
            for column, key in enumerate(keys):
                key_button = button("", "", height=76)
                key_button.setObjectName("text_key")
                key_button.clicked.connect(partial(self._on_key, key))
                self.key_buttons[key] = key_button
                span = 4 if key == " " else 1  # a wide space bar, as on any keyboard
                grid.addWidget(key_button, row, column, 1, span)
        self.key_buttons[" "].setObjectName("text_space")
        self.shift_button = button("", "", height=76)
        self.shift_button.setCheckable(True)
        self.shift_button.toggled.connect(self._on_shift)
        self.backspace_button = button("", "backspace", theme.palette.icon, height=76)
        self.backspace_button.clicked.connect(self._on_backspace)
        grid.addWidget(self.shift_button, 3, 7)
        grid.addWidget(self.backspace_button, 3, 8, 1, 2)
        self.latin_keys = QWidget()
        self.latin_keys.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)

        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setMinimumWidth(220)
        self.ok_button = button("primary", "", height=88)
        self.ok_button.setMinimumWidth(300)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 30, 120, 30)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.display)
        layout.addWidget(self.error)
        layout.addWidget(self.latin_keys, 1)
        layout.addLayout(bottom)
        self._layout = layout

        self.back_button.clicked.connect(self.back_requested)
        self.ok_button.clicked.connect(self._on_ok)
        self.retranslate()

    @property
    def value(self) -> str:
        if self._chinese and self._keyboard is not None:
            return self._keyboard.value
        return self._value

    @property
    def keyboard(self) -> TouchKeyboard:
        """The touch keyboard for names (pinyin, handwriting, English), made on first use."""
        if self._keyboard is None:
            # Here, not at the top: the admin flow loads with the window, this on a name.
            from kiosk.platform.ui.widgets.touch_keyboard import TouchKeyboard

            self._keyboard = TouchKeyboard(
                max_length=self._max_length, icon_color=self.theme.palette.icon
            )
            self._keyboard.edited.connect(lambda _: self.error.clear())
            self._layout.insertWidget(self._layout.indexOf(self.latin_keys), self._keyboard, 1)
        return self._keyboard

    def ask(
        self,
        title: tuple[str, str],
        hint: tuple[str, str],
        value: str = "",
        *,
        chinese: bool = False,
    ) -> None:
        """Show the page for one entry: (zh, en) texts, a value to start from, and whether it
        takes Chinese (a name) or only Latin keys (a code, an address)."""
        self._title, self._hint = title, hint
        self._value = value[: self._max_length]
        self._chinese = chinese
        if chinese:
            self.keyboard.start(self.lang)
        if self._keyboard is not None:
            self._keyboard.setVisible(chinese)
        self.latin_keys.setVisible(not chinese)
        self.display.setVisible(not chinese)  # the touch keyboard shows its own text
        self.error.clear()
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.error.show_message(error.zh, error.en, self.lang)

    def retranslate(self) -> None:
        zh = self.lang == "zh"
        self.title.setText(self._title[0] if zh else self._title[1])
        self.hint.setText(self._hint[0] if zh else self._hint[1])
        self.shift_button.setText(self.tr("ABC"))
        self.key_buttons[" "].setText(self.tr("Space"))
        self.back_button.setText(self.tr("Back"))
        self.ok_button.setText(self.tr("OK"))
        self.error.set_language(self.lang)
        if self._keyboard is not None:
            self._keyboard.retranslate()
        self._show()

    def reset(self) -> None:
        self._value = ""
        if self._keyboard is not None:
            self._keyboard.start(self.lang)
        self.shift_button.setChecked(False)
        self.error.clear()
        self._show()

    def _show(self) -> None:
        for key, key_button in self.key_buttons.items():
            if key != " ":
                key_button.setText(key.upper() if self._upper else key)
        self.display.setText(self._value or " ")

    @Slot(str)
    def _on_key(self, key: str) -> None:
        if len(self._value) < self._max_length:
            self._value += key.upper() if self._upper else key
            self.error.clear()
            self._show()

    @Slot(bool)
    def _on_shift(self, checked: bool) -> None:
        self._upper = checked
        self._show()

    @Slot()
    def _on_backspace(self) -> None:
        self._value = self._value[:-1]
        self._show()

    @Slot()
    def _on_ok(self) -> None:
        self.submitted.emit(self.value.strip())
