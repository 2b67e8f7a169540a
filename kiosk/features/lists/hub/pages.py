"""The centre's lists page (/centre/lists): per station and over all stations the three lists'
figures; for one station its lists and the forms that record a member unit and its resource,
a need (typed, or a wish promoted by its ticket), a project and its status. CSV of each list.

A refused form comes back as the page with the reason beside its field (422), what was typed
kept, and nothing written."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kiosk.core import words
from kiosk.features.lists import domain
from kiosk.features.lists.hub import figures, forms
from kiosk.features.lists.hub.read import station_lists
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.doorbell import hub_event_written
from kiosk.platform.hub.regions import NO_REGION, by_region, in_region, station_regions
from kiosk.platform.hub.web_accounts import csrf_ok
from kiosk.platform.hub.web_centre import Centre, CentreView, PageQuery, csv_stream
from kiosk.platform.hub.web_centre import _form_body as form_body
from kiosk.platform.hub.web_render import PageError, read_form
from kiosk.platform.hub.web_reports import Paging

router = APIRouter(prefix="/centre", tags=["centre dashboard"])
MAX_FORM = 16 * 1024
MAX_FIELDS = 2 * domain.MAX_LINKS + 20
ListName = Literal["summary", "needs", "resources", "projects"]

Action = Callable[[Database, str, Mapping[str, str], datetime, str], forms.Written]


LIST_STATIONS_PER_PAGE = 100  # rows of the by-station table (its totals cover every station)
CSV_STATIONS = 200  # stations folded at once by a list's CSV (sent as it is read)


def _list_rows(
    database: Database, name: ListName, stations: list[str], names: Mapping[str, str]
) -> Iterator[tuple[Any, ...]]:
    """A list's CSV rows, station by station, folded `CSV_STATIONS` stations at a time."""
    for start in range(0, len(stations), CSV_STATIONS):
        found = station_lists(database, stations[start : start + CSV_STATIONS])
        for s, lists in found.items():
            station = (s, names.get(s, ""))
            if name == "needs":
                for n in lists.needs:
                    state = lists.need_state(n.id)
                    yield (
                        *station,
                        n.title,
                        n.source,
                        n.ticket or "",
                        state,
                        n.added_at.isoformat(),
                    )
            elif name == "resources":
                for r in lists.resources:
                    quantity = "" if r.quantity is None else r.quantity
                    unit = lists.unit_name(r.unit_id)
                    yield (*station, unit, r.kind, r.description, quantity, r.measure)
            else:
                for p in lists.projects:
                    yield (
                        *station,
                        p.title,
                        p.owner,
                        p.starts_on.isoformat(),
                        p.ends_on.isoformat(),
                        len(p.need_ids),
                        len(p.resource_ids),
                        p.status,
                        "" if p.status_on is None else p.status_on.isoformat(),
                        p.note,
                    )


_HEADERS: dict[str, list[str]] = {
    "needs": ["station", "station_name", "need", "source", "ticket", "state", "added_at"],
    "resources": ["station", "station_name", "unit", "kind", "description", "quantity", "measure"],
    "projects": [
        "station",
        "station_name",
        "project",
        "owner",
        "starts_on",
        "ends_on",
        "needs",
        "resources",
        "status",
        "status_on",
        "note",
    ],
}


def _summary_rows(
    database: Database,
    stations: list[str],
    names: Mapping[str, str],
    month: tuple[date, date],
    regions: Mapping[str, str],
) -> Iterator[tuple[Any, ...]]:
    """The figures CSV: a row a station, every station (from the read model, a chunk at once)."""
    for start in range(0, len(stations), CSV_STATIONS):
        with database.read() as session:
            chunk = figures.by_station(session, stations[start : start + CSV_STATIONS])
        for s, found in chunk.items():
            c = figures.counts_of(found, month)
            yield (
                s,
                names.get(s, ""),
                *c.needs.values(),
                c.units,
                *c.resources.values(),
                *c.projects.values(),
                c.done_this_month,
                c.needs_met_this_month,
                regions.get(s, ""),
            )


def _csv(
    view: CentreView,
    name: ListName,
    scope: list[str],
    month: tuple[date, date],
    regions: Mapping[str, str],
) -> Response:
    names = dict(view.all_stations)
    database = view.request.app.state.database
    if name != "summary":
        return csv_stream(name, _HEADERS[name], _list_rows(database, name, scope, names))
    header = ["station", "station_name"]
    header += [f"needs_{k}" for k in domain.NeedState] + ["units"]
    header += [f"resources_{k}" for k in domain.ResourceKind]
    header += [f"projects_{k}" for k in domain.ProjectStatus]
    header += ["projects_done_this_month", "needs_met_this_month", "region"]
    return csv_stream("lists", header, _summary_rows(database, scope, names, month, regions))


@dataclass(frozen=True)
class _Figures:
    """What the page shows of the read model: its page of stations, every station's sum and
    each region's (SQL sums over the whole scope, never over the page alone)."""

    page: dict[str, domain.Counts]
    totals: domain.Counts
    regions: dict[str, domain.Counts]
    region_sizes: dict[str, int]


def _figures(
    database: Database,
    scope: list[str],
    every: bool,
    shown: list[str],
    month: tuple[date, date],
    regions: Mapping[str, str],
) -> _Figures:
    whole = None if every else scope
    with database.read() as session:
        page = figures.by_station(session, shown)
        if len(scope) == 1:  # one station (a station admin's): its row is its total
            only = figures.counts_of(page.get(scope[0], {}), month)
            return _Figures({scope[0]: only}, only, {}, {})
        summed = figures.total(session, whole)
        per_region = figures.by_region(session, whole)
    grouped = by_region(scope, regions)  # regions by name, "" (no region) last
    return _Figures(
        page={s: figures.counts_of(f, month) for s, f in page.items()},
        totals=figures.counts_of(summed, month),
        regions={r: figures.counts_of(per_region.get(r, {}), month) for r in grouped},
        region_sizes={r: len(ss) for r, ss in grouped.items()},
    )


async def _page(
    view: CentreView,
    *,
    status: int = 200,
    notice: str = "",
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    which: str = "",
    chosen: ListName = "summary",
    page: int = 1,
) -> Response:
    state = view.request.app.state
    regions = await run_in_threadpool(station_regions, state.database)
    region = view.request.query_params.get("region", "")
    scope = view.scope
    if region and not view.station:  # one region's stations ("-": those in none)
        scope = in_region(scope, regions, "" if region == NO_REGION else region)
    today = view.now().astimezone(state.tz).date()
    month = domain.month_of(today)
    if view.request.query_params.get("format") == "csv":
        return _csv(view, chosen, scope, month, regions)
    paging = Paging(page, len(scope), LIST_STATIONS_PER_PAGE)
    shown = scope[paging.offset : paging.last_row]
    # Every station the account sees, unfiltered: summed with no list of ids to bind.
    every = view.who.is_centre and not view.station and not region
    found = await run_in_threadpool(_figures, state.database, scope, every, shown, month, regions)
    one = None
    if len(view.scope) == 1:  # one station: its lists and forms, folded from its events
        one = (await run_in_threadpool(station_lists, state.database, view.scope))[view.scope[0]]
    lang = view.lang
    return view.render(
        "centre_lists.html",
        "lists",
        status=status,
        counts=found.page,
        stations_n=len(scope),
        totals=found.totals,
        pager=view.pager(paging) if paging.pages > 1 else None,
        regions=regions,
        region=region,
        region_options=sorted({r for s, r in regions.items() if r and s in view.scope}),
        region_counts=found.regions,
        region_sizes=found.region_sizes,
        no_region=NO_REGION,
        one=one,
        month=f"{month[0].year}-{month[0].month:02d}",
        today=today.isoformat(),
        need_states={k: words.label(words.NEED_STATES, k, lang) for k in words.NEED_STATES},
        need_sources={k: words.label(words.NEED_SOURCES, k, lang) for k in words.NEED_SOURCES},
        kinds={k: words.label(words.RESOURCE_KINDS, k, lang) for k in words.RESOURCE_KINDS},
        statuses={k: words.label(words.PROJECT_STATUSES, k, lang) for k in words.PROJECT_STATUSES},
        csv_base=f"/centre/lists?station={view.station or ''}&region={quote(region)}"
        "&format=csv&list=",
        notice=notice,
        errors=errors or {},
        errors_text=errors or {},
        form=form or {},
        which=which,
    )


@router.get("/lists", response_class=HTMLResponse)
async def lists_page(
    view: Centre,
    list_: Annotated[ListName, Query(alias="list")] = "summary",
    page: PageQuery = 1,
) -> Response:
    """The three lists' figures per station (`LIST_STATIONS_PER_PAGE` a page) and over all of
    them, per region; one station's lists and forms; CSV of every station."""
    return await _page(view, chosen=list_, page=page)


async def _act(view: CentreView, action: Action, which: str) -> Response:
    w = view.words
    form = await read_form(view.request, MAX_FORM, view.lang, max_fields=MAX_FIELDS)
    if not csrf_ok(view.who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    station = form.get("station_id", "")
    if not view.who.can_see(station):
        raise PageError(403, w["forbidden"], w["forbidden_station"], lang=view.lang)
    state = view.request.app.state
    actor = f"centre:{view.who.username}"
    try:
        done = await run_in_threadpool(
            action, state.database, station, form, state.clock.now(), actor
        )
    except forms.FieldRefused as exc:
        shown = {k: v for k, v in form.items() if k != "csrf"}
        text = exc.zh if view.lang == "zh" else exc.en
        return await _page(view, status=422, errors={exc.field: text}, form=shown, which=which)
    await hub_event_written(state, done.event_id, done.kind)
    back = form.get("back", "")
    if back.startswith("/centre/tickets/"):  # promoted from the ticket page: back to it
        return RedirectResponse(back, status_code=303)
    notice = w[f"li_done_{which}"].format(title=done.title)
    return await _page(view, notice=notice)


@router.post(
    "/lists/units",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "station_id", "name", "contact_role"),
)
async def add_unit(view: Centre) -> Response:
    """Record a member unit of the alliance at a station."""
    return await _act(view, forms.add_unit, "unit")


@router.post(
    "/lists/resources",
    response_class=HTMLResponse,
    openapi_extra=form_body(
        "csrf", "station_id", "unit_id", "kind", "description", "quantity", "measure"
    ),
)
async def add_resource(view: Centre) -> Response:
    """Record what a member unit offers."""
    return await _act(view, forms.add_resource, "resource")


@router.post(
    "/lists/needs",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "station_id", "title", "ticket", "back"),
)
async def add_need(view: Centre) -> Response:
    """Put a need on the needs list: typed, or a wish promoted by its ticket number."""
    return await _act(view, forms.add_need, "need")


@router.post(
    "/lists/projects",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "station_id", "title", "owner", "starts_on", "ends_on"),
)
async def open_project(view: Centre) -> Response:
    """Open a project matching needs to resources (`need_<id>`, `resource_<id>` boxes)."""
    return await _act(view, forms.open_project, "project")


@router.post(
    "/lists/projects/status",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "station_id", "project_id", "status", "on", "note"),
)
async def project_status(view: Centre) -> Response:
    """Complete or cancel a project in progress."""
    return await _act(view, forms.set_status, "status")
