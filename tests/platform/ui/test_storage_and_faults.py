"""A full disk and a fault of ours, as a person at the kiosk sees them: the status strip says
the storage is full until space returns, and an unexpected exception in a slot gives the calm
"please ask a volunteer" screen (logged with its traceback), never a crash or the desktop."""

from __future__ import annotations

import logging
import sqlite3
import sys
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from kiosk.app import _install_excepthook
from kiosk.features.uses.domain import Audience
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.uses.test_service_uses import open_service
from tests.kiosk_fixtures import tap, visible_text

Kiosk = tuple[MainWindow, KioskServices]


def _event_count(services: KioskServices) -> int:
    with sqlite3.connect(services.settings.database_path) as db:
        return int(db.execute("SELECT count(*) FROM events").fetchone()[0])


def test_a_full_disk_shows_on_the_strip_until_space_returns(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    engine = services.database.engine
    cap = {"pages": 0}

    def limit_pages(dbapi_connection: Any, _record: Any) -> None:
        if cap["pages"]:
            dbapi_connection.execute(f"PRAGMA max_page_count={cap['pages']}")

    with sqlite3.connect(services.settings.database_path) as db:
        cap["pages"] = db.execute("PRAGMA page_count").fetchone()[0]  # not one page more
    event.listen(engine, "connect", limit_pages)
    engine.dispose()
    assert not window.status_strip.storage_label.isVisible()
    before = _event_count(services)

    open_service(qtbot, window, "water")
    for _ in range(40):  # until a use no longer fits
        tap(qtbot, window.flow("catalogue").detail.audience_buttons[Audience.RIDER])
        if services.database.storage_full:
            break
    assert services.database.storage_full
    text = visible_text(window)
    assert "存储空间已满，请联系管理员" in text and "Storage is full; please tell the staff" in text
    refused = _event_count(services)
    window.refresh_status()  # the strip's timer does this every 20 s
    assert window.status_strip.storage_label.isVisible()
    assert "存储空间已满" in window.status_strip.storage_label.text()
    window.refresh_status()
    assert window.status_strip.storage_label.isVisible()  # still full: still shown
    assert _event_count(services) == refused >= before  # the refused tap wrote nothing

    cap["pages"] = 0  # the staff freed space
    engine.dispose()
    window.refresh_status()
    assert not window.status_strip.storage_label.isVisible()
    tap(qtbot, window.flow("catalogue").detail.audience_buttons[Audience.RIDER])
    assert _event_count(services) == refused + 1
    assert "谢谢" in visible_text(window)


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_shows_the_calm_screen(
    qtbot: QtBot, kiosk: Kiosk, caplog: pytest.LogCaptureFixture
) -> None:
    window, services = kiosk
    previous = sys.excepthook
    _install_excepthook(window)
    try:
        # A real fault below the screens: the table a tap writes to is gone.
        with sqlite3.connect(services.settings.database_path) as db:
            db.execute("DROP TABLE service_use_days")
        services.database.engine.dispose()
        before = _event_count(services)
        open_service(qtbot, window, "water")
        with caplog.at_level(logging.ERROR, logger="kiosk"):
            tap(qtbot, window.flow("catalogue").detail.audience_buttons[Audience.TRAVELLER])
            qtbot.waitUntil(lambda: window.current_page() is window.result, timeout=3000)
    finally:
        sys.excepthook = previous
    text = visible_text(window)
    assert "请联系志愿者" in text and "Please ask a volunteer" in text
    assert "Traceback" not in text and "service_use_days" not in text  # nothing technical
    assert _event_count(services) == before  # the failed write left nothing behind
    [record] = [r for r in caplog.records if r.getMessage() == "unexpected error"]
    assert record.exc_info is not None  # logged with its traceback
    assert window.isVisible()  # the kiosk is still up
