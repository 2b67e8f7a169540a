"""The admin's figures and papers: dashboard, monthly report, hours certificates, export folder.

Kept out of the main window (as the charging flow is): the flow builds its pages into the
window's stack, moves between them, and hands control back to the admin page with `closed`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.services.dashboard import build_dashboard
from kiosk.ui.pages.dashboard import DashboardPage

if TYPE_CHECKING:
    from kiosk.services.context import KioskServices
    from kiosk.ui.main_window import MainWindow


class ReportsFlow(QObject):
    """Signals:
    closed(): the admin left the dashboard for the admin page.
    """

    closed = Signal()

    def __init__(self, window: MainWindow, services: KioskServices) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        lang, theme = window.language, window.theme
        self.dashboard_service = build_dashboard(services)
        self.dashboard = DashboardPage(self.dashboard_service, lang, theme)
        for page in (self.dashboard,):
            window.stack.addWidget(page)
        self.dashboard.back_requested.connect(self._on_dashboard_closed)

    @Slot()
    def open_dashboard(self) -> None:
        self.dashboard.open()
        self._window.show_page(self.dashboard)

    @Slot()
    def _on_dashboard_closed(self) -> None:
        self.dashboard.reset()
        self.closed.emit()

    def wait_for_jobs(self) -> None:
        """Block until background work of these pages ends (closing the window, tests)."""
