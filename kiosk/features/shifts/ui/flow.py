"""Volunteers clocking in and out: the check-in page, phone + PIN on the keypad, the camera, a
badge scan, and the result page's cancel and check-out buttons.

Like the charging flow, it builds its pages into the window's stack on first use, calls the
shift service, and shows every result through its navigator.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Slot

from kiosk.core.errors import ValidationError
from kiosk.core.text import clean_phone, mask_phone
from kiosk.features.shifts.domain import Method, ScanAction
from kiosk.features.shifts.ui import outcomes as clocking
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from kiosk.core.results import ClockResult
    from kiosk.features.shifts.service.shifts import ShiftService
    from kiosk.features.shifts.ui.checkin import CheckInPage
    from kiosk.platform.ui.camera import CameraPage
    from kiosk.platform.ui.navigator import Navigator
    from kiosk.platform.ui.pages.entry import PhonePage, PinPage


class ClockingServices(Protocol):
    """What the clocking flow needs of the kiosk's services."""

    shifts: ShiftService


log = logging.getLogger(__name__)


class ClockingFlow(Flow):
    """Owns the clocking pages (built on first use) and handles their signals."""

    def __init__(self, navigator: Navigator, services: ClockingServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._phone = ""
        self._method = Method.BADGE  # how the last clock happened: a check-out now uses it too

    @lazy_page
    def check_in(self) -> CheckInPage:
        from kiosk.features.shifts.ui.checkin import CheckInPage

        page = CheckInPage(self._nav.language, self._nav.theme, self._nav.has_camera)
        page.phone_requested.connect(self.ask_phone)
        page.camera_requested.connect(self._on_camera_requested)
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

    def before_outcome(self) -> None:
        self.clear_entry()

    def handles_scan(self, text: str) -> bool:
        """The last claimant: a scan nobody else took is a volunteer's badge."""
        self.scan_badge(text)
        return True

    def clear_entry(self) -> None:
        """A result is shown: the phone number and both keypads are cleared (built ones)."""
        self._phone = ""
        for page in (ClockingFlow.phone.built(self), ClockingFlow.pin.built(self)):
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
        self._nav.show_outcome(clocking.describe(result, self._services.shifts.local_time))

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
