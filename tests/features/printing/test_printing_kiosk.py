"""Printing as a rider meets it: "Print" on the charging pickup page, the slip's bytes at the
printer, and a printer that is off: the message, the code still on screen, the flow goes on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.features.charging.store import ChargingSessionRow
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.charging.test_charging import start_charging
from tests.features.printing.fake_printer import FakeNetworkPrinter, closed_port
from tests.kiosk_fixtures import tap, visible_text

MakeWindow = Callable[..., tuple[MainWindow, KioskServices]]


def gb(text: str) -> bytes:
    return text.encode("gb18030")


def test_print_the_pickup_slip(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    out = tmp_path / "printer.bin"
    window, _ = make_window(printer=f"file:{out}")
    code = start_charging(qtbot, window, "3")
    page = window.flow("charging").code
    ticket = page.ticket
    assert ticket is not None
    assert page.print_bar.isVisible() and "打印" in visible_text(window)
    tap(qtbot, page.print_bar.button)
    qtbot.waitUntil(lambda: "已打印，请取走小票" in visible_text(window), timeout=10_000)
    data = out.read_bytes()
    assert gb(f"{code[:3]} {code[3:]}") in data  # the code, large
    assert gb("手机充电取件码") in data and gb("3 号充电柜") in data
    assert b"\x1d(k" in data and f"SKC1.{ticket.session_id}.{code}".encode() in data  # its QR
    assert data.endswith(b"\x1dV\x00")  # cut
    assert window.current_page() is page  # still showing the code
    tap(qtbot, page.done_button)
    assert window.current_page() is window.home


def test_an_unreachable_printer_says_so_and_the_flow_goes_on(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window, services = make_window(printer=f"net:127.0.0.1:{closed_port()}")
    code = start_charging(qtbot, window, "2")
    page = window.flow("charging").code
    tap(qtbot, page.print_bar.button)
    assert not page.print_bar.button.isEnabled()  # printing, in the background
    qtbot.waitUntil(lambda: "打印机不可用，请拍照" in visible_text(window), timeout=10_000)
    text = visible_text(window)
    assert "Printer unavailable, please take a photo" in text
    assert page.code_label.text() == f"{code[:3]} {code[3:]}"  # the code stays to photograph
    assert page.print_bar.button.isEnabled()  # may try again
    ticket = page.ticket
    assert ticket is not None
    tap(qtbot, page.done_button)
    assert window.current_page() is window.home
    with services.database.read() as session:
        row = session.get(ChargingSessionRow, ticket.session_id)
        assert row is not None and row.status == "open"  # the session was started all the same


def test_no_print_button_without_a_printer(qtbot: QtBot, make_window: MakeWindow) -> None:
    window, _ = make_window()
    start_charging(qtbot, window, "1")
    assert not window.flow("charging").code.print_bar.isVisible()
    assert "打印" not in visible_text(window)


def test_a_late_answer_does_not_reach_the_next_riders_page(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    with FakeNetworkPrinter(answer_after_s=1.0) as printer:
        window, _ = make_window(printer=printer.setting)
        start_charging(qtbot, window, "2")
        page = window.flow("charging").code
        tap(qtbot, page.print_bar.button)
        tap(qtbot, page.done_button)  # the rider leaves before the printer answers
        start_charging(qtbot, window, "4")  # the next rider's code, on the same page
        assert window.tasks.wait(10_000)
        qtbot.wait(100)  # the first slip's "printed" is delivered on the GUI thread now
        assert printer.received  # it did print
    assert page.print_bar.button.isEnabled()
    assert "已打印" not in visible_text(window)  # not said to the next rider
