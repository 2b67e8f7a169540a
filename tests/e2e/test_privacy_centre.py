"""The centre erases a volunteer's name and phone in a real browser (Playwright driving Debian's
chromium) against a real hub with a kiosk syncing: the number typed, the volunteer shown and
confirmed, refusals beside the form with nothing written; the hours page then names them
"已删除 / Erased" with their number, and the kiosk shows the same after its next sync."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from kiosk.features.volunteers.store import ERASED_NAME
from tests.e2e.conftest import create_account
from tests.e2e.test_centre_tickets import hub_count, shots, sign_in
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"


def test_the_centre_erases_a_volunteer_in_the_browser(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
    tmp_path: Path,
) -> None:
    kiosk = make_kiosk("south")
    services = kiosk.services
    wang = services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    services.shifts.clock_with_pin("13800000001", PIN)
    kiosk.clock.advance(timedelta(hours=2))
    services.shifts.clock_with_pin("13800000001", PIN)
    assert kiosk.engine.sync_once().last_error is None
    create_account(hub, "boss", "centre", [])
    folder = shots(tmp_path)
    sign_in(desk, hub)
    desk.set_viewport_size({"width": 1366, "height": 768})

    desk.goto(f"{hub.url}/centre/privacy?station={STATION}&lang=zh")
    desk.locator("#number").fill("FZB-0404")
    desk.locator("#volunteer-find").click()
    assert desk.locator("#volunteer-error").inner_text() == "该站点没有这个志愿者编号"
    assert desk.locator("#number").get_attribute("aria-invalid") == "true"
    desk.locator("#number").fill("FZB-0001")
    desk.locator("#volunteer-find").click()
    question = desk.locator("#volunteer-question").inner_text()
    assert question == "确认删除 王芳（FZB-0001）的姓名和手机号？此操作无法撤销。"
    assert hub_count(hub, "privacy.erased") == 0  # shown, not yet erased
    desk.screenshot(path=str(folder / "centre-privacy-volunteer-confirm-1366.png"), full_page=True)
    desk.locator("#volunteer-cancel").click()  # cancel: back to the form, nothing written
    assert desk.locator("#number").input_value() == "" and hub_count(hub, "privacy.erased") == 0
    desk.locator("#number").fill("FZB-0001")
    desk.locator("#volunteer-find").click()
    desk.locator("#volunteer-erase").click()
    assert desk.locator("#notice").inner_text() == "已删除该志愿者的姓名和手机号"
    assert hub_count(hub, "privacy.erased") == 1
    desk.screenshot(path=str(folder / "centre-privacy-volunteer-erased-1366.png"), full_page=True)
    # The hours page: the name (opened from the sealed registration before) is erased now
    day = kiosk.clock.now().date()
    span = (
        f"from={(day - timedelta(days=1)).isoformat()}&to={(day + timedelta(days=1)).isoformat()}"
    )
    desk.goto(f"{hub.url}/centre/hours?station={STATION}&{span}&lang=zh")
    table = desk.locator("main").inner_text()
    assert ERASED_NAME in table and "FZB-0001" in table and "王芳" not in table
    desk.screenshot(path=str(folder / "centre-hours-erased-1366.png"), full_page=True)
    desk.set_viewport_size({"width": 390, "height": 844})
    desk.goto(f"{hub.url}/centre/privacy?station={STATION}&lang=en")
    desk.screenshot(path=str(folder / "centre-privacy-en-390.png"), full_page=True)

    assert kiosk.engine.sync_once().last_error is None
    info = services.roster.get(wang.id)
    assert info.name == ERASED_NAME and info.number == "FZB-0001" and info.masked_phone == ""
    month = kiosk.clock.now()
    [hours] = services.shifts.monthly_hours(month.year, month.month)
    assert hours.volunteer.name == ERASED_NAME and hours.minutes == 120
