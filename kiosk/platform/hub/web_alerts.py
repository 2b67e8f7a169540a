"""Stock and expiry alerts for the centre, per station, folded from the hub's copy of each
station's events with the kiosks' own rules (kiosk.features.medicine.domain and
kiosk.features.lending.domain), so
the centre sees what the station's admin screen shows:

* the medicine box: expired and soon-expiring lots still in it, items below their minimum, and
  the daily check missed by the due hour (`HUB_DAILY_CHECK_HOUR`, as the kiosks' setting), with
  the AED as last checked (light, pads, battery);
* lending: items over-lent (two kiosks lent the last unit offline) or with none left, and loans
  past their due time;
* phones left charging too long (the stations page shows these too).

Only stations that run a medicine box (any medicine.* or aed.checked event) get medicine and
check alerts: a station without one would otherwise show every item "low" and the check missed
every day. Item names and minimums come from the published `medicine_items` / `lending_items`
(the station's, else every station's), else the bundled lists, read as plain JSON: the hub must
not import kiosk.services. Nothing personal (a borrower's phone) is shown.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.features.lending.domain import LoanState, LoanStatus, fold_loan, is_overdue, stock_levels
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
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.web_reports import Reports
from kiosk.resources import resource_path

MEDICINE_KINDS = ("medicine.restocked", "medicine.dispensed", "medicine.discarded")
AED_KIND = "aed.checked"
LENDING_KINDS = ("lending.stocked", "lending.borrowed", "lending.returned", "lending.written_off")
AREAS = ("medicine", "aed", "lending", "charging")
_AED_KINDS = (
    AlertKind.CHECK_MISSED,
    AlertKind.AED_LIGHT,
    AlertKind.AED_PADS,
    AlertKind.AED_BATTERY,
)
_URGENT = frozenset(
    {"expired", "check_missed", "aed_light", "over_lent", "loan_overdue", "charging_overdue"}
)


@dataclass(frozen=True)
class StationAlert:
    """One line of the alerts page: where, what, and its words in both languages."""

    station_id: str
    area: str  # AREAS
    kind: str  # an AlertKind value, or over_lent / none_left / loan_overdue / charging_overdue
    subject: str  # the item, lot or slot concerned ("" for the station's check)
    zh: str
    en: str

    @property
    def urgent(self) -> bool:
        return self.kind in _URGENT

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class _LendingName:
    zh: str
    en: str
    plural_en: str


# --- configuration, as the kiosks choose it ---------------------------------------------------


@lru_cache(maxsize=2)
def _bundled(name: str) -> Any:
    with resource_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


def _config(session: Session, kind: str, station_id: str, bundled: str) -> list[dict[str, Any]]:
    """The entries of the station's published list, else every station's, else the bundled."""
    for scope in (station_id, None):
        row = repo.latest_config(session, kind, scope)
        if row is not None:
            entries = _entries(row.body)
            if entries:
                return entries
    return _entries(_bundled(bundled))


def _entries(body: Any) -> list[dict[str, Any]]:
    items = body.get("items") if isinstance(body, dict) else None
    return [
        e
        for e in (items if isinstance(items, list) else [])
        if isinstance(e, dict) and isinstance(e.get("id"), str)
    ]


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


def _lending_names(entries: list[dict[str, Any]]) -> dict[str, _LendingName]:
    out: dict[str, _LendingName] = {}
    for e in entries:
        en = str(e.get("name_en") or e["id"])
        out[e["id"]] = _LendingName(
            str(e.get("name_zh") or e["id"]), en, str(e.get("plural_en") or en)
        )
    return out


# --- the folds ----------------------------------------------------------------------------


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
    return StationAlert(station_id, area, alert.kind.value, subject, zh, en)


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
            )
        )
    return out


class Alerts:
    """The alerts of the stations a dashboard user may see, as of now."""

    def __init__(
        self,
        database: Database,
        reports: Reports,
        tz: ZoneInfo,
        check_hour: int,
        charging_overdue: timedelta,
    ) -> None:
        self._db = database
        self._reports = reports
        self._tz = tz
        self._check_hour = check_hour
        self._charging = charging_overdue

    def for_stations(self, stations: list[str], now: datetime) -> list[StationAlert]:
        kinds = (*MEDICINE_KINDS, AED_KIND, *LENDING_KINDS)
        # Columns, not ORM objects: a station's years of medicine and lending events are read
        # on every view of the page (about 3x faster for 20,000 events).
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
            .where(HubEvent.kind.in_(kinds), HubEvent.station_id.in_(stations))
            .order_by(HubEvent.hub_seq)
        )
        local_now = now.astimezone(self._tz)
        out: list[StationAlert] = []
        with self._db.read() as session:
            by_station: dict[str, list[Event]] = defaultdict(list)
            for row in session.execute(stmt):
                by_station[row.station_id].append(Event(*row))
            for station in stations:
                events = by_station.get(station, [])
                box = [e for e in events if e.kind in MEDICINE_KINDS or e.kind == AED_KIND]
                lent = [e for e in events if e.kind in LENDING_KINDS]
                if box:
                    items = medicine_items(
                        _config(session, "medicine_items", station, "medicine_items.json")
                    )
                    out += medicine_alerts(station, box, items, local_now, self._check_hour)
                if lent:
                    names = _lending_names(
                        _config(session, "lending_items", station, "lending_items.json")
                    )
                    out += lending_alerts(station, lent, names, now)
        for a in self._reports.charging_overdue(stations, now, self._charging):
            hours = int((now - a.started_at) // timedelta(hours=1))
            out.append(
                StationAlert(
                    a.station_id,
                    "charging",
                    "charging_overdue",
                    a.slot,
                    f"充电柜 {a.slot}：手机已放 {hours} 小时" + ("（已锁定）" if a.locked else ""),
                    f"Charging slot {a.slot}: phone left {hours} h"
                    + (" (locked)" if a.locked else ""),
                )
            )
        order = {area: i for i, area in enumerate(AREAS)}
        return sorted(out, key=lambda a: (a.station_id, order[a.area], not a.urgent))
