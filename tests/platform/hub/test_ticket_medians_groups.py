"""The tickets page's medians over thousands of groups (#15): on both databases exactly
`statistics.median`'s figures, unrounded, by station, period, region and over all, for more
than 5,000 groups with odd and even counts, ties, single requests and requests left out
(wishes, ones not accepted, ones outside the range, ones of other stations), and as the
centre admin's page shows them (a year's whole months from `ticket_months`, h0028); and a
hub whose pool has one connection shows the same figures."""

from __future__ import annotations

import random
import re
import statistics
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, insert

from kiosk.features.requests.hub.centre import Medians, read_figures, ticket_figures
from kiosk.features.requests.hub.ticket_months import refresh_months
from kiosk.platform.hub.db import Database, normalise_url
from kiosk.platform.hub.models import Station, TicketFact
from kiosk.platform.hub.regions import station_regions
from kiosk.platform.hub.web_reports import Range
from tests.platform.hub.conftest import Hub
from tests.platform.hub.test_web_centre import PASSWORD, signed_in

STATIONS = 5_200
REGIONS = 31  # and a station in ten in none


def _seed(hub: Hub, today: date) -> list[dict[str, Any]]:
    """Stations and tickets written into the read models as the push's fold leaves them: a
    few requests a station over the last 400 days, their minutes from seconds (ties, and
    means of two middles that are not exact in binary)."""
    rng = random.Random(64)
    tz = hub.app.state.tz
    stations = [
        {
            "id": f"st-{n:05d}",
            "name": f"站点 {n}",
            "created_at": datetime(2025, 1, 1, tzinfo=UTC),
            "region": None if n % 10 == 9 else f"片区 {n % REGIONS}",
        }
        for n in range(STATIONS)
    ]
    tickets = []
    for n, station in enumerate(stations):
        for i in range(1 + n % 4 + (n % 7 == 0) * 6):
            day = today - timedelta(days=rng.choice((0, 1, 3, 20, 40, 59, 60, 200, 399)))
            made = datetime.combine(day, time(rng.randrange(7, 22)), tz).astimezone(UTC)
            kind = "wish" if i % 11 == 5 else "request"
            seconds = rng.choice((3, 30, 61, 90, 93, 93, 135, 140, 601, 777, 1503))
            seconds += (n % REGIONS) * 11  # regions with medians of their own
            accepted = kind == "request" and (n + i) % 13 != 0
            tickets.append(
                {
                    "aggregate_id": f"r-{n}-{i}",
                    "kind": kind,
                    "station_id": station["id"],
                    "ticket": str(100_000 + i),
                    "category": "luggage",
                    "channel": "kiosk",
                    "status": "accepted" if accepted else "ordered",
                    "made_at": made,
                    "day": day.isoformat(),
                    "response_min": seconds / 60 if accepted else None,
                    "flagged": False,
                    "events": [],
                    "version": 1,
                }
            )
    with hub.app.state.database.write() as session:
        session.execute(insert(Station), stations)
        session.execute(insert(TicketFact), tickets)
        # and their station-months, by the push's own step (h0028)
        months = {(t["station_id"], t["day"][:7]) for t in tickets}
        refresh_months(session.connection(), months)
    return tickets


def _expected(
    tickets: list[dict[str, Any]], span: Range, stations: list[str], regions: dict[str, str]
) -> Medians:
    """statistics.median over the accepted requests of `stations` made in the range."""
    width = 7 if (span.last - span.first).days + 1 > 92 else 10
    chosen = set(stations)
    groups: tuple[dict[str, list[float]], ...] = ({}, {}, {})
    every = []
    for t in tickets:
        if (
            t["kind"] == "request"
            and t["response_min"] is not None
            and span.start <= t["made_at"] < span.end
            and t["station_id"] in chosen
        ):
            keys = (t["station_id"], t["day"][:width], regions[t["station_id"]])
            for group, key in zip(groups, keys, strict=True):
                group.setdefault(key, []).append(t["response_min"])
            every.append(t["response_min"])
    by_station, by_period, by_region = (
        {k: statistics.median(v) for k, v in g.items()} for g in groups
    )
    return Medians(by_station, by_period, by_region, statistics.median(every) if every else None)


def test_the_medians_of_thousands_of_groups_are_exact_on_both_databases(hub: Hub) -> None:
    tz = hub.app.state.tz
    today = datetime.now(UTC).astimezone(tz).date()
    tickets = _seed(hub, today)
    database = hub.app.state.database
    regions = station_regions(database)
    every_station = sorted(regions)
    some = every_station[::7]
    groups = 0
    for days in (60, 365):
        span = Range(today - timedelta(days=days - 1), today, tz)
        for stations, every in ((every_station, True), (some, False)):
            with database.report() as session:
                _counts, found = read_figures(session, stations, span, "", every, regions)
            expected = _expected(tickets, span, stations, regions)
            assert found.by_station == expected.by_station  # to the last bit
            assert found.by_period == expected.by_period
            assert found.by_region == expected.by_region
            assert found.overall == expected.overall
            groups += len(found.by_station) + len(found.by_period) + len(found.by_region)
            if every:
                assert len(found.by_region) == REGIONS + 1  # "" for the stations in none
            # and as the page's figures round them
            figures = ticket_figures(database, stations, span, "", regions, every)
            assert {s.station_id: s.median_response_min for s in figures.summary} == {
                s: None if (m := expected.by_station.get(s)) is None else round(m, 1)
                for s in stations
            }
            assert figures.median == round(expected.overall or 0, 1)
    assert groups > 5_000 * 2
    sizes: dict[str, int] = {}
    for t in tickets:
        if t["response_min"] is not None and t["made_at"] >= span.start:
            sizes[t["station_id"]] = sizes.get(t["station_id"], 0) + 1
    assert {1, 2, 3} <= set(sizes.values())  # single requests, means of two middles, odd counts

    # the centre admin's page over the year: the line over all and each station's median
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    boss = signed_in(hub, "boss")
    page = boss.get("/centre/tickets", params={"from": str(today - timedelta(days=364))})
    assert page.status_code == 200
    span = Range(today - timedelta(days=364), today, tz)
    expected = _expected(tickets, span, every_station, regions)
    total = page.text.split('id="summary-total"')[1].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", total)[5] == f"{expected.overall:.1f}"


@pytest.mark.parametrize("backend", ["postgresql"])  # (SQLite reads them one after the other)
def test_the_medians_read_beside_the_counts_never_wait_holding_a_connection(
    hub: Hub, database_url: str
) -> None:
    """The figures are read in one transaction (the medians' thread beside the counts is
    gone, h0028): a hub whose pool has one connection shows the page's figures, the same
    figures as the hub's own database gives."""
    tz = hub.app.state.tz
    today = datetime.now(UTC).astimezone(tz).date()
    _seed(hub, today)
    regions = station_regions(hub.app.state.database)
    stations = sorted(regions)
    span = Range(today - timedelta(days=364), today, tz)
    one = Database(
        create_engine(normalise_url(database_url), pool_size=1, max_overflow=0, pool_timeout=3)
    )
    try:
        for _ in range(3):
            figures = ticket_figures(one, stations, span, "", regions, True)
            assert figures == ticket_figures(
                hub.app.state.database, stations, span, "", regions, True
            )
            assert len(figures.summary) == len(stations) > STATIONS and figures.median is not None
    finally:
        one.engine.dispose()
