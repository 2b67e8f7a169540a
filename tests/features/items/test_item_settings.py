"""Local admin settings of charging slots, lending and medicine items: events applied over the
hub's or bundled definitions in any arrival order, each with its audit event, bad input refused
with nothing written, the station's other kiosks applying item edits (slots stay per kiosk)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Conflict, KioskError, Locked, NotFound, ValidationError
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.items.domain import ItemEdit, Target, fold_settings
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.platform.store.store import rebuild_projections
from kiosk.shell.context import KioskServices
from tests.conftest import START

ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN.value)
LEADER = AdminAccount("tl-v1", "李强", Role.TEAM_LEADER.value)


def count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def last_events(services: KioskServices, n: int) -> list[tuple[str, str | None, dict]]:  # type: ignore[type-arg]
    with services.database.read() as session:
        rows = session.execute(
            select(EventRow.kind, EventRow.actor, EventRow.payload)
            .order_by(EventRow.pos.desc())
            .limit(n)
        ).all()
    return [(k, a, json.loads(p)) for k, a, p in reversed(rows)]


def test_slot_switched_off_is_not_offered_and_refuses_a_phone(services: KioskServices) -> None:
    first = services.slots[0]
    services.item_settings.set_slot(ADMIN, first.id, False)
    assert first.id not in {v.slot.id for v in services.charging.slot_views()}
    with pytest.raises(Conflict) as refused:
        services.charging.start(first.id)
    assert "停用" in refused.value.zh and "switched off" in refused.value.en
    (kind, actor, edit), (audit_kind, _, audit) = last_events(services, 2)
    assert (kind, actor) == ("item.slot_set", "station_admin")
    assert edit["slot_id"] == first.id and edit["enabled"] is False
    assert audit_kind == "admin.audited"
    assert audit["action"] == "slot_set" and audit["before"] == {"enabled": True}
    services.item_settings.set_slot(ADMIN, first.id, True)
    assert services.charging.start(first.id).slot.id == first.id


def test_a_phone_in_a_slot_switched_off_can_still_be_collected(services: KioskServices) -> None:
    slot = services.slots[0]
    started = services.charging.start(slot.id)
    services.item_settings.set_slot(ADMIN, slot.id, False)
    views = {v.slot.id: v for v in services.charging.slot_views()}
    assert views[slot.id].state == "busy"
    assert services.charging.collect_with_code(slot.id, started.code).slot.id == slot.id


def test_add_a_slot_typed_in_latin_letters(services: KioskServices) -> None:
    top = max(s.number for s in services.slots)
    added = services.item_settings.add_slot(ADMIN, "A9", "cable")
    assert (added.number, added.label_en, added.label_zh) == (top + 1, "Cable A9", "A9 号充电线")
    assert services.slots[-1].id == "A9"
    assert services.charging.start("A9").slot.id == "A9"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda s: s.item_settings.add_slot(ADMIN, "a 9", "cable"), ValidationError),
        (lambda s: s.item_settings.add_slot(ADMIN, "", "locker"), ValidationError),
        (lambda s: s.item_settings.add_slot(ADMIN, "A" * 17, "locker"), ValidationError),
        (lambda s: s.item_settings.add_slot(ADMIN, "B1", "shelf"), ValidationError),
        (lambda s: s.item_settings.add_slot(ADMIN, s.slots[0].id, "locker"), Conflict),
        (lambda s: s.item_settings.set_slot(ADMIN, "nowhere", False), NotFound),
        (lambda s: s.item_settings.set_slot(ADMIN, s.slots[0].id, True), ValidationError),
        (lambda s: s.item_settings.set_lending(ADMIN, "umbrella", due_days=0), ValidationError),
        (lambda s: s.item_settings.set_lending(ADMIN, "umbrella", due_days=366), ValidationError),
        (lambda s: s.item_settings.set_lending(ADMIN, "umbrella", due_days=3), ValidationError),
        (lambda s: s.item_settings.set_lending(ADMIN, "kayak", enabled=False), NotFound),
        (lambda s: s.item_settings.set_medicine(ADMIN, "x", min_stock=1), NotFound),
        (
            lambda s: s.item_settings.set_medicine(ADMIN, s.medicine_items[0].id, min_stock=-1),
            ValidationError,
        ),
        (
            lambda s: s.item_settings.set_medicine(ADMIN, s.medicine_items[0].id, min_stock=1001),
            ValidationError,
        ),
        (lambda s: s.item_settings.set_lending(LEADER, "umbrella", enabled=False), Locked),
    ],
)
def test_bad_settings_are_refused_in_both_languages_and_write_nothing(
    services: KioskServices,
    call,
    error: type[KioskError],  # type: ignore[no-untyped-def]
) -> None:
    before = count(services)
    with pytest.raises(error) as refused:
        call(services)
    assert refused.value.zh and refused.value.en
    assert count(services) == before


def test_lending_item_stopped_and_its_loan_period(services: KioskServices) -> None:
    services.lending.add_stock("umbrella", 2, "station_admin")
    loan = services.lending.borrow_with_phone("umbrella", "13800000001", consent=True)
    services.item_settings.set_lending(ADMIN, "umbrella", enabled=False)
    assert "umbrella" not in {i.id for i in services.lending.items()}
    with pytest.raises(Conflict) as refused:
        services.lending.check_available("umbrella")
    assert "暂停借出" in refused.value.zh
    with pytest.raises(Conflict):
        services.lending.borrow_with_phone("umbrella", "13800000002", consent=True)
    assert (
        services.lending.return_by_phone("umbrella", "13800000001").loan.loan_id
        == loan.loan.loan_id
    )
    services.item_settings.set_lending(ADMIN, "umbrella", enabled=True, due_days=7)
    again = services.lending.borrow_with_phone("umbrella", "13800000003", consent=True)
    assert again.loan.due_at - again.loan.borrowed_at == timedelta(days=7)  # type: ignore[operator]
    audit = last_events(services, 4)[1][2]  # edit, audit, then the loan and its use
    assert audit["action"] == "lending_item_set"


def test_medicine_item_taken_off_and_its_threshold(services: KioskServices) -> None:
    item = services.medicine_items[0]
    services.item_settings.set_medicine(ADMIN, item.id, min_stock=item.min_stock + 5)
    low = [a for a in services.medicine.alerts() if a.alert.item_id == item.id]
    assert low and low[0].alert.count == 0 and item.name_en in low[0].en
    services.item_settings.set_medicine(ADMIN, item.id, enabled=False)
    assert item.id not in {i.id for i in services.medicine.items()}
    assert not [a for a in services.medicine.alerts() if a.alert.item_id == item.id]
    _, (_, _, audit) = last_events(services, 2)
    assert audit["before"] == {"enabled": True} and audit["after"] == {"enabled": False}


def _remote(services: KioskServices, kind: str, payload: dict, minutes: int) -> Event:  # type: ignore[type-arg]
    return Event(
        id=new_id(),
        kind=kind,
        station_id=services.settings.station_id,
        kiosk_id="north-exit",
        seq=minutes + 1,
        occurred_at=START + timedelta(minutes=minutes),
        actor="tl-x",
        payload={"edit_id": new_id(), **payload},
    )


def test_the_other_kiosks_item_edits_apply_here_in_any_order_but_not_its_slots(
    services: KioskServices, clock: FixedClock
) -> None:
    clock.advance(timedelta(minutes=30))
    later = _remote(services, "item.lending_set", {"item_id": "book", "due_days": 21}, 20)
    earlier = _remote(services, "item.lending_set", {"item_id": "book", "due_days": 9}, 10)
    slot = _remote(
        services, "item.slot_set", {"slot_id": services.slots[0].id, "enabled": False}, 5
    )
    with services.database.write() as session:
        for event in (later, slot, earlier):  # the later edit arrives first
            assert eventlog.ingest(session, event)
    services.refresh_catalogue()
    book = next(i for i in services.lending_items if i.id == "book")
    assert book.due_days == 21
    assert services.slots[0].enabled  # the north exit's slot "1" is not this kiosk's
    rebuild_projections(services.database)
    services.refresh_catalogue()
    assert next(i for i in services.lending_items if i.id == "book").due_days == 21


def test_a_hub_publication_keeps_the_local_edits(services: KioskServices) -> None:
    services.item_settings.set_lending(ADMIN, "book", due_days=30)
    services.refresh_config()
    assert next(i for i in services.lending_items if i.id == "book").due_days == 30


_edits = st.lists(
    st.builds(
        ItemEdit,
        target=st.just(Target.LENDING),
        item_id=st.sampled_from(["book", "umbrella"]),
        occurred_at=st.integers(0, 50).map(lambda m: START + timedelta(minutes=m)),
        kiosk_id=st.sampled_from(["A", "B"]),
        seq=st.integers(1, 9),
        values=st.fixed_dictionaries(
            {"enabled": st.none() | st.booleans(), "due_days": st.none() | st.integers(1, 30)}
        ),
        reset=st.booleans(),
    ),
    max_size=12,
    unique_by=lambda e: (e.kiosk_id, e.seq),  # a kiosk's seq numbers its events once
)


@given(_edits, st.randoms())
def test_the_fold_does_not_depend_on_arrival_order(edits: list[ItemEdit], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(edits)
    rnd.shuffle(shuffled)
    assert fold_settings(edits, Target.LENDING) == fold_settings(shuffled, Target.LENDING)
