"""Station webhooks: the centre sets a station's robots on its page, an emergency pushed by a
kiosk reaches each of them in its own format (WeCom, DingTalk signed, generic JSON) at a real
HTTP receiver, a 500 is retried, a dead receiver is logged as failed, the push never waits for
any of it, and the centre's delivery log shows every call."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from kiosk.core.clock import SystemClock
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_accounts import AccountService
from tests.platform.sync.conftest import ADMIN, STATION, HubServer, SyncedKiosk
from tools.pgtemp import TempPostgres, free_port

PASSWORD = "webhook test password"
SECRET = "SEC0123456789abcdef"


@dataclass
class Receiver:
    """A local HTTP server that records every POST and answers per path: the statuses listed
    for that path in turn (then 200), with the robots' `errcode` reply."""

    url: str
    answers: dict[str, list[int]] = field(default_factory=dict)
    seen: list[tuple[str, dict[str, list[str]], Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    holds: dict[str, threading.Event] = field(default_factory=dict)

    def hold(self, path: str) -> threading.Event:
        """Calls to `path` get no answer until the returned event is set."""
        gate = self.holds[path] = threading.Event()
        return gate

    def calls(self, path: str) -> list[tuple[dict[str, list[str]], Any]]:
        with self.lock:
            return [(query, body) for p, query, body in self.seen if p == path]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    holder: list[Receiver] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            rec = holder[0]
            length = int(self.headers.get("content-length", "0"))
            body = json.loads(self.rfile.read(length))
            parts = urlsplit(self.path)
            with rec.lock:
                rec.seen.append((parts.path, parse_qs(parts.query), body))
                queue = rec.answers.get(parts.path, [])
                status = queue.pop(0) if queue else 200
                gate = rec.holds.get(parts.path)
            if gate is not None:
                gate.wait(30)
            reply = json.dumps({"errcode": 0 if status == 200 else 500, "errmsg": "ok"})
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(reply.encode())

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder.append(Receiver(f"http://127.0.0.1:{server.server_address[1]}"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield holder[0]
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def retry_s() -> tuple[float, ...]:
    """The hub's waits between attempts (a test may parametrize it)."""
    return (0.2, 0.2)


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(
    tmp_path: Path, request: pytest.FixtureRequest, retry_s: tuple[float, ...]
) -> Iterator[HubServer]:
    """The sync tests' hub (on either database), retrying a failed webhook after 0.2 s."""
    if request.param == "postgresql":
        cluster: TempPostgres = request.getfixturevalue("sync_pg_cluster")
        url = cluster.fresh_database(f"hooks_{uuid.uuid4().hex[:12]}")
    else:
        url = f"sqlite:///{tmp_path / 'hub' / 'hub.sqlite3'}"
    settings = HubSettings(
        data_dir=tmp_path / "hub",
        database_url=url,
        admin_token=ADMIN,
        webhook_retry_s=retry_s,
    )
    (tmp_path / "hub").mkdir()
    server = HubServer(settings)
    server.start()
    created = server.admin(
        "POST", "/v1/admin/stations", json={"station_id": STATION, "name": "福州北站"}
    )
    assert created.status_code == 201, created.text
    database = Database(make_engine(url, 2))
    AccountService(database, SystemClock(), 3600).create("west", PASSWORD, "station", [STATION])
    database.dispose()
    try:
        yield server
    finally:
        server.stop()


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def _signed_in(hub: HubServer) -> httpx.Client:
    client = httpx.Client(base_url=hub.url, timeout=10, follow_redirects=False)
    form = client.get("/centre/login")
    done = client.post(
        "/centre/login",
        data={"csrf": _csrf(form.text), "username": "west", "password": PASSWORD},
    )
    assert done.status_code == 303, done.text
    return client


def _add(client: httpx.Client, kind: str, url: str, secret: str = "") -> httpx.Response:
    page = client.get("/centre/webhooks", params={"station": STATION})
    return client.post(
        f"/centre/webhooks?station={STATION}",
        data={"csrf": _csrf(page.text), "kind": kind, "url": url, "secret": secret},
    )


def _wait_for(check: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_an_emergency_reaches_every_robot_in_its_format_with_retries_and_a_log(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, receiver: Receiver
) -> None:
    south = make_kiosk("south")
    with closing(_signed_in(hub)) as centre:
        refused = _add(centre, "wecom", "ftp://example.invalid/robot")
        assert refused.status_code == 422 and "地址须为 http(s) 网址" in refused.text
        refused = _add(centre, "wecom", f"{receiver.url}/wecom", secret="x")
        assert refused.status_code == 422 and "加签密钥仅用于钉钉机器人" in refused.text
        assert "尚未配置推送地址" in refused.text  # nothing stored

        assert _add(centre, "wecom", f"{receiver.url}/wecom?key=abc").status_code == 200
        assert _add(centre, "dingtalk", f"{receiver.url}/ding?access_token=t", SECRET)
        receiver.answers["/flaky"] = [500]  # the first call fails, the retry is taken
        assert _add(centre, "json", f"{receiver.url}/flaky").status_code == 200
        dead = f"http://127.0.0.1:{free_port()}/nobody"  # nothing listens there
        page = _add(centre, "json", dead)
        assert page.status_code == 200 and page.text.count('class="webhook"') == 4

        alert = south.services.emergency.raise_alert("南出口", "South exit")
        # The WeCom robot holds its answer until the push is back: a push that waited for the
        # robots would time that call out, and the log would show it failed and called twice.
        wecom_answers = receiver.hold("/wecom")
        south.engine.sync_once()
        _wait_for(lambda: bool(receiver.calls("/wecom")))
        wecom_answers.set()
        _wait_for(lambda: len(receiver.calls("/flaky")) == 2)
        _wait_for(lambda: receiver.calls("/wecom") and receiver.calls("/ding"))

        [(query, wecom)] = receiver.calls("/wecom")
        assert query == {"key": ["abc"]} and wecom["msgtype"] == "text"
        assert "【紧急求助】南出口" in wecom["text"]["content"]
        assert "[Emergency] Emergency at South exit" in wecom["text"]["content"]

        [(query, ding)] = receiver.calls("/ding")
        assert ding == wecom  # the same text message
        stamp = query["timestamp"][0]
        expected = base64.b64encode(
            hmac.new(SECRET.encode(), f"{stamp}\n{SECRET}".encode(), hashlib.sha256).digest()
        ).decode()
        assert query["access_token"] == ["t"] and query["sign"] == [expected]

        first, second = (body for _, body in receiver.calls("/flaky"))
        assert first == second
        assert first["kind"] == "emergency.raised" and first["station_id"] == STATION
        assert first["title_en"] == "Emergency" and "南出口" in first["text_zh"]
        uuid.UUID(first["event_id"])
        assert "phone" not in json.dumps(first)

        south.engine.sync_once()  # a second round resends nothing: announced once
        time.sleep(0.3)
        assert len(receiver.calls("/wecom")) == 1

        def logged() -> str:
            return centre.get("/centre/webhooks", params={"station": STATION}).text

        _wait_for(lambda: "delivery-failed" in logged(), timeout=15)  # the dead one, retried
        log = logged()
        rows = re.findall(r'<tr class="delivery delivery-(\w+)">(.*?)</tr>', log, re.S)
        assert sorted(status for status, _ in rows) == [
            "delivered",
            "delivered",
            "delivered",
            "failed",
        ]
        [flaky] = [cells for status, cells in rows if "HTTP 200" in cells and ">2<" in cells]
        assert "emergency.raised" in flaky
        [failed] = [cells for status, cells in rows if status == "failed"]
        assert ">3<" in failed and "ConnectError" in failed
    assert alert.id  # the alert itself was stored at the kiosk either way


def test_only_urgent_requests_call_the_robots(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, receiver: Receiver
) -> None:
    south = make_kiosk("south")
    with closing(_signed_in(hub)) as centre:
        assert _add(centre, "json", f"{receiver.url}/json").status_code == 200
    south.services.requests.order("luggage")  # help with luggage: not urgent
    south.services.requests.order(
        "medical", phone="13900001111", text="头晕", consent=True
    )  # urgent
    south.engine.sync_once()
    _wait_for(lambda: len(receiver.calls("/json")) >= 1)
    time.sleep(0.3)
    [(_, body)] = receiver.calls("/json")
    assert body["kind"] == "request.ordered"
    assert "身体不适" in body["text_zh"] and "Feeling unwell" in body["text_en"]
    assert body["title_zh"] == "紧急求助请求"
    assert "13900001111" not in json.dumps(body) and "头晕" not in json.dumps(body)


def test_an_urgent_request_from_a_travellers_phone_calls_the_robots_too(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, receiver: Receiver
) -> None:
    """Written by the hub itself (no kiosk pushed it): announced all the same, once."""
    with closing(_signed_in(hub)) as centre:
        assert _add(centre, "wecom", f"{receiver.url}/wecom").status_code == 200
    with httpx.Client(base_url=hub.url, timeout=10) as phone:
        ordered = phone.post(f"/s/{STATION}/water/help", data={"category": "luggage"})
        assert ordered.status_code == 303  # not urgent: no call
        ordered = phone.post(f"/s/{STATION}/water/help", data={"category": "lost"})
        assert ordered.status_code == 303
    _wait_for(lambda: len(receiver.calls("/wecom")) >= 1)
    time.sleep(0.3)
    [(_, body)] = receiver.calls("/wecom")
    assert "【紧急求助请求】" in body["text"]["content"]


@pytest.mark.parametrize("retry_s", [(30.0,)])
def test_a_delivery_cut_off_by_a_hub_restart_is_sent_when_it_starts_again(
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
    receiver: Receiver,
) -> None:
    """The robot fails once; the hub is stopped while it waits 30 s to retry; started again,
    it sends the delivery it left "sending" (its second attempt) and the log says delivered."""
    south = make_kiosk("south")
    with closing(_signed_in(hub)) as centre:
        assert _add(centre, "json", f"{receiver.url}/json").status_code == 200
    receiver.answers["/json"] = [500]
    south.services.emergency.raise_alert("南出口", "South exit")
    south.engine.sync_once()
    _wait_for(lambda: len(receiver.calls("/json")) == 1)
    time.sleep(0.3)  # its attempt recorded, the retry 30 s away
    hub.stop()
    hub.start()
    _wait_for(lambda: len(receiver.calls("/json")) == 2)
    with closing(_signed_in(hub)) as centre:
        _wait_for(
            lambda: (
                "delivery-delivered"
                in centre.get("/centre/webhooks", params={"station": STATION}).text
            )
        )
        log = centre.get("/centre/webhooks", params={"station": STATION}).text
    [(status, cells)] = re.findall(r'<tr class="delivery delivery-(\w+)">(.*?)</tr>', log, re.S)
    assert status == "delivered" and '<td class="num">2</td>' in cells
