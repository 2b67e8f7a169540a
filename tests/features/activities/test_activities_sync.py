"""An activity is the station's: made at the south exit's kiosk, signed in at both exits (the
same member at both before they synced), every kiosk shows one sheet with each person once,
at the time of their first sign-in (two kiosks, a real hub on loopback)."""

from __future__ import annotations

from datetime import timedelta

from kiosk.features.activities.service import ActivityForm, ActivityService
from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.volunteers.service.duty import Actor
from tests.features.volunteers.test_badges_across_kiosks import sync
from tests.platform.sync.conftest import HubServer, SyncedKiosk

PIN = "2468"
ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)


def test_both_exits_sign_in_to_one_sheet(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    wang = south.services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    li = south.services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    made = south.services.get(ActivityService).create(
        ADMIN, ActivityForm("service_day", "Lei Feng day", "Square", "2026-11-02", "08:00", "12:00")
    )
    sync(south, north)
    north_view = north.services.get(ActivityService).view(made.id)
    assert (north_view.title, north_view.open_now) == ("Lei Feng day", True)

    north.clock.advance(timedelta(minutes=1))
    north.services.get(ActivityService).sign_in(made.id, Actor(wang.id, "王芳", wang.id), "badge")
    south.clock.advance(timedelta(minutes=2))  # 王芳 signs in again at the south exit, offline
    south.services.get(ActivityService).sign_in(made.id, Actor(wang.id, "王芳", wang.id), "pin")
    south.services.get(ActivityService).sign_in(made.id, Actor(li.id, "李强", li.id), "pin")
    sync(north, south, north)

    sheets = [k.services.get(ActivityService).sheet(made.id) for k in (south, north)]
    lines = [[(s.name, s.signed_at, s.method) for s in sheet.signed] for sheet in sheets]
    assert lines[0] == lines[1]  # the same sheet at both exits
    assert [(name, method) for name, _, method in lines[0]] == [("王芳", "badge"), ("李强", "pin")]
    assert all(sheet.activity.signed == 2 for sheet in sheets)
