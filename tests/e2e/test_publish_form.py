"""Publishing at the centre, in a real browser (Playwright driving Debian's chromium), as a
centre admin does it: the kind by its name, a station to choose (no silent default to every
station), a preview of what a kiosk will read before anything is stored, a bad body refused
with the field named and nothing published, "all stations" only after an explicit
confirmation, and the history with an earlier version published again, which the station's
kiosk then reads."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.models import ConfigRow
from kiosk.platform.store.sync_store import config_body
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk


def published(hub: HubServer) -> int:
    database = Database(make_engine(hub.settings.resolved_database_url(), 2))
    try:
        with database.read() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(ConfigRow)
                    .where(ConfigRow.kind == "announcements")
                )
                or 0
            )
    finally:
        database.dispose()


def notice(text: str) -> str:
    return json.dumps(
        {"announcements": [{"id": "rain", "zh": text, "en": "Rain tonight", "level": "warning"}]},
        ensure_ascii=False,
    )


def kiosk_reads(kiosk: SyncedKiosk) -> str:
    assert kiosk.engine.sync_once().last_error is None
    with kiosk.services.database.read() as session:
        body = config_body(session, "announcements", STATION)
    assert body is not None
    return str(body["announcements"][0]["zh"])


def test_preview_confirm_history_and_publish_again(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    kiosk = make_kiosk("south", start=datetime.now(UTC))
    create_account(hub, "boss", "centre", [])
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    desk.get_by_role("link", name="发布配置").click()

    desk.locator("#p-kind").select_option("announcements")
    assert "公告（announcements）" in desk.locator("#p-kind").inner_text()
    assert desk.locator("#p-station").input_value() == ""  # nothing chosen for you
    desk.locator("#p-body").fill(notice("今晚有雨，雨伞免费借"))
    desk.locator("#p-send").click()  # the browser asks for a station first
    assert desk.locator("#preview").count() == 0

    # A bad body: refused with the field named, nothing stored.
    desk.locator("#p-station").select_option(STATION)
    desk.locator("#p-body").fill('{"announcements": [{"id": "rain", "zh": ""}]}')
    desk.locator("#p-send").click()
    assert "公告格式不正确" in desk.locator("#error").inner_text()
    assert "zh is empty" in desk.locator("#error").inner_text()
    assert published(hub) == 0

    # A good one: a preview first, nothing stored until confirmed.
    desk.locator("#p-body").fill(notice("今晚有雨，雨伞免费借"))
    desk.locator("#p-send").click()
    preview = desk.locator("#preview").inner_text()
    assert "预览：公告（announcements） → " in preview and "今晚有雨，雨伞免费借" in preview
    assert published(hub) == 0
    desk.locator("#p-confirm").click()
    assert "第 1 版" in desk.locator("#notice").inner_text()
    assert kiosk_reads(kiosk) == "今晚有雨，雨伞免费借"

    # A second version, then the first published again from the history.
    desk.locator("#p-body").fill(notice("西侧候车室 18:00 前关闭"))
    desk.locator("#p-send").click()
    desk.locator("#p-confirm").click()
    assert kiosk_reads(kiosk) == "西侧候车室 18:00 前关闭"
    rows = desk.locator("#history-table tbody tr")
    assert rows.count() == 2
    desk.locator("#again-1").click()
    assert "第 3 版" in desk.locator("#notice").inner_text()
    assert kiosk_reads(kiosk) == "今晚有雨，雨伞免费借"

    # Every station: the preview asks for an explicit confirmation before anything is stored.
    desk.locator("#p-station").select_option("*")
    desk.locator("#p-body").fill(notice("全省暴雨预警"))
    desk.locator("#p-send").click()
    assert "全部 " in desk.locator("#confirm-all-note").inner_text()
    desk.locator("#p-confirm").click()  # not ticked: the browser refuses to send
    assert published(hub) == 3
    desk.locator("#p-confirm-all").check()
    desk.locator("#p-confirm").click()
    assert "第 1 版" in desk.locator("#notice").inner_text()
    assert published(hub) == 4
