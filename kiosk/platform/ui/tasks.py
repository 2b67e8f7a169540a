"""Background work for the admin's papers (reports, certificates) on a pool thread.

A task runs one callable given `progress(percent)` and `cancelled()`, and reports on the GUI
thread through queued signals; it never touches a widget. Errors a person can act on come back
as a bilingual message, anything else is logged and shown calmly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int], None], Callable[[], bool]], object]


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
    """One piece of work; `cancel()` asks it to stop at its next check."""

    def __init__(self, work: Work, cancel: threading.Event | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the page keeps it to cancel it
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
