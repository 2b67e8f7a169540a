"""The roll-call page: everyone checked in at the station, ticked by badge scan or a tap on the
row, with the counts (已到 N / 未到 M) and the names still missing always in view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.features.rollcall.domain import Tally
from kiosk.features.volunteers.ui.duty_entry import DutyPhonePage
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

Index = QModelIndex | QPersistentModelIndex
PRESENT_BG = "#DDF3E4"  # a ticked row: pale green under the dark text (contrast kept)
MISSING_NAMES_SHOWN = 12  # the line of missing names; the list below has them all


class RollModel(QAbstractTableModel):
    """The roll as a table model: the view paints only the rows in sight, so a roll of 200 is
    on screen as fast as a roll of 5 (one model reset, no widget per person)."""

    COLUMNS = 4  # mark, name, number, checked in at

    def __init__(self, local_time: Callable[[datetime], datetime]) -> None:
        super().__init__()
        self._local_time = local_time
        self.tally = Tally(())
        self.headers: tuple[str, ...] = ("", "", "", "")
        self.marks: tuple[str, str] = ("", "")  # (present, missing)

    def set_tally(self, tally: Tally) -> None:
        self.beginResetModel()
        self.tally = tally
        self.endResetModel()

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tally)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.tally.entries[index.row()]
        present = self.tally.is_present(entry.volunteer_id)
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return ("✓ " + self.marks[0]) if present else self.marks[1]
            if column == 1:
                return entry.name
            if column == 2:
                return entry.number
            at = entry.checked_in_at
            return "" if at is None else self._local_time(at).strftime("%H:%M")
        if role == Qt.ItemDataRole.BackgroundRole and present:
            return QBrush(QColor(PRESENT_BG))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QBrush(QColor("#1E6B3A" if present else "#A3321C"))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class RollCallPage(Page):
    """Signals:
    ticked(str): a row was tapped (the volunteer id): tick, or untick a mistaken tick.
    finish_requested(): the roll is done; ask who took it.
    cancel_requested(): leave without recording anything.
    """

    ticked = Signal(str)
    finish_requested = Signal()
    cancel_requested = Signal()

    def __init__(
        self,
        local_time: Callable[[datetime], datetime],
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.counts = QLabel()
        self.counts.setObjectName("rollcall_counts")
        self.counts.setProperty("role", "headline")
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.missing_line = QLabel()
        self.missing_line.setObjectName("rollcall_missing")
        self.missing_line.setProperty("role", "lead")
        self.missing_line.setWordWrap(True)
        self.notice = BilingualMessage("lead", center=False)
        self.notice.clear()
        self.model = RollModel(local_time)
        self.table = QTableView()
        self.table.setObjectName("rollcall_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setMinimumHeight(56)
        # Fixed widths but the name's: a column sized to its contents measures every row of
        # the roll on each reset (200 rows: about 25 ms, more than the frame the tap has).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        self.empty.setProperty("role", "lead")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("rollcall_cancel")
        self.finish_button = button("primary", "check", "#FFFFFF", height=96)
        self.finish_button.setObjectName("rollcall_finish")

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.counts)
        actions = QHBoxLayout()
        actions.setSpacing(24)
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 20, 48, 20)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.missing_line)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(actions)

        self.table.clicked.connect(self._on_row)
        self.back_button.clicked.connect(self.cancel_requested)
        self.finish_button.clicked.connect(self.finish_requested)
        self.theme_changed()
        self.retranslate()

    @property
    def tally(self) -> Tally:
        return self.model.tally

    def show_roll(self, tally: Tally) -> None:
        """A new roll: nobody ticked, no message."""
        self.notice.clear()
        self.model.set_tally(tally)
        has_people = len(tally) > 0
        self.table.setVisible(has_people)
        self.empty.setVisible(not has_people)
        self.finish_button.setEnabled(has_people)
        self._show_counts()

    def ticked_row(self, volunteer_id: str, name: str) -> None:
        """Someone was ticked by a scan: their row repainted, the counts, and who it was."""
        row = self.tally.row_of(volunteer_id)
        if row is not None:
            self.model.row_changed(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.notice.show_message(f"已到：{name}", f"Present: {name}", self.lang, "success")
        self._show_counts()

    def toggled_row(self, volunteer_id: str) -> None:
        row = self.tally.row_of(volunteer_id)
        if row is not None:
            self.model.row_changed(row)
        self.notice.clear()
        self._show_counts()

    def show_error(self, error: KioskError) -> None:
        self.notice.show_message(error.zh, error.en, self.lang, "error")

    def _on_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ticked.emit(self.tally.entries[index.row()].volunteer_id)

    def _show_counts(self) -> None:
        present, missing = self.tally.counts
        self.counts.setText(
            self.tr("Present %1 / Missing %2")
            .replace("%1", str(present))
            .replace("%2", str(missing))
        )
        names = [e.name for e in self.tally.entries if not self.tally.is_present(e.volunteer_id)]
        if not self.tally.entries:
            self.missing_line.clear()
            self.missing_line.setVisible(False)
            return
        self.missing_line.setVisible(True)
        if not names:
            self.missing_line.setText(self.tr("Everyone is accounted for."))
            return
        shown = ("、" if self.lang == "zh" else ", ").join(names[:MISSING_NAMES_SHOWN])
        if len(names) > MISSING_NAMES_SHOWN:
            shown += self.tr(" and %1 more").replace("%1", str(len(names) - MISSING_NAMES_SHOWN))
        self.missing_line.setText(self.tr("Still missing: %1").replace("%1", shown))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Roll call"))
        self.hint.setText(
            self.tr("Scan each person's badge, or tap their name. Tap again to undo a tick.")
        )
        self.model.headers = (
            self.tr("Status"),
            self.tr("Name"),
            self.tr("No."),
            self.tr("Checked in"),
        )
        self.model.marks = (self.tr("Present"), self.tr("Missing"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, RollModel.COLUMNS - 1)
        if len(self.tally):
            self.model.dataChanged.emit(
                self.model.index(0, 0), self.model.index(len(self.tally) - 1, 0)
            )
        self.empty.setText(self.tr("Nobody is checked in at the station now."))
        self.back_button.setText(self.tr("Cancel"))
        self.finish_button.setText(self.tr("Finish roll call"))
        self.notice.set_language(self.lang)
        self._show_counts()

    def theme_changed(self) -> None:
        large = self.theme.large_type
        self.table.setStyleSheet(  # the names are what people look for: larger than body text
            f"QTableView {{ font-size: {32 if large else 26}px; }}"
            " QTableView::item { padding: 0 12px; }"
        )
        self.table.verticalHeader().setDefaultSectionSize(96 if large else 76)
        header = self.table.horizontalHeader()
        for column, (normal, big) in enumerate(((170, 220), (0, 0), (260, 340), (200, 260))):
            if normal:
                header.resizeSection(column, big if large else normal)
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def reset(self) -> None:
        """Forget the roll (idle, leaving): nothing of it stays on screen."""
        self.notice.clear()
        self.model.set_tally(Tally(()))


class TakerPhonePage(DutyPhonePage):
    """Finish: who took the roll (a volunteer on duty: their badge, or phone then PIN)."""

    ICON = "volunteer"

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Who took the roll call?"))
        self.hint.setText(self.tr("Scan your badge, or enter your phone number."))
        self.detail.setText(
            self.tr("A volunteer checked in now confirms it; the roll call is then recorded.")
        )
