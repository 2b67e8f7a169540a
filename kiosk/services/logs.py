"""Log review for admins: pages of each log as display-ready rows, filters, counts, audit.

The screen and the exports both take their rows from here, so an exported file says exactly
what the table showed (same columns, same formatting, phone numbers masked unless asked).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.clock import Clock
from kiosk.domain.ids import new_id
from kiosk.domain.shifts import format_duration
from kiosk.domain.text import mask_phone
from kiosk.store import eventlog
from kiosk.store import logs as store
from kiosk.store.db import Database

PageToken = store.Cursor
ADMIN_ACTOR = "station_admin"  # the role that acted: admins log in by PIN, not by name


class LogKind(StrEnum):
    SHIFTS = "shifts"
    USES = "uses"
    CHARGING = "charging"
    EVENTS = "events"
    REJECTS = "rejects"


class Period(StrEnum):
    """Quick date ranges, in the station's local days."""

    ALL = "all"
    TODAY = "today"
    WEEK = "week"  # the last 7 days, today included
    MONTH = "month"
    LAST_MONTH = "last_month"
    CUSTOM = "custom"


@dataclass(frozen=True)
class LogColumn:
    key: str
    zh: str
    en: str


@dataclass(frozen=True)
class Choice:
    """One entry of a filter list: its value and its label in both languages."""

    value: str
    zh: str
    en: str


@dataclass(frozen=True)
class LogFilters:
    """What the admin narrowed a log to. Days are local and inclusive; None is unbounded."""

    first_day: date | None = None
    last_day: date | None = None
    choice: str | None = None  # kind (event log, rejects), service (uses), status (shifts)
    kiosk_id: str | None = None
    search: str = ""  # volunteer name or number

    def describe(self) -> dict[str, str]:
        """The filters as text, for the audit event of an export."""
        values = {
            "from": self.first_day.isoformat() if self.first_day else "",
            "to": self.last_day.isoformat() if self.last_day else "",
            "choice": self.choice or "",
            "kiosk": self.kiosk_id or "",
            "search": self.search[:40],
        }
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class LogRow:
    cells: tuple[str, ...]


@dataclass(frozen=True)
class LogPage:
    """Rows newest first; `after` continues the log, None when it has ended."""

    rows: tuple[LogRow, ...]
    after: PageToken | None


COLUMNS: dict[LogKind, tuple[LogColumn, ...]] = {
    LogKind.SHIFTS: (
        LogColumn("name", "姓名", "Name"),
        LogColumn("number", "编号", "No."),
        LogColumn("phone", "手机号", "Phone"),
        LogColumn("in", "签到", "Checked in"),
        LogColumn("out", "签退", "Checked out"),
        LogColumn("hours", "时长", "Length"),
        LogColumn("status", "状态", "Status"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    LogKind.USES: (
        LogColumn("time", "时间", "Time"),
        LogColumn("service", "服务", "Service"),
        LogColumn("audience", "服务对象", "Group"),
        LogColumn("people", "人次", "People"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    LogKind.CHARGING: (
        LogColumn("started", "开始", "Started"),
        LogColumn("slot", "充电位", "Slot"),
        LogColumn("status", "状态", "Status"),
        LogColumn("ended", "结束", "Ended"),
        LogColumn("how", "结束方式", "How"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    LogKind.EVENTS: (
        LogColumn("time", "时间", "Time"),
        LogColumn("kind", "类型", "Kind"),
        LogColumn("actor", "人员", "Who"),
        LogColumn("kiosk", "终端", "Kiosk"),
        LogColumn("seq", "序号", "Seq"),
        LogColumn("details", "内容", "Details"),
    ),
    LogKind.REJECTS: (
        LogColumn("time", "时间", "Time"),
        LogColumn("kind", "类型", "Kind"),
        LogColumn("seq", "序号", "Seq"),
        LogColumn("reason", "原因", "Reason"),
    ),
}

_STATUS = {
    "open": ("在岗", "On duty"),
    "closed": ("已签退", "Closed"),
    "auto_closed": ("超时关闭", "Closed by the sweep"),
    "cancelled": ("已取消", "Cancelled"),
}
_CHARGING_STATUS = {
    "open": ("充电中", "Charging"),
    "collected": ("已取走", "Collected"),
    "closed": ("志愿者结束", "Closed by staff"),
}
_CHARGING_REASON = {
    "code_forgotten": ("忘记取件码", "code forgotten"),
    "lost_and_found": ("转失物招领", "to lost and found"),
    "slot_fault": ("充电位故障", "slot fault"),
    "other": ("其他", "other"),
}
AUDIENCE_NAMES: dict[str, tuple[str, str]] = {  # (zh, en) of each audience group
    "traveller": ("旅客", "Traveller"),
    "rider": ("外卖骑手", "Rider"),
    "courier": ("快递员", "Courier"),
    "sanitation": ("环卫工人", "Sanitation"),
    "driver": ("司机", "Driver"),
    "elderly": ("老人", "Elderly"),
    "disabled": ("残障人士", "Disabled"),
    "other": ("其他", "Other"),
    "none": ("未选择", "Not given"),
}
_SECRET_FIELDS = {"pin_hash", "code_hash"}


def short_kiosk(kiosk_id: str | None) -> str:
    """A kiosk id short enough for a cell: its last six characters (UUIDv7 starts with time)."""
    return "" if not kiosk_id else kiosk_id[-6:]


def _details(payload: str, unmasked: bool) -> str:
    """A payload as `key=value` pairs: secrets hidden, phone numbers masked unless asked."""
    try:
        body: dict[str, Any] = json.loads(payload)
    except ValueError:
        return payload[:160]
    parts = []
    for key, value in body.items():
        if key in _SECRET_FIELDS:
            continue
        if key == "phone" and isinstance(value, str) and not unmasked:
            value = mask_phone(value)
        if isinstance(value, dict):
            value = ",".join(f"{k}:{v}" for k, v in value.items())
        parts.append(f"{key}={value}")
    return " ".join(parts)[:160]


class LogService:
    """Reads the logs for the review screen and exports; `service_names` maps a service id to
    its (zh, en) names in the catalogue shown now."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        timezone: ZoneInfo,
        service_names: Callable[[], dict[str, tuple[str, str]]],
        actor: Callable[[], str] = lambda: ADMIN_ACTOR,
    ) -> None:
        self._db = database
        self._clock = clock
        self.actor = actor  # the logged-in admin account (the audit says who looked)
        self._tz = timezone
        self._service_names = service_names

    @property
    def timezone(self) -> ZoneInfo:
        return self._tz

    # --- filters ----------------------------------------------------------------------------

    def today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()

    def period(self, period: Period) -> tuple[date | None, date | None]:
        """The first and last local day of a quick choice (ALL and CUSTOM: unbounded)."""
        today = self.today()
        if period is Period.TODAY:
            return today, today
        if period is Period.WEEK:
            return today - timedelta(days=6), today
        if period is Period.MONTH:
            return today.replace(day=1), today
        if period is Period.LAST_MONTH:
            last = today.replace(day=1) - timedelta(days=1)
            return last.replace(day=1), last
        return None, None

    def choices(self, log: LogKind) -> list[Choice]:
        """What the kind / service / status list offers for `log`."""
        if log is LogKind.SHIFTS:
            return [Choice(k, zh, en) for k, (zh, en) in _STATUS.items()]
        if log is LogKind.CHARGING:
            return [Choice(k, zh, en) for k, (zh, en) in _CHARGING_STATUS.items()]
        with self._db.read() as session:
            if log is LogKind.USES:
                names = self._service_names()
                ids = sorted(set(store.service_ids(session)) | set(names))
                return [Choice(i, *names.get(i, (i, i))) for i in ids]
            found = store.kinds(session) if log is LogKind.EVENTS else store.reject_kinds(session)
        return [Choice(k, k, k) for k in found]

    def kiosks(self) -> list[Choice]:
        """Kiosks that wrote to this log; this one first, marked."""
        with self._db.read() as session:
            here = eventlog.meta(session).kiosk_id
            found = store.kiosks(session)
        ordered = [here] + [k for k in found if k != here]
        return [
            Choice(k, f"{short_kiosk(k)}（本机）", f"{short_kiosk(k)} (this kiosk)")
            if k == here
            else Choice(k, short_kiosk(k), short_kiosk(k))
            for k in ordered
        ]

    def _store_filter(self, filters: LogFilters) -> store.Filter:
        def start_of(day: date) -> str:
            return store.stored(datetime(day.year, day.month, day.day, tzinfo=self._tz))

        volunteers: tuple[str, ...] | None = None
        if filters.search.strip():
            with self._db.read() as session:
                found = store.volunteers_matching(session, filters.search.strip()[:40])
            volunteers = tuple(v[0] for v in found)
        return store.Filter(
            start=start_of(filters.first_day) if filters.first_day else None,
            end=start_of(filters.last_day + timedelta(days=1)) if filters.last_day else None,
            choice=filters.choice or None,
            kiosk_id=filters.kiosk_id or None,
            volunteers=volunteers,
        )

    # --- pages ------------------------------------------------------------------------------

    def page(
        self,
        log: LogKind,
        filters: LogFilters,
        after: PageToken | None = None,
        *,
        limit: int = store.PAGE_SIZE,
        language: str = "zh",
        unmasked: bool = False,
    ) -> LogPage:
        """One page of `log`, newest first, as the table shows it."""
        where = self._store_filter(filters)
        if where.volunteers == () and log in (LogKind.SHIFTS, LogKind.EVENTS):
            return LogPage((), None)
        with self._db.read() as session:
            rows = store.page(session, log.value, where, after, limit)
        names = self._service_names() if log is LogKind.USES else {}
        cells = [self._cells(log, row, language, unmasked, names) for row in rows]
        more = store.cursor_of(log.value, rows[-1]) if len(rows) == limit else None
        return LogPage(tuple(LogRow(c) for c in cells), more)

    def count(self, log: LogKind, filters: LogFilters) -> tuple[int, bool]:
        """How many rows match, and whether that is a floor (more than the cap)."""
        where = self._store_filter(filters)
        if where.volunteers == () and log in (LogKind.SHIFTS, LogKind.EVENTS):
            return 0, False
        with self._db.read() as session:
            found = store.count(session, log.value, where)
        return min(found, store.COUNT_CAP), found > store.COUNT_CAP

    def _time(self, value: str | None) -> str:
        moment = store.parse_stored(value)
        return "" if moment is None else moment.astimezone(self._tz).strftime("%Y-%m-%d %H:%M:%S")

    def _cells(
        self,
        log: LogKind,
        row: Any,
        language: str,
        unmasked: bool,
        names: dict[str, tuple[str, str]],
    ) -> tuple[str, ...]:
        pick = 0 if language == "zh" else 1
        if log is LogKind.SHIFTS:
            _id, at, out, minutes, status, _flagged, kiosk, _method, name, number, phone = row
            phone = phone or ""
            return (
                name or "",
                number or "",
                phone if unmasked else mask_phone(phone),
                self._time(at),
                self._time(out),
                "" if minutes is None else format_duration(int(minutes), language),
                _STATUS.get(status, (status, status))[pick],
                short_kiosk(kiosk),
            )
        if log is LogKind.USES:
            _id, at, service, audience, people, kiosk = row
            return (
                self._time(at),
                names.get(service, (service, service))[pick],
                AUDIENCE_NAMES.get(audience, (audience, audience))[pick],
                str(people),
                short_kiosk(kiosk),
            )
        if log is LogKind.CHARGING:
            return self._charging_cells(row, pick)
        if log is LogKind.EVENTS:
            _pos, at, kind, kiosk, seq, actor, payload, actor_name, actor_number = row
            who = f"{actor_name} {actor_number}" if actor_name else (actor or "")
            return (
                self._time(at),
                kind,
                who,
                short_kiosk(kiosk),
                str(seq),
                _details(payload, unmasked),
            )
        seq, at, kind, _event_id, reason = row
        return (self._time(at), kind, str(seq), reason)

    def _charging_cells(self, row: Any, pick: int) -> tuple[str, ...]:
        _id, at, slot, status, closed_at, closed_by, reason, kiosk, locked, flagged = row
        state = _CHARGING_STATUS.get(status, (status, status))[pick]
        if locked and status == "open":
            state += "（已锁定）" if pick == 0 else " (locked)"
        if flagged:
            state += "（待核查）" if pick == 0 else " (flagged)"
        if closed_by == "code":
            how = ("凭取件码", "pickup code")[pick]
        elif closed_by == "volunteer":
            why = _CHARGING_REASON.get(reason or "", (reason or "", reason or ""))[pick]
            how = ("志愿者：", "staff: ")[pick] + why
        else:
            how = ""
        return (
            self._time(at),
            f"{slot} 号" if pick == 0 else f"Slot {slot}",
            state,
            self._time(closed_at),
            how,
            short_kiosk(kiosk),
        )

    # --- audit ------------------------------------------------------------------------------

    def record_opened(self, log: LogKind) -> None:
        """Audit: an admin opened the log review (the logs hold personal data)."""
        with self._db.write() as session:
            eventlog.append(
                session,
                "admin.log_opened",
                {"audit_id": new_id(), "log": log.value},
                occurred_at=self._clock.now(),
                actor=self.actor(),
            )
