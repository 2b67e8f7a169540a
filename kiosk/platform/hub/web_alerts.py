"""Stock and expiry alerts for the centre, per station, from the features' alert sources.

A feature's hub part may bring an `AlertSource`: the areas it reports on (the alerts page's
columns) and a function folding the hub's copy of each station's events with the kiosks' own
rules into `StationAlert`s, so the centre sees what the station's admin screen shows. This
module runs every source and orders the lines; it names no feature.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVar

from kiosk.platform.hub.db import Database
from kiosk.platform.hub.settings import HubSettings


@dataclass(frozen=True)
class StationAlert:
    """One line of the alerts page: where, what, and its words in both languages."""

    station_id: str
    area: str  # one of its source's areas
    kind: str  # what is wrong, e.g. expired, over_lent, charging_overdue
    subject: str  # the item, lot or slot concerned ("" for the station as a whole)
    zh: str
    en: str
    urgent: bool = False

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


TREND_DAYS = 30  # the alerts page's trend: the last 30 days, today the last column

T = TypeVar("T")

# What one view's sources have read once (`one_view`, `per_view`): None outside a view.
_VIEW: ContextVar[dict[str, dict[str, Any]] | None] = ContextVar("alerts_view", default=None)


@contextmanager
def one_view() -> Iterator[None]:
    """Within it (a page's view; the threads it starts inherit it), `per_view` reads each
    thing once: the page's trend, summaries and lines all read each station's published items,
    three reads of 2,000 stations' lists a view otherwise, and now all count under one list."""
    token = _VIEW.set({})
    try:
        yield
    finally:
        _VIEW.reset(token)


def view_shared(name: str) -> dict[str, Any] | None:
    """Within `one_view`, the dict its sources share under `name` (one source keeps what it
    read there for another); None outside a view."""
    memo = _VIEW.get()
    return None if memo is None else memo.setdefault(name, {})


def per_view(
    name: str, stations: list[str], read: Callable[[list[str]], dict[str, T]]
) -> dict[str, T]:
    """`read(stations)` (a value per station); within `one_view`, the stations' part of what
    an earlier call named `name` read, if it read them all."""
    memo = _VIEW.get()
    if memo is None:
        return read(stations)
    known = memo.get(name)
    if known is None or any(s not in known for s in stations):
        known = memo[name] = read(stations)
    return known if len(known) == len(stations) else {s: known[s] for s in stations}


# (database, stations, now (UTC), settings) -> the alerts of those stations as of now
FindAlerts = Callable[[Database, list[str], datetime, HubSettings], list[StationAlert]]


class Tally(NamedTuple):
    """A station's alerts in one area: how many, and how many of them urgent. What the page
    totals and sorts the stations by, without the alerts' words. (A tuple: a province's
    summary makes thousands of them on every view.)"""

    alerts: int = 0
    urgent: int = 0


# station -> area -> its tally (an area without alerts, a station without any: absent)
Summary = dict[str, dict[str, Tally]]

# (database, stations, now (UTC), settings) -> what `FindAlerts` would find, counted
SummarizeAlerts = Callable[[Database, list[str], datetime, HubSettings], Summary]


def tally(lines: Iterable[StationAlert]) -> Summary:
    """The lines counted by station and area: the rule every source's `summary` must equal."""
    out: Summary = {}
    for line in lines:
        mine = out.setdefault(line.station_id, {})
        alerts, urgent = mine.get(line.area, (0, 0))
        mine[line.area] = Tally(alerts + 1, urgent + int(line.urgent))
    return out


def merged(*summaries: Summary) -> Summary:
    """Summaries of different sources (different areas) as one."""
    out: Summary = {}
    for summary in summaries:
        for station, areas in summary.items():
            out.setdefault(station, {}).update(areas)
    return out


def add_tally(summary: Summary, station: str, area: str, alerts: int, urgent: int) -> None:
    """Count `alerts` (`urgent` of them urgent) in the station's area (nothing: no entry)."""
    if alerts:
        mine = summary.setdefault(station, {})
        had, had_urgent = mine.get(area, (0, 0))
        mine[area] = Tally(had + alerts, had_urgent + urgent)


@dataclass(frozen=True)
class Trend:
    """The alerts standing at each day's end of a range: summed over the stations by day, and
    over the days by station (only the stations that had anything to alert on in the range).
    What the alerts page draws; a province's 2,000 stations × 30 days are not carried."""

    by_day: dict[date, int]
    by_station: dict[str, int]

    @classmethod
    def of(cls, counts: dict[str, dict[date, int]]) -> Trend:
        """The sums of counts by station and day (a day before a station had anything to
        alert on: absent)."""
        by_day: dict[date, int] = {}
        for days in counts.values():
            for day, n in days.items():
                by_day[day] = by_day.get(day, 0) + n
        return cls(by_day, {s: sum(days.values()) for s, days in counts.items() if days})

    def __add__(self, other: Trend) -> Trend:
        by_day, by_station = dict(self.by_day), dict(self.by_station)
        for day, n in other.by_day.items():
            by_day[day] = by_day.get(day, 0) + n
        for station, n in other.by_station.items():
            by_station[station] = by_station.get(station, 0) + n
        return Trend(by_day, by_station)


# (database, stations, first day, last day, settings) -> the alerts standing at the end of
# each day of the range, by day and by station
FindHistory = Callable[[Database, list[str], date, date, HubSettings], Trend]


@dataclass(frozen=True)
class AlertSource:
    """A feature's alerts: its areas (in the order the page shows them), where they go among
    the other sources' (`rank`, lower first), how they are found, and, for a source that can
    tell what stood on a past day, how many stood at each day's end (`history`). `summary`
    counts what `find` finds without describing it (the page describes only the stations it
    shows); a source without one is counted from its lines."""

    areas: tuple[str, ...]
    find: FindAlerts
    summary: SummarizeAlerts | None = None
    rank: int = 100
    history: FindHistory | None = None
    history_areas: tuple[str, ...] = ()  # the areas whose alerts `history` counts


class Alerts:
    """The alerts of the stations a dashboard user may see, as of now."""

    def __init__(
        self, database: Database, settings: HubSettings, sources: Sequence[AlertSource]
    ) -> None:
        self._db = database
        self._settings = settings
        self._sources = sorted(sources, key=lambda s: s.rank)
        self.areas: tuple[str, ...] = tuple(a for s in self._sources for a in s.areas)

    def for_stations(self, stations: list[str], now: datetime) -> list[StationAlert]:
        out: list[StationAlert] = []
        for source in self._sources:
            out += source.find(self._db, stations, now, self._settings)
        order = {area: i for i, area in enumerate(self.areas)}
        return sorted(out, key=lambda a: (a.station_id, order[a.area], not a.urgent))

    def summary(
        self, stations: list[str], now: datetime, keeping_history: bool | None = None
    ) -> Summary:
        """What `for_stations` would find, counted by station and area (`tally` of its lines):
        what the page totals and sorts every station by. `keeping_history`: only the sources
        that keep a history (True; they may read what `history` just held) or only the others
        (False), so a page can count the others while the history is read."""
        out: Summary = {}
        for source in self._sources:
            if keeping_history is not None and (source.history is not None) != keeping_history:
                continue
            if source.summary is not None:
                found = source.summary(self._db, stations, now, self._settings)
            else:
                found = tally(source.find(self._db, stations, now, self._settings))
            for station, areas in found.items():  # each area is one source's
                out.setdefault(station, {}).update(areas)
        return out

    @property
    def history_areas(self) -> tuple[str, ...]:
        """The areas whose alerts the history counts (named in the trend's title)."""
        return tuple(a for s in self._sources if s.history is not None for a in s.history_areas)

    def history(self, stations: list[str], first: date, last: date) -> Trend:
        """The alerts standing at the end of each day of `first`..`last`, by day and by
        station, summed over the sources that keep a history."""
        out = Trend({}, {})
        for source in self._sources:
            if source.history is not None:
                out += source.history(self._db, stations, first, last, self._settings)
        return out
