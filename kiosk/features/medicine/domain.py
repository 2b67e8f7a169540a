"""Medicine box (爱心药箱) and AED rules: lots, expiry bands, what may be dispensed, alerts.

Pure rules shared by the service layer, the event schemas and the projection, so stock folds
the same way on every kiosk of the station, on the hub and in a rebuild. Stock is kept per lot
(one batch of one item); it changes only through `medicine.*` events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import Field

from kiosk.core.errors import ValidationError
from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.order import agreed_order
from kiosk.features.medicine import SERVICE_ID as SERVICE_ID
from kiosk.features.uses.domain import AUDIENCE_PATTERN

if TYPE_CHECKING:  # events.py imports this module's patterns
    from kiosk.core.events import Event

ITEM_ID_PATTERN = r"^[a-z0-9_]{1,32}$"
BATCH_PATTERN = r"^[A-Za-z0-9-]{1,24}$"
LOT_ID_PATTERN = r"^[a-z0-9_]{1,32}:[A-Za-z0-9-]{1,24}$"
MAX_MOVE = 1000  # units in one restock or dispense; more is a typo
EXPIRY_BANDS = (30, 60, 90)  # days: red, orange, yellow
EXPIRING_SOON_DAYS = 30  # a lot this close to expiry raises an alert
AED_WARN_DAYS = 30  # pads or battery this close to expiry raise an alert
_BATCH = re.compile(BATCH_PATTERN)


class Band(StrEnum):
    """Expiry colour of a lot: expired, within 30 / 60 / 90 days, or fine."""

    EXPIRED = "expired"
    DAYS_30 = "days_30"
    DAYS_60 = "days_60"
    DAYS_90 = "days_90"
    OK = "ok"


class DispenseReason(StrEnum):
    """Why medicine was given (a tap from the list); INCIDENT for items used in first aid."""

    FEVER_PAIN = "fever_pain"
    COLD_COUGH = "cold_cough"
    STOMACH = "stomach"
    CUT_GRAZE = "cut_graze"
    MOTION_SICKNESS = "motion_sickness"
    HEAT = "heat"
    OTHER = "other"
    INCIDENT = "incident"


class DiscardReason(StrEnum):
    """Why units left the box without being given out."""

    EXPIRED = "expired"
    DAMAGED = "damaged"
    COUNT_CORRECTION = "count_correction"


class AedLight(StrEnum):
    """The AED's self-test status light as the volunteer saw it."""

    GREEN = "green"
    RED = "red"
    OFF = "off"


DISPENSE_REASON_PATTERN = "^(" + "|".join(r.value for r in DispenseReason) + ")$"
DISCARD_REASON_PATTERN = "^(" + "|".join(r.value for r in DiscardReason) + ")$"
AED_LIGHT_PATTERN = "^(" + "|".join(r.value for r in AedLight) + ")$"


@dataclass(frozen=True)
class Item:
    """One kind of thing in the box, as configured (bundled or published by the hub)."""

    id: str
    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    min_stock: int
    location_zh: str
    location_en: str
    enabled: bool = True  # False: a local admin took it out of the box's list

    def name(self, language: str) -> str:
        return self.name_zh if language == "zh" else self.name_en

    def unit(self, language: str) -> str:
        return self.unit_zh if language == "zh" else self.unit_en

    def location(self, language: str) -> str:
        return self.location_zh if language == "zh" else self.location_en


def lot_id(item_id: str, batch: str) -> str:
    """The aggregate id of one batch of one item."""
    return f"{item_id}:{batch}"


def clean_batch(raw: str) -> str:
    """A batch number as printed on the box: letters, digits and '-', up to 24."""
    batch = raw.strip().upper() if isinstance(raw, str) else ""
    if not _BATCH.match(batch):
        raise ValidationError(
            "批号须为 1 到 24 位字母或数字", "The batch number must be 1 to 24 letters or digits"
        )
    return batch


def clean_quantity(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_MOVE:
        raise ValidationError(
            f"数量须在 1 到 {MAX_MOVE} 之间", f"The quantity must be 1 to {MAX_MOVE}"
        )
    return value


def parse_expiry(digits: str) -> date:
    """An expiry typed on the keypad: YYYYMMDD, or YYYYMM meaning the month's last day."""
    text = digits.strip() if isinstance(digits, str) else ""
    try:
        if len(text) == 8 and text.isdigit():
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 6 and text.isdigit():
            year, month = int(text[:4]), int(text[4:])
            first_next = date(year + month // 12, month % 12 + 1, 1)
            return first_next - timedelta(days=1)
    except ValueError:
        pass
    raise ValidationError(
        "有效期请按 年年年年月月日日 或 年年年年月月 输入，例如 20270531",
        "Type the expiry as YYYYMMDD or YYYYMM, e.g. 20270531",
    )


def band(expiry: date, today: date) -> Band:
    """The colour band of a lot expiring on `expiry` (usable through that day)."""
    if expiry < today:
        return Band.EXPIRED
    left = (expiry - today).days
    for days, result in zip(EXPIRY_BANDS, (Band.DAYS_30, Band.DAYS_60, Band.DAYS_90), strict=True):
        if left <= days:
            return result
    return Band.OK


@dataclass(frozen=True)
class LotState:
    """One batch of one item: what came in, what went out, what is left (the projection row)."""

    id: str
    item_id: str
    batch: str
    expiry: date
    restocked: int
    dispensed: int
    discarded: int
    quantity: int
    updated_at: datetime
    flagged: bool  # stock went below zero (two kiosks gave the last units): count it again


def fold_lot(events: list[Event]) -> LotState | None:
    """A lot's stock from its events; the first restock in the agreed order fixes its expiry
    (the same batch restocked at two kiosks with different expiries: every kiosk keeps one)."""
    events = agreed_order(events)
    restocks = [e for e in events if e.kind == "medicine.restocked"]
    if not restocks:
        return None
    first = restocks[0].payload
    totals = {"medicine.restocked": 0, "medicine.dispensed": 0, "medicine.discarded": 0}
    for event in events:
        if event.kind in totals:
            totals[event.kind] += int(event.payload["quantity"])
    left = (
        totals["medicine.restocked"] - totals["medicine.dispensed"] - totals["medicine.discarded"]
    )
    return LotState(
        id=lot_id(first["item_id"], first["batch"]),
        item_id=first["item_id"],
        batch=first["batch"],
        expiry=date.fromisoformat(first["expiry"]),
        restocked=totals["medicine.restocked"],
        dispensed=totals["medicine.dispensed"],
        discarded=totals["medicine.discarded"],
        quantity=left,
        updated_at=max(e.occurred_at for e in events),
        flagged=left < 0,
    )


@dataclass(frozen=True)
class Lot:
    """A lot as the rules read it (from the projection)."""

    item_id: str
    batch: str
    expiry: date
    quantity: int

    @property
    def id(self) -> str:
        return lot_id(self.item_id, self.batch)


def offered_lot(lots: list[Lot], item_id: str, today: date) -> Lot | None:
    """The lot to give out first: the earliest-expiring one in stock and not expired."""
    usable = [
        lot
        for lot in lots
        if lot.item_id == item_id and lot.quantity > 0 and band(lot.expiry, today) != Band.EXPIRED
    ]
    return min(usable, key=lambda lot: (lot.expiry, lot.batch), default=None)


def usable_stock(lots: list[Lot], item_id: str, today: date) -> int:
    return sum(
        lot.quantity
        for lot in lots
        if lot.item_id == item_id and lot.quantity > 0 and lot.expiry >= today
    )


def check_dispense(lot: Lot | None, quantity: int, today: date) -> Lot:
    """Refuse an unknown or expired lot, and more than it holds; the lot otherwise."""
    if lot is None or lot.quantity <= 0:
        raise ValidationError("该药品已无库存", "This item is out of stock")
    if lot.expiry < today:
        raise ValidationError(
            f"批号 {lot.batch} 已过期（{lot.expiry.isoformat()}），不能发放",
            f"Batch {lot.batch} expired on {lot.expiry.isoformat()}; it cannot be given out",
        )
    clean_quantity(quantity)
    if quantity > lot.quantity:
        raise ValidationError(
            f"库存不足：批号 {lot.batch} 只剩 {lot.quantity}",
            f"Not enough in stock: batch {lot.batch} has only {lot.quantity} left",
        )
    return lot


class AlertKind(StrEnum):
    """Things staff must see: stock, expiry, the daily check, the AED."""

    LOW_STOCK = "low_stock"
    EXPIRED = "expired"
    EXPIRING = "expiring"
    CHECK_MISSED = "check_missed"
    AED_LIGHT = "aed_light"
    AED_PADS = "aed_pads"
    AED_BATTERY = "aed_battery"
    STOCK_DIFFERENCE = "stock_difference"  # a handover counted other than the kiosk expects


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    item_id: str | None = None
    batch: str | None = None
    when: date | None = None  # the expiry concerned
    count: int | None = None  # stock left


def stock_alerts(items: list[Item], lots: list[Lot], today: date) -> list[Alert]:
    """Expired and soon-expiring lots still in the box, then items below their minimum."""
    alerts: list[Alert] = []
    for lot in sorted(lots, key=lambda lot: (lot.expiry, lot.id)):
        if lot.quantity <= 0:
            continue
        colour = band(lot.expiry, today)
        if colour == Band.EXPIRED:
            alerts.append(Alert(AlertKind.EXPIRED, lot.item_id, lot.batch, lot.expiry))
        elif (lot.expiry - today).days <= EXPIRING_SOON_DAYS:
            alerts.append(Alert(AlertKind.EXPIRING, lot.item_id, lot.batch, lot.expiry))
    for item in items:
        left = usable_stock(lots, item.id, today)
        if left < item.min_stock:
            alerts.append(Alert(AlertKind.LOW_STOCK, item.id, count=left))
    return alerts


@dataclass(frozen=True)
class DailyCheck:
    """The latest daily check as the rules read it."""

    day: date
    light: AedLight
    pads_expiry: date
    battery_expiry: date


def check_missed(last: DailyCheck | None, local_now: datetime, due_hour: int) -> bool:
    """No check today by the due hour (station time) is an alert."""
    if last is not None and last.day >= local_now.date():
        return False
    return local_now.hour >= due_hour


def aed_alerts(last: DailyCheck | None, today: date) -> list[Alert]:
    """The AED as last recorded: a light that is not green, pads or battery near expiry."""
    if last is None:
        return []
    alerts: list[Alert] = []
    if last.light != AedLight.GREEN:
        alerts.append(Alert(AlertKind.AED_LIGHT))
    if (last.pads_expiry - today).days <= AED_WARN_DAYS:
        alerts.append(Alert(AlertKind.AED_PADS, when=last.pads_expiry))
    if (last.battery_expiry - today).days <= AED_WARN_DAYS:
        alerts.append(Alert(AlertKind.AED_BATTERY, when=last.battery_expiry))
    return alerts


def alert_words(
    alert: Alert, items: dict[str, Item], check_hour: int, *, at_box: bool
) -> tuple[str, str]:
    """An alert's (zh, en) wording, one rule for the kiosk and the centre's dashboard: at the box
    (`at_box`) it says what to do now; from afar it says what is the matter."""
    item = items.get(alert.item_id or "")
    zh_name = item.name_zh if item else (alert.item_id or "")
    en_name = item.name_en if item else (alert.item_id or "")
    when = alert.when.isoformat() if alert.when else ""
    if alert.kind is AlertKind.CHECK_MISSED:
        return (
            f"今日药箱与 AED 检查未完成（应在 {check_hour}:00 前）",
            f"Today's medicine box and AED check is missing (due by {check_hour}:00)",
        )
    if alert.kind is AlertKind.AED_LIGHT:
        if at_box:
            return "AED 指示灯异常，请立即检查", "AED status light is not green: check it now"
        return "AED 指示灯异常", "AED status light is not green"
    if alert.kind is AlertKind.AED_PADS:
        return f"AED 电极片 {when} 到期", f"AED pads expire {when}"
    if alert.kind is AlertKind.AED_BATTERY:
        return f"AED 电池 {when} 到期", f"AED battery expires {when}"
    if alert.kind is AlertKind.EXPIRED:
        if at_box:
            return (
                f"{zh_name}（批号 {alert.batch}）已过期，请取出",
                f"{en_name} (batch {alert.batch}) has expired: take it out",
            )
        return (
            f"{zh_name}（批号 {alert.batch}）已过期，仍在药箱中",
            f"{en_name} (batch {alert.batch}) has expired and is still in the box",
        )
    if alert.kind is AlertKind.STOCK_DIFFERENCE:
        return (
            f"交接清点：{zh_name} 点得 {alert.count}，与账面不符，请核对",
            f"Handover count: {en_name} counted {alert.count}, not what the kiosk expects: check",
        )
    if alert.kind is AlertKind.EXPIRING:
        return (
            f"{zh_name}（批号 {alert.batch}）{when} 到期",
            f"{en_name} (batch {alert.batch}) expires {when}",
        )
    return f"{zh_name}库存不足（剩 {alert.count}）", f"{en_name} is low (only {alert.count} left)"


# --- event kinds (payload schemas, one declaration each) ------------------------------------------


class MedicineRestocked(Payload):
    """Units of one batch put into the box; the lot is `item_id:batch`."""

    lot_id: str = Field(pattern=LOT_ID_PATTERN)
    item_id: str = Field(pattern=ITEM_ID_PATTERN)
    batch: str = Field(pattern=BATCH_PATTERN)
    expiry: date
    quantity: int = Field(ge=1, le=MAX_MOVE)
    volunteer_id: str | None = Field(default=None, min_length=1, max_length=64)


class MedicineDispensed(Payload):
    """Units given out by a volunteer on duty, or used in first aid (`incident_id`)."""

    lot_id: str = Field(pattern=LOT_ID_PATTERN)
    item_id: str = Field(pattern=ITEM_ID_PATTERN)
    batch: str = Field(pattern=BATCH_PATTERN)
    quantity: int = Field(ge=1, le=MAX_MOVE)
    reason: str = Field(pattern=DISPENSE_REASON_PATTERN)
    audience: str = Field(default="none", pattern=AUDIENCE_PATTERN)
    volunteer_id: str = ID
    incident_id: str | None = Field(default=None, min_length=1, max_length=64)


class MedicineDiscarded(Payload):
    """Units taken out without being given (expired, damaged, a count put right)."""

    lot_id: str = Field(pattern=LOT_ID_PATTERN)
    item_id: str = Field(pattern=ITEM_ID_PATTERN)
    batch: str = Field(pattern=BATCH_PATTERN)
    quantity: int = Field(ge=1, le=MAX_MOVE)
    reason: str = Field(pattern=DISCARD_REASON_PATTERN)
    volunteer_id: str | None = Field(default=None, min_length=1, max_length=64)


class AedChecked(Payload):
    """The daily check: the medicine box looked over, and the AED's light, pads and battery."""

    check_id: str = ID
    day: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    box_checked: bool
    light: str = Field(pattern=AED_LIGHT_PATTERN)
    pads_expiry: date
    battery_expiry: date
    volunteer_id: str = ID


KINDS: tuple[EventKind, ...] = (
    EventKind("medicine.restocked", MedicineRestocked, "lot_id"),
    EventKind("medicine.dispensed", MedicineDispensed, "lot_id"),
    EventKind("medicine.discarded", MedicineDiscarded, "lot_id"),
    EventKind("aed.checked", AedChecked, "check_id"),
)
