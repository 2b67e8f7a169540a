"""The requests' and wishes' figures on the centre's dashboard (/centre/tickets): counts and
response times of those made in the range, and the open ones. Each ticket is folded as the
phone's status page folds it, which is the kiosks' fold (kiosk.features.requests.domain)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.features.requests.hub.tickets import fold_ticket
from kiosk.features.requests.hub.words import CHANNELS, REQUEST_CATEGORIES, STATES, WISH_CATEGORIES
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.web_centre import Report, csv_response
from kiosk.platform.hub.web_i18n import label
from kiosk.platform.hub.web_render import local_time
from kiosk.platform.hub.web_reports import MAX_ROWS, Range

router = APIRouter(prefix="/centre", tags=["centre dashboard"])


@dataclass(frozen=True)
class TicketRow:
    station_id: str
    kind: str
    ticket: str
    category: str
    channel: str
    state: str
    made_at: datetime
    response_min: float | None  # minutes from ordered to accepted (requests)


@dataclass(frozen=True)
class RequestSummary:
    station_id: str
    requests: int
    open: int
    completed: int
    cancelled: int
    median_response_min: float | None
    wishes: int
    wishes_open: int


def tickets(
    database: Database, stations: list[str], span: Range
) -> tuple[list[RequestSummary], list[TicketRow]]:
    """Per-station counts of requests and wishes made in range, and the open ones."""
    with database.read() as session:
        rows = station_events(session, "request.", stations, span.start, None)
        rows += station_events(session, "wish.", stations, span.start, None)
    groups: dict[tuple[str, str], list[HubEvent]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r.hub_seq):
        key = "request_id" if row.kind.startswith("request.") else "wish_id"
        groups[(row.station_id, str(row.payload.get(key)))].append(row)
    summary: dict[str, dict[str, Any]] = {
        s: {"requests": 0, "open": 0, "completed": 0, "cancelled": 0, "resp": [], "wishes": 0}
        for s in stations
    }
    summary_open_wishes: dict[str, int] = defaultdict(int)
    open_rows: list[TicketRow] = []
    for (station, _id), events in groups.items():
        view = fold_ticket(events)
        if view is None or not span.start <= view.made_at < span.end:
            continue
        opener = next(e for e in events if e.kind in ("request.ordered", "wish.submitted"))
        response = None
        if view.accepted_at is not None:
            response = max(0.0, (view.accepted_at - view.made_at).total_seconds() / 60)
        counts = summary[station]
        if view.kind == "request":
            counts["requests"] += 1
            if view.state in ("completed", "cancelled"):
                counts[view.state] += 1
            else:
                counts["open"] += 1
            if response is not None:
                counts["resp"].append(response)
        else:
            counts["wishes"] += 1
            if view.state != "answered":
                summary_open_wishes[station] += 1
        if view.state in ("ordered", "accepted", "received", "in_progress"):
            open_rows.append(
                TicketRow(
                    station,
                    view.kind,
                    view.ticket,
                    view.category,
                    str(opener.payload.get("channel", "")),
                    view.state,
                    view.made_at,
                    response,
                )
            )
    out = [
        RequestSummary(
            s,
            c["requests"],
            c["open"],
            c["completed"],
            c["cancelled"],
            round(statistics.median(c["resp"]), 1) if c["resp"] else None,
            c["wishes"],
            summary_open_wishes[s],
        )
        for s, c in summary.items()
    ]
    open_rows.sort(key=lambda r: r.made_at)
    return out, open_rows[:MAX_ROWS]


@router.get("/tickets", response_class=HTMLResponse)
async def tickets_page(view: Report) -> Response:
    """Requests and wishes made in the range: counts, response times, the open ones."""
    span, chosen = view.span, view.lang
    database = view.request.app.state.database
    summary, open_rows = await run_in_threadpool(tickets, database, view.scope, span)
    tz = span.tz
    now = view.now()
    if view.format == "csv":
        return csv_response(
            f"open-tickets-{span.first}-{span.last}",
            ["station", "kind", "ticket", "category", "channel", "state", "made_at", "waiting_min"],
            [
                (
                    r.station_id,
                    r.kind,
                    r.ticket,
                    r.category,
                    r.channel,
                    r.state,
                    local_time(r.made_at, tz),
                    int((now - r.made_at).total_seconds() // 60),
                )
                for r in open_rows
            ],
        )
    shown = [
        {
            "r": r,
            "category": label(
                REQUEST_CATEGORIES if r.kind == "request" else WISH_CATEGORIES, r.category, chosen
            ),
            "state": label(STATES, r.state, chosen),
            "channel": label(CHANNELS, r.channel, chosen),
            "made_at": local_time(r.made_at, tz),
            "waiting": int((now - r.made_at).total_seconds() // 60),
        }
        for r in open_rows
    ]
    return view.render("centre_tickets.html", "tickets", summary=summary, open_rows=shown)
