"""The three lists end to end, in a real browser (Playwright driving Debian's chromium): a
wish left at a kiosk reaches the hub by sync; at the centre (1366×768) a member unit and its
resource are recorded, the wish is promoted from its ticket page to the needs list and a project
opened for it; the traveller's ticket page (390×844) shows "项目进行中", then, once the centre
marks the project done, "项目已完成"; the kiosk's next pull shows the project done and the
month's figure. The centre's lists page fits a phone too (wide tables scroll in their box)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.features.lists.service import ListsService
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

SHOTS = Path("/tmp/shots-lists")


@pytest.fixture
def wide(browser: Any) -> Iterator[Any]:
    """The centre's laptop: 1366×768."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_wish_becomes_a_project_and_its_traveller_sees_it_done(
    wide: Any, phone: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    kiosk = make_kiosk("south", start=datetime.now(UTC))  # the hub's pages read the real clock
    wish = kiosk.services.wishes.submit("rest", "骑手想要一个饮水点")
    assert kiosk.engine.sync_once().last_error is None
    create_account(hub, "boss", "centre", [])

    desk = wide
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    desk.get_by_role("link", name="三个清单").click()
    desk.wait_for_url(re.compile(r".*/centre/lists$"))
    assert desk.locator(f'#summary tr.station[data-station="{STATION}"]').is_visible()
    desk.locator("#f-station").fill(STATION)  # the search box (a province has thousands)
    desk.locator("#f-apply").click()
    desk.wait_for_url(re.compile(rf".*station={STATION}.*"))

    # a member unit (refused empty, then recorded) and its resource
    desk.locator("#u-save").click()
    assert desk.locator("#error-name").inner_text() == "请填写此项"
    desk.locator("#u-name").fill("爱心超市")
    desk.locator("#u-role").fill("店长")
    desk.locator("#u-save").click()
    assert desk.locator("#notice").inner_text() == "已登记成员单位：爱心超市"
    desk.locator("#r-kind").select_option("goods")
    desk.locator("#r-description").fill("矿泉水")
    desk.locator("#r-quantity").fill("二十")
    desk.locator("#r-save").click()
    assert "数量须为" in desk.locator("#error-quantity").inner_text()
    assert desk.locator("#r-description").input_value() == "矿泉水"  # kept
    desk.locator("#r-quantity").fill("20")
    desk.locator("#r-measure").fill("箱")
    desk.locator("#r-save").click()
    assert "已登记资源：矿泉水" in desk.locator("#notice").inner_text()
    assert "20 箱" in desk.locator("#resources").inner_text()

    # the wish, promoted from its ticket page
    desk.goto(f"{hub.url}/centre/tickets/{STATION}/{wish.ticket}")
    assert desk.locator("#promote-form").is_visible()
    desk.locator("#promote-title").fill("骑手夏季饮水点")
    desk.locator("#promote-send").click()
    desk.wait_for_url(re.compile(rf".*/centre/tickets/{STATION}/{wish.ticket}.*"))
    assert "骑手夏季饮水点" in desk.locator("#listed").inner_text()
    shot(desk, "centre_ticket_listed_1366")

    # a project for it, with the water
    desk.locator("#to-lists").click()
    desk.locator("#p-title").fill("夏日送清凉")
    desk.locator("#p-owner").fill("李站长")
    desk.locator("#p-save").click()
    assert desk.locator("#error-needs").inner_text() == "请至少选择一项需求"
    desk.locator("#p-need-1").check()
    desk.locator("#p-resource-1").check()
    desk.locator("#p-save").click()
    assert desk.locator("#notice").inner_text() == "已新建项目：夏日送清凉"
    assert "进行中" in desk.locator("#projects").inner_text()
    assert "已对接" in desk.locator("#needs").inner_text()
    shot(desk, "centre_lists_1366")

    phone.goto(f"{hub.url}/t/{STATION}/{wish.ticket}")
    assert phone.locator("#project-status").inner_text() == "项目进行中"
    assert "夏日送清凉" in phone.locator("#project-line").inner_text()
    shot(phone, "phone_ticket_project_390")

    # done
    desk.locator("#s-status").select_option("done")
    desk.locator("#s-note").fill("送出 20 箱")
    desk.locator("#s-save").click()
    assert desk.locator("#notice").inner_text() == "已更改项目状态：夏日送清凉"
    assert desk.locator("#status-form").count() == 0  # nothing left in progress
    assert desk.locator("#met-month").inner_text() == "本月完成 1 项需求"
    phone.reload()
    assert phone.locator("#project-status").inner_text() == "项目已完成"

    # the kiosk's next pull
    assert kiosk.engine.sync_once().last_error is None
    lists = kiosk.services.get(ListsService).lists()
    assert [(p.title, p.status) for p in lists.projects] == [("夏日送清凉", "done")]
    assert [(n.title, n.state, n.ticket) for n in lists.needs] == [
        ("骑手夏季饮水点", "done", wish.ticket)
    ]
    assert lists.counts.needs_met_this_month == 1

    # the centre's page on a phone: nothing wider than the screen but the tables' own boxes
    cookies = desk.context.cookies()
    phone.context.add_cookies(cookies)
    phone.goto(f"{hub.url}/centre/lists?station={STATION}")
    assert phone.locator("#summary").is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    shot(phone, "centre_lists_390")
