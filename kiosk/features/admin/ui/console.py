"""The admin screen (behind the PIN): the tabs features bring, the sweep, sync, exit, and the
buttons to the management pages. What shows depends on the logged-in account's role: a team
leader sees the logs and the flagged shifts, a station admin everything.

The console knows no feature's section: each adds its own from its flow's `connect_admin`
(`sections.py`), when the console is first built.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.features.admin.domain import AdminAccount, Permission
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

if TYPE_CHECKING:
    from kiosk.features.admin.ui.sections import ConsoleSection, ConsoleTool
    from kiosk.features.admin.ui.services import AdminServices
    from kiosk.platform.sync.engine import SyncStatus

TABS_PER_ROW = 4  # more in one row clip in large type
EXIT_CONFIRM_MS = 8_000  # how long "tap again to exit" waits for the second tap


class AdminPage(Page):
    """Signals:
    exit_requested(): close the kiosk program (only possible from here).
    back_requested(): leave the admin screen for home.
    sync_requested(): push and pull now, forgetting any backoff.
    logs_requested(): open the log review.
    dashboard_requested(): open the dashboard (figures, reports, certificates).
    settings_requested(): open this kiosk's settings.
    """

    exit_requested = Signal()
    back_requested = Signal()
    sync_requested = Signal()
    logs_requested = Signal()
    dashboard_requested = Signal()
    settings_requested = Signal()

    def __init__(
        self,
        services: AdminServices,
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._services = services
        self._sync: SyncStatus | None = None
        self.account: AdminAccount | None = None
        self._sections: dict[str, ConsoleSection] = {}
        self._pages: dict[str, QWidget] = {}  # a section's page in the stack
        self._tools: dict[str, ConsoleTool] = {}
        self.section_buttons: dict[str, QPushButton] = {}  # the tabs, by section key
        self.tool_buttons: dict[str, QPushButton] = {}  # the management buttons, by key

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.account_label = QLabel()
        self.account_label.setObjectName("admin_account")
        self.account_label.setProperty("role", "muted")
        self.settings_button = button("", "info", theme.palette.icon, height=72)
        self.settings_button.setObjectName("admin_settings")
        self.notice = BilingualMessage(main_role="lead", center=False)
        self.notice.clear()

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
        self._exit_armed = False  # the first tap asks; the second, within EXIT_CONFIRM_MS, exits
        self._disarm = QTimer(self)
        self._disarm.setSingleShot(True)
        self._disarm.setInterval(EXIT_CONFIRM_MS)
        self._disarm.timeout.connect(self._disarm_exit)
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

        # One section at a time, chosen with big tabs: in large type the lists together did
        # not fit a 1080p screen (tables shrank to a row, buttons overlapped).
        self.sections = QStackedWidget()
        self._tab_grid = QGridLayout()
        self._tab_grid.setSpacing(12)
        self._tab_group = QButtonGroup(self)
        self._tab_group.setExclusive(True)

        self._heading = QHBoxLayout()
        self._heading.setSpacing(16)
        self._heading.addWidget(self.title)
        self._heading.addWidget(self.account_label, 1)
        # The management buttons on a row of their own: beside the title, five of them were cut
        # short in English and in large type.
        self._tools_row = QHBoxLayout()
        self._tools_row.setSpacing(12)
        self._tools_row.addWidget(self.settings_button, 1)
        tables = QVBoxLayout()
        tables.setSpacing(14)
        tables.addLayout(self._heading)
        tables.addLayout(self._tools_row)
        tables.addLayout(self._tab_grid)
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
        self.settings_button.clicked.connect(self.settings_requested)
        self.retranslate()

    # --- what features add ------------------------------------------------------------------

    def add_section(self, section: ConsoleSection) -> None:
        """A feature's tab, placed by its rank (a key used twice is a programming error)."""
        if section.key in self._sections:
            raise ValueError(f"two console sections are called {section.key!r}")
        self._sections[section.key] = section
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        for position, widget in enumerate(section.widgets):
            last = position == len(section.widgets) - 1
            column.addWidget(widget, 1 if section.grows and last else 0)
        if not section.grows:
            column.addStretch(1)
        self._pages[section.key] = page
        self.sections.addWidget(page)
        tab = button("", "", self.theme.palette.icon, height=64)
        tab.setCheckable(True)
        tab.setObjectName(f"admin_tab_{section.key}")
        tab.setText(section.title())
        self._tab_group.addButton(tab)
        tab.clicked.connect(partial(self.sections.setCurrentWidget, page))
        tab.clicked.connect(self._show_tools)
        self.section_buttons[section.key] = tab
        self._lay_out_tabs()
        if len(self._sections) == 1 or self._first_key() == section.key:
            self._choose(self._first_key())
        self._apply_account()

    def add_tool(self, tool: ConsoleTool) -> None:
        """A feature's button to its management pages (in the heading, or with its tab)."""
        if tool.key in self._tools:
            raise ValueError(f"two console tools are called {tool.key!r}")
        self._tools[tool.key] = tool
        tool.button.setObjectName(tool.button.objectName() or f"admin_tool_{tool.key}")
        tool.button.setText(tool.title())
        self.tool_buttons[tool.key] = tool.button
        if not tool.section:
            heading = sorted(
                (t for t in self._tools.values() if not t.section), key=lambda t: t.rank
            )
            # by rank, before Settings (the console's own), sharing the row evenly
            self._tools_row.insertWidget(heading.index(tool), tool.button, 1)
        self._lay_out_tabs()
        self._apply_account()

    def section(self, key: str) -> QWidget:
        """The page of the section `key` (the widgets a feature added, for tests and scenes)."""
        return self._pages[key]

    def _first_key(self) -> str:
        return min(self._sections.values(), key=lambda s: s.rank).key

    def _lay_out_tabs(self) -> None:
        """Tabs by rank, four to a row; the tab-bound tools share the first free cell."""
        grid = self._tab_grid
        while grid.count():
            grid.takeAt(0)
        ordered = sorted(self._sections.values(), key=lambda s: s.rank)
        for position, section in enumerate(ordered):
            grid.addWidget(
                self.section_buttons[section.key],
                position // TABS_PER_ROW,
                position % TABS_PER_ROW,
            )
        free = len(ordered)
        for tool in self._tools.values():
            if tool.section:
                grid.addWidget(tool.button, free // TABS_PER_ROW, free % TABS_PER_ROW)

    def _choose(self, key: str) -> None:
        self.section_buttons[key].setChecked(True)
        self.sections.setCurrentWidget(self._pages[key])
        self._show_tools()

    def _may(self, permission: Permission | None) -> bool:
        if permission is None:  # every role: the console only shows to someone logged in
            return True
        return self.account is not None and self.account.may(permission)

    def _apply_account(self) -> None:
        for key, section in self._sections.items():
            self.section_buttons[key].setVisible(self._may(section.permission))
        self._show_tools()

    def set_account(self, account: AdminAccount | None) -> None:
        """Who is logged in: show only what their role may do."""
        self.account = account
        allowed = {p for p in Permission if account is not None and account.may(p)}
        shown = {
            self.settings_button: Permission.SETTINGS,
            self.sweep_button: Permission.SWEEP,
            self.sync_button: Permission.SYNC,
            self.sync_label: Permission.SYNC,
            self.exit_button: Permission.LEAVE_KIOSK,
            self.logs_button: Permission.REVIEW_LOGS,
            self.dashboard_button: Permission.DASHBOARD,
        }
        for widget, permission in shown.items():
            widget.setVisible(permission in allowed)
        for section in self._sections.values():
            if section.account_changed is not None:
                section.account_changed(account)
        self._apply_account()
        self._fill_account()

    @Slot()
    def _show_tools(self) -> None:
        """Heading tools by role; a tab's tools only while their tab is chosen."""
        for tool in self._tools.values():
            shown = self._may(tool.permission)
            if tool.section:
                section = self._sections.get(tool.section)
                tab = self.section_buttons.get(tool.section)
                shown = (
                    shown
                    and section is not None
                    and tab is not None
                    and tab.isChecked()
                    and self._may(section.permission)
                )
            tool.button.setVisible(shown)

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

    def refresh(self) -> None:
        """Every section reads afresh (each time the admin screen opens)."""
        for section in self._sections.values():
            if section.refresh is not None:
                section.refresh()

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

    def retranslate(self) -> None:
        self.title.setText(self.tr("Station admin"))
        for key, section in self._sections.items():
            self.section_buttons[key].setText(section.title())
            if section.retranslate is not None:
                section.retranslate()
        for tool in self._tools.values():
            tool.button.setText(tool.title())
        self.sweep_button.setText(self.tr("Close stale shifts"))
        self.sync_button.setText(self.tr("Sync now"))
        self.logs_button.setText(self.tr("Review logs"))
        self.dashboard_button.setText(self.tr("Dashboard"))
        self._fill_sync()
        self.exit_button.setText(
            self.tr("Tap again to exit") if self._exit_armed else self.tr("Exit kiosk")
        )
        self.back_button.setText(self.tr("Log out"))
        self.settings_button.setText(self.tr("Settings"))
        self._fill_account()
        self.notice.set_language(self.lang)

    def reset(self) -> None:
        self._disarm_exit()
        if self._sections:
            self._choose(self._first_key())
        self.notice.clear()
        for section in self._sections.values():
            if section.reset is not None:
                section.reset()

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
        if not self._exit_armed:  # a slip of the finger must not stop a station's kiosk
            self._exit_armed = True
            self._disarm.start()
            self.exit_button.setText(self.tr("Tap again to exit"))
            self.notice.show_message(
                "退出后本终端停止服务，直到重新启动。确认退出请再点一次。",
                "The kiosk stops serving until it is started again. Tap again to exit.",
                self.lang,
            )
            return
        self._disarm_exit()
        self.exit_requested.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        self._disarm_exit()  # armed, then left: the next visit asks again
        super().hideEvent(event)

    @Slot()
    def _disarm_exit(self) -> None:
        """The second tap did not come (or the console was left): the button asks again."""
        self._disarm.stop()
        if self._exit_armed:
            self._exit_armed = False
            self.exit_button.setText(self.tr("Exit kiosk"))
            self.notice.clear()

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
