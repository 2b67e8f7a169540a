"""A roll is the whole station's: a volunteer who checked in at the north exit is on the roll
taken at the south exit after a sync, and the roll call taken there reaches the north kiosk
(two kiosks, a real hub on loopback, the south kiosk's real window)."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.features.rollcall.store import RollCallRow
from kiosk.features.rollcall.ui.flow import RollCallFlow
from tests.features.volunteers.test_badges_across_kiosks import sync, window_of
from tests.kiosk_fixtures import tap, type_digits, visible_text
from tests.platform.sync.conftest import HubServer, SyncedKiosk

PIN = "2468"


def rows(kiosk: SyncedKiosk) -> list[tuple[str, list[str], list[str]]]:
    with kiosk.services.database.read() as session:
        found = session.scalars(select(RollCallRow)).all()
        return [(r.taker_id, list(r.present), list(r.missing)) for r in found]


def test_a_volunteer_checked_in_at_the_other_exit_is_on_the_roll_here(
    qtbot: QtBot,
    make_kiosk,
    hub: HubServer,  # type: ignore[no-untyped-def]
) -> None:
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    wang = south.services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    li = south.services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    sync(south, north)
    north.services.shifts.clock_with_pin("13800000001", PIN)  # 王芳 checks in at the north exit
    south.clock.advance(timedelta(minutes=5))
    south.services.shifts.clock_with_pin("13800000002", PIN)  # 李强 at the south exit, later

    with window_of(qtbot, south) as window:  # before the sync: only 李强 here
        flow = window.flow("rollcall")
        assert isinstance(flow, RollCallFlow)
        flow.open()
        assert [e.name for e in flow.roll.tally.entries] == ["李强"]
        tap(qtbot, flow.roll.back_button)

    sync(north, south)
    with window_of(qtbot, south) as window:
        tap(qtbot, window.top_bar.emergency_button)
        flow = window.flow("rollcall")
        assert isinstance(flow, RollCallFlow) and flow.emergency_button is not None
        tap(qtbot, flow.emergency_button)
        page = flow.roll
        assert window.current_page() is page
        assert [e.name for e in page.tally.entries] == ["王芳", "李强"]  # in check-in order
        assert "已到 0 / 未到 2" in visible_text(window)
        page.ticked.emit(li.id)  # a tap on 李强's row
        tap(qtbot, page.finish_button)
        type_digits(qtbot, flow.phone, "13800000001")  # 王芳, on duty through the sync
        tap(qtbot, flow.phone.keypad.ok_button)
        type_digits(qtbot, flow.pin, PIN)
        tap(qtbot, flow.pin.keypad.ok_button)
        assert "清点已记录：已到 1 人，未到 1 人" in visible_text(window)

    assert rows(south) == [(wang.id, [li.id], [wang.id])]
    sync(south, north)
    assert rows(north) == rows(south)  # the same roll call on both kiosks
