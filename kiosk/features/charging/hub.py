"""The hub part of `charging`: its slots are checked with the kiosks' schema before they are
published, and phones left charging too long (open sessions older than
`HUB_CHARGING_OVERDUE_HOURS`, folded with the kiosks' own rule) show on the centre's stations
page and among its alerts, read from a row per session (`charging_sessions`) refolded in the
push transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, select

from kiosk.core.events import Event
from kiosk.features.charging.config import ChargingSlots
from kiosk.features.charging.domain import fold_charging, is_overdue
from kiosk.platform.hub import aggregates
from kiosk.platform.hub.aggregates import among
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.entry_form import EntryField, EntryList
from kiosk.platform.hub.live import LiveRule, LiveWindow
from kiosk.platform.hub.models import HubChargingSession, HubEvent
from kiosk.platform.hub.part import ConfigCheck, HubPart, StationPanel
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_alerts import AlertSource, StationAlert, Summary, add_tally
from kiosk.platform.hub.web_render import local_time
from kiosk.resources import bundled_json

CHARGING_LOOKBACK = timedelta(days=14)  # an older session still open is not looked for


@dataclass(frozen=True)
class ChargingAlert:
    station_id: str
    slot: str
    started_at: datetime
    locked: bool


def charging_overdue(
    database: Database, stations: list[str], now: datetime, after: timedelta
) -> list[ChargingAlert]:
    """Phones still in a slot longer than `after` (sessions begun in the last
    CHARGING_LOOKBACK): the open sessions of the read model (`charging_sessions`, folded with
    the kiosks' own rule), tested with the kiosks' `is_overdue`."""
    row = HubChargingSession
    with database.read() as session:
        connection = session.connection()
        rows = connection.execute(
            select(row.station_id, row.slot, row.started_at, row.locked).where(
                row.status == "open",
                row.started_at >= now - CHARGING_LOOKBACK,
                row.started_at <= now - after,  # the index's range; `is_overdue` decides
                among(connection, row.station_id, stations),
            )
        ).all()
    alerts = [
        ChargingAlert(station, str(slot), started_at, bool(locked))
        for station, slot, started_at, locked in rows
        if started_at is not None and is_overdue(started_at, now, after)
    ]
    return sorted(alerts, key=lambda a: (a.station_id, a.started_at))  # every one (#15)


# --- the read model: a row per session (docs/hub.md) ----------------------------------------

# Not kept in a session's row: the pickup code's hash (the page has no use for it).
_SECRET = frozenset({"code_hash"})


def _session_row(_station: str, _session: str, events: list[Event]) -> dict[str, Any]:
    # The kept events have no code hash; the fold reads the key, not its value.
    state = fold_charging(
        [
            e
            if e.kind != "charging.started" or "code_hash" in e.payload
            else replace(e, payload={"code_hash": "", **e.payload})
            for e in events
        ]
    )
    if state is None:
        return {"slot": None, "status": None, "locked": None, "started_at": None, "closed_at": None}
    return {
        "slot": state.slot,
        "status": state.status,
        "locked": state.locked,
        "started_at": state.started_at,
        "closed_at": state.closed_at,
    }


CHARGING_KINDS = ("charging.started", "charging.collected", "charging.locked", "charging.unlocked")
CHARGING_SESSIONS = aggregates.read_model(
    "charging_sessions",
    CHARGING_KINDS,
    "session_id",
    _session_row,
    lambda e: str(e.payload["session_id"]),
    _SECRET,
)


def summarize_alerts(
    database: Database, stations: list[str], now: datetime, settings: HubSettings
) -> Summary:
    """`find_alerts` counted (every phone left too long is urgent), without words."""
    out: Summary = {}
    for a in charging_overdue(database, stations, now, _overdue_after(settings)):
        add_tally(out, a.station_id, "charging", 1, 1)
    return out


def _overdue_after(settings: HubSettings) -> timedelta:
    return timedelta(hours=settings.charging_overdue_hours)


def find_alerts(
    database: Database, stations: list[str], now: datetime, settings: HubSettings
) -> list[StationAlert]:
    """Phones left charging too long, as lines of the alerts page."""
    out = []
    for a in charging_overdue(database, stations, now, _overdue_after(settings)):
        hours = int((now - a.started_at) // timedelta(hours=1))
        out.append(
            StationAlert(
                a.station_id,
                "charging",
                "charging_overdue",
                a.slot,
                f"充电柜 {a.slot}：手机已放 {hours} 小时" + ("（已锁定）" if a.locked else ""),
                f"Charging slot {a.slot}: phone left {hours} h" + (" (locked)" if a.locked else ""),
                urgent=True,
            )
        )
    return out


def panel_rows(
    database: Database, stations: list[str], now: datetime, settings: HubSettings
) -> list[dict[str, Any]]:
    """The stations page's section: each phone left too long, since when, for how long."""
    tz = ZoneInfo(settings.timezone)
    return [
        {
            "a": a,
            "since": local_time(a.started_at, tz),
            "hours": (now - a.started_at) // timedelta(hours=1),
        }
        for a in charging_overdue(database, stations, now, _overdue_after(settings))
    ]


# Its words on the centre's pages (`HubPart.words`).
WORDS: dict[str, tuple[str, str]] = {
    "charging_overdue": ("充电超时未取", "Phones left charging too long"),
    "slot": ("格口", "Slot"),
    "since": ("存入时间", "Since"),
    "hours_ago": ("已存（小时）", "Hours"),
    "locked": ("已锁定", "Locked"),
}


def bundled_charging_slots() -> Any:
    return bundled_json("charging_slots.json")


# The centre's form: the station's slots (one set for all its kiosks); sets per kiosk stay JSON.
CHARGING_FORM = EntryList(
    key="slots",
    fields=(
        EntryField("number", ("号码", "Number"), kind="int"),
        EntryField(
            "kind",
            ("类型", "Kind"),
            kind="choice",
            choices=(("locker", "充电柜（带门）", "Locker"), ("cable", "充电线", "Cable")),
        ),
        EntryField("label_zh", ("名称", "Label (zh)"), size=20),
        EntryField("label_en", ("英文名称", "Label (en)"), size=30),
    ),
    max_rows=200,
    id_size=16,
    extra=("kiosks",),
    hint=(
        "本站所有终端共用的充电位；按终端分别设置的请以 JSON 编辑。",
        "The slots every kiosk of the station offers; sets per kiosk are edited as JSON.",
    ),
)


def sessions_closed_before(window: LiveWindow) -> ColumnElement[bool]:
    """A new kiosk is ready without the sessions closed (collected by code, or by a
    volunteer) before the window: every event of such a session goes (whole), by
    `charging_sessions` (index `station_id, closed_at`); the slots a newcomer shows taken are
    the open sessions'. Monotone: the first collection in the agreed order closes a session
    for good (a later one only flags it), so `closed_at` only moves earlier. A session whose
    start has not arrived (no status) stays in."""
    closed = select(HubChargingSession.session_id).where(
        HubChargingSession.station_id == window.station_id,
        HubChargingSession.status.in_(("collected", "closed")),
        HubChargingSession.closed_at < window.since,
    )
    return and_(
        HubEvent.kind.in_(CHARGING_KINDS),
        HubEvent.payload["session_id"].as_string().in_(closed),
    )


LIVE_CHARGING = LiveRule("charging", CHARGING_KINDS, sessions_closed_before)


HUB_PART = HubPart(
    configs={
        "charging_slots": ConfigCheck(
            ChargingSlots.model_validate,
            "充电位",
            CHARGING_FORM.publish_form(bundled_charging_slots),
        )
    },
    alerts=AlertSource(("charging",), find_alerts, summary=summarize_alerts, rank=30),
    read_models=(CHARGING_SESSIONS,),
    live_rules=(LIVE_CHARGING,),
    station_panels=(StationPanel("centre_station_charging.html", panel_rows),),
    templates="kiosk.features.charging",
    words=WORDS,
)
