"""Lending as people tap it: the tile shows what is left, borrow with a phone or a volunteer's
approval (PIN or badge), return, an empty shelf refused, and the admin's overdue list and
write-off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.lending.store import LoanRow
from kiosk.platform.store.models import EventRow
from kiosk.platform.ui.theme import MIN_TEXT_LARGE_PX, MIN_TEXT_PX
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import badge, scan, tap, type_digits, visible_text
from tests.platform.ui.test_shell import check_touch_rules

Kiosk = tuple[MainWindow, KioskServices]


def events(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def loans(services: KioskServices) -> list[LoanRow]:
    with services.database.read() as session:
        return list(session.scalars(select(LoanRow).order_by(LoanRow.borrowed_at)).all())


def stocked(window: MainWindow, services: KioskServices, item: str, count: int) -> None:
    services.lending.add_stock(item, count)
    window.refresh_status()


def test_every_loan_out_can_be_reached_from_the_admin_tab(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Three rows and "另有 2 笔" was a dead end (#17 §5): the tab pages through every loan."""
    window, services = kiosk
    stocked(window, services, "book", 5)
    for n in range(5):
        services.lending.borrow_with_phone("book", f"1390000000{n}", consent=True)
    window.flow("admin").log_in(DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").console.section_buttons["lending"])
    panel = window.flow("lending").lending_panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.pager.page_label.text() == "1 / 2"
    tap(qtbot, panel.pager.next_button)
    assert [row[0].isVisible() for row in panel.rows] == [True, True, False]
    shown = panel.rows[1][0].text()
    with qtbot.wait_signal(panel.changed, timeout=1000):
        tap(qtbot, panel.rows[1][1])  # returned at the desk
    returned = [loan for loan in loans(services) if loan.status == "returned"]
    assert len(returned) == 1  # stored: the one on page 2 came back
    assert shown not in [row[0].text() for row in panel.rows if row[0].isVisible()]


def open_tile(qtbot: QtBot, window: MainWindow, service_id: str) -> None:
    window.go_home()
    tile = window.home.tile(service_id)
    assert tile is not None
    tap(qtbot, tile)
    assert window.current_page() is window.flow("lending").page


def test_borrow_an_umbrella_with_a_phone_then_return_it(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    stocked(window, services, "umbrella", 3)
    tile = window.home.tile("umbrella")
    assert tile is not None and tile.note_label.text() == "剩 3 把伞"
    open_tile(qtbot, window, "umbrella")
    text = visible_text(window)
    assert "剩 3 把伞" in text and "3 umbrellas left" in text
    assert window.flow("lending").page.info.link == ""  # stand-alone: no dead link to a phone
    tap(qtbot, window.flow("lending").page.borrow_phone_button)
    assert window.current_page() is window.flow("lending").phone
    type_digits(qtbot, window.flow("lending").phone, "13812341234")
    tap(qtbot, window.flow("lending").phone.keypad.ok_button)  # not agreed: refused
    assert "请阅读说明并点“同意”" in visible_text(window) and not loans(services)
    tap(qtbot, window.flow("lending").phone.agree_button)
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, window.flow("lending").phone.keypad.ok_button)
    assert window.current_page() is window.result
    text = visible_text(window)
    assert "请取一把伞" in text and "Please take one umbrella" in text
    assert "138****1234" in text and "13812341234" not in text
    assert "11-05 08:30" in text  # three days for an umbrella, local time
    (loan,) = loans(services)
    assert loan.phone is None and loan.sealed and loan.status == "out"  # sealed (privacy.md)
    window.go_home()
    assert tile.note_label.text() == "剩 2 把伞"
    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: tile.note_label.text() == "2 umbrellas left")
    open_tile(qtbot, window, "umbrella")
    tap(qtbot, window.flow("lending").page.return_button)
    type_digits(qtbot, window.flow("lending").phone, "13812341234")
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, window.flow("lending").phone.keypad.ok_button)
    assert "Thank you: the umbrella is returned" in visible_text(window)
    assert loans(services)[0].status == "returned"
    window.go_home()
    assert tile.note_label.text() == "3 umbrellas left"


def test_a_return_with_no_loan_on_that_phone_writes_nothing(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    stocked(window, services, "power_bank", 1)
    before = events(services)
    open_tile(qtbot, window, "power_bank")
    tap(qtbot, window.flow("lending").page.return_button)
    type_digits(qtbot, window.flow("lending").phone, "13900001111")
    tap(qtbot, window.flow("lending").phone.keypad.ok_button)
    assert window.current_page() is window.flow("lending").phone
    text = visible_text(window)
    assert "没有用此手机号借出的充电宝" in text and "No power bank is out on this phone" in text
    assert events(services) == before


def test_an_empty_shelf_is_refused_clearly_and_writes_nothing(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    before = events(services)
    open_tile(qtbot, window, "umbrella")
    assert "0 umbrellas left" in visible_text(window)
    for action in (
        window.flow("lending").page.borrow_phone_button,
        window.flow("lending").page.borrow_volunteer_button,
    ):
        tap(qtbot, action)
        assert window.current_page() is window.flow("lending").page
        text = visible_text(window)
        assert "伞已借完" in text and "No umbrellas left to lend" in text
    assert events(services) == before


def test_the_last_one_taken_a_moment_ago_is_refused_at_the_end(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    stocked(window, services, "book", 1)
    open_tile(qtbot, window, "books")
    tap(qtbot, window.flow("lending").page.borrow_phone_button)
    services.lending.borrow_with_phone(
        "book", "13700000000", consent=True
    )  # someone else, just now
    before = events(services)
    type_digits(qtbot, window.flow("lending").phone, "13812341234")
    tap(qtbot, window.flow("lending").phone.agree_button)
    tap(qtbot, window.flow("lending").phone.keypad.ok_button)
    assert window.current_page() is window.flow("lending").page
    assert "No books left to lend" in visible_text(window)
    assert events(services) == before


def test_borrow_with_a_volunteers_pin_and_with_a_badge_scan(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    stocked(window, services, "umbrella", 2)
    open_tile(qtbot, window, "umbrella")
    tap(qtbot, window.flow("lending").page.borrow_volunteer_button)
    assert window.current_page() is window.flow("lending").approver
    type_digits(qtbot, window.flow("lending").approver, "13800000008")  # 郑海: not on duty
    tap(qtbot, window.flow("lending").approver.keypad.ok_button)
    type_digits(qtbot, window.flow("lending").approver_pin, "1234")
    before = events(services)
    tap(qtbot, window.flow("lending").approver_pin.keypad.ok_button)
    assert window.current_page() is window.flow("lending").approver
    assert "not on duty" in visible_text(window)
    assert events(services) == before
    type_digits(qtbot, window.flow("lending").approver, "13800000002")  # 李强: on duty
    tap(qtbot, window.flow("lending").approver.keypad.ok_button)

    assert "138****0002" in visible_text(window)
    type_digits(qtbot, window.flow("lending").approver_pin, "9999")
    tap(qtbot, window.flow("lending").approver_pin.keypad.ok_button)
    assert "Wrong PIN" in visible_text(window) or "密码不正确" in visible_text(window)
    assert events(services) == before
    type_digits(qtbot, window.flow("lending").approver_pin, "1234")
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, window.flow("lending").approver_pin.keypad.ok_button)
    assert "志愿者李强确认" in visible_text(window)
    open_tile(qtbot, window, "umbrella")
    tap(qtbot, window.flow("lending").page.borrow_volunteer_button)
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        scan(qtbot, window, badge(services, "FZB-0001", clock))  # 王芳 on duty: not a check-out
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert "志愿者王芳确认" in visible_text(window)
    methods = [(loan.method, loan.phone) for loan in loans(services)]
    assert methods == [("volunteer", None), ("volunteer", None)]
    assert len(services.shifts.on_duty()) == 3  # the scan approved, it did not check her out


def test_admin_sees_overdue_loans_takes_one_back_and_writes_one_off(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    stocked(window, services, "umbrella", 2)
    services.lending.borrow_with_phone("umbrella", "13811112222", consent=True)
    clock.advance(timedelta(days=2))
    services.lending.borrow_with_phone("umbrella", "13833334444", consent=True)
    clock.advance(timedelta(days=1, hours=2))
    window.top_bar.admin_gesture.emit()
    type_digits(qtbot, window.flow("admin").admin_login, DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    assert window.current_page() is window.flow("admin").console
    tap(qtbot, window.flow("admin").console.section_buttons["lending"])
    panel = window.flow("lending").lending_panel
    qtbot.waitUntil(panel.isVisible)
    label, _, off = panel.rows[0]
    assert "138****2222" in label.text() and "超期" in label.text()
    assert "超期" not in panel.rows[1][0].text()
    assert "伞：剩 0" in visible_text(window)
    tap(qtbot, off)
    assert "Why write off" in visible_text(window) or "注销" in visible_text(window)
    with qtbot.wait_signal(panel.changed, timeout=1000):
        tap(qtbot, panel.reason_buttons[next(iter(panel.reason_buttons))])  # lost
    assert "已注销一把伞" in visible_text(window)
    with qtbot.wait_signal(panel.changed, timeout=1000):
        tap(qtbot, panel.rows[0][1])  # the other one came back at the desk
    assert [(loan.status, loan.reason) for loan in loans(services)] == [
        ("written_off", "lost"),
        ("returned", None),
    ]
    assert "Nothing is out on loan." in visible_text(window) or "没有借出" in visible_text(window)
    with qtbot.wait_signal(panel.changed, timeout=1000):
        tap(qtbot, panel.stock_rows["umbrella"][1])
    assert services.lending.stock("umbrella").left == 2


def test_reading_in_the_corner_counts_one_without_a_loan(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    open_tile(qtbot, window, "books")
    assert not window.flow("lending").page.borrow_phone_button.isHidden()
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, window.flow("lending").page.used_button)
    assert "谢谢！已记录 1 人次" in visible_text(window)
    assert services.uses.served_today() == 1 and loans(services) == []
    open_tile(qtbot, window, "umbrella")
    assert not window.flow("lending").page.used_button.isVisible()  # not a one-tap service


def test_idle_forgets_a_half_typed_phone_and_the_volunteers_phone(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    window, services = kiosk
    stocked(window, services, "umbrella", 1)
    open_tile(qtbot, window, "umbrella")
    tap(qtbot, window.flow("lending").page.borrow_volunteer_button)
    type_digits(qtbot, window.flow("lending").approver, "13800000002")
    tap(qtbot, window.flow("lending").approver.keypad.ok_button)
    assert window.flow("lending").approver_pin.phone == "13800000002"
    window.idle.idle.emit()
    assert window.current_page() is window.home
    assert window.flow("lending").approver_pin.phone == ""
    assert "138****0002" not in visible_text(window)
    assert window.flow("lending").approver.keypad.value == ""


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-type"])
def test_touch_rules_on_the_lending_pages_with_content(
    qtbot: QtBot, kiosk: Kiosk, large: bool
) -> None:
    window, services = kiosk
    if large:
        tap(qtbot, window.top_bar.large_type_button)
    minimum = MIN_TEXT_LARGE_PX if large else MIN_TEXT_PX
    stocked(window, services, "umbrella", 2)
    services.lending.borrow_with_phone("umbrella", "13812341234", consent=True)
    flow = window.flow("lending")
    problems: list[str] = []
    for show in (
        lambda: open_tile(qtbot, window, "books"),
        lambda: (open_tile(qtbot, window, "umbrella"), tap(qtbot, flow.page.return_button)),
        lambda: (
            open_tile(qtbot, window, "umbrella"),
            tap(qtbot, flow.page.borrow_volunteer_button),
        ),
        lambda: (
            window.flow("admin").log_in(DEMO_ADMIN_PIN),  # the console, read afresh
            tap(qtbot, window.flow("admin").console.section_buttons["lending"]),
            tap(qtbot, window.flow("lending").lending_panel.rows[0][2]),
        ),
        lambda: tap(qtbot, window.flow("admin").console.section_buttons["services"]),
    ):
        show()
        qtbot.wait(1)
        problems += check_touch_rules(window, window.current_page(), minimum)[1]  # type: ignore[arg-type]
    assert not problems, "\n".join(problems)


def test_published_items_and_a_tile_lending_two_kinds(qtbot: QtBot, kiosk: Kiosk) -> None:
    import json

    from kiosk.platform.store.models import ConfigItemRow

    window, services = kiosk
    item = {"measure_zh": "台", "icon": "accessibility", "due_days": 1, "service_id": "assistance"}
    body = {
        "items": [
            item
            | {"id": "wheelchair", "name_zh": "轮椅", "name_en": "wheelchair"}
            | {"plural_en": "wheelchairs"},
            item
            | {"id": "walker", "name_zh": "助行器", "name_en": "walker", "plural_en": "walkers"},
            {"id": "BAD ID"},
        ]
    }
    with services.database.write() as session:
        session.add(
            ConfigItemRow(
                kind="lending_items",
                scope="*",
                version=1,
                published_at=services.clock.now(),
                body=json.dumps(body),
            )
        )
    window.on_config_changed()
    assert [i.id for i in services.lending.items()] == ["wheelchair", "walker"]
    services.lending.add_stock("walker", 1)
    open_tile(qtbot, window, "assistance")
    assert set(window.flow("lending").page.item_buttons) == {"wheelchair", "walker"}
    assert "0 wheelchairs left" in visible_text(window) or "剩 0 台轮椅" in visible_text(window)
    tap(qtbot, window.flow("lending").page.item_buttons["walker"])
    current = window.flow("lending").page.current
    assert current is not None and current.item.id == "walker" and current.left == 1
    assert "剩 1 台助行器" in visible_text(window)
    assert window.home.tile("umbrella") is not None
    window.go_home()
    tile = window.home.tile("umbrella")
    assert tile is not None and not tile.note_label.isVisible()  # no longer lent here


def test_a_tile_that_lends_and_orders_help_offers_both(qtbot: QtBot, kiosk: Kiosk) -> None:
    """助残助弱 lends the station's wheelchairs and still orders a volunteer's help: the
    lending page offers the help (#17 §5: publishing a wheelchair onto it used to replace it)."""
    window, services = kiosk
    stocked(window, services, "wheelchair", 2)
    tile = window.home.tile("assistance")
    assert tile is not None and tile.note_label.text() == "剩 2 台轮椅"
    open_tile(qtbot, window, "assistance")
    page = window.flow("lending").page
    assert window.current_page() is page
    assert page.current is not None and page.current.item.id == "wheelchair"
    assert page.also_button.isVisible() and page.also_button.text() == "请志愿者来帮忙"
    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: page.also_button.text() == "Ask a volunteer to come")
    before = events(services)
    tap(qtbot, page.also_button)
    requests = window.flow("requests")
    assert window.current_page() is requests.categories
    assert events(services) == before  # offering help wrote nothing
    tap(qtbot, requests.categories.tiles["wheelchair"])
    assert window.current_page() is requests.details

    window.go_home()
    open_tile(qtbot, window, "umbrella")  # lends, orders no help: no such button
    assert window.current_page() is page and not page.also_button.isVisible()
