"""Admin: a badge just written to the export folder, shown with its QR so it can be checked
(or scanned off the screen) before it is printed; and the page that revokes one."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core import words
from kiosk.features.printing.ui.bar import PrintBar
from kiosk.features.volunteers.domain.serials import RevokeReason
from kiosk.features.volunteers.service.serials import BadgeInfo
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage


class BadgePage(Page):
    """Signals:
    done(): back to the volunteers.
    """

    done = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._path: Path | None = None
        self._name = ""
        self._serial = ""
        self._expires = ""
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.serial = QLabel()
        self.serial.setProperty("role", "lead")
        self.serial.setWordWrap(True)
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
        layout.addWidget(self.serial)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.where)
        layout.addLayout(row)
        self.done_button.clicked.connect(self.done)
        self.retranslate()

    def show_badge(self, name: str, path: Path, serial: str = "", expires_on: str = "") -> None:
        self._name, self._path = name, path
        self._serial, self._expires = serial, expires_on
        pixmap = QPixmap(str(path))
        self.image.setPixmap(
            pixmap.scaled(
                860,  # the card (1011 × 638) below the title and the serial, whole at 1080p
                543,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Badge for %1").replace("%1", self._name))
        self.serial.setText(
            self.tr("Badge %1, valid to %2. The volunteer's earlier badge no longer works.")
            .replace("%1", self._serial)
            .replace("%2", self._expires)
            if self._serial
            else ""
        )
        self.where.setText(self.tr("Saved for printing: %1").replace("%1", str(self._path or "")))
        self.done_button.setText(self.tr("Done"))
        self.print_bar.set_language(self.lang)

    def reset(self) -> None:
        self._path, self._name = None, ""
        self._serial = self._expires = ""
        self.image.clear()
        self.print_bar.reset()


class RevokeBadgePage(Page):
    """Admin: revoke a volunteer's badge (lost, stolen …); one tap on the reason revokes it.

    Signals:
        reason_chosen(str): a RevokeReason value.
        back_requested(): back to the volunteers, nothing revoked.
    """

    reason_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._name = ""
        self._badge: BadgeInfo | None = None
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setProperty("role", "lead")
        self.detail.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.error = BilingualMessage(main_role="lead", center=False)
        self.error.clear()
        grid = QGridLayout()
        grid.setSpacing(18)
        self.reason_buttons: dict[str, QPushButton] = {}
        for index, reason in enumerate(RevokeReason):
            choice = button("", "", height=96)
            choice.setObjectName(f"revoke_{reason.value}")
            choice.clicked.connect(partial(self.reason_chosen.emit, reason.value))
            self.reason_buttons[reason.value] = choice
            grid.addWidget(choice, index // 3, index % 3)
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 30, 80, 30)
        layout.setSpacing(18)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def ask(self, name: str, badge: BadgeInfo) -> None:
        self._name, self._badge = name, badge
        self.error.clear()
        self.retranslate()

    def show_error(self, zh: str, en: str) -> None:
        self.error.show_message(zh, en, self.lang)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Revoke the badge of %1").replace("%1", self._name))
        if self._badge is not None:
            self.detail.setText(
                self.tr("Badge %1, valid to %2")
                .replace("%1", self._badge.serial)
                .replace("%2", f"{self._badge.expires_on:%Y-%m-%d}")
            )
        self.hint.setText(
            self.tr(
                "Why? The badge stops working at every kiosk of the station after their next"
                " sync. Print a new badge afterwards if the volunteer stays."
            )
        )
        for reason, choice in self.reason_buttons.items():
            choice.setText(words.label(words.BADGE_REVOKE_REASONS, reason, self.lang))
        self.back_button.setText(self.tr("Back"))
        self.error.set_language(self.lang)

    def reset(self) -> None:
        self._name, self._badge = "", None
        self.error.clear()
