"""Phone charging as a rider taps it: three taps to a code, collect by keypad or QR, lockout,
volunteer unlock, overdue notice on home, and an admin closing a session with a reason."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.charging.store import ChargingSessionRow
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import scan, tap, type_digits, visible_text

Kiosk = tuple[MainWindow, KioskServices]


def events(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def start_charging(qtbot: QtBot, window: MainWindow, slot: str) -> str:
    """The three taps: tile, slot, confirm; returns the code on screen."""
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == "phone_charging"))
    assert window.current_page() is window.flow("charging").picker
    tap(qtbot, window.flow("charging").picker.slot_buttons[slot])
    assert window.current_page() is window.flow("charging").confirm
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, window.flow("charging").confirm.confirm_button)
    assert window.current_page() is window.flow("charging").code
    code = window.flow("charging").code.code_label.text().replace(" ", "")
    assert len(code) == 6 and code.isdigit()
    return code


def open_collect(qtbot: QtBot, window: MainWindow, slot: str) -> None:
    window.go_home()
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == "phone_charging"))
    tap(qtbot, window.flow("charging").picker.collect_button)
    tap(qtbot, window.flow("charging").picker.slot_buttons[slot])


def test_three_taps_to_a_code_then_collect_on_the_keypad(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    code = start_charging(qtbot, window, "3")
    text = visible_text(window)
    assert "请把手机放入3 号充电柜" in text and "Put your phone in Locker 3" in text
    ticket = window.flow("charging").code.ticket
    assert ticket is not None
    assert (
        decode(window.flow("charging").code.qr_label.pixmap()) == f"SKC1.{ticket.session_id}.{code}"
    )
    tap(qtbot, window.flow("charging").code.done_button)
    assert window.current_page() is window.home
    assert window.flow("charging").code.code_label.text() == ""  # the code leaves the screen
    window.go_home()
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == "phone_charging"))
    assert not window.flow("charging").picker.slot_buttons["3"].isEnabled()  # busy: not offered
    open_collect(qtbot, window, "3")
    assert window.current_page() is window.flow("charging").entry
    type_digits(qtbot, window.flow("charging").entry, code)
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, window.flow("charging").entry.keypad.ok_button)
    assert window.current_page() is window.result
    assert "请打开3 号充电柜，取回您的手机" in visible_text(window)
    assert "Open Locker 3 and take your phone" in visible_text(window)
    with services.database.read() as session:
        row = session.get(ChargingSessionRow, ticket.session_id)
        assert row is not None and row.status == "collected"


def test_collect_by_scanning_the_code_qr_and_a_reused_code(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    start_charging(qtbot, window, "5")
    ticket = window.flow("charging").code.ticket
    assert ticket is not None
    window.go_home()
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        scan(qtbot, window, ticket.qr_text)
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert "Open Locker 5 and take your phone" in visible_text(window)
    before = events(services)
    window.go_home()
    scan(qtbot, window, ticket.qr_text)
    qtbot.waitUntil(lambda: "此取件码已使用过" in visible_text(window))
    assert "already used" in visible_text(window)
    window.go_home()
    scan(qtbot, window, "SKC1.not-a-real-code")
    qtbot.waitUntil(lambda: "无法识别的取件码二维码" in visible_text(window))
    assert events(services) == before


def test_wrong_codes_then_locked_then_a_volunteer_unlocks(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    code = start_charging(qtbot, window, "2")
    bad = f"{(int(code) + 1) % 1_000_000:06d}"
    open_collect(qtbot, window, "2")
    for left in (4, 3, 2, 1):
        type_digits(qtbot, window.flow("charging").entry, bad)
        tap(qtbot, window.flow("charging").entry.keypad.ok_button)
        text = visible_text(window)
        assert f"取件码不正确，还可尝试 {left} 次" in text
        assert f"Wrong pickup code: {left} tries left" in text
    type_digits(qtbot, window.flow("charging").entry, bad)
    with qtbot.wait_signal(window.data_changed, timeout=1000):  # the lock is an event
        tap(qtbot, window.flow("charging").entry.keypad.ok_button)
    assert window.current_page() is window.flow("charging").unlock
    assert "已锁定" in visible_text(window)
    open_collect(qtbot, window, "2")  # a locked slot asks for a volunteer, not a code
    assert window.current_page() is window.flow("charging").unlock
    type_digits(qtbot, window.flow("charging").unlock, "9999")
    tap(qtbot, window.flow("charging").unlock.keypad.ok_button)
    assert "Wrong PIN" in visible_text(window)
    type_digits(qtbot, window.flow("charging").unlock, "1234")  # a volunteer on duty (demo PIN)
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, window.flow("charging").unlock.keypad.ok_button)
    assert window.current_page() is window.flow("charging").entry
    assert "已解锁" in visible_text(window)
    type_digits(qtbot, window.flow("charging").entry, code)
    tap(qtbot, window.flow("charging").entry.keypad.ok_button)
    assert "Open Locker 2 and take your phone" in visible_text(window)


def test_a_slot_taken_a_moment_ago_writes_nothing(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == "phone_charging"))
    tap(qtbot, window.flow("charging").picker.slot_buttons["4"])
    services.charging.start("4")  # the other quick tap got there first
    before = events(services)
    tap(qtbot, window.flow("charging").confirm.confirm_button)
    assert window.current_page() is window.flow("charging").picker
    text = visible_text(window)
    assert "该充电位刚被占用" in text and "That slot was just taken" in text
    assert events(services) == before


def test_overdue_phones_are_flagged_on_home_and_closed_by_the_admin(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    start_charging(qtbot, window, "1")
    window.go_home()
    window.refresh_status()
    assert not window.home.overdue.isVisible()
    clock.advance(timedelta(hours=4, minutes=5))
    window.refresh_status()
    assert window.home.overdue.isVisible()
    assert "1 部手机充电超时未取" in window.home.overdue.text()
    window.show_page(window.flow("admin").admin_login)
    type_digits(qtbot, window.flow("admin").admin_login, DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    tap(qtbot, window.flow("admin").console.section_buttons["charging"])
    panel = window.flow("charging").sessions_panel
    assert window.current_page() is window.flow("admin").console and len(panel.sessions) == 1
    assert "超时" in panel.rows[0][0].text()
    tap(qtbot, panel.rows[0][1])
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, panel.reason_buttons["lost_and_found"])  # type: ignore[index]
    assert "已结束1 号充电柜的充电" in visible_text(window)
    assert panel.sessions == []
    with services.database.read() as session:
        payload = json.loads(
            session.scalars(
                select(EventRow.payload).where(EventRow.kind == "charging.collected")
            ).one()
        )
    assert payload["by"] == "volunteer" and payload["reason"] == "lost_and_found"
    window.go_home()
    window.refresh_status()
    assert not window.home.overdue.isVisible()


def test_every_open_session_can_be_reached_and_closed_from_the_admin_tab(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    """Three rows and "另有 2 笔" was a dead end (#17 §5): the tab pages through them all."""
    window, services = kiosk
    for slot in ("1", "2", "3", "4", "5"):
        start_charging(qtbot, window, slot)
        window.go_home()
    window.flow("admin").log_in(DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").console.section_buttons["charging"])
    panel = window.flow("charging").sessions_panel
    assert [label.isVisible() for label, _ in panel.rows] == [True, True, True]
    assert panel.pager.page_label.text() == "1 / 2" and not panel.pager.previous_button.isEnabled()
    first_page = [label.text() for label, _ in panel.rows]
    tap(qtbot, panel.pager.next_button)
    assert panel.pager.page_label.text() == "2 / 2" and not panel.pager.next_button.isEnabled()
    assert [label.isVisible() for label, _ in panel.rows] == [True, True, False]
    last = panel.rows[1][0].text()
    assert last not in first_page
    tap(qtbot, panel.rows[1][1])
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, panel.reason_buttons["lost_and_found"])  # type: ignore[index]
    assert len(services.charging.open_sessions()) == 4  # stored: that one is closed
    assert last.split()[0] not in {s.slot.label("zh") for s in services.charging.open_sessions()}
    assert panel.pager.page_label.text() == "2 / 2"  # still on the page it acted on
    assert [label.isVisible() for label, _ in panel.rows] == [True, False, False]


def decode(pixmap: object) -> str:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert pixmap.save(buffer, "PNG")  # type: ignore[attr-defined]
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data().data()))))
    assert len(found) == 1
    return str(found[0].text)


@pytest.mark.parametrize("code", ["000000", "123456", "999999"])
def test_pickup_qr_round_trip(code: str) -> None:
    from kiosk.features.charging.domain import code_qr_text, parse_code_qr
    from kiosk.platform.ui.qr import qr_pixmap

    text = code_qr_text("0190f0e2-7a1b-7c3d-9e4f-0a1b2c3d4e5f", code)
    assert parse_code_qr(decode(qr_pixmap(text, 380))) == (
        "0190f0e2-7a1b-7c3d-9e4f-0a1b2c3d4e5f",
        code,
    )


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-type"])
def test_touch_rules_on_the_charging_pages_with_content(
    qtbot: QtBot, kiosk: Kiosk, large: bool
) -> None:
    from kiosk.platform.ui.theme import MIN_TEXT_LARGE_PX, MIN_TEXT_PX
    from tests.platform.ui.test_shell import check_touch_rules

    window, services = kiosk
    if large:
        tap(qtbot, window.top_bar.large_type_button)
    start_charging(qtbot, window, "1")
    problems = check_touch_rules(
        window, window.flow("charging").code, MIN_TEXT_LARGE_PX if large else MIN_TEXT_PX
    )[1]
    flow = window.flow("charging")
    for show in (
        lambda: flow.open("start"),
        lambda: (flow.open("start"), tap(qtbot, flow.picker.slot_buttons["2"])),
        lambda: flow.open("collect"),
        lambda: (flow.open("collect"), tap(qtbot, flow.picker.slot_buttons["1"])),
        lambda: (flow.unlock.ask(services.charging.slot("1")), window.show_page(flow.unlock)),
        lambda: (
            window.flow("admin").log_in(DEMO_ADMIN_PIN),  # the console, read afresh
            tap(qtbot, window.flow("admin").console.section_buttons["charging"]),
            tap(qtbot, window.flow("charging").sessions_panel.rows[0][1]),
        ),
    ):
        show()
        qtbot.wait(1)
        problems += check_touch_rules(
            window, window.current_page(), MIN_TEXT_LARGE_PX if large else MIN_TEXT_PX
        )[1]  # type: ignore[arg-type]
    assert not problems, "\n".join(problems)
