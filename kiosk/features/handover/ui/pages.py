"""The handover pages: the record (what is open, the stock count item by item with − and +,
a reason for each difference, a note), the reasons, the note, and the page the arriving
volunteer reads and acknowledges.

Counts start at what the kiosk expects, so a volunteer in a hurry only touches what differs.
The pages only show and ask: the flow calls the service.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.features.handover.domain import MAX_COUNT, MAX_NOTE, DifferenceReason
from kiosk.features.handover.service import HandoverView, Snapshot, StockItem
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

ROWS = 5


def open_text(open_things: dict[str, int], lang: str) -> str:
    r, w, c, lent = (open_things.get(k, 0) for k in ("requests", "wishes", "charging", "lent"))
    if lang == "zh":
        return f"未完成求助 {r} · 未答复心愿 {w} · 充电中手机 {c} · 借出未还 {lent}"
    return f"Open requests {r} · wishes {w} · phones charging {c} · items lent out {lent}"


def key_of(item: StockItem) -> str:
    return f"{item.kind}:{item.item_id}"


class HandoverPage(Page):
    """Signals: reason_requested(str) for an item key; note_requested(); saved(); skipped()."""

    reason_requested = Signal(str)
    note_requested = Signal()
    saved = Signal()
    skipped = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.who = ""
        self.snapshot = Snapshot(0, 0, 0, 0)
        self.counted: dict[str, int] = {}
        self.reasons: dict[str, str] = {}
        self.note = ""
        self.page_index = 0
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.open_line = QLabel()
        self.open_line.setObjectName("handover_open")
        self.open_line.setProperty("role", "lead")
        self.open_line.setWordWrap(True)
        self.caption = QLabel()
        self.caption.setProperty("role", "lead")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        self.rows: list[tuple[QLabel, QPushButton, QLabel, QPushButton, QPushButton]] = []
        for index in range(ROWS):
            name = QLabel()
            name.setWordWrap(True)
            minus = button("", "", height=72)
            minus.setObjectName(f"handover_minus_{index}")
            minus.setText("−")
            minus.setFixedWidth(96)
            value = QLabel()
            value.setObjectName(f"handover_count_{index}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setProperty("role", "headline")
            value.setMinimumWidth(120)
            plus = button("", "", height=72)
            plus.setObjectName(f"handover_plus_{index}")
            plus.setText("+")
            plus.setFixedWidth(96)
            reason = button("", "", height=72)
            reason.setObjectName(f"handover_reason_{index}")
            minus.clicked.connect(partial(self._step, index, -1))
            plus.clicked.connect(partial(self._step, index, 1))
            reason.clicked.connect(partial(self._on_reason, index))
            for column, widget in enumerate((name, minus, value, plus, reason)):
                grid.addWidget(widget, index, column)
            self.rows.append((name, minus, value, plus, reason))
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(4, 2)
        self.previous_button = button("", "", height=72)
        self.previous_button.setObjectName("handover_previous")
        self.next_button = button("", "", height=72)
        self.next_button.setObjectName("handover_next")
        self.page_label = QLabel()
        paging = QHBoxLayout()
        paging.addWidget(self.previous_button)
        paging.addWidget(self.page_label)
        paging.addWidget(self.next_button)
        paging.addStretch(1)
        self.note_button = button("", "", height=72)
        self.note_button.setObjectName("handover_note")
        paging.addWidget(self.note_button, 2)
        self.message = BilingualMessage("lead", center=False)
        self.message.clear()
        self.skip_button = button("", "back", theme.palette.icon, height=88)
        self.skip_button.setObjectName("handover_skip")
        self.save_button = button("primary", "check", "#FFFFFF", height=88)
        self.save_button.setObjectName("handover_save")
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 20, 48, 20)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.open_line)
        layout.addWidget(self.caption)
        layout.addLayout(grid)
        layout.addLayout(paging)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.previous_button.clicked.connect(lambda: self._turn(-1))
        self.next_button.clicked.connect(lambda: self._turn(1))
        self.note_button.clicked.connect(self.note_requested)
        self.skip_button.clicked.connect(self.skipped)
        self.save_button.clicked.connect(self.saved)
        self.retranslate()

    def start(self, who: str, snapshot: Snapshot) -> None:
        self.who = who
        self.snapshot = snapshot
        self.counted = {key_of(i): max(0, i.expected) for i in snapshot.stock}
        self.reasons = {}
        self.note = ""
        self.page_index = 0
        self.message.clear()
        self.retranslate()

    def _shown(self) -> list[StockItem]:
        start = self.page_index * ROWS
        return self.snapshot.stock[start : start + ROWS]

    def _step(self, index: int, delta: int) -> None:
        shown = self._shown()
        if index >= len(shown):
            return
        key = key_of(shown[index])
        self.counted[key] = min(MAX_COUNT, max(0, self.counted[key] + delta))
        self.message.clear()
        self.retranslate()

    def _on_reason(self, index: int) -> None:
        shown = self._shown()
        if index < len(shown):
            self.reason_requested.emit(key_of(shown[index]))

    def _turn(self, step: int) -> None:
        pages = max(1, -(-len(self.snapshot.stock) // ROWS))
        self.page_index = min(pages - 1, max(0, self.page_index + step))
        self.retranslate()

    def first_key(self) -> str:
        return key_of(self.snapshot.stock[0]) if self.snapshot.stock else ""

    def minus_first(self) -> None:
        """One less of the first item (a screenshot scene's change)."""
        if self.snapshot.stock:
            self._step(0, -1)

    def set_reason(self, key: str, reason: str) -> None:
        self.reasons[key] = reason
        self.retranslate()

    def set_note(self, note: str) -> None:
        self.note = note
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang, "error")

    def retranslate(self) -> None:
        zh = self.lang == "zh"
        self.title.setText(self.tr("Handover: %1").replace("%1", self.who))
        self.open_line.setText(open_text(vars_of(self.snapshot), self.lang))
        self.caption.setText(
            self.tr("Count the medicine box and the lending shelf; change only what differs.")
            if self.snapshot.stock
            else self.tr("Nothing to count at this station.")
        )
        shown = self._shown()
        for index, (name, minus, value, plus, reason) in enumerate(self.rows):
            visible = index < len(shown)
            for widget in (name, minus, value, plus):
                widget.setVisible(visible)
            if not visible:
                reason.setVisible(False)
                continue
            item = shown[index]
            key = key_of(item)
            count = self.counted[key]
            kind = self.tr("Medicine") if item.kind == "medicine" else self.tr("Lending")
            item_name = item.name_zh if zh else item.name_en
            name.setText(
                f"{item_name}（{kind}，应有 {item.expected}）"
                if zh
                else f"{item_name} ({kind}, expected {item.expected})"
            )
            value.setText(str(count))
            differs = count != item.expected
            reason.setVisible(differs)
            chosen = self.reasons.get(key)
            reason.setText(
                words.label(words.HANDOVER_REASONS, chosen, self.lang)
                if chosen
                else self.tr("Why?")
            )
            reason.setProperty("kind", "" if chosen else "danger")
        pages = max(1, -(-len(self.snapshot.stock) // ROWS))
        self.page_label.setText(f"{self.page_index + 1} / {pages}")
        for widget in (self.previous_button, self.next_button, self.page_label):
            widget.setVisible(pages > 1)
        self.previous_button.setText(self.tr("Previous"))
        self.next_button.setText(self.tr("Next"))
        self.note_button.setText(
            self.tr("Note: %1").replace("%1", self.note) if self.note else self.tr("Add a note")
        )
        self.skip_button.setText(self.tr("No handover"))
        self.save_button.setText(self.tr("Record handover"))
        self.message.set_language(self.lang)

    def theme_changed(self) -> None:
        self.skip_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def reset(self) -> None:
        self.message.clear()


def vars_of(snapshot: Snapshot) -> dict[str, int]:
    return {
        "requests": snapshot.requests,
        "wishes": snapshot.wishes,
        "charging": snapshot.charging,
        "lent": snapshot.lent,
    }


class ReasonPage(Page):
    """Why a count differs: one big button per reason."""

    chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.reason_buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(14)
        layout.addWidget(self.title)
        for reason in DifferenceReason:
            choice = button("", "", height=88)
            choice.setObjectName(f"handover_why_{reason.value}")
            choice.clicked.connect(partial(self.chosen.emit, reason.value))
            layout.addWidget(choice)
            self.reason_buttons[reason.value] = choice
        layout.addStretch(1)
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setObjectName("handover_why_back")
        self.back_button.clicked.connect(self.back_requested)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Why does the count differ?"))
        for reason, choice in self.reason_buttons.items():
            choice.setText(words.label(words.HANDOVER_REASONS, reason, self.lang))
        self.back_button.setText(self.tr("Back"))


class NotePage(Page):
    """A note for the next volunteer, on the touch keyboard (pinyin in Chinese)."""

    done = Signal(str)

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        from kiosk.platform.ui.widgets.touch_keyboard import TouchKeyboard

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.keyboard = TouchKeyboard(max_length=MAX_NOTE, icon_color=theme.palette.icon)
        self.ok_button = button("primary", "check", "#FFFFFF", height=88)
        self.ok_button.setObjectName("handover_note_ok")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 20, 48, 20)
        layout.addWidget(self.title)
        layout.addWidget(self.keyboard, 1)
        layout.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignRight)
        self.ok_button.clicked.connect(lambda: self.done.emit(self.keyboard.value))
        self.retranslate()

    def start(self, note: str) -> None:
        self.keyboard.start(self.lang)
        self.keyboard.set_value(note)

    def retranslate(self) -> None:
        self.title.setText(self.tr("A note for the next volunteer"))
        self.ok_button.setText(self.tr("OK"))
        self.keyboard.retranslate()

    def reset(self) -> None:
        self.keyboard.clear()


class ReadPage(Page):
    """The handover the arriving volunteer reads: what is open, what differed, the note."""

    acknowledged = Signal()
    later = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.view: HandoverView | None = None
        self.names: dict[str, tuple[str, str]] = {}
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.open_line = QLabel()
        self.open_line.setObjectName("handover_read_open")
        self.open_line.setProperty("role", "lead")
        self.open_line.setWordWrap(True)
        self.differences = QLabel()
        self.differences.setObjectName("handover_read_differences")
        self.differences.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("handover_read_note")
        self.note.setProperty("role", "lead")
        self.note.setWordWrap(True)
        self.later_button = button("", "back", theme.palette.icon, height=88)
        self.later_button.setObjectName("handover_later")
        self.ack_button = button("primary", "check", "#FFFFFF", height=88)
        self.ack_button.setObjectName("handover_acknowledge")
        bottom = QHBoxLayout()
        bottom.addWidget(self.later_button)
        bottom.addStretch(1)
        bottom.addWidget(self.ack_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(14)
        for widget in (self.title, self.open_line, self.differences, self.note):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.ack_button.clicked.connect(self.acknowledged)
        self.later_button.clicked.connect(self.later)
        self.retranslate()

    def show_handover(self, view: HandoverView, names: dict[str, tuple[str, str]]) -> None:
        self.view = view
        self.names = names
        self.retranslate()

    def retranslate(self) -> None:
        zh = self.lang == "zh"
        view = self.view
        self.ack_button.setText(self.tr("I have read it"))
        self.later_button.setText(self.tr("Later"))
        if view is None:
            return
        self.title.setText(
            self.tr("Handover from %1 at %2")
            .replace("%1", view.by)
            .replace("%2", f"{view.recorded_at:%H:%M}")
        )
        self.open_line.setText(open_text(view.open, self.lang))
        lines = []
        for count in view.counts:
            if count["counted"] == count["expected"]:
                continue
            key = f"{count['kind']}:{count['item_id']}"
            name = self.names.get(key, (str(count["item_id"]),) * 2)[0 if zh else 1]
            reason = words.label(words.HANDOVER_REASONS, str(count.get("reason", "")), self.lang)
            lines.append(
                f"{name}：应有 {count['expected']}，清点 {count['counted']}（{reason}）"
                if zh
                else f"{name}: expected {count['expected']}, counted {count['counted']} ({reason})"
            )
        self.differences.setText("\n".join(lines) if lines else self.tr("The stock count matched."))
        self.note.setText(self.tr("Note: %1").replace("%1", view.note) if view.note else "")
        self.note.setVisible(bool(view.note))
