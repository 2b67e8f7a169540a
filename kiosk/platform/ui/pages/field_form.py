"""A form of a few typed fields and one choice, behind the admin PIN: a row of choice buttons,
one button per field (tap it to type into it), the touch keyboard beside them, a message line,
Back and Save. Admin records (a training, an activity) are such forms; the feature's page gives
the choices, the fields and their labels, and reads what was typed from `submitted`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

MAX_FIELD = 40


class FieldFormPage(Page):
    """Signals:
    submitted(dict): "kind" (the choice) and every field as typed.
    back_requested(): leave, nothing saved.

    `chinese` names the fields typed in the page's language (pinyin or handwriting in
    Chinese); the others type English letters and digits (numbers, dates, times)."""

    submitted = Signal(dict)
    back_requested = Signal()

    def __init__(
        self,
        language: LanguageSwitch,
        theme: Theme,
        *,
        name: str,
        choices: Sequence[str],
        fields: Sequence[str],
        chinese: frozenset[str] = frozenset(),
        max_length: int = MAX_FIELD,
        columns: int = 2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        from kiosk.platform.ui.widgets.touch_keyboard import TouchKeyboard

        self.fields = tuple(fields)
        self.chinese = chinese
        self.kind = ""
        self.values: dict[str, str] = dict.fromkeys(self.fields, "")
        self.field = self.fields[0]
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.kind_buttons: dict[str, QPushButton] = {}
        kinds = QGridLayout()
        kinds.setSpacing(10)
        for index, kind in enumerate(choices):
            choice = button("", "", height=72)
            choice.setObjectName(f"{name}_kind_{kind}")
            choice.setCheckable(True)
            choice.clicked.connect(partial(self._on_kind, kind))
            kinds.addWidget(choice, index // columns, index % columns)
            self.kind_buttons[kind] = choice
        self.field_buttons: dict[str, QPushButton] = {}
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self.title)
        left.addLayout(kinds)
        for field_name in self.fields:
            field = button("", "", height=72)
            field.setObjectName(f"{name}_field_{field_name}")
            field.setCheckable(True)
            field.clicked.connect(partial(self.type_into, field_name))
            left.addWidget(field)
            self.field_buttons[field_name] = field
        self.message = BilingualMessage("lead", center=False)
        self.message.clear()
        left.addWidget(self.message)
        left.addStretch(1)
        bottom = QHBoxLayout()
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setObjectName(f"{name}_form_back")
        self.save_button = button("primary", "check", "#FFFFFF", height=88)
        self.save_button.setObjectName(f"{name}_save")
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        left.addLayout(bottom)
        self.keyboard = TouchKeyboard(max_length=max_length, icon_color=theme.palette.icon)
        self.keyboard.edited.connect(self._on_edited)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(30)
        layout.addLayout(left, 5)
        layout.addWidget(self.keyboard, 6)
        self.back_button.clicked.connect(self.back_requested)
        self.save_button.clicked.connect(self._on_save)

    # --- what the feature's page fills in -------------------------------------------------------

    def heading(self) -> str:
        """The page's title in the current language."""
        return ""

    def choice_label(self, kind: str) -> str:
        return kind

    def field_labels(self) -> dict[str, str]:
        """Each field's label in the current language."""
        return {name: name for name in self.fields}

    # --- the form ---------------------------------------------------------------------------------

    def fill(self, kind: str, values: dict[str, str]) -> None:
        """Start from `kind` and `values` (missing fields empty), typing into the first field."""
        self.message.clear()
        self.kind = kind
        self.values = {name: values.get(name, "") for name in self.fields}
        self.type_into(self.fields[0])

    def _on_kind(self, kind: str) -> None:
        self.kind = kind
        self.retranslate()

    def type_into(self, name: str) -> None:
        """Type into `name`: the keyboard starts from its value."""
        from kiosk.platform.ui.widgets.touch_keyboard import LATIN

        self.field = ""  # the keyboard's clearing is not an edit of any field
        self.keyboard.start(self.lang if name in self.chinese else "en")
        self.keyboard.set_value(self.values[name])
        if name not in self.chinese:
            self.keyboard.set_mode(LATIN)
        self.field = name
        self.retranslate()

    @Slot(str)
    def _on_edited(self, text: str) -> None:
        if not self.field:
            return
        self.values[self.field] = text
        self._label_fields()

    def _on_save(self) -> None:
        if self.field:
            self.values[self.field] = self.keyboard.value
        self.submitted.emit({"kind": self.kind, **self.values})

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def _label_fields(self) -> None:
        labels = self.field_labels()
        colon = "：" if self.lang == "zh" else ": "
        for name, field in self.field_buttons.items():
            field.setText(f"{labels[name]}{colon}{self.values[name]}")
            field.setChecked(name == self.field)

    def retranslate(self) -> None:
        self.title.setText(self.heading())
        for kind, choice in self.kind_buttons.items():
            choice.setText(self.choice_label(kind))
            choice.setChecked(kind == self.kind)
        self._label_fields()
        # Named context: a subclass's self.tr() would look in the subclass's.
        self.back_button.setText(QCoreApplication.translate("FieldFormPage", "Back"))
        self.save_button.setText(QCoreApplication.translate("FieldFormPage", "Save"))
        self.keyboard.retranslate()
        self.message.set_language(self.lang)

    def theme_changed(self) -> None:
        from kiosk.platform.ui import icons

        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))
        self.keyboard.set_icon_color(self.theme.palette.icon)

    def reset(self) -> None:
        self.message.clear()
        self.keyboard.clear()
