"""The hub part of `trains`: a published timetable is checked with the kiosks' own schema
before it is stored (a bad one is refused with 422 `bad_timetable` naming the field), and the
centre lists the marks staff made at each station (/centre/trains: delays, gate changes,
cancellations in the range, HTML or CSV).

Marks are few (a station marks a handful of runs a day), so the page reads each station's
`train.*` events of the range as they are, like the roll calls' page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.core import words
from kiosk.features.trains.config import Timetable
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events
from kiosk.platform.hub.part import CentreTab, ConfigCheck, HubPart
from kiosk.platform.hub.web_centre import Report, csv_response
from kiosk.platform.hub.web_reports import MAX_ROWS, Range

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


def train_marks(database: Database, stations: list[str], span: Range) -> tuple[list[MarkLine], int]:
    """The marks made in `span` at `stations`, by station then newest first (at most MAX_ROWS
    of them), and how many there were in all (a cut list says so)."""
    with database.read() as session:
        rows = station_events(session, "train.", stations, span.start, span.end)
    lines: list[MarkLine] = []
    for row in rows:
        payload = row.payload if isinstance(row.payload, dict) else {}
        mark = row.kind.removeprefix("train.")
        lines.append(
            MarkLine(
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
        )
    lines.sort(key=lambda m: (m.station_id, -m.marked_at.timestamp()))
    return lines[:MAX_ROWS], len(lines)


def by_station(lines: list[MarkLine]) -> list[StationMarks]:
    grouped: dict[str, list[MarkLine]] = {}
    for line in lines:
        grouped.setdefault(line.station_id, []).append(line)
    return [StationMarks(station, marks) for station, marks in grouped.items()]


@router.get("/trains", response_class=HTMLResponse)
async def trains_page(view: Report) -> Response:
    """Train marks per station in the range: when, which train and day, what, at which kiosk."""
    state = view.request.app.state
    span = view.span
    lines, total = await run_in_threadpool(train_marks, state.database, view.scope, span)
    if view.format == "csv":
        return csv_response(
            f"trains-{span.first}-{span.last}",
            ["station", "marked_at", "train", "service_day", "mark", "value", "kiosk"],
            [
                (
                    m.station_id,
                    m.marked_at.strftime("%Y-%m-%d %H:%M"),
                    m.train,
                    m.day,
                    m.mark,
                    m.value,
                    m.kiosk_id,
                )
                for m in lines
            ],
        )
    return view.render(
        "centre_trains.html", "trains", stations=by_station(lines), shown=len(lines), total=total
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
    "tr_cut": (
        "仅显示前 {shown} 条，共 {total} 条；请缩小日期范围或导出 CSV",
        "Showing the first {shown} of {total}; narrow the dates or export CSV",
    ),
}

HUB_PART = HubPart(
    routers=(router,),
    configs={"timetable": ConfigCheck(Timetable.model_validate, "时刻表")},
    templates="kiosk.features.trains",
    words=WORDS,
    centre_tabs=(CentreTab("trains", "/centre/trains", rank=27),),
)
