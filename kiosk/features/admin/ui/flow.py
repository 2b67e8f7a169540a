"""The admin console's management pages: volunteers, flagged shifts, slots and items, settings
and enrolment, on top of the session (`session.py`: login, console, log review, logout).

This flow calls the services with the logged-in account, so every action writes its audit
event, and shows what each role may do.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Signal, Slot

from kiosk.core.errors import KioskError, ValidationError
from kiosk.core.text import clean_phone
from kiosk.features.admin.service.accounts import team_leader_id
from kiosk.features.admin.service.settings import SettingsService
from kiosk.features.admin.ui.session import AdminSession
from kiosk.features.items.domain import Target
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors

if TYPE_CHECKING:
    from kiosk.features.admin.ui.console import AdminPage
    from kiosk.features.admin.ui.entry import PhoneEntryPage, PinEntryPage
    from kiosk.features.admin.ui.services import AdminServices
    from kiosk.features.admin.ui.settings import SettingsPage
    from kiosk.features.items.ui.admin import ItemsPage, NumberEntryPage
    from kiosk.features.printing.domain.receipt import Receipt
    from kiosk.features.printing.service import Printed
    from kiosk.features.printing.ui.flow import PrintingFlow
    from kiosk.features.shifts.ui.amend import AmendShiftPage
    from kiosk.features.volunteers.ui.admin import VolunteersPage
    from kiosk.features.volunteers.ui.badge import BadgePage, RevokeBadgePage
    from kiosk.platform.ui.navigator import Navigator
    from kiosk.platform.ui.pages.text_entry import TextEntryPage

log = logging.getLogger(__name__)


class AdminFlow(AdminSession):
    """The admin session (see `AdminSession`) and its management pages.

    Signals (when the enrolment, network work on the task manager, ended):
        enrolled(str): the station id the kiosk enrolled in.
        enrol_failed(object): a KioskError.
    """

    enrolled = Signal(str)
    enrol_failed = Signal(object)

    def __init__(self, navigator: Navigator, services: AdminServices) -> None:
        super().__init__(navigator, services)
        self._badge_label: Receipt | None = None  # the badge on screen, for the printer
        self._draft: dict[str, str] = {}  # the volunteer being added, field by field
        self._text_for = ""  # what the text page is typing: name, number, station, hub, code
        self._pin_for: tuple[str, str] = ("", "")  # (reset_pin | team_leader, volunteer id)
        self._number_for: tuple[str, str] = ("", "")  # (target, id) the keypad sets
        self._revoke_for = ""  # the volunteer whose badge the revoke page is for
        self.enrolled.connect(self._on_enrolled)
        self.enrol_failed.connect(self._on_enrol_failed)

    # --- pages built on first use -----------------------------------------------------------

    def connect_console(self, admin: AdminPage) -> None:
        """Wire the console's buttons of the management pages (when the console is built)."""
        admin.volunteers_requested.connect(self.open_volunteers)
        admin.settings_requested.connect(self.open_settings)
        admin.approve_requested.connect(self._on_approve)
        admin.amend_requested.connect(self._on_amend_requested)
        admin.items_requested.connect(self.open_items)

    @lazy_page
    def volunteers(self) -> VolunteersPage:
        from kiosk.features.volunteers.ui.admin import VolunteersPage

        page = VolunteersPage(self._nav.language, self._nav.theme)
        page.back_requested.connect(self.back_to_admin)
        page.add_requested.connect(self._on_add)
        page.action_requested.connect(self._on_volunteer_action)
        return page

    @lazy_page
    def text_entry(self) -> TextEntryPage:
        from kiosk.platform.ui.pages.text_entry import TextEntryPage

        page = TextEntryPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_text)
        page.back_requested.connect(self._on_text_back)
        return page

    @lazy_page
    def phone_entry(self) -> PhoneEntryPage:
        from kiosk.features.admin.ui.entry import PhoneEntryPage

        page = PhoneEntryPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_phone)
        page.back_requested.connect(self.open_volunteers)
        return page

    @lazy_page
    def pin_entry(self) -> PinEntryPage:
        from kiosk.features.admin.ui.entry import PinEntryPage

        page = PinEntryPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_pin)
        page.back_requested.connect(self.open_volunteers)
        return page

    @lazy_page
    def badge(self) -> BadgePage:
        from kiosk.features.volunteers.ui.badge import BadgePage

        page = BadgePage(self._nav.language, self._nav.theme)
        page.done.connect(self.open_volunteers)
        page.print_bar.requested.connect(self._on_print_badge)
        return page

    @Slot()
    def _on_print_badge(self) -> None:
        """The badge as a label on the receipt printer (the PNG stays for a card printer)."""
        if self._badge_label is not None:
            printing = cast("PrintingFlow", self._nav.flow("printing"))
            printing.print_on(self.badge.print_bar, self._badge_label)

    @lazy_page
    def revoke_badge(self) -> RevokeBadgePage:
        from kiosk.features.volunteers.ui.badge import RevokeBadgePage

        page = RevokeBadgePage(self._nav.language, self._nav.theme)
        page.reason_chosen.connect(self._on_revoke_reason)
        page.back_requested.connect(self.open_volunteers)
        return page

    @lazy_page
    def amend(self) -> AmendShiftPage:
        from kiosk.features.shifts.ui.amend import AmendShiftPage

        page = AmendShiftPage(self._nav.language, self._nav.theme)
        page.amended.connect(self._on_amended)
        page.back_requested.connect(self.back_to_admin)
        return page

    @lazy_page
    def settings_page(self) -> SettingsPage:
        from kiosk.features.admin.ui.settings import SettingsPage

        page = SettingsPage(self._nav.language, self._nav.theme)
        page.choice_made.connect(self._on_choice)
        page.text_requested.connect(self._on_setting_text)
        page.enrol_requested.connect(self._on_enrol_requested)
        page.test_print_requested.connect(self._on_test_print)
        page.back_requested.connect(self.back_to_admin)
        return page

    @lazy_page
    def items(self) -> ItemsPage:
        from kiosk.features.items.ui.admin import ItemsPage

        page = ItemsPage(self._nav.language, self._nav.theme)
        page.toggle_requested.connect(self._on_item_toggle)
        page.number_requested.connect(self._on_item_number)
        page.add_requested.connect(self._on_add_slot)
        page.back_requested.connect(self.back_to_admin)
        return page

    @lazy_page
    def number_entry(self) -> NumberEntryPage:
        from kiosk.features.items.ui.admin import NumberEntryPage

        page = NumberEntryPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_number)
        page.back_requested.connect(self._back_to_items)
        return page

    # --- volunteers -------------------------------------------------------------------------

    @Slot()
    def open_volunteers(self) -> None:
        self.volunteers.show_volunteers(
            self._services.roster.all(),
            self._services.admin.leader_volunteers(),
            self._services.management.badges(),
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
        value = {
            "station": self._services.settings.station_name_en,
            "hub": self._services.settings.hub_url or "https://",
            "printer": self._services.settings.printer,
        }.get(purpose, "")
        self.text_entry.ask(title, hint, value, chinese=purpose == "name")
        self._nav.show_page(self.text_entry)

    @Slot()
    def _on_text_back(self) -> None:
        if self._text_for.startswith("slot:"):
            self.open_items(Target.SLOT.value)
        elif self._text_for in ("station", "hub", "code", "printer"):
            self.open_settings()
        else:
            self.open_volunteers()

    @Slot(str)
    def _on_text(self, text: str) -> None:
        purpose = self._text_for
        if purpose in ("station", "hub", "printer"):
            name = {"station": "station_name_en", "hub": "hub_url"}.get(purpose, purpose)
            if self._save_settings({name: text}, self.text_entry):
                self.open_settings()
            return
        if purpose == "code":
            self._start_enrol(text)
            return
        if purpose.startswith("slot:"):
            self._add_slot(purpose.removeprefix("slot:"), text)
            return
        if not text:
            self.text_entry.show_error(ValidationError("不能为空", "This must not be empty"))
            return
        self._draft[purpose] = text
        if purpose == "name":
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

    @Slot(str, str)
    def _on_volunteer_action(self, action: str, volunteer_id: str) -> None:
        try:
            account = self._require()
            if action == "deactivate":
                self._services.management.deactivate(account, volunteer_id)
                self.open_volunteers()
                self.volunteers.notice.show_message(
                    "已停用", "Deactivated", self.volunteers.lang, "success"
                )
            elif action == "remove_leader":
                self._services.admin.remove_account(account, team_leader_id(volunteer_id))
                self.open_volunteers()
                self.volunteers.select(volunteer_id)
                self.volunteers.notice.show_message(
                    "已取消组长", "No longer a team leader", self.volunteers.lang, "success"
                )
            elif action == "badge":
                printed = self._services.management.print_badge(account, volunteer_id)
                self.badge.show_badge(
                    printed.volunteer.name,
                    printed.path,
                    printed.serial,
                    f"{printed.expires_on:%Y-%m-%d}",
                )
                from kiosk.features.printing.domain.receipt import badge_label

                self._badge_label = badge_label(
                    printed.volunteer.name, printed.volunteer.number, printed.token
                )
                self.badge.print_bar.offer(
                    cast("PrintingFlow", self._nav.flow("printing")).available()
                )
                self._nav.show_page(self.badge)
            elif action == "revoke_badge":
                badge = self._services.management.badges().get(volunteer_id)
                if badge is None or badge.status not in ("current", "expired"):
                    raise ValidationError(
                        "这位志愿者没有可作废的工牌", "This volunteer has no badge to revoke"
                    )
                self._revoke_for = volunteer_id
                self.revoke_badge.ask(self._volunteer_name(volunteer_id), badge)
                self._nav.show_page(self.revoke_badge)
            elif action in ("reset_pin", "team_leader"):
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
        except KioskError as exc:
            self.volunteers.notice.show_message(exc.zh, exc.en, self.volunteers.lang)

    @Slot(str)
    def _on_revoke_reason(self, reason: str) -> None:
        volunteer_id = self._revoke_for
        try:
            revoked = self._services.management.revoke_badge(self._require(), volunteer_id, reason)
        except KioskError as exc:
            self.revoke_badge.show_error(exc.zh, exc.en)
            return
        self.open_volunteers()
        self.volunteers.select(volunteer_id)
        self.volunteers.notice.show_message(
            f"工牌 {revoked.serial} 已作废，同步后各终端均不再接受",
            f"Badge {revoked.serial} revoked: refused at every kiosk after their next sync",
            self.volunteers.lang,
            "success",
        )

    @Slot(str)
    def _on_pin(self, pin: str) -> None:
        what, volunteer_id = self._pin_for
        management = self._services.management
        try:
            account = self._require()
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
                self._services.admin.set_team_leader(account, volunteer_id, name, pin)
                done = (f"{name} 现在是组长", f"{name} is now a team leader")
        except KioskError as exc:
            self.pin_entry.keypad.clear()
            self.pin_entry.show_error(exc)
            return
        self.open_volunteers()
        self.volunteers.select(volunteer_id)
        self.volunteers.notice.show_message(*done, self.volunteers.lang, "success")

    # --- flagged shifts ---------------------------------------------------------------------

    @Slot(str)
    def _on_approve(self, shift_id: str) -> None:
        admin = self.console
        try:
            self._services.management.approve_shift(self._require(), shift_id)
        except KioskError as exc:
            admin.notice.show_message(exc.zh, exc.en, admin.lang)
            return
        admin.refresh()
        admin.notice.show_message("班次已审核通过", "Shift approved", admin.lang, "success")

    @Slot(str)
    def _on_amend_requested(self, shift_id: str) -> None:
        shift = next((s for s in self._services.shifts.flagged() if s.shift_id == shift_id), None)
        if shift is None:
            return
        local = self._services.shifts.local_time
        when = local(shift.checked_in_at).strftime("%m-%d %H:%M") if shift.checked_in_at else ""
        self.amend.ask(shift, when)
        self._nav.show_page(self.amend)

    @Slot(str, int, str)
    @reports_errors(on="amend")
    def _on_amended(self, shift_id: str, minutes: int, reason: str) -> None:
        self._services.management.amend_shift(self._require(), shift_id, minutes, reason)
        self.back_to_admin()
        admin = self.console
        admin.notice.show_message("班次已更正", "Shift corrected", admin.lang, "success")

    # --- charging slots, lending and medicine items ------------------------------------------

    def _entries(self, target: Target) -> list[Any]:
        settings = self._services.item_settings
        if target == Target.SLOT:
            return list(settings.slots())
        if target == Target.LENDING:
            return list(settings.lending_items())
        return list(settings.medicine_items())

    @Slot(str)
    def open_items(self, target: str, keep_page: bool = False) -> None:
        """The list of this kiosk's slots, or the station's lending or medicine items."""
        which = Target(target)
        self.items.show_entries(which, self._entries(which), keep_page)
        self.items.notice.clear()
        self._nav.show_page(self.items)

    @Slot()
    def _back_to_items(self) -> None:
        self.open_items(self._number_for[0] or Target.LENDING.value, keep_page=True)

    def _items_changed(self, target: Target, done: tuple[str, str]) -> None:
        """A slot or item changed: the kiosk applies it now and sync takes it to the others."""
        if target == Target.MEDICINE:
            self._nav.flow("medicine").on_config_changed()  # its pickers follow
        self.open_items(target.value, keep_page=True)
        self.items.notice.show_message(*done, self.items.lang, "success")

    @Slot(str, str)
    def _on_item_toggle(self, target: str, item_id: str) -> None:
        which = Target(target)
        entry = next((e for e in self._entries(which) if e.id == item_id), None)
        if entry is None:
            return
        settings = self._services.item_settings
        enable = not entry.enabled
        try:
            account = self._require()
            if which == Target.SLOT:
                changed: Any = settings.set_slot(account, item_id, enable)
                name = (changed.label_zh, changed.label_en)
            elif which == Target.LENDING:
                changed = settings.set_lending(account, item_id, enabled=enable)
                name = (changed.name_zh, changed.name_en)
            else:
                changed = settings.set_medicine(account, item_id, enabled=enable)
                name = (changed.name_zh, changed.name_en)
        except KioskError as exc:
            self.items.notice.show_message(exc.zh, exc.en, self.items.lang)
            return
        zh, en = ("已启用", "Switched on") if enable else ("已停用", "Switched off")
        self._items_changed(which, (f"{zh}：{name[0]}", f"{en}: {name[1]}"))

    @Slot(str, str)
    def _on_item_number(self, target: str, item_id: str) -> None:
        which = Target(target)
        entry = next((e for e in self._entries(which) if e.id == item_id), None)
        if entry is None or which == Target.SLOT:
            return
        self._number_for = (target, item_id)
        if which == Target.LENDING:
            self.number_entry.ask(
                (f"{entry.name_zh}的借用期限（天）", f"Loan period of the {entry.name_en} (days)"),
                (
                    f"现在 {entry.due_days} 天；超过即为逾期。1 到 365。",
                    f"Now {entry.due_days} days; a loan out longer is overdue. 1 to 365.",
                ),
            )
        else:
            self.number_entry.ask(
                (f"{entry.name_zh}的最低库存", f"Low-stock threshold of {entry.name_en}"),
                (
                    f"现在 {entry.min_stock}；少于此数时提醒补货。0 到 1000。",
                    f"Now {entry.min_stock}; fewer left raises an alert. 0 to 1000.",
                ),
            )
        self._nav.show_page(self.number_entry)

    @Slot(str)
    def _on_number(self, digits: str) -> None:
        target, item_id = self._number_for
        which = Target(target)
        settings = self._services.item_settings
        try:
            account = self._require()
            if not digits.isdigit():
                raise ValidationError("请输入数字", "Please enter a number")
            if which == Target.LENDING:
                item: Any = settings.set_lending(account, item_id, due_days=int(digits))
                done = (
                    f"{item.name_zh}借用期限：{item.due_days} 天",
                    f"Loan period of the {item.name_en}: {item.due_days} days",
                )
            else:
                item = settings.set_medicine(account, item_id, min_stock=int(digits))
                done = (
                    f"{item.name_zh}最低库存：{item.min_stock}",
                    f"Low-stock threshold of {item.name_en}: {item.min_stock}",
                )
        except KioskError as exc:
            self.number_entry.keypad.clear()
            self.number_entry.show_error(exc)
            return
        self._items_changed(which, done)

    @Slot(str)
    def _on_add_slot(self, kind: str) -> None:
        self._ask_text(
            f"slot:{kind}",
            ("新充电位的编号", "Id of the new slot"),
            ("柜门或线上标的编号，如 A9", "As marked on the locker door or cable, e.g. A9"),
        )

    @reports_errors(on="text_entry")
    def _add_slot(self, kind: str, slot_id: str) -> None:
        slot = self._services.item_settings.add_slot(self._require(), slot_id, kind)
        self._items_changed(Target.SLOT, (f"已添加：{slot.label_zh}", f"Added: {slot.label_en}"))

    # --- settings ---------------------------------------------------------------------------

    @Slot()
    def open_settings(self) -> None:
        self.settings_page.show_settings(
            self._services.settings,
            self._services.enrolled_hub(),
            self._services.management.badge_lifetime(),
        )
        self._nav.show_page(self.settings_page)

    def _save_settings(self, changes: dict[str, Any], page: SettingsPage | TextEntryPage) -> bool:
        from kiosk.platform.ui.pages.text_entry import TextEntryPage

        service: SettingsService = self._services.local_settings
        try:
            updated = service.save(self._require(), self._services.settings, changes)
        except KioskError as exc:
            if isinstance(page, TextEntryPage):
                page.show_error(exc)
            else:
                page.notice.show_message(exc.zh, exc.en, page.lang)
            return False
        self._services.settings = updated
        changed = {name: getattr(updated, name) for name in changes}
        self._nav.apply_settings(changed)
        return True

    @Slot(str, object)
    def _on_choice(self, name: str, value: object) -> None:
        from kiosk.features.admin.ui.settings import BADGE_LIFETIME  # its page is open

        if name == BADGE_LIFETIME:
            self._save_badge_lifetime(int(str(value)))
            return
        if self._save_settings({name: value}, self.settings_page):
            page = self.settings_page
            self.open_settings()
            page.notice.show_message("已保存", "Saved", page.lang, "success")

    def _save_badge_lifetime(self, days: int) -> None:
        """A station setting, not this kiosk's: an event every kiosk of the station folds."""
        page = self.settings_page
        management = self._services.management
        try:
            management.set_badge_lifetime(self._require(), days, management.badge_lifetime())
        except KioskError as exc:
            page.notice.show_message(exc.zh, exc.en, page.lang)
            return
        self.open_settings()
        page.notice.show_message(
            "已保存：此后打印的工牌按新有效期，全站终端同步后生效",
            "Saved: badges printed from now on, at every kiosk of the station after sync",
            page.lang,
            "success",
        )

    @Slot(str)
    def _on_setting_text(self, name: str) -> None:
        if name == "station_name_en":
            self._ask_text("station", ("站点英文名称", "Station name (English)"), ("", ""))
        elif name == "printer":
            self._ask_text(
                "printer",
                ("小票打印机", "Receipt printer"),
                (
                    "USB：usb:厂商号:产品号；网络：net:地址:端口；留空为不用打印机",
                    "USB: usb:VENDOR:PRODUCT; network: net:HOST:PORT; empty for none",
                ),
            )
        else:
            self._ask_text(
                "hub",
                ("服务器地址", "Hub address"),
                ("如 https://hub.example.cn", "e.g. https://hub.example.cn"),
            )

    @Slot()
    def _on_test_print(self) -> None:
        """A test slip on the printer set, in the background; the page says how it went."""
        page = self.settings_page
        printing = cast("PrintingFlow", self._nav.flow("printing"))
        if not printing.available():
            page.notice.show_message("请先设置打印机", "Set a printer first", page.lang)
            return
        page.test_print_button.setEnabled(False)
        page.notice.show_message("正在打印…", "Printing…", page.lang, "success")

        def done(printed: Printed) -> None:
            page.test_print_button.setEnabled(True)
            page.notice.show_message(
                f"测试页已打印（{printed.target}）",
                f"Test slip printed ({printed.target})",
                page.lang,
                "success",
            )

        def failed(zh: str, en: str) -> None:
            page.test_print_button.setEnabled(True)
            page.notice.show_message(zh, en, page.lang)

        printing.test_print(done, failed)

    @Slot()
    def _on_enrol_requested(self) -> None:
        self._ask_text(
            "code",
            ("注册码", "Enrolment code"),
            ("服务器管理员提供的一次性注册码", "The one-time code from the hub's admin"),
        )

    def _start_enrol(self, code: str) -> None:
        account = self._require()
        services = self._services
        hub_url = services.settings.hub_url or ""
        data_dir = services.settings.data_dir

        def work() -> str:
            try:
                return services.local_settings.enrol(account, data_dir, hub_url, code)
            except KioskError:
                raise
            except Exception as exc:  # the hub's answer, or none: say what happened
                log.exception("enrolment failed")
                raise ValidationError("注册失败", f"Enrolment failed: {exc}"[:160]) from exc

        self.text_entry.error.show_message(
            "正在注册…", "Enrolling…", self.text_entry.lang, "success"
        )
        self.text_entry.ok_button.setEnabled(False)
        self._nav.tasks.run(
            work,
            self.enrolled.emit,
            lambda zh, en: self.enrol_failed.emit(ValidationError(zh, en)),
            network=True,
        )

    def wait_for_enrolment(self, ms: int = 30_000) -> bool:
        return self._nav.tasks.wait(ms)

    @Slot(str)
    def _on_enrolled(self, station: str) -> None:
        self.text_entry.ok_button.setEnabled(True)
        self.open_settings()
        page = self.settings_page
        page.notice.show_message(
            f"已注册到站点 {station}，开始同步",
            f"Enrolled in station {station}; syncing starts now",
            page.lang,
            "success",
        )
        self._nav.enrolled()

    @Slot(object)
    def _on_enrol_failed(self, error: KioskError) -> None:
        self.text_entry.ok_button.setEnabled(True)
        self.text_entry.show_error(error)

    def reset(self) -> None:
        self._draft = {}
        self._pin_for = ("", "")
        self._number_for = ("", "")
