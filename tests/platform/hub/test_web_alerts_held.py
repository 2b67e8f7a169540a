"""The alerts page's trend of stock alerts held in `stock_alert_days` (#15) over real HTTP
against a real hub (SQLite and PostgreSQL): after a late push of a past day's change, a newly
published items list and a day ending, the page shows what a recount of the read model with
the one rule says, and a rebuild of the read models shows the same again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.medicine.hub import medicine_alerts, warm_trend
from kiosk.features.medicine.hub.alert_days import _keep, _versions, count_days, items_key
from kiosk.features.medicine.hub.boxes import boxes, items_by_station
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.hub_events import to_domain
from kiosk.platform.hub.models import HubEvent, StockAlertDay
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import Hub, serve, wire_event
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
from tests.platform.hub.test_web_centre import PASSWORD

TODAY = date(2026, 11, 20)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def held_hub(settings: HubSettings, clock: FixedClock) -> Iterator[Hub]:
    app = create_app(settings, clock=clock)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        for station in (OTHER, QUIET):
            hub.create_station(station)
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        yield hub


class Box:
    """A station's kiosk pushing box events in its own order (seq 1, 2, …)."""

    def __init__(self, hub: Hub, kiosk_id: str, station: str) -> None:
        self.kiosk = hub.enrol(kiosk_id, station_id=station)
        self.kiosk_id, self.station, self.seq = kiosk_id, station, 0

    def push(self, *events: tuple[str, dict[str, Any], datetime]) -> None:
        wire = []
        for kind, payload, at in events:
            self.seq += 1
            wire.append(
                wire_event(
                    self.kiosk_id,
                    self.seq,
                    station_id=self.station,
                    kind=kind,
                    payload=payload,
                    occurred_at=at,
                )
            )
        reply = self.kiosk.push(wire)
        assert reply.status_code == 200, reply.text
        assert all(r["status"] == "applied" for r in reply.json()["results"]), reply.text


def trend(boss: httpx.Client) -> list[tuple[str, int]]:
    """The page's 30 columns (day, alerts standing at its end), as the user sees them."""
    page = boss.get("/centre/alerts?lang=zh")
    assert page.status_code == 200, page.text
    chart = page.text.split('id="chart-stock-days"', 1)[1].split("</figure>", 1)[0]
    found = re.findall(r'class="bar" data-label="([^"]+)" data-value="([^"]+)"', chart)
    assert len(found) == 30
    return [(d, int(float(v))) for d, v in found]


def recount(hub: Hub, today: date) -> list[tuple[str, int]]:
    """The same 30 days counted afresh from the lots' read model with the one rule (nothing
    held), summed over the stations as the page sums them."""
    database, first = hub.app.state.database, today - timedelta(days=29)
    stations = [OTHER, QUIET]
    with database.read() as session:
        found = boxes(session, stations, first)
        items = items_by_station(session, stations)
    total = dict.fromkeys((first + timedelta(days=n) for n in range(30)), 0)
    for station in stations:
        if station in found:
            for day, n in count_days(found[station], items[station], first, today)[0].items():
                total[day] += n or 0
    return [(d.strftime("%m-%d"), n) for d, n in total.items()]


def alerts_now(boss: httpx.Client) -> list[tuple[str, str, str]]:
    """The medicine box's alerts open now at the south exit's station, from the CSV."""
    csv = boss.get("/centre/alerts", params={"format": "csv", "station": OTHER})
    assert csv.status_code == 200, csv.text
    rows = [line.split(",") for line in csv.text.splitlines()[1:]]
    return [(r[2], r[3], r[6]) for r in rows if r[1] == "medicine"]


def live_now(hub: Hub, now: datetime) -> list[tuple[str, str, str]]:
    """The same, from the kiosks' rules over every stored event of the station (no read
    model, nothing held)."""
    app = hub.app
    with app.state.database.read() as session:
        events = [
            to_domain(e)
            for e in session.scalars(
                select(HubEvent).where(HubEvent.station_id == OTHER).order_by(HubEvent.hub_seq)
            )
        ]
        items = items_by_station(session, [OTHER])[OTHER]
    local = now.astimezone(app.state.tz)
    found = medicine_alerts(OTHER, events, items, local, app.state.settings.daily_check_hour)
    return [(a.kind, a.subject, a.en) for a in found if a.area == "medicine"]


def held(hub: Hub, station: str) -> dict[str, int | None]:
    with hub.app.state.database.read() as session:
        rows = session.execute(
            select(StockAlertDay.day, StockAlertDay.alerts).where(
                StockAlertDay.station_id == station
            )
        )
        return {day: alerts for day, alerts in rows}


def _south_box(hub: Hub) -> Box:
    """Plasters at least 10 at the south exit, from 11-05: 6 expiring on 11-25 (low and
    expiring: 2), 25 more on 11-08 (1), 22 given out on 11-12 (2), 9 more on 11-16 (1)."""
    publish_plasters(hub, 10, OTHER)
    south = Box(hub, "k-south", OTHER)
    south.push(
        ("medicine.restocked", lot("plaster", "P1", "2026-11-25", 6), _local(5)),
        ("medicine.restocked", lot("plaster", "P2", "2028-01-01", 25), _local(8)),
        ("medicine.dispensed", _dispensed("P2", 22), _local(12)),
        ("medicine.restocked", lot("plaster", "P3", "2028-01-01", 9), _local(16)),
    )
    return south


def test_the_held_trend_is_filled_once_and_equals_a_recount(held_hub: Hub) -> None:
    _south_box(held_hub)
    boss = browser(held_hub, "boss")
    try:
        assert held(held_hub, OTHER) == {}
        first = trend(boss)
        assert first == recount(held_hub, TODAY)
        assert [n for _, n in first[-16:]] == [2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 1]
        rows = held(held_hub, OTHER)
        assert len(rows) == 30 and rows["2026-11-12"] == 2 and rows["2026-11-04"] is None
        assert len(held(held_hub, QUIET)) == 30  # no box: held as "nothing yet"
        assert trend(boss) == first  # the second view reads what the first kept
    finally:
        boss.close()


def test_a_late_push_of_a_past_days_change_is_counted_again(held_hub: Hub) -> None:
    south = _south_box(held_hub)
    boss = browser(held_hub, "boss")
    try:
        before = trend(boss)
        # The north exit was offline for ten days: its 11-10 use of the 6 expiring plasters
        # arrives now. From 11-10 nothing is expiring; from 11-12 3 left, low; 11-16 12, fine.
        north = Box(held_hub, "k-north", OTHER)
        north.push(("medicine.dispensed", _dispensed("P1", 6), _local(10)))
        rows = held(held_hub, OTHER)
        assert "2026-11-09" in rows and "2026-11-10" not in rows  # gone from that day on
        after = trend(boss)
        assert after == recount(held_hub, TODAY)
        assert after != before
        assert alerts_now(boss) == live_now(held_hub, NOW) == []  # 3 + 9 + 9: none
        changed = [d for (d, n), (_, m) in zip(before, after, strict=True) if n != m]
        assert changed == ["11-10", "11-11", "11-12", "11-13", "11-14", "11-15"] + [
            f"11-{d}" for d in range(16, 21)
        ]
        assert dict(after)["11-11"] == 0 and dict(after)["11-12"] == 1
        # And a change the south exit records today, after today's count was kept: 3 left.
        south.push(("medicine.dispensed", _dispensed("P3", 9), _local(20, 9)))
        today = trend(boss)
        assert today == recount(held_hub, TODAY) and today[-1] == ("11-20", 1)
        low = alerts_now(boss)
        assert low == live_now(held_hub, NOW) and [k for k, _, _ in low] == ["low_stock"]
    finally:
        boss.close()


def test_a_new_items_list_re_reads_the_past(held_hub: Hub) -> None:
    _south_box(held_hub)
    boss = browser(held_hub, "boss")
    try:
        before = trend(boss)
        # Every station's list: the south exit keeps its own, the quiet station has no box.
        publish_plasters(held_hub, 40, None)
        assert trend(boss) == before
        # The south exit's own list now asks for 30: every past day is read under it.
        publish_plasters(held_hub, 30, OTHER)
        after = trend(boss)
        assert after == recount(held_hub, TODAY)
        now = alerts_now(boss)
        assert now == live_now(held_hub, NOW) and [k for k, _, _ in now] == [
            "expiring",
            "low_stock",
        ]
        # 11-16 on: 18 plasters, enough for 10, not for 30.
        assert dict(before)["11-16"] == 1 and dict(after)["11-16"] == 2
        with held_hub.app.state.database.read() as session:
            items = items_by_station(session, [OTHER])[OTHER]
            keys = set(
                session.scalars(
                    select(StockAlertDay.items_key).where(StockAlertDay.station_id == OTHER)
                )
            )
        assert keys == {items_key(items)}
    finally:
        boss.close()


def test_a_day_ending_adds_its_column_and_keeps_the_rest(held_hub: Hub, clock: FixedClock) -> None:
    _south_box(held_hub)
    boss = browser(held_hub, "boss")
    try:
        before = trend(boss)
        clock.advance(timedelta(days=6))  # 11-26: P1 expired on 11-25 and is still in the box
        boss.close()
        boss = browser(held_hub, "boss")
        after = trend(boss)
        assert after == recount(held_hub, TODAY + timedelta(days=6))
        assert after[:-6] == before[6:]
        assert after[-2:] == [("11-25", 1), ("11-26", 1)]  # expiring, then expired
        assert len(held(held_hub, OTHER)) == 36
        now = alerts_now(boss)
        assert now == live_now(held_hub, NOW + timedelta(days=6))
        assert [k for k, _, _ in now] == ["expired"]
    finally:
        boss.close()


def test_a_rebuild_of_the_read_models_shows_the_same_trend(held_hub: Hub) -> None:
    _south_box(held_hub)
    boss = browser(held_hub, "boss")
    try:
        live = trend(boss)
        read_models.rebuild(held_hub.app.state.database, held_hub.app.state.settings)
        with held_hub.app.state.database.read() as session:
            assert session.scalar(select(func.count()).select_from(StockAlertDay)) == 0
        assert trend(boss) == live
    finally:
        boss.close()


def test_a_count_made_before_a_push_is_not_kept(held_hub: Hub) -> None:
    """A view that read the box, then a push of that box, then the view's write: the write
    keeps nothing for that station (its mark moved), so the next view counts again."""
    _south_box(held_hub)
    database = held_hub.app.state.database
    first = TODAY - timedelta(days=29)
    with database.read() as session:
        versions = _versions(session, [OTHER])
        found = boxes(session, [OTHER], first)
        items = items_by_station(session, [OTHER])[OTHER]
    made, lines = count_days(found[OTHER], items, first, TODAY)
    counts = {OTHER: made}
    Box(held_hub, "k-north", OTHER).push(("medicine.dispensed", _dispensed("P1", 6), _local(10)))
    key = {OTHER: items_key(items)}
    _keep(database, counts, {OTHER: lines}, {OTHER: first}, TODAY, key, versions)
    assert held(held_hub, OTHER) == {}
    _keep(database, counts, {OTHER: lines}, {OTHER: first}, TODAY, key, {OTHER: 99})
    assert held(held_hub, OTHER) == {}
    with database.read() as session:
        now = _versions(session, [OTHER])
    _keep(database, counts, {OTHER: lines}, {OTHER: first}, TODAY, key, now)
    assert len(held(held_hub, OTHER)) == 30  # the guard, not the write, refused before


def test_the_alerts_open_now_are_the_held_days_and_a_clock_ahead_is_counted_live(
    held_hub: Hub,
) -> None:
    """The alerts open now read the alerts held for today's end; a box change dated after
    today (a kiosk whose clock is ahead) is in the stock now but not in today's end: that
    station is counted live, as before the trend was held."""
    _south_box(held_hub)
    boss = browser(held_hub, "boss")
    try:
        assert alerts_now(boss) == live_now(held_hub, NOW)  # nothing held yet: live
        trend(boss)  # the page keeps the trend, today with its alerts
        with held_hub.app.state.database.read() as session:
            lines = session.scalar(
                select(StockAlertDay.lines).where(
                    StockAlertDay.station_id == OTHER, StockAlertDay.day == "2026-11-20"
                )
            )
        assert [line[0] for line in lines] == ["expiring"]
        assert alerts_now(boss) == live_now(held_hub, NOW)
        ahead = Box(held_hub, "k-ahead", OTHER)
        ahead.push(("medicine.dispensed", _dispensed("P3", 9), NOW + timedelta(days=1)))
        now = alerts_now(boss)
        assert now == live_now(held_hub, NOW)
        assert [k for k, _, _ in now] == ["expiring", "low_stock"]  # 9 + 3 - 9 + 6 = 9
        assert trend(boss)[-1] == ("11-20", 1)  # today's end: the dispense is tomorrow's
    finally:
        boss.close()


def test_the_hourly_warm_up_keeps_every_stations_trend(held_hub: Hub, clock: FixedClock) -> None:
    """What the hub does every hour: the trend counted and kept for every station, so the
    first view after a day ends reads it (the same numbers as counting it in the view)."""
    _south_box(held_hub)
    boss = browser(held_hub, "boss")
    try:
        trend(boss)  # 10-22 … 11-20 kept
    finally:
        boss.close()
    clock.advance(timedelta(days=1))
    warm_trend(held_hub.app.state.database, clock.now(), held_hub.app.state.settings)
    assert len(held(held_hub, OTHER)) == len(held(held_hub, QUIET)) == 30
    assert held(held_hub, OTHER)["2026-11-21"] == 1
    assert min(held(held_hub, OTHER)) == "2026-10-23"  # the day before the trend: dropped
    boss = browser(held_hub, "boss")
    try:
        assert trend(boss) == recount(held_hub, TODAY + timedelta(days=1))
    finally:
        boss.close()
