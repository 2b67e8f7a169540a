"""The hub part of `uses`: 人次 on the centre's dashboard (/centre/usage), by service and
audience group per station, summed in SQL from service.used (its `day` is the station's local
day, fixed by the kiosk); services named from each station's catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select

from kiosk.core.words import AUDIENCES
from kiosk.features.catalogue.hub import service_names
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.web_centre import Report, csv_response
from kiosk.platform.hub.web_charts import Chart, day_columns, periods, station_rows
from kiosk.platform.hub.web_i18n import label
from kiosk.platform.hub.web_reports import MAX_ROWS, Range

router = APIRouter(prefix="/centre", tags=["centre dashboard"])


@dataclass(frozen=True)
class UsageRow:
    station_id: str
    service_id: str
    audience: str
    people: int
    uses: int


def usage(database: Database, stations: list[str], span: Range) -> list[UsageRow]:
    payload = HubEvent.payload
    service = payload["service_id"].as_string()
    audience = func.coalesce(payload["audience"].as_string(), "none")
    people = func.sum(payload["count"].as_integer())
    day = payload["day"].as_string()
    stmt = (
        select(HubEvent.station_id, service, audience, people, func.count())
        .where(
            HubEvent.kind == "service.used",
            HubEvent.station_id.in_(stations),
            day >= span.first.isoformat(),
            day <= span.last.isoformat(),
        )
        .group_by(HubEvent.station_id, service, audience)
        .order_by(HubEvent.station_id, service, audience)
        .limit(MAX_ROWS)
    )
    with database.read() as session:
        rows = session.execute(stmt).all()
    return [UsageRow(str(s), str(v), str(a), int(p or 0), int(n)) for s, v, a, p, n in rows]


def people_by_day(database: Database, stations: list[str], span: Range) -> dict[date, float]:
    """人次 of each local day of the range, summed in SQL (the chart's figures)."""
    payload = HubEvent.payload
    day = payload["day"].as_string()
    stmt = (
        select(day, func.sum(payload["count"].as_integer()))
        .where(
            HubEvent.kind == "service.used",
            HubEvent.station_id.in_(stations),
            day >= span.first.isoformat(),
            day <= span.last.isoformat(),
        )
        .group_by(day)
    )
    with database.read() as session:
        rows = session.execute(stmt).all()
    return {date.fromisoformat(str(d)): float(n or 0) for d, n in rows}


def charts(
    rows: list[UsageRow],
    by_day: dict[date, float],
    span: Range,
    names: dict[str, str],
    w: dict[str, str],
) -> list[Chart]:
    """人次 by day of the range (by month past three months) and by station."""
    single = {d: [v] for d, v in by_day.items()}
    trend = day_columns(
        "people-days",
        w["chart_people_days"],
        w["people"],
        [(name, sum(found)) for name, found in periods(single, span.first, span.last)],
        label_head=w["day"],
    )
    totals: dict[str, float] = {}
    for r in rows:
        totals[r.station_id] = totals.get(r.station_id, 0) + r.people
    per_station = station_rows(
        "people-stations",
        w["chart_people_stations"],
        w["people"],
        [(names.get(s, s), v) for s, v in totals.items()],
        rest_note=w["chart_rest_people"],
        label_head=w["station"],
    )
    return [trend, per_station]


@router.get("/usage", response_class=HTMLResponse)
async def usage_page(view: Report) -> Response:
    """人次 by service and audience group, per station (service.used events)."""
    database = view.request.app.state.database
    span = view.span
    rows = await run_in_threadpool(usage, database, view.scope, span)
    names = await run_in_threadpool(service_names, database, view.scope)
    if view.format == "csv":
        return csv_response(
            f"usage-{span.first}-{span.last}",
            ["station", "service", "audience", "people", "records"],
            [(r.station_id, r.service_id, r.audience, r.people, r.uses) for r in rows],
        )
    lang = view.lang
    by_day = await run_in_threadpool(people_by_day, database, view.scope, span)
    return view.render(
        "centre_usage.html",
        "usage",
        charts=charts(rows, by_day, span, dict(view.all_stations), view.words),
        rows=[
            {
                "r": r,
                "service": label(names, (r.station_id, r.service_id), lang),
                "audience": label(AUDIENCES, r.audience, lang),
            }
            for r in rows
        ],
        total=sum(r.people for r in rows),
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
)
