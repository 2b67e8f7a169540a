"""The alerts page's totals past 5,000 lines (#15, "Totals"): 26 stations of 200 lending items
each, pushed by real kiosks over real HTTP (SQLite and PostgreSQL), give 6,078 alert lines; the
page's totals line, its two pages of stations and the CSV equal the lending rules applied by
hand to the events as stored (read straight from the events table, not through a fold). The old
centre stopped at 5,000 lines (`MAX_ROWS`) without a word: this test fails on any cut."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.hub_app import create_app
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import Hub, serve, wire_event
from tests.platform.hub.test_web_alerts import NOW, browser
from tests.platform.hub.test_web_centre import PASSWORD

STATIONS = [f"st-t{n:02d}" for n in range(26)]  # more than a page of 20
ITEMS = 200  # lending items a station: 26 × 200 = 5,200 shelves


@pytest.fixture
def province(settings: HubSettings) -> Iterator[Hub]:
    app = create_app(settings, clock=FixedClock(NOW))
    with serve(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        hub = Hub(client, app)
        for station in STATIONS:
            hub.create_station(station)
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        yield hub


def _station_events(n: int) -> list[tuple[str, dict[str, object], datetime]]:
    """Each item stocked once; by item number: one loan overdue (none left, overdue), two
    overdue (over-lent by one, overdue), one overdue then returned (no alert), one due
    tomorrow (none left). Station n has n fewer items with loans, so stations differ."""
    earlier = NOW - timedelta(days=5)
    out: list[tuple[str, dict[str, object], datetime]] = []
    for i in range(ITEMS):
        item = f"item_{i:03d}"
        stocked = {"stock_id": new_id(), "item": item, "quantity": 1}
        out.append(("lending.stocked", stocked, earlier))
        if i < n:
            continue  # stocked, never lent: no alert
        due = NOW - timedelta(days=1) if i % 4 != 3 else NOW + timedelta(days=1)
        loans = 2 if i % 4 == 1 else 1
        for k in range(loans):
            loan = f"loan-{n}-{i}-{k}"
            borrowed: dict[str, object] = {
                "loan_id": loan,
                "item": item,
                "method": "phone",
                "phone": "13800001111",
                "due_at": due.isoformat(),
            }
            out.append(("lending.borrowed", borrowed, earlier))
            if i % 4 == 2:
                out.append(("lending.returned", {"loan_id": loan, "item": item}, NOW))
    return out


def _push(hub: Hub, station: str, events: list[tuple[str, dict[str, object], datetime]]) -> None:
    kiosk_id = f"k-{station}"
    kiosk = hub.enrol(kiosk_id, station_id=station)
    for start in range(0, len(events), 400):
        wire = [
            wire_event(kiosk_id, seq, station_id=station, kind=k, payload=p, occurred_at=at)
            for seq, (k, p, at) in enumerate(events[start : start + 400], start + 1)
        ]
        reply = kiosk.push(wire)
        assert reply.status_code == 200, reply.text
        assert all(r["status"] == "applied" for r in reply.json()["results"]), reply.text


def _expected(hub: Hub) -> Counter[tuple[str, str]]:
    """(station, kind) → lines, by the lending rules applied to the stored events by hand:
    a shelf with fewer units left than none is over-lent, with none left (having been stocked)
    is empty; a shelf with any loan out past its due time has one overdue line."""
    stocked: Counter[tuple[str, str]] = Counter()
    loans: dict[str, tuple[str, str, datetime]] = {}
    returned: set[str] = set()
    with hub.app.state.database.read() as session:
        rows = session.execute(
            select(HubEvent.station_id, HubEvent.kind, HubEvent.payload).where(
                HubEvent.kind.like("lending.%")
            )
        )
        for station, kind, payload in rows:
            if kind == "lending.stocked":
                stocked[(station, payload["item"])] += int(payload["quantity"])
            elif kind == "lending.borrowed":
                due = datetime.fromisoformat(payload["due_at"])
                loans[payload["loan_id"]] = (station, payload["item"], due)
            elif kind == "lending.returned":
                returned.add(payload["loan_id"])
    out_now: Counter[tuple[str, str]] = Counter()
    overdue: set[tuple[str, str]] = set()
    for loan, (station, item, due) in loans.items():
        if loan in returned:
            continue
        out_now[(station, item)] += 1
        if due < NOW:
            overdue.add((station, item))
    lines: Counter[tuple[str, str]] = Counter()
    for shelf, units in stocked.items():
        left = units - out_now[shelf]
        if left < 0:
            lines[(shelf[0], "over_lent")] += 1
        elif left == 0:
            lines[(shelf[0], "none_left")] += 1
    for station, _item in overdue:
        lines[(station, "loan_overdue")] += 1
    return lines


def test_the_alerts_totals_and_csv_count_every_line_past_five_thousand(province: Hub) -> None:
    for n, station in enumerate(STATIONS):
        _push(province, station, _station_events(n))
    expected = _expected(province)
    total = sum(expected.values())
    urgent = sum(n for (_s, kind), n in expected.items() if kind != "none_left")
    assert total > 5_000  # past the old cut

    boss = browser(province, "boss")
    try:
        exported = boss.get("/centre/alerts", params={"format": "csv"})
        assert exported.status_code == 200, exported.text
        rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
        assert Counter((r["station"], r["kind"]) for r in rows) == expected
        assert sum(int(r["urgent"]) for r in rows) == urgent

        first = boss.get("/centre/alerts", params={"lang": "en"})
        assert first.status_code == 200, first.text
        n = len(STATIONS)
        said = f"{n} of {n} stations have alerts: {total} in all, {urgent} urgent"
        assert said in first.text

        # Worst first: most urgent lines, then most lines, then the code; 20 then the rest.
        per_station = {s: sum(n for (t, _k), n in expected.items() if t == s) for s in STATIONS}
        hot = {
            s: sum(n for (t, k), n in expected.items() if t == s and k != "none_left")
            for s in STATIONS
        }
        order = sorted(STATIONS, key=lambda s: (-hot[s], -per_station[s], s))
        shown = re.findall(r'<section class="station-alerts" id="alerts-([^"]+)">', first.text)
        assert shown == order[:20]
        second = boss.get("/centre/alerts", params={"lang": "en", "page": 2})
        assert second.status_code == 200, second.text
        assert said in second.text  # the totals are the province's on every page
        rest = re.findall(r'<section class="station-alerts" id="alerts-([^"]+)">', second.text)
        assert rest == order[20:]
        for station in rest:  # each shown station's lines, all of them
            section = second.text.split(f'id="alerts-{station}"', 1)[1].split("</section>", 1)[0]
            assert len(re.findall(r'<tr class="alert alert-', section)) == per_station[station]
    finally:
        boss.close()
