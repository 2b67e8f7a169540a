"""The rota through its service over a real migrated SQLite kiosk: the admin adds a weekly
pattern and a one-off shift by volunteer number, today's board says who is expected, who
checked in and who is a no-show 15 minutes after the start, a volunteer's next shift is found,
a removal takes a line off. Bad input is refused with a message (zh and en) and writes nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import ValidationError
from kiosk.core.results import VolunteerInfo
from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.rota.service import PatternForm, RotaService, ShiftForm
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices

ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)
# The clock starts at 2026-11-02 08:30 Asia/Shanghai, a Monday.


def count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


@pytest.fixture
def wang(services: KioskServices) -> VolunteerInfo:
    return services.roster.register("王芳", "FZB-0001", "13800000001", "1234")


@pytest.fixture
def li(services: KioskServices) -> VolunteerInfo:
    return services.roster.register("李强", "FZB-0002", "13800000002", "1234")


def test_the_day_board_expected_checked_in_and_no_show(
    services: KioskServices, clock: FixedClock, wang: VolunteerInfo, li: VolunteerInfo
) -> None:
    rota = services.get(RotaService)
    rota.add_pattern(ADMIN, PatternForm("FZB-0001", "1", "09:00", "12:00", "2026-11-01"))
    rota.add_shift(ADMIN, ShiftForm("FZB-0002", "2026-11-02", "09:00", "13:00"))
    board = rota.board()
    assert [(line.name, line.state) for line in board] == [
        ("王芳", "expected"),
        ("李强", "expected"),
    ]
    assert board[0].starts_at.strftime("%H:%M") == "09:00"
    services.shifts.scan_badge(services.badges.issue(wang.id, clock.now().date()))
    clock.advance(timedelta(minutes=44))  # 09:14
    assert {line.name: line.state for line in rota.board()} == {
        "王芳": "checked_in",
        "李强": "expected",
    }
    clock.advance(timedelta(minutes=1))  # 09:15: 李强 is a no-show
    assert {line.name: line.state for line in rota.board()} == {
        "王芳": "checked_in",
        "李强": "no_show",
    }
    nxt = rota.next_for(wang.id)  # next Monday
    assert nxt is not None and nxt.starts_at.date().isoformat() == "2026-11-09"
    assert rota.next_for(li.id) is None  # a one-off shift, already started
    lines = rota.entries()
    assert [(e.name, e.weekday, e.starts, e.day) for e in lines] == [
        ("王芳", 0, "09:00", None),
        ("李强", None, "09:00", lines[1].day),
    ]
    rota.remove(ADMIN, lines[1].id)
    assert [line.name for line in rota.board()] == ["王芳"]
    with pytest.raises(ValidationError) as removed:
        rota.remove(ADMIN, lines[1].id)
    assert "已删除" in removed.value.zh


@pytest.mark.parametrize(
    ("form", "zh", "en"),
    [
        (PatternForm("FZB-0009", "1", "09:00", "12:00", "2026-11-01"), "没有这个志愿者编号", "No"),
        (PatternForm("", "1", "09:00", "12:00", "2026-11-01"), "志愿者编号", "number"),
        (PatternForm("FZB-0001", "8", "09:00", "12:00", "2026-11-01"), "星期", "Weekday"),
        (PatternForm("FZB-0001", "1", "9点", "12:00", "2026-11-01"), "时间格式", "HH:MM"),
        (PatternForm("FZB-0001", "1", "12:00", "09:00", "2026-11-01"), "结束时间", "end"),
        (PatternForm("FZB-0001", "1", "09:00", "12:00", "11/01"), "日期格式", "YYYY"),
        (
            PatternForm("FZB-0001", "1", "09:00", "12:00", "2026-11-09", "2026-11-01"),
            "截止日期",
            "last day",
        ),
        (ShiftForm("FZB-0001", "2026-11-01", "09:00", "12:00"), "已经结束", "ended"),
        (ShiftForm("FZB-0001", "2026-11-03", "08:00", "21:00"), "12 小时", "12 hours"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    services: KioskServices, wang: VolunteerInfo, form: PatternForm | ShiftForm, zh: str, en: str
) -> None:
    rota = services.get(RotaService)
    before = count(services)
    with pytest.raises(ValidationError) as refused:
        if isinstance(form, PatternForm):
            rota.add_pattern(ADMIN, form)
        else:
            rota.add_shift(ADMIN, form)
    assert zh in refused.value.zh and en in refused.value.en
    assert count(services) == before
    assert rota.entries() == []


def test_a_team_leader_keeps_the_rota_too(services: KioskServices, wang: VolunteerInfo) -> None:
    leader = AdminAccount("leader", "陈静", Role.TEAM_LEADER)
    rota = services.get(RotaService)
    line = rota.add_shift(leader, ShiftForm("FZB-0001", "2026-11-03", "14:00", "18:00"))
    assert (line.name, line.number, line.starts, line.ends) == (
        "王芳",
        "FZB-0001",
        "14:00",
        "18:00",
    )
    assert line.day is not None and line.day.isoformat() == "2026-11-03"


def no_shows(services: KioskServices) -> list[tuple[str, dict[str, object]]]:
    with services.database.read() as session:
        rows = session.execute(
            select(EventRow.id, EventRow.payload).where(EventRow.kind == "rota.no_show")
        ).all()
    return [(event_id, json.loads(payload)) for event_id, payload in rows]


def test_a_no_show_is_written_once_15_minutes_after_the_start(
    services: KioskServices, clock: FixedClock, wang: VolunteerInfo, li: VolunteerInfo
) -> None:
    rota = services.get(RotaService)
    rota.add_shift(ADMIN, ShiftForm("FZB-0002", "2026-11-02", "09:00", "13:00"))
    rota.add_shift(ADMIN, ShiftForm("FZB-0001", "2026-11-02", "10:00", "12:00"))
    clock.advance(timedelta(minutes=44))  # 09:14: not yet
    assert rota.record_no_shows() == 0 and no_shows(services) == []
    clock.advance(timedelta(minutes=1))  # 09:15: 李强 is missing
    assert rota.record_no_shows() == 1
    assert rota.record_no_shows() == 0  # written once
    clock.advance(timedelta(minutes=30))
    assert rota.record_no_shows() == 0
    [(event_id, payload)] = no_shows(services)
    assert payload["number"] == "FZB-0002" and payload["day"] == "2026-11-02"
    assert payload["volunteer_id"] == li.id and payload["starts_at"] == "2026-11-02T01:00:00Z"
    services.shifts.clock_with_pin("13800000002", "1234")  # 李强 comes late: the fact stays
    assert {line.name: line.state for line in rota.board()}["李强"] == "checked_in"
    assert rota.record_no_shows() == 0 and [e for e, _ in no_shows(services)] == [event_id]
    services.shifts.clock_with_pin("13800000001", "1234")  # 王芳 checks in before 10:15
    clock.advance(timedelta(hours=1))
    assert rota.record_no_shows() == 0 and len(no_shows(services)) == 1
