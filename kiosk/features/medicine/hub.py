"""The hub part of `medicine`: its items are checked with the kiosks' schema before they are
published, and the centre's alerts for the medicine box and the daily check / AED, folded from
the hub's copy of each station's events with the kiosks' own rules (kiosk.features.medicine.domain).

Only stations that run a medicine box (any medicine.* or aed.checked event) get medicine and
check alerts: a station without one would otherwise show every item "low" and the check missed
every day (`HUB_DAILY_CHECK_HOUR`, as the kiosks' setting). Item names and minimums come from the
published `medicine_items` (the station's, else every station's), else the bundled list.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kiosk.core.events import Event
from kiosk.features.medicine.config import MedicineItems
from kiosk.features.medicine.domain import (
    AedLight,
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
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.entry_form import EntryField, EntryList
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.part import ConfigCheck, HubPart
from kiosk.platform.hub.published import published_entries
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_alerts import AlertSource, StationAlert
from kiosk.resources import bundled_json

MEDICINE_KINDS = ("medicine.restocked", "medicine.dispensed", "medicine.discarded")
AED_KIND = "aed.checked"
_AED_KINDS = (
    AlertKind.CHECK_MISSED,
    AlertKind.AED_LIGHT,
    AlertKind.AED_PADS,
    AlertKind.AED_BATTERY,
)
_URGENT = frozenset({"expired", "check_missed", "aed_light"})


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


def latest_check(events: list[Event]) -> DailyCheck | None:
    """The station's last daily check (the latest recorded, as a kiosk's admin screen reads it)."""
    checks = [e for e in events if e.kind == AED_KIND]
    if not checks:
        return None
    last = max(checks, key=lambda e: (e.occurred_at, e.id))
    p = last.payload
    return DailyCheck(
        date.fromisoformat(str(p["day"])),
        AedLight(str(p["light"])),
        date.fromisoformat(str(p["pads_expiry"])),
        date.fromisoformat(str(p["battery_expiry"])),
    )


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
    """The kiosks' medicine and AED alerts for one station (none if it runs no box)."""
    if not events:
        return []
    today = local_now.date()
    last = latest_check(events)
    found: list[Alert] = []
    if check_missed(last, local_now, check_hour):
        found.append(Alert(AlertKind.CHECK_MISSED))
    found += aed_alerts(last, today)
    found += stock_alerts(items, lots(events), today)
    names = {item.id: item for item in items}
    return [_describe(station_id, alert, names, check_hour) for alert in found]


def _describe(
    station_id: str, alert: Alert, items: dict[str, Item], check_hour: int
) -> StationAlert:
    zh, en = alert_words(alert, items, check_hour, at_box=False)
    area = "aed" if alert.kind in _AED_KINDS else "medicine"
    subject = ":".join(p for p in (alert.item_id, alert.batch) if p)
    kind = alert.kind.value
    return StationAlert(station_id, area, kind, subject, zh, en, urgent=kind in _URGENT)


def find_alerts(
    database: Database, stations: list[str], now: datetime, settings: HubSettings
) -> list[StationAlert]:
    """The medicine box's and the daily check's alerts of `stations` as of `now`."""
    # Columns, not ORM objects: a station's years of medicine events are read on every view
    # of the page (about 3x faster for 20,000 events).
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
        .where(HubEvent.kind.in_((*MEDICINE_KINDS, AED_KIND)), HubEvent.station_id.in_(stations))
        .order_by(HubEvent.hub_seq)
    )
    local_now = now.astimezone(ZoneInfo(settings.timezone))
    out: list[StationAlert] = []
    with database.read() as session:
        by_station: dict[str, list[Event]] = defaultdict(list)
        for row in session.execute(stmt):
            by_station[row.station_id].append(Event(*row))
        for station in stations:
            box = by_station.get(station, [])
            if box:
                entries = published_entries(
                    session, "medicine_items", station, "medicine_items.json"
                )
                out += medicine_alerts(
                    station, box, medicine_items(entries), local_now, settings.daily_check_hour
                )
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

HUB_PART = HubPart(
    configs={
        "medicine_items": ConfigCheck(
            MedicineItems.model_validate,
            "药箱物品",
            MEDICINE_FORM.publish_form(bundled_medicine_items),
        )
    },
    alerts=AlertSource(("medicine", "aed"), find_alerts, rank=10),
)
