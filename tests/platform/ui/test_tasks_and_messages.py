"""The task manager delivers results on the GUI thread and stops everything at shutdown; the
message bridge's `@reports_errors` shows a slot's user-caused error instead of raising it."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.errors import KioskError, ValidationError
from kiosk.platform.ui.messages import MessageBridge, reports_errors
from kiosk.platform.ui.tasks import Task, TaskManager


def test_results_and_failures_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    tasks = TaskManager()
    seen: list[tuple[str, object, bool]] = []

    def done(result: object) -> None:
        seen.append(("done", result, threading.current_thread() is threading.main_thread()))

    def failed(zh: str, en: str) -> None:
        seen.append(("failed", en, threading.current_thread() is threading.main_thread()))

    def refuse() -> None:
        raise ValidationError("不行", "Not allowed")

    tasks.run(lambda: threading.current_thread() is threading.main_thread(), done, failed)
    tasks.run(refuse, done, failed, network=True)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)

    assert sorted(seen, key=str) == [("done", False, True), ("failed", "Not allowed", True)]
    assert tasks.wait(1000)


def test_shutdown_cancels_what_runs_and_drops_what_waits(qtbot: QtBot) -> None:
    tasks = TaskManager()
    started = threading.Event()
    ran: list[str] = []

    def long(_progress: Callable[[int], None], cancelled: Callable[[], bool]) -> None:
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        ran.append("stopped")

    tasks.start(Task(long))
    tasks.start(Task(lambda _p, _c: ran.append("queued behind it")))  # one database worker
    assert started.wait(5)

    assert tasks.shutdown(5000)
    assert ran == ["stopped"]


class _Owner:
    def __init__(self) -> None:
        self.reported: list[KioskError] = []
        self.page = MessageBridge()
        self.shown: list[KioskError] = []
        self.page.error.connect(self.shown.append)

    def report_error(self, error: KioskError) -> None:
        self.reported.append(error)

    @reports_errors
    def on_tap(self, fail: bool) -> None:
        if fail:
            raise ValidationError("错", "Wrong")

    @reports_errors(on="page")
    def on_code(self) -> None:
        raise ValidationError("码错", "Wrong code")

    @reports_errors
    def on_bug(self) -> None:
        raise RuntimeError("a fault of ours")


def test_reports_errors_shows_what_a_person_caused_and_raises_the_rest() -> None:
    owner = _Owner()
    owner.on_tap(False)
    owner.on_tap(True)
    owner.on_code()  # MessageBridge.show_error emits `error`
    with pytest.raises(RuntimeError):  # the excepthook's: logged, the calm screen
        owner.on_bug()

    assert [e.en for e in owner.reported] == ["Wrong"]
    assert [e.en for e in owner.shown] == ["Wrong code"]
