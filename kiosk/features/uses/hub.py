"""The hub part of `uses`: 人次 on the centre's dashboard (/centre/usage), by service and
audience group per station, summed in SQL from the read model `usage_daily` (kept in the push
transaction by `fold_uses`, with the kiosks' rule; a use's `day` is the station's local day,
fixed by the kiosk); services named from each station's catalogue."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from pydantic_core import to_json
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Subquery,
    and_,
    func,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects import sqlite

from kiosk.core.events import Event
from kiosk.core.words import AUDIENCES
from kiosk.features.catalogue.hub import service_names
from kiosk.features.uses.domain import use_line
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.live import LiveRule, LiveWindow
from kiosk.platform.hub.models import HubEvent, UsageDaily, UsageMonthly
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.read_models import ReadContext, ReadModel
from kiosk.platform.hub.regions import by_region, station_regions
from kiosk.platform.hub.web_centre import CSV_CHUNK_ROWS as CSV_BATCH
from kiosk.platform.hub.web_centre import PageQuery, Report, csv_stream
from kiosk.platform.hub.web_charts import MAX_DAY_COLUMNS, Chart, day_columns, periods, station_rows
from kiosk.platform.hub.web_i18n import label
from kiosk.platform.hub.web_reports import Paging, Range

router = APIRouter(prefix="/centre", tags=["centre dashboard"])


# One statement over one JSON parameter on PostgreSQL (as the push itself): the day lines,
# then the same lines summed by month (the rows come sorted by station, day, service, audience,
# so both upserts lock in one order in every push).
_PG_ADD = text(
    "WITH x AS (SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS x(station_id text,"
    " day text, service_id text, audience text, people bigint, records bigint)),"
    " d AS (INSERT INTO usage_daily (station_id, day, service_id, audience, people, records)"
    " SELECT * FROM x"
    " ON CONFLICT (station_id, day, service_id, audience) DO UPDATE SET"
    " people = usage_daily.people + EXCLUDED.people,"
    " records = usage_daily.records + EXCLUDED.records)"
    " INSERT INTO usage_monthly (station_id, month, service_id, audience, people, records)"
    " SELECT station_id, substr(day, 1, 7), service_id, audience, sum(people), sum(records)"
    " FROM x GROUP BY station_id, substr(day, 1, 7), service_id, audience"
    " ORDER BY 1, 2, 3, 4"
    " ON CONFLICT (station_id, month, service_id, audience) DO UPDATE SET"
    " people = usage_monthly.people + EXCLUDED.people,"
    " records = usage_monthly.records + EXCLUDED.records"
)


def _months(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The day lines summed by month, in key order."""
    months: dict[tuple[str, str, str, str], list[int]] = {}
    for row in rows:
        key = (row["station_id"], row["day"][:7], row["service_id"], row["audience"])
        line = months.setdefault(key, [0, 0])
        line[0] += row["people"]
        line[1] += row["records"]
    return [
        {"station_id": s, "month": m, "service_id": v, "audience": a, "people": p, "records": n}
        for (s, m, v, a), (p, n) in sorted(months.items())
    ]


def fold_uses(connection: Connection, events: list[Event], _context: ReadContext) -> None:
    """Add newly stored uses to their (station, day, service, audience) lines of
    `usage_daily` and their month's of `usage_monthly`, by the kiosks' own rule (`use_line`):
    one upsert per push (two on SQLite)."""
    lines: dict[tuple[str, str, str, str], list[int]] = {}
    for event in events:
        (day, service_id, audience), people = use_line(event.payload)
        line = lines.setdefault((event.station_id, day, service_id, audience), [0, 0])
        line[0] += people
        line[1] += 1
    if not lines:
        return
    rows = [
        {"station_id": s, "day": d, "service_id": v, "audience": a, "people": p, "records": n}
        for (s, d, v, a), (p, n) in sorted(lines.items())  # one lock order for every push
    ]
    if connection.dialect.name == "postgresql":
        connection.execute(_PG_ADD, {"rows": to_json(rows).decode()})
        return
    by_month = _months(rows)
    for model, key, found in ((UsageDaily, "day", rows), (UsageMonthly, "month", by_month)):
        table = model.__table__
        statement = sqlite.insert(model)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["station_id", key, "service_id", "audience"],
                set_={
                    "people": table.c.people + statement.excluded.people,
                    "records": table.c.records + statement.excluded.records,
                },
            ),
            found,
        )


USAGE_DAILY = ReadModel(
    "usage_daily", ("service.used",), ("usage_daily", "usage_monthly"), fold_uses
)


def uses_before(window: LiveWindow) -> ColumnElement[bool]:
    """A new kiosk is ready without the uses of earlier days: each use is its own aggregate,
    closed once recorded, and the admin's logs and today's 人次 need only the window's (the
    rest arrives with the history). `occurred_at` is in the row: no payload is read."""
    return and_(HubEvent.kind == "service.used", HubEvent.occurred_at < window.since)


LIVE_USES = LiveRule("uses", ("service.used",), uses_before)


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


def cover(first: date, last: date) -> tuple[list[tuple[date, date]], tuple[str, str] | None]:
    """`first`..`last` as the day ranges read from `usage_daily` (the part-months at its ends,
    or the whole range when it holds no whole month) and the months read from
    `usage_monthly` (first, last: "2026-01", "2026-12"), which together cover each day once."""
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


def _lines(stations: list[str], span: Range, by_month: bool) -> Subquery:
    """The read model's lines covering the range, each day once. `by_month`: day lines for
    the ends, month lines between (a year's range reads ~12 rows a line, not 365), for sums
    over every group; without it, day lines only, which PostgreSQL reads in its key's order
    (station first) and so stops after the page's groups."""
    u, m = UsageDaily, UsageMonthly
    days, months = cover(span.first, span.last) if by_month else ([(span.first, span.last)], None)
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
    return (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()


def _grouped(
    stations: list[str], span: Range, by_month: bool = False
) -> Select[str, str, str, int, int]:
    """人次 and records per (station, service, audience) of the range, from the read model."""
    lines = _lines(stations, span, by_month)
    return select(
        lines.c.station_id.label("station_id"),
        lines.c.service_id.label("service_id"),
        lines.c.audience.label("audience"),
        func.sum(lines.c.people).label("people"),
        func.sum(lines.c.records).label("uses"),
    ).group_by(lines.c.station_id, lines.c.service_id, lines.c.audience)


def _row(found: Any) -> UsageRow:
    s, v, a, p, n = found
    return UsageRow(str(s), str(v), str(a), int(p or 0), int(n))


def usage_totals(database: Database, stations: list[str], span: Range) -> UsageTotals:
    """The table's row count and its totals, summed in SQL over every group."""
    grouped = _grouped(stations, span, by_month=True).subquery()
    per_station = select(
        grouped.c.station_id,
        func.count(),
        func.sum(grouped.c.people),
        func.sum(grouped.c.uses),
    ).group_by(grouped.c.station_id)
    with database.report() as session:
        found = session.execute(per_station).all()
    return UsageTotals(
        groups=sum(int(n) for _, n, _, _ in found),
        people=sum(int(p or 0) for _, _, p, _ in found),
        uses=sum(int(u or 0) for _, _, _, u in found),
        by_station={str(s): int(p or 0) for s, _, p, _ in found},
    )


def usage(
    database: Database,
    stations: list[str],
    span: Range,
    offset: int = 0,
    limit: int | None = None,
) -> list[UsageRow]:
    """One page of the table (all of it without `limit`), by station, service and group."""
    grouped = _grouped(stations, span).subquery()
    stmt = (
        select(grouped)
        .order_by(grouped.c.station_id, grouped.c.service_id, grouped.c.audience)
        .offset(offset)
        .limit(limit)
    )
    with database.read() as session:
        return [_row(r) for r in session.execute(stmt).all()]


def usage_stream(database: Database, stations: list[str], span: Range) -> Iterator[UsageRow]:
    """Every row of the table, read a thousand at a time (the CSV: never cut, never whole in
    memory)."""
    grouped = _grouped(stations, span).subquery()
    stmt = select(grouped).order_by(grouped.c.station_id, grouped.c.service_id, grouped.c.audience)
    with database.read() as session:
        for found in session.execute(stmt.execution_options(yield_per=CSV_BATCH)):
            yield _row(found)


def people_by_day(database: Database, stations: list[str], span: Range) -> dict[date, float]:
    """人次 of each local day of the range, from the read model (the chart's figures). A range
    charted by month (`MAX_DAY_COLUMNS`) gets a whole month's on its first day."""
    u, m = UsageDaily, UsageMonthly
    days, months = cover(span.first, span.last)
    if (span.last - span.first).days + 1 <= MAX_DAY_COLUMNS:
        days, months = [(span.first, span.last)], None
    out: dict[date, float] = {}
    with database.report() as session:
        for a, b in days:
            for d, n in session.execute(
                select(u.day, func.sum(u.people))
                .where(u.station_id.in_(stations), u.day >= a.isoformat(), u.day <= b.isoformat())
                .group_by(u.day)
            ):
                out[date.fromisoformat(str(d))] = float(n or 0)
        if months is not None:
            for month, n in session.execute(
                select(m.month, func.sum(m.people))
                .where(m.station_id.in_(stations), m.month >= months[0], m.month <= months[1])
                .group_by(m.month)
            ):
                out[date.fromisoformat(f"{month}-01")] = float(n or 0)
    return out


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


@router.get("/usage", response_class=HTMLResponse)
async def usage_page(view: Report, page: PageQuery = 1) -> Response:
    """人次 by service and audience group, per station (service.used events): totals over
    every row, the table a page at a time, the CSV whole."""
    database = view.request.app.state.database
    span = view.span
    if view.format == "csv":
        stations = dict(view.all_stations)
        services = await run_in_threadpool(service_names, database, view.scope)
        pick = 0 if view.lang == "zh" else 1  # the name in the page's language
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
            (
                (
                    r.station_id,
                    r.service_id,
                    r.audience,
                    r.people,
                    r.uses,
                    stations.get(r.station_id, r.station_id),
                    services.get((r.station_id, r.service_id), (r.service_id,) * 2)[pick],
                )
                for r in usage_stream(database, view.scope, span)
            ),
        )
    totals = await run_in_threadpool(usage_totals, database, view.scope, span)
    paging = Paging(page, totals.groups)
    rows = await run_in_threadpool(usage, database, view.scope, span, paging.offset, paging.size)
    shown = sorted({r.station_id for r in rows})
    names = await run_in_threadpool(service_names, database, shown)
    lang = view.lang
    by_day = await run_in_threadpool(people_by_day, database, view.scope, span)
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


# Its words on the centre's pages (`HubPart.words`).
WORDS: dict[str, tuple[str, str]] = {
    "usage": ("服务人次", "People served"),
    "service": ("服务", "Service"),
    "audience": ("服务对象", "Group"),
    "people": ("人次", "People"),
    "uses": ("登记次数", "Records"),
    "chart_people_days": ("每日服务人次", "People served, by day"),
    "chart_people_stations": ("各站点服务人次", "People served, by station"),
    "chart_people_regions": ("各片区服务人次", "People served, by region"),
    "chart_rest_people": (
        "另有 {count} 个站点共 {value} 人次未画出，见下表。",
        "{count} more stations with {value} people served are not drawn: see the table below.",
    ),
}

HUB_PART = HubPart(
    routers=(router,),
    templates="kiosk.features.uses",
    words=WORDS,
    centre_tabs=(CentreTab("usage", "/centre/usage", rank=10),),
    read_models=(USAGE_DAILY,),
    live_rules=(LIVE_USES,),
)
