"""Lending through the service layer and its projection: stock from events, refusals that write
nothing, returns from the other kiosk, overdue loans, write-offs, and rebuild equals live."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Conflict, KioskError, NotFound, ValidationError
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.lending.service import Approver
from kiosk.features.lending.store import LoanRow
from kiosk.features.volunteers.service.serials import BadgeService
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.platform.store.store import integrity_check, rebuild_projections
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import seed_demo
from tests.platform.store.test_eventlog import _snapshot


def event_count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def test_stock_moves_only_through_events(services: KioskServices) -> None:
    assert services.lending.stock("umbrella").left == 0
    services.lending.add_stock("umbrella", 3)
    borrowed = services.lending.borrow_with_phone("umbrella", "138 1234 5678", consent=True)
    assert borrowed.left == 2 and borrowed.loan.masked_phone == "138****5678"
    assert services.lending.tile_notes()["umbrella"] == ("剩 2 把伞", "2 umbrellas left")
    assert services.uses.served_today() == 1  # a loan is a service used
    returned = services.lending.return_by_phone("umbrella", "13812345678")
    assert returned.left == 3
    with services.database.read() as session:
        kinds = session.scalars(select(EventRow.kind).order_by(EventRow.pos)).all()
    assert kinds == ["lending.stocked", "lending.borrowed", "service.used", "lending.returned"]


def test_an_empty_shelf_refuses_a_borrow_and_writes_nothing(services: KioskServices) -> None:
    services.lending.add_stock("power_bank", 1)
    services.lending.borrow_with_phone("power_bank", "13800001111", consent=True)
    before = event_count(services)
    for attempt in (
        lambda: services.lending.check_available("power_bank"),
        lambda: services.lending.borrow_with_phone("power_bank", "13800002222", consent=True),
    ):
        with pytest.raises(Conflict) as caught:
            attempt()
        assert (
            caught.value.zh.startswith("充电宝已借完") and "No power banks left" in caught.value.en
        )
    assert event_count(services) == before
    with pytest.raises(ValidationError):
        services.lending.add_stock("power_bank", -5)  # never below zero on the shelf


def test_bad_phone_unknown_loan_and_unknown_item_write_nothing(services: KioskServices) -> None:
    services.lending.add_stock("umbrella", 2)
    before = event_count(services)
    with pytest.raises(ValidationError):
        services.lending.borrow_with_phone("umbrella", "12ab", consent=True)
    with pytest.raises(NotFound, match="No umbrella is out on this phone"):
        services.lending.return_by_phone("umbrella", "13899998888")
    with pytest.raises(NotFound):
        services.lending.borrow_with_phone("kayak", "13899998888", consent=True)
    assert event_count(services) == before


def test_volunteer_approval_needs_a_volunteer_on_duty(
    services: KioskServices, clock: FixedClock
) -> None:
    seed_demo(services)  # 王芳, 李强, 陈静 on duty; PIN 1234
    services.lending.add_stock("book", 2)
    approver = services.lending.approve_by_pin("13800000001", "1234")
    assert approver.name == "王芳"
    token = services.get(BadgeService).issue(approver.volunteer_id).token
    assert services.lending.approve_by_badge(token) == approver
    borrowed = services.lending.borrow_with_approval("book", approver)
    assert borrowed.loan.approved_by == "王芳" and borrowed.loan.masked_phone == ""
    off_duty = next(v for v in services.roster.all() if v.number == "FZB-0008")
    with pytest.raises(Conflict, match="not on duty"):
        services.lending.approve_by_pin("13800000008", "1234")
    with pytest.raises(Conflict):
        services.lending.borrow_with_approval("book", Approver(off_duty.id, off_duty.name))
    with pytest.raises(ValidationError, match="Wrong PIN"):
        services.lending.approve_by_pin("13800000001", "9999")


def test_overdue_then_written_off_with_a_reason(services: KioskServices, clock: FixedClock) -> None:
    services.lending.add_stock("umbrella", 2)
    services.lending.borrow_with_phone("umbrella", "13811112222", consent=True)
    clock.advance(timedelta(days=1))
    services.lending.borrow_with_phone("umbrella", "13833334444", consent=True)
    clock.advance(timedelta(days=2, hours=1))  # the first is 3 days + 1 h out: overdue
    loans = services.lending.open_loans()
    assert [(v.masked_phone, v.overdue) for v in loans] == [
        ("138****2222", True),
        ("138****4444", False),
    ]
    assert services.lending.overdue_count() == 1
    with pytest.raises(ValidationError):
        services.lending.write_off(loans[0].loan_id, "stolen-by-aliens")
    services.lending.write_off(loans[0].loan_id, "lost")
    stock = services.lending.stock("umbrella")
    assert (stock.stocked, stock.out, stock.written_off, stock.left) == (2, 1, 1, 0)
    with pytest.raises(Conflict):
        services.lending.write_off(loans[0].loan_id, "lost")
    with services.database.read() as session:
        row = session.get(LoanRow, loans[0].loan_id)
        assert row is not None and row.status == "written_off" and row.reason == "lost"


def _remote(services: KioskServices, kind: str, payload: dict[str, object], seq: int) -> Event:
    return Event(
        id=new_id(),
        kind=kind,
        station_id=services.settings.station_id,
        kiosk_id="north-exit",
        seq=seq,
        occurred_at=services.clock.now(),
        actor=None,
        payload=payload,
    )


def test_returned_at_the_other_kiosk_and_two_kiosks_lending_the_last_one(
    services: KioskServices,
) -> None:
    services.lending.add_stock("umbrella", 1)
    mine = services.lending.borrow_with_phone("umbrella", "13812340000", consent=True).loan
    back = _remote(services, "lending.returned", {"loan_id": mine.loan_id, "item": "umbrella"}, 1)
    due = (services.clock.now() + timedelta(days=3)).isoformat()
    theirs = _remote(
        services,
        "lending.borrowed",
        {"loan_id": "far-1", "item": "umbrella", "method": "phone", "phone": "13900000000"}
        | {"due_at": due},
        2,
    )
    with services.database.write() as session:
        assert eventlog.ingest(session, back)
    assert services.lending.stock("umbrella").left == 1
    with services.database.write() as session:
        assert eventlog.ingest(session, theirs)
    assert services.lending.stock("umbrella").left == 0
    services.lending.add_stock("umbrella", 1)
    services.lending.borrow_with_phone("umbrella", "13812340001", consent=True)
    late = _remote(
        services,
        "lending.borrowed",
        {"loan_id": "far-2", "item": "umbrella", "method": "phone", "phone": "13900000001"}
        | {"due_at": due},
        3,
    )
    with services.database.write() as session:  # lent offline at the north exit meanwhile
        assert eventlog.ingest(session, late)
    stock = services.lending.stock("umbrella")
    assert stock.left == -1 and stock.over_lent
    assert services.lending.stock_all()[0].item.id == "umbrella"  # over-lent listed first
    assert services.lending.tile_notes()["umbrella"] == ("剩 0 把伞", "0 umbrellas left")


@pytest.mark.parametrize("seed", range(2))
def test_rebuilt_projections_equal_live_ones_with_lending(
    services: KioskServices, clock: FixedClock, seed: int
) -> None:
    rng = random.Random(seed)
    phones = [f"1380000{n:04d}" for n in range(5)]
    for _ in range(60):
        clock.advance(timedelta(hours=rng.choice([0, 1, 20])))
        item = rng.choice(["umbrella", "power_bank", "book"])
        op = rng.random()
        try:
            if op < 0.15:
                services.lending.add_stock(item, rng.randint(1, 3))
            elif op < 0.55:
                services.lending.borrow_with_phone(item, rng.choice(phones), consent=True)
            elif op < 0.85:
                services.lending.return_by_phone(item, rng.choice(phones))
            else:
                loans = services.lending.open_loans()
                if loans:
                    services.lending.write_off(loans[0].loan_id, "damaged")
        except KioskError:
            pass
    live = _snapshot(services)
    assert live["lending_loans"] and live["lending_stock"]
    rebuild_projections(services.database)
    assert _snapshot(services) == live
    assert integrity_check(services.database) == ["ok"]
