"""The event log: validation, events from another kiosk, and rebuilding projections."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import KioskError, ValidationError
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.shifts.domain import Method
from kiosk.features.shifts.store import ShiftRow
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.platform.store.projections import projection_tables
from kiosk.platform.store.store import integrity_check, rebuild_projections
from kiosk.shell.context import KioskServices


def test_invalid_payload_is_refused_and_nothing_written(services: KioskServices) -> None:
    with pytest.raises(ValidationError), services.database.write() as session:
        eventlog.append(
            session,
            "shift.checked_in",
            {"shift_id": "x", "volunteer_id": "y", "method": "telepathy"},
            occurred_at=services.clock.now(),
        )
    with pytest.raises(ValidationError), services.database.write() as session:
        eventlog.append(session, "no.such_kind", {}, occurred_at=services.clock.now())
    with services.database.read() as session:
        assert session.scalar(select(func.count()).select_from(EventRow)) == 0


def _remote(kind: str, payload: dict[str, Any], services: KioskServices, seq: int) -> Event:
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


def test_check_out_at_another_kiosk_folds_into_the_shift(
    services: KioskServices, clock: FixedClock
) -> None:
    volunteer = services.roster.register("李强", "FZB-0002", "13800000002", "1234")
    shift = services.shifts.scan_badge(services.badges.issue(volunteer.id, clock.now().date()))
    clock.advance(timedelta(hours=2))
    checkout = _remote(
        "shift.checked_out",
        {"shift_id": shift.shift_id, "volunteer_id": volunteer.id, "method": "badge"},
        services,
        seq=1,
    )
    with services.database.write() as session:
        assert eventlog.ingest(session, checkout)
        assert not eventlog.ingest(session, checkout)  # a re-pulled page changes nothing
    with services.database.read() as session:
        row = session.get(ShiftRow, shift.shift_id)
        assert row is not None and row.status == "closed" and row.minutes == 120
        assert row.checkout_kiosk_id == "north-exit"
    assert services.shifts.on_duty() == []


def test_two_kiosks_closing_one_shift_keep_the_first_and_flag(
    services: KioskServices, clock: FixedClock
) -> None:
    volunteer = services.roster.register("陈静", "FZB-0003", "13800000003", "1234")
    shift = services.shifts.scan_badge(services.badges.issue(volunteer.id, clock.now().date()))
    clock.advance(timedelta(hours=1))
    services.shifts.check_out_now(shift.shift_id, Method.BADGE)
    late = _remote(
        "shift.checked_out",
        {"shift_id": shift.shift_id, "volunteer_id": volunteer.id, "method": "pin"},
        services,
        seq=7,
    )
    with services.database.write() as session:
        eventlog.ingest(session, late)
    with services.database.read() as session:
        row = session.get(ShiftRow, shift.shift_id)
        assert row is not None and row.flagged and row.checkout_method == "badge"


def _snapshot(services: KioskServices) -> dict[str, list[tuple[Any, ...]]]:
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with services.database.read() as session:
        for model in projection_tables():
            columns = [c for c in model.__table__.columns]
            rows = session.execute(select(*columns)).all()
            tables[model.__tablename__] = sorted(tuple(map(repr, r)) for r in rows)
    return tables


@pytest.mark.parametrize("seed", range(5))
def test_rebuilt_projections_equal_live_ones(
    services: KioskServices, clock: FixedClock, seed: int
) -> None:
    """A random sequence of operations, then `rebuild-projections`: every table is identical."""
    rng = random.Random(seed)
    people = [
        services.roster.register(f"志愿者{i}", f"N-{i}", f"1380000{i:04d}", "1234")
        for i in range(6)
    ]
    tokens = [services.badges.issue(p.id, clock.now().date()) for p in people]
    for _ in range(120):
        clock.advance(timedelta(minutes=rng.choice([0, 1, 3, 7, 45, 200, 800])))
        op = rng.random()
        who = rng.randrange(len(people))
        try:
            if op < 0.55:
                result = services.shifts.scan_badge(tokens[who])
                if result.shift_id and rng.random() < 0.5:
                    services.shifts.cancel_check_in(result.shift_id)
            elif op < 0.8:
                services.shifts.clock_with_pin(f"1380000{who:04d}", rng.choice(["1234", "9999"]))
            elif op < 0.9:
                services.shifts.sweep()
            elif op < 0.95:
                services.roster.deactivate(people[who].id)
            else:
                services.roster.register(f"新人{rng.randrange(99)}", "N-x", "13911112222", "4321")
        except KioskError:
            pass
    live = _snapshot(services)
    assert sum(len(rows) for rows in live.values()) > 6
    rebuild_projections(services.database)
    assert _snapshot(services) == live
    assert integrity_check(services.database) == ["ok"]


def test_event_of_an_unknown_kind_from_a_newer_kiosk_is_kept_and_never_blocks(
    services: KioskServices, clock: FixedClock
) -> None:
    """After a hub upgrade, the other exit may send kinds this kiosk does not know yet."""
    volunteer = services.roster.register("张晓燕", "FZB-0005", "13800000005", "1234")
    future = _remote("lending.borrowed", {"item": 3}, services, seq=1)
    drifted = _remote("shift.checked_in", {"shift_id": "s-1", "volunteer_id": "v"}, services, seq=2)
    with services.database.write() as session:
        assert eventlog.ingest(session, future)
        assert eventlog.ingest(session, drifted)  # schema drift: stored, not folded
        assert not eventlog.ingest(session, future)
    with services.database.read() as session:
        kinds = set(session.scalars(select(EventRow.kind)))
        assert {"lending.borrowed", "shift.checked_in"} <= kinds
        assert session.get(ShiftRow, "s-1") is None
    assert rebuild_projections(services.database) >= 1
    assert [v.name for v in services.roster.all()] == [volunteer.name]
