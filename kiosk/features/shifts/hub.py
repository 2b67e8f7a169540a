"""The hub part of `shifts`: volunteer hours on the centre's dashboard (/centre/hours), per
station and volunteer, for shifts begun in the range. Each shift is folded and credited with the
kiosks' own rules (kiosk.features.shifts.domain), so the centre and the kiosk
never disagree on a shift's minutes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

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
from kiosk.platform.hub.web_centre import Report, csv_response
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
    number: str  # the volunteer's number (工号), as on their badge
    shifts: int
    minutes: int  # as clocked
    credited: int  # each shift rounded by the hours rule, as the kiosks credit it
    flagged: int


def hours(database: Database, rule: HoursRule, stations: list[str], span: Range) -> list[HoursRow]:
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
    ][:MAX_ROWS]


@router.get("/hours", response_class=HTMLResponse)
async def hours_page(view: Report) -> Response:
    """Volunteer hours per station and volunteer (shifts begun in the range)."""
    state = view.request.app.state
    span = view.span
    rule = hours_rule(state.settings)
    rows = await run_in_threadpool(hours, state.database, rule, view.scope, span)
    if view.format == "csv":
        return csv_response(
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
    return view.render(
        "centre_hours.html",
        "vol_hours",
        rows=rows,
        total_hours=round(sum(r.credited for r in rows) / 60, 2),
    )


# Its words on the centre's pages (`HubPart.words`).
WORDS: dict[str, tuple[str, str]] = {
    "vol_hours": ("志愿时长", "Volunteer hours"),
    "volunteer": ("志愿者", "Volunteer"),
    "shifts": ("班次", "Shifts"),
    "hours_col": ("时长（小时）", "Hours"),
    "flagged": ("待核实", "To review"),
}

HUB_PART = HubPart(
    routers=(router,),
    templates="kiosk.features.shifts",
    words=WORDS,
    centre_tabs=(CentreTab("vol_hours", "/centre/hours", rank=20),),
)
