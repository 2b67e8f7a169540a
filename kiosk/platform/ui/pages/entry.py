"""Pages that take digits on the on-screen keypad: phone, PIN, admin login, first admin PIN.

Each shows a title and hint on the left, the keypad on the right, and errors inline (both
languages) so a person can correct a digit without starting over.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.errors import KioskError
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.keypad import Keypad
from kiosk.platform.ui.widgets.message import BilingualMessage


class KeypadPage(Page):
    """Signals:
    submitted(str): the digits entered, when OK is pressed.
    back_requested(): the Back button.
    """

    submitted = Signal(str)
    back_requested = Signal()

    ICON = "phone"

    def __init__(
        self,
        language: LanguageSwitch,
        theme: Theme,
        *,
        masked: bool,
        max_length: int,
        grouped: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self.icon_label = QLabel()
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setProperty("role", "muted")
        self.detail.setWordWrap(True)
        self.error = BilingualMessage(main_role="inline-error", center=False)
        self.error.secondary.setProperty("role", "muted")
        self.error.clear()
        self.keypad = Keypad(
            masked=masked, max_length=max_length, grouped=grouped, icon_color=theme.palette.icon
        )
        self.keypad.setFixedWidth(600)
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("entry_back")
        self.back_button.setMinimumWidth(260)

        left = QVBoxLayout()
        left.setSpacing(22)
        left.addStretch(1)
        left.addWidget(self.icon_label)
        left.addWidget(self.title)
        left.addWidget(self.hint)
        left.addWidget(self.detail)
        left.addSpacing(10)
        left.addWidget(self.error)
        left.addStretch(2)
        back_row = QHBoxLayout()
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        left.addLayout(back_row)
        self.left = left  # a page may add to the column (the phone page's consent)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(150, 40, 150, 40)
        layout.setSpacing(110)
        layout.addLayout(left, 1)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignVCenter)

        self.keypad.submitted.connect(self._on_submitted)
        self.keypad.edited.connect(self._on_edited)
        self.back_button.clicked.connect(self.back_requested)
        self.theme_changed()

    def theme_changed(self) -> None:
        self.icon_label.setPixmap(icons.pixmap(self.ICON, 96, self.theme.palette.icon))
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))
        self.keypad.backspace_button.setIcon(icons.icon("backspace", 44, self.theme.palette.icon))

    def show_error(self, error: KioskError) -> None:
        self.error.show_message(error.zh, error.en, self.lang)

    def retranslate(self) -> None:
        self.keypad.retranslate()
        # The base class's own context: `self.tr` would look "Back" up under the subclass's
        # name, where lupdate never puts it (the button was blank or English on PIN pages).
        self.back_button.setText(QCoreApplication.translate("KeypadPage", "Back"))
        self.error.set_language(self.lang)

    def reset(self) -> None:
        self.keypad.clear()
        self.error.clear()

    @Slot(str)
    def _on_submitted(self, value: str) -> None:
        self.submitted.emit(value)

    @Slot(str)
    def _on_edited(self, value: str) -> None:
        if value:
            self.error.clear()


class PhonePage(KeypadPage):
    ICON = "phone"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=11, grouped=True, parent=parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Your phone number"))
        self.hint.setText(self.tr("The number you registered as a volunteer."))
        self.detail.setText(self.tr("Then you will be asked for your PIN."))
        self.keypad.set_placeholder(self.tr("Enter phone number"))


class PinPage(KeypadPage):
    ICON = "lock"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=True, max_length=8, parent=parent)
        self._masked_phone = ""
        self.retranslate()

    def set_phone(self, masked_phone: str) -> None:
        self._masked_phone = masked_phone
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Your PIN"))
        self.hint.setText(self.tr("4 to 8 digits. Shield the keypad with your hand."))
        self.detail.setText(self.tr("Phone: {phone}").format(phone=self._masked_phone))
        self.keypad.set_placeholder(self.tr("Enter PIN"))

    def reset(self) -> None:
        super().reset()
        self._masked_phone = ""
        self.detail.setText("")


class AdminLoginPage(KeypadPage):
    """Signals:
    leader_setup_requested(): a team leader named at the centre chooses their admin PIN.
    """

    leader_setup_requested = Signal()
    ICON = "lock"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=True, max_length=8, parent=parent)
        self.leader_button = button("", "lock", theme.palette.icon, height=88)
        self.leader_button.setObjectName("leader_setup")
        self.leader_button.clicked.connect(self.leader_setup_requested)
        self.left.insertWidget(self.left.count() - 1, self.leader_button)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.leader_button.setText(self.tr("Team leader, first time? Set your admin PIN"))
        self.title.setText(self.tr("Station admin"))
        self.hint.setText(self.tr("Enter your admin or team leader PIN."))
        self.detail.setText(
            self.tr("After 5 wrong PINs the keypad locks, for longer after each further one.")
        )
        self.keypad.set_placeholder(self.tr("Enter admin PIN"))


class SetAdminPinPage(KeypadPage):
    """First run: the admin PIN is entered twice; `pin_chosen(pin, confirm)` carries both.

    Signals:
        pin_chosen(str, str): both entries, checked by the admin service.
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
        self.title.setText(self.tr("Set the admin PIN"))
        if self._first is None:
            self.hint.setText(self.tr("This kiosk has no admin PIN yet. Choose 6 to 8 digits."))
            self.keypad.set_placeholder(self.tr("New admin PIN"))
        else:
            self.hint.setText(self.tr("Enter the same PIN again to confirm."))
            self.keypad.set_placeholder(self.tr("Repeat the PIN"))
        self.detail.setText(
            self.tr("Keep it safe: it opens the admin screen and closes the kiosk.")
        )

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
