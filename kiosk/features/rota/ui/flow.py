"""The rota flow: a Rota button on the admin console opens the list (remove a line) and the form
(a weekly pattern or a one-off shift); an On duty today tab on the console lists today's planned
shifts, expected vs checked in, with no-shows flagged to the team leader.

Every write goes through the rota service as the logged-in account (audited, and synced to the
station's other kiosks and to the hub).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import Slot

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.features.admin.ui.sections import admin_flow
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from kiosk.features.admin.domain import AdminAccount
    from kiosk.features.rota.service import RotaService
    from kiosk.features.rota.ui.pages import DutyPanel, RotaFormPage, RotaListPage
    from kiosk.platform.ui.navigator import Navigator

T = TypeVar("T")


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

    @property
    def _rota(self) -> RotaService:
        from kiosk.features.rota.service import RotaService

        return self._services.get(RotaService)

    def on_status_refresh(self) -> None:
        """Home's 今日值班 line: today's planned shifts, how many were checked into and how
        many are missing; a new no-show is written (once) for the station's webhooks."""
        from kiosk.features.rota.domain import DutyState

        self._rota.record_no_shows()
        board = self._rota.board()
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
            self._console_lang(),
            {
                "caption": self.tr("Planned today: {came} of {expected} checked in"),
                "none": self.tr("Nobody is on the rota today"),
            },
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
