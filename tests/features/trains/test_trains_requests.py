"""The help-request form fills the departure time from the station's timetable when a train
number is typed (a staff-marked delay included), which makes a train leaving within the hour
an urgent request; a time the traveller typed is kept; an unknown train leaves it empty."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.features.admin.domain import AdminAccount
from kiosk.features.requests.domain import Escalation
from kiosk.features.trains.service import TrainService
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.trains.conftest import TIMETABLE, publish_locally
from tests.kiosk_fixtures import tap, type_digits, visible_text

Kiosk = tuple[MainWindow, KioskServices]
LEADER = AdminAccount("acct-leader", "组长", "team_leader")


def type_train(qtbot: QtBot, window: MainWindow, letter: str, digits: str) -> None:
    flow = window.flow("requests")
    tap(qtbot, flow.details.field_buttons["train"])
    if letter:
        tap(qtbot, flow.train.train_keypad.letter_buttons[letter])
    type_digits(qtbot, flow.train, digits)
    tap(qtbot, flow.train.keypad.ok_button)
    assert window.current_page() is flow.details


def test_a_typed_train_fills_its_departure_and_makes_the_request_urgent(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    publish_locally(services.database, TIMETABLE, clock.now())
    services.get(TrainService).mark_delayed(LEADER, "D56", "2026-11-02", "10")
    flow = window.flow("requests")
    flow.open("luggage")
    assert window.current_page() is flow.details

    type_train(qtbot, window, "", "9999")  # not in the timetable: no time
    assert "09:40" not in visible_text(window) and flow._departs == ""
    type_train(qtbot, window, "D", "56")  # 09:30, 10 minutes late
    seen = visible_text(window)
    assert "D56" in seen and "09:40" in seen
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, flow.details.send_button)
    (view,) = services.requests.open_requests()
    assert view.train == "D56"
    assert view.departs_at is not None
    assert view.departs_at.astimezone(services.shifts.timezone).strftime("%H:%M") == "09:40"
    assert Escalation.TRAIN not in view.escalated  # 70 minutes away
    clock.advance(timedelta(minutes=15))
    (view,) = services.requests.open_requests()
    assert Escalation.TRAIN in view.escalated  # within the hour: urgent


def test_a_time_the_traveller_typed_is_kept(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    window, services = kiosk
    publish_locally(services.database, TIMETABLE, clock.now())
    flow = window.flow("requests")
    flow.open("luggage")
    tap(qtbot, flow.details.field_buttons["time"])
    type_digits(qtbot, flow.departure, "1015")
    tap(qtbot, flow.departure.keypad.ok_button)
    type_train(qtbot, window, "G", "1234")  # the timetable says 08:45; they said 10:15
    seen = visible_text(window)
    assert "10:15" in seen and "08:45" not in seen
