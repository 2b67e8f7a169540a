"""No silent truncation on the centre's lists of events (#15): train marks, roll calls and
handovers of more rows than a page, pushed through the real push path, walked page by page
forwards (next) and backwards (last, then previous) by their keyset links: together the pages
hold every row once, in order, each station's count and the total are what direct SQL counts,
and the CSV has every row. On SQLite and PostgreSQL."""

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
START = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
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


def _count(hub: Hub, query: str) -> list[Any]:
    with hub.app.state.database.engine.connect() as connection:
        return list(connection.execute(text(query)).all())


def _rows(page: str) -> list[str]:
    table = re.search(r'<table id="report">(.*?)</table>', page, re.S)
    assert table is not None
    return re.findall(r"<tr[^>]*>\s*(<td.*?)</tr>", table.group(1), re.S)


def _link(page: str, name: str) -> str | None:
    found = re.search(rf'href="([^"]+)" id="page-{name}"', page)
    return None if found is None else found.group(1).replace("&amp;", "&")


def _walk(client: httpx.Client, path: str, total: int) -> list[str]:
    """Every row, by 'next' from the first page, then again by 'previous' from the last: the
    two walks agree, each page says where it lies, and no row is seen twice."""
    pages = -(-total // PAGE_ROWS)
    page = client.get(path, params=RANGE).text
    forward: list[str] = []
    for number in range(1, pages + 1):
        assert f"第 {number} / {pages} 页" in page and f"共 {total} 行" in page
        forward += _rows(page)
        nxt = _link(page, "next")
        if number == pages:
            assert nxt is None
            break
        assert nxt is not None
        page = client.get(nxt).text
    last = _link(client.get(path, params=RANGE).text, "last")
    assert last is not None
    page = client.get(last).text
    backward: list[list[str]] = []
    for number in range(pages, 0, -1):
        assert f"第 {number} / {pages} 页" in page
        backward.insert(0, _rows(page))
        prev = _link(page, "prev")
        if number == 1:
            assert prev is None
            break
        assert prev is not None
        page = client.get(prev).text
    assert [r for rows in backward for r in rows] == forward
    assert len(forward) == len(set(forward)) == total
    return forward


def _csv(client: httpx.Client, path: str) -> list[list[str]]:
    exported = client.get(path, params={**RANGE, "format": "csv"})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]


def test_train_marks_over_two_pages_are_whole(centre: Hub) -> None:
    marks = {STATION: 700, OTHER: 420}  # 1,120 marks: three pages of 500
    for station, n in marks.items():
        kiosk = centre.enrol(f"k-tr-{station}", station)
        events = []
        for i in range(n):
            train = f"G{i}"
            payload = {"run_id": f"2026-11-20/{train}", "train": train, "day": "2026-11-20"}
            at = START + timedelta(minutes=i // 2)  # two marks a minute: ties on the time
            events += kiosk.write(
                1,
                station_id=station,
                kind="train.delayed",
                payload={**payload, "minutes": 5},
                occurred_at=at,
            )
        # and one before the range, which no figure counts
        events += kiosk.write(
            1,
            station_id=station,
            kind="train.cancelled",
            payload={"run_id": "2026-10-01/G1", "train": "G1", "day": "2026-10-01"},
            occurred_at=datetime(2026, 10, 1, 1, 0, tzinfo=UTC),
        )
        _push_all(kiosk, events)
    counted = dict(
        _count(
            centre,
            "SELECT station_id, count(*) FROM events WHERE kind LIKE 'train.%'"
            " AND occurred_at >= '2026-10-31 16:00:00+00:00' GROUP BY station_id",
        )
    )
    assert counted == marks
    boss = signed_in(centre, "boss")

    rows = _walk(boss, "/centre/trains", sum(marks.values()))
    trains = [re.findall(r"<td[^>]*>(.*?)</td>", r)[2] for r in rows]
    # by station (st-beijing-west's first) …
    assert set(trains[: marks[STATION]]) == {f"G{i}" for i in range(marks[STATION])}
    times = [re.findall(r"<td[^>]*>(.*?)</td>", r)[1] for r in rows[: marks[STATION]]]
    assert times == sorted(times, reverse=True)  # … then newest first
    first = boss.get("/centre/trains", params=RANGE).text
    assert "标记 700 次" in first  # the station's count is of every mark, not the page's
    assert 'id="cut"' not in first

    exported = _csv(boss, "/centre/trains")
    assert len(exported) == sum(marks.values())
    assert {r[0] for r in exported} == set(marks)

    garbled = boss.get("/centre/trains", params={**RANGE, "after": "not-a-key%%"})
    assert garbled.status_code == 200 and "第 1 / 3 页" in garbled.text


def test_roll_calls_over_two_pages_are_whole(centre: Hub) -> None:
    calls = {STATION: 530, OTHER: 20}  # 550 roll calls: two pages
    for station, n in calls.items():
        kiosk = centre.enrol(f"k-rc-{station}", station)
        events = []
        for i in range(n):
            payload = {
                "rollcall_id": f"rc-{station}-{i}",
                "taker_id": "v-1",
                "present": [f"v-{i % 9}"],
                "missing": [] if i % 4 else ["v-99"],
            }
            at = START + timedelta(minutes=i)
            events += kiosk.write(
                1, station_id=station, kind="rollcall.taken", payload=payload, occurred_at=at
            )
        _push_all(kiosk, events)
    assert (
        dict(_count(centre, "SELECT station_id, count(*) FROM events GROUP BY station_id")) == calls
    )
    boss = signed_in(centre, "boss")

    rows = _walk(boss, "/centre/rollcalls", sum(calls.values()))
    times = [re.findall(r"<td[^>]*>(.*?)</td>", r)[1] for r in rows[: calls[STATION]]]
    assert times == sorted(times, reverse=True)
    first = boss.get("/centre/rollcalls", params=RANGE).text
    assert "清点 530 次" in first and 'id="cut"' not in first
    exported = _csv(boss, "/centre/rollcalls")
    assert len(exported) == sum(calls.values())
    assert sum(int(r[5]) for r in exported) == sum(-(-n // 4) for n in calls.values())


def test_handovers_over_two_pages_are_whole_with_their_acknowledgements(centre: Hub) -> None:
    kiosk = centre.enrol("k-ho")
    n = 510  # two pages
    events = []
    for i in range(n):
        payload = {
            "handover_id": f"ho-{i}",
            "volunteer_id": "v-1",
            "open": {"requests": i % 3, "wishes": 0, "charging": 0, "lent": 0},
            "counts": [],
            "note": f"note {i}",
        }
        at = START + timedelta(minutes=10 * i)
        events += kiosk.write(1, kind="handover.recorded", payload=payload, occurred_at=at)
        if i % 2 == 0:  # every other one acknowledged, a minute later
            events += kiosk.write(
                1,
                kind="handover.acknowledged",
                payload={"handover_id": f"ho-{i}", "volunteer_id": "v-2"},
                occurred_at=at + timedelta(minutes=1),
            )
    _push_all(kiosk, events)
    ((recorded,),) = _count(centre, "SELECT count(*) FROM events WHERE kind = 'handover.recorded'")
    assert recorded == n
    boss = signed_in(centre, "boss")

    rows = _walk(boss, "/centre/handovers", n)
    acked = [r for r in rows if "尚未确认" not in r]
    assert len(acked) == n // 2  # each page found its handovers' acknowledgements
    first = boss.get("/centre/handovers", params=RANGE).text
    assert f"交接 {n} 次" in first and 'id="cut"' not in first
    exported = _csv(boss, "/centre/handovers")
    assert len(exported) == n
    assert sum(1 for r in exported if r[10]) == n // 2


def test_more_than_five_thousand_open_tickets_are_all_counted(centre: Hub) -> None:
    """The open-ticket list was cut at the old MAX_ROWS before it was paged: its total said
    5,000 of 5,100. Now the total and the last page hold every open ticket."""
    kiosk = centre.enrol("k-tk")
    n = 5100
    orders = [
        kiosk.write(
            1,
            kind="request.ordered",
            payload={
                "request_id": f"r-{i}",
                "ticket": str(200_000 + i),
                "category": "directions",
                "channel": "kiosk",
            },
        )[0]
        for i in range(n)
    ]
    _push_all(kiosk, orders)
    ((stored,),) = _count(centre, "SELECT count(*) FROM events WHERE kind = 'request.ordered'")
    assert stored == n
    boss = signed_in(centre, "boss")
    first = boss.get("/centre/tickets", params={"state": "ordered"}).text
    pages = -(-n // 50)
    assert f"共 {n} 张，第 1/{pages} 页" in first
    last = boss.get("/centre/tickets", params={"state": "ordered", "page": pages}).text
    assert last.count('class="ticket-row') == n - (pages - 1) * 50


def test_training_records_over_two_pages_are_whole(centre: Hub) -> None:
    """Every certificate of the stations (`?show=all`), more than a page: the pages together
    hold each record once, the first-aider count is over all of them, the CSV has every one."""
    counts = {STATION: 480, OTHER: 60}
    for station, n in counts.items():
        kiosk = centre.enrol(f"k-trn-{station}", station)
        events = []
        for i in range(n):
            payload = {
                "training_id": f"tr-{station}-{i}",
                "volunteer_id": f"v-{i:04d}",
                "kind": "first_aid",
                "trained_on": "2026-01-10",
                "trainer": "Red Cross",
                "certificate_no": f"RC-{station}-{i}",
                "expires_on": "2099-01-10",
            }
            events += kiosk.write(1, station_id=station, kind="training.recorded", payload=payload)
        _push_all(kiosk, events)
    ((stored,),) = _count(centre, "SELECT count(*) FROM events WHERE kind = 'training.recorded'")
    total = sum(counts.values())
    assert stored == total
    boss = signed_in(centre, "boss")
    page = boss.get("/centre/training", params={"show": "all"}).text
    assert f"共 {total} 行" in page and 'id="cut"' not in page
    assert "持有效急救证书 480 人" in page
    seen: list[str] = []
    while True:
        seen += re.findall(r'<tr class="line [a-z]+">(.*?)</tr>', page)
        nxt = _link(page, "next")
        if nxt is None:
            break
        page = boss.get(nxt).text
    assert len(seen) == len(set(seen)) == total
    exported = boss.get("/centre/training", params={"show": "all", "format": "csv"})
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]
    assert len(lines) == total
