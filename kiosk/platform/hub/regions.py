"""Stations in regions (片区): the centre groups its stations to read figures per region.

A region is free text on the station (`stations.region`, set by a centre admin on the stations
page or with `kiosk-hub`); a station without one is in "未分区 / No region", listed last. Pages
that count per station add their station rows up per region with `by_region`, so a region's
figures are always the sum of its stations' figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select

from kiosk.platform.hub.db import Database
from kiosk.platform.hub.models import Station

NO_REGION = "-"  # the `?region=` value that picks the stations in no region


def station_regions(database: Database) -> dict[str, str]:
    """Every station's region ("" for none): one small read (a province has hundreds)."""
    with database.read() as session:
        rows = session.execute(select(Station.id, Station.region))
        return {sid: region or "" for sid, region in rows}


def by_region(stations: Iterable[str], regions: Mapping[str, str]) -> dict[str, list[str]]:
    """The stations grouped by region, regions by name and "" (no region) last, each region's
    stations in the order given."""
    grouped: dict[str, list[str]] = {}
    for station in stations:
        grouped.setdefault(regions.get(station, ""), []).append(station)
    return {r: grouped[r] for r in sorted(grouped, key=lambda r: (r == "", r))}


def in_region(stations: Iterable[str], regions: Mapping[str, str], region: str) -> list[str]:
    """The stations of `region` ("" is no region), in the order given."""
    return [s for s in stations if regions.get(s, "") == region]
