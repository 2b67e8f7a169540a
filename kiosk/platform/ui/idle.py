"""The idle timer: any touch, click or key restarts it; when it runs out the kiosk goes home."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

from kiosk.platform.ui.scanner import ACTIVITY


class IdleWatcher(QObject):
    """A single-shot timer of `timeout_s` seconds restarted by input.

    The main window feeds it from the scanner's application filter (`poke`); it can also be
    installed as an event filter on its own.

    Signals:
        idle(): nobody touched the kiosk for `timeout_s` seconds.
    """

    idle = Signal()

    def __init__(self, timeout_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_s * 1000)
        self._timer.timeout.connect(self._on_timeout)
        self._timer.start()

    @property
    def timer(self) -> QTimer:
        return self._timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self._timer.start()
        return False

    def set_timeout(self, timeout_s: int) -> None:
        """A new countdown length (admin screens log out sooner or later than home resets);
        a running countdown starts again with it."""
        if self._timer.interval() != timeout_s * 1000:
            self._timer.setInterval(timeout_s * 1000)
            if self._timer.isActive():
                self._timer.start()

    def poke(self) -> None:
        """Restart the countdown, as if someone touched the screen."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def _on_timeout(self) -> None:
        self.idle.emit()
