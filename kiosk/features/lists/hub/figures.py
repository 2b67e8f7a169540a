"""The lists' figures as a read model (`list_figures`, hub migration h0023, #15).

The lists page showed every station's figures by folding every station's `lists.*` events on
each view: 2,000 stations of 18 entries took seconds. Every `lists.*` kind is hub-only, written
in the centre's transaction (`append_hub_event`), so this model refolds the written station's
lists there, with the kiosks' own folds and `domain.counts` (one rule), and keeps the figures as
rows: the page sums them in SQL per station, region and province. A station's month figures
(projects completed, needs they met) are kept per month of completion, so the page's "this
month" needs no write when a month begins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, text
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.features.lists import domain
from kiosk.features.lists.hub.read import StationLists, station_lists_in
from kiosk.platform.hub.models import HubListFigure, Station
from kiosk.platform.hub.read_models import ReadContext, ReadModel

Figures = dict[str, int]


def figures_of(lists: StationLists) -> Figures:
    """A station's figures as `domain.counts` gives them, this month's for every month a
    project was completed in; zeros left out."""
    whole = domain.counts(lists.needs, len(lists.units), lists.resources, lists.projects, _NEVER)
    out = {f"needs.{k}": n for k, n in whole.needs.items()}
    out |= {f"resources.{k}": n for k, n in whole.resources.items()}
    out |= {f"projects.{k}": n for k, n in whole.projects.items()}
    out["units"] = whole.units
    done = {
        p.status_on.replace(day=1)
        for p in lists.projects
        if p.status == domain.ProjectStatus.DONE and p.status_on is not None
    }
    for first in done:
        month = domain.month_of(first)
        c = domain.counts(lists.needs, len(lists.units), lists.resources, lists.projects, month)
        out[f"done.{first:%Y-%m}"] = c.done_this_month
        out[f"met.{first:%Y-%m}"] = c.needs_met_this_month
    return {k: n for k, n in out.items() if n}


_NEVER = (date.min, date.min)  # an empty month: the whole lists' figures, no month's


def counts_of(figures: Mapping[str, int], month: tuple[date, date]) -> domain.Counts:
    """The page's `Counts` of stored figures (one station's, or a sum), for `month`."""
    m = f"{month[0]:%Y-%m}"
    return domain.Counts(
        needs={s.value: figures.get(f"needs.{s.value}", 0) for s in domain.NeedState},
        resources={k.value: figures.get(f"resources.{k.value}", 0) for k in domain.ResourceKind},
        projects={s.value: figures.get(f"projects.{s.value}", 0) for s in domain.ProjectStatus},
        units=figures.get("units", 0),
        done_this_month=figures.get(f"done.{m}", 0),
        needs_met_this_month=figures.get(f"met.{m}", 0),
    )


def refold(connection: Connection, stations: Iterable[str]) -> None:
    """Fold these stations' lists again from their events and store their figures. On
    PostgreSQL one station's refolds take turns (a lock held to the commit), so two desks
    writing at once both end up in the figures: the second reads the first's event."""
    ordered = sorted(set(stations))
    if not ordered:
        return
    if connection.dialect.name == "postgresql":
        for station in ordered:
            connection.execute(
                text("SELECT pg_advisory_xact_lock(hashtext('list_figures:' || :s))"),
                {"s": station},
            )
    with Session(bind=connection) as session:
        found = station_lists_in(session, ordered)
    f = HubListFigure
    connection.execute(delete(f).where(f.station_id.in_(ordered)))
    rows = [
        {"station_id": s, "figure": figure, "n": n}
        for s in ordered
        for figure, n in figures_of(found[s]).items()
    ]
    if rows:
        connection.execute(insert(f), rows)


def _apply(connection: Connection, events: list[Event], _context: ReadContext) -> None:
    refold(connection, {e.station_id for e in events})


LIST_FIGURES = ReadModel("list_figures", ("lists.",), ("list_figures",), _apply)


# --- what the page reads ---------------------------------------------------------------------


def _scoped(stmt: Any, stations: Sequence[str] | None) -> Any:
    return stmt if stations is None else stmt.where(HubListFigure.station_id.in_(list(stations)))


def by_station(session: Session, stations: Sequence[str]) -> dict[str, Figures]:
    """The figures of `stations` (a page of them, or a CSV's chunk); a station with none: {}."""
    f = HubListFigure
    out: dict[str, Figures] = {s: {} for s in stations}
    if stations:
        rows = session.execute(
            select(f.station_id, f.figure, f.n).where(f.station_id.in_(stations))
        )
        for station, figure, n in rows:
            out[station][figure] = int(n)
    return out


def total(session: Session, stations: Sequence[str] | None) -> Figures:
    """The figures summed over `stations` (None: every station), in SQL."""
    f = HubListFigure
    stmt = _scoped(select(f.figure, func.sum(f.n)).group_by(f.figure), stations)
    return {figure: int(n) for figure, n in session.execute(stmt)}


def by_region(session: Session, stations: Sequence[str] | None) -> dict[str, Figures]:
    """The figures summed per region ("" for none) over `stations` (None: every station)."""
    f, s = HubListFigure, Station
    region = func.coalesce(s.region, "")
    stmt = _scoped(
        select(region, f.figure, func.sum(f.n))
        .join(s, s.id == f.station_id)
        .group_by(region, f.figure),
        stations,
    )
    out: dict[str, Figures] = {}
    for name, figure, n in session.execute(stmt):
        out.setdefault(str(name), {})[figure] = int(n)
    return out
