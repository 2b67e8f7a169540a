"""The hub part of `handover`: each station's shift handovers on the centre (/centre/handovers):
when and by whom, what was still open, each counted difference with its reason and the item's
name, the note, and who acknowledged it when (HTML or CSV).

The page reads the range's `handover.recorded` events a page at a time by keyset
(kiosk.platform.hub.keyset) and folds each with its acknowledgement by the kiosks' own fold
(`fold_handover`); names come from the roster events and the published medicine and lending
items (else the bundled lists) of the stations on the page. Each station's count and the CSV
cover every handover."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.features.handover.domain import fold_handover
from kiosk.features.volunteers.hub import roster_names
from kiosk.platform.hub import keyset
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events, to_domain
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.published import published_entries
from kiosk.platform.hub.web_centre import CSV_CHUNK_ROWS, Report, csv_stream
from kiosk.platform.hub.web_reports import Range

router = APIRouter(prefix="/centre", tags=["centre dashboard"])
ITEM_LISTS = (
    ("medicine", "medicine_items", "medicine_items.json"),
    ("lending", "lending_items", "lending_items.json"),
)


@dataclass(frozen=True)
class Difference:
    item_zh: str
    item_en: str
    expected: int
    counted: int
    reason: str


@dataclass(frozen=True)
class HandoverLine:
    """One handover as the centre lists it (the stations' local time)."""

    station_id: str
    recorded_at: datetime
    by: str
    open: dict[str, int]
    differences: list[Difference]
    note: str
    acknowledged_by: str
    acknowledged_at: datetime | None


KINDS = ("handover.recorded",)


def _lines(session: Session, recorded: list[Any], span: Range) -> list[HandoverLine]:
    """Rows of `handover.recorded` (in the list's order) folded with their acknowledgements;
    names and items of the stations on the page only."""
    if not recorded:
        return []
    stations = sorted({r.station_id for r in recorded})
    names = {v: m.name for v, m in roster_names(session, stations).items()}
    items = {
        (station, kind, e["id"]): (
            str(e.get("name_zh") or e["id"]),
            str(e.get("name_en") or e["id"]),
        )
        for station in stations
        for kind, config, bundled in ITEM_LISTS
        for e in published_entries(session, config, station, bundled)
    }
    ids = {str(r.payload.get("handover_id")) for r in recorded}
    since = min(r.occurred_at for r in recorded)
    acks: dict[str, list[Any]] = defaultdict(list)
    for ack in station_events(session, "handover.acknowledged", stations, since, None):
        handover_id = str(ack.payload.get("handover_id"))
        if handover_id in ids:
            acks[handover_id].append(ack)
    lines: list[HandoverLine] = []
    for row in recorded:
        handover_id = str(row.payload.get("handover_id"))
        state = fold_handover([to_domain(e) for e in (row, *acks[handover_id])])
        if state is None:
            continue
        differences = [
            Difference(
                *items.get(
                    (state.station_id, str(c["kind"]), str(c["item_id"])),
                    (str(c["item_id"]), str(c["item_id"])),
                ),
                int(c["expected"]),
                int(c["counted"]),
                str(c.get("reason") or ""),
            )
            for c in state.counts
            if int(c["counted"]) != int(c["expected"])
        ]
        acked_at = state.acknowledged_at
        lines.append(
            HandoverLine(
                station_id=state.station_id,
                recorded_at=state.recorded_at.astimezone(span.tz),
                by=names.get(state.volunteer_id, state.volunteer_id),
                open=state.open,
                differences=differences,
                note=state.note,
                acknowledged_by=names.get(state.acknowledged_by or "", state.acknowledged_by or ""),
                acknowledged_at=None if acked_at is None else acked_at.astimezone(span.tz),
            )
        )
    return lines


def handovers(
    database: Database, stations: list[str], span: Range, cursor: keyset.Cursor
) -> tuple[list[HandoverLine], keyset.EventPage]:
    """One page of the handovers recorded in `span` at `stations`, by station then newest
    first, and the list's totals over every handover (keyset-paged)."""
    where = keyset.listed(KINDS, stations, span.start, span.end)
    with database.read() as session:
        found = keyset.page_of(session, where, cursor)
        return _lines(session, found.rows, span), found


def handovers_stream(
    database: Database, stations: list[str], span: Range
) -> Iterator[HandoverLine]:
    """Every handover, read a thousand at a time (the CSV: never cut, never whole in memory)."""
    stmt = keyset.in_order(keyset.listed(KINDS, stations, span.start, span.end))
    with database.read() as session:
        for chunk in session.execute(stmt.execution_options(yield_per=CSV_CHUNK_ROWS)).partitions():
            yield from _lines(session, list(chunk), span)


def _difference_text(d: Difference, lang: str) -> str:
    reason = words.label(words.HANDOVER_REASONS, d.reason, lang)
    name = d.item_zh if lang == "zh" else d.item_en
    return (
        f"{name} {d.expected}→{d.counted}（{reason}）"
        if lang == "zh"
        else (f"{name} {d.expected}→{d.counted} ({reason})")
    )


@router.get("/handovers", response_class=HTMLResponse)
async def handovers_page(view: Report) -> Response:
    """Shift handovers per station in the range, differences first to the eye."""
    state = view.request.app.state
    span = view.span
    if view.format == "csv":
        stations = dict(view.all_stations)
        return csv_stream(
            f"handovers-{span.first}-{span.last}",
            [
                "station",
                "recorded_at",
                "by",
                "open_requests",
                "open_wishes",
                "phones_charging",
                "lent_out",
                "differences",
                "note",
                "acknowledged_by",
                "acknowledged_at",
                "station_name",
            ],
            (
                (
                    h.station_id,
                    h.recorded_at.strftime("%Y-%m-%d %H:%M"),
                    h.by,
                    h.open.get("requests", 0),
                    h.open.get("wishes", 0),
                    h.open.get("charging", 0),
                    h.open.get("lent", 0),
                    "; ".join(_difference_text(d, "en") for d in h.differences),
                    h.note,
                    h.acknowledged_by,
                    ""
                    if h.acknowledged_at is None
                    else h.acknowledged_at.strftime("%Y-%m-%d %H:%M"),
                    stations.get(h.station_id, h.station_id),
                )
                for h in handovers_stream(state.database, view.scope, span)
            ),
        )
    cursor = keyset.Cursor.of(view.request)
    lines, found = await run_in_threadpool(handovers, state.database, view.scope, span, cursor)
    grouped: dict[str, list[dict[str, object]]] = defaultdict(list)
    for h in lines:
        grouped[h.station_id].append(
            {"h": h, "differences": [_difference_text(d, view.lang) for d in h.differences]}
        )
    return view.render(
        "centre_handovers.html",
        "handovers",
        stations=list(grouped.items()),
        counts=found.by_station,
        total=found.total,
        pager=found.pager(view.request),
    )


# Its words on the centre's pages (`HubPart.words`).
WORDS: dict[str, tuple[str, str]] = {
    "handovers": ("交接班", "Handovers"),
    "ho_time": ("交接时间", "Recorded"),
    "ho_by": ("交班人", "By"),
    "ho_open": ("未完成事项", "Still open"),
    "ho_open_line": (
        "求助 {requests} · 心愿 {wishes} · 充电 {charging} · 借出 {lent}",
        "requests {requests} · wishes {wishes} · charging {charging} · lent {lent}",
    ),
    "ho_differences": ("清点差异", "Count differences"),
    "ho_matched": ("清点一致", "Count matched"),
    "ho_note": ("备注", "Note"),
    "ho_ack": ("接班确认", "Acknowledged"),
    "ho_not_acked": ("尚未确认", "Not yet"),
    "ho_count": ("交接 {n} 次", "handovers: {n}"),
}

HUB_PART = HubPart(
    routers=(router,),
    templates="kiosk.features.handover",
    words=WORDS,
    centre_tabs=(CentreTab("handovers", "/centre/handovers", rank=29),),
)
