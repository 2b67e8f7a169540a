"""The departures board, its search, and the staff's train page, as screenshot scenes
(`KIOSK_UI.scenes`, read by tools/screenshots.py; nothing here runs in a kiosk).

The demo database has no timetable: the first scene imports a small one (a CSV written to a
scratch folder) and marks a delay and a gate change, once; the passes of the other modes find
them there and write nothing."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.admin.ui.flow import AdminFlow
    from kiosk.features.trains.ui.flow import TrainsFlow

DEMO_TIMETABLE = """车次,终到站,终到站英文,开点,检票口,候车室,站台,检票提前分钟
G1636,上海虹桥,Shanghai Hongqiao,10:32,A3,第一候车室,2,20
D3136,福州南,Fuzhou South,10:48,B7,第二候车室,4,15
K1268,乌鲁木齐,Urumqi,11:05,6,第二候车室,1,20
G1234,北京南,Beijing South,11:20,A12,第一候车室,3,20
C7521,厦门北,Xiamen North,11:42,B2,第三候车室,5,15
Z58,北京西,Beijing West,12:10,8,第二候车室,6,20
T110,昆明,Kunming,12:35,9,第三候车室,7,20
G1238,杭州东,Hangzhou East,13:00,A5,第一候车室,2,20
D2288,深圳北,Shenzhen North,13:25,B4,第二候车室,4,15
"""


def _flow(window: Navigator) -> TrainsFlow:
    return cast("TrainsFlow", window.flow("trains"))


def _seed(window: Navigator, demo: Mapping[str, str]) -> None:
    """The demo timetable and two marks, the first time only."""
    from kiosk.features.admin.domain import AdminAccount

    trains = _flow(window).trains
    if trains.source()[0]:
        return
    account = AdminAccount("station_admin", "站点管理员", "station_admin")
    with tempfile.TemporaryDirectory(prefix="kiosk-timetable-") as folder:
        path = Path(folder) / "时刻表.csv"
        path.write_text(DEMO_TIMETABLE, encoding="utf-8")
        trains.import_file(account, path)
    today = trains.board().now.date().isoformat()
    trains.mark_delayed(account, "K1268", today, "35")
    trains.change_gate(account, "G1234", today, "A14")
    trains.cancel(account, "C7521", today)


def _board(window: Navigator, demo: Mapping[str, str]) -> None:
    _seed(window, demo)
    window.go_home()
    _flow(window).open_tile("train_status")


def _search(window: Navigator, demo: Mapping[str, str]) -> None:
    _board(window, demo)
    flow = _flow(window)
    flow.board.search_button.click()
    for key in "G12":
        flow.search.train_keypad.press(key)


def _found(window: Navigator, demo: Mapping[str, str]) -> None:
    _search(window, demo)
    _flow(window).search.keypad.ok_button.click()


def _console(window: Navigator, demo: Mapping[str, str]) -> None:
    """The console's requests-and-wishes tab, where the Train times button is."""
    admin = cast("AdminFlow", window.flow("admin"))
    admin.log_in(demo["admin_pin"])
    admin.console.section_buttons["help"].click()


def _staff(window: Navigator, demo: Mapping[str, str]) -> None:
    _seed(window, demo)
    admin = cast("AdminFlow", window.flow("admin"))
    admin.log_in(demo["admin_pin"])
    admin.console.section_buttons["help"].click()
    _flow(window).open_staff()


def _minutes(window: Navigator, demo: Mapping[str, str]) -> None:
    _staff(window, demo)
    flow = _flow(window)
    flow.staff.rows[0][1].click()
    for key in "15":
        flow.minutes.keypad.press(key)


def _files(window: Navigator, demo: Mapping[str, str]) -> None:
    """The timetable files found (none in the demo: the page says where to put one)."""
    _staff(window, demo)
    _flow(window).staff.import_button.click()


def _log(window: Navigator, demo: Mapping[str, str]) -> None:
    """The log review's 列车 tab: the demo's three marks."""
    _seed(window, demo)
    admin = cast("AdminFlow", window.flow("admin"))
    admin.log_in(demo["admin_pin"])
    admin.console.logs_button.click()
    admin.logs.tabs["trains"].click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("trains_board", _board),
        Scene("trains_search", _search),
        Scene("trains_found", _found),
        Scene("admin_trains_tool", _console),
        Scene("admin_trains", _staff),
        Scene("admin_trains_delay", _minutes),
        Scene("admin_trains_files", _files),
        Scene("logs_trains", _log),
    )
