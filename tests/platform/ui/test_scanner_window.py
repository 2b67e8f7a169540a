"""The scanner and the idle timer read the input where the windowing system delivers it, the
window's QWindow, instead of an application-wide filter called for every event of every widget."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.platform.ui.scanner import ScannerFilter
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import badge, tap, type_digits, type_keys

Kiosk = tuple[MainWindow, KioskServices]


def test_a_scan_arriving_at_the_window_checks_in_on_any_screen(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    tap(qtbot, window.home.check_in_button)
    tap(qtbot, window.flow("shifts").check_in.phone_button)
    type_digits(qtbot, window.flow("shifts").phone, "138")
    handle = window.windowHandle()
    assert handle is not None
    type_keys(handle, badge(services, "FZB-0005", clock), gap_ms=5)
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert window.result.headline.text().startswith("签到成功")
    assert "FZB-0005" in [d.volunteer.number for d in services.shifts.on_duty()]


def test_a_tap_arriving_at_the_window_restarts_the_idle_countdown(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    window, _ = kiosk
    window.idle.stop()
    handle = window.windowHandle()
    assert handle is not None
    QTest.mouseClick(
        handle,
        Qt.MouseButton.LeftButton,
        pos=window.home.mapTo(window, window.home.rect().center()),
    )
    assert window.idle.timer.isActive()


def make_form(
    qtbot: QtBot,
) -> tuple[QWidget, QLayout, QLineEdit, QPushButton, ScannerFilter, list[str]]:
    form = QWidget()
    qtbot.addWidget(form)
    field = QLineEdit()
    button = QPushButton("OK")
    layout = QVBoxLayout(form)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # no offscreen warning
    layout.addWidget(field)
    layout.addWidget(button)
    scanner = ScannerFilter(form)
    scanner.watch(form)
    scanned: list[str] = []
    scanner.scanned.connect(scanned.append)
    form.show()
    qtbot.waitExposed(form)
    return form, field, button, scanner, scanned


def test_typing_into_a_text_field_is_typing_not_a_scan(qtbot: QtBot) -> None:
    form, field, _, _, scanned = make_form(qtbot)
    form.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    handle = form.windowHandle()
    assert handle is not None
    type_keys(handle, "ABC123456", gap_ms=5, enter=False)
    assert field.text() == "ABC123456"
    assert scanned == []


def test_a_burst_at_a_focused_button_is_a_scan_and_never_presses_it(qtbot: QtBot) -> None:
    form, _, button, _, scanned = make_form(qtbot)
    pressed: list[bool] = []
    button.clicked.connect(lambda: pressed.append(True))
    form.activateWindow()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    handle = form.windowHandle()
    assert handle is not None
    type_keys(handle, "SKB1.badge", gap_ms=5)
    type_keys(handle, " ", gap_ms=5, enter=False)  # a space would press a focused button
    assert scanned == ["SKB1.badge"]
    assert pressed == []


def test_the_filter_follows_the_window_when_it_is_recreated(qtbot: QtBot) -> None:
    form, _, _, _, scanned = make_form(qtbot)
    before = form.windowHandle()
    form.destroy()  # as when the window is recreated: a new QWindow comes with the next show
    form.show()
    qtbot.waitExposed(form)
    handle = form.windowHandle()
    assert handle is not None and handle is not before
    type_keys(handle, "SKB1.after", gap_ms=5)
    assert scanned == ["SKB1.after"]
