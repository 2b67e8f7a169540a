"""The handover sheet on the receipt printer, as the leaving volunteer prints it: after
recording a handover the result screen offers 打印交接单; the printer gets the sheet in GB18030
with the difference and its reason, then a cut. A printer that is off says so and the handover
stays recorded; a kiosk without a printer offers nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.handover.test_handover import events, flow
from tests.features.printing.fake_printer import closed_port
from tests.kiosk_fixtures import badge, scan, tap, visible_text

MakeWindow = Callable[..., tuple[MainWindow, KioskServices]]


def record_handover(
    qtbot: QtBot, window: MainWindow, services: KioskServices, clock: FixedClock
) -> str:
    """王芳 checks out and records a handover with one plaster fewer than expected; returns the
    counted item's name."""
    services.requests.order("luggage")
    scan(qtbot, window, badge(services, "FZB-0001", clock))
    tap(qtbot, window.result.follow_button)
    page = flow(window).record
    first = page.snapshot.stock[0]
    _name, minus, _value, _plus, reason = page.rows[0]
    tap(qtbot, minus)
    tap(qtbot, reason)
    tap(qtbot, flow(window).reason.reason_buttons["unlogged"])
    tap(qtbot, page.save_button)
    assert "交接已记录" in visible_text(window)
    return first.name_zh


def test_print_the_handover_sheet(
    qtbot: QtBot, make_window: MakeWindow, clock: FixedClock, tmp_path: Path
) -> None:
    out = tmp_path / "printer.bin"
    window, services = make_window(printer=f"file:{out}")
    item = record_handover(qtbot, window, services, clock)
    follow = window.result.follow_button
    assert follow.isVisible() and follow.text() == "打印交接单"
    tap(qtbot, follow)
    qtbot.waitUntil(lambda: "交接单已打印" in visible_text(window), timeout=10_000)
    data = out.read_bytes()
    for text in (
        "交接班记录",
        "交班 By",
        "王芳",
        "未完成求助 Requests",
        item,
        "已发放或借出未登记",
    ):
        assert text.encode("gb18030") in data, text
    assert "接班签名".encode("gb18030") in data
    assert data.endswith(b"\x1dV\x00")  # cut


def test_a_printer_that_is_off_says_so_and_the_handover_stays(
    qtbot: QtBot, make_window: MakeWindow, clock: FixedClock
) -> None:
    window, services = make_window(printer=f"net:127.0.0.1:{closed_port()}")
    record_handover(qtbot, window, services, clock)
    tap(qtbot, window.result.follow_button)
    qtbot.waitUntil(lambda: "打印机不可用，请拍照" in visible_text(window), timeout=10_000)
    assert "Printer unavailable, please take a photo" in visible_text(window)
    assert [kind for kind, _ in events(services)] == ["handover.recorded"]


def test_no_print_offer_without_a_printer(
    qtbot: QtBot, make_window: MakeWindow, clock: FixedClock
) -> None:
    window, services = make_window()
    record_handover(qtbot, window, services, clock)
    assert not window.result.follow_button.isVisible()
