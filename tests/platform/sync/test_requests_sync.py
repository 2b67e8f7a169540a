"""Help requests across two exits of one station through a real hub: the order made at one
kiosk is in the other's queue after sync, both accept it before syncing, and after sync both
agree the earlier accept won and the later one shows as refused at the kiosk that made it."""

from __future__ import annotations

from datetime import timedelta

from tests.platform.sync.conftest import HubServer, SyncedKiosk


def test_two_exits_accept_the_same_request(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    wang = south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    li = south.services.roster.register("李强", "FZB-0002", "13800000002", "1234")
    south.services.shifts.clock_with_pin("13800000001", "1234")
    south.services.shifts.clock_with_pin("13800000002", "1234")
    view = south.services.requests.order("wheelchair", train="G1234")
    south.engine.sync_once()
    north.engine.sync_once()
    assert [r.ticket for r in north.services.requests.open_requests()] == [view.ticket]

    # Both exits accept before either syncs: 王芳 at the north exit one minute in, 李强 at the
    # south exit two minutes in.
    north.clock.advance(timedelta(minutes=1))
    north.services.requests.accept(view.id, wang.id)
    south.clock.advance(timedelta(minutes=2))
    south.services.requests.accept(view.id, li.id)
    for kiosk in (south, north, south):
        kiosk.engine.sync_once()

    at_south = south.services.requests.get(view.id)
    at_north = north.services.requests.get(view.id)
    for seen in (at_south, at_north):
        assert seen.accepted_by == "王芳" and seen.response_s == 60 and seen.refused_count == 1
    assert at_south.refused_here == ("李强",)  # the loser sees its accept refused
    assert at_north.refused_here == ()
    north.clock.advance(timedelta(minutes=9))
    done = north.services.requests.complete(view.id, wang.id, "escorted")
    north.engine.sync_once()
    south.engine.sync_once()
    assert south.services.requests.get(view.id).completion_s == done.completion_s == 600
    assert south.services.requests.open_requests() == []
