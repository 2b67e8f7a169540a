"""Help requests as people tap them: order (category, train on the letter keypad, phone shown
masked) → ticket and QR → the volunteers' queue → accept by badge → complete by phone + PIN with
a note → the requester's three faces; a second accept refused here and after sync; a rating
before the request is done; unknown tickets; escalation with the fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.events import Event
from kiosk.features.requests.store import RequestRow
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.charging.test_charging import decode
from tests.kiosk_fixtures import badge, scan, tap, type_digits, visible_text, volunteer_id

Kiosk = tuple[MainWindow, KioskServices]


def events(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def status_of(services: KioskServices, request_id: str) -> str:
    with services.database.read() as session:
        row = session.get(RequestRow, request_id)
        assert row is not None
        return row.status


def tile(window: MainWindow, service_id: str) -> object:
    return next(t for t in window.home.tiles if t.item.id == service_id)


def order_help(qtbot: QtBot, window: MainWindow) -> str:
    """助残助弱 tile (it lends wheelchairs too) → ask a volunteer → wheelchair → train G1234 →
    phone → send; returns the ticket on screen."""
    flow = window.flow("requests")
    tap(qtbot, tile(window, "assistance"))  # type: ignore[arg-type]
    lending = window.flow("lending").page
    assert window.current_page() is lending and lending.also_button.text() == "请志愿者来帮忙"
    tap(qtbot, lending.also_button)
    assert window.current_page() is flow.categories
    tap(qtbot, flow.categories.tiles["wheelchair"])
    assert window.current_page() is flow.details
    tap(qtbot, flow.details.field_buttons["train"])
    tap(qtbot, flow.train.train_keypad.letter_buttons["G"])
    type_digits(qtbot, flow.train, "1234")
    assert flow.train.keypad.display.text() == "G1234"
    tap(qtbot, flow.train.keypad.ok_button)
    assert window.current_page() is flow.details
    tap(qtbot, flow.details.field_buttons["phone"])
    type_digits(qtbot, flow.phone, "13912345678")
    tap(qtbot, flow.phone.agree_button)  # the notice, agreed to
    tap(qtbot, flow.phone.keypad.ok_button)
    text = visible_text(window)
    assert "G1234" in text and "139****5678" in text and "13912345678" not in text
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, flow.details.send_button)
    assert window.current_page() is flow.ticket
    ticket = flow.ticket.ticket
    assert ticket is not None
    assert flow.ticket.ticket_label.text() == f"{ticket[:3]} {ticket[3:]}"
    return ticket


def test_request_life_cycle(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    window, services = kiosk
    flow = window.flow("requests")
    ticket = order_help(qtbot, window)
    assert "已通知在岗志愿者" in visible_text(window)
    assert decode(flow.ticket.qr_label.pixmap()) == f"SKT1.{ticket}"
    # Stand-alone: the code holds the bare ticket, so the page says to keep the number.
    assert "请记下单号，或在本站终端扫描此码" in visible_text(window)
    assert "扫码查看进度" not in visible_text(window)
    tap(qtbot, flow.ticket.done_button)
    assert window.current_page() is window.home
    assert window.home.queue_button.isVisible()
    assert "1" in window.home.queue_button.text()
    tap(qtbot, window.home.queue_button)
    assert window.current_page() is flow.queue
    (view,) = flow.queue.views
    assert view.ticket == ticket and view.masked_phone == "139****5678"
    card = flow.queue.cards[view.id]
    assert "G1234" in card.details.text()
    clock.advance(timedelta(minutes=2))
    tap(qtbot, card.action_button)  # Accept
    assert window.current_page() is flow.helper_phone
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        scan(qtbot, window, badge(services, "FZB-0001", clock))
    qtbot.waitUntil(lambda: window.current_page() is flow.queue)
    assert "王芳已接单" in visible_text(window) or "王芳 accepted" in visible_text(window)
    assert status_of(services, view.id) == "accepted"
    assert "Accepted by 王芳" in flow.queue.cards[view.id].status_label.text() or (
        "王芳" in flow.queue.cards[view.id].status_label.text()
    )
    clock.advance(timedelta(minutes=10))
    tap(qtbot, flow.queue.cards[view.id].action_button)  # Done
    type_digits(qtbot, flow.helper_phone, "13800000002")
    tap(qtbot, flow.helper_phone.keypad.ok_button)
    assert window.current_page() is flow.helper_pin
    type_digits(qtbot, flow.helper_pin, "1234")
    tap(qtbot, flow.helper_pin.keypad.ok_button)
    assert window.current_page() is flow.note
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, flow.note.note_buttons["escorted"])
    assert window.current_page() is flow.rating
    tap(qtbot, flow.rating.face_buttons["good"])
    assert window.current_page() is window.result
    assert "谢谢您的评价" in visible_text(window) and "Thank you for rating" in visible_text(window)
    with services.database.read() as session:
        row = session.get(RequestRow, view.id)
        assert row is not None and row.status == "rated" and row.rating == "good"
        assert row.response_s == 120 and row.completion_s == 720
        assert row.completed_by == volunteer_id(services, "FZB-0002")
    window.refresh_status()
    assert not window.home.queue_button.isVisible()


def test_lost_found_tile_preselects_lost(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    tap(qtbot, tile(window, "volunteer_help"))  # type: ignore[arg-type]
    assert window.current_page() is window.flow("requests").categories
    window.go_home()
    tap(qtbot, tile(window, "lost_found"))  # type: ignore[arg-type]
    assert window.current_page() is window.flow("requests").details
    assert window.flow("requests").details.category == "lost"
    assert "Lost person or item" in visible_text(window)


def test_a_second_accept_here_is_refused_and_writes_nothing(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    view = services.requests.order("luggage")
    window.refresh_status()
    tap(qtbot, window.home.queue_button)
    stale = window.flow("requests").queue.cards[view.id].action_button
    # Meanwhile another volunteer accepted it at this kiosk (the queue on screen is stale).
    services.requests.accept(view.id, volunteer_id(services, "FZB-0001"))
    token = badge(services, "FZB-0003", clock)  # printing it is an event
    before = events(services)
    tap(qtbot, stale)
    scan(qtbot, window, token)
    qtbot.waitUntil(lambda: window.current_page() is window.flow("requests").queue)
    text = visible_text(window)
    assert "此单已由王芳接单，不能重复接单" in text
    assert "王芳 already accepted this request; it cannot be accepted twice" in text
    assert events(services) == before


def test_a_volunteer_not_on_duty_cannot_accept(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    services.requests.order("directions")
    window.refresh_status()
    tap(qtbot, window.home.queue_button)
    (card,) = window.flow("requests").queue.cards.values()
    before = events(services)
    tap(qtbot, card.action_button)
    type_digits(
        qtbot, window.flow("requests").helper_phone, "13800000008"
    )  # registered, not on duty
    tap(qtbot, window.flow("requests").helper_phone.keypad.ok_button)
    type_digits(qtbot, window.flow("requests").helper_pin, "1234")
    tap(qtbot, window.flow("requests").helper_pin.keypad.ok_button)
    assert "只有在岗志愿者可以接单" in visible_text(window)
    assert "Only volunteers on duty" in visible_text(window)
    assert events(services) == before


def test_the_other_kiosks_earlier_accept_wins_after_sync(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    view = services.requests.order("medical")
    clock.advance(timedelta(minutes=1))
    window.refresh_status()
    tap(qtbot, window.home.queue_button)
    tap(qtbot, window.flow("requests").queue.cards[view.id].action_button)
    scan(qtbot, window, badge(services, "FZB-0002", clock))  # 李强 accepts here, offline
    qtbot.waitUntil(lambda: "李强已接单" in visible_text(window))
    north = Event(
        "north-accept",
        "request.accepted",
        services.settings.station_id,
        "kiosk-north",
        1,
        clock.now() - timedelta(seconds=20),  # 王芳 at the north exit, 20 s earlier
        None,
        {"request_id": view.id, "volunteer_id": volunteer_id(services, "FZB-0001")},
    )
    with services.database.write() as session:  # what a pull does
        eventlog.ingest(session, north)
    window.flow("requests").refresh()  # the sync worker's status report triggers this
    text = visible_text(window)
    assert "李强在本机的接单未成功：此单已由王芳先接" in text
    assert "Accept by 李强 here was refused: 王芳 took it first" in text
    assert "王芳" in window.flow("requests").queue.cards[view.id].status_label.text()


def test_rating_before_done_and_unknown_tickets_are_refused(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    view = services.requests.order("luggage")
    tap(qtbot, tile(window, "volunteer_help"))  # type: ignore[arg-type]
    tap(qtbot, window.flow("requests").categories.lookup_button)
    lookup = window.flow("requests").lookup
    type_digits(qtbot, lookup, view.ticket)
    tap(qtbot, lookup.keypad.ok_button)
    status = window.flow("requests").status
    assert window.current_page() is status
    assert "等待接单" in visible_text(window) and "Waiting" in visible_text(window)
    before = events(services)
    tap(qtbot, status.face_buttons["good"])
    text = visible_text(window)
    assert "服务完成后才能评价" in text and "only after it has been done" in text
    assert events(services) == before
    window.flow("requests").open_lookup()
    unknown = "999999" if view.ticket != "999999" else "888888"
    type_digits(qtbot, lookup, unknown)
    tap(qtbot, lookup.keypad.ok_button)
    assert "没有找到这个单号" in visible_text(window)
    assert "No request or wish has this ticket number" in visible_text(window)
    window.go_home()
    scan(qtbot, window, f"SKT1.{unknown}")
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert "没有找到这个单号" in visible_text(window)
    assert events(services) == before


def test_escalation_highlights_with_the_fixed_clock(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    view = services.requests.order("wheelchair")
    window.refresh_status()
    assert window.home.open_requests == (1, 0)
    assert window.flow("requests").alarms == 0
    clock.advance(timedelta(minutes=5))
    window.refresh_status()
    assert window.home.open_requests == (1, 1)
    assert window.flow("requests").alarms == 1  # a sound when it became urgent
    window.refresh_status()
    assert window.flow("requests").alarms == 1  # and not again on every refresh
    assert "urgent" in window.home.queue_button.text() or "紧急" in window.home.queue_button.text()
    assert window.home.queue_button.property("escalated") is True
    tap(qtbot, window.home.queue_button)
    card = window.flow("requests").queue.cards[view.id]
    assert card.property("escalated") is True and card.alert.isVisible()
    assert "超时未接单" in card.alert.text() or "Late" in card.alert.text()


def test_a_phone_request_arrives_by_sync_and_is_rated_after_lookup(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    phone_order = Event(
        "hub-phone-order",
        "request.ordered",
        services.settings.station_id,
        "hub",
        1,
        clock.now(),
        None,
        {
            "request_id": "phone-req-1",
            "ticket": "246802",
            "category": "directions",
            "channel": "phone",
            "phone": "13700001111",
        },
    )
    with services.database.write() as session:  # what a pull does
        eventlog.ingest(session, phone_order)
    window.on_config_changed()  # any sync report refreshes the badge
    assert window.home.open_requests == (1, 0)
    tap(qtbot, window.home.queue_button)
    card = window.flow("requests").queue.cards["phone-req-1"]
    assert "137****1111" in card.details.text() and "13700001111" not in visible_text(window)
    v1 = volunteer_id(services, "FZB-0001")
    services.requests.accept("phone-req-1", v1)
    services.requests.complete("phone-req-1", v1, "helped")
    window.go_home()
    scan(qtbot, window, "SKT1.246802")
    qtbot.waitUntil(lambda: window.current_page() is window.flow("requests").status)
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, window.flow("requests").status.face_buttons["ok"])
    assert "谢谢您的评价" in visible_text(window)
    assert status_of(services, "phone-req-1") == "rated"
    before = events(services)
    window.flow("requests").show_status(services.requests.get("phone-req-1"))
    assert not window.flow("requests").status.face_buttons["ok"].isVisible()  # rated once
    assert events(services) == before


def test_idle_forgets_what_was_typed(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    flow = window.flow("requests")
    flow.open("luggage")
    tap(qtbot, flow.details.field_buttons["phone"])
    type_digits(qtbot, flow.phone, "13912345678")
    tap(qtbot, flow.phone.agree_button)  # the notice, agreed to
    tap(qtbot, flow.phone.keypad.ok_button)
    assert "139****5678" in visible_text(window)
    window.idle.idle.emit()
    assert window.current_page() is window.home
    assert flow.details.values == {} and flow.phone.keypad.value == ""
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        flow.details.send_requested.emit()  # even a stray Send after idle carries no phone
    ticket = flow.ticket.ticket
    assert ticket is not None
    with services.database.read() as session:
        row = session.scalars(select(RequestRow).where(RequestRow.ticket == ticket)).one()
        assert row.phone is None


def test_admin_lists_open_requests_and_withdraws_one(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    view = services.requests.order("luggage", train="D56")
    clock.advance(timedelta(minutes=7))
    window.flow("admin").log_in(DEMO_ADMIN_PIN)  # the console, read afresh
    tap(qtbot, window.flow("admin").console.section_buttons["help"])
    table = window.flow("requests").help_desk.requests_table
    assert table.rowCount() == 1
    row = [table.item(0, c).text() for c in range(6)]  # type: ignore[union-attr]
    assert row[0] == view.ticket and "7" in row[4] and row[5]  # waiting 7 min, urgent
    withdraw = table.cellWidget(0, 6)
    assert withdraw is not None
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, withdraw)
    assert table.rowCount() == 0
    assert status_of(services, view.id) == "cancelled"
    assert window.home.open_requests == (0, 0)


def test_help_desk_buttons_show_their_whole_label_in_english_and_large_type(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    """ "Status / answer" is wider in English than the column its Chinese fits: it was clipped."""
    window, services = kiosk
    services.requests.order("luggage", train="D56")
    services.wishes.submit("suggestion", "More chairs near gate 3 please")
    window.flow("admin").log_in(DEMO_ADMIN_PIN)  # the console, read afresh (audited)
    before = events(services)
    panel = window.flow("requests").help_desk

    def buttons() -> list[QPushButton]:
        found = [panel.wishes_table.cellWidget(0, 5), panel.requests_table.cellWidget(0, 6)]
        return [b for b in found if isinstance(b, QPushButton) and b.isVisible()]

    tap(qtbot, window.top_bar.language_button)
    for large in (False, True):
        if large:
            tap(qtbot, window.top_bar.large_type_button)
        tap(qtbot, window.flow("admin").console.section_buttons["help"])
        qtbot.waitUntil(
            lambda: [b.text() for b in buttons()] == ["Status / answer", "Withdraw"],
            timeout=1000,
        )
        qtbot.waitUntil(  # the whole label: as wide as the button asks for
            lambda: all(b.width() >= b.sizeHint().width() for b in buttons()), timeout=1000
        )
    assert events(services) == before  # looking wrote nothing


def test_a_badge_scanned_on_the_queue_does_not_clock_out(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    services.requests.order("luggage")
    window.refresh_status()
    tap(qtbot, window.home.queue_button)
    token = badge(services, "FZB-0001", clock)  # printing it is an event
    before = events(services)
    scan(qtbot, window, token)
    qtbot.waitUntil(lambda: "Tap Accept or Done first" in visible_text(window))
    assert window.current_page() is window.flow("requests").queue
    assert events(services) == before


def test_an_enrolled_kiosks_ticket_links_to_the_hubs_status_page(
    qtbot: QtBot, make_window: Callable[..., Kiosk]
) -> None:
    window, services = make_window(hub_public_url="https://hub.example.org")
    ticket = order_help(qtbot, window)
    station = services.settings.station_id
    link = f"https://hub.example.org/t/{station}/{ticket}"
    assert decode(window.flow("requests").ticket.qr_label.pixmap()) == link
    assert "扫码查看进度，或在任一自助终端扫描" in visible_text(window)
