"""Request bodies against a real served hub (PostgreSQL and SQLite): a push's device token is
checked before its body is read, and every route that takes a body refuses it with 413 as soon
as it passes the route's limit, chunked or with a Content-Length that says too much, while the
hub's process stays small (issue 13, item 3).

"Early" is measured by the client: how much of the body had left it when the answer came.
Loopback socket buffers take a few MiB without the hub reading anything, hence the margins."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from kiosk.platform.hub.body_limit import DEFAULT_MAX_BODY_BYTES
from kiosk.platform.sync.protocol import MAX_CONFIG_BODY_BYTES, MAX_PUSH_BODY_BYTES
from tests.platform.hub.conftest import ADMIN_TOKEN, SERVICE, STATION, Hub
from tests.platform.hub.streaming import MiB, hub_process, stream
from tests.platform.hub.test_web_centre import PASSWORD, sign_in

TOTAL = 512 * MiB
BUFFERS = 24 * MiB  # what the client's and the hub's socket buffers may hold unread
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": "application/json"}
JSON = {"Content-Type": "application/json"}


def _reason(body: bytes) -> str:
    return str(json.loads(body)["reason"])


def test_a_wrong_or_missing_device_token_is_refused_before_the_body(hub: Hub) -> None:
    url = str(hub.client.base_url)
    for headers, reason in (
        ({"Authorization": "Bearer skd_not-a-token", **JSON}, "unknown_token"),
        (JSON, "no_token"),
    ):
        answer = stream(url, "/v1/sync/push", TOTAL, headers=headers)
        assert answer.status == 401, answer.body
        assert _reason(answer.body) == reason
        assert answer.sent < BUFFERS, answer.sent  # the hub answered without reading the body
        assert answer.headers["connection"] == "close"  # and does not drain the rest
    assert hub.client.get("/healthz").status_code == 200


def test_a_revoked_kiosk_is_refused_before_the_body(hub: Hub) -> None:
    kiosk = hub.enrol("k-revoked")
    revoked = hub.client.post("/v1/admin/kiosks/k-revoked/revoke", headers=hub.admin)
    assert revoked.status_code == 204
    answer = stream(str(hub.client.base_url), "/v1/sync/push", TOTAL, headers=kiosk.auth)
    assert answer.status == 403 and _reason(answer.body) == "revoked"
    assert answer.sent < BUFFERS


@pytest.mark.parametrize("path", ["/v1/admin/config", "/v1/admin/stations"])
def test_an_admin_call_without_the_admin_token_is_refused_before_the_body(
    hub: Hub, path: str
) -> None:
    """FastAPI reads a body model before the route's dependencies: the admin token is checked
    ahead of it, so nobody can make the hub parse a 4 MiB body unasked."""
    for headers, reason in (
        ({"Authorization": "Bearer wrong", **JSON}, "bad_admin_token"),
        ({"Authorization": "Basic d3Jvbmc6d3Jvbmc=", **JSON}, "no_token"),
        (JSON, "no_token"),
    ):
        answer = stream(str(hub.client.base_url), path, TOTAL, headers=headers)
        assert answer.status == 401, answer.body
        assert _reason(answer.body) == reason
        assert answer.sent < BUFFERS, answer.sent
    assert hub.client.get("/v1/admin/status", headers=hub.admin).status_code == 200


def test_a_content_length_shorter_than_the_body_bounds_what_is_read(hub: Hub) -> None:
    """A Content-Length that says less than is sent: the hub takes what it says as the body (a
    malformed push, 422) and what follows as the next request, which is no request (uvicorn's
    400, connection closed): nothing past the declared length is read into a body."""
    kiosk = hub.enrol("k-short")
    answer = stream(
        str(hub.client.base_url),
        "/v1/sync/push",
        TOTAL,
        headers={**kiosk.auth, **JSON},
        declared=64 * 1024,
    )
    assert answer.status in (400, 422), answer.body
    assert answer.sent < BUFFERS
    assert kiosk.push(kiosk.write(1)).status_code == 200


def test_a_push_is_refused_as_soon_as_it_passes_the_limit(hub: Hub) -> None:
    kiosk = hub.enrol("k-big")
    url = str(hub.client.base_url)
    chunked = stream(url, "/v1/sync/push", TOTAL, headers={**kiosk.auth, **JSON})
    assert chunked.status == 413, chunked.body
    body = json.loads(chunked.body)
    assert body["reason"] == "body_too_large" and body["reason_zh"] and body["detail"]
    assert body["max_bytes"] == MAX_PUSH_BODY_BYTES
    assert chunked.sent < MAX_PUSH_BODY_BYTES + BUFFERS, chunked.sent
    # a Content-Length over the limit: refused before a byte is read
    declared = stream(url, "/v1/sync/push", TOTAL, headers={**kiosk.auth, **JSON}, declared=TOTAL)
    assert declared.status == 413 and _reason(declared.body) == "body_too_large"
    assert declared.sent < BUFFERS
    # the kiosk still pushes as usual, and nothing of the refused bodies was stored
    pushed = kiosk.push(kiosk.write(2))
    assert pushed.status_code == 200, pushed.text
    assert pushed.json()["acked_seq"] == 2


def _centre_cookie(hub: Hub) -> str:
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    with httpx.Client(base_url=str(hub.client.base_url), timeout=30) as browser:
        assert sign_in(browser, "boss").status_code == 303
        return f"hub_session={browser.cookies['hub_session']}"


ROUTES = [
    ("/v1/enroll", JSON, DEFAULT_MAX_BODY_BYTES),
    ("/v1/admin/stations", ADMIN, DEFAULT_MAX_BODY_BYTES),
    ("/v1/admin/enrol-codes", ADMIN, DEFAULT_MAX_BODY_BYTES),
    ("/v1/admin/badges", ADMIN, DEFAULT_MAX_BODY_BYTES),
    ("/v1/admin/config", ADMIN, 4 * MAX_CONFIG_BODY_BYTES),
    (f"/s/{STATION}/water/help", FORM, DEFAULT_MAX_BODY_BYTES),
    (f"/s/{STATION}/water/wish", FORM, DEFAULT_MAX_BODY_BYTES),
    ("/centre/login", FORM, DEFAULT_MAX_BODY_BYTES),
    ("/centre/publish", FORM, 4 * MAX_CONFIG_BODY_BYTES),
]


@pytest.mark.parametrize(("path", "headers", "limit"), ROUTES, ids=[r[0] for r in ROUTES])
def test_every_route_with_a_body_refuses_it_past_its_limit(
    hub: Hub, path: str, headers: dict[str, str], limit: int
) -> None:
    url = str(hub.client.base_url)
    if path.startswith("/centre/publish"):
        headers = {**headers, "Cookie": _centre_cookie(hub)}
    for declared in (None, TOTAL):
        answer = stream(url, path, TOTAL, headers=headers, declared=declared)
        assert answer.status == 413, (declared, answer.status, answer.body[:300])
        assert answer.sent < limit + BUFFERS, answer.sent
        if path.startswith("/v1/"):
            assert _reason(answer.body) == "body_too_large"
        else:  # a person's browser: a readable page
            assert answer.headers["content-type"].startswith("text/html")
    assert hub.client.get("/healthz").status_code == 200


def test_a_body_within_its_limit_is_still_read(hub: Hub) -> None:
    """The limit is the route's: a configuration of 150,000 Chinese characters (900 kB as
    \\u escapes on the wire) is published; an enrolment of that size is refused."""
    catalogue = {"services": [SERVICE], "note": "志" * 150_000}  # a catalogue ignores extras
    raw = json.dumps({"kind": "catalogue", "body": catalogue}).encode()  # ensure_ascii: \\u
    assert DEFAULT_MAX_BODY_BYTES < len(raw) < 4 * MAX_CONFIG_BODY_BYTES
    published = hub.client.post("/v1/admin/config", content=raw, headers={**hub.admin, **JSON})
    assert published.status_code == 201, published.text[:300]
    enrol = hub.client.post("/v1/enroll", content=raw, headers=JSON)
    assert enrol.status_code == 413 and enrol.json()["reason"] == "body_too_large"


def test_the_hub_process_stays_small_under_512_mib_bodies(
    database_url: str, tmp_path: Path
) -> None:
    """`kiosk-hub serve` as its own process: three 512 MiB pushes (a wrong token, a right one,
    a declared length) and its peak resident memory (VmHWM) stays under 200 MB."""
    env = {
        "HUB_DATABASE_URL": database_url,
        "HUB_DATA_DIR": str(tmp_path / "hub"),
        "HUB_ADMIN_TOKEN": ADMIN_TOKEN,
    }
    with hub_process(env, tmp_path / "serve.log") as served:
        with httpx.Client(base_url=served.url, timeout=30) as client:
            created = client.post(
                "/v1/admin/stations",
                json={"station_id": STATION, "name": "北京西站"},
                headers=ADMIN,
            )
            assert created.status_code == 201
            code = client.post(
                "/v1/admin/enrol-codes", json={"station_id": STATION}, headers=ADMIN
            ).json()["code"]
            token = client.post("/v1/enroll", json={"code": code, "kiosk_id": "k-1"}).json()[
                "device_token"
            ]
        at_rest = served.peak_rss_mb()
        good = {"Authorization": f"Bearer {token}", **JSON}
        bad = stream(
            served.url, "/v1/sync/push", TOTAL, headers={**JSON, "Authorization": "Bearer x"}
        )
        big = stream(served.url, "/v1/sync/push", TOTAL, headers=good)
        declared = stream(served.url, "/v1/sync/push", TOTAL, headers=good, declared=TOTAL)
        peak = served.peak_rss_mb()
    assert peak < 200, f"peak {peak:.0f} MB (at rest {at_rest:.0f} MB)"
    assert (bad.status, big.status, declared.status) == (401, 413, 413)
    assert bad.sent < BUFFERS and big.sent < MAX_PUSH_BODY_BYTES + BUFFERS
    print(f"hub peak RSS {peak:.0f} MB, at rest {at_rest:.0f} MB")
