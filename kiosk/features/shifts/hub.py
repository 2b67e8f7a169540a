"""The hub part of `shifts`: volunteer hours on the centre's dashboard (/centre/hours), per
station and volunteer, for shifts begun in the range. Each shift is folded and credited with the
kiosks' own rules (kiosk.features.shifts.domain), so the centre and the kiosk
never disagree on a shift's minutes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.core.events import Event
from kiosk.features.shifts.domain import HoursRule, Rounding, credited_minutes, fold_shift
from kiosk.features.volunteers.hub import Member, roster_names
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events, to_domain
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_centre import PageQuery, Report, csv_stream
from kiosk.platform.hub.web_charts import Chart, day_columns, periods, station_rows
from kiosk.platform.hub.web_reports import Paging, Range

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
    number: str  # the volunteer's number (工号), as on their badge
    shifts: int
    minutes: int  # as clocked
    credited: int  # each shift rounded by the hours rule, as the kiosks credit it
    flagged: int


def hours(
    database: Database,
    rule: HoursRule,
    stations: list[str],
    span: Range,
    by_day: dict[date, list[float]] | None = None,
) -> list[HoursRow]:
    """Hours per station and volunteer for shifts begun in the range, every row; `by_day`, if given,
    receives each shift's credited hours under the local day it began (the chart's figures)."""
    with database.read() as session:
        shifts = station_events(session, "shift.", stations, span.start, span.end + SHIFT_SPAN)
        names = roster_names(session, stations)
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
        if by_day is not None:
            day = state.checked_in_at.astimezone(span.tz).date()
            by_day.setdefault(day, []).append(credited_minutes(state.minutes or 0, rule) / 60)
    unknown = Member("", "")
    return [
        HoursRow(
            station,
            volunteer,
            names.get(volunteer, unknown).name,
            names.get(volunteer, unknown).number,
            n,
            minutes,
            credited,
            flagged,
        )
        for (station, volunteer), (n, minutes, credited, flagged) in sorted(totals.items())
    ]


def charts(
    rows: list[HoursRow],
    by_day: dict[date, list[float]],
    span: Range,
    names: dict[str, str],
    w: dict[str, str],
) -> list[Chart]:
    """Credited hours by day the shifts began (by month past three months) and by station."""
    trend = day_columns(
        "hours-days",
        w["chart_hours_days"],
        w["hours_unit"],
        [(n, round(sum(v), 2)) for n, v in periods(by_day, span.first, span.last)],
        digits=1,
        label_head=w["day"],
    )
    totals: dict[str, float] = {}
    for r in rows:
        totals[r.station_id] = totals.get(r.station_id, 0) + r.credited / 60
    per_station = station_rows(
        "hours-stations",
        w["chart_hours_stations"],
        w["hours_unit"],
        [(names.get(s, s), round(v, 2)) for s, v in totals.items()],
        digits=1,
        rest_note=w["chart_rest_hours"],
        label_head=w["station"],
    )
    return [trend, per_station]


@router.get("/hours", response_class=HTMLResponse)
async def hours_page(view: Report, page: PageQuery = 1) -> Response:
    """Volunteer hours per station and volunteer (shifts begun in the range): totals over
    every row, the table a page at a time, the CSV whole."""
    state = view.request.app.state
    span = view.span
    rule = hours_rule(state.settings)
    by_day: dict[date, list[float]] = {}
    rows = await run_in_threadpool(hours, state.database, rule, view.scope, span, by_day)
    if view.format == "csv":
        return csv_stream(
            f"hours-{span.first}-{span.last}",
            [
                "station",
                "volunteer_id",
                "name",
                "number",
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
                    r.number,
                    r.shifts,
                    r.minutes,
                    r.credited,
                    round(r.credited / 60, 2),
                    r.flagged,
                )
                for r in rows
            ],
        )
    paging = Paging(page, len(rows))
    return view.render(
        "centre_hours.html",
        "vol_hours",
        charts=charts(rows, by_day, span, dict(view.all_stations), view.words),
        rows=rows[paging.offset : paging.last_row],
        total_hours=round(sum(r.credited for r in rows) / 60, 2),
        pager=view.pager(paging),
    )


# Its words on the centre's pages (`HubPart.words`).
WORDS: dict[str, tuple[str, str]] = {
    "vol_hours": ("志愿时长", "Volunteer hours"),
    "volunteer": ("志愿者", "Volunteer"),
    "shifts": ("班次", "Shifts"),
    "hours_col": ("时长（小时）", "Hours"),
    "flagged": ("待核实", "To review"),
    "hours_unit": ("小时", "hours"),
    "chart_hours_days": ("每日志愿时长", "Volunteer hours, by day"),
    "chart_hours_stations": ("各站点志愿时长", "Volunteer hours, by station"),
    "chart_rest_hours": (
        "另有 {count} 个站点共 {value} 小时未画出，见下表。",
        "{count} more stations with {value} hours are not drawn: see the table below.",
    ),
}

HUB_PART = HubPart(
    routers=(router,),
    templates="kiosk.features.shifts",
    words=WORDS,
    centre_tabs=(CentreTab("vol_hours", "/centre/hours", rank=20),),
)
