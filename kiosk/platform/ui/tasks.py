"""Background work, the way Anki's task manager does it: database work runs one task at a time
on one worker thread, network work in parallel, and results come back on the GUI thread through
queued signals. A task never touches a widget. At shutdown every task is asked to stop, queued
ones are dropped and running ones waited for (no thread outlives the window).

Errors a person can act on come back as a bilingual message; anything else is logged and shown
calmly.

What a task may do with Qt: paint on a paged device (`QPdfWriter`, `QImage`) and nothing that
takes one of Qt's global locks — no connect/disconnect, no `moveToThread`, no plugin loading.
PySide keeps the interpreter's lock through its C++ calls, and the GUI thread, freeing a Python
slot inside a disconnect, holds a signal-slot lock while it waits for the interpreter's: a task
waiting for that lock then never returns it (a deadlock seen once in CI, from the PDF's image
plugins; they are now loaded on the GUI thread when the window settles).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int], None], Callable[[], bool]], object]
NETWORK_THREADS = 4


class TaskSignals(QObject):
    """Signals:
    progress(int): percent done.
    finished(object): the callable's result.
    failed(str, str): zh and en message (cancelled, folder not writable, …).
    """

    progress = Signal(int)
    finished = Signal(object)
    failed = Signal(str, str)


class Task(QRunnable):
    """One piece of work given `progress(percent)` and `cancelled()`; `cancel()` asks it to
    stop at its next check."""

    def __init__(self, work: Work, cancel: threading.Event | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)  # its owner keeps it to cancel it
        self.signals = TaskSignals()
        self._work = work
        self.cancel_event = cancel or threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit, self.cancel_event.is_set)
        except KioskError as exc:
            self.signals.failed.emit(exc.zh, exc.en)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.signals.failed.emit(f"写入失败：{reason}", f"Could not write the file: {reason}")
        except Exception:
            log.exception("background task failed")
            self.signals.failed.emit(
                "出现意外错误，请联系管理员", "Something went wrong; please tell the administrator"
            )
        else:
            self.signals.finished.emit(result)


class _Callbacks(QObject):
    """Delivers a task's result to plain callables on the GUI thread (where it lives)."""

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_failed: Callable[[str, str], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._on_done, self._on_failed = on_done, on_failed

    @Slot(object)
    def finished(self, result: object) -> None:
        self.deleteLater()
        self._on_done(result)

    @Slot(str, str)
    def failed(self, zh: str, en: str) -> None:
        self.deleteLater()
        self._on_failed(zh, en)


class TaskManager(QObject):
    """The kiosk's one place for background work (see the module doc)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = QThreadPool(self)
        self._database.setMaxThreadCount(1)  # SQLite has one writer: one task at a time
        self._network = QThreadPool(self)
        self._network.setMaxThreadCount(NETWORK_THREADS)
        self._tasks: dict[QObject, Task] = {}  # by signals: started, not ended (to cancel)

    def start(self, task: Task, *, network: bool = False) -> Task:
        """Run `task` on the database worker (or, `network`, in parallel with other network
        work); its signals arrive on the GUI thread."""
        self._tasks[task.signals] = task
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        (self._network if network else self._database).start(task)
        return task

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str, str], None],
        *,
        network: bool = False,
    ) -> Task:
        """`work()` in the background, then `on_done(result)` or `on_failed(zh, en)` on the GUI
        thread (Anki's `run_in_background`)."""
        task = Task(lambda _progress, _cancelled: work())
        callbacks = _Callbacks(on_done, on_failed, self)
        task.signals.finished.connect(callbacks.finished)
        task.signals.failed.connect(callbacks.failed)
        return self.start(task, network=network)

    def wait(self, ms: int = -1) -> bool:
        """Block until every task ended (closing, tests); False when `ms` ran out first."""
        done = self._database.waitForDone(ms)
        return self._network.waitForDone(ms) and done

    def shutdown(self, ms: int = 120_000) -> bool:
        """Drop queued tasks, ask running ones to stop, and wait for them."""
        self._database.clear()
        self._network.clear()
        for task in list(self._tasks.values()):
            task.cancel()
        return self.wait(ms)

    @Slot(object)
    def _on_finished(self, _result: object) -> None:
        self._tasks.pop(self.sender(), None)

    @Slot(str, str)
    def _on_failed(self, _zh: str, _en: str) -> None:
        self._tasks.pop(self.sender(), None)
