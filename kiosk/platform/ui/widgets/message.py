"""A bilingual message: the current language large, the other language smaller beneath it.

Errors a user can cause carry both texts (KioskError.zh / .en); travellers may read only one of
the two languages, so both are always on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class BilingualMessage(QWidget):
    """Two labels; `show_message(zh, en, language)` fills them, `clear()` empties and hides."""

    def __init__(
        self,
        main_role: str = "headline",
        center: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.primary = QLabel()
        self.primary.setProperty("role", main_role)
        self.primary.setWordWrap(True)
        self.secondary = QLabel()
        self.secondary.setProperty("role", "other-language")
        self.secondary.setWordWrap(True)
        align = Qt.AlignmentFlag.AlignCenter if center else Qt.AlignmentFlag.AlignLeft
        for label in (self.primary, self.secondary):
            label.setAlignment(align)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.primary)
        layout.addWidget(self.secondary)
        self._texts: tuple[str, str] | None = None

    def show_message(self, zh: str, en: str, language: str, tone: str = "error") -> None:
        self._texts = (zh, en)
        self.primary.setProperty("tone", tone)
        self.primary.style().unpolish(self.primary)
        self.primary.style().polish(self.primary)
        self.set_language(language)
        self.setVisible(True)

    def set_language(self, language: str) -> None:
        if self._texts is None:
            return
        zh, en = self._texts
        first, second = (zh, en) if language == "zh" else (en, zh)
        self.primary.setText(first)
        self.secondary.setText(second)

    def clear(self) -> None:
        self._texts = None
        self.primary.clear()
        self.secondary.clear()
        self.setVisible(False)

    @property
    def texts(self) -> tuple[str, str] | None:
        return self._texts
