"""The tickets page's medians (#15), now read from the index on made_at and grouped into a list
a station and a period (a region's and the whole's joined from the stations'): on both
databases the same figures as `statistics.median` over the accepted requests stored in the read
model, by station, day or month, region and over all, for a range charted by day and one
charted by month, for every station and for one, and as the page shows them."""

from __future__ import annotations

import random
import re
import statistics
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from kiosk.features.requests.hub.centre import ticket_figures
from kiosk.platform.hub.models import TicketFact
from kiosk.platform.hub.regions import station_regions
from kiosk.platform.hub.web_reports import Range
from tests.platform.hub.conftest import STATION, Hub
from tests.platform.hub.test_web_centre import OTHER, PASSWORD, signed_in

THIRD = "st-no-region"
REGIONS = {STATION: "东片", OTHER: "西片", THIRD: ""}
# seconds from ordered to accepted: ties, halves that round either way, long waits
WAITS = (30, 90, 93, 93, 135, 140, 600, 61, 1503, 57, 3, 777)


def _seed(hub: Hub, now: datetime) -> None:
    rng = random.Random(15)
    for n, (station, region) in enumerate(REGIONS.items()):
        if station != STATION:
            hub.create_station(station)
        if region:
            hub.app.state.admin_service.set_station_region(station, region)
        kiosk = hub.enrol(f"k-{n}", station)
        for i in range(40 + 7 * n):  # uneven counts per station
            # a few days ago (several a day: a day's median) or months back (a month's)
            back = timedelta(days=rng.choice((1, 2, 2, 3, 40, 41, 100, 200)), hours=i % 5)
            made = now - back
            order = {"request_id": f"r-{station}-{i}", "ticket": str(300_000 + 100 * n + i)}
            order |= {"category": "luggage", "channel": "kiosk"}
            kiosk.write(1, kind="request.ordered", payload=order, station_id=station)
            kiosk.events[-1]["occurred_at"] = made.isoformat()
            if i % 9 == 4:
                continue  # still waiting: in no median
            wait = timedelta(seconds=WAITS[(i * 5 + n) % len(WAITS)])
            kiosk.write(
                1,
                kind="request.accepted",
                payload={"request_id": order["request_id"], "volunteer_id": "v-1"},
                station_id=station,
                occurred_at=made + wait,
            )
        response = kiosk.push(kiosk.events)
        assert response.status_code == 200, response.text


def _expected(
    hub: Hub, span: Range, stations: list[str]
) -> tuple[dict[str, float], dict[str, float], dict[str, float], float | None]:
    """The medians by station, period, region and over all, by statistics.median over the
    read model's rows in range (as the page took them before)."""
    f = TicketFact
    with hub.app.state.database.read() as session:
        found = session.execute(
            select(f.station_id, f.day, f.response_min).where(
                f.made_at >= span.start,
                f.made_at < span.end,
                f.kind == "request",
                f.response_min.is_not(None),
                f.station_id.in_(stations),
            )
        ).all()
    width = 7 if (span.last - span.first).days + 1 > 92 else 10
    groups: tuple[dict[str, list[float]], ...] = ({}, {}, {})
    for station, day, minutes in found:
        for group, key in zip(groups, (station, day[:width], REGIONS[station]), strict=True):
            group.setdefault(key, []).append(minutes)
    by_station, by_period, by_region = (
        {k: round(statistics.median(v), 1) for k, v in g.items()} for g in groups
    )
    every = [m for _s, _d, m in found]
    return by_station, by_period, by_region, round(statistics.median(every), 1)


def test_the_medians_are_the_accepted_requests_medians_on_both_databases(hub: Hub) -> None:
    now = datetime.now(UTC) - timedelta(minutes=30)
    _seed(hub, now)
    database = hub.app.state.database
    tz = hub.app.state.tz
    today = datetime.now(UTC).astimezone(tz).date()
    regions = station_regions(database)
    checked = 0
    for days in (30, 365):
        span = Range(today - timedelta(days=days - 1), today, tz)
        for stations, every in ((sorted(REGIONS), True), ([OTHER], False)):
            figures = ticket_figures(database, stations, span, "", regions, every)
            by_station, by_period, by_region, overall = _expected(hub, span, stations)
            assert {s.station_id: s.median_response_min for s in figures.summary} == {
                s: by_station.get(s) for s in stations
            }
            assert figures.by_region == by_region
            assert figures.median == overall
            columns = dict(figures.by_period)
            assert {k: v for k, v in columns.items() if v} == {
                (k[5:] if len(k) == 10 else k): v for k, v in by_period.items() if v
            }
            if days == 30:
                assert len(columns) == 30 and all(len(k) == 5 for k in columns)  # "11-02"
            else:
                assert len(columns) in (12, 13) and all(len(k) == 7 for k in columns)
            assert len(by_period) >= 3  # several periods, some with several requests
            checked += len(by_station) + len(by_period) + len(by_region)
    assert checked > 20

    # and as the centre admin reads them: each station's line and the line over all
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    boss = signed_in(hub, "boss")
    page = boss.get("/centre/tickets", params={"from": str(today - timedelta(days=364))})
    assert page.status_code == 200
    span = Range(today - timedelta(days=364), today, tz)
    by_station, _by_period, _by_region, overall = _expected(hub, span, sorted(REGIONS))
    total = page.text.split('id="summary-total"')[1].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", total)[5] == f"{overall:.1f}"
    body = page.text.split('id="summary"')[1].split("</tbody>")[0]
    shown = sorted(re.findall(r"<td[^>]*>([^<]*)</td>", row)[5] for row in body.split("<tr>")[2:])
    assert shown == sorted(f"{m:.1f}" for m in by_station.values())
