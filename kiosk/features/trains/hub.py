"""The hub part of `trains`: a published timetable is checked with the kiosks' own schema
before it is stored (a bad one is refused with 422 `bad_timetable` naming the field), and the
centre lists the marks staff made at each station (/centre/trains: delays, gate changes,
cancellations in the range, HTML or CSV).

The page reads the stations' `train.*` events of the range as they are, a page at a time by
keyset (kiosk.platform.hub.keyset), with each station's count and the CSV over every mark."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.core import words
from kiosk.features.trains.config import Timetable
from kiosk.platform.hub import keyset
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.part import CentreTab, ConfigCheck, HubPart
from kiosk.platform.hub.web_centre import CSV_CHUNK_ROWS, Report, csv_stream, kiosk_names
from kiosk.platform.hub.web_reports import Range

router = APIRouter(prefix="/centre", tags=["centre dashboard"])


@dataclass(frozen=True)
class MarkLine:
    """One mark as the centre lists it (local time of the stations' zone)."""

    station_id: str
    marked_at: datetime
    train: str
    day: str
    mark: str
    mark_zh: str
    mark_en: str
    value: str  # minutes late, or the new gate
    kiosk_id: str


@dataclass(frozen=True)
class StationMarks:
    station_id: str
    marks: list[MarkLine]


MARK_KINDS = ("train.delayed", "train.gate_changed", "train.cancelled", "train.reinstated")


def _line(row: Any, span: Range) -> MarkLine:
    payload = row.payload if isinstance(row.payload, dict) else {}
    mark = str(row.kind).removeprefix("train.")
    return MarkLine(
        station_id=row.station_id,
        marked_at=row.occurred_at.astimezone(span.tz),
        train=str(payload.get("train", "")),
        day=str(payload.get("day", "")),
        mark=mark,
        mark_zh=words.label(words.TRAIN_MARKS, mark, "zh"),
        mark_en=words.label(words.TRAIN_MARKS, mark, "en"),
        value=str(payload.get("minutes", payload.get("gate", ""))),
        kiosk_id=row.kiosk_id,
    )


def train_marks(
    database: Database, stations: list[str], span: Range, cursor: keyset.Cursor
) -> tuple[list[MarkLine], keyset.EventPage]:
    """One page of the marks made in `span` at `stations`, by station then newest first, and
    the list's totals over every mark (keyset-paged: no depth costs more than the first)."""
    where = keyset.listed(MARK_KINDS, stations, span.start, span.end)
    with database.read() as session:
        found = keyset.page_of(session, where, cursor)
    return [_line(r, span) for r in found.rows], found


def train_marks_stream(database: Database, stations: list[str], span: Range) -> Iterator[MarkLine]:
    """Every mark, read a thousand at a time (the CSV: never cut, never whole in memory)."""
    stmt = keyset.in_order(keyset.listed(MARK_KINDS, stations, span.start, span.end))
    with database.read() as session:
        for chunk in session.execute(stmt.execution_options(yield_per=CSV_CHUNK_ROWS)).partitions():
            yield from (_line(r, span) for r in chunk)


def by_station(lines: list[MarkLine]) -> list[StationMarks]:
    grouped: dict[str, list[MarkLine]] = {}
    for line in lines:
        grouped.setdefault(line.station_id, []).append(line)
    return [StationMarks(station, marks) for station, marks in grouped.items()]


@router.get("/trains", response_class=HTMLResponse)
async def trains_page(view: Report) -> Response:
    """Train marks per station in the range: when, which train and day, what, at which kiosk
    (a page at a time; each station's count and the CSV cover every mark)."""
    state = view.request.app.state
    span = view.span
    kiosks = await run_in_threadpool(kiosk_names, state.database)
    if view.format == "csv":
        stations = dict(view.all_stations)
        return csv_stream(
            f"trains-{span.first}-{span.last}",
            [
                "station",
                "marked_at",
                "train",
                "service_day",
                "mark",
                "value",
                "kiosk",
                "station_name",
                "kiosk_name",
            ],
            (
                (
                    m.station_id,
                    m.marked_at.strftime("%Y-%m-%d %H:%M"),
                    m.train,
                    m.day,
                    m.mark,
                    m.value,
                    m.kiosk_id,
                    stations.get(m.station_id, m.station_id),
                    kiosks.get(m.kiosk_id, m.kiosk_id[-6:]),
                )
                for m in train_marks_stream(state.database, view.scope, span)
            ),
        )
    cursor = keyset.Cursor.of(view.request)
    lines, found = await run_in_threadpool(train_marks, state.database, view.scope, span, cursor)
    return view.render(
        "centre_trains.html",
        "trains",
        kiosk_names=kiosks,
        stations=by_station(lines),
        counts=found.by_station,
        total=found.total,
        pager=found.pager(view.request),
    )


# Its words on the centre's pages (`HubPart.words`).
WORDS: dict[str, tuple[str, str]] = {
    "trains": ("列车动态", "Train times"),
    "tr_time": ("时间", "Marked at"),
    "tr_train": ("车次", "Train"),
    "tr_day": ("运行日", "Service day"),
    "tr_mark": ("标记", "Mark"),
    "tr_value": ("内容", "Value"),
    "tr_count": ("标记 {n} 次", "marks: {n}"),
}

HUB_PART = HubPart(
    routers=(router,),
    configs={"timetable": ConfigCheck(Timetable.model_validate, "时刻表")},
    templates="kiosk.features.trains",
    words=WORDS,
    centre_tabs=(CentreTab("trains", "/centre/trains", rank=27),),
)
