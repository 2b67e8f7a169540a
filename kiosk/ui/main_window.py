"""The kiosk's one window: top bar, a stack of pages, the status strip, and the flows between them.

Start-up is in two steps so the home screen paints before the database opens: the window is
built with the catalogue only, and `attach_services()` adds the pages that need services.
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

from kiosk.domain.admin import Action
from kiosk.domain.charging import SERVICE_ID as CHARGING_SERVICE_ID
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.domain.medicine import SERVICE_ID as MEDICINE_SERVICE_ID
from kiosk.domain.requests import (
    HELP_SERVICE_ID,
    LOST_SERVICE_ID,
    REQUESTS_SERVICE_ID,
    WISHES_SERVICE_ID,
)
from kiosk.domain.seasons import season_for, seasonal_order
from kiosk.domain.shifts import Method, ScanAction
from kiosk.domain.text import clean_phone, mask_phone
from kiosk.services.catalogue import ServiceItem
from kiosk.settings import Settings
from kiosk.ui import outcomes
from kiosk.ui.i18n import LanguageSwitch
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.outcomes import Outcome
from kiosk.ui.pages.base import Page
from kiosk.ui.pages.home import HomePage
from kiosk.ui.pages.lazy import build_all, lazy_page
from kiosk.ui.scanner import ScannerFilter, ScanProblem
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.emergency_banner import EmergencyBanner
from kiosk.ui.widgets.statusbar import StatusStrip
from kiosk.ui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from kiosk.services.context import KioskServices
    from kiosk.services.results import ClockResult
    from kiosk.sync.engine import SyncStatus
    from kiosk.ui.camera import CameraPage
    from kiosk.ui.pages.admin import AdminPage
    from kiosk.ui.pages.admin_flow import AdminFlow
    from kiosk.ui.pages.charging_flow import ChargingFlow
    from kiosk.ui.pages.checkin import CheckInPage
    from kiosk.ui.pages.emergency_flow import EmergencyFlow
    from kiosk.ui.pages.entry import AdminLoginPage, PhonePage, PinPage, SetAdminPinPage
    from kiosk.ui.pages.lending_flow import LendingFlow
    from kiosk.ui.pages.logs import LogsPage
    from kiosk.ui.pages.medicine_flow import MedicineFlow
    from kiosk.ui.pages.reports_flow import ReportsFlow
    from kiosk.ui.pages.request_flow import RequestFlow
    from kiosk.ui.pages.result import ResultPage
    from kiosk.ui.pages.service_detail import ServiceDetailPage
    from kiosk.ui.pages.wish_flow import WishFlow

log = logging.getLogger(__name__)

STATUS_REFRESH_MS = 20_000
WARM_UP_MS = 1_500  # after start-up is done and measured, before anyone can reach the kiosk
SWEEP_MS = 10 * 60_000  # shifts left open past the maximum are closed within ten minutes

_SCAN_PROBLEMS = {
    ScanProblem.TOO_LONG.value: ValidationError(
        "二维码内容过长，不是志愿者工牌", "That code is far too long to be a volunteer badge"
    ),
    ScanProblem.GARBAGE.value: ValidationError(
        "扫描内容含有无法识别的字符，请重新扫描工牌",
        "The scan contained unreadable characters; please scan the badge again",
    ),
}


def _logs_page(services: KioskServices, language: LanguageSwitch, theme: Theme) -> LogsPage:
    from kiosk.services.exports import build_log_services
    from kiosk.ui.pages.logs import LogsPage

    return LogsPage(*build_log_services(services), language, theme)


def has_camera_default() -> bool:
    from kiosk.ui.camera import has_camera

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
        self._catalogue = {item.id: item for item in catalogue}
        self._now = now
        self._has_camera = has_camera
        self._services: KioskServices | None = None
        self._close_allowed = not settings.kiosk_mode
        self._painted = False
        self._phone = ""
        self._method = Method.BADGE
        self._visited: set[Page] = set()  # pages shown since the last reset: the ones to clear
        self._last_pending = 0

        self.top_bar = TopBar(settings.station_name_zh, settings.station_name_en, language, theme)
        self.status_strip = StatusStrip(
            settings.station_name_zh, settings.station_name_en, language
        )
        self.stack = QStackedWidget()
        self._forced_season: tuple[str] | None = None
        self._season = season_for(now().date(), settings.season)
        self.home = HomePage(
            seasonal_order(catalogue, self._season), language, theme, season=self._season
        )
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
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._sweep_timer = QTimer(self)
        self._sweep_timer.setInterval(SWEEP_MS)
        self.scanner.watch(self)
        self.status_strip.set_time(now())
        self.camera_page: CameraPage | None = None

    # --- second start-up step ---------------------------------------------------------------

    def attach_services(self, services: KioskServices) -> None:
        """Build the pages that need the database, wire everything, fill the board."""
        from kiosk.services.local_settings import apply_overrides
        from kiosk.ui.pages.admin import AdminPage
        from kiosk.ui.pages.admin_flow import AdminFlow
        from kiosk.ui.pages.charging_flow import ChargingFlow
        from kiosk.ui.pages.emergency_flow import EmergencyFlow
        from kiosk.ui.pages.lending_flow import LendingFlow
        from kiosk.ui.pages.medicine_flow import MedicineFlow
        from kiosk.ui.pages.reports_flow import ReportsFlow
        from kiosk.ui.pages.request_flow import RequestFlow
        from kiosk.ui.pages.wish_flow import WishFlow

        self._services = services
        self._now = lambda: services.shifts.local_time(services.clock.now())
        self._apply_catalogue(services.catalogue)
        lang, theme = self.language, self.theme
        self.admin: AdminPage = AdminPage(services, lang, theme)
        self.logs: LogsPage = _logs_page(services, lang, theme)
        self.stack.addWidget(self.logs)
        self.stack.addWidget(self.admin)
        self.charging: ChargingFlow = ChargingFlow(self, services)
        self.reports: ReportsFlow = ReportsFlow(self, services)
        self.lending: LendingFlow = LendingFlow(self, services)
        self.medicine: MedicineFlow = MedicineFlow(self, services)
        self.emergency: EmergencyFlow = EmergencyFlow(self, services, self.emergency_banner)
        self.emergency.connect_admin(self.admin.safety)
        self.requests: RequestFlow = RequestFlow(self, services)
        self.wishes: WishFlow = WishFlow(self, services, self.requests)
        self.admin_flow: AdminFlow = AdminFlow(self, services)
        # The red button opens instantly from the first tap: its page is made once idle.
        QTimer.singleShot(WARM_UP_MS, self.emergency, self.emergency.warm_up)
        # What an admin changed on this kiosk's screen (stored locally) wins over the file.
        self.apply_settings(apply_overrides(self.settings, services.local_settings.overrides()))
        self._connect_signals()
        self._status_timer.start()
        self._sweep_timer.start()
        self._on_sweep_due()
        self.refresh_status()
        if not services.admin.has_pin():
            self.show_page(self.set_admin_pin)
        self.services_attached.emit()

    def _connect_signals(self) -> None:
        self.top_bar.home_clicked.connect(self._on_home)
        self.top_bar.language_clicked.connect(self._on_language_clicked)
        self.top_bar.large_type_toggled.connect(self._on_large_type_toggled)
        self.top_bar.admin_gesture.connect(self._on_admin_gesture)
        self.home.service_chosen.connect(self._on_service_chosen)
        self.home.check_in_requested.connect(self._on_check_in_requested)
        self.home.queue_requested.connect(self.requests.open_queue)
        self.admin.back_requested.connect(self._on_admin_logout)
        self.admin.exit_requested.connect(self._on_exit_requested)
        self.admin.sync_requested.connect(self._on_admin_sync)
        self.admin.charging_sessions.session_closed.connect(self._on_charging_closed)
        self.admin.lending_panel.changed.connect(self.data_changed)
        self.admin.catalogue_panel.changed.connect(self.data_changed)
        self.admin.catalogue_panel.changed.connect(self.refresh_status)  # redraw home's tiles
        self.admin.logs_requested.connect(self._on_logs_requested)
        self.admin.help_desk.answer_requested.connect(self.wishes.open_answer)
        self.admin.help_desk.changed.connect(self.data_changed)
        self.admin.help_desk.changed.connect(self.requests.refresh)
        self.logs.back_requested.connect(self._on_logs_closed)
        self.admin.dashboard_requested.connect(self.reports.open_dashboard)
        self.reports.closed.connect(self._on_logs_closed)
        self.scanner.scanned.connect(self._on_scanned)
        self.scanner.rejected.connect(self._on_scan_rejected)
        self.idle.idle.connect(self._on_idle)
        self._status_timer.timeout.connect(self.refresh_status)
        self._sweep_timer.timeout.connect(self._on_sweep_due)

    # --- pages built on first use --------------------------------------------------------------

    def adopt_page(self, page: QWidget) -> None:
        self.stack.addWidget(page)

    @lazy_page
    def detail(self) -> ServiceDetailPage:
        from kiosk.ui.pages.service_detail import ServiceDetailPage

        page = ServiceDetailPage(self.language, self.theme)
        page.back_requested.connect(self._on_home)
        page.use_tapped.connect(self._on_use_tapped)
        return page

    @lazy_page
    def check_in(self) -> CheckInPage:
        from kiosk.ui.pages.checkin import CheckInPage

        page = CheckInPage(self.language, self.theme, self._has_camera)
        page.phone_requested.connect(self._on_phone_requested)
        page.camera_requested.connect(self._on_camera_requested)
        return page

    @lazy_page
    def phone(self) -> PhonePage:
        from kiosk.ui.pages.entry import PhonePage

        page = PhonePage(self.language, self.theme)
        page.submitted.connect(self._on_phone_entered)
        page.back_requested.connect(self._on_check_in_requested)
        return page

    @lazy_page
    def pin(self) -> PinPage:
        from kiosk.ui.pages.entry import PinPage

        page = PinPage(self.language, self.theme)
        page.submitted.connect(self._on_pin_entered)
        page.back_requested.connect(self._on_phone_requested)
        return page

    @lazy_page
    def result(self) -> ResultPage:
        from kiosk.ui.pages.result import ResultPage

        page = ResultPage(self.language, self.theme, self.settings.result_timeout_s)
        page.finished.connect(self._on_home)
        page.cancel_requested.connect(self._on_cancel_requested)
        page.check_out_requested.connect(self._on_check_out_requested)
        return page

    @lazy_page
    def set_admin_pin(self) -> SetAdminPinPage:
        from kiosk.ui.pages.entry import SetAdminPinPage

        page = SetAdminPinPage(self.language, self.theme)
        page.pin_chosen.connect(self._on_admin_pin_chosen)
        page.back_requested.connect(self._on_home)
        return page

    @lazy_page
    def admin_login(self) -> AdminLoginPage:
        from kiosk.ui.pages.entry import AdminLoginPage

        page = AdminLoginPage(self.language, self.theme)
        page.submitted.connect(self._on_admin_pin_entered)
        page.back_requested.connect(self._on_home)
        return page

    def build_all_pages(self) -> None:
        """Build every page now (screenshots, and tests that visit them all); a running kiosk
        builds each on first use."""
        build_all(self)
        if self._services is not None:
            for flow in (
                self.charging,
                self.lending,
                self.medicine,
                self.emergency,
                self.requests,
                self.wishes,
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

    def go_home(self, everything: bool = False) -> None:
        """Home with every form cleared and nothing personal left on any page.

        Only pages shown since the last reset can hold anything, so only those are cleared
        (a tap on Home stays within one frame); `everything` clears all of them.
        """
        self._phone = ""
        if self._services is not None and self.admin_flow.account is not None:
            self.admin_flow.log_out("home")
        for page in self.pages() if everything else list(self._visited):
            page.reset()
        self._visited.clear()
        self.show_page(self.home)

    def show_outcome(self, outcome: Outcome) -> None:
        for lazy in (MainWindow.phone, MainWindow.pin, MainWindow.admin_login):
            page = lazy.built(self)
            if page is not None:
                page.reset()
        self._phone = ""
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
        self.status_strip.set_time(self._now())
        services = self._services
        if services is None:
            return
        services.refresh_catalogue()  # local edits, maybe from the station's other kiosks
        self._apply_catalogue(services.catalogue)  # and the season may have turned
        board = services.shifts.on_duty()
        local = services.shifts.local_time
        rows = [
            (d.volunteer.name, d.volunteer.number, local(d.checked_in_at).strftime("%H:%M"))
            for d in board
        ]
        self.home.set_on_duty(rows)
        self.home.set_served(services.uses.served_today())
        self.home.set_overdue_charging(services.charging.overdue_count())
        self.home.set_tile_notes(services.lending.tile_notes())
        self.home.set_alerts(services.medicine.alerts())
        self.emergency.refresh()
        self.requests.refresh()
        pending = services.pending_count()
        self.status_strip.set_counts(len(board), pending)
        self.status_strip.set_storage_full(services.storage_full())
        if pending > self._last_pending:
            self.data_changed.emit()
        self._last_pending = pending

    @Slot()
    def _on_sweep_due(self) -> None:
        """Close shifts forgotten open (a volunteer who left without checking out)."""
        if self._services is not None and self._services.shifts.sweep():
            self.refresh_status()

    @Slot()
    def on_config_changed(self) -> None:
        """A pull brought configuration from the hub (badge keys, roster): apply it."""
        if self._services is not None:
            if self._services.refresh_config():
                self._apply_catalogue(self._services.catalogue)
            self.medicine.apply_items()
            self.refresh_status()

    def _apply_catalogue(self, catalogue: list[ServiceItem]) -> None:
        """Show this catalogue's tiles (the hub's published one replaces the bundled one), the
        services of the seasonal preset in season first and highlighted."""
        season: str | None = season_for(self._now().date(), self.settings.season)
        if self._forced_season is not None:
            season = self._forced_season[0]
        if catalogue == list(self._catalogue.values()) and season == self._season:
            return
        self._catalogue = {item.id: item for item in catalogue}
        self._season = season
        self.home.set_catalogue(seasonal_order(catalogue, season), season)

    def show_season(self, season: str | None) -> None:
        """Show the home screen as in `season` until called with None (screenshots); the date
        and the `season` setting decide otherwise."""
        self._forced_season = (season,) if season is not None else None
        self._season = season
        self.home.set_catalogue(seasonal_order(list(self._catalogue.values()), season), season)
        self._apply_catalogue(list(self._catalogue.values()))

    @Slot(object)
    def on_sync_status(self, status: SyncStatus) -> None:
        """The sync worker reported (queued from its thread): show it on the strip and admin."""
        local = self._services.shifts.local_time if self._services else None
        self.status_strip.set_sync(status, local)
        self._last_pending = status.pending
        if self._services is not None:
            self.admin.set_sync(status)
            self.emergency.refresh()  # an alert from another kiosk may have arrived
            self.requests.refresh()  # requests from other kiosks and phones arrive by sync

    # --- kiosk mode -------------------------------------------------------------------------

    def allow_close(self) -> None:
        self._close_allowed = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_allowed:
            log.info("close refused: kiosk mode (use the admin screen)")
            event.ignore()
            return
        if self._services is not None:
            self.logs.wait_for_export()  # no pool thread outlives the window
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
    def _on_service_chosen(self, service_id: str) -> None:
        item = self._catalogue.get(service_id)
        if service_id == CHARGING_SERVICE_ID and self._services is not None:
            self.charging.open()
        elif self._services is not None and self.lending.lends(service_id):
            self.lending.open(service_id)
        elif service_id == MEDICINE_SERVICE_ID and self._services is not None:
            self.medicine.open()
        elif service_id in (HELP_SERVICE_ID, REQUESTS_SERVICE_ID) and self._services is not None:
            self.requests.open(service_id=service_id)
        elif service_id == LOST_SERVICE_ID and self._services is not None:
            self.requests.open("lost", service_id=service_id)
        elif service_id == WISHES_SERVICE_ID and self._services is not None:
            self.wishes.open()
        elif item is not None and self._services is not None:
            self.detail.show_item(item, self._services.service_link(item))
            self.show_page(self.detail)

    @Slot(str, str, int)
    def _on_use_tapped(self, service_id: str, audience: str, count: int) -> None:
        """A tap on an audience or on "used": count the people served, thank them."""
        assert self._services is not None
        self.idle.poke()
        try:
            recorded = self._services.uses.record(service_id, audience, count)
        except KioskError as exc:
            self.detail.show_error(exc)
            return
        self.detail.show_thanks(recorded.count)
        self.home.set_served(recorded.served_today)
        self.data_changed.emit()

    @Slot()
    def _on_check_in_requested(self) -> None:
        self.phone.reset()
        self.show_page(self.check_in)

    @Slot()
    def _on_phone_requested(self) -> None:
        self.pin.reset()
        self.phone.reset()
        self._phone = ""
        self.show_page(self.phone)

    @Slot()
    def _on_camera_requested(self) -> None:
        if self.camera_page is None:
            from kiosk.ui.camera import CameraPage

            self.camera_page = CameraPage(self.language, self.theme)
            self.camera_page.scanned.connect(self._on_scanned)
            self.camera_page.back_requested.connect(self._on_check_in_requested)
            self.stack.addWidget(self.camera_page)
        self.show_page(self.camera_page)

    @Slot(str)
    def _on_phone_entered(self, digits: str) -> None:
        try:
            self._phone = clean_phone(digits)
        except KioskError as exc:
            self.phone.show_error(exc)
            return
        self.pin.reset()
        self.pin.set_phone(mask_phone(self._phone))
        self.show_page(self.pin)

    @Slot(str)
    def _on_pin_entered(self, pin: str) -> None:
        assert self._services is not None
        try:
            result = self._services.shifts.clock_with_pin(self._phone, pin)
        except ValidationError as exc:  # a wrong PIN: let them try again here
            self.pin.keypad.clear()
            self.pin.show_error(exc)
            return
        except KioskError as exc:  # locked, unknown phone, deactivated
            self.show_error(exc)
            return
        self._method = Method.PIN
        self._show_clock_result(result)

    @Slot(str)
    def _on_scanned(self, text: str) -> None:
        if self._services is None:
            return
        self.idle.poke()
        if self.charging.handles_scan(text):  # a pickup-code QR (SKC1.…), not a badge
            return
        if self.lending.handles_scan(text):  # a volunteer's badge approving a loan
            return
        if self.medicine.handles_scan(text):  # a badge naming who gives out medicine
            return
        if self.emergency.handles_scan(text):  # a badge naming who attends an emergency
            return
        if self.requests.handles_scan(text):  # a ticket QR, or a badge accepting a request
            return
        try:
            result = self._services.shifts.scan_badge(text)
        except KioskError as exc:
            self.show_error(exc)
            return
        self._method = Method.BADGE
        self._show_clock_result(result)

    @Slot(str)
    def _on_scan_rejected(self, problem: str) -> None:
        if self._services is None:
            return
        self.show_error(_SCAN_PROBLEMS[problem])

    def _show_clock_result(self, result: ClockResult) -> None:
        assert self._services is not None
        local = self._services.shifts.local_time
        if result.action is ScanAction.OFFER_CANCEL:
            log.info("short shift: offering cancel for %s", result.shift_id)
        self.show_outcome(outcomes.describe(result, local))

    @Slot(str)
    def _on_cancel_requested(self, shift_id: str) -> None:
        assert self._services is not None
        try:
            result = self._services.shifts.cancel_check_in(shift_id)
        except KioskError as exc:
            self.show_error(exc)
            return
        self.show_outcome(outcomes.cancelled(result, self._services.shifts.local_time))

    @Slot(str)
    def _on_check_out_requested(self, shift_id: str) -> None:
        assert self._services is not None
        try:
            result = self._services.shifts.check_out_now(shift_id, self._method)
        except KioskError as exc:
            self.show_error(exc)
            return
        self._show_clock_result(result)

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
        self.admin_flow.audit(Action.CHARGING_CLOSED)
        self.data_changed.emit()

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
