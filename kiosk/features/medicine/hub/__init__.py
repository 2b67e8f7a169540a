"""The hub part of `medicine`: its items are checked with the kiosks' schema before they are
published, and the centre's alerts for the medicine box and the daily check / AED, folded from
the hub's copy of each station's events with the kiosks' own rules (kiosk.features.medicine.domain).

Each lot's stock comes from the read model `medicine_lots` / `medicine_lot_days` (kept in the
push transaction with `fold_lot`'s rule), so the alerts page sums a few rows per lot instead of
folding years of events, and the trend of stock alerts reads each lot's stock at a day's end.

Only stations that run a medicine box (any medicine.* or aed.checked event) get medicine and
check alerts: a station without one would otherwise show every item "low" and the check missed
every day (`HUB_DAILY_CHECK_HOUR`, as the kiosks' setting). Item names and minimums come from the
published `medicine_items` (the station's, else every station's), else the bundled list.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.features.medicine.config import MedicineItems
from kiosk.features.medicine.domain import (
    Alert,
    AlertKind,
    DailyCheck,
    Item,
    Lot,
    aed_alerts,
    alert_words,
    check_missed,
    fold_lot,
    stock_alerts,
)
from kiosk.features.medicine.hub.alert_days import (
    URGENT,
    held_now,
    held_tallies,
    invalidate,
    keys_of,
    stock_alert_trend,
)
from kiosk.features.medicine.hub.alert_days import stock_alert_days as stock_alert_days
from kiosk.features.medicine.hub.boxes import boxes, items_by_station
from kiosk.features.medicine.hub.boxes import medicine_items as medicine_items  # re-exported
from kiosk.features.medicine.hub.checks import LAST_CHECKS, last_checks, latest_check
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.entry_form import EntryField, EntryList
from kiosk.platform.hub.models import MedicineLot, MedicineLotDay, Station, StockAlertDay
from kiosk.platform.hub.part import ConfigCheck, HubPart
from kiosk.platform.hub.read_models import ReadContext, ReadModel
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_alerts import (
    TREND_DAYS,
    AlertSource,
    StationAlert,
    Summary,
    add_tally,
)
from kiosk.resources import bundled_json

MEDICINE_KINDS = ("medicine.restocked", "medicine.dispensed", "medicine.discarded")
_AED_KINDS = (
    AlertKind.CHECK_MISSED,
    AlertKind.AED_LIGHT,
    AlertKind.AED_PADS,
    AlertKind.AED_BATTERY,
)
log = logging.getLogger(__name__)


def lots(events: list[Event]) -> list[Lot]:
    by_lot: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.kind in MEDICINE_KINDS:
            by_lot[str(event.payload["lot_id"])].append(event)
    out = []
    for group in by_lot.values():
        state = fold_lot(group)
        if state is not None:
            out.append(Lot(state.item_id, state.batch, state.expiry, state.quantity))
    return out


def medicine_alerts(
    station_id: str,
    events: list[Event],
    items: list[Item],
    local_now: datetime,
    check_hour: int,
) -> list[StationAlert]:
    """The kiosks' medicine and AED alerts for one station from its events (none if it runs
    no box): the rules `find_alerts` applies to the read model's lots."""
    if not events:
        return []
    stock = stock_alerts(items, lots(events), local_now.date())
    return _station_alerts(station_id, stock, latest_check(events), items, local_now, check_hour)


def _station_alerts(
    station_id: str,
    stock: list[Alert],
    last: DailyCheck | None,
    items: list[Item],
    local_now: datetime,
    check_hour: int,
) -> list[StationAlert]:
    names = {item.id: item for item in items}
    return [
        _describe(station_id, alert, names, check_hour)
        for alert in _check_alerts(last, local_now, check_hour) + stock
    ]


def _check_alerts(last: DailyCheck | None, local_now: datetime, check_hour: int) -> list[Alert]:
    """The daily check's and the AED's alerts (they come before the box's stock and expiry)."""
    found: list[Alert] = []
    if check_missed(last, local_now, check_hour):
        found.append(Alert(AlertKind.CHECK_MISSED))
    return found + aed_alerts(last, local_now.date())


def _area(alert: Alert) -> str:
    return "aed" if alert.kind in _AED_KINDS else "medicine"


def _describe(
    station_id: str, alert: Alert, items: dict[str, Item], check_hour: int
) -> StationAlert:
    zh, en = alert_words(alert, items, check_hour, at_box=False)
    item, batch = alert.item_id or "", alert.batch or ""
    subject = f"{item}:{batch}" if item and batch else item or batch
    kind = alert.kind.value
    return StationAlert(station_id, _area(alert), kind, subject, zh, en, urgent=kind in URGENT)


# --- the read model of lots (docs/hub.md "Read models") -------------------------------------


def _order_text(event: Event) -> str:
    """An event's agreed-order key as text that sorts as the key does (fixed-width time)."""
    at = event.occurred_at.astimezone(UTC)
    return f"{at:%Y-%m-%dT%H:%M:%S.%f}|{event.kiosk_id}|{event.seq:012d}"


@dataclass(frozen=True)
class LotRows:
    """A push's lots (each one's earliest restock in the push) and stock changes per day."""

    lots: list[dict[str, Any]]
    days: list[dict[str, Any]]


def prepare_lots(events: list[Event], context: ReadContext) -> LotRows:
    """The rows a push adds to `medicine_lots` and `medicine_lot_days`, by `fold_lot`'s rule:
    a restock adds, a dispense or discard takes away, the first restock fixes the lot."""
    firsts: dict[tuple[str, str], dict[str, Any]] = {}
    changes: dict[tuple[str, str, str], int] = defaultdict(int)
    for event in events:
        if event.kind not in MEDICINE_KINDS:
            continue
        p = event.payload
        key = (event.station_id, str(p["lot_id"]))
        day = event.occurred_at.astimezone(context.tz).date().isoformat()
        sign = 1 if event.kind == "medicine.restocked" else -1
        changes[(*key, day)] += sign * int(p["quantity"])
        if event.kind == "medicine.restocked":
            order = _order_text(event)
            known = firsts.get(key)
            if known is None or order < known["first_order"]:
                firsts[key] = {
                    "station_id": key[0],
                    "lot_id": key[1],
                    "item_id": str(p["item_id"]),
                    "batch": str(p["batch"]),
                    "expiry": str(p["expiry"]),
                    "first_order": order,
                }
    return LotRows(
        [firsts[k] for k in sorted(firsts)],  # one lock order for every push
        [
            {"station_id": s, "lot_id": lot, "day": d, "change": n}
            for (s, lot, d), n in sorted(changes.items())
        ],
    )


def write_lots(connection: Connection, prepared: object, _context: ReadContext) -> None:
    """Upsert a push's lots (an earlier first restock replaces the lot's) and day changes."""
    assert isinstance(prepared, LotRows)
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    if prepared.lots:
        lots_table = MedicineLot.__table__
        statement = insert(MedicineLot)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["station_id", "lot_id"],
                set_={
                    c: statement.excluded[c] for c in ("item_id", "batch", "expiry", "first_order")
                },
                where=statement.excluded.first_order < lots_table.c.first_order,
            ),
            prepared.lots,
        )
    if prepared.days:
        days_table = MedicineLotDay.__table__
        statement = insert(MedicineLotDay)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["station_id", "lot_id", "day"],
                set_={"change": days_table.c.change + statement.excluded.change},
            ),
            prepared.days,
        )
        # The trend's counts held from each station's earliest changed day on are gone.
        starts: dict[str, str] = {}
        for row in prepared.days:
            station, day = row["station_id"], row["day"]
            starts[station] = min(day, starts.get(station, day))
        invalidate(connection, starts)


def fold_lots(connection: Connection, events: list[Event], context: ReadContext) -> None:
    write_lots(connection, prepare_lots(events, context), context)


MEDICINE_LOTS = ReadModel(
    "medicine_lots",
    MEDICINE_KINDS,
    ("medicine_lots", "medicine_lot_days", "stock_alert_days"),
    fold_lots,
    prepare=prepare_lots,
    write=write_lots,
)


def find_alerts(
    database: Database, stations: list[str], now: datetime, settings: HubSettings
) -> list[StationAlert]:
    """The medicine box's and the daily check's alerts of `stations` as of `now`: the stock
    and expiry alerts the trend holds for today's end where it holds them (`held_now`), else
    each lot's stock from the read model (a sum per lot); the latest daily check from its
    read model."""
    local_now = now.astimezone(ZoneInfo(settings.timezone))
    today = local_now.date()
    out: list[StationAlert] = []
    with database.read() as session:
        items = items_by_station(session, stations)
        held = held_now(session, stations, today, keys_of(items))
        stock = _live_stock(session, [s for s in stations if s not in held], items, today)
        stock.update(held)
        checked = last_checks(session, stations)
        for station in stations:
            mine = stock.get(station)
            if mine is None and station not in checked:
                continue  # no box: no alerts
            out += _station_alerts(
                station,
                mine or [],
                checked.get(station),
                items[station],
                local_now,
                settings.daily_check_hour,
            )
    return out


def _live_stock(
    session: Session, stations: list[str], items: dict[str, list[Item]], today: date
) -> dict[str, list[Alert] | None]:
    """The stock and expiry alerts of stations not held, from each lot's stock now (the read
    model's sums): stations without a box absent."""
    found = boxes(session, stations, None)
    return {
        station: stock_alerts(items[station], box.stock(box.before), today)
        for station, box in found.items()
    }


def summarize_alerts(
    database: Database, stations: list[str], now: datetime, settings: HubSettings
) -> Summary:
    """`find_alerts` counted, without describing an alert: the stock and expiry alerts held
    for today's end are read as two numbers (`held_tallies`), the others counted live, the
    daily check's from its read model; each alert counted by the area and urgency
    `_describe` gives it."""
    local_now = now.astimezone(ZoneInfo(settings.timezone))
    today = local_now.date()
    out: Summary = {}
    with database.read() as session:
        items = items_by_station(session, stations)
        held = held_tallies(session, stations, today, keys_of(items))
        live = _live_stock(session, [s for s in stations if s not in held], items, today)
        checked = last_checks(session, stations)
    for station in stations:
        if station in held:
            counted = held[station]
        elif station in live:
            found = live[station] or []
            counted = (len(found), sum(1 for a in found if a.kind.value in URGENT))
        else:
            counted = None
        if counted is None and station not in checked:
            continue  # no box: no alerts
        if counted is not None:
            add_tally(out, station, "medicine", *counted)
        for alert in _check_alerts(checked.get(station), local_now, settings.daily_check_hour):
            add_tally(out, station, _area(alert), 1, int(alert.kind.value in URGENT))
    return out


def bundled_medicine_items() -> Any:
    return bundled_json("medicine_items.json")


# The centre's form: what the box holds, its units, the stock that raises an alert, where.
MEDICINE_FORM = EntryList(
    key="items",
    fields=(
        EntryField("name_zh", ("名称", "Name (zh)"), size=20),
        EntryField("name_en", ("英文名", "Name (en)"), size=40),
        EntryField("unit_zh", ("单位", "Unit (zh)"), size=4),
        EntryField("unit_en", ("英文单位", "Unit (en)"), size=12),
        EntryField("min_stock", ("最低库存", "Minimum stock"), kind="int"),
        EntryField("location_zh", ("位置", "Place (zh)"), size=20),
        EntryField("location_en", ("英文位置", "Place (en)"), size=40),
    ),
    max_rows=200,
    hint=(
        "药箱物品：少于最低库存时终端提醒补货。",
        "The medicine box: below the minimum, kiosks ask for more.",
    ),
)

WARM_EVERY_S = 3600


def warm_trend(database: Database, now: datetime, settings: HubSettings) -> None:
    """Count and keep the alerts page's trend for every station, as a view would, and drop
    the days before it (2,000 rows a day that no page reads; a view of them counts again)."""
    today = now.astimezone(ZoneInfo(settings.timezone)).date()
    first = today - timedelta(days=TREND_DAYS - 1)
    with database.read() as session:
        stations = list(session.scalars(select(Station.id).order_by(Station.id)))
    stock_alert_trend(database, stations, first, today, settings)
    with database.write() as session:
        session.execute(delete(StockAlertDay).where(StockAlertDay.day < first.isoformat()))


def next_warm_in(now: datetime, tz: ZoneInfo) -> float:
    """Seconds until the next warm-up: an hour from `now`, or a minute past the stations' next
    midnight if that comes first, so the new day's column is counted before a view needs it."""
    local = now.astimezone(tz)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0, 1), tz)
    return min(float(WARM_EVERY_S), (midnight - local).total_seconds())


async def _warm_hourly(app: FastAPI) -> None:
    """Every hour (the first within an hour of start) and just after each midnight: the trend
    kept for every station, so the first view of a day does not count each station's new day
    itself."""
    state = app.state
    while True:
        await asyncio.sleep(next_warm_in(state.clock.now(), state.tz))
        try:
            await run_in_threadpool(warm_trend, state.database, state.clock.now(), state.settings)
        except Exception:  # the next hour tries again; a fault here must not stop the hub
            log.exception("keeping the stock alerts trend failed")


def _start(app: FastAPI) -> None:
    app.state.hourly.append(_warm_hourly)


HUB_PART = HubPart(
    start=_start,
    configs={
        "medicine_items": ConfigCheck(
            MedicineItems.model_validate,
            "药箱物品",
            MEDICINE_FORM.publish_form(bundled_medicine_items),
        )
    },
    alerts=AlertSource(
        ("medicine", "aed"),
        find_alerts,
        summary=summarize_alerts,
        rank=10,
        history=stock_alert_trend,
        history_areas=("medicine",),  # stock and expiry; the daily check keeps no history
    ),
    read_models=(MEDICINE_LOTS, LAST_CHECKS),
    warm=warm_trend,
)
