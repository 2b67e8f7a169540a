"""The admin session: the hidden gesture, the PIN login (or choosing the first PIN), the console,
the log review, logging out, and the audit of what an admin does from the console.

The window knows none of this: it wires the top bar's gesture here (`KIOSK_UI.wires`), asks
`idle_timeout_s` for the admin's idle time, and other flows reach the console through the
navigator (`show_admin`, `refresh_admin`) or hook into it when it is built (`connect_admin`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from kiosk.core.errors import KioskError, ValidationError
from kiosk.features.admin.domain import FIRST_ACCOUNT_ID, Action, AdminAccount
from kiosk.platform.ui import outcomes
from kiosk.platform.ui.lazy import built_pages, lazy_page
from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.outcomes import Outcome

if TYPE_CHECKING:
    from kiosk.features.admin.ui.console import AdminPage
    from kiosk.features.admin.ui.leader import (
        LeaderAdminPinPage,
        LeaderPhonePage,
        LeaderVolunteerPinPage,
    )
    from kiosk.features.admin.ui.logs import LogsPage
    from kiosk.features.admin.ui.services import AdminServices
    from kiosk.platform.sync.engine import SyncStatus
    from kiosk.platform.ui.navigator import Navigator
    from kiosk.platform.ui.pages.entry import AdminLoginPage, SetAdminPinPage

log = logging.getLogger(__name__)


class AdminSession(Flow):
    """Who is logged in, and the pages of the session (each built on first use)."""

    def __init__(self, navigator: Navigator, services: AdminServices) -> None:
        super().__init__(navigator)
        self._services = services
        self.account: AdminAccount | None = None
        self._last_sync: SyncStatus | None = None  # for a console built later
        self._guest_pages: list[QWidget] = []  # other features' pages behind the login
        self._leader: dict[str, str] = {}  # phone and volunteer PIN, while a leader sets up

    # --- pages --------------------------------------------------------------------------------

    @lazy_page
    def console(self) -> AdminPage:
        """The admin console: built at the first login (its tabs are ~200 widgets that every
        page switch would otherwise walk)."""
        from kiosk.features.admin.ui.console import AdminPage

        nav = self._nav
        page = AdminPage(self._services, nav.language, nav.theme)
        page.back_requested.connect(self._on_logout)
        page.exit_requested.connect(self._on_exit_requested)
        page.sync_requested.connect(self._on_sync_requested)
        page.logs_requested.connect(self._on_logs_requested)
        self.connect_console(page)
        if self._last_sync is not None:
            page.set_sync(self._last_sync)
        nav.admin_console_built(page)  # other features hook into their sections
        return page

    @lazy_page
    def logs(self) -> LogsPage:
        """The log review, built when an admin first opens it."""
        from kiosk.features.admin.service.exports import build_log_services
        from kiosk.features.admin.ui.logs import LogsPage

        logs, exports = build_log_services(self._services)
        page = LogsPage(logs, exports, self._nav.tasks, self._nav.language, self._nav.theme)
        page.back_requested.connect(self._on_logs_closed)
        return page

    @lazy_page
    def admin_login(self) -> AdminLoginPage:
        from kiosk.platform.ui.pages.entry import AdminLoginPage

        page = AdminLoginPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_pin_entered)
        page.back_requested.connect(self._nav.go_home)
        page.leader_setup_requested.connect(self._on_leader_setup)
        return page

    @lazy_page
    def leader_phone(self) -> LeaderPhonePage:
        from kiosk.features.admin.ui.leader import LeaderPhonePage

        page = LeaderPhonePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_leader_phone)
        page.back_requested.connect(self.open_login)
        return page

    @lazy_page
    def leader_volunteer_pin(self) -> LeaderVolunteerPinPage:
        from kiosk.features.admin.ui.leader import LeaderVolunteerPinPage

        page = LeaderVolunteerPinPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_leader_volunteer_pin)
        page.back_requested.connect(self._on_leader_setup)
        return page

    @lazy_page
    def leader_admin_pin(self) -> LeaderAdminPinPage:
        from kiosk.features.admin.ui.leader import LeaderAdminPinPage

        page = LeaderAdminPinPage(self._nav.language, self._nav.theme)
        page.pin_chosen.connect(self._on_leader_pin_chosen)
        page.back_requested.connect(self._on_leader_setup)
        return page

    @lazy_page
    def set_admin_pin(self) -> SetAdminPinPage:
        from kiosk.platform.ui.pages.entry import SetAdminPinPage

        page = SetAdminPinPage(self._nav.language, self._nav.theme)
        page.pin_chosen.connect(self._on_pin_chosen)
        page.back_requested.connect(self._nav.go_home)
        return page

    def connect_console(self, console: AdminPage) -> None:
        """Wire the console's buttons of the management pages (the subclass's)."""

    # --- hooks the window calls -----------------------------------------------------------------

    def started(self) -> None:
        from kiosk.features.admin.service.settings import apply_overrides

        # What an admin changed on this kiosk's screen (stored locally) wins over the file.
        overrides = self._services.local_settings.overrides()
        fitting = apply_overrides(self._services.settings, overrides)  # those that still fit
        self._nav.apply_settings({name: getattr(fitting, name) for name in overrides})
        if not self._services.admin.has_pin():
            self._nav.show_page(self.set_admin_pin)

    def on_home(self) -> None:
        self._leader = {}  # a leader's half-typed setup: the volunteer PIN is not kept
        if self.account is not None:
            self.log_out("home")

    def on_idle(self) -> None:
        self._leader = {}
        if self.account is not None:
            self.log_out("idle")

    def before_outcome(self) -> None:
        login = AdminSession.admin_login.built(self)
        if login is not None:
            login.reset()

    def idle_timeout_s(self, page: QWidget) -> int | None:
        """Admin screens log out after their own idle time."""
        if self.account is not None and self.is_admin_page(page):
            return self._services.settings.admin_idle_timeout_s
        return None

    def on_sync_status(self, status: SyncStatus) -> None:
        self._last_sync = status
        if (console := AdminSession.console.built(self)) is not None:
            console.set_sync(status)

    # --- the session ----------------------------------------------------------------------------

    def is_admin_page(self, page: QWidget | None) -> bool:
        """Pages behind the login (the idle timer is the admin one there)."""
        return page is not None and (page in built_pages(self) or page in self._guest_pages)

    def behind_login(self, page: QWidget) -> None:
        """A feature's management page: the admin's idle time applies while it shows."""
        self._guest_pages.append(page)

    def is_console_current(self) -> bool:
        return AdminSession.console.is_current(self)

    def refresh_console(self) -> None:
        if (console := AdminSession.console.built(self)) is not None:
            console.refresh()

    @Slot()
    def open_login(self) -> None:
        """The hidden gesture: the PIN login, or choosing the first PIN."""
        self._nav.go_home()
        if self._services.admin.has_pin():
            self._nav.show_page(self.admin_login)
        else:
            self._nav.show_page(self.set_admin_pin)

    def log_in(self, pin: str) -> AdminAccount:
        """Check the PIN (raises with the message to show) and open the admin screen."""
        account = self._services.admin.login(pin)
        self.account = account
        self._services.admin_actor = account.id  # log review and exports audit as this account
        self.console.set_account(account)
        self.back_to_admin()
        return account

    def log_out(self, reason: str) -> None:
        """Forget the account (audited); the window then goes home."""
        if self.account is None:
            return
        try:
            self._services.admin.logout(self.account, reason)
        except KioskError:
            log.exception("logout audit failed")
        self.account = None
        self._services.admin_actor = FIRST_ACCOUNT_ID  # nobody logged in: as before any login
        self.console.set_account(None)

    def audit(self, action: Action, **after: Any) -> None:
        """Audit an action the window carries out itself (sync now, leaving kiosk mode)."""
        if self.account is not None:
            self._services.admin.record(self.account, action, after=after)

    def require_account(self) -> AdminAccount:
        """Who is logged in, for a management action (raises the message to show if nobody
        is: the admin idle timer logged them out)."""
        if self.account is None:
            raise ValidationError("请重新登录", "Please log in again")
        return self.account

    @Slot()
    def back_to_admin(self) -> None:
        self.console.refresh()
        self._nav.show_page(self.console)

    # --- handlers -------------------------------------------------------------------------------

    @Slot(str)
    def _on_pin_entered(self, pin: str) -> None:
        try:
            self.log_in(pin)
        except KioskError as exc:
            self.admin_login.keypad.clear()
            self.admin_login.show_error(exc)
            return
        self.admin_login.reset()

    @Slot()
    def _on_leader_setup(self) -> None:
        self._leader = {}
        for page in (self.leader_phone, self.leader_volunteer_pin, self.leader_admin_pin):
            page.reset()
        self._nav.show_page(self.leader_phone)

    @Slot(str)
    def _on_leader_phone(self, phone: str) -> None:
        self._leader["phone"] = phone
        self.leader_volunteer_pin.reset()
        self._nav.show_page(self.leader_volunteer_pin)

    @Slot(str)
    def _on_leader_volunteer_pin(self, pin: str) -> None:
        self._leader["pin"] = pin
        self.leader_admin_pin.reset()
        self._nav.show_page(self.leader_admin_pin)

    @Slot(str, str)
    def _on_leader_pin_chosen(self, pin: str, confirm: str) -> None:
        admin = self._services.admin
        try:
            admin.check_leader_pin(pin, confirm)
        except KioskError as exc:  # choose again, the rest stands
            self.leader_admin_pin.reset()
            self.leader_admin_pin.show_error(exc)
            return
        try:
            account = admin.choose_leader_pin(
                self._leader.get("phone", ""), self._leader.get("pin", ""), pin, confirm
            )
        except KioskError as exc:  # who they are did not hold: from the phone again
            self._leader = {}
            self.leader_phone.reset()
            self.leader_phone.show_error(exc)
            self._nav.show_page(self.leader_phone)
            return
        self._leader = {}
        self._nav.show_outcome(
            Outcome(
                outcomes.Tone.SUCCESS,
                "check",
                "管理密码已设置",
                "Your admin PIN is set",
                f"{account.name}，请用新的管理密码登录",
                f"{account.name}, sign in with your new admin PIN",
            )
        )

    @Slot(str, str)
    def _on_pin_chosen(self, pin: str, confirm: str) -> None:
        try:
            self._services.admin.set_first_pin(pin, confirm)
        except KioskError as exc:
            self.set_admin_pin.reset()
            self.set_admin_pin.show_error(exc)
            return
        self._nav.show_outcome(
            Outcome(outcomes.Tone.SUCCESS, "check", "管理员密码已设置", "The admin PIN is set")
        )

    @Slot()
    def _on_logout(self) -> None:
        self.log_out("button")
        self._nav.go_home()

    @Slot()
    def _on_sync_requested(self) -> None:
        self.audit(Action.SYNC_NOW)
        self._nav.sync_now()

    @Slot()
    def _on_logs_requested(self) -> None:
        self.logs.open()
        self._nav.show_page(self.logs)

    @Slot()
    def _on_logs_closed(self) -> None:
        self.logs.reset()
        self.back_to_admin()

    @Slot()
    def _on_exit_requested(self) -> None:
        log.info("exit requested from the admin screen")
        self.audit(Action.KIOSK_LEFT)
        self.log_out("exit")
        self._nav.quit()
