"""The centre's 人次 page (/centre/usage) and its CSV: by service and audience group per station,
summed in SQL from the read models the push keeps (`fold_uses` in hub.py).

What each figure reads, so a page over every station of a province stays within its budget
(#15, docs/hub.md "人次 at 2,000 stations"): the totals, the per-station bars and the chart read
one line a station and day or month (`usage_station_daily` / `_monthly`); how many rows the
table has, and on which station a page's rows begin, one row a group (`usage_groups`: its days
of two years as bits); the page's own rows and the CSV, a few stations' lines at a time
(`usage_daily` / `_monthly`). A range's whole months come from the month tables and its
part-months from the day tables (`cover`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Subquery,
    any_,
    bindparam,
    func,
    null,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from kiosk.core.words import AUDIENCES
from kiosk.features.catalogue.hub import service_names
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.models import (
    USAGE_DAY_SLOTS,
    UsageDaily,
    UsageGroup,
    UsageMonthly,
    UsageStationDaily,
    UsageStationMonthly,
    day_slot,
)
from kiosk.platform.hub.regions import by_region, station_regions
from kiosk.platform.hub.web_centre import PageQuery, Report, csv_stream
from kiosk.platform.hub.web_charts import MAX_DAY_COLUMNS, Chart, day_columns, periods, station_rows
from kiosk.platform.hub.web_i18n import label
from kiosk.platform.hub.web_reports import Paging, Range

router = APIRouter(prefix="/centre", tags=["centre dashboard"])

CSV_FIRST = 5  # stations the CSV reads first: its first line leaves after a small read
CSV_STATIONS = 50  # stations whose rows the CSV reads at once after (a year of 50: ~20,000 lines)

# The stations a figure covers; None: every station (a province's view filters nothing: an IN
# list of 2,000 stations cost ~30 ms a query, as many parameters).
Stations = list[str] | None


def _among(column: Any, stations: Stations, postgres: bool) -> list[ColumnElement[bool]]:
    """The filter to `stations`: nothing for every station; on PostgreSQL one array parameter
    (`= ANY`), not one parameter a station."""
    if stations is None:
        return []
    if postgres:
        return [column == any_(bindparam(None, stations, type_=ARRAY(String)))]
    return [column.in_(stations)]


@dataclass(frozen=True)
class UsageRow:
    station_id: str
    service_id: str
    audience: str
    people: int
    uses: int


@dataclass(frozen=True)
class UsageTotals:
    """Figures over every group of the range (never only the page shown)."""

    groups: int  # rows of the table in all
    people: int
    uses: int
    by_station: dict[str, int]  # 人次 per station (the chart's figures)
    rows_by_station: dict[str, int]  # the table's rows per station, in station order
    by_day: dict[date, float] | None = None  # the chart's figures, when read with these


def cover(first: date, last: date) -> tuple[list[tuple[date, date]], tuple[str, str] | None]:
    """`first`..`last` as the day ranges read from a day table (the part-months at its ends,
    or the whole range when it holds no whole month) and the months read from the month
    table (first, last: "2026-01", "2026-12"), which together cover each day once."""
    start = first if first.day == 1 else (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    after = last + timedelta(days=1)
    end = last if after.day == 1 else last.replace(day=1) - timedelta(days=1)  # last whole
    if start > end:
        return [(first, last)], None
    days = [
        (a, b)
        for a, b in ((first, start - timedelta(days=1)), (end + timedelta(days=1), last))
        if a <= b
    ]
    return days, (start.strftime("%Y-%m"), end.strftime("%Y-%m"))


# --- how many rows: usage_groups ---------------------------------------------------------


def _had_days(postgres: bool, year: int, low: int, high: int) -> ColumnElement[bool]:
    """A group row of `year` with a use on some bit `low`..`high` of it (inclusive)."""
    of_year = UsageGroup.year == f"{year:04d}"
    if low == 0 and high == 2 * USAGE_DAY_SLOTS - 1:
        return of_year  # both its years: every row holds a day
    width = high - low + 1
    if postgres:  # bits are ints made here, never input; a compare beats position(): 13/62 ms
        bits = f"substring(usage_groups.days FROM {low + 1} FOR {width})"
        return of_year & text(f"{bits} <> B'{'0' * width}'")
    return of_year & (func.substr(UsageGroup.days, low + 1, width) != "0" * width)


def row_bits(first: date, last: date) -> list[tuple[int, int, int]]:
    """The rows (their year) and bits (first, last) of `usage_groups` holding the days
    `first`..`last`: one row a group for a range within two calendar years, else one a year
    after the first (a group then counted once by a GROUP BY)."""
    low_slot, high_slot = day_slot(first.isoformat()), day_slot(last.isoformat())
    out = []
    for year in range(first.year, last.year + 1):
        if year == first.year and last.year > first.year:
            continue  # the next year's row holds it
        low = {year: USAGE_DAY_SLOTS + low_slot, year - 1: low_slot}.get(first.year, 0)
        high = USAGE_DAY_SLOTS + high_slot if year == last.year else 2 * USAGE_DAY_SLOTS - 1
        out.append((year, low, high))
    return out


def rows_by_station(
    session: Session, postgres: bool, stations: Stations, span: Range
) -> dict[str, int]:
    """The table's rows (groups with a use in the range) per station, in station order, from
    one row a group (`row_bits`)."""
    g = UsageGroup
    years = [_had_days(postgres, *found) for found in row_bits(span.first, span.last)]
    seen = select(g.station_id, g.service_id, g.audience).where(
        or_(*years), *_among(g.station_id, stations, postgres)
    )
    if len(years) > 1:
        seen = seen.group_by(g.station_id, g.service_id, g.audience)
    groups = seen.subquery()
    query = (
        select(groups.c.station_id, func.count())
        .group_by(groups.c.station_id)
        .order_by(groups.c.station_id)
    )
    return {str(s): int(n) for s, n in session.execute(query)}


# --- sums over every group: usage_station_daily / _monthly -------------------------------


def _station_lines(stations: Stations, span: Range, postgres: bool) -> Subquery:
    """Each station's lines covering the range, each day once: the whole months' month
    lines and the part-months' day lines."""
    d, m = UsageStationDaily, UsageStationMonthly
    days, months = cover(span.first, span.last)
    parts: list[Select[str, str, int, int]] = [
        select(d.station_id, d.day.label("period"), d.people, d.records).where(
            d.day >= a.isoformat(),
            d.day <= b.isoformat(),
            *_among(d.station_id, stations, postgres),
        )
        for a, b in days
    ]
    if months is not None:
        parts.append(
            select(m.station_id, m.month.label("period"), m.people, m.records).where(
                m.month >= months[0],
                m.month <= months[1],
                *_among(m.station_id, stations, postgres),
            )
        )
    return (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()


def _by_month(span: Range) -> bool:
    """Whether the range is charted by month (its chart then sums the same lines as its
    totals: the part-months' days and the whole months)."""
    return (span.last - span.first).days + 1 > MAX_DAY_COLUMNS


def usage_totals(database: Database, stations: Stations, span: Range) -> UsageTotals:
    """The table's row count (per station and in all) and its totals, in SQL over every
    group; on PostgreSQL a range charted by month gets its chart's figures from the same read
    (GROUPING SETS: by station, and by day or month)."""
    postgres = database.is_postgres
    lines = _station_lines(stations, span, postgres)
    sums = (func.sum(lines.c.people), func.sum(lines.c.records))
    with_chart = postgres and _by_month(span)
    if with_chart:
        query = select(lines.c.station_id, lines.c.period, *sums).group_by(
            func.grouping_sets(tuple_(lines.c.station_id), tuple_(lines.c.period))
        )
    else:
        query = select(lines.c.station_id, null(), *sums).group_by(lines.c.station_id)
    with database.report() as session:
        counts = rows_by_station(session, postgres, stations, span)
        found = session.execute(query).all()
    by_station = [(str(s), int(p or 0), int(n or 0)) for s, _, p, n in found if s is not None]
    return UsageTotals(
        groups=sum(counts.values()),
        people=sum(p for _, p, _ in by_station),
        uses=sum(n for _, _, n in by_station),
        by_station={s: p for s, p, _ in by_station},
        rows_by_station=counts,
        by_day={_first_day(str(t)): float(p or 0) for s, t, p, _ in found if s is None}
        if with_chart
        else None,
    )


def _first_day(period: str) -> date:
    """A chart's day ("2026-11-04"), or a month's ("2026-11") first."""
    return date.fromisoformat(period if len(period) == 10 else f"{period}-01")


def people_by_day(database: Database, stations: Stations, span: Range) -> dict[date, float]:
    """人次 of each local day of the range, one line a station and day (the chart's figures).
    A range charted by month (`MAX_DAY_COLUMNS`) gets a whole month's on its first day."""
    d, m = UsageStationDaily, UsageStationMonthly
    days, months = cover(span.first, span.last)
    if not _by_month(span):
        days, months = [(span.first, span.last)], None
    out: dict[date, float] = {}
    postgres = database.is_postgres
    with database.report() as session:
        for a, b in days:
            for day, n in session.execute(
                select(d.day, func.sum(d.people))
                .where(
                    d.day >= a.isoformat(),
                    d.day <= b.isoformat(),
                    *_among(d.station_id, stations, postgres),
                )
                .group_by(d.day)
            ):
                out[date.fromisoformat(str(day))] = float(n or 0)
        if months is not None:
            for month, n in session.execute(
                select(m.month, func.sum(m.people))
                .where(
                    m.month >= months[0],
                    m.month <= months[1],
                    *_among(m.station_id, stations, postgres),
                )
                .group_by(m.month)
            ):
                out[date.fromisoformat(f"{month}-01")] = float(n or 0)
    return out


# --- the table's rows: a few stations' group lines ----------------------------------------


def _grouped(stations: list[str], span: Range) -> Select[str, str, str, int, int]:
    """人次 and records per (station, service, audience) of the range for a few stations, in
    the table's order: their month lines for whole months, day lines for the ends."""
    u, m = UsageDaily, UsageMonthly
    days, months = cover(span.first, span.last)
    parts: list[Select[str, str, str, int, int]] = [
        select(u.station_id, u.service_id, u.audience, u.people, u.records).where(
            u.station_id.in_(stations), u.day >= a.isoformat(), u.day <= b.isoformat()
        )
        for a, b in days
    ]
    if months is not None:
        parts.append(
            select(m.station_id, m.service_id, m.audience, m.people, m.records).where(
                m.station_id.in_(stations), m.month >= months[0], m.month <= months[1]
            )
        )
    lines = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()
    key = (lines.c.station_id, lines.c.service_id, lines.c.audience)
    return (
        select(*key, func.sum(lines.c.people), func.sum(lines.c.records))
        .group_by(*key)
        .order_by(*key)
    )


def _row(found: Any) -> UsageRow:
    s, v, a, p, n = found
    return UsageRow(str(s), str(v), str(a), int(p or 0), int(n))


def usage(
    database: Database, span: Range, rows_by_station: Mapping[str, int], offset: int, limit: int
) -> list[UsageRow]:
    """One page of the table, by station, service and group: the row counts say which
    stations hold rows `offset`..`offset + limit`, and only their lines are read."""
    stations: list[str] = []
    skip, before = 0, 0  # the first station's rows before the page; rows before a station
    for station, rows in rows_by_station.items():
        if before + rows > offset:
            if not stations:
                skip = offset - before
            stations.append(station)
        before += rows
        if before >= offset + limit:
            break
    if not stations:
        return []
    with database.read() as session:
        found = session.execute(_grouped(stations, span)).all()
    return [_row(r) for r in found[skip : skip + limit]]


def station_chunks(stations: list[str]) -> Iterator[list[str]]:
    """`stations` in code order, `CSV_FIRST` of them first, then `CSV_STATIONS` at a time: a
    CSV's first chunk is small, so its first line leaves soon however dense the history."""
    ordered = sorted(stations)
    start = 0
    while start < len(ordered):
        size = CSV_FIRST if start == 0 else CSV_STATIONS
        yield ordered[start : start + size]
        start += size


def usage_stream(
    database: Database, stations: list[str], span: Range
) -> Iterator[tuple[list[str], list[UsageRow]]]:
    """Every row of the table, a chunk of stations at a time (`station_chunks`), with the
    chunk's stations (the CSV: never cut, never whole in memory, its first line after one
    small read)."""
    with database.read() as session:
        for chunk in station_chunks(stations):
            yield chunk, [_row(found) for found in session.execute(_grouped(chunk, span))]


def charts(
    by_station: dict[str, int],
    by_day: dict[date, float],
    span: Range,
    names: dict[str, str],
    w: dict[str, str],
    regions: Mapping[str, str] | None = None,
) -> list[Chart]:
    """人次 by day of the range (by month past three months), by region (when any station of
    the figures is in one: the sum of its stations' bars) and by station."""
    single = {d: [v] for d, v in by_day.items()}
    trend = day_columns(
        "people-days",
        w["chart_people_days"],
        w["people"],
        [(name, sum(found)) for name, found in periods(single, span.first, span.last)],
        label_head=w["day"],
    )
    per_station = station_rows(
        "people-stations",
        w["chart_people_stations"],
        w["people"],
        [(names.get(s, s), v) for s, v in by_station.items()],
        rest_note=w["chart_rest_people"],
        label_head=w["station"],
    )
    if not regions or not any(regions.get(s) for s in by_station):
        return [trend, per_station]
    grouped = by_region(by_station, regions)
    per_region = station_rows(
        "people-regions",
        w["chart_people_regions"],
        w["people"],
        [(r or w["no_region"], sum(by_station[s] for s in ss)) for r, ss in grouped.items()],
        label_head=w["region"],
    )
    return [trend, per_region, per_station]


def _csv_rows(
    database: Database, names: Mapping[str, str], scope: list[str], span: Range, lang: str
) -> Iterator[tuple[str, str, str, int, int, str, str]]:
    """The CSV's lines, chunk by chunk: the first chunk's service names read with it, every
    other station's at once when the second chunk comes (a province's catalogues are not read
    before the first line, nor again for every chunk)."""
    pick = 0 if lang == "zh" else 1  # the name in the page's language
    services: dict[tuple[str, str], tuple[str, str]] = {}
    for n, (chunk, rows) in enumerate(usage_stream(database, scope, span)):
        if n == 0:
            services = service_names(database, chunk)
            first = set(chunk)
        elif n == 1:
            services |= service_names(database, [s for s in scope if s not in first])
        for r in rows:
            service = services.get((r.station_id, r.service_id), (r.service_id,) * 2)[pick]
            station = names.get(r.station_id, r.station_id)
            yield (r.station_id, r.service_id, r.audience, r.people, r.uses, station, service)


@router.get("/usage", response_class=HTMLResponse)
async def usage_page(view: Report, page: PageQuery = 1) -> Response:
    """人次 by service and audience group, per station (service.used events): totals over
    every row, the table a page at a time, the CSV whole."""
    database = view.request.app.state.database
    span = view.span
    if view.format == "csv":
        return csv_stream(
            f"usage-{span.first}-{span.last}",
            [
                "station",
                "service",
                "audience",
                "people",
                "records",
                "station_name",
                "service_name",
            ],
            _csv_rows(database, dict(view.all_stations), view.scope, span, view.lang),
        )
    # every station (a scope is a subset of them): no filter at all
    scope = None if len(view.scope) == len(view.all_stations) else view.scope
    totals = await run_in_threadpool(usage_totals, database, scope, span)
    paging = Paging(page, totals.groups)
    rows = await run_in_threadpool(
        usage, database, span, totals.rows_by_station, paging.offset, paging.size
    )
    shown = sorted({r.station_id for r in rows})
    names = await run_in_threadpool(service_names, database, shown)
    lang = view.lang
    by_day = totals.by_day
    if by_day is None:
        by_day = await run_in_threadpool(people_by_day, database, scope, span)
    return view.render(
        "centre_usage.html",
        "usage",
        charts=charts(
            totals.by_station,
            by_day,
            span,
            dict(view.all_stations),
            view.words,
            await run_in_threadpool(station_regions, database),
        ),
        rows=[
            {
                "r": r,
                "service": label(names, (r.station_id, r.service_id), lang),
                "audience": label(AUDIENCES, r.audience, lang),
            }
            for r in rows
        ],
        total=totals.people,
        total_uses=totals.uses,
        pager=view.pager(paging),
    )
