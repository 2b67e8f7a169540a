"""Hours certificates (志愿服务记录证明): pick a volunteer and a period, see the hours, issue.

Issuing numbers the certificate, records it (certificate.issued) and writes its PDF to the
export folder in one step on a pool thread; the list below shows what was issued lately, and a
tap on one of them then "Reprint" prints a copy: the same number, marked as a copy, audited.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCalendarWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.features.certificates.service import Certificate, CertificateService
from kiosk.features.certificates.ui.pdf import write_certificate
from kiosk.features.shifts.domain import format_duration
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.tasks import Task, TaskManager
from kiosk.platform.ui.theme import MIN_TARGET_PX, Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

PERIODS = ("this_month", "last_month", "this_year", "last_year", "twelve_months", "custom")


def period_days(period: str, today: date) -> tuple[date, date]:
    """The first and last day of a quick period choice (ending today at the latest)."""
    first_of_month = today.replace(day=1)
    if period == "this_month":
        return first_of_month, today
    if period == "last_month":
        last = first_of_month - timedelta(days=1)
        return last.replace(day=1), last
    if period == "this_year":
        return date(today.year, 1, 1), today
    if period == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return (first_of_month - timedelta(days=335)).replace(day=1), today


class CertificatesPage(Page):
    """Signals:
    back_requested(): return to the dashboard.
    folder_requested(): choose where the files go.
    """

    back_requested = Signal()
    folder_requested = Signal()

    def __init__(
        self,
        certificates: CertificateService,
        folder: Callable[[], Path],
        tasks: TaskManager,
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._certificates = certificates
        self._folder = folder
        self._period = "last_month"
        self._custom: tuple[date, date] | None = None
        self._task: Task | None = None
        self._tasks = tasks

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.back_button = button("primary", "back", "#FFFFFF", height=MIN_TARGET_PX)
        self.back_button.setObjectName("certificates_back")
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.back_button)

        self.volunteer_caption = QLabel()
        self.volunteer_caption.setProperty("role", "section")
        self.volunteers = QListWidget()
        self.volunteers.setObjectName("certificates_volunteers")
        self.volunteers.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.volunteers.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        QScroller.grabGesture(
            self.volunteers.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        left = QVBoxLayout()
        left.addWidget(self.volunteer_caption)
        left.addWidget(self.volunteers, 1)

        self.period_caption = QLabel()
        self.period_caption.setProperty("role", "section")
        self.period_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        periods = QGridLayout()
        periods.setSpacing(12)
        for index, period in enumerate(PERIODS):
            choice = button(height=MIN_TARGET_PX)
            choice.setCheckable(True)
            choice.setObjectName(f"certificates_period_{period}")
            group.addButton(choice)
            self.period_buttons[period] = choice
            periods.addWidget(choice, index // 3, index % 3)
            choice.clicked.connect(lambda _=False, p=period: self._on_period(p))
        self.preview = QLabel()
        self.preview.setObjectName("certificates_preview")
        self.preview.setProperty("role", "lead")
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(110)
        self.folder_label = QLabel()
        self.folder_label.setProperty("role", "muted")
        self.folder_label.setWordWrap(True)
        self.folder_button = button("", "folder", theme.palette.icon, height=MIN_TARGET_PX)
        self.folder_button.setObjectName("certificates_change_folder")
        where = QHBoxLayout()
        where.addWidget(self.folder_label, 1)
        where.addWidget(self.folder_button)
        self.issue_button = button("primary", "check", "#FFFFFF", height=96)
        self.issue_button.setObjectName("certificates_issue")
        self.notice = BilingualMessage(main_role="lead", center=False)
        self.notice.clear()
        self.issued_caption = QLabel()
        self.issued_caption.setProperty("role", "section")
        self.issued = QTableWidget(0, 4)
        self.issued.setObjectName("certificates_issued")
        self.issued.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.issued.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.issued.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.issued.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.issued.verticalHeader().setVisible(False)
        self.issued.verticalHeader().setDefaultSectionSize(MIN_TARGET_PX)
        self._issued: list[Certificate] = []
        self.reprint_button = button("", "ticket", theme.palette.icon, height=MIN_TARGET_PX)
        self.reprint_button.setObjectName("certificates_reprint")
        self.reprint_button.setEnabled(False)
        issued_head = QHBoxLayout()
        self.issued.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.issued.horizontalHeader().setStretchLastSection(True)
        details = QWidget()
        right = QVBoxLayout(details)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(12)
        right.addWidget(self.preview)
        right.addLayout(where)
        right.addWidget(self.issue_button)
        right.addWidget(self.notice)
        issued_head.addWidget(self.issued_caption, 1)
        issued_head.addWidget(self.reprint_button)
        # The issued list under the roster: in large type the right column has no room left.
        left.addLayout(issued_head)
        left.addWidget(self.issued, 1)
        right.addStretch(1)

        # Any period, on two calendars (a volunteer may need, say, March to September).
        self.calendar_from = QCalendarWidget()
        self.calendar_to = QCalendarWidget()
        for calendar in (self.calendar_from, self.calendar_to):
            calendar.setGridVisible(True)
            calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.from_label = QLabel()
        self.to_label = QLabel()
        self.range_ok = button("primary", "check", "#FFFFFF", height=MIN_TARGET_PX)
        self.range_ok.setObjectName("certificates_range_ok")
        self.range_cancel = button(height=MIN_TARGET_PX)
        self.range_cancel.setObjectName("certificates_range_cancel")
        picker = QWidget()
        grid = QGridLayout(picker)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.from_label, 0, 0)
        grid.addWidget(self.to_label, 0, 1)
        grid.addWidget(self.calendar_from, 1, 0)
        grid.addWidget(self.calendar_to, 1, 1)
        picker_buttons = QHBoxLayout()
        picker_buttons.addStretch(1)
        picker_buttons.addWidget(self.range_cancel)
        picker_buttons.addWidget(self.range_ok)
        grid.addLayout(picker_buttons, 2, 0, 1, 2)
        grid.setRowStretch(3, 1)
        self.middle = QStackedWidget()
        self.middle.addWidget(details)
        self.middle.addWidget(picker)
        column = QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(self.period_caption)
        column.addLayout(periods)
        column.addWidget(self.middle, 1)

        body = QHBoxLayout()
        body.setSpacing(36)
        body.addLayout(left, 2)
        body.addLayout(column, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addLayout(body, 1)

        self.back_button.clicked.connect(self.back_requested)
        self.folder_button.clicked.connect(self.folder_requested)
        self.volunteers.currentRowChanged.connect(self._on_volunteer)
        self.issue_button.clicked.connect(self._on_issue)
        self.reprint_button.clicked.connect(self._on_reprint)
        self.issued.itemSelectionChanged.connect(self._update_reprint)
        self.range_ok.clicked.connect(self._on_range_chosen)
        self.range_cancel.clicked.connect(self._on_range_cancelled)
        self.theme_changed()
        self.retranslate()

    # --- filling ----------------------------------------------------------------------------

    def open(self) -> None:
        """The roster, last month, nobody chosen yet."""
        self.notice.clear()
        self._period = "last_month"
        self._custom = None
        self.middle.setCurrentIndex(0)
        self.period_buttons[self._period].setChecked(True)
        self.volunteers.clear()
        for volunteer_id, name, number in self._certificates.volunteers():
            item = QListWidgetItem(f"{name}  {number}")
            item.setData(Qt.ItemDataRole.UserRole, volunteer_id)
            self.volunteers.addItem(item)
        self.volunteers.setCurrentRow(-1)
        self._fill_issued()
        self._update_preview()

    def choose_volunteer(self, number: str) -> None:
        """Select the volunteer with this number (as a tap on their row does)."""
        for row in range(self.volunteers.count()):
            if self.volunteers.item(row).text().endswith(f"  {number}"):
                self.volunteers.setCurrentRow(row)
                return

    def _chosen(self) -> str | None:
        item = self.volunteers.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _days(self) -> tuple[date, date]:
        if self._period == "custom" and self._custom is not None:
            return self._custom
        return period_days(self._period, self._certificates.today())

    @Slot(int)
    def _on_volunteer(self, _row: int) -> None:
        self.notice.clear()
        self._update_preview()

    def _on_period(self, period: str) -> None:
        self.notice.clear()
        if period == "custom":
            first, last = self._days()
            self.calendar_from.setSelectedDate(QDate(first.year, first.month, first.day))
            self.calendar_to.setSelectedDate(QDate(last.year, last.month, last.day))
            self.middle.setCurrentIndex(1)
            return
        self._period = period
        self._update_preview()

    def choose_dates(self, first: date, last: date) -> None:
        """The calendars set to `first` and `last`, as taps on them would."""
        self.calendar_from.setSelectedDate(QDate(first.year, first.month, first.day))
        self.calendar_to.setSelectedDate(QDate(last.year, last.month, last.day))

    @Slot()
    def _on_range_chosen(self) -> None:
        first = self.calendar_from.selectedDate().toPython()
        last = self.calendar_to.selectedDate().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        self._custom = (min(first, last), max(first, last))
        self._period = "custom"
        self.middle.setCurrentIndex(0)
        self._update_preview()

    @Slot()
    def _on_range_cancelled(self) -> None:
        self.middle.setCurrentIndex(0)
        self.period_buttons[self._period].setChecked(True)

    def _update_preview(self) -> None:
        self.folder_label.setText(self.tr("Saved to: %1").replace("%1", str(self._folder())))
        volunteer = self._chosen()
        first, last = self._days()
        span = f"{first.isoformat()} – {last.isoformat()}"
        if volunteer is None:
            self.preview.setText(self.tr("Choose a volunteer on the left.") + "\n" + span)
            self.issue_button.setEnabled(False)
            return
        try:
            draft = self._certificates.draft(volunteer, first, last)
        except KioskError as exc:
            self.preview.setText(exc.zh if self.lang == "zh" else exc.en)
            self.issue_button.setEnabled(False)
            return
        hours = f"{draft.minutes / 60:.2f}"
        if self.lang == "zh":
            text = (
                f"{draft.volunteer_name}（{draft.volunteer_number}）\n{span}："
                f"{hours} 小时（{format_duration(draft.minutes, 'zh')}，{draft.shifts} 次）"
            )
        else:
            text = (
                f"{draft.volunteer_name} ({draft.volunteer_number})\n{span}: {hours} h"
                f" ({format_duration(draft.minutes, 'en')}, {draft.shifts} shifts)"
            )
        self.preview.setText(text)
        self.issue_button.setEnabled(draft.minutes > 0 and self._task is None)

    def _fill_issued(self) -> None:
        found = self._certificates.issued(20)
        self._issued = found
        self.issued.clearSelection()
        self.issued.setRowCount(len(found))
        for row, c in enumerate(found):
            cells = (
                c.number,
                f"{c.volunteer_name} {c.volunteer_number}",
                f"{c.first_day.isoformat()} – {c.last_day.isoformat()}",
                f"{c.minutes / 60:.2f}",
            )
            for column, value in enumerate(cells):
                self.issued.setItem(row, column, QTableWidgetItem(value))
        self._update_reprint()

    def _selected_issued(self) -> Certificate | None:
        rows = self.issued.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._issued):
            return None
        return self._issued[rows[0].row()]

    @Slot()
    def _update_reprint(self) -> None:
        self.reprint_button.setEnabled(self._selected_issued() is not None and self._task is None)

    # --- issuing ----------------------------------------------------------------------------

    @Slot()
    def _on_issue(self) -> None:
        volunteer = self._chosen()
        if volunteer is None or self._task is not None:
            return
        first, last = self._days()
        certificates, folder = self._certificates, self._folder()
        issuer = certificates.issuer

        def work(
            _progress: Callable[[int], None], _cancelled: Callable[[], bool]
        ) -> tuple[Certificate, Path]:
            return certificates.issue(
                volunteer, first, last, lambda c: write_certificate(c, issuer, folder)
            )

        task = Task(work)
        task.signals.finished.connect(self._on_issued)
        task.signals.failed.connect(self._on_failed)
        self._task = task
        self.issue_button.setEnabled(False)
        self.notice.show_message("正在出具证明…", "Issuing…", self.lang, "info")
        self._tasks.start(task)

    @Slot()
    def _on_reprint(self) -> None:
        chosen = self._selected_issued()
        if chosen is None or self._task is not None:
            return
        certificates, folder = self._certificates, self._folder()
        issuer, today = certificates.issuer, certificates.today()

        def work(
            _progress: Callable[[int], None], _cancelled: Callable[[], bool]
        ) -> tuple[Certificate, Path]:
            return certificates.reprint(
                chosen.id, lambda c: write_certificate(c, issuer, folder, copy_printed=today)
            )

        task = Task(work)
        task.signals.finished.connect(self._on_reprinted)
        task.signals.failed.connect(self._on_failed)
        self._task = task
        self.reprint_button.setEnabled(False)
        self.issue_button.setEnabled(False)
        self.notice.show_message("正在补打副本…", "Printing a copy…", self.lang, "info")
        self._tasks.start(task)

    @Slot(object)
    def _on_reprinted(self, result: tuple[Certificate, Path]) -> None:
        self._task = None
        certificate, path = result
        self._update_preview()
        self._update_reprint()
        self.notice.show_message(
            f"已补打证明 {certificate.number} 的副本：{path}",
            f"Copy of certificate {certificate.number} printed: {path}",
            self.lang,
            "success",
        )

    @Slot(object)
    def _on_issued(self, result: tuple[Certificate, Path]) -> None:
        self._task = None
        certificate, path = result
        self._fill_issued()
        self._update_preview()
        self.notice.show_message(
            f"已出具证明 {certificate.number}：{path}",
            f"Certificate {certificate.number} issued: {path}",
            self.lang,
            "success",
        )

    @Slot(str, str)
    def _on_failed(self, zh: str, en: str) -> None:
        self._task = None
        self._update_preview()
        self._update_reprint()
        self.notice.show_message(zh, en, self.lang)

    def wait_for_job(self) -> None:
        self._tasks.wait()

    # --- page duties ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Volunteer hours certificate"))
        self.back_button.setText(self.tr("Back"))
        self.volunteer_caption.setText(self.tr("Volunteer"))
        self.period_caption.setText(self.tr("Period of service"))
        names = {
            "this_month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "this_year": self.tr("This year"),
            "last_year": self.tr("Last year"),
            "twelve_months": self.tr("12 months"),
            "custom": self.tr("Dates…"),
        }
        for period, choice in self.period_buttons.items():
            choice.setText(names[period])
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        self.range_ok.setText(self.tr("Use these dates"))
        self.range_cancel.setText(self.tr("Cancel"))
        self.folder_button.setText(self.tr("Change folder"))
        self.issue_button.setText(self.tr("Issue certificate (PDF)"))
        self.issued_caption.setText(self.tr("Issued lately"))
        self.reprint_button.setText(self.tr("Reprint a copy"))
        self.issued.setHorizontalHeaderLabels(
            [self.tr("Certificate No."), self.tr("Volunteer"), self.tr("Period"), self.tr("Hours")]
        )
        self.notice.set_language(self.lang)
        if self.isVisible():
            self._update_preview()

    def theme_changed(self) -> None:
        p, s = self.theme.palette, self.theme.sizes
        self.volunteers.setStyleSheet(
            f"QListWidget {{ font-size: {s.lead}px; background: {p.surface};"
            f" border: 2px solid {p.line}; border-radius: 12px; }}"
            f" QListWidget::item {{ min-height: {s.target}px; padding: 0 16px;"
            f" border-bottom: 1px solid {p.line}; }}"
            f" QListWidget::item:selected {{ background: {p.primary}; color: {p.on_primary}; }}"
        )
        for label in (self.from_label, self.to_label):
            label.setProperty("role", "section")
        self.middle.setStyleSheet(
            f"QCalendarWidget QAbstractItemView {{ font-size: {s.lead}px; }}"
            f" QCalendarWidget QToolButton {{ font-size: {s.lead}px; min-height: 64px; }}"
        )

    def reset(self) -> None:
        if self._task is not None:
            self._task.signals.disconnect(self)
            self.wait_for_job()
            self._task = None
        self.volunteers.clear()
        self.preview.clear()
        self.notice.clear()
        self.issued.setRowCount(0)
        self._issued = []
