"""The management of this kiosk's charging slots and the station's lending and medicine items,
behind the admin PIN: switch one on or off, a loan period, a low-stock threshold, a new slot.

Its three buttons sit on the console's charging, lending and safety tabs (`connect_admin`);
every change goes through the item settings service as the logged-in account (audited, and
synced to the station's other kiosks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Slot

from kiosk.core.errors import KioskError, ValidationError
from kiosk.features.admin.ui.sections import admin_flow
from kiosk.features.items.domain import Target
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from kiosk.features.admin.domain import AdminAccount
    from kiosk.features.admin.ui.console import AdminPage
    from kiosk.features.items.service import ItemSettingsService
    from kiosk.features.items.ui.admin import ItemsPage, NumberEntryPage
    from kiosk.platform.ui.navigator import Navigator
    from kiosk.platform.ui.pages.text_entry import TextEntryPage


class ItemServices(Protocol):
    """What the item management pages need of the kiosk's services."""

    @property
    def item_settings(self) -> ItemSettingsService: ...


# Each target's button: the console tab it sits on, its icon.
_TOOLS = (
    (Target.SLOT, "charging", "charging"),
    (Target.LENDING, "lending", "umbrella"),
    (Target.MEDICINE, "safety", "medicine"),
)


class ItemsFlow(Flow):
    """Owns the item management pages (built on first use, behind the login)."""

    def __init__(self, navigator: Navigator, services: ItemServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._number_for: tuple[str, str] = ("", "")  # (target, id) the keypad sets
        self._slot_kind = ""  # the kind of slot the text page names

    def connect_admin(self, console: Any) -> None:
        """The console was built: a button on each tab whose items these pages manage."""
        from functools import partial

        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleTool
        from kiosk.platform.ui.util import button

        page: AdminPage = console
        titles = {
            Target.SLOT: lambda: self.tr("Charging slots…"),
            Target.LENDING: lambda: self.tr("Lending items…"),
            Target.MEDICINE: lambda: self.tr("Medicine items…"),
        }
        for rank, (target, section, icon) in enumerate(_TOOLS):
            tool = button("", icon, self._nav.theme.palette.icon, height=64)
            tool.setObjectName(f"admin_manage_{target.value}")
            tool.clicked.connect(partial(self.open_items, target.value))
            page.add_tool(
                ConsoleTool(
                    key=target.value,
                    rank=rank,
                    button=tool,
                    title=titles[target],
                    permission=Permission.MANAGE_ITEMS,
                    section=section,
                )
            )

    def _account(self) -> AdminAccount:
        return admin_flow(self._nav).require_account()

    # --- pages built on first use ---------------------------------------------------------------

    @lazy_page
    def items(self) -> ItemsPage:
        from kiosk.features.items.ui.admin import ItemsPage

        page = ItemsPage(self._nav.language, self._nav.theme)
        page.toggle_requested.connect(self._on_item_toggle)
        page.number_requested.connect(self._on_item_number)
        page.add_requested.connect(self._on_add_slot)
        page.back_requested.connect(self._nav.show_admin)
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def number_entry(self) -> NumberEntryPage:
        from kiosk.features.items.ui.admin import NumberEntryPage

        page = NumberEntryPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_number)
        page.back_requested.connect(self._back_to_items)
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def text_entry(self) -> TextEntryPage:
        from kiosk.platform.ui.pages.text_entry import TextEntryPage

        page = TextEntryPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._add_slot)
        page.back_requested.connect(lambda: self.open_items(Target.SLOT.value))
        admin_flow(self._nav).behind_login(page)
        return page

    # --- the lists ------------------------------------------------------------------------------

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
            account = self._account()
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
            account = self._account()
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
        self._slot_kind = kind
        self.text_entry.ask(
            ("新充电位的编号", "Id of the new slot"),
            ("柜门或线上标的编号，如 A9", "As marked on the locker door or cable, e.g. A9"),
            "",
        )
        self._nav.show_page(self.text_entry)

    @Slot(str)
    @reports_errors(on="text_entry")
    def _add_slot(self, slot_id: str) -> None:
        slot = self._services.item_settings.add_slot(self._account(), slot_id, self._slot_kind)
        self._items_changed(Target.SLOT, (f"已添加：{slot.label_zh}", f"Added: {slot.label_en}"))

    def on_home(self) -> None:
        self._number_for = ("", "")
