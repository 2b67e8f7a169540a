"""The requests' and wishes' figures on the centre's dashboard (/centre/tickets): counts and
response times of those made in the range, and the open ones, paged and filtered by station
and state, urgent ones first and waiting ones highlighted by age. Each ticket is folded as the
phone's status page folds it, which is the kiosks' fold (kiosk.features.requests.domain)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.features.requests.domain import TRAIN_SOON, URGENT_CATEGORIES
from kiosk.features.requests.hub.tickets import fold_ticket
from kiosk.features.requests.hub.words import CHANNELS, REQUEST_CATEGORIES, STATES, WISH_CATEGORIES
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_event_rows
from kiosk.platform.hub.regions import by_region, station_regions
from kiosk.platform.hub.web_centre import Report, csv_response
from kiosk.platform.hub.web_charts import Chart, day_columns, periods, station_rows
from kiosk.platform.hub.web_i18n import label
from kiosk.platform.hub.web_render import local_time
from kiosk.platform.hub.web_reports import Range

router = APIRouter(prefix="/centre", tags=["centre dashboard"])

PAGE_SIZE = 50
# A request waiting for a volunteer longer than these is highlighted amber, then red.
AMBER_AFTER = timedelta(minutes=10)
RED_AFTER = timedelta(minutes=25)
OPEN_STATES = ("ordered", "accepted", "received", "in_progress")
StateQuery = Annotated[
    str, Query(max_length=16, pattern=r"^(|ordered|accepted|received|in_progress)$")
]
PageQuery = Annotated[int, Query(ge=1, le=100_000)]


@dataclass(frozen=True)
class TicketRow:
    station_id: str
    kind: str
    ticket: str
    category: str
    channel: str
    state: str
    made_at: datetime
    response_min: float | None  # minutes from ordered to accepted (requests)
    departs_at: datetime | None = None  # the traveller's train (requests)

    def urgent(self, now: datetime) -> bool:
        """A request still waiting for someone whose need is urgent (a medical need, a lost
        child) or whose train leaves within the hour: listed first."""
        if self.kind != "request" or self.state not in ("ordered", "accepted"):
            return False
        if self.category in URGENT_CATEGORIES:
            return True
        return self.departs_at is not None and self.departs_at - now <= TRAIN_SOON

    def age(self, now: datetime) -> str:
        """ "red" or "amber" for a request waiting for a volunteer too long, else ""."""
        if self.kind != "request" or self.state != "ordered":
            return ""
        waited = now - self.made_at
        if waited > RED_AFTER:
            return "red"
        return "amber" if waited > AMBER_AFTER else ""


@dataclass(frozen=True)
class RequestSummary:
    station_id: str
    requests: int
    open: int
    completed: int
    cancelled: int
    median_response_min: float | None
    wishes: int
    wishes_open: int
    # Each accepted request's minutes to accept: a region's median is taken over its
    # stations' requests (a median of medians would not be one).
    responses: tuple[float, ...] = ()


def tickets(
    database: Database, stations: list[str], span: Range
) -> tuple[list[RequestSummary], list[TicketRow], dict[date, list[float]]]:
    """Per-station counts of requests and wishes made in range, the open ones, and the minutes
    to accept of the requests made on each local day."""
    with database.read() as session:
        rows = station_event_rows(session, "request.", stations, span.start)
        rows += station_event_rows(session, "wish.", stations, span.start)
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r.hub_seq):
        key = "request_id" if row.kind.startswith("request.") else "wish_id"
        groups[(row.station_id, str(row.payload.get(key)))].append(row)
    summary: dict[str, dict[str, Any]] = {
        s: {"requests": 0, "open": 0, "completed": 0, "cancelled": 0, "resp": [], "wishes": 0}
        for s in stations
    }
    summary_open_wishes: dict[str, int] = defaultdict(int)
    open_rows: list[TicketRow] = []
    by_day: dict[date, list[float]] = defaultdict(list)
    for (station, _id), events in groups.items():
        view = fold_ticket(events)
        if view is None or not span.start <= view.made_at < span.end:
            continue
        opener = next(e for e in events if e.kind in ("request.ordered", "wish.submitted"))
        response = None
        if view.accepted_at is not None:
            response = max(0.0, (view.accepted_at - view.made_at).total_seconds() / 60)
        counts = summary[station]
        if view.kind == "request":
            counts["requests"] += 1
            if view.state in ("completed", "cancelled"):
                counts[view.state] += 1
            else:
                counts["open"] += 1
            if response is not None:
                counts["resp"].append(response)
                by_day[view.made_at.astimezone(span.tz).date()].append(response)
        else:
            counts["wishes"] += 1
            if view.state != "answered":
                summary_open_wishes[station] += 1
        if view.state in ("ordered", "accepted", "received", "in_progress"):
            open_rows.append(
                TicketRow(
                    station,
                    view.kind,
                    view.ticket,
                    view.category,
                    str(opener.payload.get("channel", "")),
                    view.state,
                    view.made_at,
                    response,
                    view.departs_at,
                )
            )
    out = [
        RequestSummary(
            s,
            c["requests"],
            c["open"],
            c["completed"],
            c["cancelled"],
            round(statistics.median(c["resp"]), 1) if c["resp"] else None,
            c["wishes"],
            summary_open_wishes[s],
            tuple(c["resp"]),
        )
        for s, c in summary.items()
    ]
    open_rows.sort(key=lambda r: r.made_at)
    return out, open_rows, by_day  # every open ticket: the page's total is a total (#15)


def _median(found: list[float]) -> float:
    return round(statistics.median(found), 1) if found else 0.0


def charts(
    summary: list[RequestSummary],
    by_day: dict[date, list[float]],
    span: Range,
    names: dict[str, str],
    w: dict[str, str],
    regions: Mapping[str, str] | None = None,
) -> list[Chart]:
    """The page's charts, from its aggregates: median minutes to accept per day of the range
    (per month past three months), per region (once any station with requests is in one: the
    median over the region's requests), and per station."""
    points = [(name, _median(found)) for name, found in periods(by_day, span.first, span.last)]
    trend = day_columns(
        "response-days",
        w["chart_response_days"],
        w["minutes"],
        points,
        digits=1,
        label_head=w["day"],
    )
    per_station = station_rows(
        "response-stations",
        w["chart_response_stations"],
        w["minutes"],
        [
            (names.get(s.station_id, s.station_id), s.median_response_min)
            for s in summary
            if s.median_response_min is not None
        ],
        digits=1,
        rest_note=w["chart_rest_stations"],
        label_head=w["station"],
    )
    answered = {s.station_id: s.responses for s in summary if s.responses}
    if not regions or not any(regions.get(s) for s in answered):
        return [trend, per_station]
    per_region = station_rows(
        "response-regions",
        w["chart_response_regions"],
        w["minutes"],
        [
            (region or w["no_region"], _median([m for s in members for m in answered[s]]))
            for region, members in by_region(answered, regions).items()
        ],
        digits=1,
        label_head=w["region"],
    )
    return [trend, per_region, per_station]


def waiting_words(minutes: int, words: dict[str, str]) -> str:
    """How long a ticket has waited, in words ("等待 26 分钟" / "waiting 26 min")."""
    if minutes < 60:
        return words["waiting_min"].format(m=minutes)
    return words["waiting_hours"].format(h=minutes // 60, m=minutes % 60)


def in_order(rows: list[TicketRow], state: str, now: datetime) -> list[TicketRow]:
    """The open tickets of one state (or all), urgent first, then the longest waiting."""
    chosen = [r for r in rows if not state or r.state == state]
    return sorted(chosen, key=lambda r: (not r.urgent(now), r.made_at))


@router.get("/tickets", response_class=HTMLResponse)
async def tickets_page(view: Report, state: StateQuery = "", page: PageQuery = 1) -> Response:
    """Requests and wishes made in the range: counts, response times, the open ones (of one
    state if asked, 50 a page, urgent first, then the longest waiting)."""
    span, chosen = view.span, view.lang
    database = view.request.app.state.database
    summary, every_open, daily = await run_in_threadpool(tickets, database, view.scope, span)
    tz = span.tz
    now = view.now()
    open_rows = in_order(every_open, state, now)
    names = dict(view.all_stations)
    if view.format == "csv":
        return csv_response(
            f"open-tickets-{span.first}-{span.last}",
            [
                "station",
                "kind",
                "ticket",
                "category",
                "channel",
                "state",
                "made_at",
                "waiting_min",
                "station_name",
                "urgent",
            ],
            [
                (
                    r.station_id,
                    r.kind,
                    r.ticket,
                    r.category,
                    r.channel,
                    r.state,
                    local_time(r.made_at, tz),
                    int((now - r.made_at).total_seconds() // 60),
                    names.get(r.station_id, r.station_id),
                    int(r.urgent(now)),
                )
                for r in open_rows
            ],
        )
    total = len(open_rows)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    on_page = open_rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    shown = [
        {
            "r": r,
            "urgent": r.urgent(now),
            "age": r.age(now),
            "waiting_words": waiting_words(
                int((now - r.made_at).total_seconds() // 60), view.words
            ),
            "category": label(
                REQUEST_CATEGORIES if r.kind == "request" else WISH_CATEGORIES, r.category, chosen
            ),
            "state": label(STATES, r.state, chosen),
            "channel": label(CHANNELS, r.channel, chosen),
            "made_at": local_time(r.made_at, tz),
            "waiting": int((now - r.made_at).total_seconds() // 60),
        }
        for r in on_page
    ]
    query = {k: v for k, v in view.request.query_params.items() if k != "page"}
    return view.render(
        "centre_tickets.html",
        "tickets",
        summary=summary,
        open_rows=shown,
        total=total,
        page=page,
        pages=pages,
        page_url=lambda n: f"/centre/tickets?{urlencode({**query, 'page': n})}",
        states=[(s, label(STATES, s, chosen)) for s in OPEN_STATES],
        charts=charts(
            summary,
            daily,
            span,
            names,
            view.words,
            await run_in_threadpool(station_regions, database),
        ),
        state=state,
    )
