"""The centre's ticket actions over real HTTP against a real hub (SQLite and PostgreSQL): who may
act on which station's tickets, and every kind of bad input refused with its reason (zh and
en) and nothing written; then the actions themselves, as events a kiosk pulls."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from kiosk.platform.hub.models import HubEvent
from tests.platform.hub.conftest import STATION, Hub
from tests.platform.hub.test_web_centre import OTHER, PASSWORD, csrf_of, signed_in


@pytest.fixture
def desk_hub(hub: Hub) -> Hub:
    hub.create_station(OTHER)
    accounts = hub.app.state.account_service
    accounts.create("boss", PASSWORD, "centre", [])
    accounts.create("west", PASSWORD, "station", [STATION])
    accounts.create("south", PASSWORD, "station", [OTHER])
    return hub


def written(hub: Hub, kind: str) -> int:
    with hub.app.state.database.read() as session:
        found = session.scalar(select(func.count()).where(HubEvent.kind == kind))
        return int(found or 0)


def ticket_of(response: httpx.Response) -> str:
    assert response.status_code == 303, response.text
    found = re.search(r"/t/[^/]+/(\d{6})", response.headers["location"])
    assert found is not None
    return found.group(1)


def on_duty(hub: Hub) -> None:
    """王芳 (FZB-0001) registered and checked in at a kiosk of the station, synced."""
    kiosk = hub.enrol("k-desk")
    registered = kiosk.write(
        1,
        kind="volunteer.registered",
        payload={
            "volunteer_id": "v-1",
            "name": "王芳",
            "number": "FZB-0001",
            "phone": "13800000001",
        },
    )
    checked_in = kiosk.write(1)  # shift.checked_in of v-1
    assert kiosk.push(registered + checked_in).status_code == 200


def test_bad_input_is_refused_with_its_reason_and_nothing_written(desk_hub: Hub) -> None:
    hub = desk_hub
    on_duty(hub)
    request = ticket_of(hub.client.post(f"/s/{STATION}/water/help", data={"category": "luggage"}))
    wish = ticket_of(
        hub.client.post(f"/s/{STATION}/water/wish", data={"category": "rest", "text": "想休息"})
    )
    west = signed_in(hub, "west")
    base = f"/centre/tickets/{STATION}"
    page = west.get(f"{base}/{request}")
    assert page.status_code == 200 and "王芳 · FZB-0001" in page.text
    token = csrf_of(page.text)

    def post(client: httpx.Client, path: str, **form: str) -> httpx.Response:
        return client.post(path, data={"csrf": token, **form})

    # a station admin acting on another station's ticket: 403, nothing written
    south = signed_in(hub, "south")
    south_token = csrf_of(south.get("/centre/").text)
    refused = south.post(f"{base}/{request}/assign", data={"csrf": south_token, "volunteer": "v-1"})
    assert refused.status_code == 403 and "无权" in refused.text
    assert south.get(f"{base}/{request}").status_code == 403
    # no CSRF token
    assert west.post(f"{base}/{request}/close", data={"reason": "x"}).status_code == 403
    # a volunteer not on duty here
    unknown = post(west, f"{base}/{request}/assign", volunteer="v-404")
    assert unknown.status_code == 422 and "请选择一位该站点的在岗志愿者" in unknown.text
    assert 'aria-describedby="error-volunteer"' in unknown.text
    # a request cannot be answered, a wish cannot be assigned or closed
    assert post(west, f"{base}/{request}/answer", answer="好").status_code == 409
    assert post(west, f"{base}/{wish}/assign", volunteer="v-1").status_code == 409
    assert post(west, f"{base}/{wish}/close", reason="重复").status_code == 409
    # empty, too long, unstorable
    empty = post(west, f"{base}/{wish}/answer", answer="   ")
    assert empty.status_code == 422 and "请写下答复" in empty.text
    english = west.post(f"{base}/{wish}/answer?lang=en", data={"csrf": token, "answer": ""})
    assert english.status_code == 422 and "Please write an answer" in english.text
    west.get("/centre/?lang=zh")  # back to Chinese (the choice is remembered)
    long = post(west, f"{base}/{wish}/answer", answer="好" * 501)
    assert long.status_code == 422 and "答复最多 500 字" in long.text
    assert "好" * 501 in long.text  # what was typed is kept
    nul = post(west, f"{base}/{wish}/answer", answer="a\x00b")
    assert nul.status_code == 422 and "含有无法保存的字符" in nul.text
    no_reason = post(west, f"{base}/{request}/close", reason="")
    assert no_reason.status_code == 422 and "请写下关闭原因" in no_reason.text
    too_long = post(west, f"{base}/{request}/close", reason="x" * 201)
    assert too_long.status_code == 422 and "原因最多 200 字" in too_long.text
    # an unknown ticket
    assert post(west, f"{base}/999999/close", reason="x").status_code == 404
    assert west.get(f"{base}/999999").status_code == 404
    for kind in ("request.accepted", "request.cancelled", "wish.status_set"):
        assert written(hub, kind) == 0

    # then the real thing, once each: a second time is refused as closed or taken
    assigned = post(west, f"{base}/{request}/assign", volunteer="v-1")
    assert assigned.status_code == 200 and "已派单给 王芳" in assigned.text
    assert post(west, f"{base}/{request}/assign", volunteer="v-1").status_code == 409
    closed = post(west, f"{base}/{request}/close", reason="旅客已离开")
    assert closed.status_code == 200 and "已关闭" in closed.text
    history = closed.text.split('id="history"')[1]
    assert "接单 · 中心账号 west" in history  # the audit trail: who did what
    assert "关闭 / 取消 · 中心账号 west：旅客已离开" in history
    again = post(west, f"{base}/{request}/close", reason="旅客已离开")
    assert again.status_code == 409 and "此单已结束" in again.text
    answered = post(west, f"{base}/{wish}/answer", answer="二楼有休息区。")
    assert answered.status_code == 200
    assert post(west, f"{base}/{wish}/answer", answer="再答一次").status_code == 409
    assert [written(hub, k) for k in ("request.accepted", "request.cancelled")] == [1, 1]
    assert written(hub, "wish.status_set") == 1

    # each is an ordinary event of the station's feed, its actor the centre account
    kiosk = hub.enrol("k-later")
    pulled = [e["event"] for e in kiosk.pull_all()]
    mine = {e["kind"]: e for e in pulled if e["actor"] == "centre:west"}
    assert mine["request.accepted"]["payload"]["volunteer_id"] == "v-1"
    assert mine["request.cancelled"]["payload"]["reason"] == "旅客已离开"
    assert mine["wish.status_set"]["payload"] == {
        "wish_id": mine["wish.status_set"]["payload"]["wish_id"],
        "status": "answered",
        "answer": "二楼有休息区。",
    }
    phone = hub.client.get(f"/t/{STATION}/{wish}")
    assert "二楼有休息区。" in phone.text


def test_a_centre_admin_acts_on_any_station(desk_hub: Hub) -> None:
    hub = desk_hub
    ticket = ticket_of(hub.client.post(f"/s/{STATION}/water/help", data={"category": "lost"}))
    boss = signed_in(hub, "boss")
    page = boss.get(f"/centre/tickets/{STATION}/{ticket}")
    assert page.status_code == 200
    assert "该站点现在没有在岗志愿者" in page.text  # nobody checked in: no picker
    closed = boss.post(
        f"/centre/tickets/{STATION}/{ticket}/close",
        data={"csrf": csrf_of(page.text), "reason": "已找到"},
    )
    assert closed.status_code == 200 and written(hub, "request.cancelled") == 1


def test_a_kiosk_and_the_centre_accepting_at_once_agree_on_the_earlier(desk_hub: Hub) -> None:
    """李强 accepted at a kiosk that had not synced yet; the centre then assigned 王芳. Once
    the kiosk's accept arrives, the earlier one stands everywhere (the agreed order) and the
    centre's is shown as the one that lost."""
    hub = desk_hub
    kiosk = hub.enrol("k-both")
    people = [
        kiosk.write(
            1,
            kind="volunteer.registered",
            payload={"volunteer_id": vid, "name": name, "number": number, "phone": phone},
        )
        for vid, name, number, phone in (
            ("v-1", "王芳", "FZB-0001", "13800000001"),
            ("v-2", "李强", "FZB-0002", "13800000002"),
        )
    ]
    shifts = [
        kiosk.write(1, payload={"shift_id": f"sh-{vid}", "volunteer_id": vid, "method": "badge"})
        for vid in ("v-1", "v-2")
    ]
    assert kiosk.push([e for batch in people + shifts for e in batch]).status_code == 200
    ticket = ticket_of(hub.client.post(f"/s/{STATION}/water/help", data={"category": "luggage"}))
    pulled = kiosk.pull_all()
    request_id = next(
        e["event"]["payload"]["request_id"]
        for e in pulled
        if e["event"]["kind"] == "request.ordered"
    )
    offline_accept = kiosk.write(  # made now, pushed after the centre's assignment
        1, kind="request.accepted", payload={"request_id": request_id, "volunteer_id": "v-2"}
    )
    boss = signed_in(hub, "boss")
    page = boss.get(f"/centre/tickets/{STATION}/{ticket}")
    assigned = boss.post(
        f"/centre/tickets/{STATION}/{ticket}/assign",
        data={"csrf": csrf_of(page.text), "volunteer": "v-1"},
    )
    assert assigned.status_code == 200 and "王芳 · FZB-0001" in assigned.text
    assert kiosk.push(offline_accept).status_code == 200
    after = boss.get(f"/centre/tickets/{STATION}/{ticket}").text
    facts = after.split('id="facts"')[1].split("</dl>")[0]
    assert "<dt>接单志愿者</dt><dd>李强 · FZB-0002</dd>" in facts
    assert "王芳 · FZB-0001" in facts.split("未生效的接单")[1]
    phone = hub.client.get(f"/t/{STATION}/{ticket}")
    assert "已接单" in phone.text


def test_the_open_list_is_paged_with_its_total(desk_hub: Hub) -> None:
    hub = desk_hub
    kiosk = hub.enrol("k-many")
    orders = [
        kiosk.write(
            1,
            kind="request.ordered",
            payload={
                "request_id": f"r-{n}",
                "ticket": str(200_000 + n),
                "category": "directions",
                "channel": "kiosk",
            },
        )[0]
        for n in range(55)
    ]
    assert kiosk.push(orders).status_code == 200
    west = signed_in(hub, "west")
    first = west.get("/centre/tickets", params={"state": "ordered"})
    assert first.status_code == 200
    assert "共 55 张，第 1/2 页" in first.text
    assert first.text.count('class="ticket-row') == 50
    following = re.search(r'href="([^"]+)" id="page-next"', first.text)
    assert following is not None and "state=ordered" in following.group(1)
    second = west.get(following.group(1).replace("&amp;", "&"))
    assert "共 55 张，第 2/2 页" in second.text
    assert second.text.count('class="ticket-row') == 5
    assert 'id="page-prev"' in second.text and 'id="page-next"' not in second.text
    shown = set(re.findall(r'data-ticket="(\d+)"', first.text + second.text))
    assert shown == {str(200_000 + n) for n in range(55)}  # each once, none lost
    assert "共 0 张" in west.get("/centre/tickets", params={"state": "accepted"}).text
    assert west.get("/centre/tickets", params={"state": "bogus"}).status_code == 422


def test_each_account_sees_its_stations_figures_from_the_read_model(desk_hub: Hub) -> None:
    """Two stations' requests: the centre admin's page counts both (every station: no list
    sent), filtered to one it counts that one, and a station admin sees only their own: the
    counts, the median minutes to accept and the open total of each."""
    hub = desk_hub
    now = datetime.now(UTC) - timedelta(hours=1)
    for station, kiosk_id, waits in ((STATION, "k-west", (2, 4, 9)), (OTHER, "k-south", (6,))):
        kiosk = hub.enrol(kiosk_id, station)
        for n, minutes in enumerate(waits):
            order = {"request_id": f"r-{kiosk_id}-{n}", "ticket": str(400_000 + n)}
            order |= {"category": "luggage", "channel": "kiosk"}
            kiosk.write(1, kind="request.ordered", payload=order, station_id=station)
            kiosk.events[-1]["occurred_at"] = now.isoformat()
            accept = {"request_id": order["request_id"], "volunteer_id": "v-1"}
            kiosk.write(
                1,
                kind="request.accepted",
                payload=accept,
                station_id=station,
                occurred_at=now + timedelta(minutes=minutes),
            )
        kiosk.write(  # one still waiting
            1,
            kind="request.ordered",
            payload={"request_id": f"r-{kiosk_id}-w", "ticket": "499999", "category": "other"}
            | {"channel": "kiosk"},
            station_id=station,
            occurred_at=now,
        )
        assert kiosk.push(kiosk.events).status_code == 200

    def summary(client: httpx.Client, **params: str) -> tuple[list[list[str]], str]:
        page = client.get("/centre/tickets", params=params)
        assert page.status_code == 200, page.text
        body = page.text.split('id="summary"')[1].split("</tbody>")[0]
        rows = [
            re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in body.split("<tr>")[2:]
        ]  # (the head's row first)
        found = re.search(r"共 (\d+) 张", page.text)
        assert found is not None
        listed = re.findall(r'href="/centre/tickets/([^/]+)/\d+', page.text)
        assert len(listed) == int(found.group(1))  # the open list holds what it counts
        csv = client.get("/centre/tickets", params={**params, "format": "csv"}).text
        assert sorted(line.split(",")[0] for line in csv.splitlines()[1:]) == sorted(listed)
        return rows, found.group(1)

    boss, west = signed_in(hub, "boss"), signed_in(hub, "west")
    every, total = summary(boss)
    assert total == "6"  # accepted requests are still open (not done)
    # (both stations are named 北京西站) requests, open, done, cancelled, median minutes to
    # accept, wishes, wishes open
    west_row = ["北京西站", "4", "4", "0", "0", "4.0", "0", "0"]
    south_row = ["北京西站", "2", "2", "0", "0", "6.0", "0", "0"]
    assert sorted(every) == sorted([west_row, south_row])
    assert summary(boss, station=OTHER) == ([south_row], "2")
    own, own_total = summary(west)
    assert (own, own_total) == ([west_row], "4")

    # Across stations a line of totals heads the table (median over every accepted request:
    # 2, 4, 6, 9 minutes); for one station there is nothing to total.
    page = boss.get("/centre/tickets").text
    total = page.split('id="summary-total"')[1].split("</tr>")[0]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", total)
    assert cells == ["全部站点", "6", "6", "0", "0", "5.0", "0", "0"]
    assert 'id="summary-total"' not in boss.get("/centre/tickets", params={"station": OTHER}).text

    # A province: the table 20 stations a page, the busiest first, the totals over all.
    for n in range(21):
        hub.create_station(f"st-q{n:02d}")
    first = boss.get("/centre/tickets").text
    rows = first.split('id="summary"')[1].split("</tbody>")[0].split("<tr>")[2:]
    assert len(rows) == 20 and rows[0].startswith('<td>北京西站</td><td class="num">4</td>')
    assert "第 1 / 2 页：第 1–20 行，共 23 行" in first
    assert re.findall(r"<td[^>]*>([^<]*)</td>", first.split('id="summary-total"')[1])[:3] == [
        "全部站点",
        "6",
        "6",
    ]
    later = re.search(r'href="([^"]+)" id="page-next-stations"', first)
    assert later is not None and "spage=2" in later.group(1)
    second = boss.get(later.group(1).replace("&amp;", "&")).text
    rest = second.split('id="summary"')[1].split("</tbody>")[0].split("<tr>")[2:]
    assert len(rest) == 3
    assert second.count('class="ticket-row') == 6  # the open list is not paged by it
