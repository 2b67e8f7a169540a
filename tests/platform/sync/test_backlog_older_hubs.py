"""A kiosk with a backlog and a hub that takes 500 events a push (it lists no "push_events:N"):
a hub set so (HUB_PUSH_MAX_EVENTS=500) and a genuine older hub both get batches of 500, every
event once (docs/hub.md "A backlog in larger pushes")."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.platform.sync.protocol import MAX_PUSH_EVENTS
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk
from tests.platform.sync.test_backlog_pushes import Recording, backlog_kiosk
from tests.platform.sync.test_pending_report import old_hub, write_uses  # noqa: F401
from tests.platform.sync.test_sync_e2e import hub_event_ids, local_event_ids

HUB_EXTRA = {"push_max_events": MAX_PUSH_EVENTS}  # this module's `hub`


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_a_hub_that_takes_500_gets_500_a_push(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    kiosk, link = backlog_kiosk(make_kiosk)
    write_uses(kiosk, 2200)
    kiosk.engine.sync_once()
    assert link.pushes == [(500, 200)] * 4 + [(200, 200)]
    assert hub_event_ids(hub) == local_event_ids(kiosk)
    assert kiosk.engine.push_size.hub_max == MAX_PUSH_EVENTS


def test_an_older_hub_gets_500_a_push(tmp_path: Path, old_hub: HubServer) -> None:  # noqa: F811
    from kiosk.core.clock import FixedClock
    from kiosk.platform.sync.client import HubClient
    from kiosk.platform.sync.credentials import read_token
    from kiosk.platform.sync.engine import PushSize, SyncEngine, enroll
    from kiosk.settings import Settings
    from kiosk.shell.context import build_services

    data_dir = tmp_path / "kiosk"
    clock = FixedClock(datetime(2026, 11, 2, 0, 30, tzinfo=UTC))
    services = build_services(Settings(data_dir=data_dir, station_id=STATION), clock)
    link = Recording()
    try:
        with HubClient(old_hub.url) as enrol_client:
            enroll(
                services.database, data_dir, enrol_client, old_hub.url, old_hub.code(), clock.now()
            )
        with HubClient(old_hub.url, read_token(data_dir), transport=link) as client:
            engine = SyncEngine(services.database, client, clock, push_size=PushSize(3600.0))
            kiosk = SyncedKiosk(services, clock, engine, client)
            write_uses(kiosk, 1700)
            assert engine.sync_once().pending == 0
        assert link.pushes == [(500, 200)] * 3 + [(200, 200)]
        status = old_hub.admin("GET", "/v1/admin/kiosks").json()
        assert [k["acked_seq"] for k in status] == [1700]
    finally:
        services.close()
