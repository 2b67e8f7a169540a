"""The idle timer: any touch, click or key restarts it; when it runs out the kiosk goes home."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

_ACTIVITY = frozenset(
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


class IdleWatcher(QObject):
    """Application event filter with a single-shot timer of `timeout_s` seconds.

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
        if event.type() in _ACTIVITY:
            self._timer.start()
        return False

    def poke(self) -> None:
        """Restart the countdown, as if someone touched the screen."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def _on_timeout(self) -> None:
        self.idle.emit()
