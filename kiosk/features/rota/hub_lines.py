"""The rota page's read model (`rota_lines`, hub migration h0024, #15): a row per rota line,
refolded in the push transaction with the kiosks' own `fold_entry`.

The page folded three years of every station's `rota.*` events on each view (~2 s at 2,000
stations). Now a line's row keeps its setting and its events (`kiosk.platform.hub.aggregates`:
a removal arriving later, from another kiosk, refolds the whole line), and the page reads one
OFFSET-bounded page of rows in SQL, ordered by station, time and the volunteer's number (joined
from the roster's read model), its total a SQL count. Only the kinds `fold_entry` reads are
kept: a line's daily no-shows and its swaps are not the line's.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, select, true
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.features.rota.domain import fold_entry
from kiosk.platform.hub import aggregates
from kiosk.platform.hub.aggregates import among
from kiosk.platform.hub.models import HubRotaLine, RosterEntry
from kiosk.platform.hub.web_reports import StationCounts, station_counts, station_window

LINE_KINDS = ("rota.pattern_set", "rota.shift_set", "rota.removed")
CSV_ROWS = 1000  # rows read at once while the CSV streams

_EMPTY: dict[str, Any] = {
    "listed": False,
    "volunteer_id": None,
    "set_at": None,
    "weekday": None,
    "starts": None,
    "ends": None,
    "valid_from": None,
    "valid_until": None,
    "starts_at": None,
    "ends_at": None,
    "sort_at": None,
}


def line_row(_station: str, _rota: str, events: list[Event]) -> dict[str, Any]:
    """A line's columns by the kiosks' fold. `sort_at` is what the page orders a station's
    lines by after the weekday (one-offs after every weekday): a pattern's start "HH:MM", a
    one-off's start to the minute in UTC (the same order as the station's local minute in a
    zone without daylight saving, as the province's)."""
    entry = fold_entry(events)
    if entry is None:
        return dict(_EMPTY)
    weekly = entry.weekday is not None and entry.starts is not None and entry.ends is not None
    starts_at = None if entry.starts_at is None else entry.starts_at.astimezone(UTC)
    ends_at = None if entry.ends_at is None else entry.ends_at.astimezone(UTC)
    if weekly:
        sort_at = f"{entry.starts:%H:%M}"
    else:
        sort_at = "" if starts_at is None else f"{starts_at:%Y-%m-%d %H:%M}"
    return {
        "listed": not entry.removed,
        "volunteer_id": entry.volunteer_id,
        "set_at": entry.created_at.astimezone(UTC),
        "weekday": entry.weekday if weekly else None,
        "starts": None if entry.starts is None else f"{entry.starts:%H:%M}",
        "ends": None if entry.ends is None else f"{entry.ends:%H:%M}",
        "valid_from": None if entry.valid_from is None else entry.valid_from.isoformat(),
        "valid_until": None if entry.valid_until is None else entry.valid_until.isoformat(),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "sort_at": sort_at,
    }


ROTA_LINES = aggregates.read_model(
    "rota_lines", LINE_KINDS, "rota_id", line_row, lambda e: str(e.payload.get("rota_id"))
)


# --- what the page reads ---------------------------------------------------------------------


def _where(session: Session, stations: list[str] | None, since: datetime) -> list[Any]:
    """Lines in force at `stations` (None: every station) set since `since` (the page's
    look-back, as it read)."""
    t = HubRotaLine
    where = [t.listed == true(), t.set_at >= since]
    if stations is not None:
        where.append(among(session.connection(), t.station_id, stations))
    return where


def _lines(
    session: Session, stations: list[str] | None, since: datetime
) -> Select[*tuple[Any, ...]]:
    """The lines in the page's order: station, weekday (one-offs last), time, the volunteer's
    number (the roster's clear column), volunteer, then the line for a stable order."""
    t, r = HubRotaLine, RosterEntry
    number = func.coalesce(r.number, "")
    return (
        select(
            t.station_id,
            t.volunteer_id,
            number,
            t.weekday,
            t.starts,
            t.ends,
            t.valid_from,
            t.valid_until,
            t.starts_at,
            t.ends_at,
        )
        .outerjoin(r, (r.station_id == t.station_id) & (r.volunteer_id == t.volunteer_id))
        .where(*_where(session, stations, since))
        .order_by(
            t.station_id,
            func.coalesce(t.weekday, 7),
            t.sort_at,
            number,
            t.volunteer_id,
            t.rota_id,
        )
    )


def line_counts(session: Session, stations: list[str] | None, since: datetime) -> StationCounts:
    """The lines per station (their sum is the page's total)."""
    return station_counts(session, HubRotaLine.station_id, _where(session, stations, since))


def page_rows(
    session: Session,
    stations: list[str] | None,
    since: datetime,
    counts: StationCounts,
    offset: int,
    size: int,
) -> list[Any]:
    """One page of lines (station, volunteer, number, weekday, starts, ends, valid from,
    valid until, starts at, ends at): only the page's stations' lines sorted (`counts`)."""
    shown, skip = station_window(counts, offset, size)
    if not shown:
        return []
    return list(session.execute(_lines(session, shown, since).offset(skip).limit(size)))


def all_rows(session: Session, stations: list[str] | None, since: datetime) -> Iterator[list[Any]]:
    """Every line in order, CSV_ROWS at a time (the CSV: never cut, never whole in memory)."""
    query = _lines(session, stations, since).execution_options(yield_per=CSV_ROWS)
    for chunk in session.execute(query).partitions():
        yield list(chunk)
