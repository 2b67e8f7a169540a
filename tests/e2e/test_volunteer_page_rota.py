"""A volunteer's rota shifts ahead on her own page, in a real browser against a real hub fed by a
real kiosk: 王芳 has two shifts in the coming days; she offered the second and 黄建国 took it
(awaiting approval); she took 李强's; the page lists each with its swap's state, and once the
team leader approves at the kiosk and it syncs, 李强's shift is simply hers. The kiosk runs at
the real time: the hub's page looks ahead from its own clock."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.rota.service import RotaService, ShiftForm
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.models import HubEvent
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"


def hub_swaps(hub: HubServer) -> int:
    """Swap events the hub holds (the phone's writes among them)."""
    database = Database(make_engine(hub.settings.database_url, 1))
    try:
        with database.read() as session:
            found = session.scalar(
                select(func.count())
                .select_from(HubEvent)
                .where(HubEvent.kind.startswith("rota.swap_"))
            )
            return int(found or 0)
    finally:
        database.dispose()


ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)
LEADER = AdminAccount("leader", "陈静", Role.TEAM_LEADER)
TZ = ZoneInfo("Asia/Shanghai")


def test_her_rota_shifts_and_swaps_on_her_page(
    phone: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    kiosk = make_kiosk("south", start=start)
    services = kiosk.services
    wang = services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    li = services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    huang = services.roster.register("黄建国", "FZB-0006", "13800000006", PIN)
    rota = services.get(RotaService)
    today = start.astimezone(TZ).date()
    days = [today + timedelta(days=n) for n in (1, 2, 3)]
    rota.add_shift(ADMIN, ShiftForm("FZB-0001", days[0].isoformat(), "09:00", "12:00"))
    rota.add_shift(ADMIN, ShiftForm("FZB-0001", days[1].isoformat(), "14:00", "18:00"))
    rota.add_shift(ADMIN, ShiftForm("FZB-0002", days[2].isoformat(), "09:00", "12:00"))
    second = rota.upcoming(wang.id)[1]
    offered = rota.offer(wang.id, second.rota_id, second.starts_at)
    rota.take(huang.id, offered.id)
    his = rota.upcoming(li.id)[0]
    took = rota.take(wang.id, rota.offer(li.id, his.rota_id, his.starts_at).id)
    assert kiosk.engine.sync_once().last_error is None

    phone.goto(f"{hub.url}/v/{STATION}")
    phone.locator("#number").fill("FZB-0001")
    phone.locator("#pin").fill(PIN)
    phone.locator("#open").click()
    phone.wait_for_url(re.compile(r".*/v/.*/me.*"))
    lines = phone.locator("#rota li").all_inner_texts()
    assert len(lines) == 3, lines
    first, mine, theirs = lines
    assert first.startswith(f"{days[0]:%m-%d}") and "09:00–12:00" in first and "·" not in first
    assert f"{days[1]:%m-%d}" in mine and "14:00–18:00" in mine
    assert "黄建国 已接班，待班长批准" in mine
    assert f"{days[2]:%m-%d}" in theirs and "接 李强 的班，待班长批准" in theirs
    phone.screenshot(path=str(tmp_path / "volunteer-page-rota.png"), full_page=True)

    rota.approve(LEADER, took.id)  # the team leader approves at the kiosk
    assert kiosk.engine.sync_once().last_error is None
    phone.reload()
    lines = phone.locator("#rota li").all_inner_texts()
    assert len(lines) == 3 and "·" not in lines[2] and "09:00–12:00" in lines[2]
    assert "班长" in phone.locator("main").inner_text()  # a swap counts once approved

    # Swaps on the phone: she takes 李强's offered shift; a stale offer (黄建国's, taken at the
    # kiosk meanwhile) is refused with the reason and nothing written; she offers her first shift.
    rota.add_shift(
        ADMIN, ShiftForm("FZB-0002", (today + timedelta(days=4)).isoformat(), "09:00", "12:00")
    )
    rota.add_shift(
        ADMIN, ShiftForm("FZB-0006", (today + timedelta(days=5)).isoformat(), "09:00", "12:00")
    )
    li_shift = rota.upcoming(li.id)[0]
    li_offer = rota.offer(li.id, li_shift.rota_id, li_shift.starts_at)
    huang_shift = rota.upcoming(huang.id)[0]
    huang_offer = rota.offer(huang.id, huang_shift.rota_id, huang_shift.starts_at)
    assert kiosk.engine.sync_once().last_error is None
    phone.reload()
    offers = phone.locator("#offers li").all_inner_texts()
    assert len(offers) == 2 and "李强 让出" in offers[0] and "黄建国 让出" in offers[1]
    phone.locator("#take-0").click()
    assert "已接班，等待班长批准" in phone.locator("#notice").inner_text()
    assert "接 李强 的班" in phone.locator("#rota").inner_text()
    rota.take(li.id, huang_offer.id)  # 李强 takes 黄建国's at the kiosk while her page is open
    assert kiosk.engine.sync_once().last_error is None
    before = hub_swaps(hub)
    phone.locator("#take-0").click()  # the stale offer
    assert "已被其他志愿者接下" in phone.locator("#error").inner_text()
    assert hub_swaps(hub) == before  # nothing written
    phone.locator("#offer-0").click()  # her first shift
    phone.screenshot(path=str(tmp_path / "volunteer-page-swaps.png"), full_page=True)
    assert "已让出" in phone.locator("#notice").inner_text()
    assert "已让出，等待其他志愿者接班" in phone.locator("#rota li").first.inner_text()
    assert phone.locator("#withdraw-0").is_visible()

    assert kiosk.engine.sync_once().last_error is None  # the kiosk learns both
    taken = {s.id: s for s in rota.awaiting_approval()}
    assert taken[li_offer.id].taken_by == "王芳"
    [hers] = rota.open_offers(huang.id)
    assert hers.offered_by == "王芳" and hers.starts_at.date() == days[0]
