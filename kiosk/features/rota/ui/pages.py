"""The rota pages behind the admin PIN: the list of rota lines (remove one), the form (a weekly
pattern or a one-off shift, typed on the touch keyboard), and the console's tab of today's
planned shifts (expected, checked in, no-show).

The pages only show and ask: the flow calls the service as the logged-in account.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core import words
from kiosk.features.rota.domain import DutyState
from kiosk.features.rota.service import DutyLine, EntryView, SwapView, UpcomingShift
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.pages.field_form import FieldFormPage
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.platform.ui.widgets.pager import PagedRows, RowAction

ROWS = 5
FIELDS = ("number", "weekday", "day", "starts", "ends", "until")
WEEKLY, ONCE = "weekly", "once"
APPROVAL_ROWS = 3  # taken swaps awaiting approval shown on the tab


def describe(view: EntryView, lang: str) -> str:
    """One rota line: who, when (a weekday and its validity, or a day), the times."""
    who = f"{view.name}（{view.number}）" if lang == "zh" else f"{view.name} ({view.number})"
    times = f"{view.starts}–{view.ends}"
    if view.weekday is None:
        return f"{who} · {view.day.isoformat() if view.day else ''} {times}"
    day = words.label(words.WEEKDAYS, str(view.weekday), lang)
    every = f"每{day}" if lang == "zh" else f"every {day}"
    since = view.valid_from.isoformat() if view.valid_from else ""
    until = view.valid_until.isoformat() if view.valid_until else ""
    span = f"{since} ~ {until}" if until else (f"{since} 起" if lang == "zh" else f"from {since}")
    return f"{who} · {every} {times} · {span}"


def duty_line(line: DutyLine, lang: str) -> str:
    """One planned shift today: the mark, the times, who, and the state."""
    mark = {DutyState.CHECKED_IN: "✓", DutyState.NO_SHOW: "⚠"}.get(line.state, "·")
    state = words.label(words.DUTY_STATES, line.state.value, lang)
    return f"{mark} {line.starts_at:%H:%M}–{line.ends_at:%H:%M} {line.name} · {state}"


class RotaListPage(Page):
    """Signals:
    weekly_requested(): add a weekly pattern.
    once_requested(): add a one-off shift.
    remove_requested(str): the rota line to remove.
    back_requested(): back to the console.
    """

    weekly_requested = Signal()
    once_requested = Signal()
    remove_requested = Signal(str)
    back_requested = Signal()

    def __init__(
        self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(language, theme, parent)
        self.entries: list[EntryView] = []
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
        self.list = PagedRows("rota", ROWS, (RowAction("rota_remove", "danger", 180),))
        self.list.tapped.connect(self._on_tapped)
        self.list.moved.connect(self.retranslate)
        self.rows = [  # (the line, its Remove)
            (label, taps[0])
            for label, taps in zip(self.list.labels, self.list.buttons, strict=True)
        ]
        layout.addWidget(self.list)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setObjectName("rota_back")
        self.back_button.setMinimumWidth(200)
        self.weekly_button = button("primary", "", height=88)
        self.weekly_button.setObjectName("rota_new_weekly")
        self.weekly_button.setMinimumWidth(260)
        self.once_button = button("primary", "", height=88)
        self.once_button.setObjectName("rota_new_once")
        self.once_button.setMinimumWidth(260)
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.weekly_button)
        bottom.addWidget(self.once_button)
        layout.addLayout(bottom)
        self.back_button.clicked.connect(self.back_requested)
        self.weekly_button.clicked.connect(self.weekly_requested)
        self.once_button.clicked.connect(self.once_requested)
        self.retranslate()

    def show_entries(self, entries: list[EntryView], keep_page: bool = False) -> None:
        if not keep_page:
            self.list.first_page()
        self.entries = list(entries)
        self.retranslate()

    def _shown(self) -> Sequence[EntryView]:
        return self.list.page_of(self.entries)

    @Slot(int, int)
    def _on_tapped(self, _action: int, index: int) -> None:
        shown = self._shown()
        if index < len(shown):
            self.remove_requested.emit(shown[index].id)

    def retranslate(self) -> None:
        lang = self.lang
        self.title.setText(self.tr("Rota"))
        self.hint.setText(
            self.tr(
                "Who is expected on duty when: weekly patterns and one-off shifts. A change is a "
                "removal and a new line."
            )
        )
        shown = self._shown()
        for index, (label, remove) in enumerate(self.rows):
            visible = index < len(shown)
            label.setVisible(visible)
            remove.setVisible(visible)
            if visible:
                label.setText(describe(shown[index], lang))
            remove.setText(self.tr("Remove"))
        if not self.entries:
            self.rows[0][0].setText(self.tr("Nobody is on the rota yet"))
            self.rows[0][0].setVisible(True)
        self.back_button.setText(self.tr("Back"))
        self.weekly_button.setText(self.tr("Every week…"))
        self.once_button.setText(self.tr("One shift…"))
        self.notice.set_language(lang)

    def theme_changed(self) -> None:
        from kiosk.platform.ui import icons

        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def reset(self) -> None:
        self.notice.clear()


class RotaFormPage(FieldFormPage):
    """The rota form: every week or one shift, then the volunteer's number, the weekday (weekly),
    the day (the first day, or the shift's day), start and end, and the last day (weekly, may be
    empty). `submitted(dict)` carries the choice and the fields."""

    def __init__(
        self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            language,
            theme,
            name="rota",
            choices=[WEEKLY, ONCE],
            fields=FIELDS,
            max_length=10,
            parent=parent,
        )
        self.retranslate()

    def start(self, kind: str, today: str) -> None:
        """A new line of `kind`, starting today."""
        self.fill(kind, {"day": today})

    def heading(self) -> str:
        return self.tr("Add to the rota")

    def choice_label(self, kind: str) -> str:
        return self.tr("Every week") if kind == WEEKLY else self.tr("One shift")

    def field_labels(self) -> dict[str, str]:
        return {
            "number": self.tr("Volunteer number"),
            "weekday": self.tr("Weekday (1 Mon … 7 Sun; every week)"),
            "day": self.tr("Day (YYYY-MM-DD; first day if every week)"),
            "starts": self.tr("Starts (HH:MM)"),
            "ends": self.tr("Ends (HH:MM)"),
            "until": self.tr("Last day (every week; may be empty)"),
        }


class DutyPanel(QWidget):
    """The console's tab of today's planned shifts (expected, checked in, no-shows flagged) and
    the swaps awaiting the team leader's approval (approve one).

    Signals:
    approve_requested(str): approve this swap id.
    """

    approve_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.swaps: list[SwapView] = []
        self.caption = QLabel()
        self.caption.setProperty("role", "section")
        self.lines = QLabel()
        self.lines.setObjectName("rota_duty_today")
        self.lines.setProperty("role", "lead")
        self.lines.setWordWrap(True)
        self.swaps_caption = QLabel()
        self.swaps_caption.setProperty("role", "section")
        self.notice = BilingualMessage("lead", center=False)
        self.notice.clear()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.lines)
        layout.addWidget(self.swaps_caption)
        self.swap_rows: list[tuple[QLabel, QPushButton]] = []
        for index in range(APPROVAL_ROWS):
            label = QLabel()
            label.setProperty("role", "lead")
            label.setWordWrap(True)
            approve = button("primary", "", height=72)
            approve.setObjectName(f"rota_approve_{index}")
            approve.setMinimumWidth(180)
            approve.clicked.connect(partial(self._on_approve, index))
            line = QHBoxLayout()
            line.addWidget(label, 1)
            line.addWidget(approve)
            layout.addLayout(line)
            self.swap_rows.append((label, approve))
        layout.addWidget(self.notice)
        layout.addStretch(1)

    def fill(
        self, lines: list[DutyLine], swaps: list[SwapView], lang: str, texts: dict[str, str]
    ) -> None:
        came = sum(1 for line in lines if line.state == DutyState.CHECKED_IN)
        self.caption.setText(texts["caption"].format(came=came, expected=len(lines)))
        if not lines:
            self.lines.setText(texts["none"])
        else:
            self.lines.setText("\n".join(duty_line(line, lang) for line in lines))
        self.swaps = swaps[:APPROVAL_ROWS]
        self.swaps_caption.setText(texts["swaps"])
        self.swaps_caption.setVisible(bool(self.swaps))
        for index, (label, approve) in enumerate(self.swap_rows):
            visible = index < len(self.swaps)
            label.setVisible(visible)
            approve.setVisible(visible)
            if visible:
                label.setText(approval_line(self.swaps[index], lang))
                approve.setText(texts["approve"])
        self.notice.set_language(lang)

    def _on_approve(self, index: int) -> None:
        if index < len(self.swaps):
            self.approve_requested.emit(self.swaps[index].id)

    def reset(self) -> None:
        self.lines.clear()
        self.notice.clear()


SHIFT_ROWS = 3  # the volunteer's shifts ahead shown
OFFER_ROWS = 3  # others' offers shown


def when(starts_at: datetime, ends_at: datetime, lang: str) -> str:
    """A shift's day and times: "11月3日 周二 09:00–12:00" / "Tue 03 Nov 09:00–12:00"."""
    weekday = words.label(words.WEEKDAYS, str(starts_at.weekday()), lang)
    times = f"{starts_at:%H:%M}–{ends_at:%H:%M}"
    if lang == "zh":
        return f"{starts_at.month}月{starts_at.day}日 {weekday} {times}"
    return f"{weekday} {starts_at:%d %b} {times}"


def upcoming_line(shift: UpcomingShift, lang: str) -> str:
    """One of the volunteer's shifts ahead, and its swap's state if offered."""
    text = when(shift.starts_at, shift.ends_at, lang)
    if shift.swap is None:
        return text
    state = words.label(words.SWAP_STATES, shift.swap.state.value, lang)
    if shift.swap.taken_by:
        state += f"（{shift.swap.taken_by}）" if lang == "zh" else f" ({shift.swap.taken_by})"
    return f"{text} · {state}"


def offer_line(swap: SwapView, lang: str) -> str:
    """Another volunteer's offered shift: when, and who offers it."""
    who = f"{swap.offered_by} 让出" if lang == "zh" else f"offered by {swap.offered_by}"
    return f"{when(swap.starts_at, swap.ends_at, lang)} · {who}"


def approval_line(swap: SwapView, lang: str) -> str:
    """A taken swap awaiting the team leader: when, from whom to whom."""
    arrow = f"{swap.offered_by} → {swap.taken_by}"
    return f"{when(swap.starts_at, swap.ends_at, lang)} · {arrow}"


class SwapPage(Page):
    """A volunteer's rota swaps, after they identified (badge or phone + PIN): their shifts
    ahead (offer one, or withdraw an offer), and the shifts others offered (take one). The team
    leader approves at the admin console.

    Signals:
    offer_requested(int): offer the volunteer's shift shown at this row.
    withdraw_requested(str): withdraw the offer of this swap id.
    take_requested(str): take the offer of this swap id.
    done(): back home.
    """

    offer_requested = Signal(int)
    withdraw_requested = Signal(str)
    take_requested = Signal(str)
    done = Signal()

    def __init__(
        self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(language, theme, parent)
        self.name = ""
        self.shifts: list[UpcomingShift] = []
        self.offers: list[SwapView] = []
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.mine_caption = QLabel()
        self.mine_caption.setProperty("role", "section")
        self.others_caption = QLabel()
        self.others_caption.setProperty("role", "section")
        self.notice = BilingualMessage("lead", center=False)
        self.notice.clear()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.mine_caption)
        self.shift_rows = self._rows(layout, "swap_mine", SHIFT_ROWS, self._on_mine)
        layout.addWidget(self.others_caption)
        self.offer_rows = self._rows(layout, "swap_take", OFFER_ROWS, self._on_take)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.done_button = button("primary", "", height=88)
        self.done_button.setObjectName("swap_done")
        self.done_button.setMinimumWidth(260)
        self.done_button.clicked.connect(self.done)
        bottom.addWidget(self.done_button)
        layout.addLayout(bottom)
        self.retranslate()

    def _rows(
        self, layout: QVBoxLayout, name: str, count: int, slot: Callable[[int], None]
    ) -> list[tuple[QLabel, QPushButton]]:
        rows = []
        for index in range(count):
            label = QLabel()
            label.setProperty("role", "lead")
            label.setWordWrap(True)
            act = button("", "", height=72)
            act.setObjectName(f"{name}_{index}")
            act.setMinimumWidth(200)
            act.clicked.connect(partial(slot, index))
            line = QHBoxLayout()
            line.addWidget(label, 1)
            line.addWidget(act)
            layout.addLayout(line)
            rows.append((label, act))
        return rows

    def show_swaps(self, name: str, shifts: list[UpcomingShift], offers: list[SwapView]) -> None:
        self.name = name
        self.shifts = shifts[:SHIFT_ROWS]
        self.offers = offers[:OFFER_ROWS]
        self.retranslate()

    def _on_mine(self, index: int) -> None:
        if index >= len(self.shifts):
            return
        swap = self.shifts[index].swap
        if swap is None:
            self.offer_requested.emit(index)
        else:
            self.withdraw_requested.emit(swap.id)

    def _on_take(self, index: int) -> None:
        if index < len(self.offers):
            self.take_requested.emit(self.offers[index].id)

    def retranslate(self) -> None:
        lang = self.lang
        self.title.setText(self.tr("Rota swaps: {name}").format(name=self.name))
        self.hint.setText(
            self.tr(
                "Offer one of your shifts, or take one another volunteer offered. A swap "
                "counts once the team leader approves it."
            )
        )
        self.mine_caption.setText(self.tr("Your shifts ahead"))
        self.others_caption.setText(self.tr("Shifts you can take"))
        for index, (label, act) in enumerate(self.shift_rows):
            visible = index < len(self.shifts)
            label.setVisible(visible or index == 0)
            act.setVisible(visible)
            if visible:
                shift = self.shifts[index]
                label.setText(upcoming_line(shift, lang))
                act.setText(self.tr("Offer") if shift.swap is None else self.tr("Withdraw"))
        if not self.shifts:
            self.shift_rows[0][0].setText(self.tr("No rota shifts in the next two weeks"))
        for index, (label, act) in enumerate(self.offer_rows):
            visible = index < len(self.offers)
            label.setVisible(visible or index == 0)
            act.setVisible(visible)
            if visible:
                label.setText(offer_line(self.offers[index], lang))
                act.setText(self.tr("Take"))
        if not self.offers:
            self.offer_rows[0][0].setText(self.tr("No shifts offered right now"))
        self.done_button.setText(self.tr("Done"))
        self.notice.set_language(lang)

    def reset(self) -> None:
        self.notice.clear()
