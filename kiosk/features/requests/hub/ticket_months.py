"""The tickets of a station and local month, summed (`ticket_months`, h0028), kept beside
`ticket_facts` in the push: a year's tickets page reads its whole months here (a row a station
and month) and only its part-months from the tickets themselves (#15, docs/hub.md).

Each push recomputes every station-month its tickets were or are in from `ticket_facts` in the
same transaction, after the tickets' rows are written: a correction, an accept or a cancel that
arrives months later rewrites its ticket's month whole, never by a difference that could drift.
On PostgreSQL the month rows are locked first, in key order, so two pushes into one month
queue, and the second reads the tickets after the first has committed (READ COMMITTED: each
statement sees what was committed before it began).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic_core import to_json
from sqlalchemy import Connection, delete, func, insert, select, text, tuple_

from kiosk.platform.hub.models import TicketFact, TicketMonth

# (station, "2026-11"): one station-month
MonthKey = tuple[str, str]
_IN_CHUNK = 400  # station-months per IN (…) list: two bound values each, under SQLite's limit
_COUNTS = (
    "requests",
    "ordered",
    "accepted",
    "done",
    "cancelled",
    "wishes",
    "received",
    "in_progress",
)
_DONE = ("completed", "rated")
_LOCK = text(
    "INSERT INTO ticket_months (station_id, month, "
    + ", ".join(_COUNTS)
    + ", response_min) SELECT k.station_id, k.month, "
    + ", ".join("0" for _ in _COUNTS)
    + ", '{}' FROM json_to_recordset(CAST(:keys AS json)) AS k(station_id text, month text)"
    " ORDER BY k.station_id, k.month"
    # a no-op update: it only takes the row's lock (or waits for the push holding it)
    " ON CONFLICT (station_id, month) DO UPDATE SET requests = ticket_months.requests"
)


@dataclass
class MonthFigures:
    """One station-month's counts and its accepted requests' minutes (sorted when written)."""

    requests: int = 0
    ordered: int = 0
    accepted: int = 0
    done: int = 0
    cancelled: int = 0
    wishes: int = 0
    received: int = 0
    in_progress: int = 0
    response_min: list[float] = field(default_factory=list)

    def add(self, kind: str, status: str | None, minutes: float | None) -> None:
        """Count one ticket (as `ticket_figures` counts `ticket_facts` rows)."""
        if kind == "request":
            self.requests += 1
            if status == "ordered":
                self.ordered += 1
            elif status == "accepted":
                self.accepted += 1
            elif status in _DONE:
                self.done += 1
            elif status == "cancelled":
                self.cancelled += 1
            if minutes is not None:
                self.response_min.append(minutes)
        elif kind == "wish":
            self.wishes += 1
            if status == "received":
                self.received += 1
            elif status == "in_progress":
                self.in_progress += 1


def fold_months(lines: Iterable[Sequence[Any]]) -> dict[MonthKey, MonthFigures]:
    """The station-months of tickets (station, month, kind, status, minutes to accept): the
    pure fold shared by the push and a rebuild (the migration's SQL says the same)."""
    months: dict[MonthKey, MonthFigures] = {}
    for station, month, kind, status, minutes in lines:
        key = (str(station), str(month))
        figures = months.get(key)
        if figures is None:
            months[key] = figures = MonthFigures()
        figures.add(str(kind), status, minutes)
    for figures in months.values():
        figures.response_min.sort()
    return months


def month_of(day: str | None) -> str | None:
    """The local month of a ticket's local day ("2026-11-04" -> "2026-11")."""
    return None if day is None else day[:7]


def _chunks(keys: list[MonthKey]) -> Iterable[list[MonthKey]]:
    for start in range(0, len(keys), _IN_CHUNK):
        yield keys[start : start + _IN_CHUNK]


def _made_between(months: list[str]) -> tuple[datetime, datetime]:
    """A `made_at` range holding every ticket whose local day falls in `months` ("YYYY-MM"):
    from the first month's first day to the day after the last month's end, a day wider on
    each side than any zone's offset. So a push's read stays within its months on the
    (station, made_at) index, not the station's whole history."""
    first, last = min(months), max(months)
    start = datetime(int(first[:4]), int(first[5:7]), 1, tzinfo=UTC)
    year, month = int(last[:4]), int(last[5:7])
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    return start - timedelta(days=1), end + timedelta(days=1)


def refresh_months(connection: Connection, touched: Iterable[MonthKey]) -> None:
    """Recompute the station-months `touched` from `ticket_facts` (as the push has just written
    them): each one's row replaced, or deleted when no ticket is left in it."""
    keys = sorted(set(touched))
    if not keys:
        return
    if connection.dialect.name == "postgresql":
        named = [{"station_id": s, "month": m} for s, m in keys]
        connection.execute(_LOCK, {"keys": to_json(named).decode()})
    f, held = TicketFact, TicketMonth
    month = func.substr(f.day, 1, 7)
    lines: list[Sequence[Any]] = []
    for chunk in _chunks(keys):
        stations = sorted({s for s, _ in chunk})
        since, until = _made_between([m for _, m in chunk])
        lines += connection.execute(
            select(f.station_id, month, f.kind, f.status, f.response_min).where(
                # the stations' list and the months' times let the (station, made_at) index
                # find their tickets
                f.station_id.in_(stations),
                f.made_at >= since,
                f.made_at < until,
                tuple_(f.station_id, month).in_(chunk),
            )
        ).all()
        connection.execute(delete(held).where(tuple_(held.station_id, held.month).in_(chunk)))
    months = fold_months(lines)
    rows = [
        {"station_id": s, "month": m, **vars(figures)} for (s, m), figures in sorted(months.items())
    ]
    if rows:
        connection.execute(insert(held), rows)
