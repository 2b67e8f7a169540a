"""The rota at the centre, in a real browser (Playwright driving Debian's chromium): the centre
adds a shift for a station on its 排班 page (bad input refused with the reason, nothing written),
the station's kiosk gets it on its next pull and shows it on its board, and a pattern made at
the kiosk shows on the centre's page after the kiosk's sync."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.rota.service import PatternForm, RotaService
from tests.e2e.conftest import PASSWORD, create_account
from tests.e2e.test_activities_hub import hub_events
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"
TZ = ZoneInfo("Asia/Shanghai")
ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)


def test_a_shift_added_at_the_centre_reaches_the_kiosk(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    now = datetime.now(UTC)  # the hub's pages read the real clock
    kiosk = make_kiosk("south", start=now)
    services = kiosk.services
    services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    tomorrow = (now.astimezone(TZ) + timedelta(days=1)).date()
    services.get(RotaService).add_pattern(
        ADMIN, PatternForm("FZB-0002", "1", "08:00", "10:00", tomorrow.isoformat())
    )
    assert kiosk.engine.sync_once().last_error is None
    create_account(hub, "boss", "centre", [])

    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    desk.get_by_role("link", name="排班").click()
    desk.wait_for_url(re.compile(r".*/centre/rota$"))
    cells = desk.locator(f'tr.rota-line[data-station="{STATION}"]').locator("td")
    assert "李强 (FZB-0002)" in cells.all_inner_texts()  # the kiosk's pattern
    assert "每周一 08:00–10:00" in desk.locator("#report").inner_text()

    desk.locator("#r-station").select_option(STATION)
    desk.locator("#r-kind").select_option("once")
    desk.locator("#r-number").fill("FZB-0009")  # nobody has FZB-0009
    desk.locator("#r-day").fill(tomorrow.isoformat())
    desk.locator("#r-starts").fill("14:00")
    desk.locator("#r-ends").fill("18:00")
    desk.locator("#r-add").click()
    assert "没有这个志愿者编号：FZB-0009" in desk.locator("#error").inner_text()
    assert desk.locator("#r-number").input_value() == "FZB-0009"  # what was typed is kept
    assert hub_events(hub, "rota.shift_set") == 0  # nothing written
    desk.locator("#r-number").fill("FZB-0001")
    desk.locator("#r-ends").fill("13:00")  # before the start
    desk.locator("#r-add").click()
    assert "结束时间须晚于开始时间" in desk.locator("#error").inner_text()
    assert hub_events(hub, "rota.shift_set") == 0
    desk.locator("#r-ends").fill("18:00")
    desk.locator("#r-add").click()
    assert "已排班" in desk.locator("#notice").inner_text()
    assert f"{tomorrow.isoformat()} 14:00–18:00" in desk.locator("#report").inner_text()
    assert hub_events(hub, "rota.shift_set") == 1
    desk.screenshot(path=str(tmp_path / "centre-rota.png"), full_page=True)

    # The kiosk learns of it on its next pull.
    assert kiosk.engine.sync_once().last_error is None
    lines = services.get(RotaService).entries()
    once = [e for e in lines if e.weekday is None]
    assert [(e.name, e.day, e.starts, e.ends) for e in once] == [
        ("王芳", tomorrow, "14:00", "18:00")
    ]
    planned = services.get(RotaService).planned(tomorrow)
    assert "王芳" in {line.name for line in lines} and len(planned) >= 1
