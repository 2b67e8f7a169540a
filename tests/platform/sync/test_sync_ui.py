"""The running kiosk syncs by itself: the status strip shows it, an admin can sync now, and a
revoked kiosk says so on screen while keeping its records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import _start_sync
from kiosk.platform.store import eventlog
from kiosk.platform.sync.worker import SyncThread
from kiosk.settings import Settings
from kiosk.shell.bootstrap import build_window
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import tap, type_digits
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

ADMIN_PIN = "135790"


@pytest.fixture
def running(
    qtbot: QtBot, make_kiosk: Callable[..., SyncedKiosk]
) -> Iterator[tuple[MainWindow, SyncedKiosk, SyncThread]]:
    kiosk = make_kiosk("south")
    kiosk.services.admin.set_first_pin(ADMIN_PIN, ADMIN_PIN)
    kiosk.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    settings = Settings(
        data_dir=kiosk.services.settings.data_dir, station_id=STATION, language="en"
    )
    window = build_window(
        settings,
        lambda: kiosk.services.shifts.local_time(kiosk.clock.now()),
        has_camera=lambda: False,
    )
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.attach_services(kiosk.services)
    thread = _start_sync(kiosk.services, window)
    assert thread is not None
    yield window, kiosk, thread
    thread.shutdown()
    window.allow_close()
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def strip(window: MainWindow) -> str:
    return window.status_strip.sync_label.text() + " | " + window.status_strip.pending_label.text()


def open_admin(qtbot: QtBot, window: MainWindow) -> None:
    window.top_bar.logo.set_hold_ms(30)
    qtbot.mousePress(window.top_bar.logo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.flow("admin").admin_login, timeout=2000)
    qtbot.mouseRelease(window.top_bar.logo, Qt.MouseButton.LeftButton)
    type_digits(qtbot, window.flow("admin").admin_login, ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    assert window.current_page() is window.flow("admin").console


def test_status_strip_and_sync_now(
    qtbot: QtBot, running: tuple[MainWindow, SyncedKiosk, SyncThread], hub: HubServer
) -> None:
    window, kiosk, _ = running
    qtbot.waitUntil(lambda: "Synced at 08:30" in strip(window), timeout=20_000)
    assert "0 waiting to sync" in strip(window)

    hub.stop()
    kiosk.services.shifts.clock_with_pin("13800000001", "1234")
    window.refresh_status()  # the window's timer does this every few seconds
    qtbot.waitUntil(lambda: "Hub unreachable" in strip(window), timeout=20_000)
    assert "1 waiting to sync" in strip(window)
    open_admin(qtbot, window)
    assert "Waiting: 1" in window.flow("admin").console.sync_label.text()

    hub.start()
    tap(qtbot, window.flow("admin").console.sync_button)
    qtbot.waitUntil(lambda: "Synced at" in strip(window), timeout=20_000)
    assert "0 waiting to sync" in strip(window)
    assert "Waiting: 0 · refused by the hub: 0" in window.flow("admin").console.sync_label.text()


def test_revoked_kiosk_says_so_and_keeps_its_records(
    qtbot: QtBot, running: tuple[MainWindow, SyncedKiosk, SyncThread], hub: HubServer
) -> None:
    window, kiosk, _ = running
    qtbot.waitUntil(lambda: "Synced at" in strip(window), timeout=20_000)
    with kiosk.services.database.read() as session:
        kiosk_id = eventlog.meta(session).kiosk_id
    assert hub.admin("POST", f"/v1/admin/kiosks/{kiosk_id}/revoke").status_code == 204
    kiosk.services.shifts.clock_with_pin("13800000001", "1234")
    window.refresh_status()
    qtbot.waitUntil(lambda: "Revoked by the hub" in strip(window), timeout=20_000)
    assert "1 waiting to sync" in strip(window)
    assert [d.volunteer.name for d in kiosk.services.shifts.on_duty()] == ["王芳"]


def test_an_announcement_published_at_the_hub_shows_on_home_in_its_window(
    qtbot: QtBot, running: tuple[MainWindow, SyncedKiosk, SyncThread], hub: HubServer
) -> None:
    """The centre publishes; the kiosk's own sync thread pulls it; home shows it in the
    kiosk's language while it runs, and no more once its time is up."""
    window, kiosk, _ = running
    notices = window.home.notices
    assert not notices.isVisibleTo(window)
    bad = {"announcements": [{"id": "rain", "zh": ""}]}
    refused = hub.admin(
        "POST",
        "/v1/admin/config",
        json={"kind": "announcements", "station_id": STATION, "body": bad},
    )
    assert refused.status_code == 422 and refused.json()["reason"] == "bad_announcements"
    now = kiosk.clock.now()
    body = {
        "announcements": [
            {
                "id": "rain",
                "zh": "今日大雨，雨伞免费借用",
                "en": "Heavy rain today: umbrellas are free to borrow",
                "level": "warning",
                "until": (now + timedelta(hours=2)).isoformat(),
            }
        ]
    }
    published = hub.admin(
        "POST",
        "/v1/admin/config",
        json={"kind": "announcements", "station_id": STATION, "body": body},
    )
    assert published.status_code == 201, published.text
    window.sync_requested.emit()  # as the admin's "Sync now" does
    qtbot.waitUntil(lambda: notices.isVisibleTo(window), timeout=20_000)
    assert notices.label.text() == "Heavy rain today: umbrellas are free to borrow"  # English kiosk
    assert notices.property("warning") is True
    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: notices.label.text() == "今日大雨，雨伞免费借用", timeout=2000)
    kiosk.clock.advance(timedelta(hours=3))
    window.refresh_status()  # the 20 s timer's work
    assert not notices.isVisibleTo(window)
