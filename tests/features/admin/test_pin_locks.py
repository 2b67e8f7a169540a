"""One lock per secret through the real keypads: a day of guessing the admin's PIN by tapping
the admin login (and the charging unlock) gets no more tries than the
admin login alone allows, and a locked PIN is refused on every keypad with the bilingual
"locked, try again in N min" (issue 13, item 2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.core.errors import KioskError, Locked, ValidationError
from kiosk.platform.ui.pages.entry import KeypadPage
from kiosk.shell.context import KioskServices, build_services
from kiosk.shell.demo import DEMO_ADMIN_PIN, DEMO_VOLUNTEER_PIN
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import badge, scan, tap, type_digits
from tests.pin_guesser import ALLOWED, Keypad, Outcome, guess_for_a_day

MakeWindow = Callable[..., tuple[MainWindow, KioskServices]]


def _answer(window: MainWindow, page: KeypadPage) -> None:
    """What the screen said after OK, as the error it shows (nothing: the PIN was taken)."""
    if window.current_page() is not page:
        return
    zh, en = page.error.primary.text(), page.error.secondary.text()
    assert zh and en, "a refused PIN says why, in both languages"
    raise (Locked if "locked" in en else ValidationError)(zh, en)


def _admin_login(qtbot: QtBot, window: MainWindow) -> Keypad:
    def guess(pin: str) -> None:
        window.go_home()
        window.show_page(window.flow("admin").admin_login)
        type_digits(qtbot, window.flow("admin").admin_login, pin)
        tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
        _answer(window, window.flow("admin").admin_login)

    return guess


def _emergency_keypad(qtbot: QtBot, window: MainWindow, phone: str) -> Keypad:
    """The "I am attending" keypads of an open alert (raised once, on the first guess): the
    phone, then the PIN (a PIN alone is refused there, #17)."""
    flow = window.flow("emergency")

    def guess(pin: str) -> None:
        if window.current_page() is not flow.attend_pin:
            window.go_home()
            if not flow.banner.isVisible():
                tap(qtbot, window.top_bar.emergency_button)
            tap(qtbot, flow.banner.ack_button)
            type_digits(qtbot, flow.attend_phone, phone)
            tap(qtbot, flow.attend_phone.keypad.ok_button)
        assert window.current_page() is flow.attend_pin
        type_digits(qtbot, flow.attend_pin, pin)
        tap(qtbot, flow.attend_pin.keypad.ok_button)
        _answer(window, flow.attend_pin)

    return guess


def test_a_day_of_taps_on_every_keypad_gets_what_the_admin_login_alone_allows(
    qtbot: QtBot, make_window: MakeWindow, migrated_template: Path, clock: FixedClock
) -> None:
    window, services = make_window(migrated_template)  # nobody on duty: one secret behind
    pins = [f"{n:06d}" for n in range(ALLOWED + 1)]  # the right PIN is one guess too far
    services.admin.set_first_pin(pins[-1], pins[-1])
    keypads = [_admin_login(qtbot, window), services.charging.verify_staff_pin]
    assert guess_for_a_day(clock, keypads, pins) == Outcome(None, ALLOWED)
    with pytest.raises(Locked, match="try again in"):  # the right PIN waits for the lock
        _admin_login(qtbot, window)(pins[-1])
    clock.advance(timedelta(minutes=15))
    _admin_login(qtbot, window)(pins[-1])
    assert window.current_page() is window.flow("admin").console


def test_a_pin_locked_on_one_keypad_is_refused_on_the_others(
    qtbot: QtBot, make_window: MakeWindow, clock: FixedClock
) -> None:
    """Wrong PINs on the charging keypad lock the admin's PIN at the admin login and at the
    emergency keypad; the right PIN is refused there with the lock's minutes, after a restart
    too. A volunteer's badge still acknowledges the alert (the cost of a prankster's taps on a
    PIN-only keypad is the PINs, never the badges)."""
    window, services = make_window()  # the demo: an admin PIN, volunteers on duty
    for _ in range(5):
        with pytest.raises(KioskError):
            services.charging.verify_staff_pin("00000000")
    clock.advance(timedelta(seconds=30))
    with pytest.raises(Locked):  # the 6th wrong PIN locks for a minute
        services.charging.verify_staff_pin("00000000")
    emergency = _emergency_keypad(qtbot, window, "13800000001")  # 王芳, on duty
    with pytest.raises(Locked) as refused:  # the volunteers on duty were guessed too
        emergency(DEMO_VOLUNTEER_PIN)
    assert refused.value.zh == "密码错误次数过多，已锁定，请 1 分钟后再试"
    assert refused.value.en == "Too many wrong PINs: locked, try again in 1 min"
    scan(qtbot, window, badge(services, "FZB-0003", clock))  # a badge is not a PIN: still works
    assert not window.flow("emergency").banner.isVisible()
    login = _admin_login(qtbot, window)
    with pytest.raises(Locked) as refused:  # the team leader's PIN is still checked here
        login(DEMO_ADMIN_PIN)
    assert refused.value.zh == "密码不正确或已锁定，请 1 分钟后再试"
    assert refused.value.en == "Wrong PIN, or locked: try again in 1 min"
    restarted = build_services(services.settings, clock)  # a new process, the same database
    try:
        with pytest.raises(Locked, match="try again in 1 min"):
            restarted.admin.login(DEMO_ADMIN_PIN)
    finally:
        restarted.close()
    clock.advance(timedelta(minutes=1))
    login(DEMO_ADMIN_PIN)
    assert window.current_page() is window.flow("admin").console
