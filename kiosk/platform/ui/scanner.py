"""USB QR scanners type like a keyboard: tell their bursts from a person typing, on every screen.

`ScanBuffer` is pure Python and decides from explicit timestamps: a scanner types each key a few
milliseconds after the last and ends with Enter; a person is far slower. `ScannerFilter` watches
the kiosk window's input, feeds the buffer and emits what was scanned.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

MAX_GAP_S = 0.035  # scanners type a key every 1-15 ms; people rarely under 60 ms
MIN_LENGTH = 6  # shorter bursts are a person hitting two keys at once, not a code
MAX_LENGTH = 1024  # beyond this it is garbage, whatever it says


class ScanProblem(StrEnum):
    """Why a burst that looked like a scan was refused."""

    TOO_LONG = "too_long"
    GARBAGE = "garbage"


@dataclass(frozen=True)
class ScanOutcome:
    """A finished scan: either `text`, or a `problem` and nothing to act on."""

    text: str = ""
    problem: ScanProblem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


class ScanBuffer:
    """Collects keys with their times; `enter()` says whether the burst was a scan."""

    def __init__(
        self,
        max_gap_s: float = MAX_GAP_S,
        min_length: int = MIN_LENGTH,
        max_length: int = MAX_LENGTH,
    ) -> None:
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self.max_length = max_length
        self.reset()

    def reset(self) -> None:
        self._chars: list[str] = []
        self._count = 0
        self._garbage = False
        self._last: float | None = None

    def _continues(self, t: float) -> bool:
        return self._last is not None and 0 <= t - self._last <= self.max_gap_s

    def feed(self, text: str, t: float) -> None:
        """One key press that produced `text` (usually one character) at time `t` seconds."""
        if not self._continues(t):
            self.reset()  # a pause: whatever came before was typed by a person
        self._last = t
        for ch in text:
            self._count += 1
            if unicodedata.category(ch).startswith("C"):
                self._garbage = True
            if self._count <= self.max_length:
                self._chars.append(ch)

    def enter(self, t: float) -> ScanOutcome | None:
        """Enter pressed at `t`: the outcome if the burst was a scan, else None (and clear)."""
        try:
            if not self._continues(t) or self._count < self.min_length:
                return None
            if self._count > self.max_length:
                return ScanOutcome(problem=ScanProblem.TOO_LONG)
            if self._garbage:
                return ScanOutcome(problem=ScanProblem.GARBAGE)
            return ScanOutcome(text="".join(self._chars))
        finally:
            self.reset()


ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)
_ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit)


class ScannerFilter(QObject):
    """Event filter on the kiosk window turning scanner bursts into `scanned` / `rejected`.

    `watch(window)` filters the window's QWindow, which receives every touch, click and key of
    the windowing system before any widget does (a few events per tap: an application-wide
    filter was called some 340 times per tap, for every Show, Paint and Polish of every widget),
    and the window widget itself, which gets the events sent to it directly.

    Key presses aimed at widgets are consumed (the kiosk has no text fields: digits go through
    the on-screen keypad), so a scan never triggers a focused button.

    Signals:
        scanned(str): the text of a complete scan.
        rejected(str): a ScanProblem value for a scan that was too long or contained garbage.
    """

    scanned = Signal(str)
    rejected = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        buffer: ScanBuffer | None = None,
        now: Callable[[], float] = time.monotonic,
        on_activity: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.buffer = buffer or ScanBuffer()
        self._now = now
        # The idle timer rides on this filter: one Python call per input event, not two.
        self._on_activity = on_activity
        self._window: QWidget | None = None
        self._handle: QWindow | None = None

    def watch(self, window: QWidget) -> None:
        """Filter the input of `window` (a top-level widget), now and after it is (re)created."""
        self._window = window
        window.installEventFilter(self)
        self._follow_handle()

    def _follow_handle(self) -> None:
        """The QWindow exists once the widget is shown, and a new one comes when the native
        window is recreated: filter the current one."""
        handle = self._window.windowHandle() if self._window is not None else None
        if handle is self._handle:
            return
        if self._handle is not None:
            self._handle.removeEventFilter(self)
        self._handle = handle
        if handle is not None:
            handle.installEventFilter(self)
            handle.destroyed.connect(self._forget_handle)

    @Slot()
    def _forget_handle(self) -> None:
        self._handle = None  # gone with its native window; the next Show brings a new one

    def _time_of(self, event: QKeyEvent) -> float:
        """When the key was typed: the windowing system's timestamp (ms), not when this thread
        got to it, so a GUI thread busy for a moment mid-scan does not split the scan. Events
        without one (synthesised) fall back to the clock."""
        stamp = event.timestamp()
        return stamp / 1000 if stamp else self._now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and watched is self._window:
            self._follow_handle()
            return False
        if self._on_activity is not None and kind in ACTIVITY:
            self._on_activity()
        if kind != QEvent.Type.KeyPress:
            return False
        target = QApplication.focusWidget() if isinstance(watched, QWindow) else watched
        if isinstance(target, _TEXT_WIDGETS) or not isinstance(event, QKeyEvent):
            return False  # typing into a text field (an admin's search box) is typing
        t = self._time_of(event)
        if event.key() in _ENTER_KEYS:
            outcome = self.buffer.enter(t)
            if outcome is not None:
                if outcome.ok:
                    self.scanned.emit(outcome.text)
                elif outcome.problem is not None:
                    self.rejected.emit(outcome.problem.value)
        elif event.text():
            self.buffer.feed(event.text(), t)
        event.accept()
        return True
