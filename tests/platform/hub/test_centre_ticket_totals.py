"""No silent truncation (#15): the centre's requests page over more than 5,000 tickets (the
old MAX_ROWS) at two stations, seeded through the real push path, against direct SQL counts of
the events the hub stores: the line of totals over every station, the open list's count and
its pages (every open ticket once, the last page short), and the CSV (every open ticket)."""

from __future__ import annotations

import csv
import io
import re
import statistics
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text

from kiosk.core.ids import new_id
from tests.platform.hub.conftest import STATION, Hub, Kiosk
from tests.platform.hub.test_centre_totals import OTHER, RANGE, _push_all, centre
from tests.platform.hub.test_web_centre import signed_in

__all__ = ["centre"]  # the fixture, shared with the other totals tests

PER_STATION = 3200  # 6,400 tickets, 5,120 of them open: more than the old cut of 5,000
PAGE_SIZE = 50  # the open list's page (requests.hub.centre)
FIRST = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)


def _seed_tickets(hub: Hub) -> None:
    """At each station 3,200 requests over November: of each ten, five left waiting, three
    accepted, one completed and one cancelled; and one made in October."""
    for station, kiosk in ((STATION, hub.enrol("k-w")), (OTHER, hub.enrol("k-s", OTHER))):
        _push_all(kiosk, [e for g in range(PER_STATION + 1) for e in _ticket(kiosk, station, g)])


def _ticket(kiosk: Kiosk, station: str, g: int) -> list[dict[str, Any]]:
    request_id = new_id()
    at = FIRST + timedelta(minutes=12 * g) if g < PER_STATION else FIRST - timedelta(days=3)
    order = {
        "request_id": request_id,
        "ticket": str(100_000 + g),
        "category": "luggage",
        "channel": "kiosk",
        "train": None,
        "departs_at": None,
        "phone": None,
        "text": "",
    }
    who = {"request_id": request_id, "volunteer_id": "v-1"}
    steps: list[tuple[str, dict[str, Any], datetime]] = [("request.ordered", order, at)]
    if g % 10 in (1, 2, 3, 8):
        steps.append(("request.accepted", who, at + timedelta(minutes=3 + g % 5)))
    if g % 10 == 8:
        steps.append(("request.completed", who, at + timedelta(minutes=20)))
    if g % 10 == 9:
        steps.append(("request.cancelled", {"request_id": request_id}, at + timedelta(minutes=1)))
    return [
        e
        for kind, payload, when in steps
        for e in kiosk.write(1, station_id=station, kind=kind, payload=payload, occurred_at=when)
    ]


def _count(hub: Hub, kind: str = "") -> int:
    """Requests made in November with an event of `kind` too (or all of them), in SQL."""
    database = hub.app.state.database

    def request_of(alias: str) -> str:
        if database.is_postgres:
            return f"({alias}.payload->>'request_id')"
        return f"json_extract({alias}.payload, '$.request_id')"

    also = (
        f" AND EXISTS (SELECT 1 FROM events e WHERE e.kind = '{kind}'"
        f" AND {request_of('e')} = {request_of('o')})"
    )
    with database.engine.connect() as connection:
        found = connection.execute(
            text(
                "SELECT count(*) FROM events o WHERE o.kind = 'request.ordered'"
                " AND o.occurred_at >= '2026-11-01' AND o.occurred_at < '2026-12-01'"
                + (also if kind else "")
            )
        ).scalar_one()
    return int(found)


def _total_cells(page: str) -> list[str]:
    row = re.search(r'<tr class="total" id="summary-total">(.*?)</tr>', page, re.S)
    assert row is not None
    return re.findall(r'<td class="num">([^<]*)</td>', row.group(1))


def _open_tickets(page: str) -> list[str]:
    body = re.search(r'<table id="open">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert body is not None
    return re.findall(r"/centre/tickets/[^/\"]+/(\d{6})", body.group(1))


def test_tickets_over_five_thousand_are_whole(centre: Hub) -> None:
    _seed_tickets(centre)
    requests, accepted = _count(centre), _count(centre, "request.accepted")
    completed, cancelled = _count(centre, "request.completed"), _count(centre, "request.cancelled")
    assert requests == 2 * PER_STATION
    waiting_or_accepted = requests - completed - cancelled
    assert waiting_or_accepted > 5000
    boss = signed_in(centre, "boss")

    first = boss.get("/centre/tickets", params=RANGE)
    assert first.status_code == 200
    cells = _total_cells(first.text)
    assert cells[:4] == [str(requests), str(waiting_or_accepted), str(completed), str(cancelled)]
    pages = -(-waiting_or_accepted // PAGE_SIZE)
    assert re.search(rf"\b{waiting_or_accepted}\b", _open_count(first.text))
    assert len(_open_tickets(first.text)) == PAGE_SIZE

    last = boss.get("/centre/tickets", params={**RANGE, "page": pages})
    assert len(_open_tickets(last.text)) == waiting_or_accepted - (pages - 1) * PAGE_SIZE
    assert 'id="page-next"' not in last.text

    exported = _csv(boss)
    assert len(exported) == waiting_or_accepted
    assert len({(r[0], r[2]) for r in exported}) == waiting_or_accepted  # each ticket once
    assert {r[5] for r in exported} == {"ordered", "accepted"}
    assert sum(r[5] == "accepted" for r in exported) == accepted - completed


def _open_count(page: str) -> str:
    found = re.search(r'<p class="hint" id="open-count">([^<]*)<', page)
    assert found is not None
    return found.group(1)


def _csv(client: httpx.Client) -> list[list[str]]:
    exported = client.get("/centre/tickets", params={**RANGE, "format": "csv"})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]


THIRD = "st-no-region"
REGION_OF = {STATION: "东片", OTHER: "西片", THIRD: ""}
LONG = {"from": "2026-07-15", "to": "2026-11-20"}  # 129 days: charted by month, part-months


def _accepted_minutes(hub: Hub) -> list[tuple[str, datetime, float]]:
    """(station, made at, minutes to accept) of every accepted request, from the stored
    events themselves (each request's order joined to its acceptance), not the read model."""
    database = hub.app.state.database
    request_id = (
        "payload->>'request_id'"
        if database.is_postgres
        else "json_extract(payload, '$.request_id')"
    )
    with database.engine.connect() as connection:
        rows = connection.execute(
            text(
                f"SELECT kind, station_id, {request_id}, occurred_at FROM events"
                " WHERE kind IN ('request.ordered', 'request.accepted')"
            )
        ).all()
    ordered: dict[str, tuple[str, datetime]] = {}
    accepted: dict[str, datetime] = {}
    for kind, station, rid, at in rows:
        when = at if isinstance(at, datetime) else datetime.fromisoformat(at)
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        if kind == "request.ordered":
            ordered[rid] = (station, when)
        else:
            accepted[rid] = when
    return [
        (station, made, max(0.0, (accepted[rid] - made).total_seconds() / 60))
        for rid, (station, made) in ordered.items()
        if rid in accepted
    ]


def _chart(page: str, key: str) -> dict[str, str]:
    table = re.search(rf'id="chart-{key}-data">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert table is not None, key
    return dict(re.findall(r'<tr><td>([^<]*)</td><td class="num">([^<]*)</td></tr>', table[1]))


def test_a_long_ranges_medians_are_the_stored_requests_medians(centre: Hub) -> None:
    """Over 129 days (whole months and part-months at both ends, some requests just outside):
    each station's median, the line over all, each month's and each region's are exactly
    `statistics.median` of the minutes to accept of the requests stored in the range."""
    centre.create_station(THIRD)
    admin = centre.app.state.admin_service
    for station, region in REGION_OF.items():
        if region:
            admin.set_station_region(station, region)
    start = datetime(2026, 7, 1, 1, 30, tzinfo=UTC)  # two weeks before the range
    for n, station in enumerate(REGION_OF):
        kiosk = centre.enrol(f"k-long-{n}", station)
        events: list[dict[str, Any]] = []
        for g in range(140 + 31 * n):  # uneven counts: odd and even medians
            request_id = new_id()
            at = start + timedelta(hours=(g * 37 + n * 5) % (150 * 24))  # July to late November
            order = {"request_id": request_id, "ticket": str(200_000 + 1000 * n + g)}
            order |= {"category": "luggage", "channel": "kiosk"}
            events += kiosk.write(
                1, station_id=station, kind="request.ordered", payload=order, occurred_at=at
            )
            if g % 7 == 3:
                continue  # still waiting: in no median
            wait = timedelta(seconds=(g * 97 + n * 13) % 2400 + 30 * (g % 3))  # ties, halves
            who = {"request_id": request_id, "volunteer_id": "v-1"}
            events += kiosk.write(
                1, station_id=station, kind="request.accepted", payload=who, occurred_at=at + wait
            )
        _push_all(kiosk, events)

    tz = centre.app.state.tz
    first, last = (datetime.fromisoformat(LONG[k]).date() for k in ("from", "to"))
    stored = [
        (station, made.astimezone(tz), minutes)
        for station, made, minutes in _accepted_minutes(centre)
        if first <= made.astimezone(tz).date() <= last
    ]
    assert len(stored) > 300 and len(stored) < len(_accepted_minutes(centre))  # some outside
    groups: tuple[dict[str, list[float]], ...] = ({}, {}, {})
    for station, made, minutes in stored:
        keys = (station, made.strftime("%Y-%m"), REGION_OF[station])
        for group, key in zip(groups, keys, strict=True):
            group.setdefault(key, []).append(minutes)
    by_station, by_month, by_region = (
        {k: f"{statistics.median(v):.1f}" for k, v in g.items()} for g in groups
    )
    overall = f"{statistics.median(m for _, _, m in stored):.1f}"
    assert len(by_month) == 5  # July's and November's parts, three whole months

    page = signed_in(centre, "boss").get("/centre/tickets", params=LONG)
    assert page.status_code == 200
    assert _total_cells(page.text)[4] == overall
    summary = page.text.split('id="summary"')[1].split("</tbody>")[0]
    rows = summary.split("<tr>")[2:]  # the stations' lines (their names are alike here)
    shown = sorted(re.findall(r"<td[^>]*>([^<]*)</td>", row)[5] for row in rows)
    assert shown == sorted(by_station.values())
    assert _chart(page.text, "response-days") == by_month
    regions = _chart(page.text, "response-regions")
    assert {("" if r == "未分区" else r): v for r, v in regions.items()} == by_region
