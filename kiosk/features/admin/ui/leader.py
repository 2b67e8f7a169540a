"""A team leader the centre named chooses their admin PIN at a kiosk: their phone and
volunteer PIN say who they are, then the new admin PIN twice. The admin login's "队长首次设置
管理密码" opens it (docs/hub.md, "Team leaders made at the centre"); no PIN is ever typed at the
centre."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.entry import KeypadPage, SetAdminPinPage
from kiosk.platform.ui.theme import Theme


class LeaderPhonePage(KeypadPage):
    """First step: the leader's phone, as registered."""

    ICON = "phone"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=11, grouped=True, parent=parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Team leader: set your admin PIN"))
        self.hint.setText(self.tr("The centre made you team leader. Enter your phone number."))
        self.detail.setText(self.tr("Then your volunteer PIN, then the admin PIN you choose."))
        self.keypad.set_placeholder(self.tr("Enter phone number"))


class LeaderVolunteerPinPage(KeypadPage):
    """Second step: the volunteer PIN they check in with (it says who they are)."""

    ICON = "lock"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=True, max_length=8, parent=parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Your volunteer PIN"))
        self.hint.setText(self.tr("The PIN you check in with."))
        self.detail.setText(self.tr("Shield the keypad with your hand."))
        self.keypad.set_placeholder(self.tr("Enter PIN"))


class LeaderAdminPinPage(SetAdminPinPage):
    """Last step: the admin PIN, twice (`pin_chosen(pin, confirm)`)."""

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Choose your admin PIN"))
        if not self.confirming:
            self.hint.setText(self.tr("6 to 8 digits, not your volunteer PIN."))
        self.detail.setText(self.tr("You open the admin console with it."))
