"""An admin enrols a stand-alone kiosk from the settings page, against a real hub: the network
call runs off the GUI thread, the kiosk is enrolled, and the enrolment is audited."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.platform.store.models import EventRow
from kiosk.platform.sync.credentials import read_token
from kiosk.settings import Settings
from kiosk.shell.bootstrap import build_window
from kiosk.shell.context import build_services
from tests.features.admin.test_admin_console import login, type_text
from tests.kiosk_fixtures import tap
from tests.platform.sync.conftest import STATION, HubServer

ADMIN_PIN = "135790"


def test_admin_enrols_the_kiosk_from_the_settings_page(
    qtbot: QtBot, hub: HubServer, tmp_path: Path
) -> None:
    clock = FixedClock(datetime(2026, 11, 2, 0, 30, tzinfo=UTC))
    settings = Settings(data_dir=tmp_path / "south", station_id=STATION)
    services = build_services(settings, clock)
    services.admin.set_first_pin(ADMIN_PIN, ADMIN_PIN)
    window = build_window(settings, lambda: clock.now(), has_camera=lambda: False)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.attach_services(services)
    try:
        flow = window.flow("admin")
        login(qtbot, window, ADMIN_PIN)
        tap(qtbot, window.flow("admin").console.settings_button)
        tap(qtbot, flow.settings_page.change_buttons["hub_url"])
        for _ in range(len(flow.text_entry.value)):
            tap(qtbot, flow.text_entry.backspace_button)
        type_text(qtbot, window, hub.url)
        assert flow.settings_page.values["hub_url"].text() == hub.url
        tap(qtbot, flow.settings_page.enrol_button)
        with qtbot.wait_signal(window.enrolled_in_hub, timeout=20_000):
            type_text(qtbot, window, hub.code())
        assert window.current_page() is flow.settings_page
        assert hub.url in flow.settings_page.enrol_state.text()
        assert not flow.settings_page.enrol_button.isEnabled()
        assert services.enrolled_hub() == hub.url and read_token(settings.data_dir)
        with services.database.read() as session:
            payload = session.scalars(
                select(EventRow.payload)
                .where(EventRow.kind == "admin.audited")
                .order_by(EventRow.pos.desc())
            ).first()
        audit = json.loads(payload or "{}")
        assert audit["action"] == "enrolled" and audit["after"] == {"ok": True, "station": STATION}
    finally:
        window.flow("admin").wait_for_enrolment()
        window.allow_close()
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        services.close()
