"""A volunteer's own page on their phone, in a real browser (Playwright driving Debian's
chromium) against a real hub fed by a real kiosk: 王芳's shifts, a training and a meeting whose
hours were credited reach the hub by sync; she opens /v/<station> with her number and PIN (a
wrong PIN refused with the reason), sees her hours by month, her services, training and
activities, downloads her records as a spreadsheet (the national platform's field order, hours
as numbers, times as times), and signs out."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from kiosk.features.activities.service import ActivityForm, ActivityService
from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.training.service import TrainingForm, TrainingService
from kiosk.features.volunteer_page.hub import EXPORT_HEADER
from kiosk.features.volunteers.service.duty import Actor
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"
ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)


def test_a_volunteer_sees_and_downloads_her_own_records(
    phone: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    kiosk = make_kiosk("south")  # 2026-11-02 08:30 station time
    services, clock = kiosk.services, kiosk.clock
    wang = services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    services.shifts.clock_with_pin("13800000001", PIN)  # in at 08:30
    clock.advance(timedelta(hours=3, minutes=10))
    services.shifts.clock_with_pin("13800000001", PIN)  # out at 11:40: 3 h 10 credited 3 h
    services.get(TrainingService).record(
        ADMIN, TrainingForm("FZB-0001", "first_aid", "2026-06-01", "红十字会", "RC-7", "2028-06-01")
    )
    activities = services.get(ActivityService)
    meeting = activities.create(
        ADMIN, ActivityForm("meeting", "联盟季度例会", "二楼会议室", "2026-11-02", "14:00", "16:00")
    )
    clock.advance(timedelta(hours=3))  # 14:40
    activities.sign_in(meeting.id, Actor(wang.id, "王芳", wang.id), "badge")
    clock.advance(timedelta(hours=2))  # 16:40: over
    activities.credit(ADMIN, meeting.id, None)  # two hours
    assert kiosk.engine.sync_once().last_error is None

    phone.goto(f"{hub.url}/v/{STATION}")
    assert "我的志愿服务" in phone.locator("h1").inner_text()
    phone.locator("#number").fill("FZB-0001")
    phone.locator("#pin").fill("1357")
    phone.locator("#open").click()
    assert "编号或密码不正确" in phone.locator("#error-pin").inner_text()
    phone.goto(f"{hub.url}/v/{STATION}/me")  # not signed in: back to the form
    assert phone.locator("#number").is_visible()
    phone.locator("#number").fill("FZB-0001")
    phone.locator("#pin").fill(PIN)
    phone.locator("#open").click()
    phone.wait_for_url(re.compile(r".*/v/.*/me.*"))
    assert "王芳" in phone.locator("h1").inner_text()
    assert "近两年累计服务 5.0 小时" in phone.locator("#total").inner_text()
    months = phone.locator("#months tbody tr td").all_inner_texts()
    assert months == ["2026-11", "2", "5.00"]
    services_seen = phone.locator("#services tbody tr").all_inner_texts()
    assert "联盟季度例会" in services_seen[0] and "2.00" in services_seen[0]
    assert "驿站值班服务" in services_seen[1] and "3.00" in services_seen[1]
    assert "急救 / AED" in phone.locator("#training").inner_text()
    assert "RC-7" in phone.locator("#training").inner_text()
    assert "联盟季度例会" in phone.locator("#activities").inner_text()
    phone.screenshot(path=str(tmp_path / "volunteer-page.png"), full_page=True)

    with phone.expect_download() as download:
        phone.locator("#export").click()
    book = load_workbook(BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0] == EXPORT_HEADER
    assert [(r[0], r[1], r[2], r[6]) for r in rows[1:]] == [
        ("FZB-0001", "王芳", "驿站值班服务", 3.0),
        ("FZB-0001", "王芳", "联盟季度例会", 2.0),
    ]
    assert str(rows[1][4]) == "2026-11-02 08:30:00"  # a time, station time

    phone.locator("#sign-out").click()
    assert phone.locator("#number").is_visible()
    phone.goto(f"{hub.url}/v/{STATION}/me")
    assert phone.locator("#number").is_visible()  # signed out
