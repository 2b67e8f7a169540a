"""The incident record's note, written in Chinese on the touch keyboard the form opens, stored
with the record and corrected the same way."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.features.incidents.store import IncidentRow
from kiosk.platform.ime import default_engines
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_VOLUNTEER_PIN
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import tap, type_digits, type_pinyin, visible_text

Kiosk = tuple[MainWindow, KioskServices]


@pytest.mark.skipif(not default_engines().installed()["pinyin"], reason="librime is not installed")
def test_incident_note_typed_in_pinyin(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    tap(qtbot, window.top_bar.emergency_button)
    tap(qtbot, window.flow("emergency").page.ack_button)
    type_digits(qtbot, window.flow("emergency").attend_phone, "13800000001")  # on duty
    tap(qtbot, window.flow("emergency").attend_phone.keypad.ok_button)
    type_digits(qtbot, window.flow("emergency").attend_pin, DEMO_VOLUNTEER_PIN)
    tap(qtbot, window.flow("emergency").attend_pin.keypad.ok_button)
    tap(qtbot, window.flow("emergency").page.incident_button)
    form = window.flow("emergency").incident
    for group, value in (
        (form.place, "platform"),
        (form.what, "fall"),
        (form.aed_used, "no"),
        (form.called_120, "no"),
        (form.outcome, "recovered"),
    ):
        tap(qtbot, group.buttons[value])
    assert "写备注" in form.note_button.text()
    tap(qtbot, form.note_button)
    keyboard = form.note_keyboard
    assert keyboard.isVisible() and keyboard.mode == "pinyin"
    type_pinyin(qtbot, keyboard, "louti", "楼梯")
    type_pinyin(qtbot, keyboard, "shuaidao", "摔倒")
    tap(qtbot, form.note_button)  # done: the note shows on the button
    assert not keyboard.isVisible() and form.note_button.text() == "楼梯摔倒"
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, form.save_button)
    assert "急救记录已保存" in visible_text(window)
    with services.database.read() as session:
        assert session.scalars(select(IncidentRow.note)).one() == "楼梯摔倒"
