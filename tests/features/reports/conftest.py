"""Fixtures of the dashboard, report, certificate and folder screens: a kiosk with a known month."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import tap, type_digits
from tests.reports_seed import seed_month

Kiosk = tuple[MainWindow, KioskServices]


@pytest.fixture
def seeded(make_window: Callable[..., Kiosk], migrated_template: Path, clock: FixedClock) -> Kiosk:
    window, services = make_window(migrated_template)
    services.admin.set_first_pin(DEMO_ADMIN_PIN, DEMO_ADMIN_PIN)
    seed_month(services, clock)
    return window, services


def open_admin(qtbot: QtBot, window: MainWindow) -> None:
    window.top_bar.logo.set_hold_ms(30)
    qtbot.mousePress(window.top_bar.logo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.flow("admin").admin_login, timeout=2000)
    qtbot.mouseRelease(window.top_bar.logo, Qt.MouseButton.LeftButton)
    type_digits(qtbot, window.flow("admin").admin_login, DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    assert window.current_page() is window.flow("admin").console
