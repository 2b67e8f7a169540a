"""The phone's status page and the kiosks fold a request with one rule: when two exits accept
the same request before syncing and the later accept reaches the hub first, the status page
still shows the accept every kiosk keeps (the earliest), at the time the kiosks show."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import httpx

from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

BEIJING = ZoneInfo("Asia/Shanghai")


def status_page(hub: HubServer, ticket: str) -> str:
    with httpx.Client(base_url=hub.url, timeout=30) as phone:
        page = phone.get(f"/t/{STATION}/{ticket}", params={"lang": "en"})
    assert page.status_code == 200, page.text
    return page.text


def test_status_page_and_kiosks_agree_on_a_contested_accept(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    wang = south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    li = south.services.roster.register("李强", "FZB-0002", "13800000002", "1234")
    south.services.shifts.clock_with_pin("13800000001", "1234")
    south.services.shifts.clock_with_pin("13800000002", "1234")
    view = south.services.requests.order("wheelchair", train="G1234")
    south.engine.sync_once()
    north.engine.sync_once()

    # 王芳 accepts at the north exit one minute in, 李强 at the south exit two minutes in; the
    # south exit syncs first, so the hub receives the later accept first.
    north.clock.advance(timedelta(minutes=1))
    north.services.requests.accept(view.id, wang.id)
    south.clock.advance(timedelta(minutes=2))
    south.services.requests.accept(view.id, li.id)
    for kiosk in (south, north, south):
        kiosk.engine.sync_once()

    at_south = south.services.requests.get(view.id)
    at_north = north.services.requests.get(view.id)
    assert at_south.accepted_at == at_north.accepted_at is not None
    assert at_south.accepted_by == at_north.accepted_by == "王芳"
    kiosks_time = at_south.accepted_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")

    html = status_page(hub, view.ticket)
    assert re.search(r'id="state">[^<]*Accepted</p>', html)
    steps = re.findall(r"<li>([^<]*) · ([^<]*)</li>", html)
    accepted = [when for when, step in steps if step == "Accepted"]
    assert accepted == [kiosks_time]
    assert kiosks_time.endswith("08:31")  # the earlier accept, not the one that arrived first
