"""A badge shown to a camera decodes to the token a scanner would type; forgotten shifts are
closed by the running kiosk without anyone pressing a button."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import qrcode
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.features.shifts.domain import ScanAction
from kiosk.platform.ui.camera import decode_qr
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import badge

Kiosk = tuple[MainWindow, KioskServices]


def frame_of(text: str) -> QImage:
    """What a camera sees of a badge: the QR on a larger light background."""
    buffer = io.BytesIO()
    qrcode.make(text, border=8).save(buffer, format="PNG")
    image = QImage()
    assert image.loadFromData(buffer.getvalue())
    return image.convertToFormat(QImage.Format.Format_RGB32).scaled(640, 640)


def test_camera_frame_decodes_to_a_badge_that_clocks_in(kiosk: Kiosk, clock: FixedClock) -> None:
    _, services = kiosk
    token = badge(services, "FZB-0004", clock)
    decoded = decode_qr(frame_of(token))
    assert decoded == token
    assert services.shifts.scan_badge(decoded).action is ScanAction.CHECK_IN
    blank = QImage(640, 480, QImage.Format.Format_RGB32)
    blank.fill(0xFFFFFF)
    assert decode_qr(blank) is None


def test_running_kiosk_sweeps_forgotten_shifts(
    qtbot: QtBot, make_window: Callable[..., Kiosk], clock: FixedClock
) -> None:
    clock.advance(timedelta(hours=13))  # the demo's three morning check-ins are now stale
    window, services = make_window()
    qtbot.waitUntil(lambda: services.shifts.on_duty() == [], timeout=5000)
    assert len(services.shifts.flagged()) >= 3
    assert "0 on duty" in window.status_strip.on_duty_label.text() or "在岗 0 人" in (
        window.status_strip.on_duty_label.text()
    )
