"""What every page has: a reset that clears personal data, and retranslation on language change."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.theme import Theme


class Page(QWidget):
    """Base of the stacked pages. Subclasses fill `retranslate()` and `reset()`."""

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self.language = language
        self.theme = theme

    @property
    def lang(self) -> str:
        return self.language.language

    def retranslate(self) -> None:
        """Set every visible text in the current language."""

    def reset(self) -> None:
        """Forget whatever was entered or shown (idle timeout, leaving the page)."""

    def theme_changed(self) -> None:
        """Large type switched: redo sizes or icons that the stylesheet cannot express."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
