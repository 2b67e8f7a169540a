"""The rota is the station's: a weekly pattern added at the south exit's kiosk and a one-off
shift at the north's, one removed at the north while the south is offline; after syncing
through a real hub on loopback both kiosks show the same rota and the same board (who is
expected, who checked in at either exit)."""

from __future__ import annotations

from datetime import timedelta

from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.rota.service import PatternForm, RotaService, ShiftForm
from tests.features.volunteers.test_badges_across_kiosks import sync
from tests.platform.sync.conftest import HubServer, SyncedKiosk

PIN = "2468"
ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)


def test_two_kiosks_share_one_rota(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    wang = south.services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    south.services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    sync(south, north)
    day = south.services.get(RotaService).now().date()
    weekday = str(day.isoweekday())
    south.services.get(RotaService).add_pattern(
        ADMIN, PatternForm("FZB-0001", weekday, "09:00", "12:00", day.isoformat())
    )
    once = north.services.get(RotaService).add_shift(
        ADMIN, ShiftForm("FZB-0002", day.isoformat(), "13:00", "17:00")
    )
    extra = north.services.get(RotaService).add_shift(
        ADMIN, ShiftForm("FZB-0002", (day + timedelta(days=1)).isoformat(), "13:00", "17:00")
    )
    north.services.get(RotaService).remove(ADMIN, extra.id)
    north.services.shifts.clock_with_pin("13800000001", PIN)  # 王芳 checks in at the north
    sync(south, north, south)

    rotas = [
        [
            (e.name, e.weekday, e.starts, e.ends, e.day)
            for e in k.services.get(RotaService).entries()
        ]
        for k in (south, north)
    ]
    assert rotas[0] == rotas[1]
    assert [(name, weekday) for name, weekday, *_ in rotas[0]] == [
        ("王芳", day.weekday()),
        ("李强", None),
    ]
    boards = [
        [(line.name, line.state.value) for line in k.services.get(RotaService).board()]
        for k in (south, north)
    ]
    assert boards[0] == boards[1] == [("王芳", "checked_in"), ("李强", "expected")]
    assert wang.id in {line.volunteer_id for line in south.services.get(RotaService).board()}
    assert once.id in {e.id for e in south.services.get(RotaService).entries()}


def test_a_swap_offered_at_one_exit_taken_at_the_other_approved_at_the_first(
    make_kiosk, hub: HubServer
) -> None:  # type: ignore[no-untyped-def]
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    wang = south.services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    li = south.services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    zhao = south.services.roster.register("赵敏", "FZB-0003", "13800000003", PIN)
    tomorrow = south.services.get(RotaService).now().date() + timedelta(days=1)
    south.services.get(RotaService).add_shift(
        ADMIN, ShiftForm("FZB-0001", tomorrow.isoformat(), "09:00", "12:00")
    )
    [shift] = south.services.get(RotaService).upcoming(wang.id)
    offer = south.services.get(RotaService).offer(wang.id, shift.rota_id, shift.starts_at)
    sync(south, north)
    # Both exits take it while cut off from each other: one taker, the same at both.
    north.services.get(RotaService).take(li.id, offer.id)
    south.clock.advance(timedelta(minutes=1))
    south.services.get(RotaService).take(zhao.id, offer.id)
    sync(north, south, north)
    takers = {k.services.get(RotaService).awaiting_approval()[0].taken_by for k in (south, north)}
    assert takers == {"李强"}  # the earlier take, in the agreed order
    south.services.get(RotaService).approve(ADMIN, offer.id)
    sync(south, north)
    plans = [
        [p.volunteer_id for p in k.services.get(RotaService).planned(tomorrow)]
        for k in (south, north)
    ]
    assert plans == [[li.id], [li.id]]
