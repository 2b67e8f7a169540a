"""Activities across the hub, in a real browser (Playwright driving Debian's chromium): the
centre creates a meeting for a station, the station's kiosk gets it on its next pull, a member
signs in on their own phone through the page its QR code opens (volunteer number + PIN; a wrong
PIN refused, a second sign-in says so), the kiosk's sheet shows the phone's sign-in after its
next sync, and the centre lists it with who came. Bad input is refused with the reason and
writes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from kiosk.features.activities.service import ActivityService
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.models import HubEvent
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"
TZ = ZoneInfo("Asia/Shanghai")


def hub_events(hub: HubServer, kind: str) -> int:
    database = Database(make_engine(hub.settings.database_url))
    try:
        with database.read() as session:
            return int(
                session.scalar(
                    select(func.count()).select_from(HubEvent).where(HubEvent.kind == kind)
                )
                or 0
            )
    finally:
        database.engine.dispose()


def test_a_meeting_made_at_the_centre_signed_in_on_a_phone(
    desk: Any, phone: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    now = datetime.now(UTC)  # the hub's pages read the real clock
    kiosk = make_kiosk("south", start=now)
    services = kiosk.services
    wang = services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    assert kiosk.engine.sync_once().last_error is None
    create_account(hub, "boss", "centre", [])
    local = now.astimezone(TZ)
    day_start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    starts = max(local - timedelta(minutes=10), day_start)
    ends = min(local + timedelta(hours=1), day_start + timedelta(hours=23, minutes=59))

    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    desk.get_by_role("link", name="活动签到").click()
    desk.wait_for_url(re.compile(r".*/centre/activities$"))
    desk.locator("#a-station").select_option(STATION)
    desk.locator("#a-kind").select_option("meeting")
    desk.locator("#a-title").fill("联盟季度例会")
    desk.locator("#a-place").fill("二楼会议室")
    desk.locator("#a-day").fill(starts.date().isoformat())
    desk.locator("#a-starts").fill(f"{starts:%H:%M}")
    desk.locator("#a-ends").fill(f"{starts:%H:%M}")  # ends when it starts
    desk.locator("#a-create").click()
    assert "结束时间须晚于开始时间" in desk.locator("#error").inner_text()
    assert desk.locator("#a-title").input_value() == "联盟季度例会"  # what was typed is kept
    assert hub_events(hub, "activity.created") == 0  # nothing written
    desk.locator("#a-ends").fill(f"{ends:%H:%M}")
    desk.locator("#a-invited").fill("FZB-0001 FZB-0003")  # nobody has FZB-0003
    desk.locator("#a-create").click()
    assert "没有这个志愿者编号：FZB-0003" in desk.locator("#error").inner_text()
    assert hub_events(hub, "activity.created") == 0
    desk.locator("#a-invited").fill("FZB-0001 FZB-0002")
    desk.locator("#a-create").click()
    assert "已新建：联盟季度例会" in desk.locator("#notice").inner_text()
    row = desk.locator(f'tr.activity[data-station="{STATION}"]')
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == "福州北站" and cells[1].startswith("联盟季度例会")
    assert cells[4:6] == ["2", "0"]
    desk.screenshot(path=str(tmp_path / "centre-activities.png"), full_page=True)

    # The kiosk learns of it on its next pull.
    assert kiosk.engine.sync_once().last_error is None
    (view,) = services.get(ActivityService).current()
    assert (view.title, view.invited, view.open_now) == ("联盟季度例会", 2, True)

    # 王芳 scans the QR code the kiosk shows: the hub's page on her phone.
    link = f"{hub.url}/a/{STATION}/{view.id}"
    phone.goto(link)
    assert "签到：联盟季度例会" in phone.locator("h1").inner_text()
    assert "二楼会议室" in phone.locator("#activity-when").inner_text()
    phone.locator("#number").fill("FZB-0001")
    phone.locator("#pin").fill("1111")
    phone.locator("#sign-in").click()
    assert "编号或密码不正确" in phone.locator("#error-pin").inner_text()
    assert phone.locator("#pin").get_attribute("aria-invalid") == "true"
    assert hub_events(hub, "activity.signed_in") == 0
    phone.locator("#pin").fill(PIN)
    phone.locator("#sign-in").click()
    assert "签到成功：王芳" in phone.locator("#done").inner_text()
    assert "已签到 1 人" in phone.locator("#activity-count").inner_text()
    phone.screenshot(path=str(tmp_path / "phone-sign-in.png"), full_page=True)
    phone.goto(link)
    phone.locator("#number").fill("FZB-0001")
    phone.locator("#pin").fill(PIN)
    phone.locator("#sign-in").click()
    assert "王芳 已签到" in phone.locator("#done").inner_text()
    assert hub_events(hub, "activity.signed_in") == 1  # the second wrote nothing

    # The kiosk's sheet shows the phone's sign-in; the centre lists who came.
    assert kiosk.engine.sync_once().last_error is None
    sheet = services.get(ActivityService).sheet(view.id)
    assert [(line.volunteer_id, line.method) for line in sheet.signed] == [(wang.id, "phone")]
    assert [line.name for line in sheet.absent] == ["李强"]
    desk.goto(f"{hub.url}/centre/activities")
    cells = desk.locator(f'tr.activity[data-station="{STATION}"]').locator("td").all_inner_texts()
    assert cells[4:7] == ["2", "1", "王芳"]
