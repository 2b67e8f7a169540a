"""The hub part of `lending`: its items are checked with the kiosks' schema before they are
published, and the centre's lending alerts (items over-lent, because two kiosks lent the last
unit offline, or with none left, and loans past their due time), folded from the hub's copy of
each station's events with the kiosks' own fold (kiosk.features.lending.domain). Item names come
from the published `lending_items` (the station's, else every station's), else the bundled
list. Nothing personal (a borrower's phone) is shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from kiosk.core.events import Event
from kiosk.features.lending.config import LendingItems
from kiosk.features.lending.domain import LoanState, LoanStatus, fold_loan, is_overdue, stock_levels
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.entry_form import EntryField, EntryList
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.part import ConfigCheck, HubPart
from kiosk.platform.hub.published import published_entries_by_station
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_alerts import AlertSource, StationAlert
from kiosk.resources import bundled_json

LENDING_KINDS = ("lending.stocked", "lending.borrowed", "lending.returned", "lending.written_off")


@dataclass(frozen=True)
class _LendingName:
    zh: str
    en: str
    plural_en: str


def _lending_names(entries: list[dict[str, Any]]) -> dict[str, _LendingName]:
    out: dict[str, _LendingName] = {}
    for e in entries:
        en = str(e.get("name_en") or e["id"])
        out[e["id"]] = _LendingName(
            str(e.get("name_zh") or e["id"]), en, str(e.get("plural_en") or en)
        )
    return out


def lending_alerts(
    station_id: str, events: list[Event], names: dict[str, _LendingName], now: datetime
) -> list[StationAlert]:
    """Over-lent and empty shelves, and loans past due, by the kiosks' lending fold."""
    moves: list[tuple[str, int]] = []
    by_loan: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.kind == "lending.stocked":
            moves.append((str(event.payload["item"]), int(event.payload["quantity"])))
        elif event.kind in LENDING_KINDS:
            by_loan[str(event.payload["loan_id"])].append(event)
    loans: list[LoanState] = [s for g in by_loan.values() if (s := fold_loan(g)) is not None]
    out: list[StationAlert] = []
    for item, level in sorted(stock_levels(moves, loans).items()):
        name = names.get(item, _LendingName(item, item, item))
        if level.over_lent:
            out.append(
                StationAlert(
                    station_id,
                    "lending",
                    "over_lent",
                    item,
                    f"{name.zh}超借 {-level.left} 件：请清点",
                    f"{name.plural_en} over-lent by {-level.left}: count the shelf",
                    urgent=True,
                )
            )
        elif level.left == 0 and level.stocked > 0:
            out.append(
                StationAlert(
                    station_id,
                    "lending",
                    "none_left",
                    item,
                    f"{name.zh}已全部借出",
                    f"No {name.plural_en} left",
                )
            )
    overdue: dict[str, list[datetime]] = defaultdict(list)
    for loan in loans:
        if loan.status == LoanStatus.OUT and loan.due_at and is_overdue(loan.due_at, now):
            overdue[loan.item].append(loan.due_at)
    for item, dues in sorted(overdue.items()):
        name = names.get(item, _LendingName(item, item, item))
        first = min(dues).date().isoformat()
        noun = name.en if len(dues) == 1 else name.plural_en
        out.append(
            StationAlert(
                station_id,
                "lending",
                "loan_overdue",
                item,
                f"{name.zh} {len(dues)} 件逾期未还（最早应于 {first} 归还）",
                f"{len(dues)} {noun} overdue (the first was due {first})",
                urgent=True,
            )
        )
    return out


def find_alerts(
    database: Database, stations: list[str], now: datetime, settings: HubSettings
) -> list[StationAlert]:
    """The lending alerts of `stations` as of `now`."""
    # Columns, not ORM objects (read on every view of the page).
    stmt = (
        select(
            HubEvent.id,
            HubEvent.kind,
            HubEvent.station_id,
            HubEvent.kiosk_id,
            HubEvent.seq,
            HubEvent.occurred_at,
            HubEvent.actor,
            HubEvent.payload,
        )
        .where(HubEvent.kind.in_(LENDING_KINDS), HubEvent.station_id.in_(stations))
        .order_by(HubEvent.hub_seq)
    )
    out: list[StationAlert] = []
    with database.read() as session:
        by_station: dict[str, list[Event]] = defaultdict(list)
        for row in session.execute(stmt):
            by_station[row.station_id].append(Event(*row))
        lending = [s for s in stations if by_station.get(s)]
        lists = published_entries_by_station(
            session, "lending_items", lending, "lending_items.json"
        )
        for station in lending:
            names = _lending_names(lists[station])
            out += lending_alerts(station, by_station[station], names, now)
    return out


def bundled_lending_items() -> Any:
    return bundled_json("lending_items.json")


# The centre's form: names, measure word and days to return; a tile and icon stay as they were.
LENDING_FORM = EntryList(
    key="items",
    fields=(
        EntryField("name_zh", ("名称", "Name (zh)"), size=10),
        EntryField("name_en", ("英文名", "Name (en)"), size=30),
        EntryField("plural_en", ("英文复数", "Plural (en)"), size=30),
        EntryField("measure_zh", ("量词", "Measure word"), size=2),
        EntryField("due_days", ("借期（天）", "Days to return"), kind="int"),
    ),
    max_rows=100,
    hint=("可借用的物品，如雨伞、充电宝。", "What can be borrowed: umbrellas, power banks."),
)

HUB_PART = HubPart(
    configs={
        "lending_items": ConfigCheck(
            LendingItems.model_validate,
            "借用物品",
            LENDING_FORM.publish_form(bundled_lending_items),
        )
    },
    alerts=AlertSource(("lending",), find_alerts, rank=20),
)
