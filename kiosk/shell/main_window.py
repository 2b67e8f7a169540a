"""The kiosk's one window: top bar, a stack of pages, the status strip, and the flows between them.

Start-up is in two steps so the home screen paints before the database opens: the window is
built with the catalogue only, and `attach_services()` adds the flows that need services (each
builds its pages on first use). The window itself navigates (`show_page`, `go_home`,
`show_outcome`) and wires the admin screens; what home shows is `HomeStatus`'s job, tile taps
are `ServiceFlow`'s, scans `ScanRouter`'s and volunteers clocking `ClockingFlow`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.features.admin.domain import Action
from kiosk.features.catalogue.service.catalogue import ServiceItem
from kiosk.features.emergency.ui.banner import EmergencyBanner
from kiosk.platform.ui import outcomes
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.idle import IdleWatcher
from kiosk.platform.ui.outcomes import Outcome
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.scanner import ScannerFilter
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.widgets.statusbar import StatusStrip
from kiosk.platform.ui.widgets.topbar import TopBar
from kiosk.settings import Settings
from kiosk.shell.home import HomePage
from kiosk.shell.home_status import HomeStatus
from kiosk.shell.lazy import build_all, lazy_page
from kiosk.shell.scan_routing import ScanRouter

if TYPE_CHECKING:
    from kiosk.features.admin.ui.console import AdminPage
    from kiosk.features.admin.ui.flow import AdminFlow
    from kiosk.features.admin.ui.logs import LogsPage
    from kiosk.features.catalogue.ui.service_detail import ServiceDetailPage
    from kiosk.features.charging.ui.flow import ChargingFlow
    from kiosk.features.emergency.ui.flow import EmergencyFlow
    from kiosk.features.lending.ui.flow import LendingFlow
    from kiosk.features.medicine.ui.flow import MedicineFlow
    from kiosk.features.reports.ui.flow import ReportsFlow
    from kiosk.features.requests.ui.flow import RequestFlow
    from kiosk.features.shifts.ui.checkin import CheckInPage
    from kiosk.features.shifts.ui.flow import ClockingFlow
    from kiosk.features.wishes.ui.flow import WishFlow
    from kiosk.platform.sync.engine import SyncStatus
    from kiosk.platform.ui.pages.entry import AdminLoginPage, PhonePage, PinPage, SetAdminPinPage
    from kiosk.platform.ui.pages.result import ResultPage
    from kiosk.shell.context import KioskServices
    from kiosk.shell.service_flow import ServiceFlow

log = logging.getLogger(__name__)

WARM_UP_MS = 1_500  # after start-up is done and measured, before anyone can reach the kiosk


def _logs_page(services: KioskServices, language: LanguageSwitch, theme: Theme) -> LogsPage:
    from kiosk.features import FEATURES
    from kiosk.features.admin.service.exports import build_log_services
    from kiosk.features.admin.ui.logs import LogsPage

    return LogsPage(*build_log_services(services, FEATURES), language, theme)


def has_camera_default() -> bool:
    from kiosk.platform.ui.camera import has_camera

    return has_camera()


class MainWindow(QMainWindow):
    """Signals:
    first_painted(): the home screen has been painted once (start-up measurement, deferral).
    services_attached(): the database is open and every page is usable.
    data_changed(): something new waits to be synced (the sync worker is poked).
    sync_requested(): an admin asked to sync now.
    enrolled(): an admin enrolled this kiosk in a hub (the app starts syncing).
    """

    first_painted = Signal()
    services_attached = Signal()
    data_changed = Signal()
    sync_requested = Signal()
    enrolled = Signal()

    def __init__(
        self,
        settings: Settings,
        catalogue: list[ServiceItem],
        language: LanguageSwitch,
        theme: Theme,
        now: Callable[[], datetime],
        has_camera: Callable[[], bool] = has_camera_default,
    ) -> None:
        super().__init__()
        self.setWindowTitle("驿站自助终端 Station Kiosk")
        self.settings = settings
        self.language = language
        language.setParent(self)  # its translator goes when the window goes
        self.theme = theme
        self.has_camera = has_camera
        self._services: KioskServices | None = None
        self._close_allowed = not settings.kiosk_mode
        self._painted = False
        self._visited: set[Page] = set()  # pages shown since the last reset: the ones to clear

        self.top_bar = TopBar(settings.station_name_zh, settings.station_name_en, language, theme)
        self.status_strip = StatusStrip(
            settings.station_name_zh, settings.station_name_en, language
        )
        self.stack = QStackedWidget()
        self.home_status = HomeStatus(self, catalogue, now)
        status = self.home_status
        self.home = HomePage(status.ordered(), language, theme, season=status.season)
        self.stack.addWidget(self.home)
        self.home.set_on_duty(None)
        self.home.set_served(None)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        # An emergency raised at any kiosk of the station shows here, above every page.
        self.emergency_banner = EmergencyBanner()
        layout.addWidget(self.emergency_banner)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_strip)
        self.setCentralWidget(central)
        # The window's size is set by the screen (full screen) or the installer, never by the
        # layout; this also keeps the offscreen platform from warning on every page switch.
        window_layout = self.layout()
        if window_layout is not None:
            window_layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

        self.idle = IdleWatcher(settings.idle_timeout_s, self)
        self.scanner = ScannerFilter(self, on_activity=self.idle.poke)
        self.scanner.watch(self)
        self.scan_router = ScanRouter(self)
        self.status_strip.set_time(now())

    # --- second start-up step ---------------------------------------------------------------

    def attach_services(self, services: KioskServices) -> None:
        """Build the pages that need the database, wire everything, fill the board."""
        from kiosk.features.admin.service.settings import apply_overrides
        from kiosk.features.admin.ui.flow import AdminFlow
        from kiosk.features.charging.ui.flow import ChargingFlow
        from kiosk.features.emergency.ui.flow import EmergencyFlow
        from kiosk.features.lending.ui.flow import LendingFlow
        from kiosk.features.medicine.ui.flow import MedicineFlow
        from kiosk.features.reports.ui.flow import ReportsFlow
        from kiosk.features.requests.ui.flow import RequestFlow
        from kiosk.features.shifts.ui.flow import ClockingFlow
        from kiosk.features.wishes.ui.flow import WishFlow
        from kiosk.shell.service_flow import ServiceFlow

        self._services = services
        self.home_status.start(services)
        self.services_flow: ServiceFlow = ServiceFlow(self, services)
        self.clocking: ClockingFlow = ClockingFlow(self, services)
        self.charging: ChargingFlow = ChargingFlow(self, services)
        self.reports: ReportsFlow = ReportsFlow(self, services)
        self.lending: LendingFlow = LendingFlow(self, services)
        self.medicine: MedicineFlow = MedicineFlow(self, services)
        self.emergency: EmergencyFlow = EmergencyFlow(self, services, self.emergency_banner)
        self.requests: RequestFlow = RequestFlow(self, services)
        self.wishes: WishFlow = WishFlow(self, services, self.requests)
        self.admin_flow: AdminFlow = AdminFlow(self, services)
        # The red button opens instantly from the first tap: its page is made once idle.
        QTimer.singleShot(WARM_UP_MS, self.emergency, self.emergency.warm_up)
        # What an admin changed on this kiosk's screen (stored locally) wins over the file.
        self.apply_settings(apply_overrides(self.settings, services.local_settings.overrides()))
        self._connect_signals()
        self.home_status.sweep()
        self.refresh_status()
        if not services.admin.has_pin():
            self.show_page(self.set_admin_pin)
        self.services_attached.emit()

    def _connect_signals(self) -> None:
        self.top_bar.home_clicked.connect(self._on_home)
        self.top_bar.language_clicked.connect(self._on_language_clicked)
        self.top_bar.large_type_toggled.connect(self._on_large_type_toggled)
        self.top_bar.admin_gesture.connect(self._on_admin_gesture)
        self.home.service_chosen.connect(self.services_flow.open)
        self.home.check_in_requested.connect(self.clocking.open)
        self.home.queue_requested.connect(self.requests.open_queue)
        self.reports.closed.connect(self._on_logs_closed)
        self.scanner.scanned.connect(self.scan_router.route)
        self.scanner.rejected.connect(self.scan_router.reject)
        self.idle.idle.connect(self._on_idle)

    # --- pages built on first use --------------------------------------------------------------

    def adopt_page(self, page: QWidget) -> None:
        self.stack.addWidget(page)

    @lazy_page
    def admin(self) -> AdminPage:
        """The admin console: built at the first login (its tabs are ~200 widgets that every
        page switch would otherwise walk)."""
        from kiosk.features.admin.ui.console import AdminPage

        assert self._services is not None, "the admin page needs the services"
        page = AdminPage(self._services, self.language, self.theme)
        page.back_requested.connect(self._on_admin_logout)
        page.exit_requested.connect(self._on_exit_requested)
        page.sync_requested.connect(self._on_admin_sync)
        page.charging_sessions.session_closed.connect(self._on_charging_closed)
        page.lending_panel.changed.connect(self.data_changed)
        page.catalogue_panel.changed.connect(self.data_changed)
        page.catalogue_panel.changed.connect(self.refresh_status)  # redraw home's tiles
        page.logs_requested.connect(self._on_logs_requested)
        page.help_desk.answer_requested.connect(self.wishes.open_answer)
        page.help_desk.changed.connect(self.data_changed)
        page.help_desk.changed.connect(self.requests.refresh)
        page.dashboard_requested.connect(self.reports.open_dashboard)
        self.emergency.connect_admin(page.safety)
        self.admin_flow.connect_admin(page)
        if (status := self.home_status.last_sync) is not None:
            page.set_sync(status)
        return page

    @lazy_page
    def logs(self) -> LogsPage:
        """The log review, built when an admin first opens it."""
        assert self._services is not None, "the log review needs the services"
        page = _logs_page(self._services, self.language, self.theme)
        page.back_requested.connect(self._on_logs_closed)
        return page

    @lazy_page
    def result(self) -> ResultPage:
        from kiosk.platform.ui.pages.result import ResultPage

        page = ResultPage(self.language, self.theme, self.settings.result_timeout_s)
        page.finished.connect(self._on_home)
        page.cancel_requested.connect(self.clocking.cancel_check_in)
        page.check_out_requested.connect(self.clocking.check_out_now)
        return page

    @lazy_page
    def set_admin_pin(self) -> SetAdminPinPage:
        from kiosk.platform.ui.pages.entry import SetAdminPinPage

        page = SetAdminPinPage(self.language, self.theme)
        page.pin_chosen.connect(self._on_admin_pin_chosen)
        page.back_requested.connect(self._on_home)
        return page

    @lazy_page
    def admin_login(self) -> AdminLoginPage:
        from kiosk.platform.ui.pages.entry import AdminLoginPage

        page = AdminLoginPage(self.language, self.theme)
        page.submitted.connect(self._on_admin_pin_entered)
        page.back_requested.connect(self._on_home)
        return page

    @property
    def detail(self) -> ServiceDetailPage:
        return self.services_flow.detail

    @property
    def check_in(self) -> CheckInPage:
        return self.clocking.check_in

    @property
    def phone(self) -> PhonePage:
        return self.clocking.phone

    @property
    def pin(self) -> PinPage:
        return self.clocking.pin

    def build_all_pages(self) -> None:
        """Build every page now (screenshots, and tests that visit them all); a running kiosk
        builds each on first use."""
        build_all(self)
        if self._services is not None:
            for flow in (
                self.services_flow,
                self.clocking,
                self.charging,
                self.lending,
                self.medicine,
                self.emergency,
                self.requests,
                self.wishes,
                self.admin_flow,
            ):
                build_all(flow)

    # --- navigation -------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        found = [self.stack.widget(i) for i in range(self.stack.count())]
        return [page for page in found if isinstance(page, Page)]

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_page(self, page: QWidget) -> None:
        if isinstance(page, Page):
            self._visited.add(page)
        self.stack.setCurrentWidget(page)
        if self._services is not None:  # admin screens log out after their own idle time
            admin = self.admin_flow.account is not None and self.admin_flow.is_admin_page(page)
            settings = self._services.settings
            self.idle.set_timeout(
                settings.admin_idle_timeout_s if admin else settings.idle_timeout_s
            )

    def has_services(self) -> bool:
        """True once the database is open (`attach_services`)."""
        return self._services is not None

    def go_home(self, everything: bool = False) -> None:
        """Home with every form cleared and nothing personal left on any page.

        Only pages shown since the last reset can hold anything, so only those are cleared
        (a tap on Home stays within one frame); `everything` clears all of them.
        """
        if self._services is not None:
            self.clocking.forget()
        if self._services is not None and self.admin_flow.account is not None:
            self.admin_flow.log_out("home")
        for page in self.pages() if everything else list(self._visited):
            page.reset()
        self._visited.clear()
        self.show_page(self.home)

    def show_outcome(self, outcome: Outcome) -> None:
        if self._services is not None:
            self.clocking.clear_entry()
        admin_login = MainWindow.admin_login.built(self)
        if admin_login is not None:
            admin_login.reset()
        self.result.show_outcome(outcome)
        self.show_page(self.result)
        self.refresh_status()

    def show_error(self, error: KioskError) -> None:
        self.show_outcome(outcomes.error(error))

    def show_unexpected_error(self) -> None:
        """The calm screen for a fault of ours (logged by the caller)."""
        if self._services is None:
            return
        self.show_outcome(outcomes.UNEXPECTED)

    def refresh_status(self) -> None:
        """Home and the status strip read afresh (every 20 s, and after what changes them)."""
        self.home_status.refresh()

    @Slot()
    def on_config_changed(self) -> None:
        """A pull brought configuration from the hub (badge keys, roster): apply it."""
        self.home_status.config_changed()

    def show_season(self, season: str | None) -> None:
        """Show the home screen as in `season` until called with None (screenshots)."""
        self.home_status.show_season(season)

    @Slot(object)
    def on_sync_status(self, status: SyncStatus) -> None:
        """The sync worker reported (queued from its thread): show it on the strip and admin."""
        self.home_status.sync_status(status)

    # --- kiosk mode -------------------------------------------------------------------------

    def allow_close(self) -> None:
        self._close_allowed = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_allowed:
            log.info("close refused: kiosk mode (use the admin screen)")
            event.ignore()
            return
        if self._services is not None:
            if (logs := MainWindow.logs.built(self)) is not None:
                logs.wait_for_export()  # no pool thread outlives the window
            self.reports.wait_for_jobs()
            self.admin_flow.wait_for_enrolment()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    # --- handlers ---------------------------------------------------------------------------

    @Slot()
    def _on_home(self) -> None:
        self.go_home()

    @Slot()
    def _on_idle(self) -> None:
        log.info("idle: back home, forms cleared")
        if self._services is not None and self.admin_flow.account is not None:
            self.admin_flow.log_out("idle")
        self.go_home(everything=True)
        # The next person starts in the station's default language and type size.
        if self.language.language != self.settings.language:
            self.language.set_language(self.settings.language)
        if self.top_bar.large_type_button.isChecked() != self.settings.large_type:
            self.top_bar.large_type_button.setChecked(self.settings.large_type)
        self.refresh_status()

    @Slot()
    def _on_language_clicked(self) -> None:
        self.language.toggle()

    @Slot(bool)
    def _on_large_type_toggled(self, checked: bool) -> None:
        self.theme.large_type = checked
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet(self.theme.stylesheet())
        self.top_bar.refresh_icons()
        for page in self.pages():
            page.theme_changed()

    @Slot()
    def _on_admin_gesture(self) -> None:
        assert self._services is not None
        self.go_home()
        if self._services.admin.has_pin():
            self.show_page(self.admin_login)
        else:
            self.show_page(self.set_admin_pin)

    @Slot(str)
    def _on_admin_pin_entered(self, pin: str) -> None:
        assert self._services is not None
        try:
            self.admin_flow.log_in(pin)
        except KioskError as exc:
            self.admin_login.keypad.clear()
            self.admin_login.show_error(exc)
            self.data_changed.emit()  # the failed login is an audit event
            return
        self.admin_login.reset()
        self.data_changed.emit()

    @Slot()
    def _on_admin_logout(self) -> None:
        self.admin_flow.log_out("button")
        self.go_home()

    @Slot()
    def _on_admin_sync(self) -> None:
        self.admin_flow.audit(Action.SYNC_NOW)
        self.sync_requested.emit()

    @Slot()
    def _on_charging_closed(self) -> None:
        self.data_changed.emit()  # audited by the close itself (same transaction)

    def apply_settings(self, settings: Settings) -> None:
        """Settings changed on the admin screen (or read at start): apply them now."""
        old, self.settings = self.settings, settings
        if (old.station_name_zh, old.station_name_en) != (
            settings.station_name_zh,
            settings.station_name_en,
        ):
            self.top_bar.set_station(settings.station_name_zh, settings.station_name_en)
            self.status_strip.set_station(settings.station_name_zh, settings.station_name_en)
        if settings.language != old.language and settings.language != self.language.language:
            self.language.set_language(settings.language)
        if settings.large_type != old.large_type:
            self.top_bar.large_type_button.setChecked(settings.large_type)

    @Slot()
    def _on_logs_requested(self) -> None:
        self.logs.open()
        self.show_page(self.logs)

    @Slot()
    def _on_logs_closed(self) -> None:
        self.logs.reset()
        self.admin.refresh()
        self.show_page(self.admin)

    @Slot(str, str)
    def _on_admin_pin_chosen(self, pin: str, confirm: str) -> None:
        assert self._services is not None
        try:
            self._services.admin.set_first_pin(pin, confirm)
        except KioskError as exc:
            self.set_admin_pin.reset()
            self.set_admin_pin.show_error(exc)
            return
        self.show_outcome(
            Outcome(outcomes.Tone.SUCCESS, "check", "管理员密码已设置", "The admin PIN is set")
        )

    @Slot()
    def _on_exit_requested(self) -> None:
        log.info("exit requested from the admin screen")
        self.admin_flow.audit(Action.KIOSK_LEFT)
        self.admin_flow.log_out("exit")
        self.allow_close()
        self.close()  # the last window: QApplication.exec() returns
