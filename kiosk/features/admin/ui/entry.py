"""Keypad pages of the admin console: a PIN an admin sets for someone, a new volunteer's phone."""

from __future__ import annotations

from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.entry import KeypadPage
from kiosk.platform.ui.theme import Theme


class PinEntryPage(KeypadPage):
    """A masked keypad for a PIN an admin sets for someone (volunteer or team leader)."""

    ICON = "lock"

    def __init__(self, language: LanguageSwitch, theme: Theme) -> None:
        super().__init__(language, theme, masked=True, max_length=8)
        self._texts: tuple[str, str, str, str] = ("", "", "", "")
        self.retranslate()

    def ask(self, title_zh: str, title_en: str, hint_zh: str, hint_en: str) -> None:
        self.reset()
        self._texts = (title_zh, title_en, hint_zh, hint_en)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        zh = self.lang == "zh"
        self.title.setText(self._texts[0] if zh else self._texts[1])
        self.hint.setText(self._texts[2] if zh else self._texts[3])
        self.keypad.set_placeholder(self.tr("New PIN"))


class PhoneEntryPage(KeypadPage):
    ICON = "phone"

    def __init__(self, language: LanguageSwitch, theme: Theme) -> None:
        super().__init__(language, theme, masked=False, max_length=11, grouped=True)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("The volunteer's phone number"))
        self.hint.setText(self.tr("They will sign in with it and their PIN."))
        self.keypad.set_placeholder(self.tr("Enter phone number"))
