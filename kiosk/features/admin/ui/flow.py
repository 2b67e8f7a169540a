"""The admin's own management pages: this kiosk's settings and enrolment, on top of the session
(`session.py`: login, console, log review, logout). Other features' management pages (volunteers,
items, flagged shifts) are their own flows', reached from what they add to the console.

This flow calls the services with the logged-in account, so every action writes its audit
event, and shows what each role may do.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Signal, Slot

from kiosk.core.errors import KioskError, ValidationError
from kiosk.features.admin.service.settings import SettingsService
from kiosk.features.admin.ui.session import AdminSession
from kiosk.platform.ui.lazy import lazy_page

if TYPE_CHECKING:
    from kiosk.features.admin.ui.console import AdminPage
    from kiosk.features.admin.ui.services import AdminServices
    from kiosk.features.admin.ui.settings import SettingsPage
    from kiosk.features.printing.service import Printed
    from kiosk.features.printing.ui.flow import PrintingFlow
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
        self._text_for = ""  # what the text page is typing: station, hub, printer, code
        self.enrolled.connect(self._on_enrolled)
        self.enrol_failed.connect(self._on_enrol_failed)

    # --- pages built on first use -----------------------------------------------------------

    def connect_console(self, admin: AdminPage) -> None:
        """Wire the console's settings button (when the console is built)."""
        admin.settings_requested.connect(self.open_settings)

    @lazy_page
    def text_entry(self) -> TextEntryPage:
        from kiosk.platform.ui.pages.text_entry import TextEntryPage

        page = TextEntryPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_text)
        page.back_requested.connect(self.open_settings)
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

    # --- settings ---------------------------------------------------------------------------

    def _ask_text(self, purpose: str, title: tuple[str, str], hint: tuple[str, str]) -> None:
        self._text_for = purpose
        value = {
            "station": self._services.settings.station_name_en,
            "hub": self._services.settings.hub_url or "https://",
            "printer": self._services.settings.printer,
        }.get(purpose, "")
        self.text_entry.ask(title, hint, value)
        self._nav.show_page(self.text_entry)

    @Slot(str)
    def _on_text(self, text: str) -> None:
        purpose = self._text_for
        if purpose == "code":
            self._start_enrol(text)
            return
        name = {"station": "station_name_en", "hub": "hub_url"}.get(purpose, purpose)
        if self._save_settings({name: text}, self.text_entry):
            self.open_settings()

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
            updated = service.save(self.require_account(), self._services.settings, changes)
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
            management.set_badge_lifetime(self.require_account(), days, management.badge_lifetime())
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
        account = self.require_account()
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
        self._text_for = ""
