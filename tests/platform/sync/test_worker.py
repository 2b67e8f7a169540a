"""The Qt sync worker: off the GUI thread, backs off with full jitter, recovers by itself."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject, Signal, Slot
from pytestqt.qtbot import QtBot

from kiosk.platform.sync.backoff import CAP_S, next_delay
from kiosk.platform.sync.engine import SyncStatus
from kiosk.platform.sync.worker import SyncThread, SyncWorker
from tests.platform.sync.conftest import HubServer, SyncedKiosk


def test_full_jitter_grows_to_five_minutes_and_honours_retry_after() -> None:
    rng = random.Random(1)
    for failures in range(1, 30):
        delay = next_delay(failures, rng)
        assert 1.0 <= delay <= min(CAP_S, 2 ** (failures - 1))
    assert max(next_delay(20, rng) for _ in range(200)) > CAP_S * 0.9
    assert next_delay(1, rng, retry_after_s=42) >= 42
    assert next_delay(1, rng, retry_after_s=10_000) <= CAP_S


def test_worker_syncs_off_the_gui_thread_and_recovers(
    qtbot: QtBot, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    kiosk = make_kiosk("south")
    kiosk.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    worker = SyncWorker(lambda: kiosk.engine, seed=3)
    thread = SyncThread(worker)
    relay = Relay()  # lives on the GUI thread, like the status strip: a queued connection
    worker.status_changed.connect(relay.on_status)
    statuses = relay.statuses
    try:
        with qtbot.waitSignal(relay.status, timeout=20_000):
            thread.start()
        assert statuses[-1].pending == 0 and statuses[-1].online

        hub.stop()
        kiosk.services.shifts.clock_with_pin("13800000001", "1234")
        with qtbot.waitSignal(relay.status, timeout=20_000):
            worker_sync_now(worker)
        offline = statuses[-1]
        assert not offline.online and offline.pending == 1 and offline.last_error
        assert worker.last_delay_s == 1.0  # first failure: retry after one second

        hub.start()
        with qtbot.waitSignal(
            relay.status, timeout=20_000, check_params_cb=lambda s: s.pending == 0
        ):
            pass  # the backoff timer fires by itself: no tap needed
        assert statuses[-1].online and statuses[-1].last_error is None
    finally:
        thread.shutdown()


class Relay(QObject):
    status = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.statuses: list[SyncStatus] = []

    @Slot(object)
    def on_status(self, status: SyncStatus) -> None:
        self.statuses.append(status)
        self.status.emit(status)


def worker_sync_now(worker: SyncWorker) -> None:
    from PySide6.QtCore import QMetaObject, Qt

    QMetaObject.invokeMethod(worker, "sync_now", Qt.ConnectionType.QueuedConnection)


@pytest.fixture(autouse=True)
def _offscreen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
