"""A volunteer's 志愿服务记录证明 from their own phone page, in a real browser against a real
hub fed by a real kiosk: 王芳 asks for November; a period out of order and a month without
hours are refused with the reason and nothing issued; November gives a numbered PDF (read
back with pdftotext) stating her 5 credited hours, recorded in the station's feed, which the
kiosk then lists beside its own certificates; the next one takes the next number."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from kiosk.features.activities.service import ActivityForm, ActivityService
from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.certificates.service import build_certificates
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.models import HubEvent
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"
ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)


def hub_certificates(hub: HubServer) -> list[dict[str, Any]]:
    database = Database(make_engine(hub.settings.resolved_database_url(), 2))
    try:
        with database.read() as session:
            rows = session.query(HubEvent).filter(HubEvent.kind == "certificate.issued").all()
            return [dict(r.payload) for r in rows]
    finally:
        database.dispose()


def ask(phone: Any, first: str, last: str) -> None:
    phone.locator("#cert-first").fill(first)
    phone.locator("#cert-last").fill(last)
    phone.locator("#cert-go").click()


def test_a_volunteer_takes_her_certificate_from_her_phone(
    phone: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    kiosk = make_kiosk("south")  # 2026-11-02 08:30 station time
    services, clock = kiosk.services, kiosk.clock
    wang = services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    services.shifts.clock_with_pin("13800000001", PIN)  # in at 08:30
    clock.advance(timedelta(hours=3, minutes=10))
    services.shifts.clock_with_pin("13800000001", PIN)  # out at 11:40: credited 3 h
    activities = services.get(ActivityService)
    meeting = activities.create(
        ADMIN, ActivityForm("meeting", "联盟季度例会", "二楼会议室", "2026-11-02", "14:00", "16:00")
    )
    clock.advance(timedelta(hours=3))
    activities.sign_in(meeting.id, Actor(wang.id, "王芳", wang.id), "badge")
    clock.advance(timedelta(hours=2))
    activities.credit(ADMIN, meeting.id, None)  # two hours
    assert kiosk.engine.sync_once().last_error is None

    phone.goto(f"{hub.url}/v/{STATION}")
    phone.locator("#number").fill("FZB-0001")
    phone.locator("#pin").fill(PIN)
    phone.locator("#open").click()
    phone.wait_for_url(re.compile(r".*/v/.*/me.*"))
    assert phone.locator("#cert-first").input_value()  # last month, filled in

    ask(phone, "2026-11-30", "2026-11-01")
    assert "结束日期不能早于开始日期" in phone.locator("#error").inner_text()
    ask(phone, "2026-10-01", "2026-10-31")
    assert "没有可认定的服务时长" in phone.locator("#error").inner_text()
    assert hub_certificates(hub) == []

    with phone.expect_download() as download:
        ask(phone, "2026-11-01", "2026-11-30")
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(Path(download.value.path()).read_bytes())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    number = re.search(r"FZBNORTH\d{4}-HUB-0001", text)
    assert number is not None, text
    assert download.value.suggested_filename == f"certificate-{number.group(0)}.pdf"
    assert "志愿服务记录证明" in text and "王芳" in text and "FZB-0001" in text
    assert "5.00 小时" in text and "共 2 次" in text
    flat = "".join(text.split())  # the sentence wraps where the page ends
    assert "于2026年11月1日至2026年11月30日期间" in flat
    (issued,) = hub_certificates(hub)
    assert issued["number"] == number.group(0) and issued["minutes"] == 300
    assert issued["volunteer_id"] == wang.id and issued["shifts"] == 2

    # The station's kiosk records it beside its own, on its next pull.
    assert kiosk.engine.sync_once().last_error is None
    listed = {c.number: c for c in build_certificates(services).issued()}
    assert listed[number.group(0)].minutes == 300

    with phone.expect_download() as again:
        ask(phone, "2026-11-02", "2026-11-02")
    assert again.value.suggested_filename.endswith("-HUB-0002.pdf")
