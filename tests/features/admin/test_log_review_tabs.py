"""The log review's newer tabs from the admin screen: first aid, lending, requests, needs and
wishes and the admin audit. Each tab shows its log, each filter narrows it, a long log pages to
its end, exports read back equal to the screen (phones masked unless asked, and audited), and
a team leader has no audit tab."""

from __future__ import annotations

import csv
import json
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from kiosk.core.clock import FixedClock
from kiosk.features.admin.domain import FIRST_ACCOUNT_ID, AdminAccount, Role
from kiosk.features.admin.service.logs import LogKind, Period
from kiosk.features.incidents.service import IncidentForm
from kiosk.features.volunteers.service.duty import Actor
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import (
    DEMO_ADMIN_PIN,
    DEMO_LEADER_PIN,
    DEMO_VOLUNTEER_PIN,
    DEMO_VOLUNTEERS,
)
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_log_review import export, scroll_to_end, shown
from tests.kiosk_fixtures import tap, type_digits

Kiosk = tuple[MainWindow, KioskServices]
REQUESTS = 230  # more than one page of 200
BORROWER = "13912345678"


def _volunteers(services: KioskServices) -> dict[str, str]:
    """Volunteer number -> id."""
    return {v.number: v.id for v in services.roster.all()}


@pytest.fixture
def station(kiosk: Kiosk, clock: FixedClock) -> Kiosk:
    """The demo kiosk with two first-aid records, four loans, 230 help requests over ten days
    (two handled), three needs/wishes (one answered)."""
    _, services = kiosk
    now = clock.now()
    ids = _volunteers(services)
    wang, li = ids["FZB-0001"], ids["FZB-0002"]
    nurse = Actor(wang, "王芳", wang)
    for hours, what, outcome, items, note, attended in (
        (30, "fall", "recovered", {"plaster": 2}, "膝盖擦伤 50%", [wang, li]),
        (2, "fainting", "hospital", {}, "", [li]),
    ):
        clock.set(now - timedelta(hours=hours))
        services.incidents.record(
            nurse,
            IncidentForm(
                happened_at=clock.now(),
                place="platform",
                what=what,
                first_aid=["wound_care"],
                aed_used=False,
                called_120=outcome == "hospital",
                outcome=outcome,
                attended=attended,
                note=note,
                items=items,
            ),
        )
    clock.set(now - timedelta(days=5))
    services.lending.add_stock("umbrella", 5)
    services.lending.add_stock("book", 5)
    services.lending.borrow_with_phone("umbrella", BORROWER, consent=True)
    clock.advance(timedelta(hours=2))
    services.lending.return_by_phone("umbrella", BORROWER)
    services.lending.borrow_with_phone("umbrella", "13698761234", consent=True)  # overdue by now
    approver = services.lending.approve_by_pin(DEMO_VOLUNTEERS[0][2], DEMO_VOLUNTEER_PIN)
    services.lending.borrow_with_approval("book", approver)
    for i in range(REQUESTS):
        clock.set(now - timedelta(hours=i, minutes=1))
        services.requests.order("luggage" if i % 2 else "wheelchair")
    clock.set(now - timedelta(minutes=30))
    first = services.requests.order("lost", phone="13500000000", consent=True)
    clock.advance(timedelta(minutes=3, seconds=5))
    services.requests.accept(first.id, li)
    clock.advance(timedelta(minutes=10))
    services.requests.complete(first.id, li, "found")
    services.requests.rate(first.id, "good")
    clock.set(now - timedelta(days=2))
    services.wishes.submit("rest", "more chairs near gate 3")
    services.wishes.submit("wages", "unpaid wages since August")
    answered = services.wishes.submit("suggestion", "hot water at night")
    services.wishes.set_status(answered.id, "answered", "station_admin", "Done from Monday")
    clock.set(now)
    return kiosk


def open_logs(qtbot: QtBot, window: MainWindow, pin: str = DEMO_ADMIN_PIN) -> None:
    """Hold the logo, log in with `pin` on the keypad, tap "logs"."""
    window.top_bar.logo.set_hold_ms(30)
    qtbot.mousePress(window.top_bar.logo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.flow("admin").admin_login, timeout=2000)
    qtbot.mouseRelease(window.top_bar.logo, Qt.MouseButton.LeftButton)
    type_digits(qtbot, window.flow("admin").admin_login, pin)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    assert window.current_page() is window.flow("admin").console
    tap(qtbot, window.flow("admin").console.logs_button)
    assert window.current_page() is window.flow("admin").logs


def choose(qtbot: QtBot, window: MainWindow, value: str) -> None:
    box = window.flow("admin").logs.choice_box
    index = box.findData(value)
    assert index >= 0, value
    box.setCurrentIndex(index)
    box.activated.emit(index)


def search(qtbot: QtBot, window: MainWindow, words: str, rows: int) -> None:
    window.flow("admin").logs.search.setText(words)
    qtbot.waitUntil(lambda: len(shown(window)) == rows, timeout=3000)


def test_every_log_has_a_tab_for_the_station_admin(qtbot: QtBot, station: Kiosk) -> None:
    window, _ = station
    open_logs(qtbot, window)
    assert window.flow("admin").logs.visible_logs() == list(LogKind)
    assert all(window.flow("admin").logs.tabs[log].isVisible() for log in LogKind)
    for language in ("zh", "en"):  # every tab's name whole, in large type, in both languages
        if window.language.language != language:
            tap(qtbot, window.top_bar.language_button)
        if not window.top_bar.large_type_button.isChecked():
            tap(qtbot, window.top_bar.large_type_button)
        qtbot.wait(10)
        tabs = [window.flow("admin").logs.tabs[log] for log in LogKind]
        rows = (len(tabs) + 6) // 7
        assert len({tab.y() for tab in tabs}) == rows  # rows of seven
        assert all(tab.fontMetrics().horizontalAdvance(tab.text()) < tab.width() for tab in tabs)
        assert all(tab.geometry().right() <= window.flow("admin").logs.width() for tab in tabs)


def test_first_aid_tab_and_filters(qtbot: QtBot, station: Kiosk) -> None:
    window, services = station
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    tap(qtbot, logs.tabs[LogKind.INCIDENTS])
    rows = shown(window)
    assert len(rows) == 2
    fainted, fall = rows
    assert fainted[1] == "晕倒" and fainted[5] == "送医（120）" and "已拨 120" in fainted[3]
    assert fall[4] == "创可贴 ×2" and fall[6] == "王芳、李强" and fall[8] == "膝盖擦伤 50%"
    assert logs.count_label.text() == "共 2 条"

    choose(qtbot, window, "fall")
    assert [r[1] for r in shown(window)] == ["跌倒 / 受伤"]
    choose(qtbot, window, "outcome:hospital")
    assert [r[1] for r in shown(window)] == ["晕倒"]
    choose(qtbot, window, "")
    search(qtbot, window, "王芳", 1)  # who attended
    search(qtbot, window, "50%", 1)  # the note, % taken literally
    search(qtbot, window, "李强", 2)
    search(qtbot, window, "nobody at all", 0)
    logs.search.clear()
    qtbot.waitUntil(lambda: len(shown(window)) == 2, timeout=3000)
    tap(qtbot, logs.periods[Period.TODAY])
    assert len(shown(window)) == 1  # yesterday's fall is not today's
    here = services.database
    with here.read() as session:
        kiosk_id = session.execute(text("SELECT kiosk_id FROM kiosk_meta")).scalar_one()
    logs.kiosk_box.setCurrentIndex(logs.kiosk_box.findData(kiosk_id))
    logs.kiosk_box.activated.emit(logs.kiosk_box.currentIndex())
    assert len(shown(window)) == 1


def test_lending_tab_masks_phones_and_filters(qtbot: QtBot, station: Kiosk) -> None:
    window, _ = station
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    tap(qtbot, logs.tabs[LogKind.LENDING])
    rows = shown(window)
    assert len(rows) == 3
    phones = [r[5] for r in rows]
    assert "139****5678" in phones and "136****1234" in phones
    assert not any(BORROWER in r for row in rows for r in row)  # never in full on screen
    book = next(r for r in rows if r[0] == "书")
    assert book[6] == "王芳" and book[5] == ""  # approved by a volunteer, no phone
    assert {r[4] for r in rows} == {"已归还", "逾期未还", "借出中"}

    choose(qtbot, window, "returned")
    assert [r[5] for r in shown(window)] == ["139****5678"]
    choose(qtbot, window, "item:book")
    assert [r[0] for r in shown(window)] == ["书"]
    choose(qtbot, window, "")
    search(qtbot, window, "王芳", 1)


def test_requests_tab_pages_to_the_end_and_filters(qtbot: QtBot, station: Kiosk) -> None:
    window, _ = station
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    tap(qtbot, logs.tabs[LogKind.REQUESTS])
    total = REQUESTS + 1
    assert len(shown(window)) == 200
    assert logs.count_label.text() == f"共 {total} 条"
    scroll_to_end(qtbot, window)
    rows = shown(window)
    assert len(rows) == total
    ordered = [r[2] for r in rows]
    assert ordered == sorted(ordered, reverse=True)
    done = next(r for r in rows if r[1] == "寻人 / 寻物")
    assert done[1] == "寻人 / 寻物" and done[6] == "已评价" and done[7] == "李强"
    assert done[5] == "3 分 05 秒" and done[9] == "满意" and done[8] == "终端"

    choose(qtbot, window, "category:luggage")
    scroll_to_end(qtbot, window)
    assert len(shown(window)) == REQUESTS // 2
    assert {r[1] for r in shown(window)} == {"行李搬运"}
    choose(qtbot, window, "rated")
    assert [r[0] for r in shown(window)] == [done[0]]
    choose(qtbot, window, "")
    search(qtbot, window, done[0], 1)  # the ticket number
    search(qtbot, window, "李强", 1)  # the helper
    logs.search.clear()
    tap(qtbot, logs.periods[Period.TODAY])
    today = len(shown(window))
    assert 0 < today < total
    tap(qtbot, window.top_bar.language_button)  # English: headers and cells follow
    model = window.flow("admin").logs.model
    qtbot.waitUntil(lambda: model.headerData(0, Qt.Orientation.Horizontal) == "Ticket")
    english = next(r for r in shown(window) if r[0] == done[0])
    assert english[1] == "Lost person or item" and english[5] == "3 min 05 s"
    assert len(shown(window)) == today


def test_wishes_tab_and_filters(qtbot: QtBot, station: Kiosk) -> None:
    window, _ = station
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    tap(qtbot, logs.tabs[LogKind.WISHES])
    rows = shown(window)
    assert len(rows) == 3
    answered = next(r for r in rows if r[3] == "已答复")
    assert answered[2] == "对驿站的建议" and answered[6] == "hot water at night"
    assert answered[7] == "Done from Monday"
    choose(qtbot, window, "answered")
    assert len(shown(window)) == 1
    choose(qtbot, window, "category:wages")
    assert [r[6] for r in shown(window)] == ["unpaid wages since August"]
    choose(qtbot, window, "")
    search(qtbot, window, "chairs", 0)  # a wish's text is sealed: not searchable (privacy.md)
    search(qtbot, window, answered[1], 1)  # ticket number


def test_audit_tab_shows_who_did_what(qtbot: QtBot, station: Kiosk) -> None:
    window, services = station
    chen = _volunteers(services)["FZB-0003"]
    services.admin.remove_account(
        AdminAccount(FIRST_ACCOUNT_ID, FIRST_ACCOUNT_ID, Role.STATION_ADMIN), f"tl-{chen}"
    )
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    tap(qtbot, logs.tabs[LogKind.AUDIT])
    rows = shown(window)
    assert rows and all(r[1] for r in rows)
    login = rows[0]
    assert login[1] == "站点管理员" and login[2] == "登录"
    made, removed = [r for r in rows if r[2] == "设置账号"][::-1]  # oldest first
    assert made[3] == "陈静" and "role: team_leader" in made[5]  # the demo's team leader
    assert removed[3] == "陈静" and removed[5] == "active: True → False"
    with services.database.read() as session:
        audited = session.execute(
            text("SELECT count(*) FROM events WHERE kind = 'admin.audited'")
        ).scalar_one()
    assert len(rows) == audited
    choose(qtbot, window, "login")
    assert {r[2] for r in shown(window)} == {"登录"}
    choose(qtbot, window, "")
    search(qtbot, window, "陈静", 0)  # nobody logged in with that account yet
    logs.search.setText("station_admin")
    qtbot.waitUntil(lambda: len(shown(window)) == audited, timeout=3000)


def test_team_leader_has_every_tab_but_the_audit(qtbot: QtBot, station: Kiosk) -> None:
    window, _ = station
    open_logs(qtbot, window, DEMO_LEADER_PIN)
    logs = window.flow("admin").logs
    assert LogKind.AUDIT not in logs.visible_logs()
    assert not logs.tabs[LogKind.AUDIT].isVisible()
    assert len(logs.visible_logs()) == len(LogKind) - 1
    tap(qtbot, logs.tabs[LogKind.REQUESTS])
    assert len(shown(window)) == 200


def _exported(services: KioskServices) -> list[dict[str, object]]:
    with services.database.read() as session:
        rows = session.execute(
            text("SELECT payload FROM events WHERE kind = 'admin.exported' ORDER BY pos")
        ).all()
    return [json.loads(r[0]) for r in rows]


@pytest.mark.parametrize("unmasked", [False, True], ids=["masked", "full-numbers"])
def test_exports_of_the_new_logs_read_back(qtbot: QtBot, station: Kiosk, unmasked: bool) -> None:
    window, services = station
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    if unmasked:
        tap(qtbot, logs.unmask_box)
    tap(qtbot, logs.tabs[LogKind.LENDING])
    screen = shown(window)
    path = export(qtbot, window, "csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0][:2] == ["物品 Item", "借出 Borrowed"]
    body = [tuple(line) for line in lines[1:]]
    phones = {row[5] for row in body if row[5]}
    if unmasked:
        assert phones == {BORROWER, "13698761234"}
        assert [r[:5] + r[6:] for r in body] == [r[:5] + r[6:] for r in screen]
    else:
        assert body == screen and phones == {"139****5678", "136****1234"}

    tap(qtbot, logs.tabs[LogKind.REQUESTS])
    choose(qtbot, window, "category:wheelchair")
    scroll_to_end(qtbot, window)
    screen = shown(window)
    book = load_workbook(export(qtbot, window, "xlsx"), read_only=True)
    rows = [
        tuple("" if c is None else str(c) for c in r)
        for r in book.active.iter_rows(values_only=True)
    ]
    book.close()
    assert rows[0][0] == "单号 Ticket"
    assert rows[1:] == screen and len(screen) == REQUESTS // 2

    for log in (LogKind.INCIDENTS, LogKind.WISHES, LogKind.AUDIT):
        tap(qtbot, logs.tabs[log])
        screen = shown(window)
        with export(qtbot, window, "csv").open(encoding="utf-8-sig", newline="") as f:
            assert [tuple(line) for line in list(csv.reader(f))[1:]] == screen

    audits = _exported(services)
    assert [a["log"] for a in audits] == ["lending", "requests", "incidents", "wishes", "audit"]
    assert all(a["unmasked"] is unmasked for a in audits)
    assert audits[1]["filters"] == {"choice": "category:wheelchair"}
    assert audits[1]["rows"] == REQUESTS // 2
