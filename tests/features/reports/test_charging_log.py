"""The charging log in the log review: every session, newest first, filtered by status."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.features.admin.service.logs import LogKind, Period
from tests.features.reports.conftest import Kiosk, open_admin
from tests.kiosk_fixtures import tap


def test_charging_log_lists_sessions_and_filters_by_status(qtbot: QtBot, seeded: Kiosk) -> None:
    window, _services = seeded
    open_admin(qtbot, window)
    tap(qtbot, window.flow("admin").console.logs_button)
    logs = window.flow("admin").logs
    tap(qtbot, logs.tabs[LogKind.CHARGING])
    rows = logs.model.rows()
    assert [r[1] for r in rows] == ["2 号", "1 号", "3 号"]  # newest first
    assert [r[2] for r in rows] == ["充电中", "充电中", "志愿者结束"]
    assert rows[2][0] == "2026-11-01 08:30:00" and rows[2][3] == "2026-11-01 10:30:00"
    assert rows[2][4] == "志愿者：忘记取件码"
    assert logs.count_label.text() == "共 3 条"

    logs.choice_box.setCurrentIndex(logs.choice_box.findData("open"))
    logs.choice_box.activated.emit(logs.choice_box.currentIndex())
    assert [r[1] for r in logs.model.rows()] == ["2 号", "1 号"]
    tap(qtbot, logs.periods[Period.LAST_MONTH])
    assert logs.model.rows() == []

    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: logs.tabs[LogKind.CHARGING].text() == "Charging")
    tap(qtbot, logs.periods[Period.ALL])
    logs.choice_box.setCurrentIndex(0)
    logs.choice_box.activated.emit(0)
    assert logs.model.rows()[2][1:3] == ("Slot 3", "Closed by staff")
    assert logs.model.rows()[2][4] == "staff: Code forgotten"
