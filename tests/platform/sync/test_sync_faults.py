"""Two kiosks of one station writing while the network between them and the hub misbehaves
(dropped requests, lost replies after the hub committed, duplicates, resets mid-body, delays,
hub restarts). Afterwards the hub must hold exactly what the kiosks wrote, and both converge."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from kiosk.features.shifts.store import ShiftRow
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.platform.sync.client import HubError
from tests.platform.sync.conftest import HubServer, SyncedKiosk, paused
from tests.platform.sync.faultproxy import FaultProxy
from tests.platform.sync.test_sync_e2e import hub_event_ids

ROUNDS = 200


def _no_keepalive() -> httpx.HTTPTransport:
    return httpx.HTTPTransport(limits=httpx.Limits(max_keepalive_connections=0))


def _all_events(kiosk: SyncedKiosk) -> set[str]:
    with kiosk.services.database.read() as session:
        return set(session.scalars(select(EventRow.id)))


def _own_events(kiosk: SyncedKiosk) -> set[str]:
    with kiosk.services.database.read() as session:
        me = eventlog.meta(session).kiosk_id
        return set(session.scalars(select(EventRow.id).where(EventRow.kiosk_id == me)))


def _projections(kiosk: SyncedKiosk) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with kiosk.services.database.read() as session:
        shifts = sorted(tuple(r) for r in session.execute(select(ShiftRow.__table__)))
        people = sorted(tuple(r) for r in session.execute(select(VolunteerRow.__table__)))
    return shifts, people


@pytest.mark.slow
@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_two_kiosks_converge_through_faults(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    proxy = FaultProxy(upstream_port=hub.port, seed=20261122, rate=0.35)
    proxy.start()
    try:
        kiosks = [make_kiosk(name, transport=_no_keepalive()) for name in ("south", "north")]
        for kiosk in kiosks:  # route every sync call through the proxy
            kiosk.client._http.base_url = httpx.URL(f"http://127.0.0.1:{proxy.port}")
        tokens = []
        for k, kiosk in enumerate(kiosks):
            people = [
                kiosk.services.roster.register(
                    f"志愿者{k}{i}", f"N-{k}{i}", f"1390000{k}{i:03d}", "1234"
                )
                for i in range(3)
            ]
            tokens.append(
                [kiosk.services.badges.issue(p.id, kiosk.clock.now().date()) for p in people]
            )
        rng = random.Random(7)
        failures = 0
        for round_no in range(ROUNDS):
            for k, kiosk in enumerate(kiosks):
                kiosk.clock.advance(timedelta(minutes=rng.choice([1, 7, 40])))
                for _ in range(rng.randint(0, 3)):
                    kiosk.services.shifts.scan_badge(rng.choice(tokens[k]))
                try:
                    kiosk.engine.sync_once()
                except HubError:
                    failures += 1
            if round_no % 40 == 39:
                with paused(hub):  # a hub restart while kiosks keep writing
                    for k, kiosk in enumerate(kiosks):
                        kiosk.services.shifts.scan_badge(rng.choice(tokens[k]))
                        with pytest.raises(HubError):
                            kiosk.engine.sync_once()
        assert failures > ROUNDS // 4, "the faults did not bite"
        assert set(proxy.counts) >= {
            "none",
            "drop_request",
            "drop_response",
            "duplicate",
            "reset_mid_body",
            "delay",
        }

        proxy.rate = 0.0  # the network heals: two clean rounds drain everything
        for _ in range(2):
            for kiosk in kiosks:
                kiosk.engine.sync_once()
    finally:
        proxy.stop()

    written = _own_events(kiosks[0]) | _own_events(kiosks[1])
    on_hub = hub_event_ids(hub)
    assert len(on_hub) == len(set(on_hub)), "duplicates on the hub"
    assert set(on_hub) == written, "the hub lost or invented events"
    assert _all_events(kiosks[0]) == _all_events(kiosks[1]) == written
    assert _projections(kiosks[0]) == _projections(kiosks[1])
    for kiosk in kiosks:
        status = kiosk.engine.status()
        assert status.pending == 0 and status.rejects == 0 and status.last_error is None
