"""A new kiosk whose history is still arriving (live state first, docs/hub.md) says so over
its log review, in both languages, and stops saying so once the history is in."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.core.words import HISTORY_STATES
from kiosk.features.admin.service.logs import LogKind
from kiosk.platform.store import sync_store
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_log_review import open_logs
from tests.kiosk_fixtures import tap

Kiosk = tuple[MainWindow, KioskServices]


def _live_state(services: KioskServices, value: str | None) -> None:
    """Where a new kiosk's first pull stands (what `SyncEngine` records page by page)."""
    with services.database.write() as session:
        sync_store.state(session).live_state = value


def test_logs_say_the_history_is_still_arriving(qtbot: QtBot, kiosk: Kiosk, tmp_path: Path) -> None:
    window, services = kiosk
    _live_state(services, "history")  # the live pass is in, the history on its way
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    assert logs.notice.isVisible()
    assert logs.notice.texts == HISTORY_STATES["history"]
    assert "历史记录同步中" in logs.notice.primary.text() + logs.notice.secondary.text()
    assert "History still arriving" in logs.notice.primary.text() + logs.notice.secondary.text()
    window.grab().save(str(tmp_path / "logs_history_arriving.png"))

    _live_state(services, "done")  # the whole history is in: the next view says nothing
    tap(qtbot, logs.tabs[LogKind.USES])
    assert not logs.notice.isVisible() and logs.notice.texts is None


def test_an_old_kiosk_says_nothing(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    open_logs(qtbot, window)
    assert window.flow("admin").logs.notice.texts is None


def test_the_status_strip_says_the_history_is_still_arriving(qtbot: QtBot, kiosk: Kiosk) -> None:
    from datetime import UTC, datetime

    from kiosk.platform.sync.engine import SyncStatus

    window, services = kiosk

    def synced() -> None:
        """What the sync worker reports after a round (`SyncEngine.status`)."""
        with services.database.read() as session:
            pending = sync_store.history_pending(session)
        at = datetime(2026, 11, 2, 2, 5, tzinfo=UTC)  # 10:05 at the station
        status = SyncStatus(True, True, False, 0, 0, at, None, 0.0, history_pending=pending)
        window.on_sync_status(status)

    _live_state(services, "history")
    synced()
    assert window.status_strip.sync_label.text() == "已同步 10:05 · 历史记录同步中"
    window.language.set_language("en")  # the strip reads afresh on the language change event
    qtbot.waitUntil(
        lambda: window.status_strip.sync_label.text() == "Synced at 10:05 · history still arriving"
    )
    _live_state(services, "done")
    synced()
    assert window.status_strip.sync_label.text() == "Synced at 10:05"
