"""Lending across the exits of one station through a real hub: borrowed at the south exit,
returned at the north exit, and the last umbrella lent at both exits while the hub was away."""

from __future__ import annotations

from tests.platform.sync.conftest import SyncedKiosk


def test_borrow_south_return_north(make_kiosk) -> None:  # type: ignore[no-untyped-def]
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    south.services.lending.add_stock("umbrella", 2)
    south.services.lending.borrow_with_phone("umbrella", "13812341234", consent=True)
    south.engine.sync_once()
    north.engine.sync_once()
    assert north.services.lending.stock("umbrella").left == 1
    returned = north.services.lending.return_by_phone("umbrella", "13812341234")
    assert returned.left == 2 and returned.loan.masked_phone == "138****1234"
    north.engine.sync_once()
    south.engine.sync_once()
    assert south.services.lending.stock("umbrella").left == 2
    assert south.services.lending.open_loans() == []


def test_the_last_umbrella_lent_at_both_exits_offline(make_kiosk) -> None:  # type: ignore[no-untyped-def]
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    south.services.lending.add_stock("umbrella", 1)
    south.engine.sync_once()
    north.engine.sync_once()
    south.services.lending.borrow_with_phone(
        "umbrella", "13800000001", consent=True
    )  # neither has synced
    north.services.lending.borrow_with_phone("umbrella", "13800000002", consent=True)
    for kiosk in (south, north, south):
        kiosk.engine.sync_once()
    for kiosk in (south, north):
        stock = kiosk.services.lending.stock("umbrella")
        assert stock.left == -1 and stock.over_lent  # shown honestly to staff on both
        assert len(kiosk.services.lending.open_loans()) == 2
