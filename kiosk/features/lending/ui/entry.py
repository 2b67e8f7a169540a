"""Keypad pages of lending: the borrower's phone number, and a volunteer's approval (phone, PIN).

A volunteer may instead scan their badge while the approval page is up; the lending flow
catches that scan before the window treats it as a check-in.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.features.lending.domain import LendingItem
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.entry import KeypadPage
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button


class BorrowerPhonePage(KeypadPage):
    """The phone number a loan is borrowed against, or returned with. Borrowing shows a short
    notice and a tap to agree first (docs/privacy.md); returning only looks the loan up."""

    ICON = "phone"

    def __init__(
        self,
        language: LanguageSwitch,
        theme: Theme,
        retention_days: int = 180,
        parent: QWidget | None = None,
    ):
        super().__init__(language, theme, masked=False, max_length=11, grouped=True, parent=parent)
        self.item: LendingItem | None = None
        self.returning = False
        self._days = retention_days
        self.notice = QLabel()
        self.notice.setObjectName("privacy_notice")
        self.notice.setProperty("role", "muted")
        self.notice.setWordWrap(True)
        self.agree_button = button("", "", theme.palette.icon, height=88)
        self.agree_button.setObjectName("privacy_agree")
        self.agree_button.setCheckable(True)
        at = self.left.indexOf(self.detail) + 1
        self.left.insertWidget(at, self.notice)
        self.left.insertWidget(at + 1, self.agree_button)
        self.agree_button.toggled.connect(self._on_agree_toggled)
        self.retranslate()

    @property
    def agreed(self) -> bool:
        return self.agree_button.isChecked()

    @Slot(bool)
    def _on_agree_toggled(self, checked: bool) -> None:
        self.agree_button.setText(
            self.tr("✓ I have read the notice and agree")
            if checked
            else self.tr("Tap to agree to the notice")
        )
        if checked:
            self.error.clear()

    def ask(self, item: LendingItem, returning: bool) -> None:
        self.reset()
        self.item = item
        self.returning = returning
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        item = self.item
        name = item.name(self.lang) if item is not None else ""
        if self.returning:
            self.title.setText(self.tr("Return: your phone number"))
            self.hint.setText(self.tr("The number you borrowed the %1 with.").replace("%1", name))
            self.detail.setText(self.tr("You can return it at any kiosk of this station."))
        else:
            self.title.setText(self.tr("Borrow: your phone number"))
            self.hint.setText(
                self.tr("We keep it with the loan of the %1 until you return it.").replace(
                    "%1", name
                )
            )
            self.detail.setText(self.tr("It is only ever shown like 138****1234."))
        self.notice.setText(
            self.tr(
                "Notice: your number is used only for this loan, stored encrypted, and erased "
                "%1 days after you return it. Ask the station or the volunteer centre to erase "
                "it sooner."
            ).replace("%1", str(self._days))
        )
        self.notice.setVisible(not self.returning)
        self.agree_button.setVisible(not self.returning)
        self._on_agree_toggled(self.agreed)
        self.keypad.set_placeholder(self.tr("Enter phone number"))

    def reset(self) -> None:
        super().reset()
        self.item = None
        self.returning = False
        self.agree_button.setChecked(False)


class ApproverPhonePage(KeypadPage):
    """A volunteer on duty vouches for a borrower: their badge, or their phone then PIN."""

    ICON = "badge"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=11, grouped=True, parent=parent)
        self.item: LendingItem | None = None
        self.retranslate()

    def ask(self, item: LendingItem) -> None:
        self.reset()
        self.item = item
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Volunteer approval"))
        self.hint.setText(self.tr("A volunteer on duty scans their badge now,"))
        self.detail.setText(self.tr("or enters their own phone number, then their PIN."))
        self.keypad.set_placeholder(self.tr("Volunteer's phone"))

    def reset(self) -> None:
        super().reset()
        self.item = None


class ApproverPinPage(KeypadPage):
    """The approving volunteer's PIN (5 wrong PINs lock them, as at check-in)."""

    ICON = "lock"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=True, max_length=8, parent=parent)
        self.item: LendingItem | None = None
        self.phone = ""  # the volunteer's, kept here so a reset (idle) forgets it
        self._masked_phone = ""
        self.retranslate()

    def ask(self, item: LendingItem, phone: str, masked_phone: str) -> None:
        self.reset()
        self.item = item
        self.phone = phone
        self._masked_phone = masked_phone
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Volunteer approval: PIN"))
        self.hint.setText(self.tr("4 to 8 digits. Shield the keypad with your hand."))
        self.detail.setText(self.tr("Phone: %1").replace("%1", self._masked_phone))
        self.keypad.set_placeholder(self.tr("Enter PIN"))

    def reset(self) -> None:
        super().reset()
        self.item = None
        self.phone = ""
        self._masked_phone = ""
        self.detail.setText("")
