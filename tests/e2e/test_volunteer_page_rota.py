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

from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.rota.service import RotaService, ShiftForm
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"
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
    assert "换班" in phone.locator("main").inner_text()  # how to swap: at the kiosk
