"""The centre's training page in a real browser (Playwright driving Debian's chromium): trainings
recorded at a kiosk reach the hub by sync, and the centre sees, per station by name, whose
certificates have lapsed or lapse within 30 days (by volunteer name and number), how many
first-aiders the station has, all records on asking, and the same as CSV."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.training.service import TrainingForm, TrainingService
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)


def test_the_centre_sees_lapsing_certificates_per_station(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    now = datetime.now(UTC)  # the hub's pages read the real clock
    kiosk = make_kiosk("south", start=now)
    services = kiosk.services
    services.roster.register("王芳", "FZB-0001", "13800000001", "2468")
    services.roster.register("李强", "FZB-0002", "13800000002", "2468")
    services.roster.register("赵敏", "FZB-0003", "13800000003", "2468")
    training = services.get(TrainingService)
    today = now.astimezone(ZoneInfo("Asia/Shanghai")).date()  # the stations' day

    def record(number: str, kind: str, expires: int | None, certificate: str) -> None:
        expires_on = "" if expires is None else (today + timedelta(days=expires)).isoformat()
        form = TrainingForm(
            number,
            kind,
            (today - timedelta(days=300)).isoformat(),
            "红十字会",
            certificate,
            expires_on,
        )
        training.record(ADMIN, form)

    record("FZB-0001", "first_aid", 10, "RC-1")  # 王芳: lapses in 10 days
    record("FZB-0002", "cpr", -5, "RC-2")  # 李强: lapsed 5 days ago
    record("FZB-0003", "first_aid", 400, "RC-3")  # 赵敏: valid
    record("FZB-0003", "induction", None, "")  # 赵敏: induction, no expiry
    assert kiosk.engine.sync_once().last_error is None
    create_account(hub, "boss", "centre", [])

    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    desk.get_by_role("link", name="培训证书").click()
    desk.wait_for_url(re.compile(r".*/centre/training$"))
    station = desk.locator(f'tbody.station[data-station="{STATION}"]')
    heading = station.locator("tr").first.inner_text()
    assert "福州北站" in heading and "持有效急救证书 2 人" in heading  # 王芳 and 赵敏
    lines = [r.locator("td").all_inner_texts() for r in station.locator("tr.line").all()]
    lapsed = (today - timedelta(days=5)).isoformat()
    lapsing = (today + timedelta(days=10)).isoformat()
    assert lines == [
        [
            "李强 FZB-0002",
            "心肺复苏",
            (today - timedelta(days=300)).isoformat(),
            "红十字会",
            "RC-2",
            f"{lapsed} · 已过期",
        ],
        [
            "王芳 FZB-0001",
            "急救 / AED",
            (today - timedelta(days=300)).isoformat(),
            "红十字会",
            "RC-1",
            f"{lapsing} · 10 天后到期",
        ],
    ]  # 赵敏's valid certificates need no attention
    desk.screenshot(path=str(tmp_path / "training.png"), full_page=True)

    desk.locator("#f-show").select_option("all")
    desk.locator("#f-apply").click()
    desk.wait_for_url(re.compile(r".*show=all.*"))
    names = station.locator("tr.line td:first-child").all_inner_texts()
    assert names == ["李强 FZB-0002", "王芳 FZB-0001", "赵敏 FZB-0003", "赵敏 FZB-0003"]
    assert "长期有效" in station.inner_text()

    with desk.expect_download() as download:
        desk.locator("#csv").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert exported[0] == (
        "station,station_name,volunteer,number,kind,trained_on,trainer,certificate_no,"
        "expires_on,state"
    )
    assert exported[1] == (
        f"{STATION},福州北站,李强,FZB-0002,cpr,{(today - timedelta(days=300)).isoformat()},"
        f"红十字会,RC-2,{lapsed},expired"
    )
    assert len(exported) == 5

    desk.goto(f"{hub.url}/centre/training?lang=en")
    assert "First-aid trained: 2" in station.inner_text()
    assert "Expires in 10 days" in station.inner_text()
