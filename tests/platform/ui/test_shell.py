"""The shell around the flows: idle reset, language switch, large type, kiosk mode, admin access,
first run, and the touch rules measured on every page as rendered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.core.errors import ValidationError
from kiosk.platform.ui.outcomes import UNEXPECTED, Outcome, Tone
from kiosk.platform.ui.theme import MIN_TARGET_PX, MIN_TEXT_LARGE_PX, MIN_TEXT_PX
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import badge, scan, tap, type_digits, visible_text

Kiosk = tuple[MainWindow, KioskServices]


def test_idle_timeout_goes_home_and_clears_every_form(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    tap(qtbot, window.home.check_in_button)
    tap(qtbot, window.flow("shifts").check_in.phone_button)
    type_digits(qtbot, window.flow("shifts").phone, "13800000004")
    tap(qtbot, window.flow("shifts").phone.keypad.ok_button)
    type_digits(qtbot, window.flow("shifts").pin, "12")
    assert (
        window.flow("shifts").pin.keypad.value == "12"
        and "138****0004" in window.flow("shifts").pin.detail.text()
    )
    window.idle.timer.setInterval(50)
    window.idle.poke()
    qtbot.waitUntil(lambda: window.current_page() is window.home, timeout=2000)
    assert (
        window.flow("shifts").pin.keypad.value == ""
        and window.flow("shifts").phone.keypad.value == ""
    )
    assert "0004" not in window.flow("shifts").pin.detail.text()
    assert window.flow("shifts").pin.keypad.display.text() != "● ●"


def test_touching_the_screen_restarts_the_idle_timer(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    window.idle.stop()
    qtbot.mousePress(window.home, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert window.idle.timer.isActive()
    window.idle.stop()
    qtbot.keyClick(window, Qt.Key.Key_A)
    assert window.idle.timer.isActive()
    window.idle.stop()
    window.resize(1900, 1000)  # not a person: the countdown stays stopped
    assert not window.idle.timer.isActive()


def test_idle_clears_a_result_showing_a_name(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    window, services = kiosk
    scan(qtbot, window, badge(services, "FZB-0004", clock))
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    window.idle.timer.setInterval(20)
    window.idle.poke()
    qtbot.waitUntil(lambda: window.current_page() is window.home, timeout=2000)
    assert window.result.detail.text() == "" and window.result.outcome is None


def test_result_returns_home_by_itself(
    qtbot: QtBot, make_window: Callable[..., Kiosk], clock: FixedClock
) -> None:
    window, services = make_window(result_timeout_s=2)
    scan(qtbot, window, badge(services, "FZB-0004", clock))
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert "2" in window.result.countdown.text()
    qtbot.waitUntil(lambda: window.current_page() is window.home, timeout=4000)


def test_language_switch_changes_visible_texts(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    assert window.home.heading.text() == "我们能为您做什么？"
    assert window.home.tiles[0].name_label.text() == "交通问询"
    assert window.top_bar.language_button.text() == "English"
    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: window.home.heading.text() == "How can we help?")
    assert window.home.tiles[0].name_label.text() == "Transport enquiries"
    assert window.top_bar.station_label.text() == window.settings.station_name_en
    assert window.status_strip.sync_label.text() == "Stand-alone"
    assert window.status_strip.on_duty_label.text() == "3 on duty"
    assert window.top_bar.language_button.text() == "中文"
    # Hidden pages follow too.
    assert window.flow("shifts").check_in.phone_button.text() == "Use phone + PIN"
    assert window.flow("shifts").phone.keypad.ok_button.text() == "OK"
    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: window.home.heading.text() == "我们能为您做什么？")
    assert window.flow("shifts").check_in.phone_button.text() == "使用手机号 + 密码"
    assert window.status_strip.sync_label.text() == "本机独立运行"


def test_a_stand_alone_kiosk_says_so_and_counts_no_backlog(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    """Events a stand-alone kiosk records never leave it: the strip says "本机独立运行" and shows
    no "待同步 N 条" that would only grow, though the events are stored."""
    window, services = kiosk
    scan(qtbot, window, badge(services, "FZB-0004", clock))  # a volunteer checks in
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    window.refresh_status()
    assert services.pending_count() > 0  # stored, and would have been counted before
    strip = window.status_strip
    assert strip.sync_label.text() == "本机独立运行"
    assert strip.pending_label.text() == ""
    assert "待同步" not in visible_text(window)
    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: strip.sync_label.text() == "Stand-alone")
    assert strip.pending_label.text() == ""


def test_a_shown_error_follows_the_language(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    scan(qtbot, window, "NOT-A-BADGE-AT-ALL")
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert window.result.headline.text() == "无法识别的二维码，请扫描志愿者工牌"
    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(
        lambda: window.result.headline.text() == "Unrecognised code; please scan a volunteer badge"
    )
    assert window.result.other.text() == "无法识别的二维码，请扫描志愿者工牌"


def test_service_tile_opens_its_detail(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    own_flow = {"phone_charging", "medicine_box"}  # tiles that open their own pages
    tile = next(t for t in window.home.tiles if t.item.id not in own_flow)
    tap(qtbot, tile)
    assert window.current_page() is window.flow("catalogue").detail
    assert window.flow("catalogue").detail.name_label.text() == tile.item.name_zh
    assert window.flow("catalogue").detail.where_value.text() == tile.item.where_zh
    tap(qtbot, window.flow("catalogue").detail.back_button)
    assert window.current_page() is window.home


def test_kiosk_mode_ignores_close_until_admin_exits(
    qtbot: QtBot, make_window: Callable[..., Kiosk]
) -> None:
    window, _ = make_window(kiosk_mode=True)
    assert not window.close()
    assert window.isVisible()
    window.top_bar.logo.set_hold_ms(30)
    qtbot.mousePress(window.top_bar.logo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.flow("admin").admin_login, timeout=2000)
    qtbot.mouseRelease(window.top_bar.logo, Qt.MouseButton.LeftButton)
    type_digits(qtbot, window.flow("admin").admin_login, DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    assert window.current_page() is window.flow("admin").console
    assert window.flow("shifts").hours.table.rowCount() == 0  # nobody has finished a shift yet
    tap(qtbot, window.flow("admin").console.exit_button)  # asks first
    assert window.isVisible() and "再点一次" in visible_text(window)
    tap(qtbot, window.flow("admin").console.exit_button)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_short_press_on_logo_does_nothing(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    qtbot.mousePress(window.top_bar.logo, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(window.top_bar.logo, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert window.current_page() is window.home


def test_wrong_admin_pin_is_refused_and_locks(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    window.top_bar.logo.set_hold_ms(10)
    qtbot.mousePress(window.top_bar.logo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.flow("admin").admin_login, timeout=2000)
    for _ in range(5):
        type_digits(qtbot, window.flow("admin").admin_login, "111111")
        tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    assert window.current_page() is window.flow("admin").admin_login
    assert "锁定" in window.flow("admin").admin_login.error.primary.text()
    type_digits(qtbot, window.flow("admin").admin_login, DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    assert (
        window.current_page() is window.flow("admin").admin_login
    )  # locked even with the right PIN


def test_admin_page_shows_hours_and_sweeps(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    from datetime import timedelta

    window, services = kiosk
    clock.advance(timedelta(hours=13))  # the demo shifts are now past the 12 h maximum
    window.flow("admin").log_in(DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").console.sweep_button)
    assert window.flow("admin").console.notice.primary.text() == "已关闭 3 个超时班次"
    assert window.flow("shifts").flagged.table.rowCount() == 3
    assert window.flow("shifts").hours.table.rowCount() == 3
    assert services.shifts.on_duty() == []


def test_first_run_asks_for_the_admin_pin_twice(
    qtbot: QtBot, make_window: Callable[..., Kiosk], migrated_template: Path
) -> None:
    window, services = make_window(template=migrated_template)
    assert window.current_page() is window.flow("admin").set_admin_pin
    type_digits(qtbot, window.flow("admin").set_admin_pin, "135790")
    tap(qtbot, window.flow("admin").set_admin_pin.keypad.ok_button)
    assert window.flow("admin").set_admin_pin.confirming
    type_digits(qtbot, window.flow("admin").set_admin_pin, "135791")
    tap(qtbot, window.flow("admin").set_admin_pin.keypad.ok_button)
    assert window.flow("admin").set_admin_pin.error.primary.text() == "两次输入不一致"
    assert not services.admin.has_pin()
    for _ in range(2):
        type_digits(qtbot, window.flow("admin").set_admin_pin, "135790")
        tap(qtbot, window.flow("admin").set_admin_pin.keypad.ok_button)
    assert services.admin.has_pin()
    assert window.current_page() is window.result
    services.admin.verify("135790")


OFFER = Outcome(
    Tone.QUESTION, "info", "您在 08:30 刚刚签到", "You checked in at 08:30", "王芳", "王芳", "s"
)


def check_touch_rules(
    window: MainWindow, page: QWidget, minimum_text: int
) -> tuple[int, list[str]]:
    """Buttons on screen at least 72 px high, texts on screen at least `minimum_text` px."""
    problems: list[str] = []
    buttons = 0
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        name = f"{type(page).__name__}/{type(widget).__name__}/{widget.objectName()}"
        if isinstance(widget, QAbstractButton):
            buttons += 1
            if widget.height() < MIN_TARGET_PX:
                problems.append(f"{name} {widget.text()!r} is {widget.height()} px high")
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            size = widget.font().pixelSize()
            if size < minimum_text:
                problems.append(f"{name} {widget.text()!r} text is {size} px")
    return buttons, problems


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-type"])
def test_touch_rules_on_every_page(qtbot: QtBot, kiosk: Kiosk, large: bool) -> None:
    window, _ = kiosk
    if large:
        tap(qtbot, window.top_bar.large_type_button)
    minimum_text = MIN_TEXT_LARGE_PX if large else MIN_TEXT_PX
    window.build_all_pages()  # a kiosk builds each on first use; every one is checked here
    window.flow("admin").console.refresh()
    window.flow("shifts").phone.show_error(
        ValidationError("手机号格式不正确", "That is not a valid phone number")
    )
    problems: list[str] = []
    buttons = 0
    for page in window.pages():
        outcomes = [OFFER, UNEXPECTED] if page is window.result else [None]
        for outcome in outcomes:
            if outcome is not None:
                window.result.show_outcome(outcome)
            window.show_page(page)
            qtbot.wait(1)
            found, wrong = check_touch_rules(window, page, minimum_text)
            buttons += found
            problems += wrong
    assert buttons > 60
    assert not problems, "\n".join(problems)


def test_large_type_makes_text_bigger(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    before = window.home.heading.font().pixelSize()
    tile_before = window.home.tiles[0].name_label.font().pixelSize()
    tap(qtbot, window.top_bar.large_type_button)
    assert window.top_bar.large_type_button.isChecked()
    assert window.home.heading.font().pixelSize() > before
    assert window.home.tiles[0].name_label.font().pixelSize() >= MIN_TEXT_LARGE_PX > tile_before
    assert "大字" in visible_text(window)


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_every_home_tile_fits_its_icon_name_and_note_in_large_type(
    qtbot: QtBot, kiosk: Kiosk, size: tuple[int, int]
) -> None:
    """In large type a lending tile's three lines pushed its icon out of the tile's top
    (#17 §5): the icon gives way, the name and the note stay whole."""
    window, services = kiosk
    for item, count in (("book", 29), ("power_bank", 3)):
        services.lending.add_stock(item, count)
    window.resize(*size)
    tap(qtbot, window.top_bar.large_type_button)
    window.refresh_status()
    qtbot.wait(50)
    noted = [t for t in window.home.tiles if t.note_label.isVisible()]
    assert noted  # the lending tiles say what is left
    for tile in window.home.tiles:
        icon = tile.icon_label.geometry()
        name = tile.name_label.geometry()
        if tile.icon_label.isVisible():  # a tiny screen in large type may leave only the name
            assert icon.top() >= 0, tile.item.id
            assert icon.height() >= tile.icon_label.pixmap().height(), tile.item.id
        assert name.height() >= tile.name_label.heightForWidth(name.width()), tile.item.id
        bottom = (tile.note_label if tile.note_label.isVisible() else tile.name_label).geometry()
        assert bottom.bottom() <= tile.height(), tile.item.id
