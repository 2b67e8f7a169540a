"""The hub part of `lending`: its items are checked with the kiosks' schema before they are
published, and the centre's lending alerts (items over-lent, because two kiosks lent the last
unit offline, or with none left, and loans past their due time), with the kiosks' own fold
(kiosk.features.lending.domain) over its read model: a row per loan (`lending_loans`, refolded
in the push transaction) and the units stocked per shelf (`lending_stock`). Item names come
from the published `lending_items` (the station's, else every station's), else the bundled
list. Nothing personal (a borrower's phone) is shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.core.events import Event
from kiosk.features.lending.config import LendingItems
from kiosk.features.lending.domain import LoanState, LoanStatus, fold_loan, is_overdue, stock_levels
from kiosk.platform.hub import aggregates
from kiosk.platform.hub.aggregates import among
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.entry_form import EntryField, EntryList
from kiosk.platform.hub.live import LiveRule, LiveWindow
from kiosk.platform.hub.models import Base, HubEvent, HubLendingStock, HubLoan
from kiosk.platform.hub.part import ConfigCheck, HubPart
from kiosk.platform.hub.published import published_entries_by_station
from kiosk.platform.hub.read_models import ReadContext, ReadModel
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_alerts import AlertSource, StationAlert, Summary, add_tally
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


@dataclass(frozen=True)
class _Found:
    """One lending alert before its words: the page's summary counts these."""

    kind: str  # over_lent | none_left | loan_overdue
    item: str
    urgent: bool
    count: int  # units over-lent, or loans overdue
    first: datetime | None = None  # the earliest due time of the overdue loans


def _found(moves: list[tuple[str, int]], loans: list[LoanState], now: datetime) -> list[_Found]:
    """Over-lent and empty shelves, and loans past due, by the kiosks' `stock_levels` and
    `is_overdue` over the stock moves and the folded loans."""
    out: list[_Found] = []
    for item, level in sorted(stock_levels(moves, loans).items()):
        if level.over_lent:
            out.append(_Found("over_lent", item, True, -level.left))
        elif level.left == 0 and level.stocked > 0:
            out.append(_Found("none_left", item, False, 0))
    overdue: dict[str, list[datetime]] = defaultdict(list)
    for loan in loans:
        if loan.status == LoanStatus.OUT and loan.due_at and is_overdue(loan.due_at, now):
            overdue[loan.item].append(loan.due_at)
    for item, dues in sorted(overdue.items()):
        out.append(_Found("loan_overdue", item, True, len(dues), min(dues)))
    return out


def _describe(station_id: str, found: _Found, names: dict[str, _LendingName]) -> StationAlert:
    name = names.get(found.item, _LendingName(found.item, found.item, found.item))
    if found.kind == "over_lent":
        zh = f"{name.zh}超借 {found.count} 件：请清点"
        en = f"{name.plural_en} over-lent by {found.count}: count the shelf"
    elif found.kind == "none_left":
        zh, en = f"{name.zh}已全部借出", f"No {name.plural_en} left"
    else:
        first = found.first.date().isoformat() if found.first else ""
        noun = name.en if found.count == 1 else name.plural_en
        zh = f"{name.zh} {found.count} 件逾期未还（最早应于 {first} 归还）"
        en = f"{found.count} {noun} overdue (the first was due {first})"
    return StationAlert(station_id, "lending", found.kind, found.item, zh, en, urgent=found.urgent)


def lending_alerts(
    station_id: str, events: list[Event], names: dict[str, _LendingName], now: datetime
) -> list[StationAlert]:
    """Over-lent and empty shelves, and loans past due, by the kiosks' lending fold over the
    station's events (what the read model's rows give the page)."""
    moves: list[tuple[str, int]] = []
    by_loan: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.kind == "lending.stocked":
            moves.append((str(event.payload["item"]), int(event.payload["quantity"])))
        elif event.kind in LENDING_KINDS:
            by_loan[str(event.payload["loan_id"])].append(event)
    loans: list[LoanState] = [s for g in by_loan.values() if (s := fold_loan(g)) is not None]
    return [_describe(station_id, f, names) for f in _found(moves, loans, now)]


# --- the read model: a row per loan, the stock put on each shelf (docs/hub.md) ---------------

# Not kept in a loan's row: the borrower's phone, in clear or sealed (docs/privacy.md).
_PERSONAL = frozenset({"phone", "sealed", "consent"})


def _loan_row(_station: str, _loan: str, events: list[Event]) -> dict[str, Any]:
    state = fold_loan(events)
    if state is None:
        return {
            "item": None,
            "status": None,
            "borrowed_at": None,
            "due_at": None,
            "returned_at": None,
        }
    return {
        "item": state.item,
        "status": state.status,
        "borrowed_at": state.borrowed_at,
        "due_at": state.due_at,
        "returned_at": state.returned_at,
    }


@dataclass(frozen=True)
class _Prepared:
    """The pure half of `fold_lending`: the units stocked by shelf, the loans as if new."""

    stocked: list[dict[str, Any]]
    loans: aggregates.Batch


def prepare_lending(events: list[Event], _context: ReadContext) -> _Prepared:
    stocked: dict[tuple[str, str], int] = defaultdict(int)
    for event in events:
        if event.kind == "lending.stocked":
            stocked[(event.station_id, str(event.payload["item"]))] += int(
                event.payload["quantity"]
            )
    loans = [(str(e.payload["loan_id"]), e) for e in events if e.kind in LENDING_KINDS[1:]]
    return _Prepared(
        [{"station_id": s, "item": i, "stocked": n} for (s, i), n in sorted(stocked.items())],
        aggregates.prepare(loans, _loan_row, "loan_id", _PERSONAL),
    )


def write_lending(connection: Connection, prepared: object, _context: ReadContext) -> None:
    """Stock moves added to their shelf (one additive upsert), loans written: new ones as
    folded, those already held refolded whole."""
    assert isinstance(prepared, _Prepared)
    if prepared.stocked:
        insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
        statement = insert(HubLendingStock)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["station_id", "item"],
                set_={"stocked": HubLendingStock.__table__.c.stocked + statement.excluded.stocked},
            ),
            prepared.stocked,
        )
    table = Base.metadata.tables["lending_loans"]
    aggregates.write(connection, table, "loan_id", prepared.loans, _loan_row, _PERSONAL)


def fold_lending(connection: Connection, events: list[Event], context: ReadContext) -> None:
    """A push's lending events: stock moves added to their shelf, loans refolded whole."""
    write_lending(connection, prepare_lending(events, context), context)


LENDING_LOANS = ReadModel(
    "lending_loans",
    LENDING_KINDS,
    ("lending_loans", "lending_stock"),
    fold_lending,
    prepare=prepare_lending,
    write=write_lending,
)


def loans_returned_before(window: LiveWindow) -> ColumnElement[bool]:
    """A new kiosk is ready without the loans returned before the window: every event of such
    a loan goes (whole), by `lending_loans` (index `station_id, returned_at`). A returned loan
    counts 0 in `stock_levels`, so the shelf a newcomer shows is the same without it.
    Monotone: a return beats a write-off and `returned_at` is the first return in the agreed
    order, so a loan once returned stays returned and its time only moves earlier. A loan
    written off is not cut: it counts −1 on the shelf for good (and a return may still come)."""
    returned = select(HubLoan.loan_id).where(
        HubLoan.station_id == window.station_id,
        HubLoan.status == LoanStatus.RETURNED.value,
        HubLoan.returned_at < window.since,
    )
    return and_(
        HubEvent.kind.in_(LENDING_KINDS[1:]),
        HubEvent.payload["loan_id"].as_string().in_(returned),
    )


LIVE_LOANS = LiveRule("lending", LENDING_KINDS[1:], loans_returned_before)


def _held(
    connection: Connection, stations: list[str]
) -> tuple[dict[str, list[tuple[str, int]]], dict[str, list[LoanState]]]:
    """Each station's shelves (item, units stocked) and its loans that count (out or written
    off, once borrowed): rows of the read model, a handful a station."""
    shelf, loan = HubLendingStock, HubLoan
    moves: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for station, item, stocked in connection.execute(
        select(shelf.station_id, shelf.item, shelf.stocked).where(
            among(connection, shelf.station_id, stations)
        )
    ):
        moves[station].append((item, int(stocked)))
    loans: dict[str, list[LoanState]] = defaultdict(list)
    for station, loan_id, held_item, status, borrowed_at, due_at in connection.execute(
        select(
            loan.station_id, loan.loan_id, loan.item, loan.status, loan.borrowed_at, loan.due_at
        ).where(
            loan.status.in_((LoanStatus.OUT.value, LoanStatus.WRITTEN_OFF.value)),
            loan.borrowed_at.is_not(None),
            among(connection, loan.station_id, stations),
        )
    ):
        loans[station].append(
            _state(station, loan_id, str(held_item), str(status), borrowed_at, due_at)
        )
    return moves, loans


def _state(
    station: str,
    loan_id: str,
    item: str,
    status: str,
    borrowed_at: datetime | None,
    due_at: datetime | None,
) -> LoanState:
    """A loan's row as the fields of its state that `stock_levels` and the overdue rule read."""
    return LoanState(
        loan_id,
        item,
        station,
        status,
        None,
        None,
        None,
        borrowed_at,
        None,
        None,
        due_at,
        None,
        None,
        None,
        None,
        False,
    )


def _found_by_station(
    database: Database, stations: list[str], now: datetime
) -> tuple[dict[str, list[_Found]], list[str]]:
    with database.read() as session:
        moves, loans = _held(session.connection(), stations)
    having = [s for s in stations if s in moves or s in loans]
    return {s: _found(moves.get(s, []), loans.get(s, []), now) for s in having}, having


def find_alerts(
    database: Database, stations: list[str], now: datetime, settings: HubSettings
) -> list[StationAlert]:
    """The lending alerts of `stations` as of `now`, from the read model's rows."""
    found, having = _found_by_station(database, stations, now)
    lending = [s for s in having if found[s]]
    with database.read() as session:
        lists = published_entries_by_station(
            session, "lending_items", lending, "lending_items.json"
        )
    out: list[StationAlert] = []
    for station in lending:
        names = _lending_names(lists[station])
        out += [_describe(station, f, names) for f in found[station]]
    return out


def summarize_alerts(
    database: Database, stations: list[str], now: datetime, settings: HubSettings
) -> Summary:
    """`find_alerts` counted, without the items' names or any words."""
    found, _having = _found_by_station(database, stations, now)
    out: Summary = {}
    for station, mine in found.items():
        for f in mine:
            add_tally(out, station, "lending", 1, int(f.urgent))
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
    alerts=AlertSource(("lending",), find_alerts, summary=summarize_alerts, rank=20),
    read_models=(LENDING_LOANS,),
    live_rules=(LIVE_LOANS,),
)
