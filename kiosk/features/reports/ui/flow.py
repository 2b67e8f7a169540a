"""The admin's figures and papers: dashboard, monthly report, hours certificates, export folder.

Like the charging flow, it builds its pages into the window's stack, moves between them, and
hands control back to the admin console with `closed`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Signal, Slot

from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.pages.base import Page

if TYPE_CHECKING:
    from kiosk.features.admin.service.exports import NameSources
    from kiosk.features.certificates.service import CertificateServices
    from kiosk.features.certificates.ui.pages import CertificatesPage
    from kiosk.features.reports.service.dashboard import DashboardServices
    from kiosk.features.reports.ui.dashboard import DashboardPage
    from kiosk.features.reports.ui.folders import FolderPage
    from kiosk.features.reports.ui.monthly import ReportPage
    from kiosk.platform.ui.navigator import Navigator

    class ReportsServices(DashboardServices, CertificateServices, NameSources, Protocol):
        """What the dashboard, reports and certificates need of the kiosk's services."""


class ReportsFlow(Flow):
    """Signals:
    closed(): the admin left the dashboard for the admin page.
    """

    closed = Signal()

    def __init__(self, navigator: Navigator, services: ReportsServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._built = False
        self.closed.connect(navigator.show_admin)

    def connect_admin(self, console: Any) -> None:
        console.dashboard_requested.connect(self.open_dashboard)

    def _build(self) -> None:
        """Make the pages on first use: QtCharts and the PDF writer cost memory and start-up
        time that a kiosk whose dashboard is never opened should not pay."""
        if self._built:
            return
        self._built = True
        from kiosk.features import FEATURES
        from kiosk.features.admin.service.exports import item_names
        from kiosk.features.certificates.service import build_certificates, issuer_of
        from kiosk.features.certificates.ui.pages import CertificatesPage
        from kiosk.features.reports.service.dashboard import build_dashboard
        from kiosk.features.reports.service.folders import ExportFolders
        from kiosk.features.reports.service.monthly import ReportService
        from kiosk.features.reports.ui.dashboard import DashboardPage
        from kiosk.features.reports.ui.folders import FolderPage
        from kiosk.features.reports.ui.monthly import ReportPage
        from kiosk.platform.monthly import monthly_sections

        nav, services = self._nav, self._services
        lang, theme = nav.language, nav.theme
        self.dashboard_service = build_dashboard(services)
        self.certificate_service = build_certificates(services)
        self.report_service = ReportService(
            self.dashboard_service,
            lambda: issuer_of(services.settings),
            lambda: services.admin_actor,
            monthly_sections(FEATURES),
            item_names(services),
        )
        folders = ExportFolders(services.database, services.settings.data_dir / "exports")
        self._dashboard = DashboardPage(self.dashboard_service, lang, theme)
        self._folder_page = FolderPage(folders, lang, theme)
        tasks = nav.tasks
        self._report = ReportPage(self.report_service, self.folder, tasks, lang, theme)
        self._certificates = CertificatesPage(
            self.certificate_service, self.folder, tasks, lang, theme
        )
        self._folder_return: Page = self._dashboard
        for page in (self._dashboard, self._report, self._certificates, self._folder_page):
            nav.adopt_page(page)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.dashboard.back_requested.connect(self._on_dashboard_closed)
        self.dashboard.report_requested.connect(self.open_report)
        self.dashboard.certificates_requested.connect(self.open_certificates)
        self.dashboard.folder_requested.connect(lambda: self.open_folders(self.dashboard))
        self.report.back_requested.connect(self._on_back_to_dashboard)
        self.report.folder_requested.connect(lambda: self.open_folders(self.report))
        self.certificates.back_requested.connect(self._on_back_to_dashboard)
        self.certificates.folder_requested.connect(lambda: self.open_folders(self.certificates))
        self.folder_page.back_requested.connect(self._on_folders_closed)

    @property
    def dashboard(self) -> DashboardPage:
        self._build()
        return self._dashboard

    @property
    def report(self) -> ReportPage:
        self._build()
        return self._report

    @property
    def certificates(self) -> CertificatesPage:
        self._build()
        return self._certificates

    @property
    def folder_page(self) -> FolderPage:
        self._build()
        return self._folder_page

    def folder(self) -> Path:
        """Where reports and certificates go now."""
        return self.folder_page.folders.current()

    @Slot()
    def open_dashboard(self) -> None:
        self.dashboard.open()
        self._nav.show_page(self.dashboard)

    @Slot()
    def open_report(self) -> None:
        self.report.open()
        self._nav.show_page(self.report)

    @Slot()
    def open_certificates(self) -> None:
        self.certificates.open()
        self._nav.show_page(self.certificates)

    def open_folders(self, back_to: Page) -> None:
        self._folder_return = back_to
        self.folder_page.open()
        self._nav.show_page(self.folder_page)

    @Slot()
    def _on_folders_closed(self) -> None:
        page = self._folder_return
        self._nav.show_page(page)
        if page is not self.dashboard:
            page.retranslate()  # shows the folder just chosen

    @Slot()
    def _on_back_to_dashboard(self) -> None:
        self.report.reset()
        self.certificates.reset()
        self.open_dashboard()

    @Slot()
    def _on_dashboard_closed(self) -> None:
        self.dashboard.reset()
        self.closed.emit()

    def wait_for_jobs(self) -> None:
        """Block until background work of these pages ends (closing the window, tests)."""
        if not self._built:
            return
        self.report.wait_for_job()
        self.certificates.wait_for_job()
