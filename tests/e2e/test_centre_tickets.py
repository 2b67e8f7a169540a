"""Tickets at the centre, in a real browser (Playwright driving Debian's chromium) against a real
hub whose clock the test sets, with a real kiosk syncing: the open list puts urgent requests
first and highlights waiting ones by age; a centre admin assigns a request to a volunteer on
duty, closes another with a reason and answers a wish; bad input is refused with the reason
beside its field and nothing written; the traveller's phone shows the answer; the kiosk, after
its next sync, sees the request accepted by that volunteer, the other one cancelled, and the
answer in its ticket lookup."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from kiosk.core.clock import FixedClock
from kiosk.features.requests.domain import RequestStatus
from kiosk.features.wishes.service import lookup
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.store import eventlog
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import ADMIN, STATION, HubServer, SyncedKiosk

PIN = "2468"
KIOSK_START = datetime(2026, 11, 2, 0, 30, tzinfo=UTC)  # 08:30 at the station
HUB_NOW = KIOSK_START + timedelta(minutes=26)
ANSWER = "本周五上午 9 点站内有招聘会，请带身份证到二楼服务台。"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    """The sync tests' hub, on a clock the test holds (26 minutes after the first order)."""
    (tmp_path / "hub").mkdir()
    settings = HubSettings(
        data_dir=tmp_path / "hub",
        database_url=f"sqlite:///{tmp_path / 'hub' / 'hub.sqlite3'}",
        admin_token=ADMIN,
    )
    server = HubServer(settings, FixedClock(HUB_NOW))
    server.start()
    made = server.admin(
        "POST", "/v1/admin/stations", json={"station_id": STATION, "name": "福州北站"}
    )
    assert made.status_code == 201, made.text
    try:
        yield server
    finally:
        server.stop()


def shots(tmp_path: Path) -> Path:
    """Where the screenshots go: $SHOTS_DIR to look at them, else the test's own folder."""
    folder = Path(os.environ.get("SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def hub_count(hub: HubServer, kind: str) -> int:
    from kiosk.platform.hub.db import Database, make_engine

    database = Database(make_engine(hub.settings.resolved_database_url(), 1))
    try:
        with database.read() as session:
            found = session.execute(
                text("SELECT count(*) FROM events WHERE kind = :k"), {"k": kind}
            ).scalar_one()
            return int(found)
    finally:
        database.dispose()


def kiosk_name(kiosk: SyncedKiosk) -> str:
    """How the history names an unnamed kiosk: the end of its id."""
    with kiosk.services.database.read() as session:
        return eventlog.meta(session).kiosk_id[-6:]


def sign_in(desk: Any, hub: HubServer) -> None:
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))


def test_the_centre_answers_assigns_and_closes_and_the_kiosk_sees_it(
    desk: Any,
    phone: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
    tmp_path: Path,
) -> None:
    kiosk = make_kiosk("south", start=KIOSK_START)
    services = kiosk.services
    wang = services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    services.roster.register("李强", "FZB-0002", "13800000002", PIN)  # registered, not on duty
    services.shifts.clock_with_pin("13800000001", PIN)
    waited_26 = services.requests.order("wheelchair")  # 08:30: waits 26 min at the hub's 08:56
    kiosk.clock.advance(timedelta(minutes=14))
    waited_12 = services.requests.order("luggage")  # 08:44: 12 min
    kiosk.clock.advance(timedelta(minutes=6))
    wish = services.wishes.submit("job", "想找一份送餐的工作", "13912345678", consent=True)
    kiosk.clock.advance(timedelta(minutes=2))
    urgent = services.requests.order("medical")  # 08:52: 4 min, but urgent
    assert kiosk.engine.sync_once().last_error is None
    create_account(hub, "boss", "centre", [])
    folder = shots(tmp_path)

    sign_in(desk, hub)
    desk.set_viewport_size({"width": 1366, "height": 768})
    desk.get_by_role("link", name="求助与诉求").click()
    desk.wait_for_url(re.compile(r".*/centre/tickets$"))
    rows = desk.locator("#open tr.ticket-row")
    order = [rows.nth(i).get_attribute("data-ticket") for i in range(rows.count())]
    # urgent first, then the longest waiting; the wish is open too
    assert order == [urgent.ticket, waited_26.ticket, waited_12.ticket, wish.ticket]
    first, red, amber = rows.nth(0), rows.nth(1), rows.nth(2)
    assert "urgent" in (first.get_attribute("class") or "") and "紧急" in first.inner_text()
    assert "age-red" in (red.get_attribute("class") or "")
    assert red.locator("td.waited").inner_text() == "等待 26 分钟"
    assert "age-amber" in (amber.get_attribute("class") or "")
    assert amber.locator("td.waited").inner_text() == "等待 12 分钟"
    assert "age-" not in (first.get_attribute("class") or "")  # 4 minutes: not yet
    assert "共 4 张，第 1/1 页" in desk.locator("#open-count").inner_text()
    desk.screenshot(path=str(folder / "centre-tickets-1366.png"), full_page=True)
    desk.locator("#f-state").select_option("received")  # the state filter: wishes waiting
    desk.locator("#f-apply").click()
    desk.wait_for_url(re.compile(r".*state=received.*"))
    assert desk.locator("#open tr.ticket-row").count() == 1
    desk.locator("#f-state").select_option("")
    desk.locator("#f-apply").click()
    desk.wait_for_url(re.compile(r".*state=&.*|.*state=$"))

    # Assign the request waiting 26 minutes: only 王芳 is on duty
    desk.locator(f'tr[data-ticket="{waited_26.ticket}"] a.open-ticket').click()
    desk.wait_for_url(re.compile(rf".*/centre/tickets/{STATION}/{waited_26.ticket}.*"))
    options = desk.locator("#volunteer option").all_inner_texts()
    assert options == ["王芳 · FZB-0001"]
    desk.screenshot(path=str(folder / "centre-ticket-request-1366.png"), full_page=True)
    desk.locator("#assign-send").click()
    assert "已派单给 王芳" in desk.locator("#notice").inner_text()
    assert "王芳 · FZB-0001" in desk.locator("#facts").inner_text()
    assert desk.locator("#assign-form").count() == 0  # taken: no second assignment
    steps = desk.locator("#history li").all_inner_texts()
    assert steps[0] == "2026-11-02 08:30 · 提交求助 · 终端 " + kiosk_name(kiosk)
    assert steps[1] == "2026-11-02 08:56 · 接单 · 中心账号 boss"

    # The charts read the figures: the one request accepted waited 26 minutes, on 11-02
    desk.goto(f"{hub.url}/centre/tickets")
    day = desk.locator('#chart-response-days g.bar[data-label="11-02"]')
    assert day.get_attribute("data-value") == "26.0"
    assert float(day.locator("rect").get_attribute("height") or 0) > 0
    assert desk.locator("#chart-response-days g.bar").count() == 30  # the default 30 days
    quiet = desk.locator('#chart-response-days g.bar[data-label="11-01"]')
    assert quiet.get_attribute("data-value") == "0.0"
    station = desk.locator("#chart-response-stations g.bar")
    assert station.count() == 1 and station.get_attribute("data-label") == "福州北站"
    assert station.get_attribute("data-value") == "26.0"
    table = desk.locator("#chart-response-stations-data tbody tr").all_text_contents()
    assert table == ["福州北站26.0"]
    desk.locator("#chart-response-days summary").click()  # the numbers, as a table
    assert desk.locator("#chart-response-days-data").is_visible()
    desk.screenshot(path=str(folder / "centre-tickets-charts-1366.png"), full_page=True)
    desk.get_by_role("link", name="服务人次").click()  # 人次: three orders and a wish today
    desk.wait_for_url(re.compile(r".*/centre/usage$"))
    served = desk.locator('#chart-people-days g.bar[data-label="11-02"]')
    assert served.get_attribute("data-value") == "4"
    desk.screenshot(path=str(folder / "centre-usage-charts-1366.png"), full_page=True)

    # Close the 12-minute one: an empty reason is refused, nothing written
    desk.goto(f"{hub.url}/centre/tickets/{STATION}/{waited_12.ticket}")
    desk.locator("#close-send").click()
    assert desk.locator("#error-reason").inner_text() == "请写下关闭原因"
    assert desk.locator("#reason").get_attribute("aria-invalid") == "true"
    assert desk.locator("#reason").get_attribute("aria-describedby") == "error-reason"
    assert hub_count(hub, "request.cancelled") == 0
    desk.locator("#reason").fill("旅客已由车站工作人员送上车")
    desk.locator("#close-send").click()
    assert "已关闭" in desk.locator("#notice").inner_text()
    assert desk.locator("#closed").is_visible()
    assert hub_count(hub, "request.cancelled") == 1

    # Answer the wish: too long is refused and what was typed kept; then the answer goes out
    desk.goto(f"{hub.url}/centre/tickets/{STATION}/{wish.ticket}")
    # The wish's words and phone are sealed under its own key (docs/privacy.md); the ticket
    # page opens them with the hub's keys: the words in full, the phone masked as exports are.
    facts = desk.locator("#facts").inner_text()
    assert "想找一份送餐的工作" in facts and "139****5678" in facts
    assert "13912345678" not in desk.content()
    desk.locator("#answer").fill("好" * 501)
    desk.locator("#answer-send").click()
    assert desk.locator("#error-answer").inner_text() == "答复最多 500 字"
    assert desk.locator("#answer").input_value() == "好" * 501
    assert hub_count(hub, "wish.status_set") == 0
    desk.locator("#answer").fill(ANSWER)
    desk.locator("#answer-send").click()
    assert "已答复" in desk.locator("#notice").inner_text()
    desk.screenshot(path=str(folder / "centre-ticket-wish-1366.png"), full_page=True)
    desk.set_viewport_size({"width": 390, "height": 844})
    desk.goto(f"{hub.url}/centre/tickets/{STATION}/{urgent.ticket}")
    desk.screenshot(path=str(folder / "centre-ticket-request-390.png"), full_page=True)
    desk.goto(f"{hub.url}/centre/tickets")
    desk.screenshot(path=str(folder / "centre-tickets-390.png"), full_page=True)
    desk.set_viewport_size({"width": 1366, "height": 768})
    desk.goto(f"{hub.url}/centre/tickets/{STATION}/{waited_12.ticket}?lang=en")
    steps = desk.locator("#history li").all_inner_texts()
    closed_step = "2026-11-02 08:56 · Closed or cancelled · centre account boss"
    assert steps[-1] == f"{closed_step}: 旅客已由车站工作人员送上车"
    desk.screenshot(path=str(folder / "centre-ticket-closed-en-1366.png"), full_page=True)
    desk.goto(f"{hub.url}/centre/tickets?lang=en")
    assert desk.locator("#open tr.ticket-row td.waited").first.inner_text() == "waiting 4 min"
    desk.screenshot(path=str(folder / "centre-tickets-en-1366.png"), full_page=True)

    # The traveller asks for their data to be erased: the ticket page then says so
    desk.goto(f"{hub.url}/centre/privacy?station={STATION}&lang=zh")
    desk.locator("#ticket").fill(wish.ticket)
    desk.locator("#erase").click()
    assert desk.locator("#notice").inner_text() == "已删除该单的个人信息"
    desk.goto(f"{hub.url}/centre/tickets/{STATION}/{wish.ticket}")
    facts = desk.locator("#facts").inner_text()
    assert "想找一份送餐的工作" not in facts and "5678" not in facts
    assert "手机号和留言已删除（本人申请或保存期满）" in facts
    assert ANSWER in facts  # the centre's answer is not the traveller's personal data
    desk.goto(f"{hub.url}/centre/tickets/{STATION}/{wish.ticket}?lang=en")
    assert "The phone and words were erased" in desk.locator("#facts").inner_text()
    desk.screenshot(path=str(folder / "centre-ticket-erased-en-1366.png"), full_page=True)

    # The traveller's phone shows the answer
    phone.goto(f"{hub.url}/t/{STATION}/{wish.ticket}")
    assert phone.locator("#answer").inner_text() == ANSWER
    phone.screenshot(path=str(folder / "phone-ticket-answered-390.png"), full_page=True)

    # The kiosk, after its next sync
    assert kiosk.engine.sync_once().last_error is None
    taken = services.requests.get(waited_26.id)
    assert taken.status is RequestStatus.ACCEPTED and taken.accepted_by == "王芳"
    assert services.requests.get(waited_12.id).status is RequestStatus.CANCELLED
    queue = [v.ticket for v in services.requests.open_requests()]
    assert waited_12.ticket not in queue and waited_26.ticket in queue
    seen = lookup(services.requests, services.database, wish.ticket)
    assert getattr(seen, "answer", None) == ANSWER
    # 王芳 finishes it at the kiosk: the centre's assignment is an ordinary accept
    done = services.requests.complete(waited_26.id, wang.id, "escorted")
    assert done.status is RequestStatus.COMPLETED
