"""The monthly station report screen: pick a month, make the PDF beside the GUI thread, cancel.

Three steps: the figures are read on a pool thread; the charts are drawn on the GUI thread
(QtCharts are graphics widgets, which only the GUI thread may touch: three small images, a few
milliseconds); the PDF is written on the pool thread again, with progress and cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.features.reports.service.monthly import MonthlyReport, ReportService
from kiosk.features.reports.ui.pdf import chart_images, write_report
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.tasks import Task, TaskManager
from kiosk.platform.ui.theme import MIN_TARGET_PX, Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

MONTHS_SHOWN = 6


class ReportPage(Page):
    """Signals:
    back_requested(): return to the dashboard.
    folder_requested(): choose where the file goes.
    """

    back_requested = Signal()
    folder_requested = Signal()

    def __init__(
        self,
        reports: ReportService,
        folder: Callable[[], Path],
        tasks: TaskManager,
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._reports = reports
        self._folder = folder
        self._month: tuple[int, int] = reports.last_month()
        self._task: Task | None = None
        self._gathered: Task | None = None
        self._tasks = tasks

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.back_button = button("primary", "back", "#FFFFFF", height=MIN_TARGET_PX)
        self.back_button.setObjectName("report_back")
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.back_button)

        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.month_buttons: dict[tuple[int, int], QPushButton] = {}
        self._group = QButtonGroup(self)
        self.months = QGridLayout()
        self.months.setSpacing(14)

        self.folder_label = QLabel()
        self.folder_label.setObjectName("report_folder")
        self.folder_label.setProperty("role", "muted")
        self.folder_label.setWordWrap(True)
        self.folder_button = button("", "folder", theme.palette.icon, height=MIN_TARGET_PX)
        self.folder_button.setObjectName("report_change_folder")
        where = QHBoxLayout()
        where.addWidget(self.folder_label, 1)
        where.addWidget(self.folder_button)

        self.generate_button = button("primary", "book", "#FFFFFF", height=96)
        self.generate_button.setObjectName("report_generate")
        self.cancel_button = button("danger", height=96)
        self.cancel_button.setObjectName("report_cancel")
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.progress.setMinimumHeight(48)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.generate_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.cancel_button)
        self.notice = BilingualMessage(main_role="lead", center=False)
        self.notice.clear()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(22)
        layout.addLayout(header)
        layout.addWidget(self.hint)
        layout.addLayout(self.months)
        layout.addLayout(where)
        layout.addLayout(actions)
        layout.addWidget(self.notice)
        layout.addStretch(1)

        self.back_button.clicked.connect(self.back_requested)
        self.folder_button.clicked.connect(self.folder_requested)
        self.generate_button.clicked.connect(self._on_generate)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.retranslate()

    def open(self) -> None:
        """Last month chosen, the month buttons and the folder read afresh."""
        self._month = self._reports.last_month()
        self.notice.clear()
        self._fill_months()
        self._show_folder()
        if self._task is None:
            self._set_busy(False)

    def _fill_months(self) -> None:
        for choice in self.month_buttons.values():
            self._group.removeButton(choice)
            self.months.removeWidget(choice)
            choice.hide()
            choice.deleteLater()
        self.month_buttons = {}
        for index, (year, month) in enumerate(self._reports.months(MONTHS_SHOWN)):
            choice = button(height=MIN_TARGET_PX)
            choice.setCheckable(True)
            choice.setObjectName(f"report_month_{year}_{month:02d}")
            choice.setText(self._month_name(year, month))
            choice.setChecked((year, month) == self._month)
            choice.clicked.connect(lambda _=False, ym=(year, month): self._on_month(ym))
            self._group.addButton(choice)
            self.month_buttons[(year, month)] = choice
            self.months.addWidget(choice, index // 3, index % 3)

    def _month_name(self, year: int, month: int) -> str:
        return f"{year} 年 {month} 月" if self.lang == "zh" else f"{year}-{month:02d}"

    def _show_folder(self) -> None:
        self.folder_label.setText(self.tr("Saved to: %1").replace("%1", str(self._folder())))

    def _on_month(self, month: tuple[int, int]) -> None:
        self._month = month

    # --- the job ----------------------------------------------------------------------------

    @Slot()
    def _on_generate(self) -> None:
        if self._task is not None:
            return
        year, month = self._month
        reports = self._reports
        task = Task(lambda progress, cancelled: reports.monthly(year, month, progress, cancelled))
        task.signals.finished.connect(self._on_gathered)
        self._start(task)
        self.notice.show_message("正在生成报表…", "Making the report…", self.lang, "info")

    def _start(self, task: Task) -> None:
        task.signals.progress.connect(self.progress.setValue)
        task.signals.failed.connect(self._on_failed)
        self._task = task
        self._set_busy(True)
        self._tasks.start(task)

    @Slot(object)
    def _on_gathered(self, report: MonthlyReport) -> None:
        """GUI thread: draw the charts, then write the PDF on the pool thread."""
        gathered = self._task
        assert gathered is not None
        if gathered.cancel_event.is_set():
            self._on_failed("报表生成已取消", "Report cancelled")
            return
        images = chart_images(report)
        folder = self._folder()
        reports = self._reports

        def write(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> Path:
            path = write_report(report, images, folder, progress, cancelled)
            reports.record_written(report, path.name)
            return path

        task = Task(write, gathered.cancel_event)
        task.signals.finished.connect(self._on_written)
        # Kept until the end: its run() may still be returning on the pool thread.
        self._gathered = gathered
        self._start(task)

    @Slot(object)
    def _on_written(self, path: Path) -> None:
        self._task = None
        self._set_busy(False)
        self.notice.show_message(
            f"报表已保存：{path}", f"Report saved: {path}", self.lang, "success"
        )

    @Slot(str, str)
    def _on_failed(self, zh: str, en: str) -> None:
        self._task = None
        self._set_busy(False)
        self.notice.show_message(zh, en, self.lang)

    @Slot()
    def _on_cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        if busy:
            self.progress.setValue(0)
        self.cancel_button.setVisible(busy)
        self.generate_button.setEnabled(not busy)
        for choice in self.month_buttons.values():
            choice.setEnabled(not busy)

    def wait_for_job(self) -> None:
        self._tasks.wait()

    # --- page duties ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Monthly report"))
        self.hint.setText(
            self.tr(
                "Choose a month: the PDF has the totals, the charts and the tables of people"
                " served, volunteer hours and phone charging."
            )
        )
        self.back_button.setText(self.tr("Back"))
        self.folder_button.setText(self.tr("Change folder"))
        self.generate_button.setText(self.tr("Make the PDF"))
        self.cancel_button.setText(self.tr("Stop"))
        for (year, month), choice in self.month_buttons.items():
            choice.setText(self._month_name(year, month))
        self._show_folder()
        self.notice.set_language(self.lang)

    def reset(self) -> None:
        if self._task is not None:
            self._task.signals.disconnect(self)
            self._task.cancel()
            self.wait_for_job()
            self._task = None
            self._set_busy(False)
        self.notice.clear()
