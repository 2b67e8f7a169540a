"""Our own on-screen keyboard for short Latin text: letters, digits, basic punctuation.

Not Qt Virtual Keyboard (GPLv3). Keys are big touch targets; Shift makes the next letter a
capital (tap it twice to keep capitals on); the typed text shows in the display above the keys
and leaves the widget only through `value` / `edited`.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.platform.ui import icons
from kiosk.platform.ui.util import repolish

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm,.?")
EXTRA = "-!/:@"
KEY_PX = 76


class LatinKeyboard(QWidget):
    """Signals:
    edited(str): the text changed.
    """

    edited = Signal(str)

    def __init__(
        self, *, max_length: int = 200, icon_color: str = "#9C3D1E", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._max_length = max_length
        self._value = ""
        self._shift = False
        self._caps = False
        self._placeholder = ""
        self.display = QLabel()
        self.display.setObjectName("keyboard_display")
        self.display.setWordWrap(True)
        self.display.setMinimumHeight(110)
        self.display.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for row, chars in enumerate(ROWS):
            for column, char in enumerate(chars):
                grid.addWidget(self._key(char), row, column)
        self.shift_button = self._aux("shift")
        self.shift_button.setCheckable(True)
        self.shift_button.clicked.connect(self._on_shift)
        self.space_button = self._aux("space")
        self.space_button.clicked.connect(lambda: self.press(" "))
        self.backspace_button = self._aux("backspace")
        self.backspace_button.setIcon(icons.icon("backspace", 40, icon_color))
        self.backspace_button.setIconSize(QSize(40, 40))
        self.backspace_button.clicked.connect(self._on_backspace)
        bottom = QHBoxLayout()
        bottom.setSpacing(10)
        bottom.addWidget(self.shift_button, 2)
        for char in EXTRA:
            bottom.addWidget(self._key(char), 1)
        bottom.addWidget(self.space_button, 4)
        bottom.addWidget(self.backspace_button, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.display)
        layout.addLayout(grid)
        layout.addLayout(bottom)
        self.retranslate()
        self._refresh()

    def _key(self, char: str) -> QPushButton:
        key = QPushButton(char)
        key.setProperty("key", "true")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setMinimumSize(KEY_PX, KEY_PX)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        key.setAccessibleName(char)
        key.clicked.connect(lambda _=False, c=char: self.press(c))
        self.keys[char] = key
        return key

    def _aux(self, name: str) -> QPushButton:
        key = QPushButton()
        key.setObjectName(f"keyboard_{name}")
        key.setProperty("key", "aux")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setMinimumSize(KEY_PX, KEY_PX)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return key

    def retranslate(self) -> None:
        self.shift_button.setText(self.tr("Shift"))
        self.space_button.setText(self.tr("Space"))
        self.backspace_button.setAccessibleName(self.tr("Delete"))

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self._refresh()

    def set_max_length(self, length: int) -> None:
        self._max_length = length

    @property
    def value(self) -> str:
        return self._value

    @property
    def shifted(self) -> bool:
        return self._shift or self._caps

    def press(self, char: str) -> None:
        """Type one character (a capital when Shift is on)."""
        if len(self._value) >= self._max_length:
            return
        if char.isalpha() and self.shifted:
            char = char.upper()
        self._value += char
        if self._shift and not self._caps:
            self._shift = False
        self._refresh()

    def clear(self) -> None:
        self._value = ""
        self._shift = self._caps = False
        self._refresh()

    @Slot()
    def _on_shift(self) -> None:
        if self._caps:
            self._shift = self._caps = False
        elif self._shift:
            self._caps = True  # a second tap keeps capitals on
        else:
            self._shift = True
        self._refresh()

    @Slot()
    def _on_backspace(self) -> None:
        self._value = self._value[:-1]
        self._refresh()

    def _refresh(self) -> None:
        upper = self.shifted
        for char, key in self.keys.items():
            if char.isalpha():
                key.setText(char.upper() if upper else char)
        self.shift_button.setChecked(upper)
        self.display.setText(self._value + "▏" if self._value else self._placeholder)
        if self.display.property("empty") != (not self._value):
            self.display.setProperty("empty", not self._value)
            repolish(self.display)
        self.edited.emit(self._value)
