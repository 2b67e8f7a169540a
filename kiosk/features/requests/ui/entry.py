"""Keypad pages of help requests and tickets: train number (with G/D/C/K), departure time,
the requester's phone, a ticket number, and a volunteer identifying by badge or phone + PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.entry import KeypadPage, PinPage
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.train_keypad import TrainKeypad


class TrainNumberPage(KeypadPage):
    """The keypad with train-type letters in front of the digits."""

    ICON = "train"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=6, parent=parent)
        plain = self.keypad
        self.train_keypad = TrainKeypad(icon_color=theme.palette.icon)
        self.keypad = self.train_keypad
        self.keypad.setFixedWidth(600)
        layout = self.layout()
        assert layout is not None
        layout.replaceWidget(plain, self.keypad, Qt.FindChildOption.FindDirectChildrenOnly)
        plain.hide()  # at once: deletion waits for the event loop
        plain.deleteLater()
        self.keypad.submitted.connect(self._on_submitted)
        self.keypad.edited.connect(self._on_edited)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Your train number"))
        self.hint.setText(self.tr("Letter first if it has one, e.g. G1234 or K56."))
        self.detail.setText(self.tr("Optional. Back leaves it out."))
        self.keypad.set_placeholder(self.tr("e.g. G1234"))


class DepartureTimePage(KeypadPage):
    ICON = "clock"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=4, parent=parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("When does your train leave?"))
        self.hint.setText(self.tr("Four digits, hours then minutes: 1430 for 14:30."))
        self.detail.setText(self.tr("Optional. A train leaving soon is served first."))
        self.keypad.set_placeholder(self.tr("HHMM"))


class ContactPhonePage(KeypadPage):
    """The requester's own phone, optional; shown masked once entered. A short notice (what,
    why, how long, who to ask) and a tap to agree come first: the flow refuses a phone unless
    `agreed` (docs/privacy.md)."""

    ICON = "phone"

    def __init__(
        self,
        language: LanguageSwitch,
        theme: Theme,
        retention_days: int = 180,
        parent: QWidget | None = None,
    ):
        super().__init__(language, theme, masked=False, max_length=11, grouped=True, parent=parent)
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

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Your phone number"))
        self.hint.setText(self.tr("Optional: so a volunteer can call you."))
        self.detail.setText(self.tr("Only volunteers see it, and only masked on screen."))
        self.notice.setText(
            self.tr(
                "Notice: your number and words are used only to help you with this ticket, "
                "stored encrypted, and erased %1 days after it closes. Ask the station or "
                "the volunteer centre to erase them sooner."
            ).replace("%1", str(self._days))
        )
        self._on_agree_toggled(self.agreed)
        self.keypad.set_placeholder(self.tr("Enter phone number"))

    def reset(self) -> None:
        super().reset()
        self.agree_button.setChecked(False)

    @Slot(bool)
    def _on_agree_toggled(self, checked: bool) -> None:
        self.agree_button.setText(
            self.tr("✓ I have read the notice and agree")
            if checked
            else self.tr("Tap to agree to the notice")
        )
        if checked:
            self.error.clear()


class TicketLookupPage(KeypadPage):
    ICON = "ticket"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=6, parent=parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Check my ticket"))
        self.hint.setText(self.tr("Type your 6-digit ticket number, or scan its QR code."))
        self.detail.setText(self.tr("For help requests and for needs and wishes."))
        self.keypad.set_placeholder(self.tr("6-digit ticket"))


class HelperPhonePage(KeypadPage):
    """A volunteer on duty identifies: scan the badge now, or type the phone number."""

    ICON = "badge"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=11, grouped=True, parent=parent)
        self.action = ""
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Volunteer on duty: who are you?"))
        self.hint.setText(self.tr("Scan your badge now, or type your phone number."))
        self.detail.setText(
            self.tr("Only volunteers who checked in can accept or finish a request.")
        )
        self.keypad.set_placeholder(self.tr("Enter phone number"))


class HelperPinPage(PinPage):
    """The volunteer's PIN after their phone (the check-in PIN page), keeping the phone for the
    check; the texts are PinPage's."""

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.phone = ""

    def reset(self) -> None:
        super().reset()
        self.phone = ""
