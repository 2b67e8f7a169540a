"""A team leader the centre named chooses their admin PIN at the kiosk, through the real
window: the admin sign-in's "队长首次设置管理密码", their phone, their volunteer PIN, then the
admin PIN twice; then that PIN opens the console as a team leader. A wrong volunteer PIN, two
admin PINs that differ, a volunteer the centre did not name, and a second choice are refused
with the reason and write no account event."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Conflict
from kiosk.core.secrets import hash_secret
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import tap, type_digits

Kiosk = tuple[MainWindow, KioskServices]
PHONE = "13955550001"
VOLUNTEER_PIN = "2580"
ADMIN_PIN = "97531357"


def named_at_the_centre(services: KioskServices, clock: FixedClock) -> str:
    """A volunteer with a PIN, and the account event the hub writes for 设为队长 (as pulled)."""
    volunteer = services.roster.register("冯队", "FZB-0201", PHONE, VOLUNTEER_PIN)
    payload = {
        "account_id": f"tl-{volunteer.id}",
        "name": "FZB-0201",
        "role": "team_leader",
        "pin_hash": hash_secret("a secret nobody holds"),
        "active": True,
        "pin_pending": True,
    }
    with services.database.write() as session:
        eventlog.append(session, "admin.account_set", payload, occurred_at=clock.now())
    return volunteer.id


def account_events(services: KioskServices) -> int:
    with services.database.read() as session:
        found = session.scalar(select(func.count()).where(EventRow.kind == "admin.account_set"))
        return int(found or 0)


def open_sign_in(qtbot: QtBot, window: MainWindow) -> None:
    window.top_bar.logo.set_hold_ms(30)
    qtbot.mousePress(window.top_bar.logo, Qt.MouseButton.LeftButton)
    admin = window.flow("admin")
    qtbot.waitUntil(lambda: window.current_page() is admin.admin_login, timeout=2000)
    qtbot.mouseRelease(window.top_bar.logo, Qt.MouseButton.LeftButton)


def enter(qtbot: QtBot, page: object, digits: str) -> None:
    type_digits(qtbot, page, digits)
    tap(qtbot, page.keypad.ok_button)  # type: ignore[attr-defined]


def test_a_leader_named_at_the_centre_chooses_the_admin_pin_and_signs_in(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    admin = window.flow("admin")
    named_at_the_centre(services, clock)
    before = account_events(services)
    open_sign_in(qtbot, window)
    assert admin.admin_login.leader_button.text() == "队长首次设置管理密码"
    tap(qtbot, admin.admin_login.leader_button)
    assert window.current_page() is admin.leader_phone
    enter(qtbot, admin.leader_phone, PHONE)
    assert window.current_page() is admin.leader_volunteer_pin
    enter(qtbot, admin.leader_volunteer_pin, "1111")  # wrong: found out with the admin PIN
    enter(qtbot, admin.leader_admin_pin, ADMIN_PIN)
    enter(qtbot, admin.leader_admin_pin, ADMIN_PIN)
    assert window.current_page() is admin.leader_phone
    assert admin.leader_phone.error.primary.text() == "密码不正确，还可尝试 4 次"
    assert account_events(services) == before

    enter(qtbot, admin.leader_phone, PHONE)
    enter(qtbot, admin.leader_volunteer_pin, VOLUNTEER_PIN)
    enter(qtbot, admin.leader_admin_pin, "12345")  # too short: choose again, the rest stands
    enter(qtbot, admin.leader_admin_pin, "12345")
    assert window.current_page() is admin.leader_admin_pin
    assert admin.leader_admin_pin.error.primary.text() == "管理密码至少 6 位"
    enter(qtbot, admin.leader_admin_pin, ADMIN_PIN)
    enter(qtbot, admin.leader_admin_pin, "97531358")  # differs
    assert admin.leader_admin_pin.error.primary.text() == "两次输入的密码不一致"
    assert account_events(services) == before
    enter(qtbot, admin.leader_admin_pin, ADMIN_PIN)
    enter(qtbot, admin.leader_admin_pin, ADMIN_PIN)
    assert window.current_page() is window.result
    assert window.result.headline.text() == "管理密码已设置"
    assert "冯队" in window.result.detail.text()
    assert account_events(services) == before + 1
    tap(qtbot, window.result.done_button)

    open_sign_in(qtbot, window)
    enter(qtbot, admin.admin_login, ADMIN_PIN)
    assert window.current_page() is admin.console
    assert admin.account is not None and admin.account.role == "team_leader"
    assert admin.account.name == "冯队"


def test_nobody_else_chooses_a_leader_pin(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    """A volunteer the centre did not name, and a leader who chose already, are told why."""
    window, services = kiosk
    admin = window.flow("admin")
    services.roster.register("路人", "FZB-0202", "13955550002", VOLUNTEER_PIN)
    named_at_the_centre(services, clock)
    before = account_events(services)
    open_sign_in(qtbot, window)
    tap(qtbot, admin.admin_login.leader_button)
    enter(qtbot, admin.leader_phone, "13955550002")
    enter(qtbot, admin.leader_volunteer_pin, VOLUNTEER_PIN)
    enter(qtbot, admin.leader_admin_pin, ADMIN_PIN)
    enter(qtbot, admin.leader_admin_pin, ADMIN_PIN)
    assert admin.leader_phone.error.primary.text().startswith("中心没有待设置的队长账号")
    assert account_events(services) == before
    services.admin.choose_leader_pin(PHONE, VOLUNTEER_PIN, ADMIN_PIN, ADMIN_PIN)
    enter(qtbot, admin.leader_phone, PHONE)
    enter(qtbot, admin.leader_volunteer_pin, VOLUNTEER_PIN)
    enter(qtbot, admin.leader_admin_pin, "86428642")
    enter(qtbot, admin.leader_admin_pin, "86428642")
    assert admin.leader_phone.error.primary.text().startswith("中心没有待设置的队长账号")
    assert account_events(services) == before + 1


def test_the_choice_closes_seven_days_after_the_centre_named_them(
    kiosk: Kiosk, clock: FixedClock
) -> None:
    """Whoever learns a leader's phone and volunteer PIN has a week at most to choose for
    them; then the centre names the leader again."""
    _, services = kiosk
    named_at_the_centre(services, clock)
    before = account_events(services)
    clock.advance(timedelta(days=7, minutes=1))
    with pytest.raises(Conflict, match="7 days"):
        services.admin.choose_leader_pin(PHONE, VOLUNTEER_PIN, ADMIN_PIN, ADMIN_PIN)
    assert account_events(services) == before
