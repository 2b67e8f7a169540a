"""Admin: correct a flagged shift's minutes, with a reason picked from the list (no typing)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core import words
from kiosk.core.errors import KioskError, ValidationError
from kiosk.core.results import FlaggedShift
from kiosk.features.admin.domain import AmendReason
from kiosk.features.shifts.domain import format_duration
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.keypad import Keypad
from kiosk.platform.ui.widgets.message import BilingualMessage


class AmendShiftPage(Page):
    """Signals:
    amended(str, int, str): shift id, the corrected minutes, the reason code.
    back_requested(): back to the admin screen without a change.
    """

    amended = Signal(str, int, str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._shift: FlaggedShift | None = None
        self._when = ""
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setProperty("role", "lead")
        self.detail.setWordWrap(True)
        self.reason_caption = QLabel()
        self.reason_caption.setProperty("role", "section")
        self.error = BilingualMessage(main_role="inline-error", center=False)
        self.error.clear()
        self.reason_buttons: dict[AmendReason, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        reasons = QVBoxLayout()
        reasons.setSpacing(10)
        for reason in AmendReason:
            reason_button = button("", "", height=72)
            reason_button.setCheckable(True)
            reason_button.setObjectName(f"amend_reason_{reason.value}")
            self._group.addButton(reason_button)
            self.reason_buttons[reason] = reason_button
            reasons.addWidget(reason_button)
        self.keypad = Keypad(masked=False, max_length=4, icon_color=theme.palette.icon)
        self.keypad.setFixedWidth(560)
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setMinimumWidth(240)

        left = QVBoxLayout()
        left.setSpacing(14)
        left.addWidget(self.title)
        left.addWidget(self.detail)
        left.addWidget(self.reason_caption)
        left.addLayout(reasons)
        left.addWidget(self.error)
        left.addStretch(1)
        left.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(100, 30, 100, 30)
        layout.setSpacing(80)
        layout.addLayout(left, 1)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignVCenter)

        self.keypad.submitted.connect(self._on_submitted)
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def ask(self, shift: FlaggedShift, when: str) -> None:
        """Correct `shift`; `when` is its local check-in time as shown."""
        self.reset()
        self._shift = shift
        self._when = when
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.error.show_message(error.zh, error.en, self.lang)

    def chosen_reason(self) -> AmendReason | None:
        return next((r for r, b in self.reason_buttons.items() if b.isChecked()), None)

    @Slot(str)
    def _on_submitted(self, digits: str) -> None:
        reason = self.chosen_reason()
        if reason is None:
            self.show_error(ValidationError("请选择更正原因", "Choose a reason for the correction"))
            return
        if not digits:
            self.show_error(ValidationError("请输入分钟数", "Enter the minutes to credit"))
            return
        if self._shift is not None:
            self.amended.emit(self._shift.shift_id, int(digits), reason.value)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Correct a shift"))
        shift = self._shift
        if shift is not None:
            minutes = format_duration(shift.minutes or 0, self.lang)
            self.detail.setText(
                self.tr("%1, checked in %2, credited %3. Enter the minutes to credit instead.")
                .replace("%1", shift.volunteer.name)
                .replace("%2", self._when)
                .replace("%3", minutes)
            )
        else:
            self.detail.setText("")
        self.reason_caption.setText(self.tr("Reason"))
        for reason, reason_button in self.reason_buttons.items():
            reason_button.setText(words.label(words.AMEND_REASONS, reason, self.lang))
        self.keypad.retranslate()
        self.keypad.set_placeholder(self.tr("Minutes"))
        self.back_button.setText(self.tr("Back"))
        self.error.set_language(self.lang)

    def reset(self) -> None:
        self._shift = None
        self.keypad.clear()
        self.error.clear()
        self._group.setExclusive(False)
        for reason_button in self.reason_buttons.values():
            reason_button.setChecked(False)
        self._group.setExclusive(True)
