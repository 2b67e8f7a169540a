"""Publishing at the centre, in a real browser (Playwright driving Debian's chromium), as a
centre admin does it: the kind by its name, a station to choose (no silent default to every
station), a preview of what a kiosk will read before anything is stored, a bad body refused
with the field named and nothing published, "all stations" only after an explicit
confirmation, and the history with an earlier version published again, which the station's
kiosk then reads."""

from __future__ import annotations

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

    # What and where: the kind by its name, and no station chosen for you.
    desk.locator("#p-kind").select_option("announcements")
    assert "公告（announcements）" in desk.locator("#p-kind").inner_text()
    assert desk.locator("#p-station").input_value() == ""
    desk.locator("#p-open").click()  # the browser asks for a station first
    assert desk.locator("#p-form").count() == 0
    desk.locator("#p-station").select_option(STATION)
    desk.locator("#p-open").click()
    assert "目前没有公告" in desk.locator("#a-current").inner_text()

    # The form: a bad time window is refused with the field named, nothing stored.
    desk.locator("#a-zh").fill("今晚有雨，雨伞免费借")
    desk.locator("#a-en").fill("Rain tonight: umbrellas are free")
    desk.locator("#a-level").select_option("warning")
    desk.locator("#a-from").fill("2026-12-06T18:00")
    desk.locator("#a-until").fill("2026-12-06T08:00")
    desk.locator("#p-send").click()
    assert "公告格式不正确" in desk.locator("#error").inner_text()
    assert "until is not after from" in desk.locator("#error").inner_text()
    assert desk.locator("#a-zh").input_value() == "今晚有雨，雨伞免费借"  # kept as typed
    assert published(hub) == 0

    # A good one: a preview in station time, nothing stored until confirmed.
    desk.locator("#a-until").fill("2026-12-07T08:00")
    desk.locator("#p-send").click()
    preview = desk.locator("#preview").inner_text()
    assert "预览：公告（announcements） → 福州北站" in preview
    assert "今晚有雨，雨伞免费借" in preview and "2026-12-06 18:00" in preview
    assert published(hub) == 0
    desk.locator("#p-confirm").click()
    assert "第 1 版" in desk.locator("#notice").inner_text()
    assert kiosk_reads(kiosk) == "今晚有雨，雨伞免费借"

    # The next publication starts from what is in force: untick it and add another.
    desk.locator("#a-current input[type=checkbox]").uncheck()
    desk.locator("#a-zh").fill("西侧候车室 18:00 前关闭")
    desk.locator("#p-send").click()
    desk.locator("#p-confirm").click()
    assert kiosk_reads(kiosk) == "西侧候车室 18:00 前关闭"

    # The history: the first version published again in one click.
    rows = desk.locator("#history-table tbody tr")
    assert rows.count() == 2
    desk.locator("#again-1").click()
    assert "第 3 版" in desk.locator("#notice").inner_text()
    assert kiosk_reads(kiosk) == "今晚有雨，雨伞免费借"

    # JSON is still there for those who want it; a bad body names the field.
    desk.locator("#p-as-json").click()
    desk.locator("#p-body").fill('{"announcements": [{"id": "x", "zh": ""}]}')
    desk.locator("#p-send").click()
    assert "zh is empty" in desk.locator("#error").inner_text()
    assert published(hub) == 3

    # Every station: the preview asks for an explicit confirmation before anything is stored.
    desk.goto(f"{hub.url}/centre/publish?kind=announcements&to=*")
    desk.locator("#a-zh").fill("全省暴雨预警")
    desk.locator("#p-send").click()
    assert "全部 " in desk.locator("#confirm-all-note").inner_text()
    desk.locator("#p-confirm").click()  # not ticked: the browser refuses to send
    assert published(hub) == 3
    desk.locator("#p-confirm-all").check()
    desk.locator("#p-confirm").click()
    assert "第 1 版" in desk.locator("#notice").inner_text()
    assert published(hub) == 4


def test_the_catalogue_by_its_form(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    """A station's tiles edited as a table (shown, order, names, hours, place), starting from
    what its kiosks show (the bundled catalogue here); an emptied name is refused by the
    kiosks' own schema with the field named; the kiosk reads the result after its sync."""
    kiosk = make_kiosk("south", start=datetime.now(UTC))
    create_account(hub, "boss", "centre", [])
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    desk.goto(f"{hub.url}/centre/publish?kind=catalogue&to={STATION}")
    assert desk.locator("#c-transport-name_zh").input_value() == "交通问询"  # the bundled one

    desk.locator("#c-transport-name_zh").fill("")
    desk.locator("#p-send").click()
    error = desk.locator("#error").inner_text()
    assert "服务目录格式不正确" in error and "services.0.name_zh" in error

    desk.locator("#c-transport-name_zh").fill("换乘问询")
    desk.locator("#c-transport-hours").fill("05:30–24:00")
    desk.locator("#c-microwave-enabled").uncheck()
    desk.locator("#p-send").click()
    assert "换乘问询" in desk.locator("#preview-table").inner_text()
    desk.locator("#p-confirm").click()
    assert "第 1 版" in desk.locator("#notice").inner_text()

    assert kiosk.engine.sync_once().last_error is None
    with kiosk.services.database.read() as session:
        body = config_body(session, "catalogue", STATION)
    assert body is not None
    services = {s["id"]: s for s in body["services"]}
    assert services["transport"]["name_zh"] == "换乘问询"
    assert services["transport"]["hours"] == "05:30–24:00"
    assert services["transport"]["icon"] == "transport"  # what the form does not show is kept
    assert services["microwave"]["enabled"] is False
