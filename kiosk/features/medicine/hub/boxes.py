"""The medicine box of each station as the read model `medicine_lots` / `medicine_lot_days`
holds it, and each station's items as its kiosks read them: what the alerts open now and the
trend of stock alerts both count with the kiosks' `stock_alerts`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    SQLColumnExpression,
    String,
    any_,
    bindparam,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from kiosk.features.medicine.domain import EXPIRING_SOON_DAYS, Item, Lot
from kiosk.platform.hub.models import MedicineLot, MedicineLotDay
from kiosk.platform.hub.published import published_entries_by_station
from kiosk.platform.hub.web_alerts import per_view

ITEMS_FILE = "medicine_items.json"


def medicine_items(entries: list[dict[str, Any]]) -> list[Item]:
    """The items as the alert rules read them (names and minimum stock)."""
    out: dict[str, Item] = {}
    for e in entries:
        minimum = e.get("min_stock", 0)
        if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0:
            continue
        name_zh, name_en = str(e.get("name_zh") or e["id"]), str(e.get("name_en") or e["id"])
        out.setdefault(e["id"], Item(e["id"], name_zh, name_en, "", "", minimum, "", ""))
    return list(out.values())


def items_by_station(session: Session, stations: list[str]) -> dict[str, list[Item]]:
    """Each station's items as its kiosks read them (two queries for all the stations; once
    a view within `one_view`). Stations sharing one published list share one `Item` list (the
    same object)."""
    return per_view("medicine_items", stations, lambda some: _items(session, some))


def _items(session: Session, stations: list[str]) -> dict[str, list[Item]]:
    lists = published_entries_by_station(session, "medicine_items", stations, ITEMS_FILE)
    made: dict[int, list[Item]] = {}
    out: dict[str, list[Item]] = {}
    for station, entries in lists.items():
        mine = made.get(id(entries))
        if mine is None:  # not setdefault: that read every station's list 2,000 times
            mine = made[id(entries)] = medicine_items(entries)
        out[station] = mine
    return out


@dataclass
class Box:
    """One station's lots from the read model: what each is, its stock before the range,
    its changes day by day in the range, and the first day the box had anything."""

    lots: dict[str, tuple[str, str, date]] = field(default_factory=dict)
    before: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    changes: dict[date, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    opened: date | None = None

    def turns(self) -> set[date]:
        """The days a lot's standing changes with no event: it becomes soon-expiring
        (`EXPIRING_SOON_DAYS` before its expiry) or expired (the day after)."""
        out: set[date] = set()
        for _item, _batch, expiry in self.lots.values():
            out.add(expiry - timedelta(days=EXPIRING_SOON_DAYS))
            out.add(expiry + timedelta(days=1))
        return out

    def stock(self, quantities: dict[str, int]) -> list[Lot]:
        return [
            Lot(item, batch, expiry, quantities.get(lot_id, 0))
            for lot_id, (item, batch, expiry) in self.lots.items()
        ]


def among(
    session: Session, column: SQLColumnExpression[str], values: list[str]
) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL `= ANY` of one array parameter, not a parameter per
    value: a province's 2,000 stations cost the client ~10 ms a query to render and parse."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(String)))
    return column.in_(values)


def boxes(session: Session, stations: list[str], first: date | None) -> dict[str, Box]:
    """The stations' boxes: changes before `first` summed, from `first` on by day (None:
    everything summed, the stock now). Rows are read as plain tuples: a province's boxes
    are tens of thousands of lots."""
    out: dict[str, Box] = defaultdict(Box)
    if not stations:
        return out
    connection = session.connection()  # plain rows, fetched at once
    lot, day = MedicineLot, MedicineLotDay
    days: dict[str, date] = {}  # each day's text parsed once

    def parsed(text: str) -> date:
        found = days.get(text)
        if found is None:
            found = days[text] = date.fromisoformat(text)
        return found

    for station_id, lot_id, item_id, batch, expiry in connection.execute(
        select(lot.station_id, lot.lot_id, lot.item_id, lot.batch, lot.expiry).where(
            among(session, lot.station_id, stations)
        )
    ).all():
        out[station_id].lots[lot_id] = (item_id, batch, parsed(expiry))
    cut = "9999-12-31" if first is None else first.isoformat()
    for station_id, lot_id, total, earliest in connection.execute(
        select(day.station_id, day.lot_id, func.sum(day.change), func.min(day.day))
        .where(among(session, day.station_id, stations), day.day < cut)
        .group_by(day.station_id, day.lot_id)
    ).all():
        box = out[station_id]
        box.before[lot_id] = int(total or 0)
        opened = parsed(earliest)
        box.opened = opened if box.opened is None else min(box.opened, opened)
    if first is not None:
        for station_id, lot_id, on_text, change in connection.execute(
            select(day.station_id, day.lot_id, day.day, day.change).where(
                among(session, day.station_id, stations), day.day >= cut
            )
        ).all():
            box = out[station_id]
            on = parsed(on_text)
            box.changes[on].append((lot_id, int(change)))
            box.opened = on if box.opened is None else min(box.opened, on)
    return out
