"""The sync worker: runs `SyncEngine.sync_once` on its own thread, one request in flight, and
reports its state to the UI by signal. The only module outside `ui/` that imports Qt."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from kiosk.platform.sync.backoff import next_delay
from kiosk.platform.sync.client import HubError, HubRevoked
from kiosk.platform.sync.engine import SyncEngine
from kiosk.platform.sync.listener import UrgentListener

log = logging.getLogger(__name__)

INTERVAL_S = 30.0  # steady-state period when all is well
POKE_DELAY_MS = 1000  # after a local write, sync soon but let bursts of taps coalesce


class SyncWorker(QObject):
    """Lives on a QThread; the GUI talks to it only through queued signals.

    Signals:
        status_changed(SyncStatus): after every attempt (and once at start).
        config_changed(): a pull brought new configuration (badge keys, catalogue …).
    """

    status_changed = Signal(object)
    config_changed = Signal()

    def __init__(self, engine_factory: Callable[[], SyncEngine | None], seed: int | None = None):
        super().__init__()
        self._engine_factory = engine_factory
        self._engine: SyncEngine | None = None
        self._rng = random.Random(seed)
        self._failures = 0
        self._timer: QTimer | None = None
        self.last_delay_s: float | None = None

    @Slot()
    def start(self) -> None:
        """Runs on the worker thread: make the timer there, then sync at once."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_due)
        self._engine = self._engine_factory()
        self._on_due()

    @Slot()
    def sync_now(self) -> None:
        """The admin's "sync now": run soon, forgetting the backoff."""
        if self._timer is not None:
            self._failures = 0
            self._timer.start(POKE_DELAY_MS)

    @Slot()
    def run_now(self) -> None:
        """Urgent: an emergency was written here, or the push channel says another kiosk's
        arrived at the hub. A round at once, without the coalescing delay or the backoff (one
        round per urgent event cannot hammer a hub)."""
        if self._timer is not None:
            self._failures = 0
            self._timer.start(0)

    @Slot()
    def poke(self) -> None:
        """Something was written locally: sync soon, unless backing off from a failing hub
        (a thousand kiosks tapping at a hub that is down must not hammer it)."""
        if self._timer is not None and self._failures == 0:
            remaining = self._timer.remainingTime()
            if remaining < 0 or remaining > POKE_DELAY_MS:
                self._timer.start(POKE_DELAY_MS)

    @Slot()
    def stop(self) -> None:
        """Stop scheduling and release the connection (runs on the worker's thread)."""
        if self._timer is not None:
            self._timer.stop()
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    @Slot()
    def _on_due(self) -> None:
        engine = self._engine
        if engine is None:  # not enrolled: nothing to do until the next start
            return
        try:
            status = engine.sync_once()
        except HubRevoked:
            status = engine.status()
            self.status_changed.emit(status)
            return  # a revoked kiosk stops asking
        except HubError as exc:
            self._failures += 1
            delay = next_delay(self._failures, self._rng, exc.retry_after_s)
            self._schedule(delay)
            self.status_changed.emit(engine.status())
            return
        except Exception:  # never let the worker thread die: log, back off, keep going
            log.exception("sync round failed unexpectedly")
            self._failures += 1
            self._schedule(next_delay(self._failures, self._rng))
            return
        self._failures = 0
        if engine.config_changed:
            engine.config_changed = False
            self.config_changed.emit()
        self._schedule(INTERVAL_S)
        self.status_changed.emit(status)

    def _schedule(self, delay_s: float) -> None:
        self.last_delay_s = delay_s
        if self._timer is not None:
            self._timer.start(int(delay_s * 1000))


class SyncThread:
    """Owns the QThread and the worker on it, and the push channel's listener when there is
    one (it asks the worker for a round at once); `shutdown()` stops all of them cleanly."""

    def __init__(self, worker: SyncWorker, listener: UrgentListener | None = None) -> None:
        self.worker = worker
        self.listener = listener
        self._thread = QThread()
        self._thread.setObjectName("sync")
        worker.moveToThread(self._thread)
        self._thread.started.connect(worker.start)
        self._thread.finished.connect(worker.deleteLater)

    def start(self) -> None:
        self._thread.start()
        if self.listener is not None:
            self.listener.start()

    def pull_now(self) -> None:
        """From any thread (the listener's): queue a round at once on the worker's thread."""
        QMetaObject.invokeMethod(self.worker, "run_now", Qt.ConnectionType.QueuedConnection)

    def shutdown(self) -> None:
        """Stop the timer on its own thread (Qt timers cannot be stopped from another), then
        end the thread, waiting for a round in flight to finish."""
        if self.listener is not None:
            self.listener.stop()
        if self._thread.isRunning():
            QMetaObject.invokeMethod(
                self.worker, "stop", Qt.ConnectionType.BlockingQueuedConnection
            )
        self._thread.quit()
        self._thread.wait(10_000)
