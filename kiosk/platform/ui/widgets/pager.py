"""Previous / "2 / 5" / Next under a list that shows a few rows at a time.

A touch screen has no scroll wheel and a flicked list hides rows people must act on: the admin's
lists show a page of big rows and this pager, so every row can be reached ("另有 N 笔" with no
way to them was a dead end).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.platform.ui.util import button


def page_count(rows: int, per_page: int) -> int:
    """Pages for `rows` rows, at least one (an empty list is one empty page)."""
    return max(1, (rows + per_page - 1) // per_page)


class Pager(QWidget):
    """Signals:
    moved(int): -1 for the previous page, +1 for the next.
    """

    moved = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.previous_button = button("", "", height=72)
        self.previous_button.setObjectName(f"{name}_previous")
        self.page_label = QLabel()
        self.page_label.setProperty("role", "muted")
        self.next_button = button("", "", height=72)
        self.next_button.setObjectName(f"{name}_next")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.previous_button)
        row.addWidget(self.page_label, 1)
        row.addWidget(self.next_button)
        self.previous_button.clicked.connect(lambda: self.moved.emit(-1))
        self.next_button.clicked.connect(lambda: self.moved.emit(1))
        self.retranslate()

    def show_page(self, page: int, pages: int) -> None:
        """Page `page` (from 0) of `pages`; the pager hides itself when one page holds all."""
        self.page_label.setText(f"{page + 1} / {pages}")
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < pages)
        self.setVisible(pages > 1)

    def retranslate(self) -> None:
        self.previous_button.setText(self.tr("Previous"))
        self.next_button.setText(self.tr("Next"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
