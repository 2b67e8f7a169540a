"""A handover crosses exits: 王芳 records hers at the south kiosk (one plaster fewer than
expected, a note); after a sync 李强 checks in by badge at the north kiosk's real window, is
offered it, reads the difference and acknowledges it; after the next sync both kiosks hold the
same handover, acknowledged by 李强 (two kiosks, a real hub on loopback)."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.features.handover.service import HandoverService, Snapshot, StockItem
from kiosk.features.handover.store import HandoverRow
from tests.features.volunteers.test_badges_across_kiosks import sync, window_of
from tests.kiosk_fixtures import badge, scan, tap, visible_text
from tests.platform.sync.conftest import HubServer, SyncedKiosk

PIN = "2468"


def rows(kiosk: SyncedKiosk) -> list[tuple[str, int, str, str | None]]:
    with kiosk.services.database.read() as session:
        found = session.scalars(select(HandoverRow)).all()
        return [(r.volunteer_id, r.differences, r.note, r.acknowledged_by) for r in found]


def test_a_handover_recorded_at_one_exit_is_read_and_acknowledged_at_the_other(
    qtbot: QtBot,
    make_kiosk,
    hub: HubServer,  # type: ignore[no-untyped-def]
) -> None:
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    wang = south.services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    li = south.services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    stock = [StockItem("medicine", "plaster", "创可贴", "Plasters", 10)]
    south.services.get(HandoverService).record(
        wang.id,
        Snapshot(1, 0, 2, 0, stock),
        {"medicine:plaster": 9},
        {"medicine:plaster": "unlogged"},
        "门 3 关不上",
    )
    sync(south, north)
    assert rows(north) == [(wang.id, 1, "门 3 关不上", None)]

    north.clock.advance(timedelta(minutes=10))
    with window_of(qtbot, north) as window:
        scan(qtbot, window, badge(north.services, "FZB-0002", north.clock))
        follow = window.result.follow_button
        assert follow.isVisible() and follow.text().startswith("查看交接（王芳")
        tap(qtbot, follow)
        seen = visible_text(window)
        assert "创可贴" in seen and "备注：门 3 关不上" in seen
        tap(qtbot, window.flow("handover").read.ack_button)  # type: ignore[attr-defined]
        assert "已确认交接" in visible_text(window)

    assert rows(north) == [(wang.id, 1, "门 3 关不上", li.id)]
    sync(north, south)
    assert rows(south) == rows(north)  # the same handover, acknowledged, on both kiosks
