"""Choosing the export folder: the kiosk's own exports folder or a plugged-in USB stick.

Our own picker rather than QFileDialog: a touch screen needs big rows, and an admin should
only ever see the two kinds of place that make sense, not the kiosk's whole file system.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import KioskError
from kiosk.features.reports.service.folders import ExportFolders, FolderChoice
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import MIN_TARGET_PX, Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

MAX_SHOWN = 6


def _size(free: int | None) -> str:
    if free is None:
        return ""
    return f"{free / 1e9:.1f} GB" if free >= 1e9 else f"{free / 1e6:.0f} MB"


class FolderPage(Page):
    """Signals:
    back_requested(): return to the screen that asked.
    folder_chosen(str): the folder now used for exports, reports and certificates.
    """

    back_requested = Signal()
    folder_chosen = Signal(str)

    def __init__(
        self,
        folders: ExportFolders,
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self.folders = folders
        self._choices: list[FolderChoice] = []
        self.rows: list[QPushButton] = []

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.back_button = button("primary", "back", "#FFFFFF", height=MIN_TARGET_PX)
        self.back_button.setObjectName("folders_back")
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.back_button)
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.current = QLabel()
        self.current.setObjectName("folders_current")
        self.current.setProperty("role", "section")
        self.current.setWordWrap(True)
        self.list = QVBoxLayout()
        self.list.setSpacing(12)
        self.empty = QLabel()
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        self.refresh_button = button("", "sync", theme.palette.icon, height=MIN_TARGET_PX)
        self.refresh_button.setObjectName("folders_refresh")
        self.notice = BilingualMessage(main_role="lead", center=False)
        self.notice.clear()
        self._group = QButtonGroup(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(18)
        layout.addLayout(header)
        layout.addWidget(self.hint)
        layout.addWidget(self.current)
        layout.addLayout(self.list)
        layout.addWidget(self.empty)
        refresh = QHBoxLayout()
        refresh.addWidget(self.refresh_button)
        refresh.addStretch(1)
        layout.addLayout(refresh)
        layout.addWidget(self.notice)
        layout.addStretch(1)

        self.back_button.clicked.connect(self.back_requested)
        self.refresh_button.clicked.connect(self.open)
        self.retranslate()

    @Slot()
    def open(self) -> None:
        """List the places now (a stick may have been plugged in since)."""
        self.notice.clear()
        self._choices = self.folders.choices()[:MAX_SHOWN]
        self._fill()

    def _fill(self) -> None:
        for row in self.rows:
            self._group.removeButton(row)
            self.list.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        current = self.folders.current()
        for index, choice in enumerate(self._choices):
            chosen = choice.path == current
            colour = self.theme.palette.on_primary if chosen else self.theme.palette.icon
            row = button("", "usb" if choice.removable else "folder", colour, 96)
            row.setCheckable(True)
            row.setObjectName(f"folders_choice_{index}")
            row.setText(self._label(choice))
            row.setChecked(chosen)
            row.setStyleSheet("text-align: left; padding-left: 24px;")
            row.clicked.connect(lambda _=False, path=choice.path: self._on_chosen(path))
            self._group.addButton(row)
            self.list.addWidget(row)
            self.rows.append(row)
        self.current.setText(self.tr("Files are saved to: %1").replace("%1", str(current)))
        self.empty.setVisible(not any(c.removable for c in self._choices))

    def _label(self, choice: FolderChoice) -> str:
        kind = self.tr("USB stick") if choice.removable else self.tr("This kiosk")
        free = _size(choice.free_bytes)
        room = self.tr("%1 free").replace("%1", free) if free else ""
        return f"{kind}: {choice.path}   {room}".rstrip()

    def _on_chosen(self, path: Path) -> None:
        try:
            chosen = self.folders.choose(path)
        except KioskError as exc:
            self.notice.show_message(exc.zh, exc.en, self.lang)
            self._fill()
            return
        self._fill()
        self.notice.show_message(
            f"导出文件将保存到：{chosen}", f"Files will be saved to: {chosen}", self.lang, "success"
        )
        self.folder_chosen.emit(str(chosen))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Export folder"))
        self.back_button.setText(self.tr("Back"))
        self.hint.setText(
            self.tr(
                "Log exports, monthly reports and certificates are saved here. Plug in a USB"
                " stick and tap Refresh to see it."
            )
        )
        self.empty.setText(self.tr("No USB stick found."))
        self.refresh_button.setText(self.tr("Refresh"))
        self.notice.set_language(self.lang)
        if self._choices:
            self._fill()

    def reset(self) -> None:
        self.notice.clear()
