"""Stock and expiry alerts on the centre's dashboard over real HTTP against a real hub (SQLite
and PostgreSQL): events pushed by a station's kiosk are folded with the kiosks' own medicine and
lending rules into alerts across stations and per station, with the station filter, role limits
and CSV; stations without a medicine box get no box alerts."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.features.lending.hub import lending_alerts
from kiosk.features.medicine.hub import medicine_alerts, medicine_items
from kiosk.hub_app import create_app
from kiosk.platform.hub.hub_events import to_domain
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import ADMIN_TOKEN, STATION, Hub, serve, wire_event
from tests.platform.hub.test_web_centre import OTHER, PASSWORD, csrf_of

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 11:00 in Beijing: the 10:00 check is due
TODAY = date(2026, 11, 20)
QUIET = "st-quiet"


@pytest.fixture
def alerts_hub(settings: HubSettings) -> Iterator[Hub]:
    app = create_app(settings, clock=FixedClock(NOW))
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        for station in (STATION, OTHER, QUIET):
            hub.create_station(station)
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        app.state.account_service.create("west", PASSWORD, "station", [STATION])
        yield hub


def browser(hub: Hub, username: str) -> httpx.Client:
    client = httpx.Client(base_url=str(hub.client.base_url), timeout=30)
    form = client.get("/centre/login")
    signed = client.post(
        "/centre/login",
        data={"csrf": csrf_of(form.text), "username": username, "password": PASSWORD},
    )
    assert signed.status_code == 303
    return client


def lot(item: str, batch: str, expiry: str, quantity: int) -> dict[str, Any]:
    return {
        "lot_id": f"{item}:{batch}",
        "item_id": item,
        "batch": batch,
        "expiry": expiry,
        "quantity": quantity,
    }


def station_events(station: str) -> list[tuple[str, dict[str, Any], datetime]]:
    """A station whose box, AED, umbrellas and charging lockers all need someone."""
    earlier = NOW - timedelta(days=3)
    return [
        ("medicine.restocked", lot("plaster", "OLD1", "2026-11-10", 5), earlier),  # expired
        ("medicine.restocked", lot("plaster", "NEW2", "2026-12-01", 12), earlier),  # 11 days
        (
            "medicine.dispensed",
            {
                "lot_id": "plaster:NEW2",
                "item_id": "plaster",
                "batch": "NEW2",
                "quantity": 3,
                "reason": "cut_graze",
                "volunteer_id": "v-1",
            },
            earlier,
        ),
        ("medicine.restocked", lot("gauze", "G1", "2028-01-31", 40), earlier),
        (
            "aed.checked",
            {
                "check_id": new_id(),
                "day": "2026-11-19",
                "box_checked": True,
                "light": "green",
                "pads_expiry": "2026-12-05",
                "battery_expiry": "2029-01-01",
                "volunteer_id": "v-1",
            },
            NOW - timedelta(days=1),
        ),
        ("lending.stocked", {"stock_id": new_id(), "item": "umbrella", "quantity": 1}, earlier),
        (
            "lending.borrowed",
            {
                "loan_id": "loan-1",
                "item": "umbrella",
                "method": "phone",
                "phone": "13800001111",
                "due_at": (NOW - timedelta(days=1)).isoformat(),
            },
            earlier,
        ),
        (
            "lending.borrowed",
            {
                "loan_id": "loan-2",
                "item": "umbrella",
                "method": "phone",
                "phone": "13800002222",
                "due_at": (NOW + timedelta(days=1)).isoformat(),
            },
            earlier,
        ),
        (
            "charging.started",
            {"session_id": new_id(), "slot": "A1", "code_hash": "x" * 40},
            NOW - timedelta(hours=6),
        ),
    ]


def push_all(hub: Hub, kiosk_id: str, station: str, events: list[Any]) -> None:
    kiosk = hub.enrol(kiosk_id, station_id=station)
    wire = [
        wire_event(kiosk_id, i + 1, station_id=station, kind=kind, payload=payload, occurred_at=at)
        for i, (kind, payload, at) in enumerate(events)
    ]
    reply = kiosk.push(wire)
    assert reply.status_code == 200, reply.text
    assert all(r["status"] == "applied" for r in reply.json()["results"]), reply.text


def test_alerts_across_stations_and_per_station(alerts_hub: Hub) -> None:
    push_all(alerts_hub, "k-west", STATION, station_events(STATION))
    # The other station checked today and keeps its box full; its AED battery is due soon.
    push_all(
        alerts_hub,
        "k-south",
        OTHER,
        [
            ("medicine.restocked", lot("plaster", "P9", "2028-06-30", 50), NOW),
            (
                "aed.checked",
                {
                    "check_id": new_id(),
                    "day": TODAY.isoformat(),
                    "box_checked": True,
                    "light": "green",
                    "pads_expiry": "2028-01-01",
                    "battery_expiry": "2026-12-10",
                    "volunteer_id": "v-2",
                },
                NOW - timedelta(hours=1),
            ),
        ],
    )
    alerts_hub.client.post(  # the other station's own list: plaster only, at least 10
        "/v1/admin/config",
        json={
            "kind": "medicine_items",
            "station_id": OTHER,
            "body": {
                "items": [
                    {
                        "id": "plaster",
                        "name_zh": "创可贴",
                        "name_en": "Plasters",
                        "unit_zh": "片",
                        "unit_en": "pcs",
                        "min_stock": 10,
                    }
                ]
            },
        },
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    ).raise_for_status()

    boss = browser(alerts_hub, "boss")
    page = boss.get("/centre/alerts", params={"lang": "en"})
    assert page.status_code == 200
    html = page.text
    west = html.split(f'id="alerts-{STATION}"')[1].split("</section>")[0]
    for text in (
        "Today&#39;s medicine box and AED check is missing (due by 10:00)",
        "AED pads expire 2026-12-05",
        "Plasters (batch OLD1) has expired and is still in the box",
        "Plasters (batch NEW2) expires 2026-12-01",
        "Plasters is low (only 9 left)",  # 12 - 3 usable; the expired 5 do not count
        "umbrellas over-lent by 1: count the shelf",
        "1 umbrella overdue (the first was due 2026-11-19)",
        "Charging slot A1: phone left 6 h",
    ):
        assert text in west, text
    assert "Sterile gauze is low" not in west  # 40 in stock, minimum 10
    assert "13800001111" not in html and "1111" not in west  # nobody's phone
    south = html.split(f'id="alerts-{OTHER}"')[1].split("</section>")[0]
    assert "AED battery expires 2026-12-10" in south
    assert "check is missing" not in south and "is low" not in south
    quiet = html.split(f'id="alerts-{QUIET}"')[1].split("</section>")[0]
    assert "No alerts" in quiet  # no box, no lending: nothing to say, not "all items low"

    # the summary across stations: counts per area, urgent ones marked
    summary = html.split('id="alert-summary"')[1].split("</table>")[0]
    assert summary.count("<tr>") == 4  # the header and three stations

    # per station, the same lines; CSV for the lot
    only = boss.get("/centre/alerts", params={"station": OTHER, "lang": "en"}).text
    assert "AED battery expires" in only and f'id="alerts-{STATION}"' not in only
    exported = boss.get("/centre/alerts", params={"format": "csv"})
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    kinds = {(r["station"], r["kind"]) for r in rows}
    assert (STATION, "loan_overdue") in kinds and (STATION, "check_missed") in kinds
    assert (STATION, "charging_overdue") in kinds and (OTHER, "aed_battery") in kinds
    assert {r["station"] for r in rows} == {STATION, OTHER}

    zh = boss.get("/centre/alerts", params={"lang": "zh"}).text
    assert "库存与到期提醒" in zh and "创可贴（批号 OLD1）已过期，仍在药箱中" in zh
    assert "伞 1 件逾期未还（最早应于 2026-11-19 归还）" in zh

    # a station admin sees its station only
    mine = browser(alerts_hub, "west")
    assert f'id="alerts-{OTHER}"' not in mine.get("/centre/alerts").text
    assert mine.get("/centre/alerts", params={"station": OTHER}).status_code == 403
    assert boss.get("/centre/alerts", params={"station": "bad station"}).status_code == 422
    for client in (boss, mine):
        client.close()


def test_alerts_page_needs_a_sign_in(alerts_hub: Hub) -> None:
    response = alerts_hub.client.get("/centre/alerts")
    assert response.status_code == 303 and response.headers["location"] == "/centre/login"


def _events(station: str) -> list[Any]:
    return [
        to_domain(
            HubEvent(
                hub_seq=i,
                id=new_id(),
                station_id=station,
                kiosk_id="k",
                seq=i,
                kind=kind,
                occurred_at=at,
                received_at=at,
                actor=None,
                payload=payload,
            )
        )
        for i, (kind, payload, at) in enumerate(station_events(station), start=1)
    ]


def test_alerts_do_not_depend_on_arrival_order() -> None:
    """The kiosks' folds are order-free: any arrival order gives the same alerts."""
    events = _events(STATION)
    local_now = NOW.astimezone(ZoneInfo("Asia/Shanghai"))
    items = medicine_items([{"id": "plaster", "min_stock": 20}])
    box = [e for e in events if e.kind.startswith(("medicine.", "aed."))]
    lent = [e for e in events if e.kind.startswith("lending.")]
    first = medicine_alerts(STATION, box, items, local_now, 10)
    assert medicine_alerts(STATION, box[::-1], items, local_now, 10) == first
    assert lending_alerts(STATION, lent[::-1], {}, NOW) == lending_alerts(STATION, lent, {}, NOW)


def test_alerts_open_now_are_charted_by_region_as_the_sum_of_their_stations(
    alerts_hub: Hub,
) -> None:
    """各片区当前提醒数: no chart before any station is in a region; then one bar and one
    table row per region, each the sum of its stations' alerts on the same page."""
    push_all(alerts_hub, "k-west", STATION, station_events(STATION))
    push_all(alerts_hub, "k-south", OTHER, station_events(OTHER))
    boss = browser(alerts_hub, "boss")
    try:
        _charted_by_region(alerts_hub, boss)
    finally:
        boss.close()


def _charted_by_region(alerts_hub: Hub, boss: httpx.Client) -> None:
    import re

    assert 'id="chart-alerts-regions"' not in boss.get("/centre/alerts").text
    admin = alerts_hub.app.state.admin_service
    for station, region in ((STATION, "福州市"), (OTHER, "福州市"), (QUIET, "厦门市")):
        admin.set_station_region(station, region)

    page = boss.get("/centre/alerts?lang=zh").text
    chart = page.split('id="chart-alerts-regions"', 1)[1].split("</figure>", 1)[0]
    assert "各片区当前提醒数" in chart
    bars = dict(re.findall(r'class="bar" data-label="([^"]+)" data-value="([^"]+)"', chart))
    found = alerts_hub.app.state.alerts.for_stations([STATION, OTHER, QUIET], NOW)
    fuzhou = sum(1 for a in found if a.station_id in (STATION, OTHER))
    xiamen = sum(1 for a in found if a.station_id == QUIET)
    assert fuzhou > 0
    assert bars == {"福州市": str(fuzhou), "厦门市": str(xiamen)}
    rows = re.findall(r"<tr><td>([^<]+)</td><td class=\"num\">([^<]+)</td></tr>", chart)
    assert dict(rows) == bars  # the numbers table says what the bars draw
    assert "Alerts open now, by region" in boss.get("/centre/alerts?lang=en").text


def publish_plasters(hub: Hub, minimum: int, station: str | None) -> None:
    """The centre publishes a medicine list of plasters alone, with this minimum stock, for
    `station` (None: every station)."""
    hub.client.post(
        "/v1/admin/config",
        json={
            "kind": "medicine_items",
            "station_id": station,
            "body": {
                "items": [
                    {
                        "id": "plaster",
                        "name_zh": "创可贴",
                        "name_en": "Plasters",
                        "unit_zh": "片",
                        "unit_en": "pcs",
                        "min_stock": minimum,
                    }
                ]
            },
        },
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    ).raise_for_status()


def _local(day: int, hour: int = 10) -> datetime:
    """November `day`, `hour`:00 at the stations (Beijing time), as UTC."""
    return datetime(2026, 11, day, hour, tzinfo=ZoneInfo("Asia/Shanghai")).astimezone(UTC)


def _dispensed(batch: str, quantity: int) -> dict[str, Any]:
    return {
        "lot_id": f"plaster:{batch}",
        "item_id": "plaster",
        "batch": batch,
        "quantity": quantity,
        "reason": "cut_graze",
        "volunteer_id": "v-1",
    }


def test_stock_alerts_over_time_count_what_stood_at_each_days_end(alerts_hub: Hub) -> None:
    """The alerts page's trend: each day's column is the stock and expiry alerts the kiosks'
    rules raise on that day's closing stock (plasters, at least 10), from the day the box first
    held anything; alert-days by station and by region sum the same days."""
    import re

    for station in (OTHER, QUIET):
        publish_plasters(alerts_hub, 10, station)
    discarded = {**_dispensed("P1", 4), "reason": "expired"}
    del discarded["volunteer_id"]
    push_all(
        alerts_hub,
        "k-south",
        OTHER,
        [
            # 11-15: 4 expiring on 11-17, and low: 2 alerts
            ("medicine.restocked", lot("plaster", "P1", "2026-11-17", 4), _local(15)),
            # 11-16: 20 good ones: only the expiring lot, 1
            ("medicine.restocked", lot("plaster", "P2", "2028-01-01", 20), _local(16)),
            # 11-17: 15 given out: 4 + 5 usable, low again: 2
            ("medicine.dispensed", _dispensed("P2", 15), _local(17)),
            # 11-18 (nothing recorded): P1 expired and still in the box, 5 usable: 2
            # 11-19: the expired 4 thrown away: low only, 1
            ("medicine.discarded", discarded, _local(19)),
            # 11-20, before now: 10 more, 15 usable: 0
            ("medicine.restocked", lot("plaster", "P3", "2028-01-01", 10), _local(20)),
        ],
    )
    # 11-19: 3 good ones, low from then on: 1 on 11-19 and 1 today
    push_all(
        alerts_hub,
        "k-quiet",
        QUIET,
        [("medicine.restocked", lot("plaster", "Q1", "2028-01-01", 3), _local(19, 9))],
    )
    boss = browser(alerts_hub, "boss")
    west = browser(alerts_hub, "west")
    try:
        page = boss.get("/centre/alerts?lang=zh").text
        chart = page.split('id="chart-stock-days"', 1)[1].split("</figure>", 1)[0]
        assert "爱心药箱：近 30 天每天结束时的库存与效期提醒" in chart
        columns = re.findall(r'class="bar" data-label="([^"]+)" data-value="([^"]+)"', chart)
        assert len(columns) == 30 and columns[0][0] == "10-22" and columns[-1][0] == "11-20"
        assert [v for _, v in columns[-6:]] == ["2", "1", "2", "2", "2", "1"]
        assert {v for _, v in columns[:-6]} == {"0"}

        stations = page.split('id="chart-stock-stations"', 1)[1].split("</figure>", 1)[0]
        values = re.findall(r'class="bar" data-label="[^"]+" data-value="([^"]+)"', stations)
        assert values == ["8", "2"]  # 2+1+2+2+1+0 at the south exit's station, 1+1 at the quiet
        assert 'id="chart-stock-regions"' not in page  # no station is in a region yet

        admin = alerts_hub.app.state.admin_service
        admin.set_station_region(OTHER, "福州市")
        admin.set_station_region(QUIET, "厦门市")
        page = boss.get("/centre/alerts?lang=en").text
        regions = page.split('id="chart-stock-regions"', 1)[1].split("</figure>", 1)[0]
        assert "Medicine box: alert-days in the last 30 days, by region" in regions
        bars = dict(re.findall(r'class="bar" data-label="([^"]+)" data-value="([^"]+)"', regions))
        assert bars == {"福州市": "8", "厦门市": "2"}

        # A station admin sees their own station's trend only: this one keeps no box.
        assert 'id="chart-stock-days"' not in west.get("/centre/alerts").text
    finally:
        boss.close()
        west.close()

    # The alerts open now are the read model's lots through the same rules: 15 usable, none.
    found = alerts_hub.app.state.alerts.for_stations([OTHER, QUIET], NOW)
    assert [(a.station_id, a.kind) for a in found if a.area == "medicine"] == [(QUIET, "low_stock")]


def test_the_alerts_page_pages_its_stations_worst_first(alerts_hub: Hub) -> None:
    """Twenty stations a page (a province has thousands); the total covers all of them; the
    station with the most urgent alerts leads page 1, those with none come last."""
    import re

    for n in range(22):
        alerts_hub.create_station(f"st-a{n:02d}")
    push_all(alerts_hub, "k-south", OTHER, station_events(OTHER)[:2])  # one expired lot
    push_all(alerts_hub, "k-west", STATION, station_events(STATION))
    boss = browser(alerts_hub, "boss")
    try:
        first = boss.get("/centre/alerts", params={"lang": "en"}).text
        found = alerts_hub.app.state.alerts.for_stations([STATION, OTHER], NOW)
        urgent = sum(a.urgent for a in found)
        assert f"2 of 25 stations have alerts: {len(found)} in all, {urgent} urgent" in first
        sections = re.findall(r'<section class="station-alerts" id="alerts-([^"]+)">', first)
        assert len(sections) == 20 and sections[:2] == [STATION, OTHER]
        assert "Page 1 of 2: rows 1–20 of 25" in first
        second = boss.get("/centre/alerts", params={"lang": "en", "page": 2}).text
        rest = re.findall(r'<section class="station-alerts" id="alerts-([^"]+)">', second)
        assert len(rest) == 5 and not set(rest) & set(sections)
        assert second.count("No alerts") == 5
    finally:
        boss.close()


@pytest.mark.parametrize("seed", [1, 4])
def test_the_trend_equals_the_rules_applied_day_by_day(alerts_hub: Hub, seed: int) -> None:
    """Random restocks, dispenses and discards over two months, lots expiring inside the range:
    each day's count is `stock_alerts` on the events up to that day's end folded afresh (the
    trend recounts only on days the stock moves or a lot turns, and carries the rest)."""
    import random

    from kiosk.features.medicine.domain import Lot, fold_lot, stock_alerts
    from kiosk.features.medicine.hub import medicine_items, stock_alert_days
    from kiosk.platform.hub.read_models import as_event

    rng = random.Random(seed)
    publish_plasters(alerts_hub, 10, OTHER)
    events: list[tuple[str, dict[str, Any], datetime]] = []
    stock: dict[str, int] = {}
    for _n in range(40):
        day = rng.randrange(1, 60)
        at = NOW - timedelta(days=day, hours=rng.randrange(8))
        batch = f"R{rng.randrange(4)}"
        if batch not in stock or rng.random() < 0.3:
            expiry = (TODAY - timedelta(days=rng.randrange(-40, 50))).isoformat()
            events.append(("medicine.restocked", lot("plaster", batch, expiry, 8), at))
            stock[batch] = stock.get(batch, 0) + 8
        elif rng.random() < 0.7:
            events.append(("medicine.dispensed", _dispensed(batch, 1), at))
        else:
            gone = {**_dispensed(batch, 1), "reason": "damaged"}
            del gone["volunteer_id"]
            events.append(("medicine.discarded", gone, at))
    events.sort(key=lambda e: e[2])
    push_all(alerts_hub, "k-south", OTHER, events)

    first = TODAY - timedelta(days=29)
    found = stock_alert_days(
        alerts_hub.app.state.database, [OTHER], first, TODAY, alerts_hub.app.state.settings
    )[OTHER]
    tz = ZoneInfo("Asia/Shanghai")
    wire = [
        as_event(
            {
                **wire_event("k-south", i + 1, station_id=OTHER, kind=k, payload=p),
                "occurred_at": at,
            }
        )
        for i, (k, p, at) in enumerate(events)
    ]
    items = medicine_items([{"id": "plaster", "min_stock": 10}])
    opened = min(e.occurred_at.astimezone(tz).date() for e in wire)
    for offset in range(30):
        day = first + timedelta(days=offset)
        upto = [e for e in wire if e.occurred_at.astimezone(tz).date() <= day]
        lots: dict[str, list[Any]] = {}
        for e in upto:
            lots.setdefault(e.payload["lot_id"], []).append(e)
        folded = [s for g in lots.values() if (s := fold_lot(g)) is not None]
        box = [Lot(s.item_id, s.batch, s.expiry, s.quantity) for s in folded]
        if day < opened:
            assert day not in found
            continue
        assert found[day] == len(stock_alerts(items, box, day)), day
