"""The rota flow: a Rota button on the admin console opens the list (remove a line) and the form
(a weekly pattern or a one-off shift); an On duty today tab on the console lists today's planned
shifts, expected vs checked in, with no-shows flagged to the team leader.

Every write goes through the rota service as the logged-in account (audited, and synced to the
station's other kiosks and to the hub).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from PySide6.QtCore import Slot

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.features.admin.ui.sections import admin_flow
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from kiosk.core.results import ClockResult
    from kiosk.features.admin.domain import AdminAccount
    from kiosk.features.rota.service import RotaService, UpcomingShift
    from kiosk.features.rota.ui.pages import DutyPanel, RotaFormPage, RotaListPage, SwapPage
    from kiosk.features.shifts.ui.flow import ClockingFlow
    from kiosk.platform.ui.navigator import Navigator
    from kiosk.platform.ui.outcomes import FollowUp

T = TypeVar("T")
log = logging.getLogger(__name__)


class RotaServices(Protocol):
    """What the rota flow needs of the kiosk's services."""

    def get(self, kind: type[T]) -> T: ...


class RotaFlow(Flow):
    """Owns the rota pages (built on first use, behind the login) and the console's tab."""

    def __init__(self, navigator: Navigator, services: RotaServices) -> None:
        super().__init__(navigator)
        self._services = services
        self.duty: DutyPanel | None = None
        self._console_lang: Callable[[], str] = lambda: self._nav.language.language
        self._volunteer = ("", "")  # who is on the swap page: id, name

    def started(self) -> None:
        """Every flow exists: offer the rota's swaps on the clocking's result screen (after a
        handover, which goes first)."""
        clocking = cast("ClockingFlow", self._nav.flow("shifts"))
        clocking.add_follow_up(self._follow_up)

    def _follow_up(self, result: ClockResult) -> FollowUp | None:
        """ "Rota swaps" when the volunteer has a shift ahead or someone offered one."""
        from kiosk.features.shifts.domain import ScanAction
        from kiosk.platform.ui.outcomes import FollowUp

        if result.action not in (ScanAction.CHECK_IN, ScanAction.CHECK_OUT):
            return None
        volunteer = result.volunteer
        rota = self._rota
        if not rota.upcoming(volunteer.id) and not rota.open_offers(volunteer.id):
            return None
        return FollowUp(
            "rota_swaps",
            "排班换班",
            "Rota swaps",
            lambda: self.open_swaps(volunteer.id, volunteer.name),
        )

    @property
    def _rota(self) -> RotaService:
        from kiosk.features.rota.service import RotaService

        return self._services.get(RotaService)

    def on_status_refresh(self) -> None:
        """Home's 今日值班 line: today's planned shifts, how many were checked into and how
        many are missing; a new no-show is written (once) for the station's webhooks."""
        from kiosk.features.rota.domain import DutyState

        rota = self._rota
        board = rota.board()  # a no-show written does not change the board: read it once
        try:
            rota.record_no_shows(board)
        except Exception:  # a full disk, a busy database: the next round tries again
            log.exception("recording the rota's no-shows failed")
        came = sum(1 for line in board if line.state == DutyState.CHECKED_IN)
        missing = sum(1 for line in board if line.state == DutyState.NO_SHOW)
        self._nav.home.set_rota_today(len(board), came, missing)

    def check_in_note(self, volunteer_id: str) -> tuple[str, str] | None:
        """The volunteer's next planned shift, on their check-in screen."""
        planned = self._rota.next_for(volunteer_id)
        if planned is None:
            return None
        weekday = words.label(words.WEEKDAYS, str(planned.starts_at.weekday()), "zh")
        weekday_en = words.label(words.WEEKDAYS, str(planned.starts_at.weekday()), "en")
        at, until = f"{planned.starts_at:%H:%M}", f"{planned.ends_at:%H:%M}"
        day = f"{planned.starts_at.month}月{planned.starts_at.day}日"
        return (
            f"您的排班：{day} {weekday} {at}–{until}",
            f"Your rota shift: {weekday_en} {planned.starts_at:%d %b} {at}–{until}",
        )

    def connect_admin(self, console: Any) -> None:
        """The console was built: a Rota button in its heading and an On duty today tab."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleSection, ConsoleTool
        from kiosk.features.rota.ui.pages import DutyPanel
        from kiosk.platform.ui.util import button

        tool = button("", "clock", self._nav.theme.palette.icon, height=72)
        tool.setObjectName("admin_rota")
        tool.clicked.connect(self.open_list)
        console.add_tool(
            ConsoleTool(
                key="rota",
                rank=18,
                button=tool,
                title=lambda: self.tr("Rota…"),
                permission=Permission.REVIEW_SHIFTS,
                section="rota",  # beside its tab: the heading's row is full in large type
            )
        )
        self._console_lang = lambda: str(console.lang)
        self.duty = panel = DutyPanel()
        panel.approve_requested.connect(self._on_approve)
        console.add_section(
            ConsoleSection(
                key="rota",
                rank=25,
                title=lambda: self.tr("On duty today"),
                widgets=(panel,),
                permission=None,  # a team leader sees the no-shows too
                refresh=self._fill_duty,
                retranslate=self._fill_duty_if_shown,
                reset=panel.reset,
            )
        )

    def _fill_duty(self) -> None:
        if self.duty is None:
            return
        self.duty.fill(
            self._rota.board(),
            self._rota.awaiting_approval(),
            self._console_lang(),
            {
                "caption": self.tr("Planned today: {came} of {expected} checked in"),
                "none": self.tr("Nobody is on the rota today"),
                "swaps": self.tr("Swaps awaiting approval"),
                "approve": self.tr("Approve"),
            },
        )

    @Slot(str)
    def _on_approve(self, swap_id: str) -> None:
        panel = self.duty
        if panel is None:
            return
        lang = self._console_lang()
        try:
            swap = self._rota.approve(self._account(), swap_id)
        except KioskError as exc:
            panel.notice.show_message(exc.zh, exc.en, lang)
            return
        self._fill_duty()
        panel.notice.show_message(
            f"已批准换班：{swap.offered_by} → {swap.taken_by}",
            f"Swap approved: {swap.offered_by} → {swap.taken_by}",
            lang,
            "success",
        )

    def _fill_duty_if_shown(self) -> None:
        if self.duty is not None and self.duty.isVisible():
            self._fill_duty()

    def _account(self) -> AdminAccount:
        return admin_flow(self._nav).require_account()

    # --- pages built on first use ---------------------------------------------------------------

    @lazy_page
    def listing(self) -> RotaListPage:
        from kiosk.features.rota.ui.pages import RotaListPage

        page = RotaListPage(self._nav.language, self._nav.theme)
        page.weekly_requested.connect(lambda: self._on_new("weekly"))
        page.once_requested.connect(lambda: self._on_new("once"))
        page.remove_requested.connect(self._on_remove)
        page.back_requested.connect(self._nav.show_admin)
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def form(self) -> RotaFormPage:
        from kiosk.features.rota.ui.pages import RotaFormPage

        page = RotaFormPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_submitted)
        page.back_requested.connect(lambda: self.open_list(keep_page=True))
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def swaps(self) -> SwapPage:
        from kiosk.features.rota.ui.pages import SwapPage

        page = SwapPage(self._nav.language, self._nav.theme)
        page.offer_requested.connect(self._on_offer)
        page.withdraw_requested.connect(self._on_withdraw)
        page.take_requested.connect(self._on_take)
        page.done.connect(self._nav.go_home)
        return page

    # --- a volunteer's swaps --------------------------------------------------------------------

    def open_swaps(self, volunteer_id: str, name: str) -> None:
        """The volunteer's swap page (they identified by badge or phone + PIN just now)."""
        self._volunteer = (volunteer_id, name)
        self._show_swaps()
        self.swaps.notice.clear()
        self._nav.show_page(self.swaps)

    def _show_swaps(self) -> None:
        volunteer_id, name = self._volunteer
        rota = self._rota
        self.swaps.show_swaps(name, rota.upcoming(volunteer_id), rota.open_offers(volunteer_id))

    def _swap_act(self, act: Callable[[], Any], zh: str, en: str) -> None:
        page = self.swaps
        try:
            act()
        except KioskError as exc:
            self._show_swaps()
            page.notice.show_message(exc.zh, exc.en, page.lang)
            return
        self._show_swaps()
        page.notice.show_message(zh, en, page.lang, "success")

    @Slot(int)
    def _on_offer(self, index: int) -> None:
        shift: UpcomingShift = self.swaps.shifts[index]
        self._swap_act(
            lambda: self._rota.offer(self._volunteer[0], shift.rota_id, shift.starts_at),
            "已让出，等待其他志愿者接班",
            "Offered: waiting for another volunteer to take it",
        )

    @Slot(str)
    def _on_withdraw(self, swap_id: str) -> None:
        self._swap_act(
            lambda: self._rota.withdraw(self._volunteer[0], swap_id),
            "已撤回，这一班仍是您的",
            "Withdrawn: the shift is yours again",
        )

    @Slot(str)
    def _on_take(self, swap_id: str) -> None:
        self._swap_act(
            lambda: self._rota.take(self._volunteer[0], swap_id),
            "已接班，等待班长批准",
            "Taken: waiting for the team leader's approval",
        )

    # --- the list and the form ------------------------------------------------------------------

    @Slot()
    def open_list(self, keep_page: bool = False) -> None:
        page = self.listing
        page.show_entries(self._rota.entries(), keep_page)
        page.notice.clear()
        self._nav.show_page(page)

    def _on_new(self, kind: str) -> None:
        self.form.start(kind, self._rota.now().date().isoformat())
        self._nav.show_page(self.form)

    @Slot(dict)
    def _on_submitted(self, values: dict[str, str]) -> None:
        from kiosk.features.rota.service import NO_KIND, PatternForm, ShiftForm

        kind = values.get("kind", "")
        try:
            if kind == "weekly":
                view = self._rota.add_pattern(
                    self._account(),
                    PatternForm(
                        number=values.get("number", ""),
                        weekday=values.get("weekday", ""),
                        starts=values.get("starts", ""),
                        ends=values.get("ends", ""),
                        valid_from=values.get("day", ""),
                        valid_until=values.get("until", ""),
                    ),
                )
            elif kind == "once":
                view = self._rota.add_shift(
                    self._account(),
                    ShiftForm(
                        number=values.get("number", ""),
                        day=values.get("day", ""),
                        starts=values.get("starts", ""),
                        ends=values.get("ends", ""),
                    ),
                )
            else:
                raise NO_KIND
        except KioskError as exc:
            self.form.show_error(exc)
            return
        self.open_list()
        self.listing.notice.show_message(
            f"已排班：{view.name}", f"On the rota: {view.name}", self.listing.lang, "success"
        )

    @Slot(str)
    def _on_remove(self, rota_id: str) -> None:
        page = self.listing
        try:
            self._rota.remove(self._account(), rota_id)
        except KioskError as exc:
            page.notice.show_message(exc.zh, exc.en, page.lang)
            return
        self.open_list(keep_page=True)
        page.notice.show_message("已删除", "Removed", page.lang, "success")
