"""The timetable, the board's rules and staff's marks, through the service over a real
migrated SQLite file; the hub refusing a bad timetable; the station-local time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import KioskError
from kiosk.features.admin.domain import AdminAccount
from kiosk.features.trains.domain import TrainStatus
from kiosk.features.trains.service import KEY, TrainService
from kiosk.features.trains.store import TrainRunRow
from kiosk.platform.store import preferences
from kiosk.platform.store.models import EventRow
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services
from tests.features.trains.conftest import TIMETABLE, publish_locally
from tests.platform.sync.conftest import HubServer

ADMIN = AdminAccount("acct-admin", "站长", "station_admin")
LEADER = AdminAccount("acct-leader", "组长", "team_leader")


def trains_of(services: KioskServices) -> TrainService:
    return services.get(TrainService)


def train_events(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(EventRow).where(EventRow.kind.like("train.%"))
            )
            or 0
        )


def test_the_board_lists_what_is_still_to_leave_in_station_time(
    services: KioskServices, clock: FixedClock
) -> None:
    publish_locally(services.database, TIMETABLE, clock.now())
    board = trains_of(services).board()
    assert board.source == "centre"
    assert board.now.strftime("%H:%M") == "08:30"
    today = [d for d in board.departures if d.day == board.now.date()]
    # T110 left at 07:50; K1 does not run on Mondays (2026-11-02 is one)
    assert [d.train for d in today] == ["G1234", "D56", "G1236"]
    g1234 = today[0]
    assert g1234.departs.strftime("%H:%M") == "08:45"
    assert g1234.status is TrainStatus.CHECKING_IN  # 15 minutes to go, check-in is 20
    assert today[1].status is TrainStatus.ON_TIME
    # tomorrow (Tuesday) early: T110 and K1 are on the board after today's
    tomorrow = [d.train for d in board.departures if d.day > board.now.date()]
    assert tomorrow[:3] == ["T110", "G1234", "D56"] and "K1" in tomorrow


def test_the_board_is_station_local_whatever_the_system_zone(tmp_path: Path) -> None:
    """The timetable's 08:45 is 08:45 where the station is: a kiosk at Urumqi (UTC+6, set as
    the station's zone) shows G1234 as checking in at 08:30 its time, 02:30 UTC."""
    settings = Settings(data_dir=tmp_path / "urumqi", timezone="Asia/Urumqi")
    clock = FixedClock(datetime(2026, 11, 2, 2, 30, tzinfo=UTC))
    built = build_services(settings, clock)
    try:
        publish_locally(built.database, TIMETABLE, clock.now())
        board = trains_of(built).board()
        assert board.now.utcoffset() == timedelta(hours=6)
        first = board.departures[0]
        assert (first.train, first.departs.strftime("%H:%M")) == ("G1234", "08:45")
        assert first.departs.astimezone(UTC).strftime("%H:%M") == "02:45"
        assert first.departs.tzinfo == ZoneInfo("Asia/Urumqi")
        assert first.status is TrainStatus.CHECKING_IN
    finally:
        built.close()


def test_staff_marks_are_stored_as_events_and_shown(
    services: KioskServices, clock: FixedClock
) -> None:
    publish_locally(services.database, TIMETABLE, clock.now())
    trains = trains_of(services)
    day = clock.now().astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()
    late = trains.mark_delayed(LEADER, "D56", day, "25")
    assert (late.delay_min, late.status) == (25, TrainStatus.DELAYED)
    assert late.expected.strftime("%H:%M") == "09:55"
    moved = trains.change_gate(LEADER, "G1236", day, "b7")
    assert (moved.gate, moved.gate_changed) == ("B7", True)
    gone = trains.cancel(LEADER, "G1234", day)
    assert gone.status is TrainStatus.CANCELLED
    assert trains.departure_of("G1234") is None  # cancelled: nothing to hurry for
    assert trains.departure_of("d56") == late.expected
    with services.database.read() as session:
        rows = {r.train: r for r in session.scalars(select(TrainRunRow))}
    assert rows["D56"].delay_min == 25 and rows["G1236"].gate == "B7"
    assert rows["G1234"].cancelled
    back = trains.reinstate(LEADER, "G1234", day)
    assert back.status is TrainStatus.CHECKING_IN
    on_time = trains.mark_delayed(LEADER, "D56", day, "0")
    assert on_time.status is TrainStatus.ON_TIME
    assert train_events(services) == 5


@pytest.mark.parametrize(
    ("action", "value", "zh"),
    [
        ("delay", "abc", "晚点分钟数"),
        ("delay", "721", "晚点分钟数"),
        ("delay", "", "晚点分钟数"),
        ("gate", "12-B", "检票口格式不正确"),
        ("gate", "A12", "检票口没有变化"),
        ("unknown", "G9999", "时刻表中没有这趟车"),
    ],
)
def test_bad_marks_are_refused_with_nothing_written(
    services: KioskServices, clock: FixedClock, action: str, value: str, zh: str
) -> None:
    publish_locally(services.database, TIMETABLE, clock.now())
    trains = trains_of(services)
    day = "2026-11-02"
    with pytest.raises(KioskError) as refused:
        if action == "delay":
            trains.mark_delayed(LEADER, "G1234", day, value)
        elif action == "gate":
            trains.change_gate(LEADER, "G1234", day, value)
        else:
            trains.mark_delayed(LEADER, value, day, "5")
    assert zh in refused.value.zh and refused.value.en
    assert train_events(services) == 0


def test_a_cancelled_train_takes_no_delay_and_a_team_leader_cannot_import(
    services: KioskServices, clock: FixedClock, tmp_path: Path
) -> None:
    publish_locally(services.database, TIMETABLE, clock.now())
    trains = trains_of(services)
    trains.cancel(ADMIN, "D56", "2026-11-02")
    with pytest.raises(KioskError, match="cancelled"):
        trains.mark_delayed(ADMIN, "D56", "2026-11-02", "10")
    sheet = tmp_path / "t.csv"
    sheet.write_text("车次,终到站,终到站英文,开点\nG1,北京南,Beijing South,12:00\n", "utf-8")
    with pytest.raises(KioskError, match="may not"):
        trains.import_file(LEADER, sheet)
    assert train_events(services) == 1


def test_a_csv_file_is_imported_and_wins_over_an_older_publication(
    services: KioskServices, clock: FixedClock, tmp_path: Path
) -> None:
    publish_locally(services.database, TIMETABLE, clock.now() - timedelta(days=1))
    sheet = tmp_path / "时刻表.csv"
    sheet.write_text(
        "车次,终到站,终到站英文,开点,运行日,检票口,候车室,站台,检票提前分钟\n"
        "D3101,福州南,Fuzhou South,09:02,1-5,A3,第一候车室,2,15\n"
        "Z58,北京西,Beijing West,12:40,,8,第二候车室,6,\n",
        "utf-8-sig",
    )
    trains = trains_of(services)
    done = trains.import_file(ADMIN, sheet)
    assert (done.trains, done.file) == (2, "时刻表.csv")
    board = trains.board()
    assert board.source == "import"
    first = board.departures[0]
    assert (first.train, first.to_zh, first.gate, first.platform) == ("D3101", "福州南", "A3", "2")
    assert first.status is TrainStatus.ON_TIME  # 32 minutes to go, check-in is 15
    # the centre publishes again, later: its timetable is in force
    clock.advance(timedelta(minutes=1))
    publish_locally(services.database, TIMETABLE, clock.now())
    assert trains.board().source == "centre"


def test_an_xlsx_file_with_times_as_cells_is_imported(
    services: KioskServices, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["train", "to_zh", "to_en", "departs", "gate", "platform"])
    sheet.append(["G88", "杭州东", "Hangzhou East", datetime(2026, 1, 1, 9, 5).time(), "A1", 3])
    path = tmp_path / "pis.xlsx"
    book.save(path)
    trains = trains_of(services)
    assert trains.import_file(ADMIN, path).trains == 1
    first = trains.board().departures[0]
    assert (first.train, first.departs.strftime("%H:%M"), first.platform) == ("G88", "09:05", "3")


@pytest.mark.parametrize(
    ("content", "zh", "en"),
    [
        ("车次,终到站,开点\nG1,北京南,08:00\n", "文件缺少列：终到站英文", "to_en"),
        (
            "车次,终到站,终到站英文,开点\nG1,北京南,Beijing South,8点\n",
            "第 2 行「开点」不正确",
            "Row 2, departs",
        ),
        (
            "车次,终到站,终到站英文,开点\nG1,北京南,B,08:00\nX9,上海,Shanghai,09:00\n",
            "第 3 行「车次」不正确",
            "Row 3, train",
        ),
        (
            "车次,终到站,终到站英文,开点,运行日\nG1,北京南,B,08:00,周一\n",
            "第 2 行「运行日」不正确",
            "Row 2, days",
        ),
        ("车次,终到站,终到站英文,开点\n", "没有车次", "no train"),
    ],
)
def test_a_bad_file_is_refused_naming_row_and_column_and_nothing_kept(
    services: KioskServices, tmp_path: Path, content: str, zh: str, en: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, "utf-8")
    with pytest.raises(KioskError) as refused:
        trains_of(services).import_file(ADMIN, path)
    assert zh in refused.value.zh and en in refused.value.en
    with services.database.read() as session:
        assert preferences.get(session, KEY) is None


def test_a_file_that_is_not_a_timetable_is_refused(services: KioskServices, tmp_path: Path) -> None:
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG not a workbook")
    with pytest.raises(KioskError, match="Cannot read this file"):
        trains_of(services).import_file(ADMIN, path)


def test_the_hub_refuses_a_bad_timetable_naming_the_field(hub: HubServer) -> None:
    bad = {"trains": [dict(TIMETABLE["trains"][0]), dict(TIMETABLE["trains"][1], departs="9:30")]}
    response = hub.admin("POST", "/v1/admin/config", json={"kind": "timetable", "body": bad})
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["reason"] == "bad_timetable"
    assert "trains.1.departs" in response.text and "时刻表格式不正确" in body["reason_zh"]
    listed = hub.admin("GET", "/v1/admin/config")
    assert "timetable" not in listed.text  # nothing was published
    good = hub.admin("POST", "/v1/admin/config", json={"kind": "timetable", "body": TIMETABLE})
    assert good.status_code == 201, good.text
