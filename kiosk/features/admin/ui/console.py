"""The admin screen (behind the PIN): this month's hours, flagged shifts, the sweep, exit,
and the way to the management pages. What shows depends on the logged-in account's role: a
team leader sees the logs and the flagged shifts, a station admin everything.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.core.results import FlaggedShift, VolunteerHours
from kiosk.features.admin.domain import AdminAccount, Permission
from kiosk.features.catalogue.ui.admin import CataloguePanel
from kiosk.features.charging.ui.admin import ChargingSessionsPanel
from kiosk.features.emergency.ui.admin import SafetyPanel
from kiosk.features.incidents.ui.pages import choice_text
from kiosk.features.lending.ui.admin import LendingPanel
from kiosk.features.requests.ui.admin import HelpDeskPanel
from kiosk.features.shifts.domain import format_duration
from kiosk.features.volunteers.ui.admin import selectable_table
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

if TYPE_CHECKING:
    from kiosk.features.admin.ui.services import AdminServices
    from kiosk.platform.sync.engine import SyncStatus


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(56)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setMinimumHeight(56)
    table.setShowGrid(False)
    return table


# The tab each management button belongs to.
_MANAGE_TAB = {"slot": "charging", "lending": "lending", "medicine": "safety"}


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


class AdminPage(Page):
    """Signals:
    exit_requested(): close the kiosk program (only possible from here).
    back_requested(): leave the admin screen for home.
    sync_requested(): push and pull now, forgetting any backoff.
    logs_requested(): open the log review.
    dashboard_requested(): open the dashboard (figures, reports, certificates).
    volunteers_requested(), settings_requested(): open those management pages.
    items_requested(str): manage "slot"s, "lending" or "medicine" items (a management page).
    approve_requested(str), amend_requested(str): a flagged shift's id to approve or correct.
    """

    exit_requested = Signal()
    back_requested = Signal()
    sync_requested = Signal()
    logs_requested = Signal()
    dashboard_requested = Signal()
    volunteers_requested = Signal()
    settings_requested = Signal()
    items_requested = Signal(str)
    approve_requested = Signal(str)
    amend_requested = Signal(str)

    def __init__(
        self,
        services: AdminServices,
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._services = services
        self._hours: list[VolunteerHours] = []
        self._flagged: list[FlaggedShift] = []
        self._sync: SyncStatus | None = None
        self.account: AdminAccount | None = None

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hours_caption = QLabel()
        self.hours_caption.setProperty("role", "section")
        self.hours_table = _table(5)
        self.hours_table.setObjectName("hours_table")
        self.flagged_caption = QLabel()
        self.flagged_caption.setProperty("role", "section")
        self.flagged_table = selectable_table(4)
        self.flagged_table.setObjectName("flagged_table")
        self.approve_button = button("primary", "check", "#FFFFFF", height=80)
        self.approve_button.setObjectName("admin_approve")
        self.amend_button = button("", "clock", theme.palette.icon, height=80)
        self.amend_button.setObjectName("admin_amend")
        self.flagged_hint = QLabel()
        self.flagged_hint.setProperty("role", "muted")
        self.flagged_actions = QWidget()
        review_row = QHBoxLayout(self.flagged_actions)
        review_row.setContentsMargins(0, 0, 0, 0)
        review_row.addWidget(self.flagged_hint, 1)
        review_row.addWidget(self.amend_button)
        review_row.addWidget(self.approve_button)
        self.account_label = QLabel()
        self.account_label.setObjectName("admin_account")
        self.account_label.setProperty("role", "muted")
        self.volunteers_button = button("", "volunteer", theme.palette.icon, height=72)
        self.volunteers_button.setObjectName("admin_volunteers")
        self.settings_button = button("", "info", theme.palette.icon, height=72)
        self.settings_button.setObjectName("admin_settings")
        # Each panel acts as the logged-in account (set at login on the services).
        self.charging_sessions = ChargingSessionsPanel(
            services.charging,
            services.shifts.local_time,
            lambda: self.lang,
            actor=lambda: services.admin_actor,
        )
        self.lending_panel = LendingPanel(
            services.lending,
            services.shifts.local_time,
            lambda: self.lang,
            actor=lambda: services.admin_actor,
        )
        self.catalogue_panel = CataloguePanel(
            services.catalogue_edits, services.editable_catalogue, lambda: self.lang
        )
        self.safety = SafetyPanel(services.shifts.local_time, choice_text)
        self.help_desk = HelpDeskPanel(services, services.shifts.local_time, lambda: self.lang)
        self.notice = BilingualMessage(main_role="lead", center=False)
        self.notice.clear()
        # The management of slots and items, one button for each tab it belongs to.
        self.manage_buttons: dict[str, QPushButton] = {}
        for target, icon in (
            ("slot", "charging"),
            ("lending", "umbrella"),
            ("medicine", "medicine"),
        ):
            manage = button("", icon, theme.palette.icon, height=64)
            manage.setObjectName(f"admin_manage_{target}")
            manage.clicked.connect(partial(self.items_requested.emit, target))
            self.manage_buttons[target] = manage

        self.sweep_button = button("", "sweep", theme.palette.icon, height=96)
        self.sweep_button.setObjectName("admin_sweep")
        self.sync_button = button("", "sync", theme.palette.icon, height=96)
        self.sync_button.setObjectName("admin_sync")
        self.logs_button = button("", "search", theme.palette.icon, height=96)
        self.logs_button.setObjectName("admin_logs")
        self.dashboard_button = button("primary", "chart", "#FFFFFF", height=96)
        self.dashboard_button.setObjectName("admin_dashboard")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("admin_sync_state")
        self.sync_label.setWordWrap(True)
        self.exit_button = button("danger", "exit", "#FFFFFF", height=96)
        self.exit_button.setObjectName("admin_exit")
        self.back_button = button("primary", "home", "#FFFFFF", height=96)
        self.back_button.setObjectName("admin_back")
        side = QVBoxLayout()
        side.setSpacing(24)
        side.addWidget(self.dashboard_button)
        side.addWidget(self.logs_button)
        side.addWidget(self.sweep_button)
        side.addWidget(self.sync_button)
        side.addWidget(self.sync_label)
        side.addWidget(self.notice)
        side.addStretch(1)
        side.addWidget(self.back_button)
        side.addWidget(self.exit_button)
        side_box = QWidget()
        side_box.setFixedWidth(440)
        side_box.setLayout(side)

        # One section at a time, chosen with big tabs: in large type the three lists together
        # did not fit a 1080p screen (tables shrank to a row, buttons overlapped).
        self.section_buttons: dict[str, QPushButton] = {}
        self.sections = QStackedWidget()
        tabs = QGridLayout()  # two rows of four: seven tabs in one row clip in large type
        tabs.setSpacing(12)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for position, (key, widgets) in enumerate(
            (
                ("hours", (self.hours_caption, self.hours_table)),
                ("flagged", (self.flagged_caption, self.flagged_table, self.flagged_actions)),
                ("charging", (self.charging_sessions,)),
                ("lending", (self.lending_panel,)),
                ("services", (self.catalogue_panel,)),
                ("safety", (self.safety,)),
                ("help", (self.help_desk,)),
            )
        ):
            tab = button("", "", theme.palette.icon, height=64)
            tab.setCheckable(True)
            tab.setObjectName(f"admin_tab_{key}")
            group.addButton(tab)
            tabs.addWidget(tab, position // 4, position % 4)
            self.section_buttons[key] = tab
            page = QWidget()
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(10)
            for widget in widgets:
                grows = isinstance(widget, QTableWidget | SafetyPanel | HelpDeskPanel)
                column.addWidget(widget, 1 if grows else 0)
            if key in ("charging", "lending", "services"):
                column.addStretch(1)
            index = self.sections.addWidget(page)
            tab.clicked.connect(partial(self.sections.setCurrentIndex, index))
            tab.clicked.connect(self._show_manage)
        # The management of slots and items sits in the tab grid's free cell, for the tab it
        # belongs to: a row of its own left the lending tab no room in large type.
        for manage in self.manage_buttons.values():
            tabs.addWidget(manage, 1, 3)
        self.section_buttons["hours"].setChecked(True)

        heading = QHBoxLayout()
        heading.setSpacing(16)
        heading.addWidget(self.title)
        heading.addWidget(self.account_label, 1)
        heading.addWidget(self.volunteers_button)
        heading.addWidget(self.settings_button)
        tables = QVBoxLayout()
        tables.setSpacing(14)
        tables.addLayout(heading)
        tables.addLayout(tabs)
        tables.addWidget(self.sections, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(48, 30, 48, 30)
        layout.setSpacing(44)
        layout.addLayout(tables, 1)
        layout.addWidget(side_box)

        self.sweep_button.clicked.connect(self._on_sweep)
        self.sync_button.clicked.connect(self._on_sync_clicked)
        self.logs_button.clicked.connect(self.logs_requested)
        self.dashboard_button.clicked.connect(self.dashboard_requested)
        self.exit_button.clicked.connect(self._on_exit)
        self.back_button.clicked.connect(self.back_requested)
        self.volunteers_button.clicked.connect(self.volunteers_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.approve_button.clicked.connect(self._on_approve)
        self.amend_button.clicked.connect(self._on_amend)
        self.flagged_table.itemSelectionChanged.connect(self._update_review_buttons)
        self.retranslate()
        self._show_manage()

    def set_account(self, account: AdminAccount | None) -> None:
        """Who is logged in: show only what their role may do."""
        self.account = account
        allowed = {p for p in Permission if account is not None and account.may(p)}
        shown = {
            self.volunteers_button: Permission.MANAGE_VOLUNTEERS,
            self.settings_button: Permission.SETTINGS,
            self.sweep_button: Permission.SWEEP,
            self.sync_button: Permission.SYNC,
            self.sync_label: Permission.SYNC,
            self.exit_button: Permission.LEAVE_KIOSK,
            self.logs_button: Permission.REVIEW_LOGS,
            self.section_buttons["charging"]: Permission.CHARGING,
            self.section_buttons["lending"]: Permission.MANAGE_ITEMS,
            self.section_buttons["services"]: Permission.MANAGE_ITEMS,
            self.section_buttons["safety"]: Permission.FIRST_AID,
            self.section_buttons["help"]: Permission.HANDLE_REQUESTS,
            self.dashboard_button: Permission.DASHBOARD,
            self.flagged_actions: Permission.REVIEW_SHIFTS,
        }
        for widget, permission in shown.items():
            widget.setVisible(permission in allowed)
        self._show_manage()
        self._fill_account()

    @Slot()
    def _show_manage(self) -> None:
        """Only the current tab's management button, and only for who may manage items."""
        allowed = self.account is not None and self.account.may(Permission.MANAGE_ITEMS)
        for target, manage in self.manage_buttons.items():
            tab = self.section_buttons[_MANAGE_TAB[target]]
            manage.setVisible(allowed and tab.isChecked())

    def _fill_account(self) -> None:
        account = self.account
        if account is None:
            self.account_label.setText("")
            return
        role = words.label(words.ROLES, account.role, self.lang)
        if account.name == account.id:  # the first-run account has no person's name
            self.account_label.setText(self.tr("Logged in: %1").replace("%1", role))
            return
        self.account_label.setText(
            self.tr("Logged in: %1 (%2)").replace("%1", account.name).replace("%2", role)
        )

    def _selected_flagged(self) -> FlaggedShift | None:
        rows = self.flagged_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._flagged):
            return None
        return self._flagged[rows[0].row()]

    @Slot()
    def _update_review_buttons(self) -> None:
        chosen = self._selected_flagged() is not None
        self.approve_button.setEnabled(chosen)
        self.amend_button.setEnabled(chosen)

    @Slot()
    def _on_approve(self) -> None:
        chosen = self._selected_flagged()
        if chosen is not None:
            self.approve_requested.emit(chosen.shift_id)

    @Slot()
    def _on_amend(self) -> None:
        chosen = self._selected_flagged()
        if chosen is not None:
            self.amend_requested.emit(chosen.shift_id)

    def refresh(self) -> None:
        """Reload the figures (called each time the admin screen opens)."""
        now = self._services.shifts.local_time(self._services.clock.now())
        self._hours = sorted(
            self._services.shifts.monthly_hours(now.year, now.month),
            key=lambda h: h.volunteer.number,
        )
        self._flagged = self._services.shifts.flagged()
        self._fill()
        self._fill_safety()

    def _fill_safety(self) -> None:
        """Open emergencies, medicine box and AED alerts, incident records."""
        services = self._services
        self.safety.fill(
            services.emergency.open_alerts(),
            services.medicine.alerts(),
            services.incidents.recent(),
            self.lang,
            {
                "emergencies": self.tr("Emergencies not yet acknowledged"),
                "no_emergency": self.tr("None"),
                "ack": self.tr("Acknowledge"),
                "alerts": self.tr("Medicine box and AED"),
                "no_alerts": self.tr("All in order"),
                "incidents": self.tr("Incident records"),
                "new": self.tr("New record"),
                "amend": self.tr("Correct"),
                "void": self.tr("Void"),
                "void_confirm": self.tr("Void the record"),
                "amended": self.tr("corrected"),
                "voided": self.tr("VOID"),
                "no_incidents": self.tr("No records yet"),
            },
        )
        self.help_desk.refresh()

    def _fill(self) -> None:
        lang = self.lang
        self.hours_table.setRowCount(len(self._hours))
        for row, hours in enumerate(self._hours):
            cells = [
                hours.volunteer.name,
                hours.volunteer.number,
                str(hours.shifts),
                format_duration(hours.credited_minutes, lang),
                str(hours.flagged),
            ]
            for column, text in enumerate(cells):
                self.hours_table.setItem(row, column, _item(text))
        self.flagged_table.setRowCount(len(self._flagged))
        local = self._services.shifts.local_time
        for row, shift in enumerate(self._flagged):
            start = (
                local(shift.checked_in_at).strftime("%m-%d %H:%M") if shift.checked_in_at else ""
            )
            end = (
                local(shift.checked_out_at).strftime("%m-%d %H:%M") if shift.checked_out_at else ""
            )
            cells = [shift.volunteer.name, start, end, self._status(shift)]
            for column, text in enumerate(cells):
                self.flagged_table.setItem(row, column, _item(text))
        self.flagged_table.clearSelection()
        self._update_review_buttons()

    def set_sync(self, status: SyncStatus) -> None:
        """The latest sync state, for staff: when, how much waits, what the hub refused."""
        self._sync = status
        self._fill_sync()

    def _fill_sync(self) -> None:
        status = self._sync
        if status is None or not status.enrolled:
            self.sync_label.setText(self.tr("Not enrolled with a hub"))
            self.sync_button.setEnabled(False)
            return
        self.sync_button.setEnabled(not status.revoked)
        local = self._services.shifts.local_time
        last = (
            local(status.last_success_at).strftime("%m-%d %H:%M") if status.last_success_at else "—"
        )
        lines = [
            self.tr("Last sync: %1").replace("%1", last),
            self.tr("Waiting: %1 · refused by the hub: %2")
            .replace("%1", str(status.pending))
            .replace("%2", str(status.rejects)),
        ]
        if status.refused:  # what a hub sent that this kiosk could not have been sent
            lines.append(
                self.tr("Refused from the hub: %1 (last: %2)")
                .replace("%1", str(status.refused))
                .replace("%2", (status.last_refusal or "")[:120])
            )
        if status.clock_offset_s is not None and abs(status.clock_offset_s) > 300:
            lines.append(
                self.tr("Clock differs from the hub by %1 s").replace(
                    "%1", f"{status.clock_offset_s:+.0f}"
                )
            )
        if status.revoked:
            lines.append(self.tr("This kiosk was revoked by the hub; its records are kept."))
        elif status.last_error:
            lines.append(self.tr("Last error: %1").replace("%1", status.last_error[:80]))
        self.sync_label.setText("\n".join(lines))

    @Slot()
    def _on_sync_clicked(self) -> None:
        self.notice.show_message("正在同步…", "Syncing…", self.lang, "success")
        self.sync_requested.emit()

    def _status(self, shift: FlaggedShift) -> str:
        minutes = format_duration(shift.minutes or 0, self.lang)
        if shift.status == "auto_closed":
            return self.tr("Closed by the sweep") + f" · {minutes}"
        return f"{shift.status} · {minutes}"

    def retranslate(self) -> None:
        self.title.setText(self.tr("Station admin"))
        self.hours_caption.setText(self.tr("Volunteer hours this month"))
        self.hours_table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("No."),
                self.tr("Shifts"),
                self.tr("Hours"),
                self.tr("Flagged"),
            ]
        )
        self.flagged_caption.setText(self.tr("Shifts flagged for review"))
        self.section_buttons["hours"].setText(self.tr("Hours this month"))
        self.section_buttons["flagged"].setText(self.tr("Flagged shifts"))
        self.section_buttons["charging"].setText(self.tr("Phones charging"))
        self.section_buttons["lending"].setText(self.tr("Lending"))
        self.section_buttons["services"].setText(self.tr("Services"))
        self.section_buttons["safety"].setText(self.tr("Alerts and first aid"))
        self.section_buttons["help"].setText(self.tr("Requests and wishes"))
        self.manage_buttons["slot"].setText(self.tr("Charging slots…"))
        self.manage_buttons["lending"].setText(self.tr("Lending items…"))
        self.manage_buttons["medicine"].setText(self.tr("Medicine items…"))
        self.help_desk.retranslate()
        self.flagged_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Checked in"), self.tr("Checked out"), self.tr("Status")]
        )
        self.sweep_button.setText(self.tr("Close stale shifts"))
        self.sync_button.setText(self.tr("Sync now"))
        self.logs_button.setText(self.tr("Review logs"))
        self.dashboard_button.setText(self.tr("Dashboard"))
        self._fill_sync()
        self.exit_button.setText(self.tr("Exit kiosk"))
        self.back_button.setText(self.tr("Log out"))
        self.volunteers_button.setText(self.tr("Volunteers"))
        self.settings_button.setText(self.tr("Settings"))
        self.approve_button.setText(self.tr("Approve"))
        self.amend_button.setText(self.tr("Correct…"))
        self.flagged_hint.setText(self.tr("Tap a shift, then approve it or correct its time."))
        self._fill_account()
        self.notice.set_language(self.lang)
        self._fill()
        if self.isVisible():
            self._fill_safety()

    def reset(self) -> None:
        self._hours = []
        self._flagged = []
        self.section_buttons["hours"].setChecked(True)
        self.sections.setCurrentIndex(0)
        self._show_manage()
        self.notice.clear()
        self.safety.reset()
        self.hours_table.setRowCount(0)
        self.flagged_table.setRowCount(0)

    @Slot()
    def _on_exit(self) -> None:
        """Leaving kiosk mode is the station admin's alone (the button is hidden from others;
        this check also holds if a hidden button is ever reached)."""
        if self.account is None or not self.account.may(Permission.LEAVE_KIOSK):
            self.notice.show_message(
                "只有站点管理员可以退出终端程序",
                "Only the station admin may leave kiosk mode",
                self.lang,
            )
            return
        self.exit_requested.emit()

    @Slot()
    def _on_sweep(self) -> None:
        if self.account is None:
            return
        try:
            closed = self._services.management.sweep(self.account)
        except KioskError as exc:
            self.notice.show_message(exc.zh, exc.en, self.lang)
            return
        self.notice.show_message(
            f"已关闭 {closed} 个超时班次", f"Closed {closed} stale shift(s)", self.lang, "success"
        )
        self.refresh()
