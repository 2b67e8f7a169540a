"""The hub part of `rollcall`: the roll calls of each station on the centre (/centre/rollcalls),
taken in the range, with their counts and the names of those missing (HTML or CSV).

Roll calls are few (an evacuation, the end of an event), so the page folds each station's
`rollcall.taken` events of the range with the kiosks' own fold; names come from the roster
events of the same stations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.features.rollcall.domain import fold_rollcall
from kiosk.features.volunteers.hub import roster_names
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events, to_domain
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.web_centre import Report, csv_response
from kiosk.platform.hub.web_reports import MAX_ROWS, Range

router = APIRouter(prefix="/centre", tags=["centre dashboard"])


@dataclass(frozen=True)
class RollCallLine:
    """One roll call as the centre lists it (local time of the stations' zone)."""

    station_id: str
    taken_at: datetime
    kiosk_id: str
    taker: str
    present: int
    missing: int
    missing_names: list[str]


@dataclass(frozen=True)
class StationRolls:
    """A station's roll calls in the range: how many, and the latest first."""

    station_id: str
    rolls: list[RollCallLine]


def roll_calls(
    database: Database, stations: list[str], span: Range
) -> tuple[list[RollCallLine], int]:
    """The roll calls taken in `span` at `stations`, by station then newest first (at most
    MAX_ROWS of them), and how many there were in all (a cut list says so)."""
    with database.read() as session:
        rows = station_events(session, "rollcall.", stations, span.start, span.end)
        names = {v: m.name for v, m in roster_names(session, stations).items()}
    lines: list[RollCallLine] = []
    for row in rows:
        state = fold_rollcall([to_domain(row)])
        if state is None:
            continue
        lines.append(
            RollCallLine(
                station_id=state.station_id,
                taken_at=state.taken_at.astimezone(span.tz),
                kiosk_id=state.kiosk_id,
                taker=names.get(state.taker_id, state.taker_id),
                present=state.present_count,
                missing=state.missing_count,
                missing_names=[names.get(v, v) for v in state.missing],
            )
        )
    lines.sort(key=lambda r: (r.station_id, -r.taken_at.timestamp()))
    return lines[:MAX_ROWS], len(lines)


def by_station(lines: list[RollCallLine]) -> list[StationRolls]:
    grouped: dict[str, list[RollCallLine]] = {}
    for line in lines:
        grouped.setdefault(line.station_id, []).append(line)
    return [StationRolls(station, rolls) for station, rolls in grouped.items()]


@router.get("/rollcalls", response_class=HTMLResponse)
async def rollcalls_page(view: Report) -> Response:
    """Roll calls per station in the range: when, who took it, present, missing and who."""
    state = view.request.app.state
    span = view.span
    lines, total = await run_in_threadpool(roll_calls, state.database, view.scope, span)
    if view.format == "csv":
        return csv_response(
            f"rollcalls-{span.first}-{span.last}",
            ["station", "taken_at", "kiosk", "taken_by", "present", "missing", "missing_names"],
            [
                (
                    r.station_id,
                    r.taken_at.strftime("%Y-%m-%d %H:%M"),
                    r.kiosk_id,
                    r.taker,
                    r.present,
                    r.missing,
                    "; ".join(r.missing_names),
                )
                for r in lines
            ],
        )
    return view.render(
        "centre_rollcalls.html",
        "rollcalls",
        stations=by_station(lines),
        shown=len(lines),
        total=total,
    )


# Its words on the centre's pages (`HubPart.words`).
WORDS: dict[str, tuple[str, str]] = {
    "rollcalls": ("清点人数", "Roll calls"),
    "rc_time": ("清点时间", "Taken at"),
    "rc_taker": ("清点人", "Taken by"),
    "rc_present": ("已到", "Present"),
    "rc_missing": ("未到", "Missing"),
    "rc_missing_names": ("未到人员", "Who was missing"),
    "rc_count": ("清点 {n} 次", "roll calls: {n}"),
    "rc_cut": (
        "仅显示前 {shown} 条，共 {total} 条；请缩小日期范围或导出 CSV",
        "Showing the first {shown} of {total}; narrow the dates or export CSV",
    ),
}

HUB_PART = HubPart(
    routers=(router,),
    templates="kiosk.features.rollcall",
    words=WORDS,
    centre_tabs=(CentreTab("rollcalls", "/centre/rollcalls", rank=25),),
)
