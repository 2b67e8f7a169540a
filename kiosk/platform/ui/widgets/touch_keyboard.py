"""Our on-screen keyboard for free text: pinyin with a candidate bar, handwriting, and English.

Not Qt Virtual Keyboard (GPLv3). Pinyin comes from librime and handwriting from Zinnia
(`kiosk.platform.ime`); a mode whose engine is missing is not offered, so at worst this is the
Latin keyboard it replaced. Keys never take keyboard focus, so a USB scanner typing into the
window still reaches the scanner filter while the keyboard is open. The typed text leaves the
widget only through `value` / `edited`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.platform.ime import InputEngines, default_engines
from kiosk.platform.ime.composition import (
    KEY_BACKSPACE,
    KEY_PAGE_DOWN,
    KEY_PAGE_UP,
    Composition,
    RimeUnavailable,
)
from kiosk.platform.ui import icons
from kiosk.platform.ui.util import repolish
from kiosk.platform.ui.widgets.handwriting_pad import HandwritingPad

if TYPE_CHECKING:
    from kiosk.platform.ime.rime import PinyinSession

log = logging.getLogger(__name__)

DIGITS = "1234567890"
ROWS = ("qwertyuiop", "asdfghjkl'", "zxcvbnm,.?")
EXTRA = "-!/:@"
KEY_PX = 76
CANDIDATES = 8
PINYIN, HANDWRITING, LATIN = "pinyin", "handwriting", "latin"
MODES = (PINYIN, HANDWRITING, LATIN)
# Chinese text takes Chinese punctuation (，。？！：) when typed in pinyin or handwriting.
FULL_WIDTH = {",": "，", ".": "。", "?": "？", "!": "！", ":": "："}


class TouchKeyboard(QWidget):
    """Signals:
    edited(str): the text changed.
    """

    edited = Signal(str)

    def __init__(
        self,
        *,
        max_length: int = 200,
        icon_color: str = "#9C3D1E",
        engines: InputEngines | None = None,
        modes: tuple[str, ...] = MODES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._max_length = max_length
        self._value = ""
        self._shift = self._caps = False
        self._placeholder = ""
        self._composition = Composition()
        self._session: PinyinSession | None = None
        engines = engines or default_engines()
        self._pinyin = engines.pinyin() if PINYIN in modes else None
        self._handwriting = engines.handwriting() if HANDWRITING in modes else None
        self.modes = tuple(
            m
            for m in modes
            if m == LATIN
            or (m == PINYIN and self._pinyin)
            or (m == HANDWRITING and self._handwriting)
        ) or (LATIN,)
        self.default_mode = self.modes[0]
        self.mode = self.default_mode

        self.keys: dict[str, QPushButton] = {}
        self.display = QLabel()
        self.display.setObjectName("keyboard_display")
        self.display.setWordWrap(True)
        self.display.setMinimumHeight(96)
        self.display.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.prev_page_button = self._aux("prev_page", "‹")
        self.prev_page_button.clicked.connect(lambda: self._rime_key(KEY_PAGE_UP))
        self.next_page_button = self._aux("next_page", "›")
        self.next_page_button.clicked.connect(lambda: self._rime_key(KEY_PAGE_DOWN))
        self.candidate_buttons: list[QPushButton] = []
        candidates = QHBoxLayout()
        candidates.setSpacing(8)
        candidates.addWidget(self.prev_page_button, 1)
        for index in range(CANDIDATES):
            candidate = self._aux(f"candidate_{index}")
            candidate.setProperty("key", "candidate")
            candidate.clicked.connect(lambda _=False, i=index: self._on_candidate(i))
            candidates.addWidget(candidate, 2)
            self.candidate_buttons.append(candidate)
        candidates.addWidget(self.next_page_button, 1)
        self.candidate_bar = QWidget()
        self.candidate_bar.setObjectName("candidate_bar")
        self.candidate_bar.setLayout(candidates)
        candidates.setContentsMargins(0, 0, 0, 0)
        digits = QHBoxLayout()
        digits.setContentsMargins(0, 0, 0, 0)
        digits.setSpacing(10)
        for char in DIGITS:
            digits.addWidget(self._key(char))
        digit_row = QWidget()
        digit_row.setLayout(digits)
        # Candidates take the digits' row while there is something to choose, as on a phone:
        # one row less keeps every key at touch size on the tallest pages, in large type too.
        self.top_row = QStackedWidget()
        self.top_row.addWidget(digit_row)
        self.top_row.addWidget(self.candidate_bar)
        self.top_row.setFixedHeight(KEY_PX)

        grid = QGridLayout()
        grid.setSpacing(10)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, chars in enumerate(ROWS):
            for column, char in enumerate(chars):
                grid.addWidget(self._key(char), row, column)
        keys_page = QWidget()
        keys_page.setLayout(grid)
        self.pad = HandwritingPad()
        self.pad.strokes_changed.connect(self._on_strokes)
        self.pad_clear_button = self._aux("pad_clear")
        self.pad_clear_button.setMinimumWidth(KEY_PX * 2)
        self.pad_clear_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.pad_clear_button.clicked.connect(self.pad.clear)
        pad_page = QWidget()
        pad_row = QHBoxLayout(pad_page)
        pad_row.setContentsMargins(0, 0, 0, 0)
        pad_row.setSpacing(16)
        pad_row.addStretch(1)
        pad_row.addWidget(self.pad, 3)
        pad_row.addWidget(self.pad_clear_button, 0, Qt.AlignmentFlag.AlignBottom)
        pad_row.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(keys_page)
        self.stack.addWidget(pad_page)

        self.shift_button = self._aux("shift")
        self.shift_button.setCheckable(True)
        self.shift_button.clicked.connect(self._on_shift)
        self.mode_buttons: dict[str, QPushButton] = {}
        for mode in self.modes if len(self.modes) > 1 else ():
            mode_button = self._aux(f"mode_{mode}")
            mode_button.setCheckable(True)
            mode_button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            self.mode_buttons[mode] = mode_button
        self.space_button = self._aux("space")
        self.space_button.clicked.connect(self._on_space)
        self.backspace_button = self._aux("backspace")
        self.backspace_button.setIcon(icons.icon("backspace", 40, icon_color))
        self.backspace_button.setIconSize(QSize(40, 40))
        self.backspace_button.clicked.connect(self._on_backspace)
        bottom = QHBoxLayout()
        bottom.setSpacing(10)
        bottom.addWidget(self.shift_button, 2)
        for mode_button in self.mode_buttons.values():
            bottom.addWidget(mode_button, 2)
        for char in EXTRA:
            bottom.addWidget(self._key(char), 1)
        bottom.addWidget(self.space_button, 3)
        bottom.addWidget(self.backspace_button, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.display)
        layout.addWidget(self.top_row)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self.retranslate()
        self.set_mode(self.mode)

    def _key(self, char: str) -> QPushButton:
        key = QPushButton(char)
        key.setProperty("key", "true")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setMinimumSize(KEY_PX, KEY_PX)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        key.setAccessibleName(char)
        key.clicked.connect(lambda _=False, c=char: self.press(c))
        self.keys[char] = key
        return key

    def _aux(self, name: str, text: str = "") -> QPushButton:
        key = QPushButton(text)
        key.setObjectName(f"keyboard_{name}")
        key.setProperty("key", "aux")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setMinimumSize(KEY_PX, KEY_PX)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return key

    def retranslate(self) -> None:
        self.shift_button.setText(self.tr("Shift"))
        self.space_button.setText(self.tr("Space"))
        self.backspace_button.setAccessibleName(self.tr("Delete"))
        self.pad_clear_button.setText(self.tr("Rewrite"))
        names = {PINYIN: self.tr("Pinyin"), HANDWRITING: self.tr("Write"), LATIN: self.tr("ABC")}
        for mode, mode_button in self.mode_buttons.items():
            mode_button.setText(names[mode])

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self._refresh()

    def set_max_length(self, length: int) -> None:
        self._max_length = length

    def set_icon_color(self, color: str) -> None:
        self.backspace_button.setIcon(icons.icon("backspace", 40, color))

    @property
    def value(self) -> str:
        return self._value

    @property
    def composing(self) -> str:
        """The pinyin typed but not yet turned into characters."""
        return self._composition.preedit

    @property
    def candidates(self) -> tuple[str, ...]:
        return tuple(b.text() for b in self.candidate_buttons if b.isVisibleTo(self))

    @property
    def shifted(self) -> bool:
        return self._shift or self._caps

    def set_mode(self, mode: str) -> None:
        """Pinyin, handwriting or Latin; what was half typed in the old mode is dropped."""
        if mode not in self.modes:
            return
        if self._session is not None:
            self._session.clear()
        self._composition = Composition()
        self.pad.clear()
        self.mode = mode
        self.stack.setCurrentIndex(1 if mode == HANDWRITING else 0)
        for name, mode_button in self.mode_buttons.items():
            mode_button.setChecked(name == mode)
        self._show_candidates([])

    def press(self, char: str) -> None:
        """Type one key: a letter goes to pinyin in pinyin mode, else straight to the text."""
        if self.mode == PINYIN and char.isascii() and char.isalpha() and not self.shifted:
            if len(self._value) < self._max_length:
                self._rime_key(ord(char))
            return
        if self.composing:
            self._on_candidate(0)  # a sign after pinyin takes the first candidate, as phones do
        if char.isalpha() and self.shifted:
            char = char.upper()
        if self.mode != LATIN:
            char = FULL_WIDTH.get(char, char)
        self._append(char)
        if self._shift and not self._caps:
            self._shift = False
        self._refresh()

    def start(self, language: str) -> None:
        """Empty, in the mode a reader of `language` expects: pinyin for zh, English for en."""
        wanted = PINYIN if language == "zh" else LATIN
        self.default_mode = wanted if wanted in self.modes else self.modes[0]
        self.clear()

    def set_value(self, text: str) -> None:
        """Start from `text` (a record being corrected)."""
        self.clear()
        self._append(text)
        self._refresh()

    def clear(self) -> None:
        self._value = ""
        self._shift = self._caps = False
        self.set_mode(self.default_mode)
        self._refresh()

    # --- engines ------------------------------------------------------------------------------

    def _rime(self) -> PinyinSession | None:
        if self._session is None and self._pinyin is not None:
            try:
                self._session = self._pinyin.session()
            except RimeUnavailable:
                log.exception("pinyin input failed to start; Latin letters only")
                self._pinyin = None
                return None
            session = self._session
            self.destroyed.connect(lambda: session.close())
        return self._session

    def _rime_key(self, keycode: int) -> None:
        session = self._rime()
        if session is None:
            return
        self._append(session.key(keycode))
        self._composition = session.state()
        self._show_candidates(list(self._composition.candidates))

    @Slot()
    def _on_strokes(self) -> None:
        engine = self._handwriting
        if engine is None or self.mode != HANDWRITING:
            return
        side = self.pad.side
        found = engine.classify(self.pad.strokes, side, side, CANDIDATES)
        self._show_candidates(found)

    def _on_candidate(self, index: int) -> None:
        if self.mode == PINYIN:
            session = self._rime()
            if session is not None and self.composing:
                self._append(session.select(index))
                self._composition = session.state()
                self._show_candidates(list(self._composition.candidates))
            return
        if self.mode == HANDWRITING and index < len(self.candidates):
            self._append(self.candidate_buttons[index].text())
            self.pad.clear()

    def _show_candidates(self, texts: list[str]) -> None:
        for index, candidate in enumerate(self.candidate_buttons):
            text = texts[index] if index < len(texts) else ""
            candidate.setText(text)
            candidate.setVisible(bool(text))
        paging = self.mode == PINYIN and self.composing
        self.prev_page_button.setVisible(bool(paging and self._composition.page > 0))
        self.next_page_button.setVisible(bool(paging and not self._composition.last_page))
        self.top_row.setCurrentIndex(1 if texts or paging else 0)
        self._refresh()

    # --- keys ---------------------------------------------------------------------------------

    def _append(self, text: str) -> None:
        room = self._max_length - len(self._value)
        if text and room > 0:
            self._value += text[:room]

    @Slot()
    def _on_space(self) -> None:
        if self.mode == PINYIN and self.composing:
            self._on_candidate(0)
        else:
            self._append(" ")
            self._refresh()

    @Slot()
    def _on_shift(self) -> None:
        if self._caps:
            self._shift = self._caps = False
        elif self._shift:
            self._caps = True  # a second tap keeps capitals on
        else:
            self._shift = True
        self._refresh()

    @Slot()
    def _on_backspace(self) -> None:
        if self.mode == PINYIN and self.composing:
            self._rime_key(KEY_BACKSPACE)
            return
        if self.mode == HANDWRITING and self.pad.strokes:
            self.pad.strokes.pop()  # the last stroke first, as on a phone
            self.pad.update()
            self._on_strokes()
            if not self.pad.strokes:
                self._show_candidates([])
            return
        self._value = self._value[:-1]
        self._refresh()

    def _refresh(self) -> None:
        upper = self.shifted
        for char, key in self.keys.items():
            if char.isalpha():
                key.setText(char.upper() if upper else char)
            elif self.mode != LATIN:
                key.setText(FULL_WIDTH.get(char, char))
            else:
                key.setText(char)
        self.shift_button.setChecked(upper)
        shown = self._value + self.composing
        self.display.setText(shown + "▏" if shown else self._placeholder)
        if self.display.property("empty") != (not shown):
            self.display.setProperty("empty", not shown)
            repolish(self.display)
        self.edited.emit(self._value)
