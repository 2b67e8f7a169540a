"""The centre's lists page (/centre/lists): per station and over all stations the three lists'
figures; for one station its lists and the forms that record a member unit and its resource,
a need (typed, or a wish promoted by its ticket), a project and its status. CSV of each list.

A refused form comes back as the page with the reason beside its field (422), what was typed
kept, and nothing written."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kiosk.core import words
from kiosk.features.lists import domain
from kiosk.features.lists.hub import forms
from kiosk.features.lists.hub.read import StationLists, station_lists
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.doorbell import hub_event_written
from kiosk.platform.hub.regions import NO_REGION, by_region, in_region, station_regions
from kiosk.platform.hub.web_accounts import csrf_ok
from kiosk.platform.hub.web_centre import Centre, CentreView, csv_response
from kiosk.platform.hub.web_centre import _form_body as form_body
from kiosk.platform.hub.web_render import PageError, read_form

router = APIRouter(prefix="/centre", tags=["centre dashboard"])
MAX_FORM = 16 * 1024
MAX_FIELDS = 2 * domain.MAX_LINKS + 20
ListName = Literal["summary", "needs", "resources", "projects"]

Action = Callable[[Database, str, Mapping[str, str], datetime, str], forms.Written]


def _totals(counts: list[domain.Counts]) -> domain.Counts:
    def add(pick: Callable[[domain.Counts], dict[str, int]]) -> dict[str, int]:
        keys = pick(counts[0]) if counts else {}
        return {k: sum(pick(c)[k] for c in counts) for k in keys}

    return domain.Counts(
        needs=add(lambda c: c.needs),
        resources=add(lambda c: c.resources),
        projects=add(lambda c: c.projects),
        units=sum(c.units for c in counts),
        done_this_month=sum(c.done_this_month for c in counts),
        needs_met_this_month=sum(c.needs_met_this_month for c in counts),
    )


def _csv(
    view: CentreView,
    name: ListName,
    found: dict[str, StationLists],
    month: Any,
    regions: Mapping[str, str],
) -> Response:
    names = dict(view.all_stations)
    if name == "needs":
        return csv_response(
            "needs",
            ["station", "station_name", "need", "source", "ticket", "state", "added_at"],
            [
                (
                    s,
                    names.get(s, ""),
                    n.title,
                    n.source,
                    n.ticket or "",
                    lists.need_state(n.id),
                    n.added_at.isoformat(),
                )
                for s, lists in found.items()
                for n in lists.needs
            ],
        )
    if name == "resources":
        return csv_response(
            "resources",
            ["station", "station_name", "unit", "kind", "description", "quantity", "measure"],
            [
                (
                    s,
                    names.get(s, ""),
                    lists.unit_name(r.unit_id),
                    r.kind,
                    r.description,
                    "" if r.quantity is None else r.quantity,
                    r.measure,
                )
                for s, lists in found.items()
                for r in lists.resources
            ],
        )
    if name == "projects":
        return csv_response(
            "projects",
            [
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
            [
                (
                    s,
                    names.get(s, ""),
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
                for s, lists in found.items()
                for p in lists.projects
            ],
        )
    rows = []
    for s, lists in found.items():
        c = lists.counts(month)
        rows.append(
            (
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
        )
    header = ["station", "station_name"]
    header += [f"needs_{k}" for k in domain.NeedState] + ["units"]
    header += [f"resources_{k}" for k in domain.ResourceKind]
    header += [f"projects_{k}" for k in domain.ProjectStatus]
    header += ["projects_done_this_month", "needs_met_this_month", "region"]
    return csv_response("lists", header, rows)


async def _page(
    view: CentreView,
    *,
    status: int = 200,
    notice: str = "",
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    which: str = "",
    chosen: ListName = "summary",
) -> Response:
    state = view.request.app.state
    regions = await run_in_threadpool(station_regions, state.database)
    region = view.request.query_params.get("region", "")
    scope = view.scope
    if region and not view.station:  # one region's stations ("-": those in none)
        scope = in_region(scope, regions, "" if region == NO_REGION else region)
    found = await run_in_threadpool(station_lists, state.database, scope)
    today = view.now().astimezone(state.tz).date()
    month = domain.month_of(today)
    if view.request.query_params.get("format") == "csv":
        return _csv(view, chosen, found, month, regions)
    counts = {s: lists.counts(month) for s, lists in found.items()}
    # Per region: the sum of its stations' rows, so the two tables always agree.
    grouped = by_region(counts, regions)
    region_counts = {r: _totals([counts[s] for s in ss]) for r, ss in grouped.items()}
    one = found[view.scope[0]] if len(view.scope) == 1 else None
    lang = view.lang
    return view.render(
        "centre_lists.html",
        "lists",
        status=status,
        found=found,
        counts=counts,
        totals=_totals(list(counts.values())),
        regions=regions,
        region=region,
        region_options=sorted({r for s, r in regions.items() if r and s in view.scope}),
        region_counts=region_counts,
        region_sizes={r: len(ss) for r, ss in grouped.items()},
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
) -> Response:
    """The three lists' figures per station (and all), one station's lists and forms; CSV."""
    return await _page(view, chosen=list_)


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
