"""Needs and wishes as people tap them: a category, a few words on our touch keyboard, a ticket;
staff set the status and answer on the admin screen; the answer shows when the ticket is typed
on the keypad or scanned."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.features.wishes.store import WishRow
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.charging.test_charging import decode
from tests.kiosk_fixtures import scan, tap, type_digits, type_latin, visible_text

Kiosk = tuple[MainWindow, KioskServices]


def events(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


type_on = type_latin


def test_latin_keyboard_shift_caps_backspace(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    window.flow("wishes").open()
    tap(qtbot, window.flow("wishes").categories.tiles["suggestion"])
    keyboard = window.flow("wishes").text.keyboard
    keyboard.set_max_length(12)  # a limit short enough to reach in a test
    type_on(qtbot, keyboard, "Hi 2")
    assert keyboard.value == "Hi 2"
    tap(qtbot, keyboard.shift_button)
    tap(qtbot, keyboard.shift_button)  # twice: capitals stay on
    tap(qtbot, keyboard.keys["o"])
    tap(qtbot, keyboard.keys["k"])
    assert keyboard.value == "Hi 2OK" and keyboard.keys["a"].text() == "A"
    tap(qtbot, keyboard.shift_button)
    tap(qtbot, keyboard.backspace_button)
    tap(qtbot, keyboard.keys["?"])
    assert keyboard.value == "Hi 2O?" and keyboard.keys["a"].text() == "a"
    for _ in range(10):
        tap(qtbot, keyboard.keys["x"])
    assert len(keyboard.value) == 12  # the limit holds


def test_wish_submit_answer_and_lookup(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    flow = window.flow("wishes")
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == "wishes"))
    assert window.current_page() is flow.categories
    tap(qtbot, flow.categories.tiles["wages"])
    assert window.current_page() is flow.text
    type_on(qtbot, flow.text.keyboard, "Boss owes me 2 months, Lin")
    assert "Boss owes me 2 months, Lin" in visible_text(window)
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, flow.text.send_button)
    assert window.current_page() is flow.ticket
    ticket = flow.ticket.ticket
    assert ticket is not None and decode(flow.ticket.qr_label.pixmap()) == f"SKT1.{ticket}"
    assert "已收到您的诉求" in visible_text(window)
    with services.database.read() as session:
        row = session.scalars(select(WishRow)).one()
        assert row.text == "" and row.phone is None  # sealed (docs/privacy.md)
        assert services.wishes.get(row.id).text == "Boss owes me 2 months, Lin"
        assert row.category == "wages" and row.status == "received"
    tap(qtbot, flow.ticket.done_button)

    # The admin's section: open wishes with their times; answer from the canned list.
    window.flow("admin").log_in(DEMO_ADMIN_PIN)  # the console, read afresh
    tap(qtbot, window.flow("admin").console.section_buttons["help"])
    panel = window.flow("requests").help_desk
    assert [w.ticket for w in panel.wishes] == [ticket]
    answer_button = panel.wishes_table.cellWidget(0, 5)
    assert answer_button is not None
    tap(qtbot, answer_button)
    assert window.current_page() is flow.answer
    before = events(services)
    tap(qtbot, flow.answer.answer_button)  # nothing typed: refused
    assert "请选择或输入答复" in visible_text(window)
    assert events(services) == before
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, flow.answer.canned_buttons[2])
    assert window.current_page() is window.flow("admin").console
    assert panel.wishes == []  # answered: no longer open

    # Anyone with the number sees the answer: keypad …
    window.go_home()
    window.flow("requests").open_lookup()
    type_digits(qtbot, window.flow("requests").lookup, ticket)
    tap(qtbot, window.flow("requests").lookup.keypad.ok_button)
    assert window.current_page() is window.flow("requests").status
    text = visible_text(window)
    assert "已答复" in text and "劳动维权请拨打 12333" in text
    assert not window.flow("requests").status.face_buttons["good"].isVisible()
    # … or a scan of the QR anywhere.
    window.go_home()
    scan(qtbot, window, f"https://hub.example/t/{services.settings.station_id}/{ticket}")
    qtbot.waitUntil(lambda: window.current_page() is window.flow("requests").status)
    assert "For labour rights and wages, call 12333" in visible_text(window)


def test_wish_with_a_phone_in_progress_shown(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    flow = window.flow("wishes")
    flow.open()
    tap(qtbot, flow.categories.tiles["rest"])
    tap(qtbot, flow.text.phone_button)
    type_digits(qtbot, flow.phone, "13912345678")
    tap(qtbot, flow.phone.agree_button)  # the notice, agreed to
    tap(qtbot, flow.phone.keypad.ok_button)
    assert window.current_page() is flow.text
    assert "139****5678" in flow.text.phone_button.text()
    tap(qtbot, flow.text.send_button)
    ticket = flow.ticket.ticket
    assert ticket is not None
    wish = services.wishes.open_wishes()[0]
    assert wish.has_phone
    services.wishes.set_status(wish.id, "in_progress", "station_admin")
    window.go_home()
    scan(qtbot, window, f"SKT1.{ticket}")
    qtbot.waitUntil(lambda: window.current_page() is window.flow("requests").status)
    assert "正在办理" in visible_text(window) and "In progress" in visible_text(window)
