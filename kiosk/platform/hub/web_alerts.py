"""Stock and expiry alerts for the centre, per station, from the features' alert sources.

A feature's hub part may bring an `AlertSource`: the areas it reports on (the alerts page's
columns) and a function folding the hub's copy of each station's events with the kiosks' own
rules into `StationAlert`s, so the centre sees what the station's admin screen shows. This
module runs every source and orders the lines; it names no feature.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

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


# (database, stations, now (UTC), settings) -> the alerts of those stations as of now
FindAlerts = Callable[[Database, list[str], datetime, HubSettings], list[StationAlert]]


@dataclass(frozen=True)
class AlertSource:
    """A feature's alerts: its areas (in the order the page shows them), where they go among
    the other sources' (`rank`, lower first), and how they are found."""

    areas: tuple[str, ...]
    find: FindAlerts
    rank: int = 100


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
