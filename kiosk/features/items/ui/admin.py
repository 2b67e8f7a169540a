"""The admin console's management of charging slots, lending items and medicine items.

One page, three lists (chosen by `show_*`): each row switches its slot or item on or off and,
for items, opens a keypad for its number (loan period, low-stock threshold); the slot list adds a
cable or a locker whose id is typed on the latin keyboard. Names come from the hub (no Chinese
input here). The page only shows and asks: AdminFlow calls the service with the logged-in
account, so each change is audited as that account.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.features.charging.domain import Slot as ChargingSlot
from kiosk.features.charging.domain import SlotKind
from kiosk.features.items.domain import Target
from kiosk.features.lending.domain import LendingItem
from kiosk.features.medicine.domain import Item
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.pages.entry import KeypadPage
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.platform.ui.widgets.pager import PagedRows, RowAction

ROWS = 6
Entry = ChargingSlot | LendingItem | Item


class ItemsPage(Page):
    """Signals:
    toggle_requested(str, str): (target, id) to switch on or off.
    number_requested(str, str): (target, id) whose number to change.
    add_requested(str): a slot kind ("cable" or "locker") to add.
    back_requested(): back to the admin screen.
    """

    toggle_requested = Signal(str, str)
    number_requested = Signal(str, str)
    add_requested = Signal(str)
    back_requested = Signal()

    def __init__(
        self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(language, theme, parent)
        self.target = Target.SLOT
        self._entries: list[Entry] = []
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.notice = BilingualMessage("lead", center=False)
        self.notice.clear()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        self.list = PagedRows(
            "items",
            ROWS,
            (RowAction("items_number", width=300), RowAction("items_toggle", width=240)),
        )
        self.list.tapped.connect(self._on_tapped)
        self.list.moved.connect(self._on_page)
        # (what the row says, its number button, its switch button)
        self.rows = [
            (lab, taps[0], taps[1])
            for lab, taps in zip(self.list.labels, self.list.buttons, strict=True)
        ]
        layout.addWidget(self.list)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setObjectName("items_back")
        self.back_button.setMinimumWidth(240)
        self.add_buttons = {
            kind: button("", "", height=88) for kind in (SlotKind.CABLE, SlotKind.LOCKER)
        }
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        for kind, add in self.add_buttons.items():
            add.setObjectName(f"items_add_{kind.value}")
            add.setMinimumWidth(260)
            add.clicked.connect(partial(self.add_requested.emit, kind.value))
            bottom.addWidget(add)
        layout.addLayout(bottom)
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    @property
    def entries(self) -> list[Entry]:
        return self._entries

    def show_entries(self, target: Target, entries: list[Entry], keep_page: bool = False) -> None:
        """Fill the list of one target (slots, lending or medicine items)."""
        if target != self.target or not keep_page:
            self.list.first_page()
        self.target = target
        self._entries = list(entries)
        self.retranslate()

    def _shown(self) -> Sequence[Entry]:
        return self.list.page_of(self._entries)

    def _row_texts(self, entry: Entry) -> tuple[str, str, str]:
        """(what the row says, its number button, its switch button)."""
        lang = self.lang
        off = "" if entry.enabled else "  · " + self.tr("switched off")
        left, right = ("（", "）") if lang == "zh" else (" (", ")")
        if isinstance(entry, ChargingSlot):
            kind = self.tr("cable") if entry.kind == SlotKind.CABLE else self.tr("locker")
            label = entry.label(lang)
            if kind.casefold() not in label.casefold():  # "1 号充电柜" says it already
                label += f"{left}{kind}{right}"
            switch = self.tr("Switch off") if entry.enabled else self.tr("Switch on")
            return f"{label}{off}", "", switch
        if isinstance(entry, LendingItem):
            period = (
                self.tr("Loan period: 1 day")
                if entry.due_days == 1
                else self.tr("Loan period: %1 days").replace("%1", str(entry.due_days))
            )
            switch = self.tr("Stop lending") if entry.enabled else self.tr("Lend again")
            return f"{entry.name(lang)}{off}", period, switch
        number = self.tr("Low below: %1").replace("%1", str(entry.min_stock))
        switch = self.tr("Take off the list") if entry.enabled else self.tr("Offer again")
        return f"{entry.name(lang)}{left}{entry.unit(lang)}{right}{off}", number, switch

    def _fill(self) -> None:
        shown = self._shown()
        for index, (label, number, toggle) in enumerate(self.rows):
            visible = index < len(shown)
            label.setVisible(visible)
            toggle.setVisible(visible)
            number.setVisible(visible and self.target != Target.SLOT)
            if not visible:
                continue
            text, number_text, switch = self._row_texts(shown[index])
            label.setText(text)
            number.setText(number_text)
            toggle.setText(switch)
            toggle.setProperty("kind", "" if shown[index].enabled else "primary")
            toggle.style().unpolish(toggle)
            toggle.style().polish(toggle)
        for add in self.add_buttons.values():
            add.setVisible(self.target == Target.SLOT)

    def retranslate(self) -> None:
        titles = {
            Target.SLOT: self.tr("Charging slots of this kiosk"),
            Target.LENDING: self.tr("Lending items"),
            Target.MEDICINE: self.tr("Medicine box items"),
        }
        hints = {
            Target.SLOT: self.tr(
                "A slot switched off takes no new phone; a phone inside can still be collected."
            ),
            Target.LENDING: self.tr(
                "An item no longer lent can still be returned. The loan period counts for new "
                "loans. Names come from the hub."
            ),
            Target.MEDICINE: self.tr(
                "Below its threshold an item shows a low-stock alert. Names come from the hub."
            ),
        }
        self.title.setText(titles[self.target])
        self.hint.setText(hints[self.target])
        self.add_buttons[SlotKind.CABLE].setText(self.tr("Add a cable…"))
        self.add_buttons[SlotKind.LOCKER].setText(self.tr("Add a locker…"))
        self.back_button.setText(self.tr("Back"))
        self.notice.set_language(self.lang)
        self._fill()

    def reset(self) -> None:
        self.list.first_page()
        self.notice.clear()

    @Slot()
    def _on_page(self) -> None:
        self.notice.clear()
        self._fill()

    def _at(self, index: int) -> Entry | None:
        shown = self._shown()
        return shown[index] if index < len(shown) else None

    @Slot(int, int)
    def _on_tapped(self, action: int, index: int) -> None:
        entry = self._at(index)
        if entry is not None:
            wanted = self.number_requested if action == 0 else self.toggle_requested
            wanted.emit(self.target.value, entry.id)


class NumberEntryPage(KeypadPage):
    """A plain keypad for one number an admin sets (a loan period, a low-stock threshold)."""

    ICON = "info"

    def __init__(self, language: LanguageSwitch, theme: Theme) -> None:
        super().__init__(language, theme, masked=False, max_length=4)
        self._texts: tuple[str, str, str, str] = ("", "", "", "")
        self.retranslate()

    def ask(self, title: tuple[str, str], hint: tuple[str, str]) -> None:
        self.reset()
        self._texts = (*title, *hint)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        zh = self.lang == "zh"
        self.title.setText(self._texts[0] if zh else self._texts[1])
        self.hint.setText(self._texts[2] if zh else self._texts[3])
        self.keypad.set_placeholder(self.tr("Enter a number"))
