"""Medicine box, daily check, emergencies and incidents through the service layer."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Conflict, KioskError, ValidationError
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.incidents.service import IncidentForm
from kiosk.features.medicine.domain import AlertKind
from kiosk.features.medicine.store import MedicineLotRow
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import ConfigItemRow, EventRow
from kiosk.platform.store.store import integrity_check, rebuild_projections
from kiosk.shell.context import KioskServices
from tests.platform.store.test_eventlog import _snapshot

PHONE = "13800000009"


def event_count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


@pytest.fixture
def on_duty(services: KioskServices) -> Actor:
    """One volunteer checked in by phone + PIN, identified as the medicine box expects."""
    services.roster.register("测试员", "T-1", PHONE, "2468")
    services.shifts.clock_with_pin(PHONE, "2468")
    return services.duty.by_phone_pin(PHONE, "2468")


def restock(services: KioskServices, actor: Actor, batch: str, days: int, qty: int) -> None:
    expiry = services.medicine.today() + timedelta(days=days)
    services.medicine.restock(actor, "plaster", batch, expiry, qty)


def test_dispense_takes_the_earliest_expiring_batch(
    services: KioskServices, on_duty: Actor
) -> None:
    restock(services, on_duty, "LATE", 300, 10)
    restock(services, on_duty, "EARLY", 40, 2)
    assert services.medicine.offered("plaster").batch == "EARLY"  # type: ignore[union-attr]
    done = services.medicine.dispense(on_duty, "plaster", 2, "cut_graze", "traveller")
    assert done.lot.batch == "EARLY" and done.left == 10
    assert services.medicine.offered("plaster").batch == "LATE"  # type: ignore[union-attr]
    assert services.uses.served_today() == 1  # counted as a use of the medicine box
    line = next(s for s in services.medicine.stock() if s.item.id == "plaster")
    assert line.usable == 10 and [lot.batch for lot in line.lots] == ["LATE"]


def test_bad_dispenses_write_nothing(
    services: KioskServices, on_duty: Actor, clock: FixedClock
) -> None:
    restock(services, on_duty, "OLD", 1, 5)
    restock(services, on_duty, "NEW", 200, 3)
    clock.advance(timedelta(days=3))  # OLD has now expired
    before = event_count(services)
    with pytest.raises(ValidationError) as caught:
        services.medicine.dispense(on_duty, "plaster", 4, "cut_graze", None)
    assert "库存不足" in caught.value.zh and "Not enough" in caught.value.en
    with pytest.raises(ValidationError) as caught:
        services.medicine.dispense(on_duty, "plaster", 1, "cut_graze", None, batch="OLD")
    assert "已过期" in caught.value.zh and "expired" in caught.value.en
    with pytest.raises(ValidationError):
        services.medicine.dispense(on_duty, "plaster", 1, "incident", None)
    with pytest.raises(KioskError):
        services.medicine.dispense(on_duty, "no_such_item", 1, "cut_graze", None)
    assert event_count(services) == before


def test_a_volunteer_not_on_duty_is_refused(services: KioskServices) -> None:
    services.roster.register("未签到", "T-2", PHONE, "2468")
    before = event_count(services)
    with pytest.raises(ValidationError) as caught:
        services.duty.by_phone_pin(PHONE, "2468")
    assert "未签到" in caught.value.zh and "not checked in" in caught.value.en
    assert event_count(services) == before


def test_restock_rules(services: KioskServices, on_duty: Actor) -> None:
    restock(services, on_duty, "A1", 100, 5)
    before = event_count(services)
    with pytest.raises(Conflict):  # same batch, another expiry
        restock(services, on_duty, "A1", 120, 5)
    with pytest.raises(ValidationError):  # already expired
        restock(services, on_duty, "A2", -1, 5)
    with pytest.raises(ValidationError):
        restock(services, on_duty, "A3", 100, 0)
    assert event_count(services) == before
    restock(services, on_duty, "A1", 100, 5)
    with services.database.read() as session:
        row = session.get(MedicineLotRow, "plaster:A1")
        assert row is not None and row.quantity == 10 and row.restocked == 10


def test_daily_check_and_alerts(services: KioskServices, on_duty: Actor, clock: FixedClock) -> None:
    kinds = {a.alert.kind for a in services.medicine.alerts()}
    assert AlertKind.CHECK_MISSED not in kinds  # 08:30: not due before 10:00
    assert AlertKind.LOW_STOCK in kinds  # an empty box is low on everything
    clock.advance(timedelta(hours=2))
    kinds = {a.alert.kind for a in services.medicine.alerts()}
    assert AlertKind.CHECK_MISSED in kinds
    today = services.medicine.today()
    with pytest.raises(ValidationError):
        services.medicine.record_check(on_duty, False, "green", today, today)
    services.medicine.record_check(
        on_duty, True, "green", today + timedelta(days=10), date(2030, 1, 1)
    )
    alerts = services.medicine.alerts()
    kinds = {a.alert.kind for a in alerts}
    assert AlertKind.CHECK_MISSED not in kinds and AlertKind.AED_PADS in kinds
    pads = next(a for a in alerts if a.alert.kind is AlertKind.AED_PADS)
    assert "电极片" in pads.zh and "pads" in pads.en


def test_an_emergency_from_another_kiosk_shows_until_acknowledged(
    services: KioskServices, on_duty: Actor
) -> None:
    raised = Event(
        id=new_id(),
        kind="emergency.raised",
        station_id=services.settings.station_id,
        kiosk_id="north-exit",
        seq=1,
        occurred_at=services.clock.now(),
        actor=None,
        payload={"emergency_id": "em-1", "place_zh": "北出口", "place_en": "North exit"},
    )
    with services.database.write() as session:
        assert eventlog.ingest(session, raised)
    [alert] = services.emergency.open_alerts()
    assert alert.place("zh") == "北出口" and not alert.here
    services.emergency.acknowledge("em-1", on_duty)
    assert services.emergency.open_alerts() == []
    before = event_count(services)
    with pytest.raises(Conflict):
        services.emergency.acknowledge("em-1", services.duty.admin())
    assert event_count(services) == before


def test_pressing_twice_raises_one_emergency(services: KioskServices) -> None:
    first = services.emergency.raise_alert("大厅", "Hall")
    second = services.emergency.raise_alert("大厅", "Hall")
    assert first.id == second.id and first.here


def test_incident_deducts_stock_and_is_amended_then_voided(
    services: KioskServices, on_duty: Actor
) -> None:
    restock(services, on_duty, "P1", 100, 10)
    form = IncidentForm(
        happened_at=services.clock.now(),
        place="platform",
        what="fall",
        first_aid=["wound_care"],
        aed_used=False,
        called_120=False,
        outcome="recovered",
        attended=[on_duty.actor],
        items={"plaster": 3},
    )
    before = event_count(services)
    with pytest.raises(ValidationError):  # more than in stock: nothing written
        services.incidents.record(
            on_duty, IncidentForm(**{**form.__dict__, "items": {"plaster": 11}})
        )
    with pytest.raises(ValidationError):
        services.incidents.record(on_duty, IncidentForm(**{**form.__dict__, "place": "moon"}))
    assert event_count(services) == before
    incident_id = services.incidents.record(on_duty, form)
    assert services.medicine.offered("plaster").quantity == 7  # type: ignore[union-attr]
    view = services.incidents.amend(on_duty, incident_id, outcome="hospital", called_120=True)
    assert view.outcome == "hospital" and view.called_120 and view.amendments == 1
    with pytest.raises(ValidationError):
        services.incidents.amend(on_duty, incident_id, outcome="hospital")  # nothing changes
    services.incidents.void(on_duty, incident_id, "duplicate")
    assert services.incidents.get(incident_id).voided
    with pytest.raises(Conflict):
        services.incidents.amend(on_duty, incident_id, outcome="recovered")


@pytest.mark.parametrize("seed", range(2))
def test_rebuilt_projections_equal_live_ones_with_the_medicine_box(
    services: KioskServices, on_duty: Actor, clock: FixedClock, seed: int
) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        clock.advance(timedelta(hours=rng.choice([0, 1, 30])))
        op = rng.random()
        try:
            if op < 0.3:
                restock(services, on_duty, rng.choice(["A", "B", "C"]), rng.choice([5, 50]), 4)
            elif op < 0.6:
                services.medicine.dispense(on_duty, "plaster", rng.randrange(1, 4), "other", None)
            elif op < 0.7:
                today = services.medicine.today()
                services.medicine.record_check(on_duty, True, "green", today, today)
            elif op < 0.85:
                alert = services.emergency.raise_alert("大厅", "Hall")
                if rng.random() < 0.5:
                    services.emergency.acknowledge(alert.id, on_duty)
            else:
                services.incidents.record(
                    on_duty,
                    IncidentForm(
                        clock.now(),
                        "square",
                        "heat",
                        ["cooling"],
                        False,
                        True,
                        "hospital",
                        [on_duty.actor],
                        "",
                        {"plaster": 1},
                    ),
                )
        except KioskError:
            pass
    live = _snapshot(services)
    assert live["medicine_lots"]
    rebuild_projections(services.database)
    assert _snapshot(services) == live
    assert integrity_check(services.database) == ["ok"]


def test_items_published_by_the_hub_replace_the_bundled_list(
    services: KioskServices, on_duty: Actor
) -> None:
    body = {
        "items": [
            {
                "id": "bandage",
                "name_zh": "绷带",
                "name_en": "Bandage",
                "unit_zh": "卷",
                "unit_en": "rolls",
                "min_stock": 2,
            },
            {"id": "BAD ID", "name_zh": "坏", "name_en": "Bad", "unit_zh": "个", "unit_en": "x"},
        ]
    }
    with services.database.write() as session:
        session.add(
            ConfigItemRow(
                kind="medicine_items",
                scope="*",
                version=1,
                published_at=services.clock.now(),
                body=json.dumps(body),
            )
        )
    services.refresh_config()
    assert [i.id for i in services.medicine.items()] == ["bandage"]
    restock_item = services.medicine.today() + timedelta(days=90)
    services.medicine.restock(on_duty, "bandage", "R1", restock_item, 3)
    with pytest.raises(KioskError):  # a bundled item that the hub's list dropped
        services.medicine.restock(on_duty, "plaster", "R1", restock_item, 3)
    with services.database.write() as session:
        session.execute(delete(ConfigItemRow))
    services.refresh_config()
    assert "plaster" in {i.id for i in services.medicine.items()}


def test_expired_stock_is_taken_out(
    services: KioskServices, on_duty: Actor, clock: FixedClock
) -> None:
    restock(services, on_duty, "OLD", 1, 5)
    clock.advance(timedelta(days=2))
    assert AlertKind.EXPIRED in {a.alert.kind for a in services.medicine.alerts()}
    with pytest.raises(ValidationError):
        services.medicine.discard(on_duty, "plaster:OLD", 6, "expired")
    left = services.medicine.discard(on_duty, "plaster:OLD", 5, "expired")
    assert left.quantity == 0
    assert AlertKind.EXPIRED not in {a.alert.kind for a in services.medicine.alerts()}
