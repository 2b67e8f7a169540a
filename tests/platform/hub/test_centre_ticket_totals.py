"""No silent truncation (#15): the centre's requests page over more than 5,000 tickets (the
old MAX_ROWS) at two stations, seeded through the real push path, against direct SQL counts of
the events the hub stores: the line of totals over every station, the open list's count and
its pages (every open ticket once, the last page short), and the CSV (every open ticket)."""

from __future__ import annotations

import csv
import io
import re
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
