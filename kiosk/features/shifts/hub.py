"""The hub part of `shifts`: volunteer hours on the centre's dashboard (/centre/hours), per
station and volunteer, for shifts begun in the range. Each shift is folded and credited with the
kiosks' own rules (kiosk.features.shifts.domain), so the centre and the kiosk
never disagree on a shift's minutes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.features.shifts.domain import HoursRule, Rounding, credited_minutes, fold_shift
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events, to_domain
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.part import HubPart
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_centre import (
    Accounts,
    FormatQuery,
    LangQuery,
    ReportsDep,
    StationQuery,
    csv_response,
    date_span,
    filter_fields,
    nav_fields,
    signed_in,
    stations_in_scope,
    to_login,
)
from kiosk.platform.hub.web_i18n import words
from kiosk.platform.hub.web_pages import page_lang, remember_lang
from kiosk.platform.hub.web_render import page
from kiosk.platform.hub.web_reports import MAX_ROWS, Range

SHIFT_SPAN = timedelta(hours=13)  # a shift begun in range may close this much later

router = APIRouter(prefix="/centre", tags=["centre dashboard"])


def hours_rule(settings: HubSettings) -> HoursRule:
    """Each shift credited as the kiosks credit it (HUB_HOURS_*, as their KIOSK_HOURS_*)."""
    return HoursRule(Rounding(settings.hours_rounding), settings.hours_unit_minutes)


@dataclass(frozen=True)
class HoursRow:
    station_id: str
    volunteer_id: str
    name: str
    shifts: int
    minutes: int  # as clocked
    credited: int  # each shift rounded by the hours rule, as the kiosks credit it
    flagged: int


def hours(database: Database, rule: HoursRule, stations: list[str], span: Range) -> list[HoursRow]:
    with database.read() as session:
        shifts = station_events(session, "shift.", stations, span.start, span.end + SHIFT_SPAN)
        names = _names(session, stations)
    by_shift: dict[str, list[Event]] = defaultdict(list)
    for row in shifts:
        by_shift[str(row.payload.get("shift_id"))].append(to_domain(row))
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for events in by_shift.values():
        state = fold_shift(events)
        if state is None or state.checked_in_at is None:
            continue
        if not span.start <= state.checked_in_at < span.end or state.status == "cancelled":
            continue
        entry = totals[(state.station_id, state.volunteer_id)]
        entry[0] += 1
        entry[1] += state.minutes or 0
        entry[2] += credited_minutes(state.minutes or 0, rule)
        entry[3] += int(state.flagged)
    return [
        HoursRow(station, volunteer, names.get(volunteer, ""), n, minutes, credited, flagged)
        for (station, volunteer), (n, minutes, credited, flagged) in sorted(totals.items())
    ][:MAX_ROWS]


def _names(session: Session, stations: list[str]) -> dict[str, str]:
    stmt = (
        select(HubEvent.payload)
        .where(HubEvent.kind == "volunteer.registered", HubEvent.station_id.in_(stations))
        .order_by(HubEvent.hub_seq)
    )
    names: dict[str, str] = {}
    for payload in session.scalars(stmt):
        names[str(payload.get("volunteer_id"))] = str(payload.get("name", ""))
    return names


@router.get("/hours", response_class=HTMLResponse)
async def hours_page(
    request: Request,
    accounts: Accounts,
    reports: ReportsDep,
    station: StationQuery = None,
    first: Annotated[date | None, Query(alias="from")] = None,
    last: Annotated[date | None, Query(alias="to")] = None,
    format: FormatQuery = "html",
    lang: LangQuery = None,
) -> Response:
    """Volunteer hours per station and volunteer (shifts begun in the range)."""
    chosen = page_lang(request, lang)
    who = await signed_in(request, accounts)
    if who is None:
        return to_login()
    span = date_span(request, first, last, chosen)
    all_stations = await run_in_threadpool(reports.stations)
    scope = stations_in_scope(who, all_stations, station, chosen)
    rule = hours_rule(request.app.state.settings)
    rows = await run_in_threadpool(hours, request.app.state.database, rule, scope, span)
    if format == "csv":
        return csv_response(
            f"hours-{span.first}-{span.last}",
            [
                "station",
                "volunteer_id",
                "name",
                "shifts",
                "minutes",
                "credited_minutes",
                "credited_hours",
                "to_review",
            ],
            [
                (
                    r.station_id,
                    r.volunteer_id,
                    r.name,
                    r.shifts,
                    r.minutes,
                    r.credited,
                    round(r.credited / 60, 2),
                    r.flagged,
                )
                for r in rows
            ],
        )
    response = page(
        "centre_hours.html",
        lang=chosen,
        title=words(chosen)["vol_hours"],
        rows=rows,
        total_hours=round(sum(r.credited for r in rows) / 60, 2),
        **filter_fields(request, who, all_stations, station, span),
        **nav_fields(request, who, chosen, "vol_hours"),
    )
    return remember_lang(response, lang, chosen)


HUB_PART = HubPart(routers=(router,))
