"""Volunteers clocking in and out: the check-in page, phone + PIN on the keypad, the camera, a
badge scan, and the result page's cancel and check-out buttons.

Like the charging flow, it builds its pages into the window's stack on first use, calls the
shift service, and shows every result through its navigator.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Slot

from kiosk.core.errors import KioskError, ValidationError
from kiosk.core.text import clean_phone, mask_phone
from kiosk.features.shifts.domain import Method, ScanAction
from kiosk.features.shifts.ui import outcomes as clocking
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.outcomes import error as error_outcome

if TYPE_CHECKING:
    from kiosk.core.clock import Clock
    from kiosk.core.results import ClockResult
    from kiosk.features.admin.service.management import ManagementService
    from kiosk.features.admin.ui.console import AdminPage
    from kiosk.features.shifts.service.shifts import ShiftService
    from kiosk.features.shifts.ui.amend import AmendShiftPage
    from kiosk.features.shifts.ui.checkin import CheckInPage
    from kiosk.features.shifts.ui.setup import NewPinPage, SetupCodePage, SetupPhonePage
    from kiosk.features.volunteers.service.roster import RosterService
    from kiosk.platform.ui.camera import CameraPage
    from kiosk.platform.ui.navigator import Navigator
    from kiosk.platform.ui.outcomes import FollowUp
    from kiosk.platform.ui.pages.entry import PhonePage, PinPage

    # What another feature offers after a clocking (a handover to record or to read), or None.
    FollowUpHook = Callable[[ClockResult], FollowUp | None]


class ClockingServices(Protocol):
    """What the clocking flow needs of the kiosk's services."""

    shifts: ShiftService

    @property
    def roster(self) -> RosterService: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def management(self) -> ManagementService: ...


log = logging.getLogger(__name__)


class ClockingFlow(Flow):
    """Owns the clocking pages (built on first use) and handles their signals."""

    def __init__(self, navigator: Navigator, services: ClockingServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._phone = ""
        self._method = Method.BADGE  # how the last clock happened: a check-out now uses it too
        self._follow_ups: list[FollowUpHook] = []
        self._setup: tuple[str, str] = ("", "")  # (phone, setup code) while choosing a PIN

    def add_follow_up(self, hook: FollowUpHook) -> None:
        """Another feature's next step after a clocking, offered on the result screen (the
        first hook that offers one wins; shifts knows no such feature)."""
        self._follow_ups.append(hook)

    @lazy_page
    def check_in(self) -> CheckInPage:
        from kiosk.features.shifts.ui.checkin import CheckInPage

        page = CheckInPage(self._nav.language, self._nav.theme, self._nav.has_camera)
        page.phone_requested.connect(self.ask_phone)
        page.camera_requested.connect(self._on_camera_requested)
        page.setup_requested.connect(self.ask_setup_phone)
        return page

    @lazy_page
    def setup_phone(self) -> SetupPhonePage:
        from kiosk.features.shifts.ui.setup import SetupPhonePage

        page = SetupPhonePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_setup_phone)
        page.back_requested.connect(self.open)
        return page

    @lazy_page
    def setup_code(self) -> SetupCodePage:
        from kiosk.features.shifts.ui.setup import SetupCodePage

        page = SetupCodePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_setup_code)
        page.back_requested.connect(self.ask_setup_phone)
        return page

    @lazy_page
    def new_pin(self) -> NewPinPage:
        from kiosk.features.shifts.ui.setup import NewPinPage

        page = NewPinPage(self._nav.language, self._nav.theme)
        page.pin_chosen.connect(self._on_new_pin)
        page.back_requested.connect(self.ask_setup_phone)
        return page

    @lazy_page
    def phone(self) -> PhonePage:
        from kiosk.platform.ui.pages.entry import PhonePage

        page = PhonePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_phone_entered)
        page.back_requested.connect(self.open)
        return page

    @lazy_page
    def pin(self) -> PinPage:
        from kiosk.platform.ui.pages.entry import PinPage

        page = PinPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_pin_entered)
        page.back_requested.connect(self.ask_phone)
        return page

    @lazy_page
    def camera(self) -> CameraPage:
        from kiosk.platform.ui.camera import CameraPage

        page = CameraPage(self._nav.language, self._nav.theme)
        page.scanned.connect(self._nav.route_scan)
        page.back_requested.connect(self.open)
        return page

    def on_home(self) -> None:
        """Going home: the phone number typed leaves memory (the window resets the pages)."""
        self._phone = ""
        self._setup = ("", "")

    def before_outcome(self) -> None:
        self.clear_entry()

    def handles_scan(self, text: str) -> bool:
        """The last claimant: a scan nobody else took is a volunteer's badge."""
        self.scan_badge(text)
        return True

    def clear_entry(self) -> None:
        """A result is shown: the phone number and both keypads are cleared (built ones)."""
        self._phone = ""
        self._setup = ("", "")
        built = (
            ClockingFlow.phone.built(self),
            ClockingFlow.pin.built(self),
            ClockingFlow.setup_phone.built(self),
            ClockingFlow.setup_code.built(self),
            ClockingFlow.new_pin.built(self),
        )
        for page in built:
            if page is not None:
                page.reset()

    # --- entry ----------------------------------------------------------------------------------

    @Slot()
    def open(self) -> None:
        """The check-in page: scan a badge, or choose phone + PIN or the camera."""
        phone = ClockingFlow.phone.built(self)
        if phone is not None:
            phone.reset()
        self._nav.show_page(self.check_in)

    @Slot()
    def ask_phone(self) -> None:
        self.pin.reset()
        self.phone.reset()
        self._phone = ""
        self._nav.show_page(self.phone)

    @Slot()
    def _on_camera_requested(self) -> None:
        self._nav.show_page(self.camera)

    @Slot(str)
    @reports_errors(on="phone")
    def _on_phone_entered(self, digits: str) -> None:
        self._phone = clean_phone(digits)
        self.pin.reset()
        self.pin.set_phone(mask_phone(self._phone))
        self._nav.show_page(self.pin)

    @Slot(str)
    @reports_errors
    def _on_pin_entered(self, pin: str) -> None:
        try:
            result = self._services.shifts.clock_with_pin(self._phone, pin)
        except ValidationError as exc:  # a wrong PIN: let them try again here
            self.pin.keypad.clear()
            self.pin.show_error(exc)
            return
        self._method = Method.PIN
        self._show_result(result)

    # --- the first PIN, with the centre's setup code ---------------------------------------

    @Slot()
    def ask_setup_phone(self) -> None:
        self._setup = ("", "")
        for page in (self.setup_phone, self.setup_code, self.new_pin):
            page.reset()
        self._nav.show_page(self.setup_phone)

    @Slot(str)
    @reports_errors(on="setup_phone")
    def _on_setup_phone(self, digits: str) -> None:
        self._setup = (clean_phone(digits), "")
        self.setup_code.reset()
        self._nav.show_page(self.setup_code)

    @Slot(str)
    def _on_setup_code(self, code: str) -> None:
        if len(code) != 8:  # a short code: said here, before a PIN is chosen
            short = ValidationError("设置码为 8 位数字", "The setup code is 8 digits")
            self.setup_code.show_error(short)
            return
        self._setup = (self._setup[0], code)
        self.new_pin.reset()
        self._nav.show_page(self.new_pin)

    @Slot(str, str)
    def _on_new_pin(self, pin: str, confirm: str) -> None:
        phone, code = self._setup
        try:
            info = self._services.roster.set_pin_with_code(phone, code, pin, confirm)
        except ValidationError as exc:
            if "设置码" in exc.zh:  # a wrong code: back to it, the reason shown
                self.setup_code.reset()
                self._nav.show_page(self.setup_code)
                self.setup_code.show_error(exc)
            else:  # a PIN that is not 4 to 8 digits, or two that differ: choose again
                self.new_pin.reset()
                self.new_pin.show_error(exc)
            return
        except KioskError as exc:  # unknown, deactivated, used, expired, locked: the reason
            self._setup = ("", "")
            self._nav.show_outcome(error_outcome(exc))
            return
        self._setup = ("", "")
        self._nav.show_outcome(clocking.pin_chosen(info))

    @reports_errors
    def scan_badge(self, text: str) -> None:
        """A scan nobody else claimed: a volunteer's badge, checking in or out."""
        result = self._services.shifts.scan_badge(text)
        self._method = Method.BADGE
        self._show_result(result)

    # --- the result page's buttons (the window connects them) -----------------------------------

    def _show_result(self, result: ClockResult) -> None:
        if result.action is ScanAction.OFFER_CANCEL:
            log.info("short shift: offering cancel for %s", result.shift_id)
        outcome = clocking.describe(result, self._services.shifts.local_time)
        if result.action is ScanAction.CHECK_IN:  # other features' lines (the rota's next shift)
            outcome = clocking.with_notes(outcome, self._nav.check_in_notes(result.volunteer.id))
        for hook in self._follow_ups:  # another feature's next step (a handover)
            offered = hook(result)
            if offered is not None:
                outcome = replace(outcome, follow_up=offered)
                break
        self._nav.show_outcome(outcome)

    @Slot(str)
    @reports_errors
    def cancel_check_in(self, shift_id: str) -> None:
        result = self._services.shifts.cancel_check_in(shift_id)
        self._nav.show_outcome(clocking.cancelled(result, self._services.shifts.local_time))

    @Slot(str)
    @reports_errors
    def check_out_now(self, shift_id: str) -> None:
        result = self._services.shifts.check_out_now(shift_id, self._method)
        self._show_result(result)

    # --- the admin console's hours and flagged shifts ---------------------------------------

    def connect_admin(self, console: Any) -> None:
        """The console was built: add this month's hours and the flagged shifts to it."""
        from kiosk.features.admin.ui.sections import ConsoleSection
        from kiosk.features.shifts.ui.admin import FlaggedPanel, HoursPanel

        page: AdminPage = console
        self.hours = HoursPanel(lambda: page.lang)
        self.flagged = FlaggedPanel(
            lambda: page.lang, self._services.shifts.local_time, self._nav.theme.palette.icon
        )
        self.flagged.approve_requested.connect(self._on_approve)
        self.flagged.amend_requested.connect(self._on_amend_requested)
        page.add_section(
            ConsoleSection(
                key="hours",
                rank=10,
                title=lambda: self.tr("Hours this month"),
                widgets=(self.hours,),
                refresh=self._refresh_hours,
                reset=self.hours.reset,
            )
        )
        page.add_section(
            ConsoleSection(
                key="flagged",
                rank=20,
                title=lambda: self.tr("Flagged shifts"),
                widgets=(self.flagged,),
                permission=None,  # a team leader sees them too; reviewing needs REVIEW_SHIFTS
                refresh=lambda: self.flagged.show_flagged(self._services.shifts.flagged()),
                account_changed=self.flagged.account_changed,
                reset=self.flagged.reset,
            )
        )

    def _refresh_hours(self) -> None:
        shifts = self._services.shifts
        now = shifts.local_time(self._services.clock.now())
        self.hours.show_hours(shifts.monthly_hours(now.year, now.month))

    @lazy_page
    def amend(self) -> AmendShiftPage:
        from kiosk.features.admin.ui.sections import admin_flow
        from kiosk.features.shifts.ui.amend import AmendShiftPage

        page = AmendShiftPage(self._nav.language, self._nav.theme)
        page.amended.connect(self._on_amended)
        page.back_requested.connect(self._nav.show_admin)
        admin_flow(self._nav).behind_login(page)
        return page

    @Slot(str)
    def _on_approve(self, shift_id: str) -> None:
        from kiosk.features.admin.ui.sections import admin_flow

        admin = admin_flow(self._nav)
        console = admin.console
        try:
            self._services.management.approve_shift(admin.require_account(), shift_id)
        except KioskError as exc:
            console.notice.show_message(exc.zh, exc.en, console.lang)
            return
        console.refresh()
        console.notice.show_message("班次已审核通过", "Shift approved", console.lang, "success")

    @Slot(str)
    def _on_amend_requested(self, shift_id: str) -> None:
        shifts = self._services.shifts
        shift = next((s for s in shifts.flagged() if s.shift_id == shift_id), None)
        if shift is None:
            return
        when = (
            shifts.local_time(shift.checked_in_at).strftime("%m-%d %H:%M")
            if shift.checked_in_at
            else ""
        )
        self.amend.ask(shift, when)
        self._nav.show_page(self.amend)

    @Slot(str, int, str)
    @reports_errors(on="amend")
    def _on_amended(self, shift_id: str, minutes: int, reason: str) -> None:
        from kiosk.features.admin.ui.sections import admin_flow

        admin = admin_flow(self._nav)
        self._services.management.amend_shift(admin.require_account(), shift_id, minutes, reason)
        admin.back_to_admin()
        console = admin.console
        console.notice.show_message("班次已更正", "Shift corrected", console.lang, "success")
