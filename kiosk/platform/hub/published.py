"""Configuration as a station's kiosks choose it, read on the hub for its pages: the station's
latest publication of a kind, else the one for every station, else the bundled file.

Read as plain JSON (the parts take only the fields their pages show), so a page never fails on
an old publication the kiosks skip entry by entry.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.aggregates import among
from kiosk.platform.hub.models import ConfigRow
from kiosk.resources import resource_path


@lru_cache(maxsize=8)
def bundled(name: str) -> Any:
    """The bundled resource file `name` (e.g. "catalogue.json"), parsed once."""
    with resource_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


def entries(body: Any, key: str = "items") -> list[dict[str, Any]]:
    """The entries with an `id` of a body's list `key`."""
    items = body.get(key) if isinstance(body, dict) else None
    return [
        e
        for e in (items if isinstance(items, list) else [])
        if isinstance(e, dict) and isinstance(e.get("id"), str)
    ]


def published_entries(
    session: Session, kind: str, station_id: str, bundled_file: str, key: str = "items"
) -> list[dict[str, Any]]:
    """The entries of the station's published list, else every station's, else the bundled
    (`key`: the body's list, "items" or a catalogue's "services")."""
    for scope in (station_id, None):
        row = repo.latest_config(session, kind, scope)
        if row is not None:
            found = entries(row.body, key)
            if found:
                return found
    return entries(bundled(bundled_file), key)


def published_entries_by_station(
    session: Session, kind: str, stations: list[str], bundled_file: str, key: str = "items"
) -> dict[str, list[dict[str, Any]]]:
    """`published_entries` of each of `stations` in two queries, not two per station: a page
    across a province's stations read a publication 4,000 times. Stations without their own
    share one list (the same object). The stations go as one array parameter on PostgreSQL
    (2,000 bound values cost it ~20 ms a query to parse)."""
    fallback = published_entries(session, kind, "", bundled_file, key)  # every station's
    out = dict.fromkeys(stations, fallback)
    rows = session.execute(
        select(ConfigRow.station_id, ConfigRow.body)
        .where(ConfigRow.kind == kind, among(session.connection(), ConfigRow.station_id, stations))
        .order_by(ConfigRow.station_id, ConfigRow.version.desc())
    )
    seen: set[str] = set()
    for station_id, body in rows:
        if station_id in seen:
            continue  # an older version of a station already read
        seen.add(station_id)
        found = entries(body, key)
        if found:
            out[station_id] = found
    return out
