"""Train times are the station's: the centre publishes the timetable once and every kiosk of
the station shows it; a delay, a gate change or a cancellation marked at one exit's kiosk shows
on the other's board after a sync (two kiosks, a real hub on loopback, real windows)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.features.trains.store import TrainRunRow
from kiosk.features.trains.ui.flow import TrainsFlow
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import login
from tests.features.trains.conftest import TIMETABLE
from tests.features.volunteers.test_badges_across_kiosks import sync, window_of
from tests.kiosk_fixtures import tap, type_digits, visible_text
from tests.platform.sync.conftest import HubServer, SyncedKiosk

ADMIN_PIN = "135790"


def trains(window: MainWindow) -> TrainsFlow:
    found = window.flow("trains")
    assert isinstance(found, TrainsFlow)
    return found


def board_lines(qtbot: QtBot, window: MainWindow) -> list[list[str]]:
    window.go_home()
    tile = window.home.tile("train_status")
    assert tile is not None
    tap(qtbot, tile)
    page = trains(window).board
    return [
        [cell.text() for cell in line.values()] for line in page.cells if line["train"].isVisible()
    ]


def runs(kiosk: SyncedKiosk) -> list[tuple[str, int, str | None, bool]]:
    with kiosk.services.database.read() as session:
        found = session.scalars(select(TrainRunRow).order_by(TrainRunRow.run_id)).all()
        return [(r.run_id, r.delay_min, r.gate, r.cancelled) for r in found]


def test_a_delay_marked_at_one_kiosk_shows_on_the_other_after_sync(
    qtbot: QtBot,
    make_kiosk,
    hub: HubServer,  # type: ignore[no-untyped-def]
) -> None:
    published = hub.admin("POST", "/v1/admin/config", json={"kind": "timetable", "body": TIMETABLE})
    assert published.status_code == 201, published.text
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    south.services.admin.set_first_pin(ADMIN_PIN, ADMIN_PIN)
    sync(south, north)

    with window_of(qtbot, north) as window:  # the centre's timetable, before any mark
        lines = board_lines(qtbot, window)
        assert [line[:5] for line in lines[:2]] == [
            ["G1234", "北京南", "08:45", "A12", "正在检票"],
            ["D56", "厦门北", "09:30", "B3", "正点"],
        ]

    with window_of(qtbot, south) as window:  # staff at the south exit mark D56 40 min late
        login(qtbot, window, ADMIN_PIN)
        console = window.flow("admin").console  # type: ignore[attr-defined]
        tap(qtbot, console.section_buttons["help"])
        tap(qtbot, console.tool_buttons["trains"])
        flow = trains(window)
        assert "时刻表：中心发布，5 个车次" in visible_text(window)
        tap(qtbot, flow.staff.rows[1][1])  # D56's 晚点…
        type_digits(qtbot, flow.minutes, "40")
        tap(qtbot, flow.minutes.keypad.ok_button)
        assert "已记录：D56 晚点 40 分钟，预计 10:10 开" in visible_text(window)
        tap(qtbot, flow.staff.rows[0][3])  # G1234: 停运, asked twice
        tap(qtbot, flow.staff.rows[0][3])
        assert "已记录：G1234 停运" in visible_text(window)

    assert runs(north) == []  # not before the sync
    sync(south, north)
    assert (
        runs(north)
        == runs(south)
        == [
            ("2026-11-02/D56", 40, None, False),
            ("2026-11-02/G1234", 0, None, True),
        ]
    )
    with window_of(qtbot, north) as window:
        lines = board_lines(qtbot, window)
        assert lines[0][:5] == ["G1234", "北京南", "08:45", "A12", "停运"]
        assert lines[1][:6] == ["D56", "厦门北", "09:30", "B3", "晚点", "40 分"]
