"""The centre's dashboard over real HTTP against a real hub (SQLite and PostgreSQL): sign-in,
sessions that expire, CSRF refusals, role limits, every report with filters and CSV, and
publishing configuration that a kiosk then pulls."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from kiosk import hub_cli as cli
from kiosk.core.clock import FixedClock
from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import STATION, Hub, serve

OTHER = "st-fuzhou-south"
PASSWORD = "correct horse battery"
RANGE = {"from": "2026-11-01", "to": "2026-11-30"}
DAY = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # 09:00 in Beijing


@pytest.fixture
def centre(hub: Hub) -> Hub:
    hub.create_station(OTHER)
    accounts = hub.app.state.account_service
    accounts.create("boss", PASSWORD, "centre", [])
    accounts.create("west", PASSWORD, "station", [STATION])
    return hub


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, html
    return found.group(1)


def sign_in(client: httpx.Client, username: str, password: str = PASSWORD) -> httpx.Response:
    form = client.get("/centre/login")
    assert form.status_code == 200
    return client.post(
        "/centre/login",
        data={"csrf": csrf_of(form.text), "username": username, "password": password},
    )


_clients: list[httpx.Client] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _clients:
        _clients.pop().close()


def signed_in(hub: Hub, username: str) -> httpx.Client:
    """A browser of its own (its own cookies) signed in as `username`."""
    client = httpx.Client(base_url=str(hub.client.base_url), timeout=30)
    _clients.append(client)
    response = sign_in(client, username)
    assert response.status_code == 303 and response.headers["location"] == "/centre/"
    return client


def test_pages_need_a_sign_in(centre: Hub) -> None:
    for path in (
        "/centre/",
        "/centre/usage",
        "/centre/hours",
        "/centre/tickets",
        "/centre/publish",
    ):
        response = centre.client.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/centre/login"
    assert centre.client.post("/centre/publish", data={"kind": "roster"}).status_code == 303


def test_wrong_password_or_missing_csrf_is_refused(centre: Hub) -> None:
    wrong = sign_in(centre.client, "boss", "not the password")
    assert wrong.status_code == 401 and "用户名或密码不正确" in wrong.text
    nobody = sign_in(centre.client, "nobody", PASSWORD)
    assert nobody.status_code == 401
    odd = sign_in(centre.client, "boss" + "x" * 200 + "'; --", PASSWORD)
    assert odd.status_code == 401 and "用户名或密码不正确" in odd.text
    assert "hub_session" not in centre.client.cookies
    forged = httpx.post(
        f"{centre.client.base_url}/centre/login",
        data={"csrf": "x", "username": "boss", "password": PASSWORD},
    )
    assert forged.status_code == 403 and "页面已过期" in forged.text


def test_stations_and_kiosks(centre: Hub) -> None:
    k1 = centre.enrol("k-west-1")
    k1.push(k1.write(1), sent_at=(datetime.now(UTC) + timedelta(minutes=10)).isoformat())
    bad = k1.write(1, kind="no.such_kind", payload={})
    assert k1.push(bad, pending=7).status_code == 200  # stored as a reject; 7 left unsent
    assert k1.push([], pending=-1).status_code == 422
    centre.enrol("k-south", station_id=OTHER)
    revoked = centre.enrol("k-west-2")
    centre.client.post(f"/v1/admin/kiosks/{revoked.kiosk_id}/revoke", headers=centre.admin)

    boss = signed_in(centre, "boss")
    page = boss.get("/centre/")
    assert page.status_code == 200
    assert "k-west-1" in page.text and "k-south" in page.text and "k-west-2" in page.text
    assert "在线" in page.text and "从未" in page.text and "已停用" in page.text
    row = re.search(r"k-west-1</small></td>(.*?)</tr>", page.text, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    assert cells[0] == "在线" and cells[2] == "2" and cells[3] == "7" and cells[4] == "1"
    assert cells[5].startswith("+6") and "bad" in row.group(1)  # ~+600 s, flagged
    south = re.search(r"k-south</small></td>(.*?)</tr>", page.text, re.S)
    assert south is not None and re.findall(r"<td[^>]*>(.*?)</td>", south.group(1))[3] == "—"

    west = signed_in(centre, "west")
    mine = west.get("/centre/")
    assert "k-west-1" in mine.text and "k-south" not in mine.text
    refused = west.get("/centre/", params={"station": OTHER})
    assert refused.status_code == 403 and "无权" in refused.text


def test_the_stations_page_shows_twenty_stations_a_page(centre: Hub) -> None:
    """A province's stations a page at a time (the page was 3 MB for 2,000): the pager says
    where the page lies; a form posted for a station on a later page answers with that page."""
    for n in range(43):
        centre.create_station(f"st-p{n:02d}")
    boss = signed_in(centre, "boss")
    first = boss.get("/centre/")
    assert first.status_code == 200
    ids = re.findall(r"<h2>[^<]*<small>\((st-[^)]+)\)</small></h2>", first.text)
    assert len(ids) == 20
    assert "第 1 / 3 页：第 1–20 行，共 45 行" in first.text
    assert 'href="/centre/?page=2"' in first.text
    last = boss.get("/centre/", params={"page": 3})
    last_ids = re.findall(r"<h2>[^<]*<small>\((st-[^)]+)\)</small></h2>", last.text)
    assert len(last_ids) == 5 and not set(last_ids) & set(ids)
    far = last_ids[-1]
    kiosk = centre.enrol("k-far", station_id=far)
    assert kiosk.push(kiosk.write(1, station_id=far)).status_code == 200
    assert "k-far" not in boss.get("/centre/").text
    assert "k-far" in boss.get("/centre/", params={"page": 3}).text

    set_hours = boss.post(
        f"/centre/stations/{far}/hours",
        data={"csrf": csrf_of(first.text), "opens": "07:00", "closes": "22:00"},
    )
    assert set_hours.status_code == 200
    assert 'id="notice"' in set_hours.text and f"({far})</small></h2>" in set_hours.text
    assert "第 3 / 3 页" in set_hours.text and 'href="/centre/?page=1"' in set_hours.text
    wrong = boss.post(
        f"/centre/stations/{far}/hours",
        data={"csrf": csrf_of(first.text), "opens": "25:00", "closes": "22:00"},
    )
    assert wrong.status_code == 422 and f'id="hours-error-{far}"' in wrong.text


def _uses(hub: Hub) -> None:
    west, south = hub.enrol("k-w"), hub.enrol("k-s", station_id=OTHER)
    for kiosk, station, service, audience, count, day in (
        (west, STATION, "water", "rider", 3, "2026-11-20"),
        (west, STATION, "water", "rider", 2, "2026-11-21"),
        (west, STATION, "water", "elderly", 1, "2026-11-21"),
        (west, STATION, "phone_charging", "courier", 4, "2026-10-31"),  # out of range
        (south, OTHER, "water", "driver", 7, "2026-11-05"),
    ):
        n = len(kiosk.events) + 1
        events = kiosk.write(
            1,
            station_id=station,
            kind="service.used",
            payload={
                "use_id": f"u-{kiosk.kiosk_id}-{n}",
                "service_id": service,
                "audience": audience,
                "count": count,
                "day": day,
            },
        )
        assert kiosk.push(events).status_code == 200


def test_people_served_by_service_and_group_with_filters_and_csv(centre: Hub) -> None:
    _uses(centre)
    boss = signed_in(centre, "boss")
    page = boss.get("/centre/usage", params=RANGE)
    assert page.status_code == 200
    assert re.search(r'id="total">13<', page.text)  # 3+2+1 west, 7 south
    assert "phone_charging" not in page.text and "手机充电" not in page.text
    assert "免费饮水" in page.text and "外卖骑手" in page.text  # names, not ids, on the page
    west_only = boss.get("/centre/usage", params={**RANGE, "station": STATION})
    assert re.search(r'id="total">6<', west_only.text)
    narrow = boss.get("/centre/usage", params={"from": "2026-11-21", "to": "2026-11-21"})
    assert re.search(r'id="total">3<', narrow.text)
    exported = boss.get("/centre/usage", params={**RANGE, "format": "csv"})
    assert exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "station",
        "service",
        "audience",
        "people",
        "records",
        "station_name",
        "service_name",
    ]
    # Ids for machines, names for people (#16): the station's and the service's names last.
    assert [STATION, "water", "rider", "5", "2", "北京西站", "免费饮水"] in rows
    assert [OTHER, "water", "driver", "7", "1", "北京西站", "免费饮水"] in rows
    bad = boss.get("/centre/usage", params={"from": "2026-12-01", "to": "2026-11-01"})
    assert bad.status_code == 422 and "填写有误" in bad.text
    garbage = boss.get("/centre/usage", params={"from": "yesterday"})
    assert garbage.status_code == 422 and garbage.headers["content-type"].startswith("text/html")

    west = signed_in(centre, "west")
    mine = west.get("/centre/usage", params=RANGE)
    assert re.search(r'id="total">6<', mine.text) and OTHER not in mine.text
    assert west.get("/centre/usage", params={"station": OTHER}).status_code == 403
    csv_other = west.get("/centre/usage", params={"station": OTHER, "format": "csv"})
    assert csv_other.status_code == 403


def test_volunteer_hours(centre: Hub) -> None:
    kiosk = centre.enrol("k-h")
    reg = kiosk.write(
        1,
        kind="volunteer.registered",
        payload={
            "volunteer_id": "v-7",
            "name": "李四",
            "number": "FZB-0007",
            "phone": "13900000007",
        },
    )
    shift = {"shift_id": "sh-1", "volunteer_id": "v-7", "method": "badge"}
    inn = kiosk.write(1, kind="shift.checked_in", payload=shift, occurred_at=DAY)
    out = kiosk.write(
        1, kind="shift.checked_out", payload=shift, occurred_at=DAY + timedelta(minutes=152)
    )
    shift2 = {**shift, "shift_id": "sh-2"}
    inn2 = kiosk.write(
        1, kind="shift.checked_in", payload=shift2, occurred_at=DAY + timedelta(days=1)
    )
    swept = kiosk.write(
        1,
        kind="shift.auto_closed",
        payload={"shift_id": "sh-2", "volunteer_id": "v-7", "credited_minutes": 240},
        occurred_at=DAY + timedelta(days=1, hours=12),
    )
    assert kiosk.push(reg + inn + out + inn2 + swept).status_code == 200
    boss = signed_in(centre, "boss")
    page = boss.get("/centre/hours", params=RANGE)
    # 152 min credited as 150 (down to 15 min, as the kiosks do) + 4 h swept
    assert "李四" in page.text and re.search(r'id="total">6.50<', page.text)
    assert "<small>FZB-0007</small>" in page.text  # by name and number, not by id
    rows = list(
        csv.reader(
            io.StringIO(
                boss.get("/centre/hours", params={**RANGE, "format": "csv"}).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0][1:4] == ["volunteer_id", "name", "number"]
    assert rows[0][-1] == "station_name"
    assert rows[1] == [
        STATION,
        "v-7",
        "李四",
        "FZB-0007",
        "2",
        "392",
        "390",
        "6.5",
        "1",
        "北京西站",
    ]
    before = boss.get("/centre/hours", params={"from": "2026-10-01", "to": "2026-10-31"})
    assert "李四" not in before.text


def test_open_requests_and_response_times(centre: Hub) -> None:
    ordered = centre.client.post(f"/s/{STATION}/water/help", data={"category": "wheelchair"})
    assert ordered.status_code == 303
    centre.client.post(
        f"/s/{STATION}/water/wish", data={"category": "rest", "text": "想找地方休息"}
    )
    kiosk = centre.enrol("k-r")
    pulled = kiosk.pull_all()
    request_id = next(
        e["event"]["payload"]["request_id"]
        for e in pulled
        if e["event"]["kind"] == "request.ordered"
    )
    accepted = kiosk.write(
        1, kind="request.accepted", payload={"request_id": request_id, "volunteer_id": "v-1"}
    )
    assert kiosk.push(accepted).status_code == 200
    boss = signed_in(centre, "boss")
    params: dict[str, str] = {}  # the default range: the last 30 days of the stations' zone
    page = boss.get("/centre/tickets", params=params)
    assert page.status_code == 200
    assert "轮椅" in page.text and "已接单" in page.text and "已收到" in page.text
    assert "<td>手机</td>" in page.text and "<td>phone</td>" not in page.text  # the channel
    assert "<td>北京西站</td>" in page.text  # stations by name, not by id
    exported = boss.get("/centre/tickets", params={**params, "format": "csv"})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert {r[1] for r in rows[1:]} == {"request", "wish"}
    assert rows[0][-2:] == ["station_name", "urgent"] and rows[1][-2] == "北京西站"


def test_publish_from_the_dashboard_reaches_kiosks_and_needs_csrf(centre: Hub) -> None:
    kiosk = centre.enrol("k-p")
    boss = signed_in(centre, "boss")
    form = boss.get("/centre/publish")
    token = csrf_of(form.text)
    body = '{"announcements": [{"id": "a1", "zh": "今晚有雨", "en": "Rain tonight"}]}'
    no_csrf = boss.post("/centre/publish", data={"kind": "announcements", "body": body})
    assert no_csrf.status_code == 403
    wrong = boss.post(
        "/centre/publish", data={"csrf": "nope", "kind": "announcements", "body": body}
    )
    assert wrong.status_code == 403
    assert centre.app.state.admin_service.status().events == 0
    not_json = boss.post(
        "/centre/publish", data={"csrf": token, "kind": "announcements", "body": "[1,"}
    )
    assert not_json.status_code == 422 and "JSON" in not_json.text
    done = boss.post(
        "/centre/publish",
        data={"csrf": token, "kind": "announcements", "station": STATION, "body": body},
    )
    assert done.status_code == 200 and "已发布：公告（announcements） 第 1 版" in done.text
    config = kiosk.pull().json()["config"]
    assert [c["kind"] for c in config if c["kind"] == "announcements"] == ["announcements"]
    assert config[-1]["body"]["announcements"][0]["zh"] == "今晚有雨"


def test_a_station_admin_publishes_only_for_its_stations(centre: Hub) -> None:
    west = signed_in(centre, "west")
    token = csrf_of(west.get("/centre/publish").text)
    body = '{"volunteers": []}'
    for station in ("", OTHER):
        refused = west.post(
            "/centre/publish",
            data={"csrf": token, "kind": "roster", "station": station, "body": body},
        )
        assert refused.status_code == 403, station
    ok = west.post(
        "/centre/publish", data={"csrf": token, "kind": "roster", "station": STATION, "body": body}
    )
    assert ok.status_code == 200 and "roster" in ok.text


def test_sign_out_needs_csrf_and_ends_the_session(centre: Hub) -> None:
    boss = signed_in(centre, "boss")
    token = csrf_of(boss.get("/centre/").text)
    assert boss.post("/centre/logout", data={"csrf": "x"}).status_code == 403
    assert boss.get("/centre/").status_code == 200
    cookie = boss.cookies["hub_session"]
    out = boss.post("/centre/logout", data={"csrf": token})
    assert out.status_code == 303
    stale = httpx.get(f"{centre.client.base_url}/centre/", cookies={"hub_session": cookie})
    assert stale.status_code == 303  # the server forgot it, not only the browser


def test_sign_in_attempts_are_rate_limited(centre: Hub) -> None:
    codes = [sign_in(centre.client, "boss", "wrong password!").status_code for _ in range(11)]
    assert codes[:10] == [401] * 10 and codes[10] == 429


@pytest.fixture
def clocked(settings: HubSettings) -> Iterator[tuple[httpx.Client, FixedClock]]:
    clock = FixedClock(datetime(2026, 11, 22, 8, 0, tzinfo=UTC))
    app = create_app(settings.model_copy(update={"session_ttl_s": 600}), clock=clock)
    app.state.account_service.create("boss", PASSWORD, "centre", [])
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client, clock


def test_sessions_expire(clocked: tuple[httpx.Client, FixedClock]) -> None:
    client, clock = clocked
    assert sign_in(client, "boss").status_code == 303
    assert client.get("/centre/").status_code == 200
    clock.advance(timedelta(seconds=599))
    assert client.get("/centre/").status_code == 200
    clock.advance(timedelta(seconds=2))
    response = client.get("/centre/")
    assert response.status_code == 303 and response.headers["location"] == "/centre/login"


def test_cli_creates_an_account(
    settings: HubSettings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app(settings)
    app.state.admin_service.create_station(STATION, "北京西站")
    app.state.database.dispose()
    monkeypatch.setenv("HUB_DATABASE_URL", settings.resolved_database_url())
    monkeypatch.setenv("HUB_DATA_DIR", str(settings.data_dir))
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = ["create-account", "amy", "--role", "station", "--station", STATION, "--password-stdin"]
    assert cli.main(args) == 0
    assert "account amy (station: st-beijing-west) ready" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(args) == 1  # exists
    assert "exists" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main([*args[:-1], "--password-stdin", "--reset"]) == 1
    again = create_app(settings)
    with serve(again) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert sign_in(client, "amy").status_code == 303


def test_phones_left_charging_too_long_are_listed(centre: Hub) -> None:
    kiosk = centre.enrol("k-c")
    now = datetime.now(UTC)

    def started(session: str, slot: str, hours: float) -> list[dict[str, object]]:
        return kiosk.write(
            1,
            kind="charging.started",
            payload={"session_id": session, "slot": slot, "code_hash": "scrypt$" + "x" * 30},
            occurred_at=now - timedelta(hours=hours),
        )

    events = started("c-1", "A3", 5) + started("c-2", "B1", 6) + started("c-3", "C2", 1)
    events += kiosk.write(
        1,
        kind="charging.collected",
        payload={"session_id": "c-2", "slot": "B1", "by": "code"},
        occurred_at=now - timedelta(hours=1),
    )
    assert kiosk.push(events).status_code == 200
    boss = signed_in(centre, "boss")
    page = boss.get("/centre/").text
    alerts = re.search(r'<table class="alerts">(.*?)</table>', page, re.S)
    assert "充电超时未取" in page and alerts is not None
    assert "A3" in alerts.group(1) and "B1" not in alerts.group(1) and "C2" not in alerts.group(1)
    west = signed_in(centre, "west")
    assert "A3" in west.get("/centre/").text
    english = west.get("/centre/", params={"station": STATION, "lang": "en"}).text
    assert "Phones left charging too long" in english and "A3" in english
