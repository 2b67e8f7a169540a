"""The tickets of a station and month (`ticket_months`, h0028, #15): kept by the push from two
kiosks whose accepts, completions, cancels, answers and a second order of one request (an
earlier one, in the month before: the request moves month) arrive in later pushes, in any
order; equal to a fold of `ticket_facts` written here by hand, and to a rebuild. The page over
a range with part-months at both ends shows the counts and exact medians of SQL and
`statistics.median` over the tickets themselves, by station, month, region and over all, on
both databases. h0028 fills the table from the tickets a hub holds, and goes down."""

from __future__ import annotations

import re
import statistics
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import bindparam, inspect, select, text

from kiosk.features.requests.hub.centre import read_figures, ticket_figures
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import TicketMonth
from kiosk.platform.hub.regions import station_regions
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_reports import Range
from tests.platform.hub.conftest import STATION, Hub, Kiosk, serve
from tests.platform.hub.test_centre_totals import _push_all
from tests.platform.hub.test_hub_station_names import migrate
from tests.platform.hub.test_web_centre import PASSWORD, signed_in

OTHER, THIRD = "st-fuzhou-south", "st-xian-north"
REGIONS = {STATION: "东片", OTHER: "西片", THIRD: ""}
LONG = ("2026-01-20", "2026-11-10")  # charted by month: Feb-Oct whole, Jan and Nov in part
FIRST_DAY = date(2026, 1, 8)  # tickets from twelve days before the range to two weeks after
WAITS = (30, 90, 93, 93, 135, 140, 600, 61, 1503, 57, 3, 777)  # seconds to accept
STATES = ("", "ordered", "accepted", "received", "in_progress")


def _at(hub: Hub, day: date, hour: int, minute: int = 0) -> datetime:
    tz = hub.app.state.tz
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz).astimezone(UTC)


def _write(kiosk: Kiosk, station: str, kind: str, payload: dict[str, Any], at: datetime) -> Any:
    return kiosk.write(1, station_id=station, kind=kind, payload=payload, occurred_at=at)[0]


def _seed(hub: Hub) -> None:
    """At each station requests and wishes every few days over the range and past its ends,
    some at 23:5x local on a month's last day (accepted after midnight, in the next month).
    The order (or submission) comes in one push from one kiosk; the accepts, completions,
    ratings, cancels and answers from another kiosk in later pushes, some of them before the
    order they follow; a second order of some requests, earlier, in the month before, last."""
    for n, (station, region) in enumerate(REGIONS.items()):
        if station != STATION:
            hub.create_station(station)
        if region:
            hub.app.state.admin_service.set_station_region(station, region)
        # (a kiosk's pushes are in seq order: one kiosk opens, three others follow up)
        first, ahead, second, third = (hub.enrol(f"k-{n}-{k}", station) for k in "abcd")
        opened: list[Any] = []
        later: list[Any] = []
        early: list[Any] = []  # steps that reach the hub before their order
        again: list[Any] = []  # second orders, earlier than the first
        for i in range(150 + 40 * n):
            day = FIRST_DAY + timedelta(days=(i * 2 + n) % 320)
            if i % 17 == 3:  # the month's last day, late at night
                day = (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            made = _at(hub, day, 23 if i % 17 == 3 else 8 + i % 12, 50 if i % 17 == 3 else 0)
            if i % 6 == 5:
                wish = {"wish_id": f"w-{station}-{i}"}
                opened.append(
                    _write(
                        first,
                        station,
                        "wish.submitted",
                        wish | {"ticket": str(200_000 + i), "category": "job", "channel": "kiosk"},
                        made,
                    )
                )
                status = ("received", "in_progress", "answered")[i // 6 % 3]
                if status != "received":
                    step = wish | {
                        "status": status,
                        "answer": "周五" if status == "answered" else "",
                    }
                    later.append(
                        _write(second, station, "wish.status_set", step, made + timedelta(hours=2))
                    )
                continue
            request = {"request_id": f"r-{station}-{i}"}
            order = request | {"ticket": str(100_000 + i), "category": "luggage"}
            opened.append(
                _write(first, station, "request.ordered", order | {"channel": "kiosk"}, made)
            )
            if i % 9 == 4:
                continue  # still waiting
            who = request | {"volunteer_id": "v-1"}
            accepted = made + timedelta(seconds=WAITS[(i * 5 + n) % len(WAITS)])
            by = second if i % 4 else ahead
            steps = later if i % 4 else early
            steps.append(_write(by, station, "request.accepted", who, accepted))
            if i % 9 == 1:
                steps.append(
                    _write(by, station, "request.completed", who, accepted + timedelta(minutes=20))
                )
            if i % 9 == 2:
                done = accepted + timedelta(minutes=20)
                steps.append(_write(by, station, "request.completed", who, done))
                steps.append(
                    _write(by, station, "request.rated", request | {"rating": "good"}, done)
                )
            if i % 13 == 7:  # cancelled before anyone took it: the accept is refused
                cancel = made + timedelta(seconds=1)
                later.append(_write(second, station, "request.cancelled", request, cancel))
            if i % 23 == 11:  # ordered twice, the other kiosk's order in the month before (wins)
                again.append(
                    _write(
                        third,
                        station,
                        "request.ordered",
                        order | {"channel": "phone"},
                        made - timedelta(days=day.day, hours=1),
                    )
                )
        _push_all(ahead, early)
        _push_all(first, opened)
        _push_all(second, later)
        _push_all(third, again)


def _lines(hub: Hub) -> list[tuple[str, str, str, str, float | None, Any]]:
    """Every opened ticket of `ticket_facts`: station, day, kind, status, minutes, made_at."""
    with hub.app.state.database.engine.connect() as db:
        rows = db.execute(
            text(
                "SELECT station_id, day, kind, status, response_min, made_at FROM ticket_facts"
                " WHERE day IS NOT NULL"
            )
        ).all()
    return [(str(s), str(d), str(k), str(st), m, at) for s, d, k, st, m, at in rows]


def _months_by_hand(hub: Hub) -> set[tuple[Any, ...]]:
    """What `ticket_months` must hold, from the tickets by a fold written out here."""
    months: dict[tuple[str, str], list[Any]] = {}
    for station, day, kind, status, minutes, _made in _lines(hub):
        row = months.setdefault((station, day[:7]), [0] * 8 + [[]])
        if kind == "request":
            row[0] += 1
            slot = {"ordered": 1, "accepted": 2, "completed": 3, "rated": 3, "cancelled": 4}
            row[slot[status]] += 1
            if minutes is not None:
                row[8].append(minutes)
        else:
            row[5] += 1
            if status in ("received", "in_progress"):
                row[6 if status == "received" else 7] += 1
    return {(s, m, *row[:8], tuple(sorted(row[8]))) for (s, m), row in months.items()}


def _stored(hub: Hub) -> set[tuple[Any, ...]]:
    with hub.app.state.database.read() as session:
        rows = session.execute(select(TicketMonth.__table__)).all()
    return {(*r[:-1], tuple(r[-1])) for r in rows}


@pytest.fixture
def seeded(hub: Hub) -> Hub:
    _seed(hub)
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    return hub


def test_the_months_follow_every_push_and_equal_a_rebuild(seeded: Hub) -> None:
    hub = seeded
    lines = _lines(hub)
    # what the seed must exercise: every state, tickets at both ends and outside the range
    assert {(k, s) for _s, _d, k, s, _m, _a in lines} >= {
        ("request", s) for s in ("ordered", "accepted", "completed", "rated", "cancelled")
    } | {("wish", s) for s in ("received", "in_progress", "answered")}
    with hub.app.state.database.engine.connect() as db:
        moved = db.execute(
            text("SELECT count(*) FROM ticket_facts WHERE flagged AND channel = 'phone'")
        ).scalar_one()
    assert moved >= 6  # requests whose second, earlier order moved them
    live = _stored(hub)
    assert len(live) > 30
    assert live == _months_by_hand(hub)
    read_models.rebuild(hub.app.state.database, hub.app.state.settings)
    assert _stored(hub) == live


def _expected(hub: Hub, span: Range, stations: list[str], state: str) -> dict[str, Any]:
    """The figures by SQL over `ticket_facts` (counts) and statistics.median (minutes)."""
    with hub.app.state.database.engine.connect() as db:
        rows = db.execute(
            text(
                "SELECT station_id,"
                " sum(CASE WHEN kind = 'request' THEN 1 ELSE 0 END),"
                " sum(CASE WHEN kind = 'request' AND status IN ('ordered', 'accepted')"
                " THEN 1 ELSE 0 END),"
                " sum(CASE WHEN kind = 'request' AND status IN ('completed', 'rated')"
                " THEN 1 ELSE 0 END),"
                " sum(CASE WHEN kind = 'request' AND status = 'cancelled' THEN 1 ELSE 0 END),"
                " sum(CASE WHEN kind = 'wish' THEN 1 ELSE 0 END),"
                " sum(CASE WHEN kind = 'wish' AND status <> 'answered' THEN 1 ELSE 0 END),"
                " sum(CASE WHEN status IN :states THEN 1 ELSE 0 END)"
                " FROM ticket_facts WHERE day >= :a AND day <= :b"
                " GROUP BY station_id"
            ).bindparams(bindparam("states", expanding=True)),
            {
                "a": span.first.isoformat(),
                "b": span.last.isoformat(),
                "states": [state] if state else ["ordered", "accepted", "received", "in_progress"],
            },
        ).all()
    counts = {str(r[0]): [int(n) for n in r[1:]] for r in rows if str(r[0]) in stations}
    groups: tuple[dict[str, list[float]], ...] = ({}, {}, {})
    every = []
    first, last = span.first.isoformat(), span.last.isoformat()
    for station, day, kind, _status, minutes, _made in _lines(hub):
        if kind != "request" or minutes is None or station not in stations:
            continue
        if not first <= day <= last:  # (the local day of made_at: the range's own days)
            continue
        for group, key in zip(groups, (station, day[:7], REGIONS[station]), strict=True):
            group.setdefault(key, []).append(minutes)
        every.append(minutes)
    by_station, by_month, by_region = (
        {k: statistics.median(v) for k, v in g.items()} for g in groups
    )
    return {
        "counts": counts,
        "by_station": by_station,
        "by_month": by_month,
        "by_region": by_region,
        "overall": statistics.median(every),
    }


def test_a_year_with_part_months_shows_the_tickets_figures(seeded: Hub) -> None:
    hub = seeded
    database = hub.app.state.database
    tz = hub.app.state.tz
    span = Range(date.fromisoformat(LONG[0]), date.fromisoformat(LONG[1]), tz)
    regions = station_regions(database)
    # the ends' part-months hold tickets inside the range and outside it
    days = [d for _s, d, *_ in _lines(hub)]
    for lo, hi in (("2026-01-01", "2026-01-19"), ("2026-01-20", "2026-01-31")):
        assert any(lo <= d <= hi for d in days)
    for lo, hi in (("2026-11-01", "2026-11-10"), ("2026-11-11", "2026-11-30")):
        assert any(lo <= d <= hi for d in days)
    # and whole months only (Feb-Oct: nothing read from the tickets), a range of 100 days
    # (Jan 20 - Apr 29: January and April in part, Feb-Mar whole)
    for first, last in (("2026-02-01", "2026-10-31"), ("2026-01-20", "2026-04-29"), LONG):
        chosen = Range(date.fromisoformat(first), date.fromisoformat(last), tz)
        for stations, every in ((sorted(REGIONS), True), ([OTHER, THIRD], False)):
            for state in STATES:
                expected = _expected(hub, chosen, stations, state)
                with database.report() as session:
                    counts, medians = read_figures(session, stations, chosen, state, every, regions)
                assert counts == expected["counts"]
                assert medians.by_station == expected["by_station"]  # to the last bit
                assert medians.by_period == expected["by_month"]
                assert medians.by_region == expected["by_region"]
                assert medians.overall == expected["overall"]
                figures = ticket_figures(database, stations, chosen, state, regions, every)
                assert figures.open_total == sum(c[6] for c in expected["counts"].values())
    assert len(expected["by_month"]) == 11 and len(expected["by_region"]) == 2

    # as the centre admin sees the page: the line over all, each station's, the month chart,
    # and the open count of a state
    boss = signed_in(hub, "boss")
    expected = _expected(hub, span, sorted(REGIONS), "")
    page = boss.get("/centre/tickets", params={"from": LONG[0], "to": LONG[1]})
    assert page.status_code == 200
    total = page.text.split('id="summary-total"')[1].split("</tr>")[0]
    sums = [sum(c[i] for c in expected["counts"].values()) for i in range(6)]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", total)[1:]
    assert cells == [
        *(str(n) for n in sums[:4]),
        f"{round(expected['overall'], 1)}",
        *(str(n) for n in sums[4:6]),
    ]
    body = page.text.split('id="summary"')[1].split("</tbody>")[0]
    shown = sorted(
        tuple(re.findall(r"<td[^>]*>([^<]*)</td>", row)[1:]) for row in body.split("<tr>")[2:]
    )
    assert shown == sorted(
        (
            *(str(n) for n in c[:4]),
            f"{round(expected['by_station'][s], 1)}",
            *(str(n) for n in c[4:6]),
        )
        for s, c in expected["counts"].items()
    )
    chart = page.text.split('id="chart-response-days"')[1].split("</figure>")[0]
    bars = dict(re.findall(r'data-label="([^"]+)" data-value="([^"]+)"', chart))
    assert {k: float(v) for k, v in bars.items()} == {
        m: round(v, 1) for m, v in expected["by_month"].items()
    }
    received = _expected(hub, span, sorted(REGIONS), "received")
    listed = boss.get(
        "/centre/tickets", params={"from": LONG[0], "to": LONG[1], "state": "received"}
    )
    count = sum(c[6] for c in received["counts"].values())
    assert count > 0 and f"共 {count} 张" in listed.text


def test_h0028_fills_the_months_from_the_tickets_held_and_goes_down(
    settings: HubSettings, database_url: str
) -> None:
    app = create_app(settings)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        hub.create_station()
        _seed(hub)
        live = _stored(hub)
        assert live == _months_by_hand(hub) and len(live) > 30
    app.state.database.dispose()
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0027", down=True)
        with engine.begin() as db:
            assert "ticket_months" not in set(inspect(db).get_table_names())
        migrate(engine, "h0028")
        with engine.begin() as db:
            rows = db.execute(select(TicketMonth.__table__)).all()
        assert {(*r[:-1], tuple(r[-1])) for r in rows} == live
    finally:
        engine.dispose()
