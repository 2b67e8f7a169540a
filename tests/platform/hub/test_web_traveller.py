"""The traveller's phone pages, over real HTTP against a real hub (SQLite and PostgreSQL):
service page in zh/en, order help and leave a wish → hub-authored events with a ticket → a
status page folded from the station's events; input limits and per-client rate limits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import ADMIN_TOKEN, STATION, Hub, serve

PAGE = f"/s/{STATION}/water"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> HubSettings:
    return HubSettings(
        data_dir=tmp_path / "hub",
        database_url=database_url,
        admin_token=ADMIN_TOKEN,
        pool_size=5,
        web_submit_burst=3,
        web_submit_per_hour=1,
    )


def events(hub: Hub) -> int:
    return int(hub.app.state.admin_service.status().events)


def order(hub: Hub, **fields: str) -> httpx.Response:
    return hub.client.post(f"{PAGE}/help", data=fields)


def ticket_of(response: httpx.Response) -> str:
    assert response.status_code == 303, response.text
    found = re.fullmatch(rf"/t/{STATION}/(\d{{6}})\?lang=(zh|en)", response.headers["location"])
    assert found is not None, response.headers["location"]
    return found.group(1)


def test_service_page_in_the_phones_language_with_a_switch(hub: Hub) -> None:
    zh = hub.client.get(PAGE)
    assert zh.status_code == 200
    assert "免费饮水" in zh.text and "北京西站" in zh.text and 'lang="zh-CN"' in zh.text
    assert "开放时间" in zh.text and f'href="{PAGE}?lang=en"' in zh.text
    assert zh.headers["content-security-policy"].startswith("default-src 'none'")
    en = hub.client.get(PAGE, headers={"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"})
    assert "Free drinking water" in en.text or "water" in en.text.lower()
    assert 'lang="en"' in en.text and "Opening hours" in en.text
    switched = hub.client.get(PAGE, params={"lang": "en"})
    assert 'lang="en"' in switched.text
    assert "lang=en" in switched.headers["set-cookie"]
    # the remembered choice wins over the phone's Accept-Language
    again = hub.client.get(PAGE, headers={"Accept-Language": "zh-CN"})
    assert 'lang="en"' in again.text
    assert hub.client.get("/static/hub.css").headers["content-type"].startswith("text/css")


def test_missing_station_service_or_bad_path_is_a_readable_404(hub: Hub) -> None:
    for path in (
        f"/s/{STATION}/nope",
        "/s/st-nowhere/water",
        "/s/bad%20id/water",
        f"/t/{STATION}/12",
    ):
        response = hub.client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
        assert "找不到" in response.text
    missing = hub.client.get(f"/t/{STATION}/123456", params={"lang": "en"})
    assert missing.status_code == 404 and "No such ticket" in missing.text


def test_a_published_catalogue_replaces_the_bundled_one(hub: Hub) -> None:
    body = {
        "services": [
            {
                "id": "water",
                "name_zh": "开水间",
                "name_en": "Hot water",
                "description_zh": "二十四小时热水。",
                "description_en": "Hot water day and night.",
                "where_zh": "三号候车室",
                "where_en": "Waiting room 3",
                "hours": "全天",
                "hours_en": "All day",
                "icon": "water",
            }
        ]
    }
    response = hub.client.post(
        "/v1/admin/config",
        json={"kind": "catalogue", "station_id": STATION, "body": body},
        headers=hub.admin,
    )
    assert response.status_code == 201
    page = hub.client.get(PAGE)
    assert "开水间" in page.text and "三号候车室" in page.text
    assert hub.client.get(f"/s/{STATION}/transport").status_code == 404


def test_order_help_makes_a_phone_request_and_a_ticket_page(hub: Hub) -> None:
    form = hub.client.get(f"{PAGE}/help")
    assert form.status_code == 200 and 'value="luggage"' in form.text
    response = order(
        hub,
        category="luggage",
        train="g1234",
        departs="14:30",
        phone="13812345678",
        consent="1",
        text="两个箱子",
    )
    ticket = ticket_of(response)
    page = hub.client.get(response.headers["location"])
    assert page.status_code == 200
    assert ticket in page.text and "等待接单" in page.text and "行李" in page.text
    assert "138****5678" in page.text and "13812345678" not in page.text
    assert "两个箱子" not in page.text  # nothing typed is shown back but the masked phone
    assert '<meta http-equiv="refresh" content="20">' in page.text

    kiosk = hub.enrol("k-1")
    pulled = kiosk.pull_all()
    assert len(pulled) == 1
    event = pulled[0]["event"]
    assert event["kind"] == "request.ordered" and event["kiosk_id"] == f"hub:{STATION}"
    payload = event["payload"]
    assert payload["ticket"] == ticket and payload["channel"] == "phone"
    assert payload["train"] == "G1234" and payload["consent"] == 1
    assert "13812345678" not in str(payload) and payload["sealed"].startswith("pii1.")
    assert payload["departs_at"].endswith("+08:00")

    # a volunteer accepts it at the kiosk: the status page follows
    accepted = kiosk.write(
        1,
        kind="request.accepted",
        payload={"request_id": payload["request_id"], "volunteer_id": "v-1"},
    )
    assert kiosk.push(accepted).status_code == 200
    assert "已接单" in hub.client.get(f"/t/{STATION}/{ticket}").text
    done = kiosk.write(
        1,
        kind="request.completed",
        payload={"request_id": payload["request_id"], "volunteer_id": "v-1"},
    )
    assert kiosk.push(done).status_code == 200
    assert "已完成" in hub.client.get(f"/t/{STATION}/{ticket}").text


def test_a_wish_with_chinese_text_is_answered(hub: Hub) -> None:
    form = hub.client.get(f"{PAGE}/wish", params={"lang": "en"})
    assert "Wages, labour rights" in form.text
    response = hub.client.post(
        f"{PAGE}/wish", data={"category": "wages", "text": "工地老板拖欠三个月工资，想咨询怎么办"}
    )
    ticket = ticket_of(response)
    assert response.headers["location"].endswith("?lang=en")  # the chosen language is kept
    page = hub.client.get(f"/t/{STATION}/{ticket}", params={"lang": "zh"})
    assert "已收到" in page.text and "工资 / 劳动权益" in page.text
    kiosk = hub.enrol("k-2")
    wish_id = kiosk.pull_all()[0]["event"]["payload"]["wish_id"]
    answer = kiosk.write(
        1,
        kind="wish.status_set",
        payload={"wish_id": wish_id, "status": "answered", "answer": "请拨打 12333 <咨询>"},
    )
    assert kiosk.push(answer).status_code == 200
    page = hub.client.get(f"/t/{STATION}/{ticket}")
    assert "已答复" in page.text
    assert "请拨打 12333 &lt;咨询&gt;" in page.text  # escaped


@pytest.mark.parametrize(
    ("path", "fields", "error"),
    [
        ("help", {"category": "taxi"}, "请选择一项"),
        ("help", {"category": "lost", "train": "XYZ"}, "车次格式如 G1234"),
        ("help", {"category": "lost", "departs": "25:00"}, "时间格式如 14:30"),
        ("help", {"category": "lost", "phone": "12ab"}, "手机号须为 6–15 位数字"),
        ("help", {"category": "lost", "text": "字" * 201}, "最多 200 字"),
        ("wish", {"category": "job", "text": "  "}, "请写下内容"),
        ("wish", {"category": "job"}, "请写下内容"),
    ],
)
def test_bad_input_is_a_readable_422_and_writes_nothing(
    hub: Hub, path: str, fields: dict[str, str], error: str
) -> None:
    response = hub.client.post(f"{PAGE}/{path}", data=fields)
    assert response.status_code == 422
    assert "填写有误" in response.text and error in response.text
    assert events(hub) == 0


def test_oversized_or_odd_bodies_are_refused(hub: Hub) -> None:
    big = hub.client.post(f"{PAGE}/wish", data={"category": "job", "text": "字" * 2000})
    assert big.status_code == 413 and big.headers["content-type"].startswith("text/html")
    as_json = hub.client.post(f"{PAGE}/wish", json={"category": "job", "text": "x"})
    assert as_json.status_code == 400
    bad_utf8 = hub.client.post(
        f"{PAGE}/wish",
        content=b"category=job&text=%ff%fe",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert bad_utf8.status_code == 400
    assert events(hub) == 0


def test_submits_are_rate_limited_per_client_with_a_readable_page(hub: Hub) -> None:
    assert hub.client.get(f"{PAGE}/help").status_code == 200  # the phone gets its cookie
    for _ in range(3):
        ticket_of(order(hub, category="directions"))
    refused = order(hub, category="directions")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert "操作太频繁" in refused.text and "分钟后再试" in refused.text
    assert events(hub) == 3
    # page views have their own bucket: the status pages still open
    assert hub.client.get(PAGE).status_code == 200


@pytest.fixture
def tight_hub(settings: HubSettings) -> Iterator[tuple[httpx.Client, FastAPI]]:
    tight = settings.model_copy(update={"web_view_burst": 2, "web_view_per_min": 0.01})
    app = create_app(tight)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        client.post(
            "/v1/admin/stations",
            json={"station_id": STATION, "name": "北京西站"},
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        )
        yield client, app


def test_page_views_are_rate_limited_too(tight_hub: tuple[httpx.Client, Any]) -> None:
    client, _app = tight_hub
    assert [client.get(PAGE).status_code for _ in range(3)] == [200, 200, 429]
    en = client.get(PAGE, params={"lang": "en"})
    assert en.status_code == 429 and "Too many requests" in en.text
    # the sync API is not limited by the page buckets
    assert client.get("/healthz").status_code == 200
