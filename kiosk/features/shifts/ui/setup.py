"""A volunteer's first (or reset) PIN at the kiosk, with the centre's one-time setup code:
their phone, the 8-digit code from the slip, then the PIN they choose, twice. The check-in
page's "首次设置密码" button opens it (docs/hub.md, "Volunteers at the centre")."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.entry import KeypadPage
from kiosk.platform.ui.theme import Theme


class SetupPhonePage(KeypadPage):
    """First step: the phone the centre registered."""

    ICON = "phone"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=11, grouped=True, parent=parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Set up your PIN"))
        self.hint.setText(self.tr("Enter the phone number the centre registered for you."))
        self.detail.setText(self.tr("Then the setup code on your slip, then your new PIN."))
        self.keypad.set_placeholder(self.tr("Enter phone number"))


class SetupCodePage(KeypadPage):
    """Second step: the 8-digit setup code from the centre's slip."""

    ICON = "lock"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=8, parent=parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Setup code"))
        self.hint.setText(self.tr("The 8 digits on the slip the centre gave you."))
        self.detail.setText(self.tr("It works once, within 7 days."))
        self.keypad.set_placeholder(self.tr("Enter setup code"))


class NewPinPage(KeypadPage):
    """Last step: the PIN chosen, then again; `pin_chosen(pin, confirm)` carries both.

    Signals:
        pin_chosen(str, str): both entries, checked by the roster service.
    """

    pin_chosen = Signal(str, str)
    ICON = "lock"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=True, max_length=8, parent=parent)
        self._first: str | None = None
        self.submitted.connect(self._on_entry)
        self.retranslate()

    @property
    def confirming(self) -> bool:
        return self._first is not None

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Choose your PIN"))
        if self._first is None:
            self.hint.setText(self.tr("4 to 8 digits. Shield the keypad with your hand."))
            self.keypad.set_placeholder(self.tr("New PIN"))
        else:
            self.hint.setText(self.tr("Enter the same PIN again to confirm."))
            self.keypad.set_placeholder(self.tr("Repeat the PIN"))
        self.detail.setText(self.tr("You check in with your phone and this PIN."))

    def reset(self) -> None:
        super().reset()
        self._first = None
        self.retranslate()

    @Slot(str)
    def _on_entry(self, value: str) -> None:
        if self._first is None:
            self._first = value
            self.keypad.clear()
            self.retranslate()
            return
        first, self._first = self._first, None
        self.keypad.clear()
        self.retranslate()
        self.pin_chosen.emit(first, value)
