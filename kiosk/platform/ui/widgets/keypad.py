"""The on-screen numeric keypad: digits, backspace, clear and OK, with an optional masked display.

Touch targets are large and spaced; the value never leaves the widget except through
`submitted`, and `clear()` wipes it (called on idle and whenever a page resets).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.platform.ui import icons
from kiosk.platform.ui.util import repolish

MASK_CHAR = "●"


def group_phone(digits: str) -> str:
    """138 0000 0001: easier to check at a glance than eleven digits in a row."""
    if len(digits) <= 3:
        return digits
    head, rest = digits[:3], digits[3:]
    return " ".join([head, *[rest[i : i + 4] for i in range(0, len(rest), 4)]])


class Keypad(QWidget):
    """Digits 0-9, ⌫ backspace, clear and OK.

    Signals:
        submitted(str): OK was pressed with the current value.
        edited(str): the value changed (e.g. to hide an error message).
    """

    submitted = Signal(str)
    edited = Signal(str)

    def __init__(
        self,
        *,
        masked: bool = False,
        max_length: int = 11,
        grouped: bool = False,
        icon_color: str = "#9C3D1E",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._masked = masked
        self._grouped = grouped
        self._max_length = max_length
        self._value = ""
        self._placeholder = ""

        self.display = QLabel()
        self.display.setObjectName("keypad_display")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumHeight(96)
        self.display.setAccessibleName("keypad display")

        grid = QGridLayout()
        grid.setSpacing(16)
        self.digit_buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._key(digit), index // 3, index % 3)
        self.clear_button = self._aux_button()
        self.clear_button.clicked.connect(self._on_clear)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        self.backspace_button = self._aux_button()
        self.backspace_button.setIcon(icons.icon("backspace", 44, icon_color))
        self.backspace_button.setIconSize(QSize(44, 44))
        self.backspace_button.clicked.connect(self._on_backspace)
        grid.addWidget(self.backspace_button, 3, 2)

        self.ok_button = QPushButton()
        self.ok_button.setProperty("kind", "primary")
        self.ok_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ok_button.setMinimumHeight(88)
        self.ok_button.clicked.connect(self._on_ok)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addWidget(self.display)
        layout.addLayout(grid)
        layout.addWidget(self.ok_button)
        self.retranslate()
        self._refresh()

    def _key(self, digit: str) -> QPushButton:
        button = QPushButton(digit)
        button.setProperty("key", "true")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(120, 88)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setAccessibleName(digit)
        button.clicked.connect(lambda _=False, d=digit: self.press(d))
        self.digit_buttons[digit] = button
        return button

    def _aux_button(self) -> QPushButton:
        button = QPushButton()
        button.setProperty("key", "aux")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(120, 88)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return button

    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear"))
        self.backspace_button.setAccessibleName(self.tr("Delete"))
        self.backspace_button.setToolTip(self.tr("Delete"))
        self.ok_button.setText(self.tr("OK"))

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self._refresh()

    @property
    def value(self) -> str:
        return self._value

    def press(self, digit: str) -> None:
        if len(self._value) < self._max_length and digit.isdigit():
            self._value += digit
            self._refresh()

    def clear(self) -> None:
        self._value = ""
        self._refresh()

    def _refresh(self) -> None:
        if not self._value:
            shown = self._placeholder
        elif self._masked:
            shown = " ".join(MASK_CHAR * len(self._value))
        elif self._grouped:
            shown = group_phone(self._value)
        else:
            shown = self._value
        self.display.setText(shown)
        if self.display.property("empty") != (not self._value):
            self.display.setProperty("empty", not self._value)
            repolish(self.display)
        self.ok_button.setEnabled(bool(self._value))
        self.edited.emit(self._value)

    @Slot()
    def _on_clear(self) -> None:
        self.clear()

    @Slot()
    def _on_backspace(self) -> None:
        self._value = self._value[:-1]
        self._refresh()

    @Slot()
    def _on_ok(self) -> None:
        if self._value:
            self.submitted.emit(self._value)
