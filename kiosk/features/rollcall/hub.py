"""The hub part of `rollcall`: the roll calls of each station on the centre (/centre/rollcalls),
taken in the range, with their counts and the names of those missing (HTML or CSV).

The page reads the `rollcall.taken` events of the range a page at a time by keyset
(kiosk.platform.hub.keyset), folds each with the kiosks' own fold, and names people from the
roster of the stations on the page; each station's count and the CSV cover every roll call."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from kiosk.features.rollcall.domain import fold_rollcall
from kiosk.features.volunteers.hub import roster_names
from kiosk.platform.hub import keyset
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import to_domain
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.web_centre import CSV_CHUNK_ROWS, Report, csv_stream, kiosk_names
from kiosk.platform.hub.web_reports import Range

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


KINDS = ("rollcall.taken",)


def _lines(session: Session, rows: list[Any], span: Range) -> list[RollCallLine]:
    """Rows of `rollcall.taken` as lines, names from the roster of their stations only."""
    names = {
        v: m.name for v, m in roster_names(session, sorted({r.station_id for r in rows})).items()
    }
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
    return lines


def roll_calls(
    database: Database, stations: list[str], span: Range, cursor: keyset.Cursor
) -> tuple[list[RollCallLine], keyset.EventPage]:
    """One page of the roll calls taken in `span` at `stations`, by station then newest first,
    and the list's totals over every roll call (keyset-paged)."""
    where = keyset.listed(KINDS, stations, span.start, span.end)
    with database.read() as session:
        found = keyset.page_of(session, where, cursor)
        return _lines(session, found.rows, span), found


def roll_calls_stream(
    database: Database, stations: list[str], span: Range
) -> Iterator[RollCallLine]:
    """Every roll call, read a thousand at a time (the CSV: never cut, never whole in memory)."""
    stmt = keyset.in_order(keyset.listed(KINDS, stations, span.start, span.end))
    with database.read() as session:
        for chunk in session.execute(stmt.execution_options(yield_per=CSV_CHUNK_ROWS)).partitions():
            yield from _lines(session, list(chunk), span)


def by_station(lines: list[RollCallLine]) -> list[StationRolls]:
    grouped: dict[str, list[RollCallLine]] = {}
    for line in lines:
        grouped.setdefault(line.station_id, []).append(line)
    return [StationRolls(station, rolls) for station, rolls in grouped.items()]


@router.get("/rollcalls", response_class=HTMLResponse)
async def rollcalls_page(view: Report) -> Response:
    """Roll calls per station in the range: when, who took it, present, missing and who (a
    page at a time; each station's count and the CSV cover every roll call)."""
    state = view.request.app.state
    span = view.span
    kiosks = await run_in_threadpool(kiosk_names, state.database)
    if view.format == "csv":
        stations = dict(view.all_stations)
        return csv_stream(
            f"rollcalls-{span.first}-{span.last}",
            [
                "station",
                "taken_at",
                "kiosk",
                "taken_by",
                "present",
                "missing",
                "missing_names",
                "station_name",
                "kiosk_name",
            ],
            (
                (
                    r.station_id,
                    r.taken_at.strftime("%Y-%m-%d %H:%M"),
                    r.kiosk_id,
                    r.taker,
                    r.present,
                    r.missing,
                    "; ".join(r.missing_names),
                    stations.get(r.station_id, r.station_id),
                    kiosks.get(r.kiosk_id, r.kiosk_id[-6:]),
                )
                for r in roll_calls_stream(state.database, view.scope, span)
            ),
        )
    cursor = keyset.Cursor.of(view.request)
    lines, found = await run_in_threadpool(roll_calls, state.database, view.scope, span, cursor)
    return view.render(
        "centre_rollcalls.html",
        "rollcalls",
        kiosk_names=kiosks,
        stations=by_station(lines),
        counts=found.by_station,
        total=found.total,
        pager=found.pager(view.request),
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
}

HUB_PART = HubPart(
    routers=(router,),
    templates="kiosk.features.rollcall",
    words=WORDS,
    centre_tabs=(CentreTab("rollcalls", "/centre/rollcalls", rank=25),),
)
