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


def published(hub: HubServer, kind: str = "announcements") -> int:
    database = Database(make_engine(hub.settings.resolved_database_url(), 2))
    try:
        with database.read() as session:
            return int(
                session.scalar(
                    select(func.count()).select_from(ConfigRow).where(ConfigRow.kind == kind)
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


def _signed_in_desk(desk: Any, hub: HubServer) -> None:
    create_account(hub, "boss", "centre", [])
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))


def _kiosk_config(kiosk: SyncedKiosk, kind: str) -> dict[str, Any]:
    assert kiosk.engine.sync_once().last_error is None
    with kiosk.services.database.read() as session:
        body = config_body(session, kind, STATION)
    assert body is not None
    return dict(body)


def test_lending_items_by_their_form_rows_edited_added_and_removed(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Any
) -> None:
    """The lending items as a table starting from the bundled list: a name and a loan period
    changed, a walking stick added on a blank row, the book removed; a loan period that is not a
    number is refused with the row's field named, everything typed kept and nothing published;
    the kiosk lends what was published, with the icons the form does not show kept."""
    kiosk = make_kiosk("south", start=datetime.now(UTC))
    _signed_in_desk(desk, hub)
    desk.set_viewport_size({"width": 1366, "height": 768})
    desk.goto(f"{hub.url}/centre/publish?kind=lending_items&to={STATION}")
    rows = desk.locator("#e-table tbody tr")
    umbrella = desk.locator("tr[data-entry=umbrella]")
    assert umbrella.locator("input[name$=-name_zh]").input_value() == "伞"
    blank = rows.count() - 3  # three blank rows after the bundled items

    umbrella.locator("input[name$=-name_zh]").fill("雨伞")
    days = umbrella.locator("input[name$=-due_days]")
    days.evaluate("e => { e.type = 'text' }")  # a browser without number fields sends anything
    days.fill("两天")
    desk.locator(f"#e-{blank}-id").fill("walking_stick")
    desk.locator(f"#e-{blank}-name_zh").fill("拐杖")
    desk.locator(f"#e-{blank}-name_en").fill("walking stick")
    desk.locator(f"#e-{blank}-plural_en").fill("walking sticks")
    desk.locator(f"#e-{blank}-measure_zh").fill("根")
    desk.locator(f"#e-{blank}-due_days").fill("1")
    desk.locator("tr[data-entry=book] input[name$=-remove]").check()
    desk.locator("#p-send").click()
    error = desk.locator("#error").inner_text()
    assert "items.0.due_days must be a whole number" in error
    assert desk.locator("tr[data-entry=umbrella] input[name$=-name_zh]").input_value() == "雨伞"
    assert desk.locator(f"#e-{blank}-name_zh").input_value() == "拐杖"  # all kept as typed
    assert desk.locator("tr[data-entry=book] input[name$=-remove]").is_checked()
    assert published(hub, "lending_items") == 0
    umbrella.locator("input[name$=-due_days]").fill("2")
    desk.locator("#p-send").click()
    preview = desk.locator("#preview-table").inner_text()
    assert "雨伞" in preview and "拐杖" in preview and "书" not in preview.split()
    desk.screenshot(path=str(tmp_path / "lending-form.png"), full_page=True)
    desk.locator("#p-confirm").click()
    assert "第 1 版" in desk.locator("#notice").inner_text()

    items = {i["id"]: i for i in _kiosk_config(kiosk, "lending_items")["items"]}
    assert "book" not in items
    assert items["umbrella"]["name_zh"] == "雨伞" and items["umbrella"]["due_days"] == 2
    assert items["umbrella"]["icon"] == "umbrella"  # not on the form: kept as it was
    assert items["walking_stick"] == {
        "id": "walking_stick",
        "name_zh": "拐杖",
        "name_en": "walking stick",
        "plural_en": "walking sticks",
        "measure_zh": "根",
        "due_days": 1,
    }


def test_a_bad_row_is_refused_by_the_kiosks_schema_and_typed_rows_are_kept(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Any
) -> None:
    """Medicine items and charging slots by their forms: an ID the kiosks cannot store, and a
    slot number out of range, are refused naming the field, with what was typed kept."""
    kiosk = make_kiosk("south", start=datetime.now(UTC))
    _signed_in_desk(desk, hub)
    desk.goto(f"{hub.url}/centre/publish?kind=medicine_items&to={STATION}")
    plaster = desk.locator("tr[data-entry=plaster]")
    assert plaster.locator("input[name$=-min_stock]").input_value() == "20"
    plaster.locator("input[name$=-id]").fill("Plaster!")
    desk.locator("#p-send").click()
    error = desk.locator("#error").inner_text()
    assert "药箱物品格式不正确" in error and "items.0.id" in error
    assert desk.locator("tr[data-entry=plaster] input[name$=-id]").input_value() == "Plaster!"
    desk.locator("tr[data-entry=plaster] input[name$=-id]").fill("plaster")
    desk.locator("tr[data-entry=plaster] input[name$=-min_stock]").fill("50")
    desk.locator("#p-send").click()
    desk.locator("#p-confirm").click()
    assert "第 1 版" in desk.locator("#notice").inner_text()
    items = {i["id"]: i for i in _kiosk_config(kiosk, "medicine_items")["items"]}
    assert items["plaster"]["min_stock"] == 50

    desk.set_viewport_size({"width": 390, "height": 844})
    desk.goto(f"{hub.url}/centre/publish?kind=charging_slots&to={STATION}")
    first = desk.locator("tr[data-entry='1']")
    first.locator("input[name$=-number]").fill("1000")
    first.locator("select[name$=-kind]").select_option("cable")
    desk.locator("#p-send").click()
    error = desk.locator("#error").inner_text()
    assert "充电位格式不正确" in error and "slots.0.number" in error
    assert desk.locator("tr[data-entry='1'] select[name$=-kind]").input_value() == "cable"
    desk.screenshot(path=str(tmp_path / "slots-form-phone.png"), full_page=True)
    desk.locator("tr[data-entry='1'] input[name$=-number]").fill("1")
    desk.locator("#p-send").click()
    desk.locator("#p-confirm").click()
    slots = _kiosk_config(kiosk, "charging_slots")["slots"]
    assert slots[0]["kind"] == "cable" and len(slots) == 8  # the bundled eight
