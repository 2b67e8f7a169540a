"""The dashboard's figures across stations, from the hub's copy of every station's events.

人次 are summed in SQL from service.used (its `day` is the station's local day, fixed by the
kiosk). Volunteer hours fold each shift with the kiosks' own rule (kiosk.core.folds), so the
centre and the kiosk never disagree on a shift's minutes. Requests and wishes are folded as the
phone's status page folds them, which is the kiosks' fold (kiosk.features.requests.domain).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.core.folds import fold_shift
from kiosk.features.shifts.domain import HoursRule, Rounding, credited_minutes
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events, to_domain
from kiosk.platform.hub.models import HubEvent, Station
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_catalogue import catalogue_for
from kiosk.platform.hub.web_tickets import fold_ticket

MAX_ROWS = 5000  # rows a report page or CSV holds at most
SHIFT_SPAN = timedelta(hours=13)  # a shift begun in range may close this much later


@dataclass(frozen=True)
class Range:
    """Whole local days `first`..`last` of the stations' zone."""

    first: date
    last: date
    tz: ZoneInfo

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(0), tzinfo=self.tz)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=self.tz)


@dataclass(frozen=True)
class UsageRow:
    station_id: str
    service_id: str
    audience: str
    people: int
    uses: int


@dataclass(frozen=True)
class HoursRow:
    station_id: str
    volunteer_id: str
    name: str
    shifts: int
    minutes: int  # as clocked
    credited: int  # each shift rounded by the hours rule, as the kiosks credit it
    flagged: int


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


class Reports:
    """Read-only queries behind the dashboard pages; `stations` limits every figure."""

    def __init__(self, database: Database, settings: HubSettings) -> None:
        self._db = database
        self._rule = HoursRule(Rounding(settings.hours_rounding), settings.hours_unit_minutes)

    def stations(self) -> list[tuple[str, str]]:
        with self._db.read() as session:
            rows = session.execute(select(Station.id, Station.name).order_by(Station.id)).all()
        return [(str(i), str(n)) for i, n in rows]

    def service_names(self, stations: list[str]) -> dict[tuple[str, str], tuple[str, str]]:
        """(station, service id) → (name_zh, name_en) from each station's catalogue."""
        out: dict[tuple[str, str], tuple[str, str]] = {}
        with self._db.read() as session:
            for station in stations:
                body = catalogue_for(session, station)
                services = body.get("services") if isinstance(body, dict) else None
                for entry in services if isinstance(services, list) else []:
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        zh, en = entry.get("name_zh"), entry.get("name_en")
                        if isinstance(zh, str) and isinstance(en, str):
                            out[(station, entry["id"])] = (zh, en)
        return out

    def usage(self, stations: list[str], span: Range) -> list[UsageRow]:
        payload = HubEvent.payload
        service = payload["service_id"].as_string()
        audience = func.coalesce(payload["audience"].as_string(), "none")
        people = func.sum(payload["count"].as_integer())
        day = payload["day"].as_string()
        stmt = (
            select(HubEvent.station_id, service, audience, people, func.count())
            .where(
                HubEvent.kind == "service.used",
                HubEvent.station_id.in_(stations),
                day >= span.first.isoformat(),
                day <= span.last.isoformat(),
            )
            .group_by(HubEvent.station_id, service, audience)
            .order_by(HubEvent.station_id, service, audience)
            .limit(MAX_ROWS)
        )
        with self._db.read() as session:
            rows = session.execute(stmt).all()
        return [UsageRow(str(s), str(v), str(a), int(p or 0), int(n)) for s, v, a, p, n in rows]

    def hours(self, stations: list[str], span: Range) -> list[HoursRow]:
        with self._db.read() as session:
            shifts = station_events(session, "shift.", stations, span.start, span.end + SHIFT_SPAN)
            names = self._names(session, stations)
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
            entry[2] += credited_minutes(state.minutes or 0, self._rule)
            entry[3] += int(state.flagged)
        return [
            HoursRow(station, volunteer, names.get(volunteer, ""), n, minutes, credited, flagged)
            for (station, volunteer), (n, minutes, credited, flagged) in sorted(totals.items())
        ][:MAX_ROWS]

    def tickets(
        self, stations: list[str], span: Range
    ) -> tuple[list[RequestSummary], list[TicketRow]]:
        """Per-station counts of requests and wishes made in range, and the open ones."""
        with self._db.read() as session:
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

    @staticmethod
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
