"""Admin: a badge just written to the export folder, shown with its QR so it can be checked
(or scanned off the screen) before it is printed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.features.printing.ui.bar import PrintBar
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button


class BadgePage(Page):
    """Signals:
    done(): back to the volunteers.
    """

    done = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._path: Path | None = None
        self._name = ""
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.image = QLabel()
        self.image.setObjectName("badge_image")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where = QLabel()
        self.where.setProperty("role", "muted")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.done_button = button("primary", "check", "#FFFFFF", height=96)
        self.done_button.setMinimumWidth(320)
        self.print_bar = PrintBar("badge_print", theme.palette.icon)
        row = QHBoxLayout()
        row.setSpacing(30)
        row.addStretch(1)
        row.addWidget(self.print_bar, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 30, 80, 30)
        layout.setSpacing(18)
        layout.addWidget(self.title)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.where)
        layout.addLayout(row)
        self.done_button.clicked.connect(self.done)
        self.retranslate()

    def show_badge(self, name: str, path: Path) -> None:
        self._name, self._path = name, path
        pixmap = QPixmap(str(path))
        self.image.setPixmap(
            pixmap.scaled(
                1011,
                638,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Badge for %1").replace("%1", self._name))
        self.where.setText(self.tr("Saved for printing: %1").replace("%1", str(self._path or "")))
        self.done_button.setText(self.tr("Done"))
        self.print_bar.set_language(self.lang)

    def reset(self) -> None:
        self._path, self._name = None, ""
        self.image.clear()
        self.print_bar.reset()
