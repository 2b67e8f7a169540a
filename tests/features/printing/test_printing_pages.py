"""Print from every page that shows a ticket or badge, and set the printer on the admin's
settings page (bad setting refused, nothing written; Test print reaches the printer)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.features.admin.service.settings import load_overrides
from kiosk.features.volunteers.service.serials import identify
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import audits, count, login, tap_row, type_text
from tests.features.printing.fake_printer import FakeNetworkPrinter
from tests.features.requests.test_requests import order_help
from tests.kiosk_fixtures import tap, visible_text, volunteer_id

MakeWindow = Callable[..., tuple[MainWindow, KioskServices]]


def gb(text: str) -> bytes:
    return text.encode("gb18030")


def printed(qtbot: QtBot, window: MainWindow, out: Path) -> bytes:
    qtbot.waitUntil(lambda: "已打印，请取走小票" in visible_text(window), timeout=10_000)
    return out.read_bytes()


def test_print_a_help_request_ticket(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    out = tmp_path / "lp0"
    window, _ = make_window(printer=f"file:{out}")
    ticket = order_help(qtbot, window)
    page = window.flow("requests").ticket
    tap(qtbot, page.print_bar.button)
    data = printed(qtbot, window, out)
    assert gb("求助单") in data and gb(f"{ticket[:3]} {ticket[3:]}") in data
    assert page.link.encode() in data and b"\x1d(k" in data  # the QR of the status link
    assert b"139****5678" in data and b"13912345678" not in data  # the phone only masked
    assert data.endswith(b"\x1dV\x00")
    tap(qtbot, page.done_button)
    assert window.current_page() is window.home


def test_print_a_wish_ticket(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    out = tmp_path / "lp0"
    window, _ = make_window(printer=f"file:{out}")
    flow = window.flow("wishes")
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == "wishes"))
    tap(qtbot, flow.categories.tiles["wages"])
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, flow.text.send_button)
    ticket = flow.ticket.ticket
    assert ticket is not None
    tap(qtbot, flow.ticket.print_bar.button)
    data = printed(qtbot, window, out)
    assert gb("诉求 / 微心愿") in data and gb(f"{ticket[:3]} {ticket[3:]}") in data
    assert flow.ticket.link.encode() in data


def test_print_a_badge_label(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    out = tmp_path / "lp0"
    window, services = make_window(printer=f"file:{out}")
    flow = window.flow("admin")
    login(qtbot, window, DEMO_ADMIN_PIN)
    tap(qtbot, flow.console.tool_buttons["volunteers"])
    tap_row(qtbot, window.flow("volunteers").volunteers.table, 1)
    tap(qtbot, window.flow("volunteers").volunteers.action_buttons["badge"])
    assert window.current_page() is window.flow("volunteers").badge
    tap(qtbot, window.flow("volunteers").badge.print_bar.button)
    data = printed(qtbot, window, out)
    label = window.flow("volunteers")._badge_label
    assert label is not None
    assert gb("志愿者工牌") in data and gb("李强") in data
    token = next(b.data for b in label.blocks if hasattr(b, "data"))
    with services.database.read() as session:  # the kiosk's own check of a scanned badge
        who = identify(session, token, services.badges.public_keys(), services.clock.now().date())
    assert who == volunteer_id(services, "FZB-0002")  # the badge just printed, not an old one
    assert token.encode() in data and data.endswith(b"\x1dV\x00")


def test_set_the_printer_and_print_a_test_slip(qtbot: QtBot, make_window: MakeWindow) -> None:
    window, services = make_window()
    flow = window.flow("admin")
    page = flow.settings_page
    login(qtbot, window, DEMO_ADMIN_PIN)
    tap(qtbot, flow.console.settings_button)
    assert "无" in page.values["printer"].text()
    assert not page.test_print_button.isEnabled()  # nothing to test yet
    before = count(services)
    tap(qtbot, page.change_buttons["printer"])
    type_text(qtbot, window, "printer")
    assert "net:HOST:PORT" in visible_text(window) or "net:地址:端口" in visible_text(window)
    assert count(services) == before and services.settings.printer == ""  # nothing written
    with FakeNetworkPrinter() as printer:
        text_page = flow.text_entry
        for _ in range(len(text_page.value)):
            tap(qtbot, text_page.backspace_button)
        type_text(qtbot, window, printer.setting)
        assert window.current_page() is page
        assert page.values["printer"].text() == printer.setting
        assert load_overrides(services.database)["printer"] == printer.setting  # kept
        assert audits(services)[-1]["target"] == "printer"
        tap(qtbot, page.test_print_button)
        qtbot.waitUntil(lambda: "测试页已打印" in page.notice.primary.text(), timeout=10_000)
    data = bytes(printer.received)
    assert gb("打印测试") in data and gb("中文打印正常：驿站自助终端") in data
    assert b"\x1d(k" in data and b"SK-PRINT-TEST" in data and data.endswith(b"\x1dV\x00")
    # The printer is switched off: Test print says so, the page stays usable.
    tap(qtbot, page.test_print_button)
    qtbot.waitUntil(lambda: "打印机不可用，请拍照" in page.notice.primary.text(), timeout=10_000)
    assert "Printer unavailable, please take a photo" in page.notice.secondary.text()
    assert page.test_print_button.isEnabled()
