"""The shifts' sections of the admin console: this month's hours of every volunteer, and the
shifts flagged for review (approve, or correct the time on the amend page).

Built when the console is (at the first login) by the clocking flow's `connect_admin`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import words
from kiosk.features.admin.domain import AdminAccount, Permission
from kiosk.features.shifts.domain import format_duration
from kiosk.features.volunteers.ui.admin import selectable_table
from kiosk.platform.ui.util import button

if TYPE_CHECKING:
    from kiosk.core.results import FlaggedShift, VolunteerHours


def _table(columns: int) -> QTableWidget:
    """A read-only table nothing in is chosen (the hours are read, not acted on)."""
    table = selectable_table(columns)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().setDefaultSectionSize(56)
    return table


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


class HoursPanel(QWidget):
    """Every volunteer's shifts and credited hours this month, by volunteer number."""

    def __init__(self, lang: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._hours: list[VolunteerHours] = []
        self.caption = QLabel()
        self.caption.setProperty("role", "section")
        self.table = _table(5)
        self.table.setObjectName("hours_table")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.caption)
        column.addWidget(self.table, 1)
        self.retranslate()

    def show_hours(self, hours: list[VolunteerHours]) -> None:
        self._hours = sorted(hours, key=lambda h: h.volunteer.number)
        self._fill()

    def _fill(self) -> None:
        lang = self._lang()
        self.table.setRowCount(len(self._hours))
        for row, hours in enumerate(self._hours):
            cells = [
                hours.volunteer.name,
                hours.volunteer.number,
                str(hours.shifts),
                format_duration(hours.credited_minutes, lang),
                str(hours.flagged),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, _item(text))

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Volunteer hours this month"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("No."),
                self.tr("Shifts"),
                self.tr("Credited hours"),
                self.tr("Flagged"),
            ]
        )
        self._fill()

    def reset(self) -> None:
        self._hours = []
        self.table.setRowCount(0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class FlaggedPanel(QWidget):
    """Shifts flagged for review: a tap chooses one, then approve it or correct its time.

    Signals:
        approve_requested(str), amend_requested(str): the chosen shift's id.
    """

    approve_requested = Signal(str)
    amend_requested = Signal(str)

    def __init__(
        self,
        lang: Callable[[], str],
        local_time: Callable[[datetime], datetime],
        icon_color: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lang = lang
        self._local = local_time
        self._flagged: list[FlaggedShift] = []
        self.caption = QLabel()
        self.caption.setProperty("role", "section")
        self.table = selectable_table(4)
        self.table.setObjectName("flagged_table")
        self.approve_button = button("primary", "check", "#FFFFFF", height=80)
        self.approve_button.setObjectName("admin_approve")
        self.amend_button = button("", "clock", icon_color, height=80)
        self.amend_button.setObjectName("admin_amend")
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.review_actions = QWidget()
        review_row = QHBoxLayout(self.review_actions)
        review_row.setContentsMargins(0, 0, 0, 0)
        review_row.addWidget(self.hint, 1)
        review_row.addWidget(self.amend_button)
        review_row.addWidget(self.approve_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.caption)
        column.addWidget(self.table, 1)
        column.addWidget(self.review_actions)
        self.approve_button.clicked.connect(self._on_approve)
        self.amend_button.clicked.connect(self._on_amend)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate()

    @property
    def flagged(self) -> list[FlaggedShift]:
        return self._flagged

    def show_flagged(self, flagged: list[FlaggedShift]) -> None:
        self._flagged = flagged
        self._fill()

    def account_changed(self, account: AdminAccount | None) -> None:
        """Who may review: the others see the list without its buttons."""
        self.review_actions.setVisible(
            account is not None and account.may(Permission.REVIEW_SHIFTS)
        )

    def _when(self, moment: datetime | None) -> str:
        return self._local(moment).strftime("%m-%d %H:%M") if moment else ""

    def _fill(self) -> None:
        self.table.setRowCount(len(self._flagged))
        for row, shift in enumerate(self._flagged):
            cells = [
                shift.volunteer.name,
                self._when(shift.checked_in_at),
                self._checked_out(shift),
                self._status(shift),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, _item(text))
        self.table.clearSelection()
        self._update_buttons()

    def _checked_out(self, shift: FlaggedShift) -> str:
        """A shift the sweep closed was never checked out: the sweep's time (past midnight,
        beside "4 hours") read as if the volunteer had stayed till then."""
        if shift.status == "auto_closed":
            return self.tr("Did not check out")
        return self._when(shift.checked_out_at)

    def _status(self, shift: FlaggedShift) -> str:
        """Why it is flagged, and what it counts for now (the sweep's credit until reviewed)."""
        lang = self._lang()
        status = words.label(words.SHIFT_STATUSES, shift.status, lang)
        credited = self.tr("credited %1").replace("%1", format_duration(shift.minutes or 0, lang))
        return f"{status} · {credited}"

    def _chosen(self) -> FlaggedShift | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._flagged):
            return None
        return self._flagged[rows[0].row()]

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self._chosen() is not None
        self.approve_button.setEnabled(chosen)
        self.amend_button.setEnabled(chosen)

    @Slot()
    def _on_approve(self) -> None:
        if (chosen := self._chosen()) is not None:
            self.approve_requested.emit(chosen.shift_id)

    @Slot()
    def _on_amend(self) -> None:
        if (chosen := self._chosen()) is not None:
            self.amend_requested.emit(chosen.shift_id)

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Shifts flagged for review"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Checked in"), self.tr("Checked out"), self.tr("Status")]
        )
        self.approve_button.setText(self.tr("Approve"))
        self.amend_button.setText(self.tr("Correct…"))
        self.hint.setText(self.tr("Tap a shift, then approve it or correct its time."))
        self._fill()

    def reset(self) -> None:
        self._flagged = []
        self.table.setRowCount(0)
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
