"""No silent truncation (#15): the 人次 and hours pages of a centre with more than 5,000 groups
(the old MAX_ROWS), seeded through the real push path, against direct SQL counts of what the hub
stores: every page's total is the total of everything, the pages together hold every row once,
and the CSV holds every row."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from kiosk.platform.hub.web_reports import PAGE_ROWS
from tests.platform.hub.conftest import STATION, Hub, Kiosk
from tests.platform.hub.test_web_centre import PASSWORD, signed_in

OTHER = "st-fuzhou-south"
RANGE = {"from": "2026-11-01", "to": "2026-11-30"}
AUDIENCES = ("rider", "elderly", "courier", "traveller")
GROUPS_PER_STATION = 2600  # 2 stations: 5,200 groups, more than the old cut of 5,000
BATCH = 500


@pytest.fixture
def centre(hub: Hub) -> Hub:
    hub.create_station(OTHER)
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    return hub


def _push_all(kiosk: Kiosk, events: list[dict[str, Any]]) -> None:
    for i in range(0, len(events), BATCH):
        response = kiosk.push(events[i : i + BATCH])
        assert response.status_code == 200, response.text


def _seed_uses(hub: Hub) -> None:
    for station, kiosk in ((STATION, hub.enrol("k-w")), (OTHER, hub.enrol("k-s", OTHER))):
        events: list[dict[str, Any]] = []
        for g in range(GROUPS_PER_STATION):
            service = f"svc-{g // len(AUDIENCES):04d}"
            for repeat in range(1 + g % 2):  # some groups hold two records
                events += kiosk.write(
                    1,
                    station_id=station,
                    kind="service.used",
                    payload={
                        "use_id": f"u-{station}-{g}-{repeat}",
                        "service_id": service,
                        "audience": AUDIENCES[g % len(AUDIENCES)],
                        "count": 1 + g % 7,
                        "day": f"2026-11-{1 + g % 28:02d}",
                    },
                )
        # and one outside the range, which no figure may count
        events += kiosk.write(
            1,
            station_id=station,
            kind="service.used",
            payload={
                "use_id": f"u-{station}-old",
                "service_id": "svc-old",
                "count": 9,
                "day": "2026-10-31",
            },
        )
        _push_all(kiosk, events)


def _sql(hub: Hub, query: str) -> Any:
    """`query` with `$name` read as the payload's field `name` (as text), in either dialect."""
    database = hub.app.state.database
    form = "(payload->>'\\1')" if database.is_postgres else "json_extract(payload, '$.\\1')"
    with database.engine.connect() as connection:
        return connection.execute(text(re.sub(r"\$(\w+)", form, query))).one()


def _walk(client: httpx.Client, path: str, span: dict[str, str] = RANGE) -> list[str]:
    """Every table row of every page, following the pager's 'next' links; each page's total
    is checked against the first's on the way."""
    page = client.get(path, params=span)
    assert page.status_code == 200
    total = re.search(r'id="total">([^<]+)<', page.text)
    assert total is not None
    rows: list[str] = []
    seen = 0
    while True:
        seen += 1
        found = re.search(r'id="total">([^<]+)<', page.text)
        assert found is not None and found.group(1) == total.group(1)
        body = re.search(r'<table id="report">.*?<tbody>(.*?)</tbody>', page.text, re.S)
        assert body is not None
        rows += re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
        nxt = re.search(r'href="([^"]+)" id="page-next"', page.text)
        if nxt is None:
            break
        page = client.get(nxt.group(1).replace("&amp;", "&"))
        assert page.status_code == 200
    assert seen == -(-len(rows) // PAGE_ROWS)
    return rows


def _csv(client: httpx.Client, path: str) -> list[list[str]]:
    exported = client.get(path, params={**RANGE, "format": "csv"})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]


def test_usage_over_five_thousand_groups_is_whole(centre: Hub) -> None:
    _seed_uses(centre)
    groups, people = _sql(
        centre,
        "SELECT count(DISTINCT station_id || '|' || $service_id || '|' || $audience),"
        " sum(CAST($count AS INTEGER)) FROM events WHERE kind = 'service.used'"
        " AND $day BETWEEN '2026-11-01' AND '2026-11-30'",
    )
    assert groups == 2 * GROUPS_PER_STATION > 5000
    boss = signed_in(centre, "boss")

    first = boss.get("/centre/usage", params=RANGE)
    pages = -(-groups // PAGE_ROWS)
    assert f"第 1 / {pages} 页" in first.text and f"共 {groups} 行" in first.text
    rows = _walk(boss, "/centre/usage")
    assert len(rows) == groups
    assert re.search(rf'id="total">{people}<', first.text)
    shown = sum(int(re.findall(r'<td class="num">(\d+)</td>', r)[0]) for r in rows)
    assert shown == people  # the pages together are the total, each row once

    exported = _csv(boss, "/centre/usage")
    assert len(exported) == groups
    assert sum(int(r[3]) for r in exported) == people
    assert len({(r[0], r[1], r[2]) for r in exported}) == groups

    last = boss.get("/centre/usage", params={**RANGE, "page": pages + 5})
    assert f"第 {pages} / {pages} 页" in last.text  # past the end: the last page
    assert 'id="page-next"' not in last.text
    bad = boss.get("/centre/usage", params={**RANGE, "page": 0})
    assert bad.status_code == 422 and "填写有误" in bad.text


def test_hours_over_five_thousand_volunteers_are_whole(centre: Hub) -> None:
    kiosk = centre.enrol("k-h")
    start = datetime(2026, 11, 10, 1, 0, tzinfo=UTC)
    volunteers = 5100
    events: list[dict[str, Any]] = []
    for v in range(volunteers):
        shift = {"shift_id": f"sh-{v}", "volunteer_id": f"v-{v:05d}", "method": "badge"}
        at = start + timedelta(minutes=v)
        events += kiosk.write(1, kind="shift.checked_in", payload=shift, occurred_at=at)
        events += kiosk.write(
            1, kind="shift.checked_out", payload=shift, occurred_at=at + timedelta(minutes=90)
        )
    _push_all(kiosk, events)
    (shifts,) = _sql(centre, "SELECT count(*) FROM events WHERE kind = 'shift.checked_out'")
    assert shifts == volunteers
    boss = signed_in(centre, "boss")

    rows = _walk(boss, "/centre/hours")
    assert len(rows) == volunteers
    page = boss.get("/centre/hours", params=RANGE)
    assert re.search(rf'id="total">{1.5 * shifts:.2f}<', page.text)
    exported = _csv(boss, "/centre/hours")
    assert len(exported) == volunteers
    assert sum(int(r[6]) for r in exported) == 90 * shifts
