"""Charging sessions fold from their events: rebuilt equals live; the other exit's events land."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from kiosk.core.clock import FixedClock
from kiosk.core.errors import KioskError
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.charging.store import ChargingSessionRow
from kiosk.platform.store import eventlog
from kiosk.platform.store.store import integrity_check, rebuild_projections
from kiosk.shell.context import KioskServices
from tests.platform.store.test_eventlog import _snapshot


@pytest.mark.parametrize("seed", range(2))
def test_rebuilt_projections_equal_live_ones_with_charging(
    services: KioskServices, clock: FixedClock, seed: int
) -> None:
    rng = random.Random(seed)
    services.admin.set_first_pin("246810", "246810")
    codes: dict[str, str] = {}
    for _ in range(40):
        clock.advance(timedelta(minutes=rng.choice([0, 2, 30, 300])))
        slot = str(rng.randrange(1, 9))
        op = rng.random()
        try:
            if op < 0.35:
                codes[slot] = services.charging.start(slot).code
            elif op < 0.6:
                code = codes.get(slot, "000000")
                guess = code if rng.random() < 0.4 else f"{rng.randrange(10**6):06d}"
                services.charging.collect_with_code(slot, guess)
            elif op < 0.7:
                services.charging.unlock(slot, "246810")
            elif op < 0.8:
                sessions = services.charging.open_sessions()
                if sessions:
                    services.charging.close(sessions[0].session_id, "other", "station_admin")
            else:
                services.uses.record("water", "rider", 2)
        except KioskError:
            pass
    live = _snapshot(services)
    assert live["charging_sessions"]
    rebuild_projections(services.database)
    assert _snapshot(services) == live
    assert integrity_check(services.database) == ["ok"]


def test_a_collection_at_the_other_kiosk_closes_the_session_here(
    services: KioskServices,
) -> None:
    started = services.charging.start("6")
    remote = Event(
        id=new_id(),
        kind="charging.collected",
        station_id=services.settings.station_id,
        kiosk_id="north-exit",
        seq=1,
        occurred_at=services.clock.now(),
        actor="v-1",
        payload={
            "session_id": started.session_id,
            "slot": "6",
            "by": "volunteer",
            "reason": "other",
        },
    )
    with services.database.write() as session:
        assert eventlog.ingest(session, remote)
    with services.database.read() as session:
        row = session.get(ChargingSessionRow, started.session_id)
        assert row is not None and row.status == "closed" and row.closed_actor == "v-1"
    assert {v.slot.id: v.state for v in services.charging.slot_views()}["6"] == "free"
