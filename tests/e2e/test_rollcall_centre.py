"""The centre's roll-call page in a real browser (Playwright driving Debian's chromium): a roll
call taken at a kiosk reaches the hub by sync, and the centre lists it under its station with
its counts and who was missing, filters it by date and exports it as CSV."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.features.rollcall.service import RollCallService
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"


def test_the_centre_lists_roll_calls_per_station_and_exports_them(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    kiosk = make_kiosk("south")
    services = kiosk.services
    wang = services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    li = services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    for phone in ("13800000001", "13800000002"):
        services.shifts.clock_with_pin(phone, PIN)
    rolls = services.get(RollCallService)
    tally = rolls.roll()
    tally.tick(wang.id)
    taker = services.duty.by_phone_pin("13800000001", PIN)
    rolls.record(taker, tally)  # 王芳 present and took the roll, 李强 missing
    assert kiosk.engine.sync_once().last_error is None
    [registered] = hub.admin("GET", "/v1/admin/kiosks").json()
    named = hub.admin(
        "POST", f"/v1/admin/kiosks/{registered['kiosk_id']}/name", json={"name": "南出口"}
    )
    assert named.status_code == 204, named.text
    create_account(hub, "boss", "centre", [])

    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    desk.get_by_role("link", name="清点人数").click()
    desk.locator("#f-from").fill("2026-11-01")
    desk.locator("#f-to").fill("2026-11-30")
    desk.locator("#f-apply").click()
    desk.wait_for_url(re.compile(r".*/centre/rollcalls\?.*from=2026-11-01.*"))
    station = desk.locator(f'tbody.station[data-station="{STATION}"]')
    text = station.inner_text()
    assert "福州北站 · 清点 1 次" in text  # the station by name
    assert "2026-11-02 08:30" in text  # station time
    cells = station.locator("tr").nth(1).locator("td").all_inner_texts()
    assert cells[2:6] == ["王芳", "1", "1", "李强"]
    assert cells[6] == "南出口"  # the kiosk by its name, not its id
    desk.screenshot(path=str(tmp_path / "rollcalls.png"), full_page=True)

    with desk.expect_download() as download:
        desk.locator("#csv").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert exported[0] == (
        "station,taken_at,kiosk,taken_by,present,missing,missing_names,station_name,kiosk_name"
    )
    assert exported[1].startswith(f"{STATION},2026-11-02 08:30,{registered['kiosk_id']},")
    assert exported[1].endswith(",王芳,1,1,李强,福州北站,南出口")

    desk.locator("#f-from").fill("2026-12-01")  # a month without roll calls
    desk.locator("#f-to").fill("2026-12-31")
    desk.locator("#f-apply").click()
    desk.wait_for_url(re.compile(r".*from=2026-12-01.*"))
    assert "没有记录" in desk.locator("#report").inner_text()
    assert li.id not in desk.content()
