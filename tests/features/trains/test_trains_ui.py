"""The departures board and the staff's marks, driven as a traveller and a station admin would
on the real window over a real database: the 列车动态 tile opens the board (what is seen, in
both languages); the keypad finds a train; staff mark a delay, a gate change and a
cancellation (what is seen, what is stored); bad input is refused with nothing written; a
timetable file is imported from the export folder."""

from __future__ import annotations

import json
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.trains.store import TrainRunRow
from kiosk.features.trains.ui.flow import TrainsFlow
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import login
from tests.features.trains.conftest import TIMETABLE, publish_locally
from tests.kiosk_fixtures import tap, type_digits, visible_text

Kiosk = tuple[MainWindow, KioskServices]


def flow(window: MainWindow) -> TrainsFlow:
    found = window.flow("trains")
    assert isinstance(found, TrainsFlow)
    return found


def train_events(services: KioskServices) -> list[tuple[str, dict[str, Any], str | None]]:
    with services.database.read() as session:
        rows = session.execute(
            select(EventRow.kind, EventRow.payload, EventRow.actor)
            .where(EventRow.kind.startswith("train."))
            .order_by(EventRow.pos)
        ).all()
    return [(kind, json.loads(payload), actor) for kind, payload, actor in rows]


def event_count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def board_row(window: MainWindow, row: int) -> list[str]:
    page = flow(window).board
    return [cell.text() for cell in page.cells[row].values() if cell.isVisible()]


def press(qtbot: QtBot, keypad: Any, text: str) -> None:
    for key in text:
        if key.isdigit():
            tap(qtbot, keypad.digit_buttons[key])
        else:
            tap(qtbot, keypad.letter_buttons[key])


def test_the_tile_opens_the_board_and_the_keypad_finds_a_train(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    publish_locally(services.database, TIMETABLE, clock.now())
    services.refresh_config()
    tile = window.home.tile("train_status")
    assert tile is not None
    tap(qtbot, tile)
    page = flow(window).board
    assert window.current_page() is page
    seen = visible_text(window)
    for heading in ("车次", "终到站", "开点", "检票口", "状态", "晚点", "候车室", "站台"):
        assert heading in seen
    for heading in ("Train", "To", "Departs", "Gate", "Status", "Delay", "Platform"):
        assert heading in seen  # both languages' headings, always
    assert "10:30" not in seen and "08:30" in seen  # the station's time, not UTC (00:30)
    assert board_row(window, 0) == [
        "G1234", "北京南", "08:45", "A12", "正在检票", "—", "第一候车室", "3"
    ]  # fmt: skip
    assert board_row(window, 1)[:5] == ["D56", "厦门北", "09:30", "B3", "正点"]
    assert "T110" not in [board_row(window, r)[0] for r in range(3)]  # left at 07:50

    window.language.set_language("en")
    qtbot.waitUntil(lambda: board_row(window, 0)[1] == "Beijing South", timeout=2000)
    assert board_row(window, 0)[:5] == ["G1234", "Beijing South", "08:45", "A12", "Boarding"]
    window.language.set_language("zh")
    qtbot.waitUntil(lambda: board_row(window, 0)[1] == "北京南", timeout=2000)

    tap(qtbot, page.search_button)
    search = flow(window).search
    assert window.current_page() is search
    assert set(search.train_keypad.letter_buttons) == set("GDCKTZ")
    press(qtbot, search.train_keypad, "G9")
    tap(qtbot, search.keypad.ok_button)
    assert window.current_page() is search
    assert "今明两天没有待发的 G9 次列车" in visible_text(window)
    press(qtbot, search.train_keypad, "G123")
    tap(qtbot, search.keypad.ok_button)
    assert window.current_page() is page
    shown = [board_row(window, r)[0] for r in range(4) if board_row(window, r)]
    assert shown == ["G1234", "G1236", "G1234", "G1236"]  # today's, then tomorrow's
    assert "08:45" in board_row(window, 2)[2] and "次日" in board_row(window, 2)[2]
    assert "车次 G123" in visible_text(window)
    tap(qtbot, page.all_button)
    assert board_row(window, 1)[0] == "D56"
    tap(qtbot, page.back_button)
    assert window.current_page() is window.home


def test_the_board_says_when_there_is_no_timetable(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _services = kiosk
    tile = window.home.tile("train_status")
    assert tile is not None
    tap(qtbot, tile)
    assert "暂无本站时刻表" in visible_text(window)


def test_staff_mark_a_delay_a_gate_and_a_cancellation_seen_and_stored(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    publish_locally(services.database, TIMETABLE, clock.now())
    login(qtbot, window, DEMO_ADMIN_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.section_buttons["help"])
    tap(qtbot, console.tool_buttons["trains"])
    staff = flow(window).staff
    assert window.current_page() is staff
    seen = visible_text(window)
    assert "时刻表：中心发布，5 个车次" in seen
    assert "D56，厦门北，11-02 09:30，检票口 B3，正点" in seen
    delay = staff.rows[1][1]  # D56

    # a delay: bad minutes refused with nothing written, then 25 minutes
    tap(qtbot, delay)
    minutes = flow(window).minutes
    assert window.current_page() is minutes and "D56" in minutes.title.text()
    before = event_count(services)
    type_digits(qtbot, minutes, "999")
    tap(qtbot, minutes.keypad.ok_button)
    assert window.current_page() is minutes
    assert "晚点分钟数须为 0 到 720 的整数" in visible_text(window)
    assert event_count(services) == before
    type_digits(qtbot, minutes, "25")
    tap(qtbot, minutes.keypad.ok_button)
    assert window.current_page() is staff
    seen = visible_text(window)
    assert "已记录：D56 晚点 25 分钟，预计 09:55 开" in seen
    assert "D56，厦门北，11-02 09:30，检票口 B3，晚点 25 分" in seen, seen

    # a gate change: a letter first, then digits
    tap(qtbot, staff.rows[2][2])  # G1236
    gate_page = flow(window).gate
    assert window.current_page() is gate_page
    press(qtbot, gate_page.gate_keypad, "A9")
    tap(qtbot, gate_page.keypad.ok_button)
    assert "检票口没有变化" in visible_text(window)  # A9 is its gate already
    assert event_count(services) == before + 1
    press(qtbot, gate_page.gate_keypad, "B11")
    tap(qtbot, gate_page.keypad.ok_button)
    assert "已记录：G1236 改在 B11 检票口检票" in visible_text(window)

    # a cancellation asks twice; then it can be taken back
    tap(qtbot, staff.rows[0][3])  # G1234
    assert staff.rows[0][3].text() == "确认停运"
    assert event_count(services) == before + 2
    tap(qtbot, staff.rows[0][3])
    assert "已记录：G1234 停运" in visible_text(window)
    assert not staff.rows[0][1].isEnabled()  # no delay on a cancelled train

    events = train_events(services)
    assert [(k, p.get("minutes"), p.get("gate")) for k, p, _ in events] == [
        ("train.delayed", 25, None),
        ("train.gate_changed", None, "B11"),
        ("train.cancelled", None, None),
    ]
    assert {actor for _, _, actor in events} == {"station_admin"}
    assert events[0][1]["run_id"] == "2026-11-02/D56"
    with services.database.read() as session:
        runs = {r.train: r for r in session.scalars(select(TrainRunRow))}
    assert runs["D56"].delay_min == 25 and runs["G1236"].gate == "B11"
    assert runs["G1234"].cancelled

    # the traveller's board shows all three
    window.go_home()
    tile = window.home.tile("train_status")
    assert tile is not None
    tap(qtbot, tile)
    assert board_row(window, 0)[:5] == ["G1234", "北京南", "08:45", "A12", "停运"]
    assert board_row(window, 1)[4:6] == ["晚点", "25 分"]
    assert board_row(window, 2)[3] == "B11 *"
    assert "* 检票口已变更" in visible_text(window)


def test_a_timetable_file_is_imported_from_the_export_folder(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    exports = services.settings.data_dir / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    (exports / "bad.csv").write_text("车次,终到站,开点\nG1,北京南,08:00\n", "utf-8")
    (exports / "时刻表.csv").write_text(
        "车次,终到站,终到站英文,开点,检票口,候车室,站台\n"
        "D3101,福州南,Fuzhou South,09:02,A3,第一候车室,2\n",
        "utf-8",
    )
    login(qtbot, window, DEMO_ADMIN_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.section_buttons["help"])
    tap(qtbot, console.tool_buttons["trains"])
    staff = flow(window).staff
    assert "暂无时刻表" in visible_text(window)
    tap(qtbot, staff.import_button)
    files = flow(window).files
    assert window.current_page() is files
    names = {b.text().split()[0]: b for b in files.file_buttons if b.isVisible()}
    assert set(names) == {"bad.csv", "时刻表.csv"}
    tap(qtbot, names["bad.csv"])
    assert "文件缺少列：终到站英文" in visible_text(window)
    assert flow(window).trains.source()[0] == ""  # nothing kept
    tap(qtbot, names["时刻表.csv"])
    assert window.current_page() is staff
    seen = visible_text(window)
    assert "已导入 1 个车次（时刻表.csv）" in seen
    assert "时刻表：本机导入，1 个车次" in seen
    assert "D3101，福州南，11-02 09:02，检票口 A3，正点" in seen


def test_the_log_tab_lists_every_mark(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    from datetime import timedelta

    from kiosk.features.admin.domain import AdminAccount
    from kiosk.features.trains.service import TrainService
    from tests.features.admin.test_log_review import open_logs, shown

    window, services = kiosk
    publish_locally(services.database, TIMETABLE, clock.now())
    trains = services.get(TrainService)
    admin = AdminAccount("station_admin", "站长", "station_admin")
    trains.mark_delayed(admin, "D56", "2026-11-02", "25")
    clock.advance(timedelta(minutes=1))
    trains.change_gate(admin, "G1236", "2026-11-02", "B11")
    clock.advance(timedelta(minutes=1))
    trains.cancel(admin, "G1234", "2026-11-02")
    clock.advance(timedelta(minutes=1))
    open_logs(qtbot, window)
    logs = window.flow("admin").logs  # type: ignore[attr-defined]
    assert logs.tabs["trains"].text() == "列车"
    tap(qtbot, logs.tabs["trains"])
    assert [cells[1:6] for cells in shown(window)] == [
        ("G1234", "2026-11-02", "停运", "", "站点管理员"),
        ("G1236", "2026-11-02", "改检票口", "B11", "站点管理员"),
        ("D56", "2026-11-02", "晚点", "25 分钟", "站点管理员"),
    ]


def test_the_open_board_moves_with_the_clock(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    """The status timer refreshes an open board: D56 starts checking in 20 minutes before
    09:30, closes check-in 3 minutes before, and leaves the board once gone."""
    from datetime import timedelta

    window, services = kiosk
    publish_locally(services.database, TIMETABLE, clock.now())
    tile = window.home.tile("train_status")
    assert tile is not None
    tap(qtbot, tile)
    assert board_row(window, 1)[:5] == ["D56", "厦门北", "09:30", "B3", "正点"]
    clock.advance(timedelta(minutes=41))  # 09:11
    window.refresh_status()
    assert board_row(window, 0)[:5] == ["D56", "厦门北", "09:30", "B3", "正在检票"]
    assert "本站时间 09:11" in visible_text(window)  # G1234 (08:45) has left the board
    clock.advance(timedelta(minutes=17))  # 09:28
    window.refresh_status()
    assert board_row(window, 0)[4] == "停止检票"
    clock.advance(timedelta(minutes=3))  # 09:31
    window.refresh_status()
    assert board_row(window, 0)[0] == "G1236"


def test_a_team_leader_marks_trains_but_does_not_import(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    from kiosk.shell.demo import DEMO_LEADER_PIN

    window, services = kiosk
    publish_locally(services.database, TIMETABLE, clock.now())
    login(qtbot, window, DEMO_LEADER_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.section_buttons["help"])
    tap(qtbot, console.tool_buttons["trains"])
    staff = flow(window).staff
    assert window.current_page() is staff
    assert not staff.import_button.isVisible()
    tap(qtbot, staff.rows[1][1])  # D56's 晚点…
    type_digits(qtbot, flow(window).minutes, "5")
    tap(qtbot, flow(window).minutes.keypad.ok_button)
    assert "已记录：D56 晚点 5 分钟" in visible_text(window)
    [(kind, payload, actor)] = train_events(services)
    assert (kind, payload["minutes"]) == ("train.delayed", 5) and actor != "station_admin"
    from tests.features.admin.test_log_review import shown

    tap(qtbot, staff.back_button)
    tap(qtbot, console.logs_button)
    tap(qtbot, window.flow("admin").logs.tabs["trains"])  # type: ignore[attr-defined]
    [cells] = shown(window)
    assert cells[1:6] == ("D56", "2026-11-02", "晚点", "5 分钟", "陈静")  # the leader by name
