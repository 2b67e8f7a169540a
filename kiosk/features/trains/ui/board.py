"""The departures board (列车动态) travellers read, and its train-number search on the keypad.

Eight departures at a time in large type, each with the eight fields station boards show
(车次, 终到站, 开点, 检票口, 状态, 晚点, 候车室, 站台) under headings in both languages; times are
the station's. The page only shows: the flow reads the service and hands it a `Board`.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core import words
from kiosk.features.trains.domain import BOARD_ROWS, Departure, TrainStatus
from kiosk.features.trains.service import Board
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.pages.entry import KeypadPage
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.platform.ui.widgets.train_keypad import TrainKeypad

# The columns, their headings in both languages (always both: a board is read by everyone),
# and their share of the width.
COLUMNS: tuple[tuple[str, str, str, int], ...] = (
    ("train", "车次", "Train", 3),
    ("to", "终到站", "To", 5),
    ("departs", "开点", "Departs", 3),
    ("gate", "检票口", "Gate", 3),
    ("status", "状态", "Status", 4),
    ("delay", "晚点", "Delay", 3),
    ("waiting_room", "候车室", "Waiting room", 4),
    ("platform", "站台", "Platform", 2),
)
SEARCH_LETTERS = "GDCKTZ"  # 高铁 动车 城际 快速 特快 直达


def cell_texts(departure: Departure, lang: str, today_iso: str) -> dict[str, str]:
    """One departure's cells in `lang` (what a test reads, and what the board draws)."""
    zh = lang == "zh"
    departs = departure.departs.strftime("%H:%M")
    if departure.day.isoformat() > today_iso:
        departs = f"次日 {departs}" if zh else f"{departs} +1"
    delay = "—"
    if departure.delay_min and departure.status is not TrainStatus.CANCELLED:
        delay = f"{departure.delay_min} 分" if zh else f"{departure.delay_min} min"
    gate = departure.gate or "—"
    if departure.gate_changed:
        gate += " *"
    return {
        "train": departure.train,
        "to": departure.to_zh if zh else departure.to_en,
        "departs": departs,
        "gate": gate,
        "status": words.label(words.TRAIN_STATUSES, departure.status.value, lang),
        "delay": delay,
        "waiting_room": departure.waiting_room or "—",
        "platform": departure.platform or "—",
    }


class BoardPage(Page):
    """Signals:
    search_requested(): open the train-number keypad.
    show_all_requested(): leave a search, back to every departure.
    back_requested(): home.
    """

    search_requested = Signal()
    show_all_requested = Signal()
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.board: Board | None = None
        self.searched = ""
        self.shown: list[Departure] = []
        self._page = 0
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.clock = QLabel()
        self.clock.setProperty("role", "lead")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.source = QLabel()
        self.source.setProperty("role", "muted")
        self.source.setWordWrap(True)
        self.empty = BilingualMessage("lead", center=True)
        self.empty.clear()

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)
        self.headings: list[tuple[QLabel, QLabel]] = []
        for column, (_key, _zh, _en, share) in enumerate(COLUMNS):
            zh_label, en_label = QLabel(), QLabel()
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(zh_label)
            box.addWidget(en_label)
            self.grid.addLayout(box, 0, column)
            self.grid.setColumnStretch(column, share)
            self.headings.append((zh_label, en_label))
        self.cells: list[dict[str, QLabel]] = []
        for row in range(BOARD_ROWS):
            line: dict[str, QLabel] = {}
            for column, (key, *_rest) in enumerate(COLUMNS):
                cell = QLabel()
                cell.setObjectName(f"board_{key}_{row}")
                self.grid.addWidget(cell, row + 1, column)
                line[key] = cell
            self.cells.append(line)

        self.note = QLabel()
        self.note.setProperty("role", "muted")
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("board_back")
        self.back_button.setMinimumWidth(240)
        self.previous_button = button("", "", height=96)
        self.previous_button.setObjectName("board_previous")
        self.next_button = button("", "", height=96)
        self.next_button.setObjectName("board_next")
        for paging in (self.previous_button, self.next_button):
            paging.setMinimumWidth(200)
        self.all_button = button("", "", height=96)
        self.all_button.setObjectName("board_all")
        self.search_button = button("primary", "train", "#FFFFFF", height=96)
        self.search_button.setObjectName("board_search")
        self.search_button.setMinimumWidth(320)

        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.clock)
        bottom = QHBoxLayout()
        bottom.setSpacing(18)
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.next_button)
        bottom.addWidget(self.all_button)
        bottom.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 24, 60, 24)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addWidget(self.source)
        layout.addLayout(self.grid)
        layout.addWidget(self.empty)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addLayout(bottom)

        self.back_button.clicked.connect(self.back_requested)
        self.search_button.clicked.connect(self.search_requested)
        self.all_button.clicked.connect(self.show_all_requested)
        self.previous_button.clicked.connect(partial(self._on_page, -1))
        self.next_button.clicked.connect(partial(self._on_page, 1))
        self.theme_changed()
        self.retranslate()

    # --- what the flow calls ---------------------------------------------------------------------

    def show_board(
        self, board: Board, searched: str = "", found: list[Departure] | None = None
    ) -> None:
        """Every departure, or the search's `found` for `searched`; keeps the page number when
        the same view is only refreshed."""
        if searched != self.searched or board.source != (self.board.source if self.board else ""):
            self._page = 0
        self.board = board
        self.searched = searched
        self.shown = list(found if found is not None else board.departures)
        pages = max(1, (len(self.shown) + BOARD_ROWS - 1) // BOARD_ROWS)
        self._page = min(self._page, pages - 1)
        self.retranslate()

    def reset(self) -> None:
        self._page = 0
        self.searched = ""

    # --- drawing ---------------------------------------------------------------------------------

    def theme_changed(self) -> None:
        self._fill_cells()
        sizes, palette = self.theme.sizes, self.theme.palette
        for zh_label, en_label in self.headings:
            zh_label.setStyleSheet(
                f"font-size: {sizes.lead}px; font-weight: bold; color: {palette.primary};"
            )
            en_label.setStyleSheet(
                f"font-size: {sizes.small}px; color: {self.theme.palette.muted};"
            )

    def _colour(self, status: TrainStatus) -> str:
        palette = self.theme.palette
        return {
            TrainStatus.CANCELLED: palette.error,
            TrainStatus.DELAYED: palette.warn,
            TrainStatus.CHECKING_IN: palette.success,
            TrainStatus.CHECK_IN_CLOSED: palette.muted,
            TrainStatus.ON_TIME: palette.text,
        }[status]

    def _fill_cells(self) -> None:
        sizes, palette = self.theme.sizes, self.theme.palette
        big = sizes.headline
        start = self._page * BOARD_ROWS
        rows = self.shown[start : start + BOARD_ROWS]
        today = self.board.now.date().isoformat() if self.board else ""
        for index, line in enumerate(self.cells):
            departure = rows[index] if index < len(rows) else None
            texts = cell_texts(departure, self.lang, today) if departure else {}
            for key, cell in line.items():
                text = texts.get(key, "")
                if key == "departs" and departure is not None and departure.day.isoformat() > today:
                    # tomorrow's: the time as large as today's, the day marker small beside it
                    marker = "次日" if self.lang == "zh" else "+1"
                    time_text = departure.departs.strftime("%H:%M")
                    text = f'{time_text} <span style="font-size: {sizes.small}px;">{marker}</span>'
                cell.setText(text)
                colour = palette.text
                if departure is not None and key in ("status", "delay"):
                    colour = self._colour(departure.status)
                if departure is not None and key == "gate" and departure.gate_changed:
                    colour = palette.warn
                weight = "bold" if key in ("train", "departs", "status") else "normal"
                size = big if key in ("train", "departs", "gate", "status") else sizes.lead
                style = f"font-size: {size}px; font-weight: {weight}; color: {colour};"
                if cell.styleSheet() != style:  # a new style sheet re-polishes: only on change
                    cell.setStyleSheet(style)
                cell.setVisible(departure is not None)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Train departures"))
        for (zh_label, en_label), (_key, zh, en, _share) in zip(
            self.headings, COLUMNS, strict=True
        ):
            zh_label.setText(zh)
            en_label.setText(en)
        board = self.board
        if board is not None:
            self.clock.setText(
                self.tr("Station time %1").replace("%1", board.now.strftime("%H:%M"))
            )
        if board is None or not board.source:
            self.source.setText("")
        elif board.source == "centre":
            self.source.setText(self.tr("Timetable from the centre; delays as staff report them."))
        else:
            self.source.setText(
                self.tr("Timetable imported at this station; delays as staff report them.")
            )
        self._fill_cells()
        changed = any(d.gate_changed for d in self.shown)
        self.note.setText(self.tr("* gate changed") if changed else "")
        self.note.setVisible(changed)
        if board is not None and not board.source:
            self.empty.show_message(
                "暂无本站时刻表，请向工作人员或问询处询问",
                "No timetable here yet: please ask staff or the information desk",
                self.lang,
                "info",
            )
        elif board is not None and not self.shown:
            self.empty.show_message(
                "今明两天没有待发车次", "No more departures today or tomorrow", self.lang, "info"
            )
        else:
            self.empty.clear()
        pages = max(1, (len(self.shown) + BOARD_ROWS - 1) // BOARD_ROWS)
        self.previous_button.setText(self.tr("Earlier"))
        self.next_button.setText(self.tr("Later"))
        self.previous_button.setVisible(self._page > 0)
        self.next_button.setVisible(self._page < pages - 1)
        self.all_button.setText(self.tr("All departures"))
        self.all_button.setVisible(bool(self.searched))
        self.search_button.setText(self.tr("Find my train"))
        self.back_button.setText(self.tr("Back"))
        if self.searched and board is not None:
            self.title.setText(self.tr("Train %1").replace("%1", self.searched))

    @Slot()
    def _on_page(self, step: int) -> None:
        self._page = max(0, self._page + step)
        self.retranslate()


class TrainSearchPage(KeypadPage):
    """The keypad with the train-type letters in front of the digits: "G12" finds G1234."""

    ICON = "train"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=6, parent=parent)
        plain = self.keypad
        self.train_keypad = TrainKeypad(icon_color=theme.palette.icon, letters=SEARCH_LETTERS)
        self.keypad = self.train_keypad
        self.keypad.setFixedWidth(600)
        layout = self.layout()
        assert layout is not None
        layout.replaceWidget(plain, self.keypad, Qt.FindChildOption.FindDirectChildrenOnly)
        plain.hide()  # at once: deletion waits for the event loop
        plain.deleteLater()
        self.keypad.submitted.connect(self._on_submitted)
        self.keypad.edited.connect(self._on_edited)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Find my train"))
        self.hint.setText(self.tr("Type the train number, letter first: G1234, D56, K1."))
        self.detail.setText(self.tr("The first letters or digits are enough."))
        self.keypad.set_placeholder(self.tr("e.g. G1234"))
