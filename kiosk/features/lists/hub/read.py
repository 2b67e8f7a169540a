"""The lists as the centre reads them: each station's `lists.*` events folded by the kiosks'
own folds. A station keeps hundreds of entries, not millions: one station's page folds them on a
view; the figures of many come from the read model (figures.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.core.events import Event, aggregate_of
from kiosk.features.lists import domain
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_kind_rows, to_domain


@dataclass
class StationLists:
    """One station's three lists, folded."""

    station_id: str
    needs: list[domain.NeedRow] = field(default_factory=list)
    units: list[domain.UnitRow] = field(default_factory=list)
    resources: list[domain.ResourceRow] = field(default_factory=list)
    projects: list[domain.ProjectRow] = field(default_factory=list)

    def counts(self, month: tuple[date, date]) -> domain.Counts:
        return domain.counts(self.needs, len(self.units), self.resources, self.projects, month)

    def need_state(self, need_id: str) -> str:
        return domain.need_state(need_id, self.projects).value

    def unit_name(self, unit_id: str) -> str:
        return next((u.name for u in self.units if u.id == unit_id), unit_id)

    def project_of_wish(self, wish_id: str) -> domain.ProjectRow | None:
        return domain.project_of_wish(wish_id, self.needs, self.projects)


def fold_station_lists(station_id: str, events: list[Event]) -> StationLists:
    """The station's lists from its `lists.*` events (any order)."""
    by_aggregate: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in events:
        noun = e.kind.split("_", 1)[0]  # lists.need, lists.unit, lists.resource, lists.project
        by_aggregate[(noun, aggregate_of(e.kind, e.payload))].append(e)
    lists = StationLists(station_id)
    for (noun, _), mine in by_aggregate.items():
        if noun == "lists.need":
            need = domain.fold_need(mine)
            if need is not None:
                lists.needs.append(need)
        elif noun == "lists.unit":
            unit = domain.fold_unit(mine)
            if unit is not None:
                lists.units.append(unit)
        elif noun == "lists.resource":
            resource = domain.fold_resource(mine)
            if resource is not None:
                lists.resources.append(resource)
        else:
            project = domain.fold_project(mine)
            if project is not None:
                lists.projects.append(project)
    lists.needs.sort(key=lambda n: (n.added_at, n.id))
    lists.units.sort(key=lambda u: (u.name, u.id))
    lists.resources.sort(key=lambda r: (r.added_at, r.id))
    lists.projects.sort(key=lambda p: (p.opened_at, p.id), reverse=True)
    return lists


KIND_NAMES = tuple(k.name for k in domain.KINDS)  # exact kinds: the index serves them


def station_lists_in(session: Session, stations: list[str]) -> dict[str, StationLists]:
    """Every station's lists (a station with none has empty lists), in the caller's session."""
    rows = station_kind_rows(session, KIND_NAMES, stations)  # plain rows: ~2× faster
    grouped: dict[str, list[Event]] = defaultdict(list)
    for row in rows:
        grouped[row.station_id].append(to_domain(row))
    return {s: fold_station_lists(s, grouped.get(s, [])) for s in stations}


def station_lists(database: Database, stations: list[str]) -> dict[str, StationLists]:
    with database.read() as session:
        return station_lists_in(session, stations)


def wish_panel(
    database: Database, station_id: str, kind: str, wish_id: str, lang: str
) -> dict[str, Any] | None:
    """What a wish's pages show of the lists: its need and its project (None: not listed)."""
    if kind != "wish" or not wish_id:
        return None  # a request for help is not listed: it is served on the spot
    lists = station_lists(database, [station_id])[station_id]
    need = next((n for n in lists.needs if n.wish_id == wish_id), None)
    project = lists.project_of_wish(wish_id)
    status = "" if project is None else words.label(words.PROJECT_STATUSES, project.status, lang)
    return {
        "station_id": station_id,
        "wish_id": wish_id,
        "need": need,
        "need_state": None if need is None else lists.need_state(need.id),
        "project": project,
        # "项目进行中" / "Project: in progress"
        "status_text": f"项目{status}" if lang == "zh" else f"Project: {status.lower()}",
    }
