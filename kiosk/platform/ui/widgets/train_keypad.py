"""The digit keypad with the train-type letters (G 高铁, D 动车, C 城际, K 快速) in front.

Another set of letters can be given (the departures board adds T 特快 and Z 直达; a gate
keypad uses A, B, C …).

A letter is accepted only as the first character, so what is typed always looks like a train
number (G1234, D56, K1) or a plain number (1461).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.platform.ui.widgets.keypad import Keypad

LETTERS = "GDCK"


class TrainKeypad(Keypad):
    """`letter_buttons` by letter; digits, ⌫, clear and OK as on the plain keypad."""

    def __init__(
        self,
        *,
        icon_color: str = "#9C3D1E",
        letters: str = LETTERS,
        max_length: int = 6,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(max_length=max_length, icon_color=icon_color, parent=parent)
        self._letters = letters
        self.letter_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(16)
        for letter in letters:
            key = QPushButton(letter)
            key.setProperty("key", "true")
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            key.setMinimumSize(80 if len(letters) > 4 else 120, 80)
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            key.setAccessibleName(letter)
            key.clicked.connect(lambda _=False, c=letter: self.press(c))
            self.letter_buttons[letter] = key
            row.addWidget(key)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, row)

    def press(self, digit: str) -> None:
        if digit in self._letters:
            if not self.value:
                self._value = digit
                self._refresh()
            return
        super().press(digit)
