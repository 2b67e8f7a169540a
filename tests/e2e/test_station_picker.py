"""The centre's station filter with a province's 2,000 stations, in a real browser (Playwright
driving Debian's chromium) on a desk (1366×768) and a phone (390×844): a search box, not a
2,000-option list (nor a 2,000-option datalist behind it: no page carries the province's
stations); a code, or a part of a name typed and submitted, filters the report to that station
(`?station=` as before); a name several stations share, or none, is refused with what was typed
and the matches named, nothing else shown. The volunteers page finds its station the same way.
An account that sees a few stations gets them as suggestions (and a list on the volunteers
page)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import Station
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import HubServer

STATIONS = 2000
SIZES = {"desk": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def _province(hub: HubServer) -> None:
    engine = make_engine(hub.settings.resolved_database_url(), 1)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    rows = [
        {"id": f"st-{n:04d}", "name": f"测试{n:04d}站", "name_en": None, "created_at": now}
        for n in range(STATIONS)
    ]
    rows.append({"id": "st-fz-south", "name": "福州南站", "name_en": None, "created_at": now})
    try:
        with engine.begin() as connection:
            connection.execute(insert(Station), rows)
    finally:
        engine.dispose()


@pytest.mark.parametrize("size", sorted(SIZES))
def test_a_station_is_found_by_code_or_name_among_two_thousand(
    browser: Any, hub: HubServer, tmp_path: Path, size: str
) -> None:
    _province(hub)
    create_account(hub, "boss", "centre", [])
    context = browser.new_context(viewport=SIZES[size], locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{hub.url}/centre/login")
        page.locator("#username").fill("boss")
        page.locator("#password").fill(PASSWORD)
        page.locator("#sign-in").click()
        page.wait_for_url(re.compile(r".*/centre/$"))

        page.goto(f"{hub.url}/centre/usage?from=2026-11-01&to=2026-11-30")
        box = page.locator("#f-station")
        assert box.get_attribute("type") == "search"
        assert page.locator("select[name=station]").count() == 0
        assert page.locator("#station-list option").count() == 0  # no 2,000 suggestions
        assert page.content().count("<option") < 50
        shown = box.bounding_box()
        assert shown is not None and shown["height"] >= 30  # a finger's target
        assert shown["x"] >= 0 and shown["x"] + shown["width"] <= SIZES[size]["width"]
        page.screenshot(path=str(tmp_path / f"picker-{size}.png"))

        box.fill("福州南")  # part of a name, submitted as typed
        page.locator("#f-apply").click()
        page.wait_for_url(re.compile(r".*/centre/usage\?station=.*"))
        assert page.locator("#f-station").input_value() == "st-fz-south"
        assert page.locator("#total").inner_text() == "0"

        page.locator("#f-station").fill("st-1234")  # a code
        page.locator("#f-apply").click()
        page.wait_for_url(re.compile(r".*station=st-1234.*"))
        assert page.locator("#f-station").input_value() == "st-1234"

        page.locator("#f-station").fill("测试12")  # a hundred stations' names hold it
        with page.expect_response(re.compile(r".*/centre/usage\?.*")) as info:
            page.locator("#f-apply").click()
        assert info.value.status == 422
        text = page.locator("main").inner_text()
        assert "有 100 个站点包含“测试12”" in text and "测试1200站 (st-1200)" in text

        page.goto(f"{hub.url}/centre/usage?station=%E4%B8%8A%E6%B5%B7")  # 上海: none
        assert "没有名称或编码包含“上海”的站点" in page.locator("main").inner_text()
        page.goto(f"{hub.url}/centre/usage?station=&lang=en")  # empty: every station
        placeholder = page.locator("#f-station").get_attribute("placeholder")
        assert placeholder == "Name or code (empty: all)"

        page.goto(f"{hub.url}/centre/volunteers")  # a station's roster, found by its name
        assert page.locator("select[name=station]").count() == 0
        assert page.content().count("<option") < 50
        page.locator("#f-station").fill("福州南")
        page.locator("#station-open").click()
        page.wait_for_url(re.compile(r".*/centre/volunteers\?.*station=.*"))
        assert page.locator("main h2").first.inner_text() == "福州南站"
    finally:
        context.close()


def test_an_account_seeing_a_few_stations_is_offered_them(browser: Any, hub: HubServer) -> None:
    _province(hub)
    create_account(hub, "fuzhou", "station", ["st-fz-south", "st-0001", "st-0002"])
    context = browser.new_context(viewport=SIZES["desk"], locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{hub.url}/centre/login")
        page.locator("#username").fill("fuzhou")
        page.locator("#password").fill(PASSWORD)
        page.locator("#sign-in").click()
        page.wait_for_url(re.compile(r".*/centre/$"))
        page.goto(f"{hub.url}/centre/usage")
        offered = page.locator("#station-list option")
        assert sorted(o.get_attribute("value") or "" for o in offered.all()) == [
            "st-0001",
            "st-0002",
            "st-fz-south",
        ]
        page.goto(f"{hub.url}/centre/volunteers")
        assert page.locator("#station-select option").count() == 3
        page.locator("#station-select").select_option("st-fz-south")
        page.locator("#station-open").click()
        page.wait_for_url(re.compile(r".*station=st-fz-south.*"))
        assert page.locator("main h2").first.inner_text() == "福州南站"
    finally:
        context.close()


# The forms that name a station (#15): their field and button, and where typing leads.
FORMS = {
    "/centre/publish": ("#p-station", "#p-open"),
    "/centre/activities": ("#a-station", "#a-create"),
    "/centre/rota": ("#r-station", "#r-add"),
}


def _finger_sized_and_whole(page: Any, selector: str, width: int) -> None:
    shown = page.locator(selector).bounding_box()
    assert shown is not None, selector
    assert shown["height"] >= 44, selector  # a finger's target
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= width, selector  # not clipped


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_forms_station_is_a_box_typed_by_part_of_a_name(
    browser: Any, hub: HubServer, size: str
) -> None:
    """Publish's "for station", a new activity's and a rota line's station among 2,000: a box
    and a button a finger can hit, nothing clipped; typing part of a name opens the publish
    form for that station and creates the activity there."""
    _province(hub)
    create_account(hub, "boss", "centre", [])
    width = SIZES[size]["width"]
    context = browser.new_context(viewport=SIZES[size], locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{hub.url}/centre/login")
        page.locator("#username").fill("boss")
        page.locator("#password").fill(PASSWORD)
        page.locator("#sign-in").click()
        page.wait_for_url(re.compile(r".*/centre/$"))
        for path, (field, button) in FORMS.items():
            page.goto(f"{hub.url}{path}")
            assert page.locator(field).get_attribute("type") == "search", path
            assert page.content().count("<option") < 50, path
            page.locator(field).scroll_into_view_if_needed()
            _finger_sized_and_whole(page, field, width)
            _finger_sized_and_whole(page, button, width)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            name = path.rsplit("/", 1)[1]
            page.screenshot(path=f"/tmp/h63-{name}-{size}.png", full_page=True)

        page.goto(f"{hub.url}/centre/publish")
        _finger_sized_and_whole(page, "#p-open-all", width)
        page.locator("#p-station").fill("福州南")
        page.locator("#p-open").click()
        page.wait_for_url(re.compile(r".*/centre/publish\?.*"))
        assert "福州南站" in page.locator("#p-target").inner_text()

        page.goto(f"{hub.url}/centre/activities")
        page.locator("#a-station").fill("福州南")
        page.locator("#a-kind").select_option("meeting")
        page.locator("#a-title").fill("联盟季度例会")
        day = (datetime.now(UTC) + timedelta(days=30)).date()
        page.locator("#a-day").fill(day.isoformat())
        page.locator("#a-starts").fill("10:00")
        page.locator("#a-ends").fill("11:00")
        page.locator("#a-create").click()
        assert page.locator("#notice").inner_text() == "已新建：联盟季度例会"

        page.locator("#a-station").fill("测试12")  # a hundred stations: refused, kept
        page.locator("#a-title").fill("第二次例会")
        with page.expect_response(re.compile(r".*/centre/activities")) as info:
            page.locator("#a-create").click()
        assert info.value.status == 422
        assert "有 100 个站点包含“测试12”" in page.locator("#error").inner_text()
        assert page.locator("#a-station").input_value() == "测试12"
        page.screenshot(path=f"/tmp/h63-activities-refused-{size}.png", full_page=True)
    finally:
        context.close()
