"""The centre's announcements (公告) on the home screen: what every traveller should know today
("heavy rain: umbrellas are free"), above the tiles, in the kiosk's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.platform.ui.util import repolish

if TYPE_CHECKING:
    from kiosk.features.announcements.domain import Announcement


class NoticeStrip(QFrame):
    """One line per announcement, a warning in its own colour; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice_strip")
        self._notices: list[Announcement] = []
        self.label = QLabel()
        self.label.setObjectName("notice_text")
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.addWidget(self.label)
        self.setVisible(False)

    def set_notices(self, notices: list[Announcement], language: str) -> None:
        from kiosk.features.announcements.domain import Level  # the domain module is tiny and pure

        self._notices = notices
        bullet = "• " if len(notices) > 1 else ""  # several: tell them apart at a glance
        self.label.setText("\n".join(bullet + n.text(language) for n in notices))
        warning = any(n.level is Level.WARNING for n in notices)
        if self.property("warning") != warning:
            self.setProperty("warning", warning)
            repolish(self)
        self.setVisible(bool(notices))

    @property
    def notices(self) -> list[Announcement]:
        return self._notices
