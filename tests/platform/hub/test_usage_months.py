"""人次 by month beside 人次 by day (#15): the centre's 人次 page reads whole months from
`usage_monthly` and the part-months at its ends from `usage_daily`. Over ranges that start and
end on every kind of day (a month's first, last, middle; one day; within one month; across a
year's end), the page's totals, every table row, the CSV and the chart equal direct SQL sums over
the stored events; on SQLite and PostgreSQL, seeded through the real push path."""

from __future__ import annotations

import csv
import io
import random
import re
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from kiosk.features.uses import hub_centre
from kiosk.features.uses.hub_centre import cover, usage_totals
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import day_bits, day_slot
from kiosk.platform.hub.web_reports import Range
from tests.platform.hub.conftest import SERVICE, STATION, Hub
from tests.platform.hub.test_hub_station_names import migrate
from tests.platform.hub.test_web_centre import PASSWORD, signed_in

OTHER = "st-fuzhou-south"
FIRST, LAST = date(2025, 10, 20), date(2026, 2, 10)
SERVICES = ("water", "charging", "umbrella")
AUDIENCES = ("rider", "elderly", "traveller")


@pytest.fixture
def seeded(hub: Hub) -> Hub:
    hub.create_station(OTHER)
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    rng = random.Random(15)
    for station, name in ((STATION, "k-a"), (OTHER, "k-b")):
        kiosk = hub.enrol(name, station)
        events: list[dict[str, Any]] = []
        for n in range(600):
            day = FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))
            events += kiosk.write(
                1,
                station_id=station,
                kind="service.used",
                payload={
                    "use_id": f"u-{station}-{n}",
                    "service_id": rng.choice(SERVICES),
                    "audience": rng.choice(AUDIENCES),
                    "count": rng.randint(1, 5),
                    "day": day.isoformat(),
                },
            )
        for i in range(0, len(events), 250):  # several pushes: lines summed across them
            assert kiosk.push(events[i : i + 250]).status_code == 200
    return hub


def _expected(hub: Hub, first: date, last: date) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(station, service, audience) -> (人次, records) straight from the events."""
    database = hub.app.state.database
    field = (
        (lambda f: f"(payload->>'{f}')")
        if database.is_postgres
        else (lambda f: f"json_extract(payload, '$.{f}')")
    )
    query = (
        f"SELECT station_id, {field('service_id')}, {field('audience')},"
        f" sum(CAST({field('count')} AS INTEGER)), count(*) FROM events"
        f" WHERE kind = 'service.used' AND {field('day')} BETWEEN :a AND :b"
        f" GROUP BY 1, 2, 3"
    )
    with database.engine.connect() as connection:
        rows = connection.execute(text(query), {"a": first.isoformat(), "b": last.isoformat()})
        return {(s, v, a): (int(p), int(n)) for s, v, a, p, n in rows}


def _ranges() -> list[tuple[date, date]]:
    edges = [
        date(2024, 12, 15),  # three calendar years to 2026: two rows of a group's days
        date(2025, 10, 20),
        date(2025, 11, 1),
        date(2025, 11, 17),
        date(2025, 11, 30),
        date(2025, 12, 1),
        date(2025, 12, 31),
        date(2026, 1, 1),
        date(2026, 1, 31),
        date(2026, 2, 10),
    ]
    return [(a, b) for a in edges for b in edges if a <= b]


def test_cover_reads_each_day_once() -> None:
    for first, last in [*_ranges(), (date(2024, 2, 1), date(2024, 2, 29))]:
        days, months = cover(first, last)
        covered: list[date] = []
        for a, b in days:
            covered += [a + timedelta(days=i) for i in range((b - a).days + 1)]
        if months is not None:
            month = date.fromisoformat(f"{months[0]}-01")
            while month.strftime("%Y-%m") <= months[1]:
                following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
                covered += [month + timedelta(days=i) for i in range((following - month).days)]
                month = following
        everyday = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        assert sorted(covered) == everyday, (first, last)
    assert cover(date(2025, 11, 1), date(2025, 11, 30)) == ([], ("2025-11", "2025-11"))
    assert cover(date(2025, 11, 2), date(2025, 11, 30)) == (
        [(date(2025, 11, 2), date(2025, 11, 30))],
        None,
    )


def test_every_range_totals_rows_csv_and_chart_equal_the_events(seeded: Hub) -> None:
    boss = signed_in(seeded, "boss")
    database, tz = seeded.app.state.database, seeded.app.state.tz
    for first, last in _ranges():
        expected = _expected(seeded, first, last)
        people = sum(p for p, _ in expected.values())
        params = {"from": first.isoformat(), "to": last.isoformat()}
        page = boss.get("/centre/usage", params=params)
        assert page.status_code == 200
        assert re.search(rf'id="total">{people}<', page.text), (first, last)
        # the table's rows in all and per station (the pager's count, where a page begins),
        # for every station and for one (a scope: its filter)
        groups: dict[str, int] = {}
        for station, _, _ in expected:
            groups[station] = groups.get(station, 0) + 1
        span = Range(first, last, tz)
        totals = usage_totals(database, None, span)
        assert (totals.groups, totals.rows_by_station) == (len(expected), groups), (first, last)
        one = usage_totals(database, [OTHER], span)
        assert one.rows_by_station == {k: v for k, v in groups.items() if k == OTHER}
        mine = sum(p for (s, _, _), (p, _) in expected.items() if s == OTHER)
        assert one.people == mine, (first, last)
        own = boss.get("/centre/usage", params={**params, "station": OTHER})
        assert re.search(rf'id="total">{mine}<', own.text), (first, last)
        exported = boss.get("/centre/usage", params={**params, "format": "csv"})
        rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]
        got = {(r[0], r[1], r[2]): (int(r[3]), int(r[4])) for r in rows}
        assert got == expected, (first, last)
        chart = page.text.split('id="chart-people-days"')[1].split("</figure>")[0]
        values = re.findall(r'<g class="bar" data-label="[^"]+" data-value="([^"]+)"', chart)
        assert sum(int(v) for v in values) == people, (first, last)
        # each station's bar, and the table's rows (one page here: fewer than PAGE_ROWS)
        bars = page.text.split('id="chart-people-stations"')[1].split("</figure>")[0]
        per_station: dict[str, int] = {}
        for (station, _, _), (p, _) in expected.items():
            per_station[station] = per_station.get(station, 0) + p
        drawn = re.findall(r'<g class="bar" data-label="[^"]+" data-value="([^"]+)"', bars)
        assert sorted(int(v) for v in drawn) == sorted(per_station.values()), (first, last)
        body = page.text.split('<table id="report">')[1].split("</tbody>")[0]
        shown = re.findall(r'<td class="num">(\d+)</td><td class="num">(\d+)</td></tr>', body)
        assert [(int(p), int(n)) for p, n in shown] == [expected[k] for k in sorted(expected)], (
            first,
            last,
        )


def test_a_hub_upgraded_past_h0015_sums_its_day_lines_by_month(database_url: str) -> None:
    """A hub at h0013 with day lines in three months: the migration writes each month's sums
    (what the fold would have written), and goes down again."""
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0013")
        lines = [
            ("2025-12-31", "water", "rider", 2, 1),
            ("2026-01-01", "water", "rider", 3, 2),
            ("2026-01-31", "water", "rider", 4, 1),
            ("2026-01-15", "water", "elderly", 1, 1),
            ("2026-02-01", "umbrella", "rider", 5, 5),
        ]
        with engine.begin() as db:
            for day, service, audience, people, records in lines:
                db.execute(
                    text("INSERT INTO usage_daily VALUES (:s, :d, :v, :a, :p, :n)"),
                    {
                        "s": STATION,
                        "d": day,
                        "v": service,
                        "a": audience,
                        "p": people,
                        "n": records,
                    },
                )
        migrate(engine, "h0015")
        with engine.connect() as db:
            months = db.execute(
                text(
                    "SELECT month, service_id, audience, people, records FROM usage_monthly"
                    " ORDER BY 1, 2, 3"
                )
            ).all()
        assert [tuple(m) for m in months] == [
            ("2025-12", "water", "rider", 2, 1),
            ("2026-01", "water", "elderly", 1, 1),
            ("2026-01", "water", "rider", 7, 3),
            ("2026-02", "umbrella", "rider", 5, 5),
        ]
        migrate(engine, "h0013", down=True)
        with engine.connect() as db:
            assert db.execute(text("SELECT count(*) FROM usage_daily")).scalar_one() == 5
    finally:
        engine.dispose()


@pytest.mark.parametrize("first", [1, hub_centre.CSV_FIRST])
def test_each_station_names_its_services_from_its_own_catalogue(
    seeded: Hub, first: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 人次 CSV names services as each station's kiosks do: a station's own published
    catalogue, else every station's (here the bundled one), whether the two stations are read
    in one chunk or (`first` = 1) each in its own, with its own chunk's names."""
    monkeypatch.setattr(hub_centre, "CSV_FIRST", first)
    own = {**SERVICE, "id": "water", "name_zh": "温开水", "name_en": "Warm water"}
    published = seeded.client.post(
        "/v1/admin/config",
        json={"kind": "catalogue", "station_id": OTHER, "body": {"services": [own]}},
        headers=seeded.admin,
    )
    assert published.status_code == 201, published.text
    boss = signed_in(seeded, "boss")
    exported = boss.get(
        "/centre/usage", params={"from": "2025-11-01", "to": "2025-11-30", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]
    names = {(r[0], r[1]): r[6] for r in rows}
    assert names[(OTHER, "water")] == "温开水"
    assert names[(STATION, "water")] == "免费饮水"  # the bundled catalogue's
    assert names[(OTHER, "umbrella")] == "umbrella"  # not in its catalogue: its id


def test_a_hub_upgraded_past_h0017_sums_its_lines_by_station_and_marks_each_groups_days(
    database_url: str,
) -> None:
    """A hub at h0015 with day and month lines, some on days no calendar has (the payload's
    pattern admits them): h0017 writes each station's day and month sums and each group's days
    of the year as the fold would have (`day_slot`), and goes down again."""
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0015")
        lines = [
            (STATION, "2025-12-31", "water", "rider", 2, 1),
            (STATION, "2026-01-01", "water", "rider", 3, 2),
            (STATION, "2026-01-31", "water", "rider", 4, 1),
            (STATION, "2026-01-31", "tea", "none", 1, 1),
            (STATION, "2026-02-30", "water", "rider", 5, 5),
            (STATION, "2026-00-07", "water", "rider", 1, 1),
            (STATION, "2026-05-45", "water", "rider", 1, 1),
            (STATION, "2026-13-01", "water", "rider", 1, 1),
            (OTHER, "2026-01-01", "water", "rider", 7, 7),
        ]
        with engine.begin() as db:
            for line in lines:
                db.execute(
                    text("INSERT INTO usage_daily VALUES (:s, :d, :v, :a, :p, :n)"),
                    dict(zip("sdvapn", line, strict=True)),
                )
            db.execute(
                text(
                    "INSERT INTO usage_monthly SELECT station_id, substr(day, 1, 7), service_id,"
                    " audience, sum(people), sum(records) FROM usage_daily GROUP BY 1, 2, 3, 4"
                )
            )
        migrate(engine, "h0017")
        with engine.connect() as db:
            days = {tuple(r) for r in db.execute(text("SELECT * FROM usage_station_daily"))}
            months = {tuple(r) for r in db.execute(text("SELECT * FROM usage_station_monthly"))}
            groups = {
                (y, s, v, a): {i for i, bit in enumerate(str(d)) if bit == "1"}
                for y, s, v, a, d in db.execute(text("SELECT * FROM usage_groups"))
            }
        assert days == {
            ("2025-12-31", STATION, 2, 1),
            ("2026-01-01", STATION, 3, 2),
            ("2026-01-31", STATION, 5, 2),
            ("2026-02-30", STATION, 5, 5),
            ("2026-00-07", STATION, 1, 1),
            ("2026-05-45", STATION, 1, 1),
            ("2026-13-01", STATION, 1, 1),
            ("2026-01-01", OTHER, 7, 7),
        }
        assert months == {
            ("2025-12", STATION, 2, 1),
            ("2026-01", STATION, 8, 4),
            ("2026-02", STATION, 5, 5),
            ("2026-00", STATION, 1, 1),
            ("2026-05", STATION, 1, 1),
            ("2026-13", STATION, 1, 1),
            ("2026-01", OTHER, 7, 7),
        }
        expected: dict[tuple[str, ...], set[int]] = {}
        for station, day, service, audience, _, _ in lines:
            for year, bit in day_bits(day):
                expected.setdefault((year, station, service, audience), set()).add(bit)
        assert groups == expected
        assert groups[("2026", STATION, "tea", "none")] == {418 + 32 + 31}  # 2026-01-31
        assert groups[("2027", STATION, "tea", "none")] == {32 + 31}
        assert ("2027", OTHER, "water", "rider") in groups
        # the slots order as the day strings do: a range of days is a range of slots
        ordered = ["2026-00-07", "2026-01-01", "2026-01-31", "2026-02-30", "2026-05-45"]
        assert [day_slot(d) for d in ordered] == sorted(day_slot(d) for d in ordered)
        assert day_slot("2026-05-45") < day_slot("2026-06-01") < day_slot("2026-13-01")
        migrate(engine, "h0015", down=True)
        with engine.connect() as db:
            assert db.execute(text("SELECT count(*) FROM usage_monthly")).scalar_one() == 8
    finally:
        engine.dispose()
