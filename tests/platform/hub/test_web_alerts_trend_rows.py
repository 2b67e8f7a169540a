"""The alerts page's trend held as a row a station (`stock_alert_days.trend`, #15, h0020) over
real HTTP against a real hub (SQLite and PostgreSQL): each station's last counted day holds the
counts of the 30 days ending on it, and the page sums those rows. After a late push, a change
today, a new items list, days passing and a rebuild, the held counts equal a recount of the
lots' read model with the one rule (nothing held), and so do both of the page's trend charts
(alerts by day, alert-days by station). A hub upgraded from h0019 fills them from the rows it
holds, and h0020 goes down."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text

from kiosk.core.clock import FixedClock
from kiosk.features.medicine.hub.alert_days import count_days, items_key
from kiosk.features.medicine.hub.boxes import boxes, items_by_station
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import StockAlertDay
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_alerts import one_view, per_view
from tests.platform.hub.conftest import STATION, Hub, serve
from tests.platform.hub.test_hub_station_names import migrate
from tests.platform.hub.test_web_alerts import (
    NOW,
    OTHER,
    QUIET,
    _dispensed,
    _local,
    browser,
    lot,
    publish_plasters,
)
from tests.platform.hub.test_web_alerts_held import TODAY, Box, _south_box
from tests.platform.hub.test_web_centre import PASSWORD

STATIONS = (STATION, OTHER, QUIET)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def trend_hub(settings: HubSettings, clock: FixedClock) -> Iterator[Hub]:
    app = create_app(settings, clock=clock)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        for station in STATIONS:
            hub.create_station(station)
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        yield hub


def _west_box(hub: Hub) -> Box:
    """The west station's box under the bundled list: a lot of gauze expiring on 12-01."""
    west = Box(hub, "k-west", STATION)
    west.push(
        ("medicine.restocked", lot("gauze", "G1", "2026-12-01", 30), _local(2)),
        ("medicine.dispensed", {**_dispensed("G1", 4), "lot_id": "gauze:G1"}, _local(9)),
    )
    return west


def recount(app: Any, today: date) -> dict[str, list[int | None]]:
    """Each station's counts of the 30 days ending `today`, counted afresh from the lots'
    read model with the one rule (nothing held)."""
    first = today - timedelta(days=29)
    with app.state.database.read() as session:
        found = boxes(session, list(STATIONS), first)
        items = items_by_station(session, list(STATIONS))
    out = {}
    for station in STATIONS:
        if station in found:
            counts = count_days(found[station], items[station], first, today)[0]
        else:
            counts = {first + timedelta(days=n): None for n in range(30)}
        out[station] = [counts[first + timedelta(days=n)] for n in range(30)]
    return out


def held(app: Any, today: date) -> dict[str, list[int | None] | None]:
    """Each station's trend as its row for `today` holds it, if it is held under its key now
    (what the page reads)."""
    with app.state.database.read() as session:
        items = items_by_station(session, list(STATIONS))
        rows = session.execute(
            select(StockAlertDay.station_id, StockAlertDay.items_key, StockAlertDay.trend).where(
                StockAlertDay.day == today.isoformat()
            )
        ).all()
    return {s: trend for s, key, trend in rows if key == items_key(items[s])}


def page(boss: httpx.Client) -> tuple[list[int], list[int]]:
    """The page's trend as the user sees it: the 30 columns (alerts at each day's end) and the
    alert-days by station (values; the stations share a name here)."""
    shown = boss.get("/centre/alerts?lang=zh")
    assert shown.status_code == 200, shown.text

    def bars(chart_id: str) -> list[int]:
        chart = shown.text.split(f'id="chart-{chart_id}"', 1)[1].split("</figure>", 1)[0]
        found = re.findall(r'class="bar" data-label="[^"]+" data-value="([^"]+)"', chart)
        return [int(float(v)) for v in found]

    return bars("stock-days"), sorted(bars("stock-stations"))


def summed(counts: dict[str, list[int | None]]) -> tuple[list[int], list[int]]:
    """What the page draws from the stations' counts."""
    by_day = [sum(c[n] or 0 for c in counts.values()) for n in range(30)]
    by_station = [sum(n or 0 for n in c) for c in counts.values() if any(n is not None for n in c)]
    return by_day, sorted(by_station)


def check(hub: Hub, boss: httpx.Client, today: date) -> list[int]:
    """The page and the rows it then holds equal a recount; returns the columns."""
    expected = recount(hub.app, today)
    shown = page(boss)
    assert shown == summed(expected)
    assert held(hub.app, today) == expected  # every station held, each as counted afresh
    assert page(boss) == shown  # read from the rows alone
    return shown[0]


def test_the_held_trend_rows_equal_a_recount_through_pushes_days_and_a_rebuild(
    trend_hub: Hub, clock: FixedClock
) -> None:
    south = _south_box(trend_hub)
    _west_box(trend_hub)
    boss = browser(trend_hub, "boss")
    try:
        assert held(trend_hub.app, TODAY) == {}
        before = check(trend_hub, boss, TODAY)
        counted = recount(trend_hub.app, TODAY)
        assert counted[OTHER][-16:] == [2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 1]
        assert counted[QUIET] == [None] * 30 and counted[STATION][-1]  # the west box: low
        # A late push: the north exit's 11-10 dispense arrives now; the south row is gone.
        Box(trend_hub, "k-north", OTHER).push(
            ("medicine.dispensed", _dispensed("P1", 6), _local(10))
        )
        assert set(held(trend_hub.app, TODAY)) == {STATION, QUIET}
        late = check(trend_hub, boss, TODAY)
        assert late != before
        # A change today, after today's trend was held: 3 plasters left, low.
        south.push(("medicine.dispensed", _dispensed("P3", 9), _local(20, 9)))
        assert OTHER not in held(trend_hub.app, TODAY)
        today = check(trend_hub, boss, TODAY)
        assert today[-1] == late[-1] + 1
        # Days pass: the first view of each new day counts that day and holds the 30 again.
        for days in (1, 6):
            clock.advance(timedelta(days=days))
            boss.close()
            boss = browser(trend_hub, "boss")
            check(trend_hub, boss, clock.now().astimezone(trend_hub.app.state.tz).date())
        # A rebuild empties what was held; the next view holds it again, the same.
        later = clock.now().astimezone(trend_hub.app.state.tz).date()
        shown = page(boss)
        read_models.rebuild(trend_hub.app.state.database, trend_hub.app.state.settings)
        assert held(trend_hub.app, later) == {}
        assert check(trend_hub, boss, later) == shown[0]
    finally:
        boss.close()


def test_a_new_items_list_counts_the_held_trend_again(trend_hub: Hub) -> None:
    _south_box(trend_hub)
    _west_box(trend_hub)
    boss = browser(trend_hub, "boss")
    try:
        before = check(trend_hub, boss, TODAY)
        publish_plasters(trend_hub, 30, OTHER)  # the south exit's own list: more plasters
        assert OTHER not in held(trend_hub.app, TODAY)  # its rows carry the old key
        after = check(trend_hub, boss, TODAY)
        assert after != before
        publish_plasters(trend_hub, 10, None)  # every station's: the west box has no plasters
        check(trend_hub, boss, TODAY)
    finally:
        boss.close()


def test_a_hub_upgraded_past_h0019_holds_the_trend_of_the_rows_it_kept(
    settings: HubSettings, database_url: str, clock: FixedClock
) -> None:
    """h0020 fills each station's last held day with the 30 counts held before it (a
    station without its 30 days held gets none: its next view counts that day), and goes
    down again."""
    app = create_app(settings, clock=clock)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        for station in STATIONS:
            hub.create_station(station)
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        _south_box(hub)
        _west_box(hub)
        boss = browser(hub, "boss")
        try:
            shown = page(boss)
        finally:
            boss.close()
        expected = recount(hub.app, TODAY)
    app.state.database.dispose()
    engine = make_engine(database_url)
    try:
        with engine.begin() as db:  # as h0019 kept them: no trend; one station lacks a day
            db.execute(text("UPDATE stock_alert_days SET trend = NULL"))
            db.execute(
                text("DELETE FROM stock_alert_days WHERE station_id = :s AND day = '2026-11-01'"),
                {"s": QUIET},
            )
        migrate(engine, "h0019", down=True)
        with engine.begin() as db:
            columns = db.execute(text("SELECT * FROM stock_alert_days")).keys()
            assert "trend" not in columns
        migrate(engine, "h0020")
    finally:
        engine.dispose()
    app = create_app(settings, clock=clock)
    try:
        assert held(app, TODAY) == {s: expected[s] for s in (STATION, OTHER)} | {QUIET: None}
    finally:
        app.state.database.dispose()
    app = create_app(settings, clock=clock)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        boss = browser(hub, "boss")
        try:
            assert page(boss) == shown
            assert held(hub.app, TODAY) == expected  # the quiet station's day counted again
        finally:
            boss.close()
    app.state.database.dispose()


def test_one_view_reads_each_stations_items_once() -> None:
    """Within a view the sources share one read of each station's items (a later call for
    some of those stations reads nothing; one for others reads again); outside, each reads."""
    reads: list[list[str]] = []

    def read(stations: list[str]) -> dict[str, int]:
        reads.append(stations)
        return {s: len(reads) for s in stations}

    with one_view():
        assert per_view("items", ["a", "b", "c"], read) == {"a": 1, "b": 1, "c": 1}
        assert per_view("items", ["b"], read) == {"b": 1}
        assert per_view("items", ["c", "d"], read) == {"c": 2, "d": 2}
    assert per_view("items", ["a"], read) == {"a": 3}
    assert reads == [["a", "b", "c"], ["c", "d"], ["a"]]
