"""The "打印 / Print" button and the line under it, placed by any page that shows a ticket.

The page only places it; the printing flow shows it (a printer is set), disables it while a
slip prints, and says how it went. A failure never takes the page away: the code stays on
screen to be photographed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage


class PrintBar(QWidget):
    """Signals:
    requested(): the print button was tapped.
    """

    requested = Signal()

    def __init__(self, name: str, icon_color: str = "#9C3D1E", parent: QWidget | None = None):
        super().__init__(parent)
        self._lang = "zh"
        self.generation = 0  # a new ticket or a reset: a late result of an older print is dropped
        self.button = button("", "ticket", icon_color, height=110)
        self.button.setObjectName(name)
        self.button.setMinimumWidth(300)
        self.message = BilingualMessage(main_role="lead", center=False)
        self.message.clear()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        self.button.clicked.connect(self.requested)
        self.setVisible(False)
        self.set_language("zh")

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.button.setText(self.tr("Print"))
        self.message.set_language(lang)

    def offer(self, available: bool) -> None:
        """Shown only when this kiosk has a printer."""
        self.generation += 1
        self.message.clear()
        self.button.setEnabled(True)
        self.setVisible(available)

    def printing(self) -> None:
        self.button.setEnabled(False)
        self.message.show_message("正在打印…", "Printing…", self._lang, "success")

    def printed(self) -> None:
        self.button.setEnabled(True)
        self.message.show_message(
            "已打印，请取走小票", "Printed: take your slip", self._lang, "success"
        )

    def failed(self, zh: str, en: str) -> None:
        self.button.setEnabled(True)
        self.message.show_message(zh, en, self._lang, "error")

    def reset(self) -> None:
        self.generation += 1
        self.message.clear()
        self.button.setEnabled(True)
