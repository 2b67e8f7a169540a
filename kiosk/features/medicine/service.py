"""Medicine box (爱心药箱): items, stock by lot, dispense, restock, discard, daily check, alerts.

Stock moves only through `medicine.*` events folded into the medicine_lots projection. Every
write is done by an `Actor` (a volunteer on duty, or the admin) the UI identified first. Bad
input — more than in stock, an expired batch, an unknown item — is refused with a bilingual
message and writes nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError as PydanticValidationError

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.features.medicine import store as medicine_queries
from kiosk.features.medicine.config import ItemEntry
from kiosk.features.medicine.domain import (
    SERVICE_ID,
    AedLight,
    Alert,
    AlertKind,
    Band,
    DailyCheck,
    DiscardReason,
    DispenseReason,
    Item,
    Lot,
    aed_alerts,
    alert_words,
    band,
    check_dispense,
    check_missed,
    clean_batch,
    clean_quantity,
    lot_id,
    offered_lot,
    stock_alerts,
    usable_stock,
)
from kiosk.features.medicine.store import MedicineLotRow
from kiosk.features.uses.domain import clean_audience, local_day
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database
from kiosk.resources import resource_path

log = logging.getLogger(__name__)

# --- items configuration ------------------------------------------------------------------


def parse_items(data: object, source: str) -> list[Item]:
    """Items of a configuration body in file order; bad or duplicate entries are logged."""
    entries = data.get("items") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        log.warning("medicine items from %s have no list of items: ignored", source)
        return []
    items: dict[str, Item] = {}
    for index, entry in enumerate(entries[:200]):
        try:
            model = ItemEntry.model_validate(entry)
        except PydanticValidationError as exc:
            log.warning("medicine items from %s: entry %d ignored (%s)", source, index, exc)
            continue
        if model.id in items:
            log.warning("medicine items from %s: duplicate %s ignored", source, model.id)
            continue
        items[model.id] = Item(**model.model_dump())
    return list(items.values())


def load_items(path: Path | None = None) -> list[Item]:
    """The bundled default list (resources/medicine_items.json)."""
    source = path or resource_path("medicine_items.json")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("no readable %s: the medicine box has no items", source.name)
        return []
    return parse_items(data, source.name)


def choose_items(published: Any, default: list[Item]) -> list[Item]:
    """The hub's items when it published at least one usable item, else the default."""
    if published is None:
        return default
    return parse_items(published, "the hub") or default


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StockLine:
    """One item as the medicine page shows it: usable stock and its lots, earliest first."""

    item: Item
    usable: int
    lots: list[Lot]
    band: Band | None  # of the earliest lot in stock (expired counts), None when empty
    low: bool


@dataclass(frozen=True)
class Dispensed:
    item: Item
    lot: Lot
    quantity: int
    left: int  # usable units of the item left


@dataclass(frozen=True)
class Restocked:
    item: Item
    lot: Lot
    quantity: int


@dataclass(frozen=True)
class AlertLine:
    """An alert with its text in both languages."""

    alert: Alert
    zh: str
    en: str

    def text(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


_UNKNOWN_ITEM = NotFound("没有这种药品，请重新选择", "No such item; please choose again")
_BAD_REASON = ValidationError("请选择发放原因", "Please choose a reason")
_PAST_EXPIRY = ValidationError(
    "有效期已过，过期药品不能放入药箱", "That date has passed: expired stock cannot go in the box"
)
_BOX_NOT_CHECKED = ValidationError(
    "请先确认已检查药箱", "Please confirm that you checked the medicine box"
)


class MedicineService:
    """The box over the configured items; `items` gives the current configuration."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        timezone: ZoneInfo,
        items: Callable[[], list[Item]],
        check_hour: int,
    ) -> None:
        self._db = database
        self._clock = clock
        self._tz = timezone
        self._items = items
        self.check_hour = check_hour

    # --- reading ----------------------------------------------------------------------------

    def today(self) -> date:
        return local_day(self._clock.now(), self._tz)

    def items(self) -> list[Item]:
        """The items offered now (an admin may have taken some off the list)."""
        return [i for i in self._items() if i.enabled]

    def item(self, item_id: str) -> Item:
        found = next((i for i in self._items() if i.id == item_id), None)
        if found is None:
            raise _UNKNOWN_ITEM
        return found

    def lots(self) -> list[Lot]:
        with self._db.read() as session:
            return [_lot(row) for row in medicine_queries.lots(session)]

    def stock(self) -> list[StockLine]:
        """Every configured item with its lots in stock, earliest expiry first."""
        today = self.today()
        lots = self.lots()
        lines = []
        for item in self.items():
            mine = sorted(
                (lot for lot in lots if lot.item_id == item.id and lot.quantity > 0),
                key=lambda lot: (lot.expiry, lot.batch),
            )
            usable = usable_stock(lots, item.id, today)
            colour = band(mine[0].expiry, today) if mine else None
            lines.append(StockLine(item, usable, mine, colour, usable < item.min_stock))
        return lines

    def offered(self, item_id: str) -> Lot | None:
        """The lot to give first: the earliest-expiring one in stock and not expired."""
        return offered_lot(self.lots(), item_id, self.today())

    # --- writing ----------------------------------------------------------------------------

    def dispense(
        self,
        actor: Actor,
        item_id: str,
        quantity: int,
        reason: str,
        audience: str | None,
        batch: str | None = None,
    ) -> Dispensed:
        """Give out units of one lot (the earliest-expiring unless `batch` names another)."""
        item = self.item(item_id)
        try:
            why = DispenseReason(reason)
        except ValueError:
            raise _BAD_REASON from None
        if why is DispenseReason.INCIDENT:
            raise _BAD_REASON  # items used in first aid are recorded with the incident
        group = clean_audience(audience)
        clean_quantity(quantity)
        if actor.volunteer_id is None:
            raise ValidationError(
                "发药须由值班志愿者操作", "A volunteer on duty gives out medicine"
            )
        now = self._clock.now()
        today = local_day(now, self._tz)
        with self._db.write() as session:
            lots = [_lot(row) for row in medicine_queries.lots(session)]
            if batch is None:
                lot = offered_lot(lots, item.id, today)
            else:
                lot = next((x for x in lots if x.id == lot_id(item.id, batch)), None)
            lot = check_dispense(lot, quantity, today)
            payload = {
                "lot_id": lot.id,
                "item_id": item.id,
                "batch": lot.batch,
                "quantity": quantity,
                "reason": why.value,
                "audience": group.value,
                "volunteer_id": actor.volunteer_id,
            }
            eventlog.append(
                session, "medicine.dispensed", payload, occurred_at=now, actor=actor.actor
            )
            # A dispense is a use of the medicine box (人次), counted with the other services.
            use = {
                "use_id": new_id(),
                "service_id": SERVICE_ID,
                "audience": group.value,
                "count": 1,
                "day": today.isoformat(),
            }
            eventlog.append(session, "service.used", use, occurred_at=now, actor=actor.actor)
            left = usable_stock(lots, item.id, today) - quantity
        return Dispensed(item, lot, quantity, left)

    def restock(
        self, actor: Actor, item_id: str, batch: str, expiry: date, quantity: int
    ) -> Restocked:
        """Units of one batch put in the box; a batch already known must keep its expiry."""
        item = self.item(item_id)
        batch = clean_batch(batch)
        clean_quantity(quantity)
        now = self._clock.now()
        if expiry < local_day(now, self._tz):
            raise _PAST_EXPIRY
        lid = lot_id(item.id, batch)
        with self._db.write() as session:
            existing = medicine_queries.lot(session, lid)
            if existing is not None and existing.expiry != expiry:
                raise Conflict(
                    f"批号 {batch} 已登记，有效期为 {existing.expiry.isoformat()}，请核对",
                    f"Batch {batch} is already recorded with expiry "
                    f"{existing.expiry.isoformat()}; please check",
                )
            payload = {
                "lot_id": lid,
                "item_id": item.id,
                "batch": batch,
                "expiry": expiry.isoformat(),
                "quantity": quantity,
                "volunteer_id": actor.volunteer_id,
            }
            eventlog.append(
                session, "medicine.restocked", payload, occurred_at=now, actor=actor.actor
            )
        return Restocked(item, Lot(item.id, batch, expiry, quantity), quantity)

    def discard(self, actor: Actor, lot: str, quantity: int, reason: str) -> Lot:
        """Take units out without giving them (expired, damaged, or a count put right)."""
        try:
            why = DiscardReason(reason)
        except ValueError:
            raise _BAD_REASON from None
        clean_quantity(quantity)
        now = self._clock.now()
        with self._db.write() as session:
            row = medicine_queries.lot(session, lot)
            if row is None or row.quantity <= 0:
                raise ValidationError("该批号已无库存", "Nothing of this batch is left")
            if quantity > row.quantity:
                raise ValidationError(
                    f"库存不足：只剩 {row.quantity}", f"Only {row.quantity} left in stock"
                )
            payload = {
                "lot_id": row.id,
                "item_id": row.item_id,
                "batch": row.batch,
                "quantity": quantity,
                "reason": why.value,
                "volunteer_id": actor.volunteer_id,
            }
            eventlog.append(
                session, "medicine.discarded", payload, occurred_at=now, actor=actor.actor
            )
            return Lot(row.item_id, row.batch, row.expiry, row.quantity - quantity)

    # --- daily check ------------------------------------------------------------------------

    def record_check(
        self,
        actor: Actor,
        box_checked: bool,
        light: str,
        pads_expiry: date,
        battery_expiry: date,
    ) -> DailyCheck:
        """A volunteer on duty checked the box and read the AED's light, pads and battery."""
        if not box_checked:
            raise _BOX_NOT_CHECKED
        try:
            status = AedLight(light)
        except ValueError:
            raise ValidationError("请选择 AED 指示灯状态", "Please choose the AED light") from None
        if actor.volunteer_id is None:
            raise ValidationError(
                "每日检查须由值班志愿者完成", "A volunteer on duty does the check"
            )
        now = self._clock.now()
        day = local_day(now, self._tz)
        payload = {
            "check_id": new_id(),
            "day": day.isoformat(),
            "box_checked": True,
            "light": status.value,
            "pads_expiry": pads_expiry.isoformat(),
            "battery_expiry": battery_expiry.isoformat(),
            "volunteer_id": actor.volunteer_id,
        }
        with self._db.write() as session:
            eventlog.append(session, "aed.checked", payload, occurred_at=now, actor=actor.actor)
        return DailyCheck(day, status, pads_expiry, battery_expiry)

    def last_check(self) -> DailyCheck | None:
        with self._db.read() as session:
            row = medicine_queries.latest_check(session)
            if row is None:
                return None
            return DailyCheck(
                date.fromisoformat(row.day),
                AedLight(row.light),
                row.pads_expiry,
                row.battery_expiry,
            )

    # --- alerts -----------------------------------------------------------------------------

    def alerts(self) -> list[AlertLine]:
        """What staff must see now: a missed check, the AED, expired, expiring and low stock."""
        now = self._clock.now()
        local_now = now.astimezone(self._tz)
        today = local_now.date()
        last = self.last_check()
        found: list[Alert] = []
        if check_missed(last, local_now, self.check_hour):
            found.append(Alert(AlertKind.CHECK_MISSED))
        found += aed_alerts(last, today)
        found += stock_alerts(self.items(), self.lots(), today)  # expired lots of any item
        names = {item.id: item for item in self._items()}
        return [describe(alert, names, self.check_hour) for alert in found]


def _lot(row: MedicineLotRow) -> Lot:
    return Lot(row.item_id, row.batch, row.expiry, row.quantity)


def describe(alert: Alert, items: dict[str, Item], check_hour: int) -> AlertLine:
    """The alert's text in both languages, as said at the box."""
    zh, en = alert_words(alert, items, check_hour, at_box=True)
    return AlertLine(alert, zh, en)
