"""Pick lists for touch: a grid of big toggle buttons, and a keypad that fills named fields.

The kiosk has no Chinese text input, so forms are made of choices; the few values that are
digits (a batch number, an expiry date, a quantity) are typed on the numeric keypad.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.platform.ui.widgets.keypad import Keypad


class ChoiceGroup(QWidget):
    """Big checkable buttons, one per choice; exclusive unless `multi`.

    Signals:
        changed(): the selection changed.
    """

    changed = Signal()

    def __init__(
        self,
        values: list[str],
        *,
        columns: int = 4,
        multi: bool = False,
        height: int = 76,
        name: str = "choice",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._multi = multi
        self.buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for index, value in enumerate(values):
            tap = QPushButton()
            tap.setObjectName(f"{name}_{value}")
            tap.setCheckable(True)
            tap.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tap.setMinimumHeight(height)
            tap.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tap.clicked.connect(lambda checked=False, v=value: self._on_tap(v, checked))
            self._group.addButton(tap)
            grid.addWidget(tap, index // columns, index % columns)
            self.buttons[value] = tap

    def set_texts(self, texts: dict[str, str]) -> None:
        for value, tap in self.buttons.items():
            tap.setText(texts.get(value, value))
            tap.setAccessibleName(tap.text())

    @property
    def value(self) -> str | None:
        chosen = self.values
        return chosen[0] if chosen else None

    @property
    def values(self) -> list[str]:
        return [value for value, tap in self.buttons.items() if tap.isChecked()]

    def select(self, *values: str) -> None:
        for value, tap in self.buttons.items():
            tap.setChecked(value in values)
        self.changed.emit()

    def clear(self) -> None:
        self.select()

    def _on_tap(self, value: str, checked: bool) -> None:
        if not self._multi:
            for other, tap in self.buttons.items():
                if other != value:
                    tap.setChecked(False)
            self.buttons[value].setChecked(True)  # a second tap keeps the choice
        self.changed.emit()


class FieldPad(QWidget):
    """Field buttons (showing their values) and one keypad typing into the chosen field.

    Signals:
        edited(): a field's value changed.
    """

    edited = Signal()

    def __init__(
        self,
        fields: list[str],
        *,
        icon_color: str = "#9C3D1E",
        max_length: int = 12,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.values: dict[str, str] = dict.fromkeys(fields, "")
        self._labels: dict[str, str] = dict.fromkeys(fields, "")
        self._placeholders: dict[str, str] = dict.fromkeys(fields, "")
        self.active = fields[0]
        self.field_buttons: dict[str, QPushButton] = {}
        self.keypad = Keypad(max_length=max_length, icon_color=icon_color)
        self.keypad.ok_button.setVisible(False)  # the page has its own confirm button
        column = QVBoxLayout()
        column.setSpacing(12)
        # A page's own widgets go above the fields, so the keypad keeps the full height.
        self.top = QVBoxLayout()
        self.top.setSpacing(10)
        column.addLayout(self.top)
        for name in fields:
            tap = QPushButton()
            tap.setObjectName(f"field_{name}")
            tap.setCheckable(True)
            tap.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tap.setMinimumHeight(84)
            tap.clicked.connect(lambda _=False, n=name: self.choose(n))
            column.addWidget(tap)
            self.field_buttons[name] = tap
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        layout.addLayout(column, 1)
        layout.addWidget(self.keypad)
        self.keypad.setFixedWidth(460)
        self.keypad.edited.connect(self._on_edited)
        self.choose(fields[0])

    def set_labels(self, labels: dict[str, str], placeholders: dict[str, str]) -> None:
        self._labels.update(labels)
        self._placeholders.update(placeholders)
        self.keypad.set_placeholder(self._placeholders[self.active])
        self._paint()

    def choose(self, name: str) -> None:
        """Type into `name` next; the keypad shows its current value."""
        self.active = name
        self.keypad.blockSignals(True)
        self.keypad.clear()
        for digit in self.values[name]:
            self.keypad.press(digit)
        self.keypad.blockSignals(False)
        self.keypad.set_placeholder(self._placeholders[name])
        self._paint()

    def set_value(self, name: str, value: str) -> None:
        self.values[name] = value
        if name == self.active:
            self.choose(name)
        self._paint()

    def clear(self) -> None:
        for name in self.values:
            self.values[name] = ""
        self.choose(next(iter(self.values)))

    @Slot(str)
    def _on_edited(self, value: str) -> None:
        self.values[self.active] = value
        self._paint()
        self.edited.emit()

    def _paint(self) -> None:
        for name, tap in self.field_buttons.items():
            shown = self.values[name] or "—"
            tap.setText(f"{self._labels[name]}:  {shown}")
            tap.setChecked(name == self.active)
