"""The requests' and wishes' figures on the centre's dashboard (/centre/tickets): counts and
response times of those made in the range, and the open ones, paged and filtered by station
and state, urgent ones first and waiting ones highlighted by age. Every figure is read from the
read models `ticket_facts` (ticket_facts.py: each ticket folded with the kiosks' own folds as its
events are stored) and, for a long range's whole months, `ticket_months` (ticket_months.py):
counts, medians and the page of 50 in SQL, never a fold on a view."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import chain
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Select, and_, case, func, or_, select, union_all
from sqlalchemy.orm import Session

from kiosk.features.requests.domain import TRAIN_SOON, URGENT_CATEGORIES
from kiosk.features.requests.hub.words import CHANNELS, REQUEST_CATEGORIES, STATES, WISH_CATEGORIES
from kiosk.platform.hub.db import Database, driver_rows
from kiosk.platform.hub.models import TicketFact, TicketMonth
from kiosk.platform.hub.regions import station_regions
from kiosk.platform.hub.web_centre import STATIONS_PER_PAGE, Report, csv_stream
from kiosk.platform.hub.web_charts import MAX_DAY_COLUMNS, Chart, day_columns, station_rows
from kiosk.platform.hub.web_i18n import label
from kiosk.platform.hub.web_render import local_time
from kiosk.platform.hub.web_reports import Paging, Range

router = APIRouter(prefix="/centre", tags=["centre dashboard"])

PAGE_SIZE = 50
# A request waiting for a volunteer longer than these is highlighted amber, then red.
AMBER_AFTER = timedelta(minutes=10)
RED_AFTER = timedelta(minutes=25)
OPEN_STATES = ("ordered", "accepted", "received", "in_progress")
OPEN_REQUESTS = ("ordered", "accepted")
DONE = ("completed", "rated")  # a rated request is a done one (as the phone says)
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


@dataclass(frozen=True)
class TicketFigures:
    """The page's aggregates over every ticket made in the range, from the read model."""

    summary: list[RequestSummary]  # one per station asked for, in that order
    by_period: list[tuple[str, float]]  # median minutes to accept per day (or month)
    by_region: dict[str, float]  # median minutes to accept over each region's requests
    open_total: int  # the open tickets (of the state asked for)
    median: float | None  # over every accepted request of the range (None: none accepted)


@dataclass(frozen=True)
class Medians:
    """The median minutes to accept, unrounded, over the accepted requests of a range: by
    station, by period (a local day "2026-11-04", or a month "2026-11" when the range is
    charted by month), by region ("" for none) and over all of them."""

    by_station: dict[str, float]
    by_period: dict[str, float]
    by_region: dict[str, float]
    overall: float | None


def _made_in(stations: list[str], span: Range, every: bool) -> tuple[Any, ...]:
    """The tickets of `stations` made in the range (a ticket not opened yet has no time).
    `every`: they are every station of the hub, so no list is sent (2,000 bound values cost
    PostgreSQL ~20 ms a query, the scan itself ~3 ms)."""
    f = TicketFact
    made = (f.made_at >= span.start, f.made_at < span.end)
    return made if every else (f.station_id.in_(stations), *made)


def _in_parts(
    columns: Sequence[Any], parts: Sequence[Range], stations: list[str], every: bool, *also: Any
) -> Any:
    """`columns` of the tickets made in `parts` (a range, or a long range's part-months at its
    ends) as one subquery: each part its own range read, joined by UNION ALL, so each stays an
    index-only scan of the index on made_at (an OR of the two ranges is a bitmap scan of the
    table's pages on PostgreSQL)."""
    reads = [select(*columns).where(*_made_in(stations, p, every), *also) for p in parts]
    return (reads[0] if len(reads) == 1 else union_all(*reads)).subquery()


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _by_month(span: Range) -> bool:
    """Whether the range is charted by month (`periods`)."""
    return (span.last - span.first).days + 1 > MAX_DAY_COLUMNS


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def whole_months(span: Range) -> tuple[list[str], list[Range]]:
    """The local months wholly inside a range charted by month ("2026-02", … read from
    `ticket_months`) and the part-months at its ends (read from the tickets); a range charted
    by day keeps the day read: no month, itself its one part."""
    if not _by_month(span):
        return [], [span]
    first = span.first if span.first.day == 1 else _next_month(span.first)
    after = span.last + timedelta(days=1)
    past = after if after.day == 1 else after.replace(day=1)  # the day after the whole months
    if first >= past:
        return [], [span]
    months = []
    month = first
    while month < past:
        months.append(month.strftime("%Y-%m"))
        month = _next_month(month)
    parts = []
    if span.first < first:
        parts.append(Range(span.first, first - timedelta(days=1), span.tz))
    if past <= span.last:
        parts.append(Range(past, span.last, span.tz))
    return months, parts


def _median_of_sorted(values: Sequence[float]) -> float:
    """`statistics.median` of a list already in order (the same figure: the middle one, or
    the mean of the middle two), without sorting it again."""
    n = len(values)
    middle = n // 2
    return values[middle] if n % 2 else (values[middle - 1] + values[middle]) / 2


def _medians(
    by_station: dict[str, list[float]],
    by_period: dict[str, list[float]],
    regions: Mapping[str, str] | None,
) -> Medians:
    """The medians of minutes to accept, exact (`statistics.median`'s figures), by station,
    period, region and over all, from each station's and each period's minutes (in any order:
    whole months' sorted lists and the part-months' lines, joined). Each list is sorted in
    place (Python's sort finds the months' runs already in order) and read at its middle; a
    region's and the whole's are the stations' lists joined (the whole's reused when there is
    one region).

    Measured at 20M events (193,000 accepted requests a year, load 6-11), before the months
    (h0028): having PostgreSQL group the tickets' minutes (array_agg or percentile_disc over
    GROUPING SETS) was slower than reading them into these lists (docs/hub.md)."""
    for group in (by_station, by_period):
        for values in group.values():
            values.sort()
    by_region: dict[str, list[float]] = {}
    for station, values in by_station.items():
        by_region.setdefault((regions or {}).get(station, ""), []).extend(values)
    # the whole from the periods' lists, not the stations': the same minutes in ~12 sorted
    # runs, not ~2,000 (Python's sort merges runs: ~4x fewer comparisons at 192,000 minutes)
    every_one = sorted(chain.from_iterable(by_period.values()))
    return Medians(
        {str(s): _median_of_sorted(v) for s, v in by_station.items() if v},
        {str(p): _median_of_sorted(v) for p, v in by_period.items() if v},
        {
            r: _median_of_sorted(every_one if len(by_region) == 1 else sorted(v))
            for r, v in by_region.items()
            if v
        },
        _median_of_sorted(every_one) if every_one else None,
    )


def _by_period(medians: Mapping[str, float], span: Range) -> list[tuple[str, float]]:
    """The day chart's columns: the median of each day (of each month past three months), 0
    where no request was accepted."""
    days = [span.first + timedelta(days=i) for i in range((span.last - span.first).days + 1)]
    if not _by_month(span):
        return [(d.strftime("%m-%d"), _rounded(medians.get(d.isoformat()))) for d in days]
    months = dict.fromkeys(d.strftime("%Y-%m") for d in days)
    return [(month, _rounded(medians.get(month))) for month in months]


def _month_statement(stations: list[str], months: list[str], every: bool) -> Any:
    m = TicketMonth
    chosen = (m.month >= months[0], m.month <= months[-1])
    return select(
        m.station_id,
        m.month,
        m.requests,
        m.ordered,
        m.accepted,
        m.done,
        m.cancelled,
        m.wishes,
        m.received,
        m.in_progress,
        m.response_min,
    ).where(*(chosen if every else (m.station_id.in_(stations), *chosen)))


def _month_counts(row: Sequence[Any], state: str) -> list[int]:
    """A station-month's seven counts as `ticket_figures` sums the tickets: requests, open,
    done, cancelled, wishes, wishes open, listed (of `state`, else every open state)."""
    _s, _m, requests, ordered, accepted, done, cancelled, wishes, received, in_progress = row[:10]
    by_state = {
        "ordered": ordered,
        "accepted": accepted,
        "received": received,
        "in_progress": in_progress,
    }
    listed = by_state[state] if state else ordered + accepted + received + in_progress
    return [
        requests,
        ordered + accepted,
        done,
        cancelled,
        wishes,
        received + in_progress,
        listed,
    ]


def _add_parts(
    session: Session,
    stations: list[str],
    parts: Sequence[Range],
    every: bool,
    state: str,
    by_month: bool,
    found: dict[str, list[int]],
    by_station: dict[str, list[float]],
    by_period: dict[str, list[float]],
) -> None:
    """Add the tickets made in `parts` (read from `ticket_facts`) to each station's counts and
    to the station's and period's minutes."""
    f = TicketFact
    tickets = _in_parts((f.station_id, f.kind, f.status), parts, stations, every)
    c = tickets.c
    request, wish = c.kind == "request", c.kind == "wish"
    counted = [
        request,
        and_(request, c.status.in_(OPEN_REQUESTS)),
        and_(request, c.status.in_(DONE)),
        and_(request, c.status == "cancelled"),
        wish,
        and_(wish, c.status != "answered"),
        c.status == state if state else c.status.in_(OPEN_STATES),
    ]
    counts = select(c.station_id, *(_count(condition) for condition in counted)).group_by(
        c.station_id
    )
    width = 7 if by_month else 10
    lines = _in_parts(
        (f.station_id, func.substr(f.day, 1, width).label("period"), f.response_min),
        parts,
        stations,
        every,
        f.kind == "request",
        f.response_min.is_not(None),
    )
    accepted = select(lines.c.station_id, lines.c.period, lines.c.response_min)
    for row in session.execute(counts):
        have = found.setdefault(str(row[0]), [0] * 7)
        for i, n in enumerate(row[1:]):
            have[i] += int(n)
    for station, period, minutes in driver_rows(session, accepted, binary=True):
        in_station = by_station.get(station)
        if in_station is None:
            by_station[station] = in_station = []
        in_station.append(minutes)
        in_period = by_period.get(period)
        if in_period is None:
            by_period[period] = in_period = []
        in_period.append(minutes)


def read_figures(
    session: Session,
    stations: list[str],
    span: Range,
    state: str,
    every: bool,
    regions: Mapping[str, str] | None,
) -> tuple[dict[str, list[int]], Medians]:
    """Each station's seven counts (requests, open, done, cancelled, wishes, wishes open, listed
    of `state`) and the medians, unrounded, of the tickets made in the range: a range charted by
    month reads its whole months from `ticket_months` (a row a station and month, h0028) and
    only the part-months at its ends from `ticket_facts`, through the index on made_at alone on
    PostgreSQL (h0022); counts add, the minutes join. `every`: as `_made_in`."""
    months, parts = whole_months(span)
    found: dict[str, list[int]] = {}
    by_station: dict[str, list[float]] = {}
    by_period: dict[str, list[float]] = {}
    if months:
        in_months = _month_statement(stations, months, every)
        for row in driver_rows(session, in_months, binary=True):
            station, month, minutes = str(row[0]), str(row[1]), row[10]
            have = found.setdefault(station, [0] * 7)
            for i, n in enumerate(_month_counts(row, state)):
                have[i] += int(n)
            by_station.setdefault(station, []).extend(minutes)
            by_period.setdefault(month, []).extend(minutes)
    if parts:
        _add_parts(
            session, stations, parts, every, state, _by_month(span), found, by_station, by_period
        )
    return found, _medians(by_station, by_period, regions)


def ticket_figures(
    database: Database,
    stations: list[str],
    span: Range,
    state: str = "",
    regions: Mapping[str, str] | None = None,
    every: bool = False,
) -> TicketFigures:
    """Per-station counts of requests and wishes made in the range and how many are open (of
    `state`); the median minutes to accept by station, period and region (`regions`: each
    station's) over its accepted requests (`read_figures`), in one report transaction (its
    work_mem; one connection: no thread beside it any more, #15). `every`: as `_made_in`."""
    with database.report() as session:
        found, medians = read_figures(session, stations, span, state, every, regions)
    summary = []
    open_total = 0
    for station in stations:
        figures = found.get(station, [0] * 7)
        requests, open_, completed, cancelled, wishes, wishes_open, listed = figures
        median = medians.by_station.get(station)
        summary.append(
            RequestSummary(
                station,
                requests,
                open_,
                completed,
                cancelled,
                None if median is None else round(median, 1),
                wishes,
                wishes_open,
            )
        )
        open_total += listed
    return TicketFigures(
        summary,
        _by_period(medians.by_period, span),
        {region: _rounded(m) for region, m in medians.by_region.items()},
        open_total,
        None if medians.overall is None else round(medians.overall, 1),
    )


def _open(stations: list[str], span: Range, state: str, every: bool) -> tuple[Any, ...]:
    f = TicketFact
    chosen = f.status == state if state else f.status.in_(OPEN_STATES)
    return (*_made_in(stations, span, every), chosen)


def _open_statement(
    stations: list[str],
    span: Range,
    now: datetime,
    state: str,
    offset: int,
    limit: int | None,
    every: bool,
) -> Select[*tuple[Any, ...]]:
    """The open tickets made in the range (of `state`), urgent first, then the longest
    waiting (read from the partial index of open tickets on PostgreSQL, h0022)."""
    f = TicketFact
    urgent = and_(
        f.kind == "request",
        f.status.in_(OPEN_REQUESTS),
        or_(f.category.in_(sorted(URGENT_CATEGORIES)), f.departs_at <= now + TRAIN_SOON),
    )
    return (
        select(
            f.station_id,
            f.kind,
            f.ticket,
            f.category,
            f.channel,
            f.status,
            f.made_at,
            f.response_min,
            f.departs_at,
        )
        .where(*_open(stations, span, state, every))
        .order_by(case((urgent, 0), else_=1), f.made_at, f.station_id, f.aggregate_id)
        .offset(offset)
        .limit(limit)
    )


def _ticket_rows(found: Iterable[Any]) -> Iterator[TicketRow]:
    for station_id, kind, ticket, category, channel, status, made_at, minutes, departs in found:
        if made_at is not None:  # (always: the range asks for it)
            yield TicketRow(
                station_id,
                kind,
                str(ticket),
                str(category),
                str(channel),
                str(status),
                made_at,
                minutes,
                departs,
            )


def open_tickets(
    database: Database,
    stations: list[str],
    span: Range,
    now: datetime,
    state: str = "",
    offset: int = 0,
    limit: int | None = None,
    every: bool = False,
) -> list[TicketRow]:
    """The open tickets made in the range (of `state`), urgent first, then the longest
    waiting: one page in SQL (every one without `limit`). `every`: as `_made_in`."""
    stmt = _open_statement(stations, span, now, state, offset, limit, every)
    with database.read() as session:
        return list(_ticket_rows(session.execute(stmt)))


def open_ticket_stream(
    database: Database, stations: list[str], span: Range, now: datetime, state: str, every: bool
) -> Iterator[TicketRow]:
    """Every open ticket of the range, in the list's order, as it is read (the CSV: its
    first byte leaves after its first thousand lines, not after the province's last; 6,000
    open tickets a year at 20M events)."""
    stmt = _open_statement(stations, span, now, state, 0, None, every)
    with database.read() as session:
        yield from _ticket_rows(session.execute(stmt))


def _rounded(median: float | None) -> float:
    """A median as the charts show it: to a tenth of a minute, 0 where there is none."""
    return 0.0 if median is None else round(median, 1)


def charts(
    figures: TicketFigures,
    names: dict[str, str],
    w: dict[str, str],
    regions: Mapping[str, str] | None = None,
) -> list[Chart]:
    """The page's charts, from its aggregates: median minutes to accept per day of the range
    (per month past three months), per region (once any station with requests is in one: the
    median over the region's requests) and per station."""
    trend = day_columns(
        "response-days",
        w["chart_response_days"],
        w["minutes"],
        figures.by_period,
        digits=1,
        label_head=w["day"],
    )
    answered = {
        s.station_id: m for s in figures.summary if (m := s.median_response_min) is not None
    }
    per_station = station_rows(
        "response-stations",
        w["chart_response_stations"],
        w["minutes"],
        [(names.get(s, s), m) for s, m in answered.items()],
        digits=1,
        rest_note=w["chart_rest_stations"],
        label_head=w["station"],
    )
    if not regions or not any(regions.get(s) for s in answered):
        return [trend, per_station]
    in_order = sorted(figures.by_region, key=lambda r: (r == "", r))
    per_region = station_rows(
        "response-regions",
        w["chart_response_regions"],
        w["minutes"],
        [(region or w["no_region"], figures.by_region[region]) for region in in_order],
        digits=1,
        label_head=w["region"],
    )
    return [trend, per_region, per_station]


def waiting_words(minutes: int, words: dict[str, str]) -> str:
    """How long a ticket has waited, in words ("等待 26 分钟" / "waiting 26 min")."""
    if minutes < 60:
        return words["waiting_min"].format(m=minutes)
    return words["waiting_hours"].format(h=minutes // 60, m=minutes % 60)


@router.get("/tickets", response_class=HTMLResponse)
async def tickets_page(
    view: Report, state: StateQuery = "", page: PageQuery = 1, spage: PageQuery = 1
) -> Response:
    """Requests and wishes made in the range: counts, response times, the open ones (of one
    state if asked, 50 a page, urgent first, then the longest waiting); all from the read
    model, the CSV with every open ticket."""
    span, chosen = view.span, view.lang
    database = view.request.app.state.database
    tz = span.tz
    now = view.now()
    names = dict(view.all_stations)
    every = len(view.scope) == len(names)  # a centre admin's whole province
    if view.format == "csv":
        return csv_stream(
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
            (
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
                for r in open_ticket_stream(database, view.scope, span, now, state, every)
            ),
        )
    regions = await run_in_threadpool(station_regions, database)
    figures = await run_in_threadpool(
        ticket_figures, database, view.scope, span, state, regions, every
    )
    total = figures.open_total
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    on_page = await run_in_threadpool(
        open_tickets,
        database,
        view.scope,
        span,
        now,
        state,
        (page - 1) * PAGE_SIZE,
        PAGE_SIZE,
        every,
    )
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
    # The summary a page of stations at a time (a province has thousands), the busiest first
    # (most open requests, then most requests), under a line of totals over all of them.
    ranked = sorted(figures.summary, key=lambda r: (-r.open, -r.requests, r.station_id))
    station_paging = Paging(spage, len(ranked), STATIONS_PER_PAGE)
    everywhere = RequestSummary(
        "",
        sum(r.requests for r in ranked),
        sum(r.open for r in ranked),
        sum(r.completed for r in ranked),
        sum(r.cancelled for r in ranked),
        figures.median,
        sum(r.wishes for r in ranked),
        sum(r.wishes_open for r in ranked),
    )
    summary_pager = view.pager(station_paging, param="spage") if station_paging.pages > 1 else None
    return view.render(
        "centre_tickets.html",
        "tickets",
        summary=ranked[station_paging.offset : station_paging.last_row],
        summary_total=everywhere if len(ranked) > 1 else None,
        summary_pager=summary_pager,
        open_rows=shown,
        total=total,
        page=page,
        pages=pages,
        page_url=lambda n: f"/centre/tickets?{urlencode({**query, 'page': n})}",
        states=[(s, label(STATES, s, chosen)) for s in OPEN_STATES],
        charts=charts(figures, names, view.words, regions),
        state=state,
    )
