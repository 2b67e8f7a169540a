"""Roll call driven as a team leader would, on the real window over a real database: the big
button on the emergency page lists everyone checked in; one is ticked by a badge scan, one by a
tap; Finish asks who took the roll; the roll call is stored and the 清点 log tab shows it. A bad
scan says why and ticks nothing; Cancel records nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.admin.service.logs import LogKind
from kiosk.features.rollcall.domain import RollEntry, Tally
from kiosk.features.rollcall.service import RollCallService
from kiosk.features.rollcall.store import RollCallRow
from kiosk.features.rollcall.ui.flow import RollCallFlow
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN, DEMO_VOLUNTEER_PIN, DEMO_VOLUNTEERS
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_log_review import open_logs, shown
from tests.kiosk_fixtures import badge, scan, tap, type_digits, visible_text, volunteer_id

Kiosk = tuple[MainWindow, KioskServices]


def rollcall_events(services: KioskServices) -> list[dict[str, object]]:
    with services.database.read() as session:
        rows = session.scalars(
            select(EventRow.payload).where(EventRow.kind == "rollcall.taken").order_by(EventRow.pos)
        ).all()
    return [json.loads(row) for row in rows]


def event_count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def flow(window: MainWindow) -> RollCallFlow:
    found = window.flow("rollcall")
    assert isinstance(found, RollCallFlow)
    return found


def open_roll(qtbot: QtBot, window: MainWindow) -> None:
    """The red button on the top bar, then the big Roll call button on the emergency page."""
    tap(qtbot, window.top_bar.emergency_button)
    emergency = window.flow("emergency").page  # type: ignore[attr-defined]
    assert window.current_page() is emergency
    roll_button = flow(window).emergency_button
    assert roll_button is not None and roll_button.parent() is emergency
    assert roll_button.text() == "清点人数" and roll_button.height() >= 72
    tap(qtbot, roll_button)  # the roll is on screen straight after the tap, no waiting
    assert window.current_page() is flow(window).roll


def tap_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    table = flow(window).roll.table
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def on_duty(services: KioskServices) -> list[str]:
    """Names of the demo's volunteers on duty, in check-in order."""
    return [d.volunteer.name for d in services.shifts.on_duty()]


def test_roll_from_the_emergency_page_ticked_by_scan_and_tap_then_logged(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    names = on_duty(services)
    assert len(names) == 3  # the demo's volunteers on duty
    first = services.shifts.on_duty()[0].volunteer
    second = services.shifts.on_duty()[1].volunteer
    token = badge(services, first.number, clock)

    before = event_count(services)
    open_roll(qtbot, window)
    page = flow(window).roll
    seen = visible_text(window)
    assert "清点人数" in seen and "已到 0 / 未到 3" in seen
    assert [page.model.index(r, 1).data() for r in range(page.model.rowCount())] == names
    assert all(name in page.missing_line.text() for name in names)

    scan(qtbot, window, token)  # a badge scan ticks its volunteer
    assert page.counts.text() == "已到 1 / 未到 2"
    assert f"已到：{first.name}" in visible_text(window)
    assert page.model.index(0, 0).data().startswith("✓")
    assert first.name not in page.missing_line.text()

    tap_row(qtbot, window, 1)  # a tap on the second row
    flow(window).warm_up()  # the idle warm-up coming late leaves a roll in use alone
    assert page.counts.text() == "已到 2 / 未到 1"
    assert page.missing_line.text() == f"未到：{names[2]}"
    assert event_count(services) == before + 1  # the alert only: ticking stores nothing
    assert rollcall_events(services) == []

    tap(qtbot, page.finish_button)  # who took the roll: phone + PIN of a volunteer on duty
    phone_page = flow(window).phone
    assert window.current_page() is phone_page
    taker_phone = next(p for n, _, p in DEMO_VOLUNTEERS if n == first.name)
    type_digits(qtbot, phone_page, taker_phone)
    tap(qtbot, phone_page.keypad.ok_button)
    pin_page = flow(window).pin
    assert window.current_page() is pin_page
    type_digits(qtbot, pin_page, DEMO_VOLUNTEER_PIN)
    tap(qtbot, pin_page.keypad.ok_button)

    assert window.current_page() is window.result
    said = window.result.headline.text() + "\n" + visible_text(window)
    assert "清点已记录：已到 2 人，未到 1 人" in said and f"未到：{names[2]}" in said
    [stored] = rollcall_events(services)
    assert stored["taker_id"] == first.id
    assert stored["present"] == [first.id, second.id]
    assert stored["missing"] == [
        volunteer_id(services, services.shifts.on_duty()[2].volunteer.number)
    ]
    with services.database.read() as session:
        [row] = session.scalars(select(RollCallRow)).all()
        assert (row.present_count, row.missing_count) == (2, 1)
        assert row.taken_at == clock.now()

    clock.advance(timedelta(minutes=1))
    open_logs(qtbot, window)  # the admin's log review: the 清点 tab
    logs = window.flow("admin").logs  # type: ignore[attr-defined]
    assert logs.tabs[LogKind.ROLLCALL].text() == "清点"
    tap(qtbot, logs.tabs[LogKind.ROLLCALL])
    [cells] = shown(window)
    assert cells[1] == first.name and cells[2:4] == ("2", "1") and cells[4] == names[2]


def test_a_bad_scan_says_why_and_ticks_nothing(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    off_duty = next(v for v in services.roster.all() if v.name not in on_duty(services))
    off_token = badge(services, off_duty.number, clock)
    open_roll(qtbot, window)
    page = flow(window).roll
    before = event_count(services)

    scan(qtbot, window, "SKB2.ZZZZZZZZZZ." + "A" * 22)  # a badge this station never issued
    assert page.counts.text() == "已到 0 / 未到 3"
    said = visible_text(window)
    assert window.current_page() is page
    assert "本机尚未收到此工牌的登记" in said and "no record of this badge" in said

    scan(qtbot, window, "NOT-A-BADGE-1234567890")  # not a badge at all
    said = visible_text(window)
    assert "无法识别的二维码" in said and "Unrecognised code" in said
    assert page.counts.text() == "已到 0 / 未到 3"

    scan(qtbot, window, off_token)  # a real badge, but not checked in: not on this roll
    assert page.counts.text() == "已到 0 / 未到 3"
    said = visible_text(window)
    assert "此人不在本次清点名单上" in said and "not on this roll" in said
    assert window.current_page() is page and event_count(services) == before

    tap(qtbot, page.finish_button)  # the taker's badge must be of someone on duty
    scan(qtbot, window, off_token)
    assert window.current_page() is flow(window).phone
    said = visible_text(window)
    assert "您当前未签到值班" in said and "not checked in for duty" in said
    type_digits(qtbot, flow(window).phone, "13800000001")
    tap(qtbot, flow(window).phone.keypad.ok_button)
    type_digits(qtbot, flow(window).pin, "9999")  # a wrong PIN
    tap(qtbot, flow(window).pin.keypad.ok_button)
    assert window.current_page() is flow(window).pin and event_count(services) == before
    tap(qtbot, flow(window).pin.back_button)
    tap(qtbot, flow(window).phone.back_button)
    assert window.current_page() is page and page.counts.text() == "已到 0 / 未到 3"

    assert window.idle.timer.interval() == 600 * 1000  # a roll stays up ten minutes idle
    window.idle.idle.emit()  # then home, the roll forgotten, nothing recorded
    assert window.current_page() is window.home and page.tally.entries == []
    assert window.idle.timer.interval() == services.settings.idle_timeout_s * 1000
    open_roll(qtbot, window)

    tap(qtbot, page.back_button)  # Cancel: back to the emergency page, nothing recorded
    assert window.current_page() is window.flow("emergency").page  # type: ignore[attr-defined]
    assert rollcall_events(services) == []
    with services.database.read() as session:
        assert session.scalar(select(func.count()).select_from(RollCallRow)) == 0


def test_the_team_leader_takes_the_roll_from_the_admin_console(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    window.go_home()
    window.show_page(window.flow("admin").admin_login)  # type: ignore[attr-defined]
    type_digits(qtbot, window.flow("admin").admin_login, DEMO_ADMIN_PIN)  # type: ignore[attr-defined]
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)  # type: ignore[attr-defined]
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.tool_buttons["rollcall"])
    page = flow(window).roll
    assert window.current_page() is page and page.counts.text() == "已到 0 / 未到 3"
    tap(qtbot, page.back_button)  # Cancel goes back to the console
    assert window.current_page() is console
    assert rollcall_events(services) == []


def test_the_tally_ticks_only_people_on_the_roll_once() -> None:
    people = [RollEntry(f"v{i}", f"N{i}", f"{i}", None) for i in range(3)]
    tally = Tally(people)
    assert tally.tick("v1") and not tally.tick("v1") and not tally.tick("stranger")
    tally.toggle("v2")
    tally.toggle("v2")  # a mistaken tap undone
    tally.toggle("stranger")
    assert tally.counts == (1, 2)
    assert tally.present == ["v1"] and tally.missing == ["v0", "v2"]


@pytest.mark.parametrize(
    "payload",
    [
        {"rollcall_id": "r1", "taker_id": "v1", "present": ["a"], "missing": ["a"]},
        {"rollcall_id": "r1", "taker_id": "v1", "present": [], "missing": []},
        {"rollcall_id": "r1", "taker_id": "v1", "present": ["a b"], "missing": []},
    ],
)
def test_a_malformed_roll_call_is_refused_and_nothing_written(
    services: KioskServices, payload: dict[str, object]
) -> None:
    from kiosk.core.errors import KioskError
    from kiosk.platform.store import eventlog

    before = event_count(services)
    with pytest.raises((KioskError, ValueError)), services.database.write() as session:
        eventlog.append(session, "rollcall.taken", payload, occurred_at=services.clock.now())
    assert event_count(services) == before


def test_the_roll_is_one_read_on_the_open_shifts_index(services: KioskServices) -> None:
    """The tap must paint the roll in its frame: one statement, found by the shifts' (status,
    checked_in_at) index, never a scan of every shift the station ever had."""
    from sqlalchemy import text
    from sqlalchemy.dialects import sqlite

    from kiosk.features.rollcall.store import _CHECKED_IN

    sql = str(_CHECKED_IN.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with services.database.read() as session:
        plan = " ".join(str(row[-1]) for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "SEARCH shifts USING INDEX ix_shifts_status_in (status=?)" in plan
    assert "SCAN shifts" not in plan


def test_the_log_tab_finds_every_roll_call_a_volunteer_took_or_was_on(
    services: KioskServices, clock: FixedClock
) -> None:
    from kiosk.features.admin.service.exports import build_log_services
    from kiosk.features.admin.service.logs import LogFilters
    from kiosk.features.rollcall.service import RollCallService

    people = [
        services.roster.register(name, f"R-{n}", f"1390000000{n}", "1234")
        for n, name in enumerate(("赵一", "钱二", "孙三", "李四"))
    ]
    for n in range(3):
        services.shifts.clock_with_pin(f"1390000000{n}", "1234")
    rolls = services.get(RollCallService)
    taker = services.duty.by_phone_pin("13900000000", "1234")
    first = rolls.roll()
    first.tick(people[0].id)
    first.tick(people[1].id)
    rolls.record(taker, first)  # 孙三 missing
    clock.advance(timedelta(minutes=5))
    services.shifts.clock_with_pin("13900000003", "1234")  # 李四 arrives
    second = rolls.roll()
    for person in people:
        second.tick(person.id)
    rolls.record(taker, second)  # everyone there

    logs, _ = build_log_services(services)

    def found(search: str) -> list[tuple[str, ...]]:
        rows = logs.page(LogKind.ROLLCALL, LogFilters(search=search)).rows
        return [row.cells[1:5] for row in rows]

    assert found("") == [("赵一", "4", "0", ""), ("赵一", "2", "1", "孙三")]
    assert found("孙三") == found("钱二") == found("") == found("赵一")
    assert found("李四") == [("赵一", "4", "0", "")]  # on the second roll only
    assert found("无此人") == []


def test_those_at_a_meeting_under_way_are_on_the_roll(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    """A meeting's attendees are in the building too: signed in to an activity under way puts
    a volunteer on the roll after those on duty; once it has ended (or if it was cancelled),
    not."""
    from kiosk.features.activities.service import ActivityForm, ActivityService
    from kiosk.features.admin.domain import AdminAccount, Role
    from kiosk.features.volunteers.service.duty import Actor

    window, services = kiosk
    admin = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)
    activities = services.get(ActivityService)
    meeting = activities.create(
        admin, ActivityForm("meeting", "Team meeting", "", "2026-11-02", "08:00", "10:00")
    )
    lin = volunteer_id(services, "FZB-0004")  # not on duty
    activities.sign_in(meeting.id, Actor(lin, "林志远", lin), "badge")
    tap(qtbot, window.top_bar.emergency_button)
    tap(qtbot, flow(window).emergency_button)
    page = flow(window).roll
    assert [e.name for e in page.tally.entries][-1] == "林志远"
    assert page.counts.text() == "已到 0 / 未到 4"
    tap(qtbot, page.back_button)
    clock.advance(timedelta(hours=2))  # 10:30: the meeting is over
    assert "林志远" not in [e.name for e in services.get(RollCallService).roll().entries]
