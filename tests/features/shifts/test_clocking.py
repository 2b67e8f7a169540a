"""Volunteers clocking through the real window: badge scans typed like a USB scanner, phone + PIN
on the keypad, double scans, lockout, cancel, and bad input that must write nothing."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import (
    badge,
    scan,
    tap,
    type_digits,
    type_keys,
    visible_text,
    volunteer_id,
)

Kiosk = tuple[MainWindow, KioskServices]


def on_duty_numbers(services: KioskServices) -> set[str]:
    return {d.volunteer.number for d in services.shifts.on_duty()}


def test_badge_scan_checks_in_from_the_home_screen(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    assert window.current_page() is window.home
    assert "FZB-0004" not in on_duty_numbers(services)
    scan(qtbot, window, badge(services, "FZB-0004", clock))
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert window.result.headline.text() == "签到成功 08:30"
    assert window.result.other.text() == "Checked in at 08:30"
    assert "FZB-0004" in on_duty_numbers(services)
    tap(qtbot, window.result.done_button)
    assert window.current_page() is window.home
    assert "林志远" in window.home.board.visible_names()
    assert window.status_strip.on_duty_label.text() == "在岗 4 人"


def test_scan_works_on_any_screen(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    window, services = kiosk
    tap(qtbot, window.home.check_in_button)
    tap(qtbot, window.flow("shifts").check_in.phone_button)
    type_digits(qtbot, window.flow("shifts").phone, "138")
    scan(qtbot, window, badge(services, "FZB-0005", clock))
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert window.result.headline.text().startswith("签到成功")
    assert window.flow("shifts").phone.keypad.value == ""


def test_double_scan_says_already_checked_in_and_writes_nothing(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    token = badge(services, "FZB-0004", clock)
    scan(qtbot, window, token)
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    pending = services.pending_count()
    clock.advance(__import__("datetime").timedelta(seconds=40))
    scan(qtbot, window, token)
    qtbot.waitUntil(lambda: "无需重复扫码" in window.result.headline.text())
    assert window.result.headline.text() == "已于 08:30 签到，无需重复扫码"
    assert services.pending_count() == pending


def test_later_scan_checks_out_with_the_shift_length(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    # The demo's first volunteer has been on duty since 06:15.
    scan(qtbot, window, badge(services, "FZB-0001", clock))
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert window.result.headline.text() == "签退成功，本次服务 2 小时 15 分"
    assert "FZB-0001" not in on_duty_numbers(services)


def test_offer_cancel_then_cancel(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    from datetime import timedelta

    window, services = kiosk
    token = badge(services, "FZB-0004", clock)
    scan(qtbot, window, token)
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    clock.advance(timedelta(minutes=3))
    scan(qtbot, window, token)
    qtbot.waitUntil(lambda: window.result.cancel_button.isVisible())
    assert window.result.checkout_button.isVisible() and window.result.stay_button.isVisible()
    assert not window.result.done_button.isVisible()
    tap(qtbot, window.result.cancel_button)
    qtbot.waitUntil(lambda: window.result.headline.text() == "已取消签到")
    assert "FZB-0004" not in on_duty_numbers(services)


def test_offer_cancel_then_check_out_anyway(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    from datetime import timedelta

    window, services = kiosk
    token = badge(services, "FZB-0004", clock)
    scan(qtbot, window, token)
    clock.advance(timedelta(minutes=4))
    scan(qtbot, window, token)
    qtbot.waitUntil(lambda: window.result.checkout_button.isVisible())
    tap(qtbot, window.result.checkout_button)
    qtbot.waitUntil(lambda: window.result.headline.text() == "签退成功，本次服务 4 分钟")
    assert "FZB-0004" not in on_duty_numbers(services)


def enter_phone_and_pin(qtbot: QtBot, window: MainWindow, phone: str, pin: str) -> None:
    if window.current_page() is not window.flow("shifts").phone:
        tap(qtbot, window.home.check_in_button)
        tap(qtbot, window.flow("shifts").check_in.phone_button)
    type_digits(qtbot, window.flow("shifts").phone, phone)
    tap(qtbot, window.flow("shifts").phone.keypad.ok_button)
    assert window.current_page() is window.flow("shifts").pin
    type_digits(qtbot, window.flow("shifts").pin, pin)
    assert window.flow("shifts").pin.keypad.display.text() == " ".join("●" * len(pin))
    tap(qtbot, window.flow("shifts").pin.keypad.ok_button)


def test_phone_and_pin_on_the_keypad_check_in(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    tap(qtbot, window.home.check_in_button)
    tap(qtbot, window.flow("shifts").check_in.phone_button)
    type_digits(qtbot, window.flow("shifts").phone, "138000000049")  # one digit too many is ignored
    assert window.flow("shifts").phone.keypad.display.text() == "138 0000 0004"
    tap(qtbot, window.flow("shifts").phone.keypad.backspace_button)
    type_digits(qtbot, window.flow("shifts").phone, "4")
    tap(qtbot, window.flow("shifts").phone.keypad.ok_button)
    assert "138****0004" in window.flow("shifts").pin.detail.text()
    type_digits(qtbot, window.flow("shifts").pin, "1234")
    tap(qtbot, window.flow("shifts").pin.keypad.ok_button)
    assert window.current_page() is window.result
    assert window.result.headline.text() == "签到成功 08:30"
    assert "FZB-0004" in on_duty_numbers(services)
    assert (
        window.flow("shifts").pin.keypad.value == ""
        and window.flow("shifts").phone.keypad.value == ""
    )


def test_five_wrong_pins_lock_and_say_so(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    tap(qtbot, window.home.check_in_button)
    tap(qtbot, window.flow("shifts").check_in.phone_button)
    type_digits(qtbot, window.flow("shifts").phone, "13800000004")
    tap(qtbot, window.flow("shifts").phone.keypad.ok_button)
    for tries_left in (4, 3, 2, 1):
        type_digits(qtbot, window.flow("shifts").pin, "9999")
        tap(qtbot, window.flow("shifts").pin.keypad.ok_button)
        assert window.current_page() is window.flow("shifts").pin
        assert (
            window.flow("shifts").pin.error.primary.text()
            == f"密码不正确，还可尝试 {tries_left} 次"
        )
        assert (
            window.flow("shifts").pin.error.secondary.text()
            == f"Wrong PIN: {tries_left} tries left"
        )
    type_digits(qtbot, window.flow("shifts").pin, "9999")
    tap(qtbot, window.flow("shifts").pin.keypad.ok_button)
    assert window.current_page() is window.result
    assert "已锁定" in window.result.headline.text()
    assert "locked" in window.result.other.text()
    pending = services.pending_count()
    tap(qtbot, window.result.done_button)
    enter_phone_and_pin(qtbot, window, "13800000004", "1234")  # the right PIN, but locked
    assert "已锁定" in window.result.headline.text()
    assert "FZB-0004" not in on_duty_numbers(services)
    assert services.pending_count() == pending


def assert_refused_and_nothing_written(
    qtbot: QtBot, window: MainWindow, services: KioskServices, act: Callable[[], None], zh: str
) -> None:
    pending = services.pending_count()
    on_duty = on_duty_numbers(services)
    act()
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert zh in window.result.headline.text()
    assert window.result.other.text(), "the other language must be shown too"
    assert window.result.outcome is not None and window.result.outcome.tone == "error"
    assert services.pending_count() == pending
    assert on_duty_numbers(services) == on_duty


def test_bad_input_gets_a_bilingual_message_and_writes_nothing(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    token = badge(services, "FZB-0004", clock)
    altered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    forged_body = token.replace(token.split(".")[1], token.split(".")[1][::-1])
    cases: list[tuple[Callable[[], None], str]] = [
        (lambda: scan(qtbot, window, altered), "工牌无效或已被篡改"),
        # A serial this kiosk never heard of: not synced yet, or made up.
        (lambda: scan(qtbot, window, forged_body), "本机尚未收到此工牌的登记"),
        (lambda: scan(qtbot, window, "HELLO-WORLD-12345"), "无法识别的二维码"),
        (lambda: scan(qtbot, window, "x" * 10_000), "二维码内容过长"),
        (lambda: enter_phone_and_pin(qtbot, window, "13900000000", "1234"), "此手机号未登记"),
    ]
    for act, zh in cases:
        window.go_home()
        assert_refused_and_nothing_written(qtbot, window, services, act, zh)


def test_scanner_garbage_is_refused(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    assert_refused_and_nothing_written(
        qtbot,
        window,
        services,
        lambda: type_keys(window, "SK\x1d\x07B1.x", gap_ms=5),
        "无法识别的字符",
    )


def test_deactivated_volunteer_badge_is_refused(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    token = badge(services, "FZB-0004", clock)
    services.roster.deactivate(volunteer_id(services, "FZB-0004"), "left")
    assert_refused_and_nothing_written(
        qtbot, window, services, lambda: scan(qtbot, window, token), "该志愿者已停用"
    )


def test_a_person_typing_slowly_never_scans(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    window, services = kiosk
    token = badge(services, "FZB-0004", clock)  # issuing it is an event
    pending = services.pending_count()
    type_keys(window, token, gap_ms=150)  # 150 ms between keys: a person, not a scanner
    assert window.current_page() is window.home
    assert services.pending_count() == pending
    assert "签到成功" not in visible_text(window)
    scan(qtbot, window, token)  # the same text from the scanner checks in
    qtbot.waitUntil(lambda: "签到成功" in visible_text(window))
