"""Everything else the hub writes gets the same checks as a pushed event (issue 13 item 1): the
admin API, enrolment, the centre's publish form and the traveller's phone forms refuse NUL, lone
surrogates, numbers no database holds, nesting past the parsers' stacks and `"1"`/`true` for
numbers with a 4xx and a reason, write nothing, and never answer 5xx, on both databases."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import Hub, Kiosk

from tests.platform.hub.test_hub_poison import unstorable_escapes

JSON = {"Content-Type": "application/json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
PASSWORD = "correct horse battery"
ROSTER_N = '{"kind": "roster", "body": {"n": %s}}'


@pytest.fixture
def boss(hub: Hub) -> Iterator[tuple[httpx.Client, str]]:
    """A browser signed in to the centre as a centre admin, and its CSRF token."""
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    with httpx.Client(base_url=str(hub.client.base_url), timeout=30) as client:
        login = csrf_of(client.get("/centre/login").text)
        signed = client.post(
            "/centre/login", data={"csrf": login, "username": "boss", "password": PASSWORD}
        )
        assert signed.status_code == 303, signed.text
        yield client, csrf_of(client.get("/centre/publish").text)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, html
    return found.group(1)


def config_versions(probe: Kiosk) -> int:
    """Configuration items a kiosk of the station pulls from the start (the badge key is one)."""
    response = probe.pull(after="")
    assert response.status_code == 200, response.text
    return len(response.json()["config"])


def _deep(levels: int) -> str:
    return '{"a":' * levels + "1" + "}" * levels


# (method, path, raw JSON body or None, query): each must be refused with 4xx, never 5xx.
ADMIN_CASES: dict[str, tuple[str, str, str | None, dict[str, str]]] = {
    "kiosks: NUL station": ("GET", "/v1/admin/kiosks", None, {"station_id": "\x00"}),
    "rejects: NUL kiosk": ("GET", "/v1/admin/rejects", None, {"kiosk_id": "k\x00"}),
    "revoke: NUL kiosk": ("POST", "/v1/admin/kiosks/k%00/revoke", None, {}),
    "station: NUL name": (
        "POST",
        "/v1/admin/stations",
        json.dumps({"station_id": "st-2", "name": "西\x00站"}),
        {},
    ),
    "station: lone surrogate name": (
        "POST",
        "/v1/admin/stations",
        json.dumps({"station_id": "st-2", "name": "\ud800"}),
        {},
    ),
    "station: lone surrogate key": (
        "POST",
        "/v1/admin/stations",
        json.dumps({"station_id": "st-2", "name": "x", "\udc00": 1}),
        {},
    ),
    "code: ttl as a string": (
        "POST",
        "/v1/admin/enrol-codes",
        json.dumps({"station_id": "st-beijing-west", "ttl_s": "3600"}),
        {},
    ),
    "code: ttl as true": (
        "POST",
        "/v1/admin/enrol-codes",
        json.dumps({"station_id": "st-beijing-west", "ttl_s": True}),
        {},
    ),
    "code: ttl 2**70": (
        "POST",
        "/v1/admin/enrol-codes",
        json.dumps({"station_id": "st-beijing-west", "ttl_s": 2**70}),
        {},
    ),
    "config: NUL": (
        "POST",
        "/v1/admin/config",
        json.dumps({"kind": "roster", "body": {"volunteers": ["\x00"]}}),
        {},
    ),
    "config: lone surrogate": (
        "POST",
        "/v1/admin/config",
        json.dumps({"kind": "roster", "body": {"volunteers": ["\udfff"]}}),
        {},
    ),
    "config: 1e400": ("POST", "/v1/admin/config", '{"kind": "roster", "body": {"n": 1e400}}', {}),
    "config: 2**70": (
        "POST",
        "/v1/admin/config",
        f'{{"kind": "roster", "body": {{"n": {2**70}}}}}',
        {},
    ),
    "config: nested 600 deep": (
        "POST",
        "/v1/admin/config",
        f'{{"kind": "roster", "body": {_deep(600)}}}',
        {},
    ),
}


@pytest.mark.parametrize("case", list(ADMIN_CASES))
def test_the_admin_api_refuses_what_it_cannot_store(hub: Hub, case: str) -> None:
    method, path, body, query = ADMIN_CASES[case]
    probe = hub.enrol("k-probe")
    before = config_versions(probe)
    response = hub.client.request(
        method,
        path,
        params=query,
        content=body.encode() if body is not None else None,
        headers={**hub.admin, **JSON},
    )
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["reason"] and response.json()["reason_zh"]
    assert not unstorable_escapes(response.text)
    assert hub.client.get("/v1/admin/status", headers=hub.admin).json()["stations"] == 1
    assert config_versions(probe) == before


@pytest.mark.parametrize(
    "body",
    [
        {"name": "终端\x00"},
        {"name": "\ud800"},
        {"code": "ab\x00cd"},
    ],
    ids=["NUL name", "lone surrogate name", "NUL code"],
)
def test_enrolment_refuses_what_it_cannot_store(hub: Hub, body: dict[str, Any]) -> None:
    code = hub.code()
    response = hub.client.post(
        "/v1/enroll", content=json.dumps({"code": code, **body}).encode(), headers=JSON
    )
    assert response.status_code == 422, response.text
    assert response.json()["reason"] == "invalid_request"
    assert hub.client.get("/v1/admin/kiosks", headers=hub.admin).json() == []
    # the code was not spent
    assert hub.client.post("/v1/enroll", json={"code": code}).status_code == 200


PUBLISH_BODIES = {
    "NUL": '{"volunteers": ["\\u0000"]}',
    "lone surrogate": '{"volunteers": ["\\ud800"]}',
    "1e400": '{"volunteers": [1e400]}',
    "NaN": '{"volunteers": [NaN]}',
    "2**70": f'{{"volunteers": [{2**70}]}}',
    "nested 5000 deep": _deep(5000),
}


@pytest.mark.parametrize("case", list(PUBLISH_BODIES))
def test_the_centre_refuses_to_publish_what_it_cannot_store(
    hub: Hub, boss: tuple[httpx.Client, str], case: str
) -> None:
    browser, token = boss
    probe = hub.enrol("k-probe")
    before = config_versions(probe)
    response = browser.post(
        "/centre/publish", data={"csrf": token, "kind": "roster", "body": PUBLISH_BODIES[case]}
    )
    assert response.status_code == 422, response.text
    assert config_versions(probe) == before


def test_the_centre_refuses_a_station_it_cannot_store(
    hub: Hub, boss: tuple[httpx.Client, str]
) -> None:
    browser, token = boss
    probe = hub.enrol("k-probe")
    before = config_versions(probe)
    response = browser.post(
        "/centre/publish",
        content=f"csrf={token}&kind=roster&station=st%00x&body=%7B%7D".encode(),
        headers=FORM,
    )
    assert response.status_code == 422, response.text
    assert config_versions(probe) == before


PHONE_FORMS = {
    "help: NUL in text": ("help", "category=other&text=hello%00there"),
    "help: NUL in phone": ("help", "category=other&phone=1380000%000000"),
    "help: NUL in train": ("help", "category=other&train=G1%0034"),
    "wish: NUL in text": ("wish", "category=other&text=%00"),
    "wish: NUL in a field name": ("wish", "category=other&text=hi&x%00=1"),
    "wish: lone surrogate": ("wish", "category=other&text=%ED%A0%80"),
}


@pytest.mark.parametrize("case", list(PHONE_FORMS))
def test_the_phone_forms_refuse_what_they_cannot_store(hub: Hub, case: str) -> None:
    form, body = PHONE_FORMS[case]
    response = hub.client.post(
        f"/s/st-beijing-west/water/{form}", content=body.encode(), headers=FORM
    )
    assert response.status_code in (400, 422), response.text
    assert "\x00" not in response.text
    assert hub.app.state.admin_service.status().events == 0


def test_a_refused_phone_form_says_why(hub: Hub) -> None:
    response = hub.client.post(
        "/s/st-beijing-west/water/wish",
        content=b"category=other&text=hello%00",
        headers={**FORM, "Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert "cannot be stored" in response.text
    zh = hub.client.post(
        "/s/st-beijing-west/water/wish?lang=zh",
        content=b"category=other&text=hello%00",
        headers=FORM,
    )
    assert "无法保存" in zh.text
