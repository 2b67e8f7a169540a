"""Keypad pages that identify a volunteer on duty: phone then PIN (a badge scan works too),
for the medicine box and for acknowledging an emergency."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.entry import KeypadPage, PinPage
from kiosk.platform.ui.theme import Theme


class DutyPhonePage(KeypadPage):
    """First step for the medicine box: the volunteer's phone, or a scan of their badge."""

    ICON = "badge"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=11, grouped=True, parent=parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.back_button.setText(self.tr("Back"))  # tr() in KeypadPage looks up this class
        self.title.setText(self.tr("Volunteer on duty"))
        self.hint.setText(self.tr("Scan your badge, or enter your phone number."))
        self.detail.setText(self.tr("Only a volunteer checked in now may do this."))
        self.keypad.set_placeholder(self.tr("Enter phone number"))


class DutyPinPage(PinPage):
    """The PIN after the phone of a volunteer on duty: the check-in PIN page, texts and all
    (tr() finds PinPage's translations through the class hierarchy)."""


class AttendPhonePage(KeypadPage):
    """Acknowledge an emergency: a volunteer on duty's badge, or phone then PIN (a PIN alone
    is refused: it does not say who is attending)."""

    ICON = "aed"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=11, grouped=True, parent=parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.back_button.setText(self.tr("Back"))  # tr() in KeypadPage looks up this class
        self.title.setText(self.tr("I am attending"))
        self.hint.setText(self.tr("Scan your badge, or enter your phone number."))
        self.detail.setText(
            self.tr("Then your PIN. The alert then stops on every kiosk of the station.")
        )
        self.keypad.set_placeholder(self.tr("Enter phone number"))
