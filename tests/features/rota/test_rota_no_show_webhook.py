"""A no-show is one fact at the station: both exits' kiosks notice 李强 missing 15 minutes after
his shift's start while they cannot reach each other, each writes `rota.no_show`, and after
syncing through a real hub there is one such event at the hub and at each kiosk (the same id),
and the station's webhook, a real HTTP receiver on loopback, is called exactly once."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import closing
from datetime import timedelta

from sqlalchemy import func, select

from kiosk.core.clock import SystemClock
from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.rota.service import RotaService, ShiftForm
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.web_accounts import AccountService
from kiosk.platform.store.models import EventRow
from tests.features.volunteers.test_badges_across_kiosks import sync
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk
from tests.platform.sync.test_webhooks import PASSWORD, Receiver, _add, _signed_in, _wait_for

ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)


def _hub_no_shows(hub: HubServer) -> int:
    database = Database(make_engine(hub.settings.database_url, 1))
    try:
        with database.read() as session:
            found = session.scalar(
                select(func.count()).select_from(HubEvent).where(HubEvent.kind == "rota.no_show")
            )
            return int(found or 0)
    finally:
        database.dispose()


def _kiosk_no_shows(kiosk: SyncedKiosk) -> list[str]:
    with kiosk.services.database.read() as session:
        return list(
            session.scalars(select(EventRow.id).where(EventRow.kind == "rota.no_show")).all()
        )


def test_two_kiosks_notice_one_no_show_and_the_webhook_hears_it_once(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, receiver: Receiver
) -> None:
    database = Database(make_engine(hub.settings.database_url, 1))
    AccountService(database, SystemClock(), 3600).create("west", PASSWORD, "station", [STATION])
    database.dispose()
    with closing(_signed_in(hub)) as centre:
        assert _add(centre, "json", f"{receiver.url}/leaders").status_code == 200

    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    south.services.roster.register("李强", "FZB-0002", "13800000002", "2468")
    day = south.services.get(RotaService).now().date().isoformat()  # 08:30 in Shanghai
    south.services.get(RotaService).add_shift(ADMIN, ShiftForm("FZB-0002", day, "09:00", "13:00"))
    sync(south, north)

    for kiosk in (south, north):  # 09:16 at both exits, neither has synced since
        kiosk.clock.advance(timedelta(minutes=46))
        assert kiosk.services.get(RotaService).record_no_shows() == 1
    sync(south, north, south)

    _wait_for(lambda: len(receiver.calls("/leaders")) >= 1)
    time.sleep(0.5)  # a second call would come now
    [(_, body)] = receiver.calls("/leaders")
    assert body["kind"] == "rota.no_show" and body["title_zh"] == "排班缺岗"
    assert "FZB-0002" in body["text_zh"] and "09:00–13:00" in body["text_zh"]
    assert "李强" not in json.dumps(body, ensure_ascii=False)  # a number, never a name
    assert _hub_no_shows(hub) == 1
    south_ids, north_ids = _kiosk_no_shows(south), _kiosk_no_shows(north)
    assert south_ids == north_ids == [body["event_id"]]
    for kiosk in (south, north):  # nothing more to write, and both boards agree
        assert kiosk.services.get(RotaService).record_no_shows() == 0
        assert [line.state for line in kiosk.services.get(RotaService).board()] == ["no_show"]
