"""The hours pages over a long range (#15, h0021): whole months read from
`shift_hours_monthly`, the part-months at the ends from the shifts, the table grouped only
for the stations its page falls on, the CSV a few stations a statement. Seeded through the
real push at three stations (their rows cut across the pages), checked against SQL over the
shifts themselves (`shift_facts`), on SQLite and PostgreSQL; and h0021 fills its table from
the shifts a hub already holds, and goes down again."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import inspect, select, text

from kiosk.hub_app import create_app
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import (
    ShiftHoursMonthly,
    ShiftHoursStationMonthly,
    ShiftHoursVolunteerYear,
)
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_reports import PAGE_ROWS
from tests.platform.hub.conftest import STATION, Hub, serve
from tests.platform.hub.test_centre_totals import _push_all, _walk
from tests.platform.hub.test_hub_station_names import migrate
from tests.platform.hub.test_web_centre import PASSWORD, signed_in

OTHER, THIRD = "st-fuzhou-south", "st-xian-north"
# 1,150 rows: page 1 ends inside the second station, page 2 inside the third
VOLUNTEERS = {STATION: 300, OTHER: 450, THIRD: 400}
LONG = {"from": "2026-01-20", "to": "2026-11-10"}  # charted by month: Feb-Oct whole
FIRST_DAY = date(2026, 1, 18)  # shifts from two days before the range to three after it


def _seed(hub: Hub) -> None:
    """Each volunteer 1-3 shifts on days spread over the range and just outside it; 1 in 11
    cancelled instead of closed."""
    for station, count in VOLUNTEERS.items():
        kiosk = hub.enrol(f"k-{station}", station)
        events: list[dict[str, Any]] = []
        for v in range(count):
            for k in range(1 + v % 3):
                shift = {
                    "shift_id": f"sh-{station}-{v}-{k}",
                    "volunteer_id": f"v-{station}-{v:03d}",
                    "method": "badge",
                }
                day = FIRST_DAY + timedelta(days=(v * 37 + k * 101) % 300)
                at = datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)  # 10:00 local
                events += kiosk.write(
                    1, station_id=station, kind="shift.checked_in", payload=shift, occurred_at=at
                )
                if (v + k) % 11 == 0:
                    verb, later = "cancelled", at + timedelta(minutes=5)
                    ended = {f: shift[f] for f in ("shift_id", "volunteer_id")}
                else:
                    verb, later = "checked_out", at + timedelta(minutes=30 + (v * 7 + k) % 200)
                    ended = shift
                events += kiosk.write(
                    1, station_id=station, kind=f"shift.{verb}", payload=ended, occurred_at=later
                )
        _push_all(kiosk, events)


def _expected(hub: Hub, span: dict[str, str]) -> list[tuple[str, str, int, int, int, int]]:
    """(station, volunteer, shifts, minutes, credited, to review) by SQL over the shifts."""
    with hub.app.state.database.engine.connect() as db:
        rows = db.execute(
            text(
                "SELECT station_id, volunteer_id, count(*), sum(minutes), sum(credited),"
                " sum(CASE WHEN flagged THEN 1 ELSE 0 END) FROM shift_facts"
                " WHERE day BETWEEN :a AND :b AND status <> 'cancelled'"
                " GROUP BY station_id, volunteer_id ORDER BY station_id, volunteer_id"
            ),
            {"a": span["from"], "b": span["to"]},
        ).all()
    return [(str(s), str(v), int(n), int(m), int(c), int(f)) for s, v, n, m, c, f in rows]


def _by_month(hub: Hub, span: dict[str, str]) -> dict[str, int]:
    with hub.app.state.database.engine.connect() as db:
        rows = db.execute(
            text(
                "SELECT substr(day, 1, 7), sum(credited) FROM shift_facts"
                " WHERE day BETWEEN :a AND :b AND status <> 'cancelled' GROUP BY substr(day, 1, 7)"
            ),
            {"a": span["from"], "b": span["to"]},
        ).all()
    return {str(m): int(c) for m, c in rows}


@pytest.fixture
def centre(hub: Hub) -> Hub:
    hub.create_station(OTHER)
    hub.create_station(THIRD)
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    return hub


def test_a_long_range_reads_months_and_is_whole(centre: Hub) -> None:
    hub = centre
    _seed(hub)
    expected = _expected(hub, LONG)
    assert len(expected) > 2 * PAGE_ROWS
    # every station has shifts in the ends' part-months and outside the range
    with hub.app.state.database.engine.connect() as db:
        outside = db.execute(
            text("SELECT count(*) FROM shift_facts WHERE day < :a OR day > :b"),
            {"a": LONG["from"], "b": LONG["to"]},
        ).scalar_one()
        cancelled = db.execute(
            text("SELECT count(*) FROM shift_facts WHERE status = 'cancelled'")
        ).scalar_one()
    assert outside > 0 and cancelled > 0
    boss = signed_in(hub, "boss")

    rows = _walk(boss, "/centre/hours", LONG)
    assert len(rows) == len(expected)
    shown = [
        (re.findall(r"<td>(v-[^ <]+)", r)[0], *re.findall(r'<td class="num[^"]*">([\d.]+)</td>', r))
        for r in rows
    ]
    assert shown == [(v, str(n), f"{c / 60:.2f}", str(f)) for _, v, n, _, c, f in expected]
    page = boss.get("/centre/hours", params=LONG)
    total = sum(c for *_, c, _ in expected)
    assert re.search(rf'id="total">{total / 60:.2f}<', page.text)

    exported = boss.get("/centre/hours", params={**LONG, "format": "csv"})
    assert exported.status_code == 200
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]
    assert [(r[0], r[1], int(r[4]), int(r[5]), int(r[6]), int(r[8])) for r in lines] == expected

    months = {k: float(v) for k, v in _bars(page.text, "hours-days").items()}
    assert set(months) == {f"2026-{m:02d}" for m in range(1, 12)}
    for month, credited in _by_month(hub, LONG).items():
        assert abs(months[month] - credited / 60) < 0.051, month

    one = boss.get("/centre/hours", params={**LONG, "station": OTHER, "format": "csv"})
    mine = list(csv.reader(io.StringIO(one.content.decode("utf-8-sig"))))[1:]
    assert [r[1] for r in mine] == [v for s, v, *_ in expected if s == OTHER]


def _bars(html: str, chart: str) -> dict[str, str]:
    figure = html.split(f'id="chart-{chart}"')[1].split("</figure>")[0]
    return dict(re.findall(r'<g class="bar" data-label="([^"]+)" data-value="([^"]+)"', figure))


def test_h0021_fills_the_months_from_the_shifts_held_and_goes_down(
    settings: HubSettings, database_url: str
) -> None:
    app = create_app(settings)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        for station in VOLUNTEERS:
            hub.create_station(station)
        _seed(hub)
    with app.state.database.read() as session:
        live = {tuple(r) for r in session.execute(select(ShiftHoursMonthly.__table__))}
    assert len(live) > 1000
    app.state.database.dispose()
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0020", down=True)
        with engine.begin() as db:
            assert "shift_hours_monthly" not in _tables(db)
        migrate(engine, "h0021")
        with engine.begin() as db:
            filled = {tuple(r) for r in db.execute(select(ShiftHoursMonthly.__table__))}
        assert filled == live
    finally:
        engine.dispose()


def _tables(db: Any) -> set[str]:
    return set(inspect(db).get_table_names())


def _months(hub: Hub) -> set[tuple[Any, ...]]:
    with hub.app.state.database.read() as session:
        return {tuple(r) for r in session.execute(select(ShiftHoursMonthly.__table__))}


def _csv_rows(client: httpx.Client) -> list[tuple[str, int, int]]:
    exported = client.get("/centre/hours", params={**LONG, "format": "csv"})
    assert exported.status_code == 200
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]
    return [(r[1], int(r[4]), int(r[5])) for r in lines]


def test_a_shifts_line_follows_each_refold(centre: Hub) -> None:
    """Pushed one event at a time: a check-in counts an open shift of no minutes in its
    month; its check-out (a later push) replaces that line with the minutes; a check-out that
    arrives before its check-in counts nothing until the check-in gives it a day; a cancel
    takes its shift's line off, and a month left with no shift goes. The page over whole
    months shows each step."""
    kiosk = centre.enrol("k-steps")
    boss = signed_in(centre, "boss")
    at = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    one = {"shift_id": "sh-one", "volunteer_id": "v-one", "method": "badge"}
    two = {"shift_id": "sh-two", "volunteer_id": "v-two", "method": "badge"}
    three = {"shift_id": "sh-three", "volunteer_id": "v-two", "method": "badge"}
    four = {"shift_id": "sh-four", "volunteer_id": "v-four", "method": "badge"}

    def push(kind: str, shift: dict[str, str], when: datetime) -> None:
        payload = shift if kind != "shift.cancelled" else {**shift, "method": None}
        payload = {k: v for k, v in payload.items() if v is not None}
        response = kiosk.push(kiosk.write(1, kind=kind, payload=payload, occurred_at=when))
        assert response.status_code == 200, response.text

    push("shift.checked_in", one, at)
    assert _months(centre) == {(STATION, "v-one", "2026-03", 1, 0, 0, 0)}
    assert _csv_rows(boss) == [("v-one", 1, 0)]
    push("shift.checked_out", one, at + timedelta(minutes=95))
    assert _months(centre) == {(STATION, "v-one", "2026-03", 1, 95, 90, 0)}
    assert _csv_rows(boss) == [("v-one", 1, 95)]
    push("shift.checked_out", two, at + timedelta(days=30, minutes=60))
    assert _csv_rows(boss) == [("v-one", 1, 95)]  # no check-in yet: no day, no month
    push("shift.checked_in", two, at + timedelta(days=30))
    assert _months(centre) == {
        (STATION, "v-one", "2026-03", 1, 95, 90, 0),
        (STATION, "v-two", "2026-04", 1, 60, 60, 0),
    }
    assert _csv_rows(boss) == [("v-one", 1, 95), ("v-two", 1, 60)]
    push("shift.checked_in", three, at + timedelta(days=31))
    assert _csv_rows(boss) == [("v-one", 1, 95), ("v-two", 2, 60)]
    push("shift.cancelled", three, at + timedelta(days=31, minutes=5))
    assert _months(centre) == {
        (STATION, "v-one", "2026-03", 1, 95, 90, 0),
        (STATION, "v-two", "2026-04", 1, 60, 60, 0),
    }
    assert _csv_rows(boss) == [("v-one", 1, 95), ("v-two", 1, 60)]
    push("shift.checked_in", four, at + timedelta(days=60))
    push("shift.cancelled", four, at + timedelta(days=60, minutes=5))
    assert (STATION, "v-four", "2026-05") not in {m[:3] for m in _months(centre)}


def _shown(client: httpx.Client) -> tuple[str, int]:
    """The long range's total hours and row count as its page shows them."""
    page = client.get("/centre/hours", params=LONG)
    assert page.status_code == 200
    total = re.search(r'id="total">([^<]+)<', page.text)
    rows = re.search(r"共 (\d+) 行", page.text)
    assert total is not None and rows is not None
    return total.group(1), int(rows.group(1))


def _sql_shown(hub: Hub) -> tuple[str, int]:
    expected = _expected(hub, LONG)
    return f"{sum(c for *_, c, _ in expected) / 60:.2f}", len(expected)


def test_corrections_to_old_months_and_the_ends_follow_on_the_long_range(centre: Hub) -> None:
    """Whole months' totals come from the station-month and volunteer-year layers (h0026):
    after each late push — a new volunteer's shift in an old month, that shift cancelled, a
    shift moved by its late check-in from one month to another, a volunteer whose only shift
    is in a part-month inside the range, one whose part-month shift lies outside it — the
    page's total and rows equal SQL over the shifts, and the CSV its rows."""
    hub = centre
    _seed(hub)
    boss = signed_in(hub, "boss")
    assert _shown(boss) == _sql_shown(hub)
    kiosk = hub.enrol("k-late")

    def push(kind: str, shift_id: str, volunteer: str, when: datetime) -> None:
        payload = {"shift_id": shift_id, "volunteer_id": volunteer}
        if kind != "shift.cancelled":
            payload["method"] = "badge"
        response = kiosk.push(kiosk.write(1, kind=kind, payload=payload, occurred_at=when))
        assert response.status_code == 200, response.text

    def check() -> tuple[str, int]:
        shown = _shown(boss)
        assert shown == _sql_shown(hub)
        assert [r[:2] for r in _csv_rows_long(boss)] == [r[:2] for r in _expected(hub, LONG)]
        return shown

    march = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    before = check()
    push("shift.checked_in", "sh-late", "v-late", march)
    push("shift.checked_out", "sh-late", "v-late", march + timedelta(minutes=120))
    added = check()
    assert added[1] == before[1] + 1
    assert float(added[0]) == float(before[0]) + 2
    # an open shift in April counts a row; cancelled, it and its month go
    push("shift.checked_in", "sh-gone", "v-gone", march + timedelta(days=30))
    assert check()[1] == added[1] + 1
    push("shift.cancelled", "sh-gone", "v-gone", march + timedelta(days=30, minutes=5))
    assert check() == added
    # a check-out first, its check-in later: counted in the check-in's month (June, not May)
    push("shift.checked_out", "sh-moved", "v-moved", datetime(2026, 5, 20, 4, tzinfo=UTC))
    assert check() == added
    push("shift.checked_in", "sh-moved", "v-moved", datetime(2026, 6, 1, 2, tzinfo=UTC))
    assert check()[1] == added[1] + 1
    # only at the ends: Nov 5 is in the range, Nov 20 in its last month but after it
    push("shift.checked_in", "sh-end-in", "v-end-in", datetime(2026, 11, 5, 2, tzinfo=UTC))
    push("shift.checked_in", "sh-end-out", "v-end-out", datetime(2026, 11, 20, 2, tzinfo=UTC))
    push("shift.checked_in", "sh-start-out", "v-start-out", datetime(2026, 1, 5, 2, tzinfo=UTC))
    assert check()[1] == added[1] + 2


def _csv_rows_long(client: httpx.Client) -> list[tuple[str, str, int, int, int, int]]:
    exported = client.get("/centre/hours", params={**LONG, "format": "csv"})
    assert exported.status_code == 200
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]
    return [(r[0], r[1], int(r[4]), int(r[5]), int(r[6]), int(r[8])) for r in lines]


def test_h0026_fills_the_layers_from_the_months_held_and_goes_down(
    settings: HubSettings, database_url: str
) -> None:
    app = create_app(settings)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        for station in VOLUNTEERS:
            hub.create_station(station)
        _seed(hub)
    layers = (ShiftHoursStationMonthly, ShiftHoursVolunteerYear)
    with app.state.database.read() as session:
        live = [{tuple(r) for r in session.execute(select(t.__table__))} for t in layers]
    assert len(live[0]) > 20 and len(live[1]) > 1000  # (a volunteer all cancelled has none)
    app.state.database.dispose()
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0025", down=True)
        with engine.begin() as db:
            assert not {t.__tablename__ for t in layers} & _tables(db)
        migrate(engine, "h0026")
        with engine.begin() as db:
            filled = [{tuple(r) for r in db.execute(select(t.__table__))} for t in layers]
        assert filled == live
    finally:
        engine.dispose()


def test_ends_mostly_inside_the_range_are_their_months_less_the_days_outside(
    centre: Hub,
) -> None:
    """Feb 4 – Oct 25: February is read as its station-months less Feb 1-3's shifts, October
    as its station-months less Oct 26-31's (h0026); the total, the rows, each month's bar and
    the CSV equal SQL over the shifts."""
    hub = centre
    _seed(hub)
    span = {"from": "2026-02-04", "to": "2026-10-25"}
    with hub.app.state.database.engine.connect() as db:
        outside = db.execute(
            text(
                "SELECT count(*) FROM shift_facts WHERE status <> 'cancelled' AND"
                " (day BETWEEN '2026-02-01' AND '2026-02-03' OR day > '2026-10-25'"
                " AND day <= '2026-10-31')"
            )
        ).scalar_one()
    assert outside > 10  # the days taken off hold shifts
    boss = signed_in(hub, "boss")
    expected = _expected(hub, span)
    page = boss.get("/centre/hours", params=span)
    total = sum(c for *_, c, _ in expected)
    assert re.search(rf'id="total">{total / 60:.2f}<', page.text)
    assert re.search(rf"共 {len(expected)} 行", page.text)
    months = {k: float(v) for k, v in _bars(page.text, "hours-days").items()}
    for month, credited in _by_month(hub, span).items():
        assert abs(months[month] - credited / 60) < 0.051, month
    exported = boss.get("/centre/hours", params={**span, "format": "csv"})
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]
    assert [(r[0], r[1], int(r[4]), int(r[5]), int(r[6]), int(r[8])) for r in lines] == expected
