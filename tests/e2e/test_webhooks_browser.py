"""The centre's webhooks page in a real browser: a station admin adds the station's WeCom robot
(a mistyped address is refused on the page), an emergency at a kiosk reaches the robot, and the
delivery log says so."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.e2e.conftest import PASSWORD, STATION, create_account
from tests.platform.sync.conftest import HubServer, SyncedKiosk
from tests.platform.sync.test_webhooks import Receiver, receiver  # noqa: F401 (fixture)


def test_a_station_admin_sets_a_robot_and_sees_the_emergency_delivered(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
    receiver: Receiver,  # noqa: F811
    tmp_path: Path,
) -> None:
    kiosk = make_kiosk("south")
    create_account(hub, "west", "station", [STATION])
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("west")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    desk.get_by_role("link", name="群机器人推送").click()
    desk.wait_for_url(re.compile(r".*/centre/webhooks$"))
    assert "尚未配置推送地址" in desk.locator("main").inner_text()

    desk.locator("#w-kind").select_option("wecom")
    desk.locator("#w-url").fill("qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")  # no https://
    desk.locator("#w-add").click()
    assert "地址须为 http(s) 网址" in desk.locator("#error").inner_text()
    desk.locator("#w-url").fill(f"{receiver.url}/wecom?key=abc")
    desk.locator("#w-add").click()
    assert "已添加推送地址" in desk.locator("#notice").inner_text()
    assert "企业微信群机器人" in desk.locator("#webhooks").inner_text()

    kiosk.services.emergency.raise_alert("南出口", "South exit")
    assert kiosk.engine.sync_once().last_error is None
    deadline = time.monotonic() + 10
    while not receiver.calls("/wecom"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    desk.goto(f"{hub.url}/centre/webhooks?station={STATION}")
    log = desk.locator("#deliveries").inner_text()
    assert "emergency.raised" in log and "已送达" in log
    shots = Path(os.environ.get("KIOSK_SHOTS_DIR", tmp_path))
    desk.screenshot(path=str(shots / "centre_webhooks.png"), full_page=True)

    desk.locator("#webhooks button.toggle").click()  # turned off: kept, with its log
    desk.wait_for_url(re.compile(r".*/centre/webhooks\?station=.*"))
    assert "已停用" in desk.locator("#webhooks").inner_text()
    assert "已送达" in desk.locator("#deliveries").inner_text()
