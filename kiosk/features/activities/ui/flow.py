"""The activities flow: an Activities button on the admin console opens the list (today's and
upcoming) and the form; an activity's page shows its sheet and its acts; Open sign-in leaves
the sign-in page on screen for the members, who sign in by badge scan, phone + PIN, or with
their own phone through the code (the hub's page, synced back like any event).

The sign-in page is not behind the admin login (members use it): opening it logs the admin
out, and Close goes home.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from kiosk.core.errors import KioskError
from kiosk.core.text import clean_phone, mask_phone
from kiosk.features.admin.ui.sections import admin_flow
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from pathlib import Path

    from kiosk.features.activities.service import ActivityService, ActivityView
    from kiosk.features.activities.ui.pages import (
        ActivityFormPage,
        ActivityListPage,
        ActivityPage,
        CreditPage,
        SignInPage,
        SignInPhonePage,
    )
    from kiosk.features.admin.domain import AdminAccount
    from kiosk.features.volunteers.service.duty import Actor, DutyService
    from kiosk.features.volunteers.ui.duty_entry import DutyPinPage
    from kiosk.platform.ui.navigator import Navigator

T = TypeVar("T")

SIGN_IN_IDLE_S = 3 * 60 * 60  # the sheet stays up through a meeting between arrivals


class ActivityServices(Protocol):
    """What the activities flow needs of the kiosk's services."""

    @property
    def duty(self) -> DutyService: ...
    @property
    def settings(self) -> Any: ...

    def get(self, kind: type[T]) -> T: ...
    def phone_hub(self) -> str | None: ...


class ActivitiesFlow(Flow):
    """Owns the activity pages (built on first use)."""

    def __init__(self, navigator: Navigator, services: ActivityServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._current = ""  # the activity whose page or sheet is shown
        self._phone = ""

    @property
    def _activities(self) -> ActivityService:
        from kiosk.features.activities.service import ActivityService

        return self._services.get(ActivityService)

    def connect_admin(self, console: Any) -> None:
        """The console was built: an Activities button in its heading (team leaders too)."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleTool
        from kiosk.platform.ui.util import button

        tool = button("", "volunteer", self._nav.theme.palette.icon, height=72)
        tool.setObjectName("admin_activities")
        tool.clicked.connect(self.open_list)
        console.add_tool(
            ConsoleTool(
                key="activities",
                rank=17,
                button=tool,
                title=lambda: self.tr("Activities…"),
                permission=Permission.REVIEW_SHIFTS,
            )
        )

    def _account(self) -> AdminAccount:
        return admin_flow(self._nav).require_account()

    # --- pages built on first use ---------------------------------------------------------------

    @lazy_page
    def listing(self) -> ActivityListPage:
        from kiosk.features.activities.ui.pages import ActivityListPage

        page = ActivityListPage(self._nav.language, self._nav.theme)
        page.opened.connect(self.open_activity)
        page.new_requested.connect(self._on_new)
        page.back_requested.connect(self._nav.show_admin)
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def form(self) -> ActivityFormPage:
        from kiosk.features.activities.ui.pages import ActivityFormPage

        page = ActivityFormPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_submitted)
        page.back_requested.connect(self.open_list)
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def activity(self) -> ActivityPage:
        from kiosk.features.activities.ui.pages import ActivityPage

        page = ActivityPage(self._nav.language, self._nav.theme)
        page.sign_in_requested.connect(self.open_sign_in)
        page.credit_requested.connect(self._on_credit)
        page.pdf_requested.connect(self._on_pdf)
        page.cancel_requested.connect(self._on_cancel)
        page.back_requested.connect(self.open_list)
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def sign_in(self) -> SignInPage:
        from kiosk.features.activities.ui.pages import SignInPage

        page = SignInPage(self._nav.language, self._nav.theme)
        page.phone_requested.connect(self._ask_phone)
        page.close_requested.connect(self._close_sign_in)
        return page

    @lazy_page
    def phone(self) -> SignInPhonePage:
        from kiosk.features.activities.ui.pages import SignInPhonePage

        page = SignInPhonePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_phone)
        page.back_requested.connect(self._back_to_sign_in)
        return page

    @lazy_page
    def pin(self) -> DutyPinPage:
        from kiosk.features.volunteers.ui.duty_entry import DutyPinPage

        page = DutyPinPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_pin)
        page.back_requested.connect(self._back_to_sign_in)
        return page

    @lazy_page
    def credit(self) -> CreditPage:
        from kiosk.features.activities.ui.pages import CreditPage

        page = CreditPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_minutes)
        page.back_requested.connect(lambda: self.open_activity(self._current))
        admin_flow(self._nav).behind_login(page)
        return page

    # --- the admin's pages ----------------------------------------------------------------------

    @Slot()
    def open_list(self) -> None:
        page = self.listing
        page.show_activities(self._activities.current())
        self._nav.show_page(page)

    @Slot()
    def _on_new(self) -> None:
        self.form.fill("", {"day": self._activities.today().isoformat()})
        self._nav.show_page(self.form)

    @Slot(dict)
    def _on_submitted(self, values: dict[str, str]) -> None:
        from kiosk.features.activities.service import ActivityForm

        form = ActivityForm(
            kind=values.get("kind", ""),
            title=values.get("title", ""),
            place=values.get("place", ""),
            day=values.get("day", ""),
            starts=values.get("starts", ""),
            ends=values.get("ends", ""),
            invited=values.get("invited", ""),
        )
        try:
            view = self._activities.create(self._account(), form)
        except KioskError as exc:
            self.form.show_error(exc)
            return
        self.open_activity(view.id)
        self.activity.show_message(f"已新建：{view.title}", f"Created: {view.title}")

    @Slot(str)
    def open_activity(self, activity_id: str) -> None:
        self._current = activity_id
        page = self.activity
        page.show_sheet(self._activities.sheet(activity_id))
        self._nav.show_page(page)

    @Slot()
    def _on_cancel(self) -> None:
        try:
            view = self._activities.cancel(self._account(), self._current)
        except KioskError as exc:
            self.activity.show_error(exc)
            return
        self.open_activity(view.id)
        self.activity.show_message(f"已取消：{view.title}", f"Cancelled: {view.title}")

    @Slot()
    def _on_credit(self) -> None:
        from kiosk.features.activities.domain import default_credit

        sheet = self._activities.sheet(self._current)
        view = sheet.activity
        self.credit.start(default_credit(view.starts_at, view.ends_at), len(sheet.signed))
        self._nav.show_page(self.credit)

    @Slot(str)
    def _on_minutes(self, digits: str) -> None:
        from kiosk.features.activities.service import BAD_MINUTES

        try:
            minutes = int(digits) if digits else 0
            if not minutes:
                raise BAD_MINUTES
            done = self._activities.credit(self._account(), self._current, minutes)
        except KioskError as exc:
            self.credit.show_error(exc)
            return
        self.open_activity(self._current)
        hours = f"{done.minutes / 60:.1f}"
        zh = f"已为 {len(done.credited)} 人记录 {hours} 小时"
        en = f"{hours} h credited to {len(done.credited)}"
        if done.skipped:
            zh += f"；{'、'.join(done.skipped)} 当时在值班，时长已计入"
            en += f"; {', '.join(done.skipped)} were on a shift then (already counted)"
        self.activity.show_message(zh, en)

    @Slot()
    def _on_pdf(self) -> None:
        from kiosk.features.activities.ui.pdf import write_sheet

        sheet = self._activities.sheet(self._current)
        try:
            path = write_sheet(sheet, self._station_names(), self._folder())
        except OSError:
            self.activity.show_message(
                "无法保存 PDF：请检查 U 盘或导出文件夹",
                "Could not save the PDF: check the USB stick or the export folder",
                "error",
            )
            return
        self.activity.show_message(f"已保存：{path}", f"Saved: {path}")

    def _station_names(self) -> tuple[str, str]:
        settings = self._services.settings
        return str(settings.station_name_zh), str(settings.station_name_en)

    def _folder(self) -> Path:
        from kiosk.features.reports.ui.flow import ReportsFlow

        reports = self._nav.flow("reports")
        assert isinstance(reports, ReportsFlow)
        return reports.folder()

    # --- the sign-in sheet on screen ------------------------------------------------------------

    @Slot()
    def open_sign_in(self) -> None:
        """The sheet on screen for the members; the admin is logged out first (the screen is
        left to others: Close then goes home)."""
        view = self._activities.view(self._current)
        admin_flow(self._nav).log_out("button")
        self.sign_in.show_activity(view, self._link(view))
        self._nav.show_page(self.sign_in)

    def _link(self, view: ActivityView) -> str:
        """The activity's phone page on the hub; none stand-alone (never a dead link)."""
        hub = self._services.phone_hub()
        if not hub:
            return ""
        return f"{hub.rstrip('/')}/a/{self._services.settings.station_id}/{view.id}"

    def handles_scan(self, text: str) -> bool:
        """A badge scanned on the sign-in pages signs its volunteer in."""
        on_sheet = ActivitiesFlow.sign_in.is_current(self)
        on_keys = ActivitiesFlow.phone.is_current(self) or ActivitiesFlow.pin.is_current(self)
        if not (on_sheet or on_keys):
            return False
        try:
            who = self._services.duty.member_by_badge(text)
        except KioskError as exc:
            self._back_to_sign_in()
            self.sign_in.show_error(exc)
            return True
        self._sign(who, "badge")
        return True

    @Slot()
    def _ask_phone(self) -> None:
        self.phone.reset()
        self.pin.reset()
        self._phone = ""
        self._nav.show_page(self.phone)

    @Slot(str)
    def _on_phone(self, digits: str) -> None:
        try:
            self._phone = clean_phone(digits)
        except KioskError as exc:
            self.phone.show_error(exc)
            return
        self.pin.reset()
        self.pin.set_phone(mask_phone(self._phone))
        self._nav.show_page(self.pin)

    @Slot(str)
    def _on_pin(self, pin: str) -> None:
        try:
            who = self._services.duty.member_by_phone_pin(self._phone, pin)
        except KioskError as exc:
            self.pin.keypad.clear()
            self.pin.show_error(exc)
            return
        self._sign(who, "pin")

    def _sign(self, who: Actor, method: str) -> None:
        try:
            done = self._activities.sign_in(self._current, who, method)
        except KioskError as exc:
            self._back_to_sign_in()
            self.sign_in.show_error(exc)
            return
        self._back_to_sign_in()
        view = self._activities.view(self._current)
        at = f"{done.signed_at:%H:%M}"
        if done.again:
            zh, en = f"{done.name} 已在 {at} 签到", f"{done.name} signed in at {at} already"
        else:
            zh, en = f"签到成功：{done.name}（{at}）", f"Signed in: {done.name} ({at})"
        self.sign_in.signed(view, zh, en)

    @Slot()
    def _back_to_sign_in(self) -> None:
        self.phone.reset()
        self.pin.reset()
        self._phone = ""
        self._nav.show_page(self.sign_in)

    @Slot()
    def _close_sign_in(self) -> None:
        self.sign_in.reset()
        self._nav.go_home()

    def idle_timeout_s(self, page: QWidget) -> int | None:
        if page in (
            ActivitiesFlow.sign_in.built(self),
            ActivitiesFlow.phone.built(self),
            ActivitiesFlow.pin.built(self),
        ):
            return SIGN_IN_IDLE_S
        return None
