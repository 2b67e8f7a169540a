"""The roll-call flow: a big button on the emergency page and a tool on the admin console open
the roll (everyone checked in, from local data); badge scans and taps tick people; Finish asks
who took the roll (badge or phone + PIN of a volunteer on duty) and records it; Cancel records
nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.core.errors import KioskError, ValidationError
from kiosk.core.text import clean_phone, mask_phone
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.outcomes import Outcome, Tone
from kiosk.platform.ui.util import button

if TYPE_CHECKING:
    from datetime import datetime

    from kiosk.features.emergency.ui.flow import EmergencyFlow
    from kiosk.features.rollcall.service import RollCallService
    from kiosk.features.rollcall.ui.pages import RollCallPage, TakerPhonePage
    from kiosk.features.volunteers.service.duty import Actor, DutyService
    from kiosk.features.volunteers.ui.duty_entry import DutyPinPage
    from kiosk.platform.ui.navigator import Navigator

T = TypeVar("T")

NOT_ON_ROLL = ValidationError(
    "此人不在本次清点名单上（现在没有签到）",
    "This person is not on this roll (not checked in now)",
)
ROLL_IDLE_S = 600  # a roll in an evacuation may go minutes without a tap: keep it on screen

EMERGENCY, ADMIN = "emergency", "admin"


class _Shifts(Protocol):
    def local_time(self, moment: datetime) -> datetime: ...


class RollCallServices(Protocol):
    """What the roll-call flow needs of the kiosk's services."""

    @property
    def shifts(self) -> _Shifts: ...
    @property
    def duty(self) -> DutyService: ...

    def get(self, kind: type[T]) -> T: ...


class RollCallFlow(Flow):
    """Owns the roll page and the taker's identification pages (built on first use)."""

    def __init__(self, navigator: Navigator, services: RollCallServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._origin = EMERGENCY
        self._phone = ""
        self.emergency_button: QPushButton | None = None
        navigator.language.changed.connect(lambda _language: self._retranslate())

    @property
    def _rolls(self) -> RollCallService:
        from kiosk.features.rollcall.service import RollCallService  # on the first roll

        return self._services.get(RollCallService)

    def started(self) -> None:
        """Every flow exists: put the big Roll call button on the emergency page."""
        action = button("", "volunteer", self._nav.theme.palette.icon, height=96)
        action.setObjectName("emergency_rollcall")
        action.clicked.connect(lambda: self.open(EMERGENCY))
        self.emergency_button = action
        self._retranslate()
        cast("EmergencyFlow", self._nav.flow("emergency")).add_page_action(action)

    def warm_up(self) -> None:
        """Build the roll page and render it once off screen while the kiosk is idle: in an
        evacuation the first tap then only fills it (the roll's statement compiled and the
        names' glyphs cached too: one read of about a millisecond; nothing stays on it)."""
        if RollCallFlow.roll.built(self) is not None:  # someone was quicker: it is in use
            return
        page = self.roll
        page.resize(self._nav.page_size())
        page.show_roll(self._rolls.roll())
        page.grab()
        page.reset()

    def _retranslate(self) -> None:
        if self.emergency_button is not None:
            self.emergency_button.setText(self.tr("Roll call"))

    def connect_admin(self, console: Any) -> None:
        """The console was built: a Roll call button in its heading, for a team leader at the
        end of an event."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleTool

        tool = button("", "volunteer", self._nav.theme.palette.icon, height=72)
        tool.setObjectName("admin_rollcall")
        tool.clicked.connect(lambda: self.open(ADMIN))
        console.add_tool(
            ConsoleTool(
                key="rollcall",
                rank=20,
                button=tool,
                title=lambda: self.tr("Roll call"),
                permission=Permission.FIRST_AID,
            )
        )

    # --- pages built on first use ---------------------------------------------------------------

    @lazy_page
    def roll(self) -> RollCallPage:
        from kiosk.features.rollcall.ui.pages import RollCallPage

        page = RollCallPage(self._services.shifts.local_time, self._nav.language, self._nav.theme)
        page.ticked.connect(self._on_tapped)
        page.finish_requested.connect(self._ask_taker)
        page.cancel_requested.connect(self._leave)
        return page

    @lazy_page
    def phone(self) -> TakerPhonePage:
        from kiosk.features.rollcall.ui.pages import TakerPhonePage

        page = TakerPhonePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_phone)
        page.back_requested.connect(self._back_to_roll)
        return page

    @lazy_page
    def pin(self) -> DutyPinPage:
        from kiosk.features.volunteers.ui.duty_entry import DutyPinPage

        page = DutyPinPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_pin)
        page.back_requested.connect(self._ask_taker)
        return page

    # --- the roll -------------------------------------------------------------------------------

    def open(self, origin: str = EMERGENCY) -> None:
        """One tap: the roll of everyone checked in now, from this kiosk's database only."""
        self._origin = origin
        page = self.roll
        page.show_roll(self._rolls.roll())
        self._nav.show_page(page)

    def handles_scan(self, text: str) -> bool:
        """A badge scanned on the roll ticks its volunteer; on the taker's pages, it says who
        took the roll. The badge is read as check-in reads it (verified offline)."""
        if RollCallFlow.roll.is_current(self):
            self._tick_by_badge(text)
            return True
        on_phone = RollCallFlow.phone.is_current(self)
        if not on_phone and not RollCallFlow.pin.is_current(self):
            return False
        try:
            actor = self._services.duty.by_badge(text)  # the taker must be on duty
        except KioskError as exc:
            (self.phone if on_phone else self.pin).show_error(exc)
            return True
        self._record(actor)
        return True

    def _tick_by_badge(self, text: str) -> None:
        page = self.roll
        try:
            actor = self._services.duty.by_badge(text, refusal=NOT_ON_ROLL)
        except KioskError as exc:
            page.show_error(exc)
            return
        volunteer_id = actor.volunteer_id or ""
        if page.tally.row_of(volunteer_id) is None:  # checked in after the roll was listed
            page.show_error(NOT_ON_ROLL)
            return
        page.tally.tick(volunteer_id)
        page.ticked_row(volunteer_id, actor.name)

    @Slot(str)
    def _on_tapped(self, volunteer_id: str) -> None:
        self.roll.tally.toggle(volunteer_id)
        self.roll.toggled_row(volunteer_id)

    def idle_timeout_s(self, page: QWidget) -> int | None:
        if page is RollCallFlow.roll.built(self) or page in (
            RollCallFlow.phone.built(self),
            RollCallFlow.pin.built(self),
        ):
            return ROLL_IDLE_S
        return None

    @Slot()
    def _leave(self) -> None:
        """Cancel: back where the roll was opened; nothing is recorded."""
        self.roll.reset()
        self._return()

    def _return(self) -> None:
        if self._origin == ADMIN:
            self._nav.show_admin()
        else:
            self._nav.show_page(cast("EmergencyFlow", self._nav.flow("emergency")).page)

    @Slot()
    def _back_to_roll(self) -> None:
        self.phone.reset()
        self.pin.reset()
        self._nav.show_page(self.roll)

    # --- who took the roll ----------------------------------------------------------------------

    @Slot()
    def _ask_taker(self) -> None:
        self.pin.reset()
        self.phone.reset()
        self._phone = ""
        self._nav.show_page(self.phone)

    @Slot(str)
    @reports_errors(on="phone")
    def _on_phone(self, digits: str) -> None:
        self._phone = clean_phone(digits)
        self.pin.reset()
        self.pin.set_phone(mask_phone(self._phone))
        self._nav.show_page(self.pin)

    @Slot(str)
    def _on_pin(self, pin: str) -> None:
        try:
            actor = self._services.duty.by_phone_pin(self._phone, pin)
        except KioskError as exc:
            self.pin.keypad.clear()
            self.pin.show_error(exc)
            return
        self._record(actor)

    def _record(self, actor: Actor) -> None:
        """Store the roll (who took it, present, missing) and say what it found."""
        tally = self.roll.tally
        try:
            done = self._rolls.record(actor, tally)
        except KioskError as exc:
            self._back_to_roll()
            self.roll.show_error(exc)
            return
        missing = [e.name for e in tally.entries if not tally.is_present(e.volunteer_id)]
        self.phone.reset()
        self.pin.reset()
        self._phone = ""
        self.roll.reset()
        zh_names, en_names = "、".join(missing), ", ".join(missing)
        outcome = Outcome(
            Tone.SUCCESS if not missing else Tone.INFO,
            "volunteer",
            f"清点已记录：已到 {done.present} 人，未到 {done.missing} 人",
            f"Roll call recorded: {done.present} present, {done.missing} missing",
            f"未到：{zh_names}" if missing else "全部人员已到。",
            f"Missing: {en_names}" if missing else "Everyone is accounted for.",
        )
        self._nav.show_outcome(outcome)
