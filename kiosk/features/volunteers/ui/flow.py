"""The volunteers' management pages behind the admin PIN: the roster, adding a volunteer (name,
number, phone, first PIN), a new PIN, team leaders, printing and revoking badges.

Its button sits in the admin console's heading (`connect_admin`); every action goes through the
management service as the logged-in account, so each writes its audit event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import Slot

from kiosk.core.errors import KioskError, ValidationError
from kiosk.core.text import clean_phone
from kiosk.features.admin.service.accounts import team_leader_id
from kiosk.features.admin.ui.sections import admin_flow
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from kiosk.features.admin.domain import AdminAccount
    from kiosk.features.admin.service.accounts import AdminService
    from kiosk.features.admin.service.management import ManagementService
    from kiosk.features.admin.ui.console import AdminPage
    from kiosk.features.admin.ui.entry import PhoneEntryPage, PinEntryPage
    from kiosk.features.printing.domain.receipt import Receipt
    from kiosk.features.printing.ui.flow import PrintingFlow
    from kiosk.features.volunteers.service.roster import RosterService
    from kiosk.features.volunteers.ui.admin import VolunteersPage
    from kiosk.features.volunteers.ui.badge import BadgePage, RevokeBadgePage
    from kiosk.platform.ui.navigator import Navigator
    from kiosk.platform.ui.pages.text_entry import TextEntryPage


class VolunteerServices(Protocol):
    """What the volunteers' management pages need of the kiosk's services."""

    @property
    def roster(self) -> RosterService: ...
    @property
    def admin(self) -> AdminService: ...
    @property
    def management(self) -> ManagementService: ...


class VolunteersFlow(Flow):
    """Owns the volunteers' management pages (built on first use, behind the login)."""

    def __init__(self, navigator: Navigator, services: VolunteerServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._badge_label: Receipt | None = None  # the badge on screen, for the printer
        self._draft: dict[str, str] = {}  # the volunteer being added, field by field
        self._text_for = ""  # what the text page is typing: name or number
        self._pin_for: tuple[str, str] = ("", "")  # (add | reset_pin | team_leader, volunteer)
        self._revoke_for = ""  # the volunteer whose badge the revoke page is for

    def connect_admin(self, console: Any) -> None:
        """The console was built: its heading gets the Volunteers button."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleTool
        from kiosk.platform.ui.util import button

        page: AdminPage = console
        tool = button("", "volunteer", self._nav.theme.palette.icon, height=72)
        tool.setObjectName("admin_volunteers")
        tool.clicked.connect(self.open_volunteers)
        page.add_tool(
            ConsoleTool(
                key="volunteers",
                rank=10,
                button=tool,
                title=lambda: self.tr("Volunteers"),
                permission=Permission.MANAGE_VOLUNTEERS,
            )
        )

    def _account(self) -> AdminAccount:
        return admin_flow(self._nav).require_account()

    def _behind_login(self, page: Any) -> None:
        admin_flow(self._nav).behind_login(page)

    # --- pages built on first use ---------------------------------------------------------------

    @lazy_page
    def volunteers(self) -> VolunteersPage:
        from kiosk.features.volunteers.ui.admin import VolunteersPage

        page = VolunteersPage(self._nav.language, self._nav.theme)
        page.back_requested.connect(self._nav.show_admin)
        page.add_requested.connect(self._on_add)
        page.action_requested.connect(self._on_volunteer_action)
        self._behind_login(page)
        return page

    @lazy_page
    def text_entry(self) -> TextEntryPage:
        from kiosk.platform.ui.pages.text_entry import TextEntryPage

        page = TextEntryPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_text)
        page.back_requested.connect(self.open_volunteers)
        self._behind_login(page)
        return page

    @lazy_page
    def phone_entry(self) -> PhoneEntryPage:
        from kiosk.features.admin.ui.entry import PhoneEntryPage

        page = PhoneEntryPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_phone)
        page.back_requested.connect(self.open_volunteers)
        self._behind_login(page)
        return page

    @lazy_page
    def pin_entry(self) -> PinEntryPage:
        from kiosk.features.admin.ui.entry import PinEntryPage

        page = PinEntryPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_pin)
        page.back_requested.connect(self.open_volunteers)
        self._behind_login(page)
        return page

    @lazy_page
    def badge(self) -> BadgePage:
        from kiosk.features.volunteers.ui.badge import BadgePage

        page = BadgePage(self._nav.language, self._nav.theme)
        page.done.connect(self.open_volunteers)
        page.print_bar.requested.connect(self._on_print_badge)
        self._behind_login(page)
        return page

    @lazy_page
    def revoke_badge(self) -> RevokeBadgePage:
        from kiosk.features.volunteers.ui.badge import RevokeBadgePage

        page = RevokeBadgePage(self._nav.language, self._nav.theme)
        page.reason_chosen.connect(self._on_revoke_reason)
        page.back_requested.connect(self.open_volunteers)
        self._behind_login(page)
        return page

    def _printing(self) -> PrintingFlow:
        return cast("PrintingFlow", self._nav.flow("printing"))

    @Slot()
    def _on_print_badge(self) -> None:
        """The badge as a label on the receipt printer (the PNG stays for a card printer)."""
        if self._badge_label is not None:
            self._printing().print_on(self.badge.print_bar, self._badge_label)

    # --- the roster -----------------------------------------------------------------------------

    @Slot()
    def open_volunteers(self) -> None:
        self.volunteers.show_volunteers(
            self._services.roster.all(),
            self._services.admin.leader_volunteers(),
            self._services.management.badges(),
            self._services.roster.setup_codes(),
        )
        self._nav.show_page(self.volunteers)

    def _volunteer_name(self, volunteer_id: str) -> str:
        return self._services.roster.get(volunteer_id).name

    @Slot()
    def _on_add(self) -> None:
        self._draft = {}
        self._ask_text(
            "name",
            ("姓名", "Name"),
            ("用拼音、手写或英文输入", "Pinyin, handwriting or English"),
        )

    def _ask_text(self, purpose: str, title: tuple[str, str], hint: tuple[str, str]) -> None:
        self._text_for = purpose
        self.text_entry.ask(title, hint, "", chinese=purpose == "name")
        self._nav.show_page(self.text_entry)

    @Slot(str)
    def _on_text(self, text: str) -> None:
        if not text:
            self.text_entry.show_error(ValidationError("不能为空", "This must not be empty"))
            return
        self._draft[self._text_for] = text
        if self._text_for == "name":
            self._ask_text(
                "number", ("志愿者编号", "Volunteer number"), ("如 FZB-0009", "e.g. FZB-0009")
            )
        else:
            self.phone_entry.reset()
            self._nav.show_page(self.phone_entry)

    @Slot(str)
    @reports_errors(on="phone_entry")
    def _on_phone(self, digits: str) -> None:
        self._draft["phone"] = clean_phone(digits)  # checked here, where it can be fixed
        self._pin_for = ("add", "")
        self.pin_entry.ask(
            "志愿者的初始密码",
            "The volunteer's first PIN",
            "4 到 8 位数字，请告知志愿者本人。",
            "4 to 8 digits; tell it to the volunteer only.",
        )
        self._nav.show_page(self.pin_entry)

    def _done(self, volunteer_id: str, zh: str, en: str) -> None:
        """Back on the roster with the volunteer chosen and what happened said."""
        self.open_volunteers()
        if volunteer_id:
            self.volunteers.select(volunteer_id)
        self.volunteers.notice.show_message(zh, en, self.volunteers.lang, "success")

    @Slot(str, str)
    def _on_volunteer_action(self, action: str, volunteer_id: str) -> None:
        management = self._services.management
        try:
            account = self._account()
            if action == "deactivate":
                management.deactivate(account, volunteer_id)
                self._done("", "已停用", "Deactivated")
            elif action == "remove_leader":
                self._services.admin.remove_account(account, team_leader_id(volunteer_id))
                self._done(volunteer_id, "已取消组长", "No longer a team leader")
            elif action == "badge":
                self._show_badge(account, volunteer_id)
            elif action == "revoke_badge":
                badge = management.badges().get(volunteer_id)
                if badge is None or badge.status not in ("current", "expired"):
                    raise ValidationError(
                        "这位志愿者没有可作废的工牌", "This volunteer has no badge to revoke"
                    )
                self._revoke_for = volunteer_id
                self.revoke_badge.ask(self._volunteer_name(volunteer_id), badge)
                self._nav.show_page(self.revoke_badge)
            elif action in ("reset_pin", "team_leader"):
                self._ask_pin(action, volunteer_id)
        except KioskError as exc:
            self.volunteers.notice.show_message(exc.zh, exc.en, self.volunteers.lang)

    def _show_badge(self, account: AdminAccount, volunteer_id: str) -> None:
        from kiosk.features.printing.domain.receipt import badge_label

        printed = self._services.management.print_badge(account, volunteer_id)
        self.badge.show_badge(
            printed.volunteer.name, printed.path, printed.serial, f"{printed.expires_on:%Y-%m-%d}"
        )
        self._badge_label = badge_label(
            printed.volunteer.name, printed.volunteer.number, printed.token
        )
        self.badge.print_bar.offer(self._printing().available())
        self._nav.show_page(self.badge)

    def _ask_pin(self, action: str, volunteer_id: str) -> None:
        name = self._volunteer_name(volunteer_id)
        self._pin_for = (action, volunteer_id)
        if action == "reset_pin":
            self.pin_entry.ask(
                f"为 {name} 设置新密码",
                f"New PIN for {name}",
                "4 到 8 位数字，请告知志愿者本人。",
                "4 to 8 digits; tell it to the volunteer only.",
            )
        else:
            self.pin_entry.ask(
                f"{name} 的组长管理密码",
                f"Team leader PIN for {name}",
                "6 到 8 位数字，用于登录管理界面（查看记录、审核班次）。",
                "6 to 8 digits to log in as team leader (logs, flagged shifts).",
            )
        self._nav.show_page(self.pin_entry)

    @Slot(str)
    def _on_revoke_reason(self, reason: str) -> None:
        volunteer_id = self._revoke_for
        try:
            revoked = self._services.management.revoke_badge(self._account(), volunteer_id, reason)
        except KioskError as exc:
            self.revoke_badge.show_error(exc.zh, exc.en)
            return
        self._done(
            volunteer_id,
            f"工牌 {revoked.serial} 已作废，同步后各终端均不再接受",
            f"Badge {revoked.serial} revoked: refused at every kiosk after their next sync",
        )

    @Slot(str)
    def _on_pin(self, pin: str) -> None:
        what, volunteer_id = self._pin_for
        management = self._services.management
        try:
            account = self._account()
            if what == "add":
                draft = self._draft
                added = management.add_volunteer(
                    account, draft["name"], draft["number"], draft["phone"], pin
                )
                done = (f"已添加 {added.name}", f"Added {added.name}")
                volunteer_id = added.id
                self._draft = {}
            elif what == "reset_pin":
                management.reset_pin(account, volunteer_id, pin)
                done = ("密码已重置", "PIN reset")
            else:
                name = self._volunteer_name(volunteer_id)
                self._services.admin.set_team_leader(account, volunteer_id, pin)
                done = (f"{name} 现在是组长", f"{name} is now a team leader")
        except KioskError as exc:
            self.pin_entry.keypad.clear()
            self.pin_entry.show_error(exc)
            return
        self._done(volunteer_id, *done)

    def on_home(self) -> None:
        self._draft = {}
        self._pin_for = ("", "")
