"""The alerts page totals and sorts every station from the sources' summaries and describes
only the stations it shows (#15), over real HTTP against a real hub (SQLite and PostgreSQL):
after pushes, a late push, a return, a new items list and a day ending, the summary equals the
lines counted for every station, the page's total line, summary table and first 20 stations
equal what the CSV's lines say, and the CSV holds every station's lines."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.hub_app import create_app
from kiosk.platform.hub import web_centre
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_alerts import tally
from tests.platform.hub.conftest import STATION, Hub, serve
from tests.platform.hub.test_web_alerts import (
    NOW,
    OTHER,
    QUIET,
    _dispensed,
    _local,
    browser,
    lot,
    publish_plasters,
    station_events,
)
from tests.platform.hub.test_web_alerts_held import Box
from tests.platform.hub.test_web_centre import PASSWORD

EXTRA = [f"st-b{n:02d}" for n in range(22)]  # more stations than a page shows


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def many_hub(settings: HubSettings, clock: FixedClock) -> Iterator[Hub]:
    app = create_app(settings, clock=clock)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        for station in (STATION, OTHER, QUIET, *EXTRA):
            hub.create_station(station)
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        yield hub


def csv_lines(boss: httpx.Client) -> list[dict[str, str]]:
    exported = boss.get("/centre/alerts", params={"format": "csv"})
    assert exported.status_code == 200, exported.text
    return list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))


def check_page(hub: Hub, boss: httpx.Client) -> list[dict[str, str]]:
    """The summary equals the lines counted for every station; the page says what the CSV's
    lines say (total, the summary table of page 1 and its order, each shown station's lines)."""
    alerts, now = hub.app.state.alerts, hub.app.state.clock.now()
    stations = [STATION, OTHER, QUIET, *EXTRA]
    assert alerts.summary(stations, now) == tally(alerts.for_stations(stations, now))

    rows = csv_lines(boss)
    counts: dict[str, dict[str, int]] = {s: {} for s in stations}
    urgent: dict[str, dict[str, int]] = {s: {} for s in stations}
    for r in rows:
        mine = counts[r["station"]]
        mine[r["area"]] = mine.get(r["area"], 0) + 1
        hot = urgent[r["station"]]
        hot[r["area"]] = hot.get(r["area"], 0) + int(r["urgent"])
    found = alerts.for_stations(stations, now)
    assert [(r["station"], r["kind"], r["subject"], r["alert_en"]) for r in rows] == [
        (a.station_id, a.kind, a.subject, a.en) for a in found
    ]  # every station's lines, in the page's order

    page = boss.get("/centre/alerts", params={"lang": "en"})
    assert page.status_code == 200, page.text
    text = page.text
    alerted = sum(1 for s in stations if counts[s])
    hot_n = sum(int(r["urgent"]) for r in rows)
    total = f"{alerted} of {len(stations)} stations have alerts: {len(rows)} in all, {hot_n} urgent"
    assert total in text

    order = sorted(stations, key=lambda s: (-sum(urgent[s].values()), -sum(counts[s].values()), s))
    summary = text.split('id="alert-summary"', 1)[1].split("</table>", 1)[0]
    table = re.findall(r'<tr><td><a href="\?station=([^"]+)">.*?</td>(.*?)</tr>', summary)
    assert [s for s, _ in table] == order[:20]
    for station, cells in table:
        found_cells = re.findall(r'<td class="num ?(bad)?">(\d*)</td>', cells)
        expected = [
            ("bad" if urgent[station].get(a) else "", str(counts[station].get(a) or ""))
            for a in alerts.areas
        ]
        assert found_cells == expected, station

    shown = re.findall(r'<section class="station-alerts" id="alerts-([^"]+)">', text)
    assert shown == order[:20]
    for station in shown:
        section = text.split(f'id="alerts-{station}"', 1)[1].split("</section>", 1)[0]
        said = [
            (kind, html.unescape(line))
            for kind, line in re.findall(
                r'<tr class="alert alert-([a-z_]+)"><td[^>]*>([^<]*)<', section
            )
        ]
        assert said == [(r["kind"], r["alert_en"]) for r in rows if r["station"] == station]
    second = boss.get("/centre/alerts", params={"lang": "en", "page": 2}).text
    rest = re.findall(r'<section class="station-alerts" id="alerts-([^"]+)">', second)
    assert rest == order[20:]
    return rows


def test_the_page_totals_and_sorts_every_station_from_summaries_equal_to_its_lines(
    many_hub: Hub, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CSV reads a few stations at a time: here 2, then 3 (so its rounds split the lines).
    monkeypatch.setattr(web_centre, "ALERTS_CSV_FIRST", 2)
    monkeypatch.setattr(web_centre, "ALERTS_CSV_STATIONS", 3)
    west = Box(many_hub, "k-west", STATION)
    west.push(*station_events(STATION))  # box, check, over-lent and overdue, a phone left
    south = Box(many_hub, "k-south", OTHER)
    south.push(*station_events(OTHER)[:4])  # a box only
    extra = Box(many_hub, "k-extra", EXTRA[5])
    extra.push(
        ("medicine.restocked", lot("plaster", "X1", "2026-11-25", 3), _local(10)),
        ("lending.stocked", {"stock_id": new_id(), "item": "umbrella", "quantity": 1}, _local(10)),
    )
    boss = browser(many_hub, "boss")
    try:
        first = check_page(many_hub, boss)
        assert {r["station"] for r in first} == {STATION, OTHER, EXTRA[5]}
        assert len(first) > 10

        # A late push: a dispense dated 11-12 at the extra station (3 → 1 plasters).
        extra.push(("medicine.dispensed", _dispensed("X1", 2), _local(12)))
        check_page(many_hub, boss)

        # A return: the overdue umbrella comes back (no longer overdue, no longer over-lent).
        west.push(
            (
                "lending.returned",
                {"loan_id": "loan-1", "item": "umbrella"},
                NOW - timedelta(hours=1),
            )
        )
        after_return = check_page(many_hub, boss)
        kinds = {(r["station"], r["kind"]) for r in after_return}
        assert (STATION, "loan_overdue") not in kinds and (STATION, "over_lent") not in kinds

        # A new items list for every station: plasters alone, at least 30.
        publish_plasters(many_hub, 30, None)
        listed = check_page(many_hub, boss)
        assert (OTHER, "low_stock") in {(r["station"], r["kind"]) for r in listed}
    finally:
        boss.close()

    # A day ends (and another): lots turn, the check is missed again.
    clock.advance(timedelta(days=6))
    boss = browser(many_hub, "boss")
    try:
        later = check_page(many_hub, boss)
        assert later != listed
    finally:
        boss.close()
