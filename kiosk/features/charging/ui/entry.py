"""Keypad pages of phone charging: the rider's pickup code, and a volunteer's PIN to unlock."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.features.charging.domain import CODE_LENGTH, Slot
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.entry import KeypadPage
from kiosk.platform.ui.theme import Theme


class PickupCodePage(KeypadPage):
    """The 6-digit code for the slot the rider tapped (`slot_id` says which)."""

    ICON = "charging"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=CODE_LENGTH, parent=parent)
        self.slot: Slot | None = None
        self.keypad.display.setObjectName("keypad_display")
        self.retranslate()

    def ask(self, slot: Slot) -> None:
        self.reset()
        self.slot = slot
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Enter your pickup code"))
        if self.slot is not None:
            self.hint.setText(f"{self.slot.label_zh} · {self.slot.label_en}")
        self.detail.setText(self.tr("6 digits, shown when you started charging."))
        self.keypad.set_placeholder(self.tr("6-digit code"))

    def reset(self) -> None:
        super().reset()
        self.slot = None
        self.hint.clear()


class UnlockPage(KeypadPage):
    """A volunteer on duty, or the admin, types their PIN to reopen a locked slot."""

    ICON = "lock"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=True, max_length=8, parent=parent)
        self.slot: Slot | None = None
        self.retranslate()

    def ask(self, slot: Slot) -> None:
        self.reset()
        self.slot = slot
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Slot locked: volunteer unlock"))
        if self.slot is not None:
            self.hint.setText(
                self.tr(
                    "Too many wrong codes on %1. A volunteer on duty enters their PIN."
                ).replace("%1", self.slot.label(self.lang))
            )
        self.detail.setText(self.tr("The admin PIN works too."))
        self.keypad.set_placeholder(self.tr("Volunteer PIN"))

    def reset(self) -> None:
        super().reset()
        self.slot = None
        self.hint.clear()
