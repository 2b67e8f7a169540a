"""The log review screen (admin only): one tab per log, filters, a lazy table, exports.

Ten logs do not fit one row of touch-sized tabs at 1920 px in large type, so the tabs sit in
a grid of rows of seven under the row of title, dates and Back; an account sees only the
logs its role may.

Every figure a station reports comes out of these logs, so this screen must open instantly
over years of them: the table model pages by keyset through `LogService`, and exports run on a
pool thread with progress and cancel, never freezing the touch screen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScroller,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.core.words import HISTORY_STATES
from kiosk.features.admin.service.exports import ExportResult, ExportService
from kiosk.features.admin.service.logs import (
    LogFilters,
    LogKind,
    LogPage,
    LogService,
    PageToken,
    Period,
)
from kiosk.features.admin.ui.logs_model import ExportJob, LogTableModel
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.tasks import TaskManager
from kiosk.platform.ui.theme import MIN_TARGET_PX, Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

SEARCH_DELAY_MS = 400
TAB_COLUMNS = 7
_ALL = ""


class _TouchCheckBox(QCheckBox):
    """A check box that toggles wherever its (72 px high) area is touched, not only on the box."""

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)


def _toggle(kind: str = "") -> QPushButton:
    result = button(kind, height=MIN_TARGET_PX)
    result.setCheckable(True)
    return result


class LogsPage(Page):
    """Signals:
    back_requested(): return to the admin page.
    """

    back_requested = Signal()

    def __init__(
        self,
        logs: LogService,
        exports: ExportService,
        tasks: TaskManager,
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._logs = logs
        self._exports = exports
        self._log: str = LogKind.SHIFTS
        self._period = Period.ALL
        self._custom: tuple[date, date] | None = None
        self._job: ExportJob | None = None
        self._tasks = tasks
        self._history_shown = False  # the notice says the history is still arriving

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.back_button = button("primary", "back", "#FFFFFF", height=MIN_TARGET_PX)
        self.back_button.setObjectName("logs_back")
        self.tabs: dict[str, QPushButton] = {}
        tab_group = QButtonGroup(self)
        self._tab_grid = QGridLayout()
        self._tab_grid.setSpacing(10)
        for log in self._logs.kinds():  # every feature's log tabs, from the registry
            tab = _toggle()
            tab.setObjectName(f"logs_tab_{log}")
            tab_group.addButton(tab)
            self.tabs[log] = tab
            tab.clicked.connect(lambda _=False, log=log: self._on_tab(log))
        self._place_tabs(self._logs.kinds())

        self.periods: dict[Period, QPushButton] = {}
        period_group = QButtonGroup(self)
        periods = QHBoxLayout()  # the title, the quick date ranges and Back share one row
        periods.setSpacing(10)
        periods.addWidget(self.title)
        periods.addSpacing(20)
        for period in Period:
            choice = _toggle()
            choice.setObjectName(f"logs_period_{period.value}")
            period_group.addButton(choice)
            self.periods[period] = choice
            periods.addWidget(choice)
            choice.clicked.connect(lambda _=False, p=period: self._on_period(p))
        self.range_label = QLabel()
        self.range_label.setProperty("role", "muted")
        periods.addWidget(self.range_label, 1)
        periods.addWidget(self.back_button)

        self.choice_box = QComboBox()
        self.choice_box.setObjectName("logs_choice")
        self.kiosk_box = QComboBox()
        self.kiosk_box.setObjectName("logs_kiosk")
        self.search = QLineEdit()
        self.search.setObjectName("logs_search")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("logs_count")
        for box in (self.choice_box, self.kiosk_box, self.search):
            box.setMinimumHeight(MIN_TARGET_PX)
            box.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if box is self.search else Qt.FocusPolicy.NoFocus
            )
        filters = QHBoxLayout()
        filters.setSpacing(12)
        filters.addWidget(self.choice_box, 2)
        filters.addWidget(self.kiosk_box, 2)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.count_label, 2)

        self.model = LogTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("logs_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(56)
        # Times and names at their full width (a cut "08:…" is useless); the last column
        # (details, kiosk) takes what is left.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setMinimumHeight(56)
        QScroller.grabGesture(
            self.table.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )

        self.calendar_from = QCalendarWidget()
        self.calendar_to = QCalendarWidget()
        self.from_label = QLabel()
        self.to_label = QLabel()
        for label in (self.from_label, self.to_label):
            label.setProperty("role", "section")
        self.range_ok = button("primary", "check", "#FFFFFF", height=MIN_TARGET_PX)
        self.range_ok.setObjectName("logs_range_ok")
        self.range_cancel = button(height=MIN_TARGET_PX)
        self.range_cancel.setObjectName("logs_range_cancel")
        for calendar in (self.calendar_from, self.calendar_to):
            calendar.setGridVisible(True)
            calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        picker = QWidget()
        grid = QGridLayout(picker)
        grid.setHorizontalSpacing(40)
        grid.addWidget(self.from_label, 0, 0)
        grid.addWidget(self.to_label, 0, 1)
        grid.addWidget(self.calendar_from, 1, 0)
        grid.addWidget(self.calendar_to, 1, 1)
        picker_buttons = QHBoxLayout()
        picker_buttons.addStretch(1)
        picker_buttons.addWidget(self.range_cancel)
        picker_buttons.addWidget(self.range_ok)
        grid.addLayout(picker_buttons, 2, 0, 1, 2)
        self.middle = QStackedWidget()
        self.middle.addWidget(self.table)
        self.middle.addWidget(picker)

        self.unmask_box = _TouchCheckBox()
        self.unmask_box.setObjectName("logs_unmask")
        self.unmask_box.setMinimumHeight(MIN_TARGET_PX)
        self.unmask_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.csv_button = button(height=MIN_TARGET_PX)
        self.csv_button.setObjectName("logs_export_csv")
        self.xlsx_button = button(height=MIN_TARGET_PX)
        self.xlsx_button.setObjectName("logs_export_xlsx")
        self.cancel_button = button("danger", height=MIN_TARGET_PX)
        self.cancel_button.setObjectName("logs_export_cancel")
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setMinimumHeight(40)
        self.notice = BilingualMessage(main_role="lead", center=False)
        self.notice.clear()
        export_bar = QHBoxLayout()
        export_bar.setSpacing(16)
        export_bar.addWidget(self.unmask_box)
        export_bar.addWidget(self.csv_button)
        export_bar.addWidget(self.xlsx_button)
        export_bar.addWidget(self.progress, 1)
        export_bar.addWidget(self.cancel_button)
        export_bar.addWidget(self.notice, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(12)
        layout.addLayout(periods)
        layout.addLayout(self._tab_grid)
        layout.addLayout(filters)
        layout.addWidget(self.middle, 1)
        layout.addLayout(export_bar)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._connect_signals()
        self.theme_changed()
        self.retranslate()

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.choice_box.activated.connect(self._on_filter_changed)
        self.kiosk_box.activated.connect(self._on_filter_changed)
        self.search.textChanged.connect(self._on_search_edited)
        self._search_timer.timeout.connect(self._on_filter_changed)
        self.range_ok.clicked.connect(self._on_range_chosen)
        self.range_cancel.clicked.connect(self._on_range_cancelled)
        self.csv_button.clicked.connect(lambda: self._start_export("csv"))
        self.xlsx_button.clicked.connect(lambda: self._start_export("xlsx"))
        self.cancel_button.clicked.connect(self._on_cancel_export)

    # --- opening and filters ----------------------------------------------------------------

    def _place_tabs(self, visible: list[str]) -> None:
        """The tabs the account may open, in order, seven to a row; the others hidden."""
        for tab in self.tabs.values():
            self._tab_grid.removeWidget(tab)
            tab.setVisible(False)
        for index, log in enumerate(visible):
            row, column = divmod(index, TAB_COLUMNS)
            self._tab_grid.addWidget(self.tabs[log], row, column)
            self.tabs[log].setVisible(True)

    def visible_logs(self) -> list[str]:
        return [log for log, tab in self.tabs.items() if not tab.isHidden()]

    def open(self) -> None:
        """Show the shifts of all time (called when an admin opens the review); audited."""
        self._place_tabs(self._logs.visible())
        self._logs.record_opened(LogKind.SHIFTS)
        self._period = Period.ALL
        self._custom = None
        self.search.clear()
        self.notice.clear()
        self._on_tab(LogKind.SHIFTS)

    def filters(self) -> LogFilters:
        """The filters as chosen on screen now."""
        first: date | None
        last: date | None
        if self._period is Period.CUSTOM and self._custom is not None:
            first, last = self._custom
        else:
            first, last = self._logs.period(self._period)
        search = self.search.text().strip() if self._logs.searchable(self._log) else ""
        return LogFilters(
            first_day=first,
            last_day=last,
            choice=self.choice_box.currentData() or None,
            kiosk_id=(self.kiosk_box.currentData() or None) if self.kiosk_box.isEnabled() else None,
            search=search,
        )

    @Slot()
    def _on_tab(self, log: str) -> None:
        self._log = log
        self.tabs[log].setChecked(True)
        self.search.setEnabled(self._logs.searchable(log))
        if not self._logs.searchable(log):
            self.search.clear()
        self._set_placeholder()
        self.kiosk_box.setEnabled(self._logs.spec(log).query.kiosk is not None)
        self._fill_boxes()
        self._reload()

    def _fill_boxes(self) -> None:
        lang = self.lang
        self.choice_box.clear()
        every: dict[str, str] = {
            LogKind.SHIFTS: self.tr("Any status"),
            LogKind.USES: self.tr("Every service"),
            LogKind.CHARGING: self.tr("Any status"),
            LogKind.INCIDENTS: self.tr("Every kind of incident"),
            LogKind.LENDING: self.tr("Any status or item"),
            LogKind.REQUESTS: self.tr("Any status or category"),
            LogKind.WISHES: self.tr("Any status or category"),
            LogKind.BADGES: self.tr("Issued or revoked"),
            LogKind.AUDIT: self.tr("Every action"),
            LogKind.EVENTS: self.tr("Every kind"),
            LogKind.REJECTS: self.tr("Every kind"),
        }
        self.choice_box.addItem(every.get(self._log, "—"), _ALL)
        for choice in self._logs.choices(self._log):
            self.choice_box.addItem(choice.zh if lang == "zh" else choice.en, choice.value)
        self.kiosk_box.clear()
        self.kiosk_box.addItem(self.tr("Every kiosk"), _ALL)
        for kiosk in self._logs.kiosks():
            self.kiosk_box.addItem(kiosk.zh if lang == "zh" else kiosk.en, kiosk.value)

    def _on_period(self, period: Period) -> None:
        if period is Period.CUSTOM:
            first, last = self._custom or (self._logs.today().replace(day=1), self._logs.today())
            self.calendar_from.setSelectedDate(QDate(first.year, first.month, first.day))
            self.calendar_to.setSelectedDate(QDate(last.year, last.month, last.day))
            self.middle.setCurrentIndex(1)
            return
        self._period = period
        self._reload()

    @Slot()
    def _on_range_chosen(self) -> None:
        first = self.calendar_from.selectedDate().toPython()
        last = self.calendar_to.selectedDate().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        self._custom = (min(first, last), max(first, last))
        self._period = Period.CUSTOM
        self.middle.setCurrentIndex(0)
        self._reload()

    @Slot()
    def _on_range_cancelled(self) -> None:
        self.middle.setCurrentIndex(0)
        self.periods[self._period].setChecked(True)

    @Slot(str)
    def _on_search_edited(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _on_filter_changed(self) -> None:
        self._search_timer.stop()
        self._reload()

    def _reload(self) -> None:
        self.periods[self._period].setChecked(True)
        filters = self.filters()
        log, lang = self._log, self.lang

        def fetch(after: PageToken | None) -> LogPage:
            return self._logs.page(log, filters, after, language=lang)

        try:
            self.model.load(self._logs.columns(log), fetch, lang)
            found, more = self._logs.count(log, filters)
        except KioskError as exc:
            self.model.clear()
            self.notice.show_message(exc.zh, exc.en, self.lang)
            return
        self.table.scrollToTop()
        self._fit_columns()
        figure = f"{found:,}+" if more else f"{found:,}"
        self.count_label.setText(self.tr("%1 rows").replace("%1", figure))
        first, last = filters.first_day, filters.last_day
        self.range_label.setText(
            f"{first.isoformat()} – {last.isoformat()}" if first and last else self.tr("All dates")
        )
        if self._job is None:  # an export's progress or result is not covered
            self._show_history()

    def _show_history(self) -> None:
        """A new kiosk whose history is still arriving (live state first, docs/hub.md) says
        so over its logs, since older rows are missing until it is in; cleared once it is."""
        state = self._logs.history_state()
        if state is not None:
            zh, en = HISTORY_STATES[state]
            self.notice.show_message(zh, en, self.lang, "info")
        elif self._history_shown:
            self.notice.clear()
        self._history_shown = state is not None

    def _fit_columns(self) -> None:
        """The last column fills what is left when the columns fit; when they do not (many
        columns in large type), every column keeps its full width and the table scrolls
        sideways rather than cutting the last one to "7…"."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(header.length() < self.table.viewport().width())

    # --- exports ----------------------------------------------------------------------------

    def _start_export(self, fmt: str) -> None:
        if self._job is not None:
            return
        job = ExportJob(
            self._exports, self._log, self.filters(), fmt, self.unmask_box.isChecked(), self.lang
        )
        job.signals.progress.connect(self._on_export_progress)
        job.signals.finished.connect(self._on_export_finished)
        job.signals.failed.connect(self._on_export_failed)
        self._job = job
        self._set_exporting(True)
        self.notice.show_message("正在导出…", "Exporting…", self.lang, "info")
        self._tasks.start(job)

    def _set_exporting(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.csv_button.setEnabled(not busy)
        self.xlsx_button.setEnabled(not busy)

    @Slot(int)
    def _on_export_progress(self, rows: int) -> None:
        self.progress.setFormat(str(rows))

    @Slot(object)
    def _on_export_finished(self, result: ExportResult) -> None:
        self._job = None
        self._set_exporting(False)
        masked = "" if result.unmasked else "（手机号已隐藏）"
        masked_en = "" if result.unmasked else " (phone numbers masked)"
        self.notice.show_message(
            f"已导出 {result.rows:,} 条{masked}：{result.path}",
            f"Exported {result.rows:,} rows{masked_en}: {result.path}",
            self.lang,
            "success",
        )

    @Slot(str, str)
    def _on_export_failed(self, zh: str, en: str) -> None:
        self._job = None
        self._set_exporting(False)
        self.notice.show_message(zh, en, self.lang)

    @Slot()
    def _on_cancel_export(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def wait_for_export(self) -> None:
        """Block until a running export ends (closing the window, tests)."""
        self._tasks.wait()

    # --- page duties ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Log review"))
        self.back_button.setText(self.tr("Back"))
        names: dict[str, str] = {
            LogKind.SHIFTS: self.tr("Shifts"),
            LogKind.USES: self.tr("Service uses"),
            LogKind.CHARGING: self.tr("Charging"),
            LogKind.INCIDENTS: self.tr("First aid"),
            LogKind.LENDING: self.tr("Lending"),
            LogKind.REQUESTS: self.tr("Help requests"),
            LogKind.WISHES: self.tr("Needs and wishes"),
            LogKind.BADGES: self.tr("Badges"),
            LogKind.AUDIT: self.tr("Admin audit"),
            LogKind.EVENTS: self.tr("Event log"),
            LogKind.REJECTS: self.tr("Sync rejects"),
        }
        for log, tab in self.tabs.items():  # a log without a caption here: its spec's title
            title = self._logs.spec(log).title
            tab.setText(names.get(log, title[0] if self.lang == "zh" else title[1]))
        periods = {
            Period.ALL: self.tr("All"),
            Period.TODAY: self.tr("Today"),
            Period.WEEK: self.tr("7 days"),
            Period.MONTH: self.tr("This month"),
            Period.LAST_MONTH: self.tr("Last month"),
            Period.CUSTOM: self.tr("Dates…"),
        }
        for period, choice in self.periods.items():
            choice.setText(periods[period])
        self._set_placeholder()
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        self.range_ok.setText(self.tr("Show these dates"))
        self.range_cancel.setText(self.tr("Cancel"))
        self.unmask_box.setText(self.tr("Show full numbers"))
        self.csv_button.setText(self.tr("Export CSV"))
        self.xlsx_button.setText(self.tr("Export Excel"))
        self.cancel_button.setText(self.tr("Stop"))
        self.notice.set_language(self.lang)
        self.model.set_language(self.lang)
        if self.isVisible():
            current = (self.choice_box.currentData(), self.kiosk_box.currentData())
            self._fill_boxes()
            self.choice_box.setCurrentIndex(max(0, self.choice_box.findData(current[0])))
            self.kiosk_box.setCurrentIndex(max(0, self.kiosk_box.findData(current[1])))
            self._reload()

    def _set_placeholder(self) -> None:
        """What the search box looks for in the log shown."""
        hints: dict[str, str] = {
            LogKind.INCIDENTS: self.tr("Volunteer or note"),
            LogKind.LENDING: self.tr("Approving volunteer"),
            LogKind.REQUESTS: self.tr("Helper or ticket number"),
            LogKind.WISHES: self.tr("Ticket number or words"),
            LogKind.AUDIT: self.tr("Admin account"),
        }
        hint = hints.get(self._log)
        if hint is None:
            hint = (
                self.tr("Volunteer name or number")
                if self._logs.searchable(self._log)
                else self.tr("No search in this log")
            )
        self.search.setPlaceholderText(hint)

    def theme_changed(self) -> None:
        p, s = self.theme.palette, self.theme.sizes
        self.setStyleSheet(
            f"QTableView {{ background: {p.surface}; alternate-background-color: {p.bg};"
            f" border: 2px solid {p.line}; border-radius: 12px; font-size: {s.small}px;"
            f" color: {p.text}; }}"
            f" QTableView::item {{ padding: 4px 18px; }}"
            f" QComboBox, QLineEdit {{ font-size: {s.body}px; padding: 4px 16px;"
            f" border: 2px solid {p.line}; border-radius: 12px; background: {p.surface}; }}"
            f" QComboBox QAbstractItemView {{ font-size: {s.body}px; }}"
            f" QCheckBox {{ font-size: {s.button}px; }}"
            f" QCheckBox::indicator {{ width: 40px; height: 40px; }}"
            f" QPushButton:checked {{ background: {p.primary}; color: {p.on_primary}; }}"
            f" QCalendarWidget QAbstractItemView {{ font-size: {s.lead}px; }}"
            f" QCalendarWidget QToolButton {{ font-size: {s.lead}px; min-height: 64px; }}"
            f" QProgressBar {{ font-size: {s.small}px; }}"
        )

    def reset(self) -> None:
        """Nothing personal stays on screen: rows, search and notices go; a running export is
        stopped (its half-written file is removed)."""
        if self._job is not None:
            self._job.signals.disconnect(self)
            self._job.cancel()
            self.wait_for_export()
            self._job = None
            self._set_exporting(False)
        self._search_timer.stop()
        self.search.clear()
        self.unmask_box.setChecked(False)
        self.notice.clear()
        self.model.clear()
        self.middle.setCurrentIndex(0)
