"""Log review for admins: pages of each log as display-ready rows, filters, counts, audit.

The screen and the exports both take their rows from here, so an exported file says exactly
what the table showed (same columns, same formatting, phone numbers masked unless asked).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.core import words
from kiosk.core.clock import Clock
from kiosk.core.ids import new_id
from kiosk.core.text import mask_phone
from kiosk.core.tickets import TICKET_PATTERN
from kiosk.features.admin.domain import Permission, Role, may
from kiosk.features.shifts.domain import format_duration
from kiosk.platform.store import eventlog
from kiosk.platform.store import logs as store
from kiosk.platform.store.db import Database

PageToken = store.Cursor
ADMIN_ACTOR = "station_admin"  # the role that acted: admins log in by PIN, not by name
TEAM_LEADER_PREFIX = "tl-"  # a team leader's account id is this and their volunteer id


class LogKind(StrEnum):
    """The logs, in the order of the screen's tabs."""

    SHIFTS = "shifts"
    USES = "uses"
    CHARGING = "charging"
    INCIDENTS = "incidents"  # first aid and incidents
    LENDING = "lending"
    REQUESTS = "requests"
    WISHES = "wishes"  # needs and wishes
    AUDIT = "audit"  # admin.audited events
    EVENTS = "events"
    REJECTS = "rejects"


# What an account must be allowed to see each log. Decision: the audit of admin actions is the
# station admin's (it watches the team leaders too); every other log is "review logs".
REQUIRES: dict[LogKind, Permission] = {log: Permission.REVIEW_LOGS for log in LogKind} | {
    LogKind.AUDIT: Permission.MANAGE_ACCOUNTS
}
# Logs whose search box looks for something (volunteer, ticket, text, account).
SEARCHABLE = frozenset(
    {
        LogKind.SHIFTS,
        LogKind.EVENTS,
        LogKind.INCIDENTS,
        LogKind.LENDING,
        LogKind.REQUESTS,
        LogKind.WISHES,
        LogKind.AUDIT,
    }
)


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
    choice: str | None = None  # kind, service or status; "group:value" (category:luggage)
    kiosk_id: str | None = None
    search: str = ""  # volunteer name or number, a whole ticket, words, an admin account

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
    LogKind.INCIDENTS: (
        LogColumn("time", "时间", "Time"),
        LogColumn("what", "情况", "What"),
        LogColumn("place", "地点", "Place"),
        LogColumn("first_aid", "处置", "First aid"),
        LogColumn("items", "用品", "Items used"),
        LogColumn("outcome", "结果", "Outcome"),
        LogColumn("attended", "在场志愿者", "Attended"),
        LogColumn("kiosk", "终端", "Kiosk"),
        LogColumn("note", "备注", "Note"),
    ),
    LogKind.LENDING: (
        LogColumn("item", "物品", "Item"),
        LogColumn("borrowed", "借出", "Borrowed"),
        LogColumn("due", "应还", "Due"),
        LogColumn("returned", "归还", "Returned"),
        LogColumn("status", "状态", "Status"),
        LogColumn("phone", "手机号", "Phone"),
        LogColumn("approved", "担保志愿者", "Approved by"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    LogKind.REQUESTS: (
        LogColumn("ticket", "单号", "Ticket"),
        LogColumn("category", "类别", "Category"),
        LogColumn("ordered", "下单", "Ordered"),
        LogColumn("accepted", "接单", "Accepted"),
        LogColumn("completed", "完成", "Completed"),
        LogColumn("response", "响应用时", "Response"),
        LogColumn("status", "状态", "Status"),
        LogColumn("helper", "志愿者", "Helper"),
        LogColumn("channel", "渠道", "Channel"),
        LogColumn("rating", "评价", "Rating"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    LogKind.WISHES: (
        LogColumn("submitted", "提交", "Submitted"),
        LogColumn("ticket", "单号", "Ticket"),
        LogColumn("category", "类别", "Category"),
        LogColumn("status", "状态", "Status"),
        LogColumn("channel", "渠道", "Channel"),
        LogColumn("kiosk", "终端", "Kiosk"),
        LogColumn("text", "内容", "Text"),
        LogColumn("answer", "答复", "Answer"),
    ),
    LogKind.AUDIT: (
        LogColumn("time", "时间", "Time"),
        LogColumn("who", "账号", "Who"),
        LogColumn("action", "操作", "Action"),
        LogColumn("target", "对象", "Target"),
        LogColumn("kiosk", "终端", "Kiosk"),
        LogColumn("change", "变更（前 → 后）", "Change (before → after)"),
    ),
    LogKind.REJECTS: (
        LogColumn("time", "时间", "Time"),
        LogColumn("kind", "类型", "Kind"),
        LogColumn("seq", "序号", "Seq"),
        LogColumn("reason", "原因", "Reason"),
    ),
}

_SECRET_FIELDS = {"pin_hash", "code_hash"}
_TICKET = re.compile(TICKET_PATTERN)
_ACCOUNTS = {  # account ids that name a role rather than a person
    Role.STATION_ADMIN.value: words.ROLES[Role.STATION_ADMIN],
    "unknown": ("未知账号", "Unknown account"),
}
# Logs with a status list and a second group of choices: (statuses, group, its prefix, group).
_GROUPED: dict[LogKind, tuple[words.Words, str, tuple[str, str], words.Words]] = {
    LogKind.INCIDENTS: (
        words.WHAT_HAPPENED,
        "outcome",
        ("结果", "Outcome"),
        words.INCIDENT_OUTCOMES,
    ),
    LogKind.LENDING: (words.LOAN_STATUSES, "item", ("物品", "Item"), {}),
    LogKind.REQUESTS: (
        words.REQUEST_STATUSES,
        "category",
        ("类别", "Category"),
        words.REQUEST_CATEGORIES,
    ),
    LogKind.WISHES: (words.WISH_STATUSES, "category", ("类别", "Category"), words.WISH_CATEGORIES),
}


def format_seconds(seconds: int, pick: int) -> str:
    """A response time: "4 分 05 秒" / "4 min 05 s" (hours when it took that long)."""
    minutes, secs = divmod(max(0, seconds), 60)
    if minutes >= 60:
        return format_duration(minutes, ("zh", "en")[pick])
    if pick == 0:
        return f"{minutes} 分 {secs:02d} 秒" if minutes else f"{secs} 秒"
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def _json_list(value: Any) -> list[Any]:
    """A JSON list column as read by raw SQL (text), or already decoded."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value) if isinstance(value, list) else []


def _person(names: dict[str, tuple[str, str]], key: str, pick: int = 0) -> str:
    """A volunteer's (or item's) name from its id; the id itself when unknown."""
    found = names.get(key)
    return found[pick] if found else key


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _audit_value(key: str, value: Any, unmasked: bool) -> str:
    if key in _SECRET_FIELDS:
        return "***"
    if key == "phone" and isinstance(value, str) and not unmasked:
        return mask_phone(value)
    return "" if value is None else str(value)


def _change(before: Any, after: Any, unmasked: bool) -> str:
    """An audit's before and after as "key: old → new" pairs (phones masked unless asked)."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    parts = []
    for key in list(old) + [k for k in new if k not in old]:
        was = _audit_value(key, old.get(key), unmasked) if key in old else ""
        now = _audit_value(key, new.get(key), unmasked) if key in new else ""
        parts.append(f"{key}: {was} → {now}" if key in old else f"{key}: {now}")
    return "; ".join(parts)[:300]


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
        lending_names: Callable[[], dict[str, tuple[str, str]]] = dict,
        medicine_names: Callable[[], dict[str, tuple[str, str]]] = dict,
    ) -> None:
        self._db = database
        self._clock = clock
        self.actor = actor  # the logged-in admin account (the audit says who looked)
        self._tz = timezone
        self._service_names = service_names
        self._lending_names = lending_names
        self._medicine_names = medicine_names

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

    # --- who may see what ------------------------------------------------------------------

    def role(self) -> str:
        """The role of the account logged in now (an unknown account: the lesser role)."""
        actor = self.actor()
        with self._db.read() as session:
            found = store.account_role(session, actor)
        if found is not None:
            return found
        return actor if actor in (r.value for r in Role) else Role.TEAM_LEADER.value

    def visible(self) -> list[LogKind]:
        """The logs the account logged in now may open, in tab order."""
        role = self.role()
        return [log for log in LogKind if may(role, REQUIRES[log])]

    def choices(self, log: LogKind) -> list[Choice]:
        """What the kind / service / status list offers for `log` (a second group of values,
        such as request categories, as `group:value`)."""
        if log is LogKind.SHIFTS:
            return [Choice(k, zh, en) for k, (zh, en) in words.SHIFT_STATUSES.items()]
        if log is LogKind.CHARGING:
            return [Choice(k, zh, en) for k, (zh, en) in words.CHARGING_STATUSES.items()]
        grouped = _GROUPED.get(log)
        if grouped is not None:
            first, group, prefix, second = grouped
            if log is LogKind.LENDING:
                with self._db.read() as session:
                    lent = store.lent_items(session)
                names = self._lending_names()
                second = {i: names.get(i, (i, i)) for i in sorted(set(lent) | set(names))}
            return [Choice(k, zh, en) for k, (zh, en) in first.items()] + [
                Choice(f"{group}:{k}", f"{prefix[0]} · {zh}", f"{prefix[1]} · {en}")
                for k, (zh, en) in second.items()
            ]
        if log is LogKind.AUDIT:
            return [Choice(k, zh, en) for k, (zh, en) in words.ACTIONS.items()]
        with self._db.read() as session:
            if log is LogKind.USES:
                names = self._service_names()
                ids = sorted(set(store.service_ids(session)) | set(names))
                return [Choice(i, *names.get(i, (i, i))) for i in ids] + [
                    Choice(f"audience:{k}", f"服务对象 · {zh}", f"Group · {en}")
                    for k, (zh, en) in words.AUDIENCES.items()
                ]
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

    def _store_filter(self, log: LogKind, filters: LogFilters) -> store.Filter:
        def start_of(day: date) -> str:
            return store.stored(datetime(day.year, day.month, day.day, tzinfo=self._tz))

        volunteers: tuple[str, ...] | None = None
        search = filters.search.strip()[:40] if log in SEARCHABLE else ""
        ticket = None
        if log in (LogKind.REQUESTS, LogKind.WISHES) and _TICKET.fullmatch(search):
            search, ticket = "", search  # a whole ticket number: exact, on its index
        if search and log is LogKind.AUDIT:
            with self._db.read() as session:
                volunteers = tuple(store.accounts_matching(session, search))
        elif search and log is not LogKind.WISHES:
            with self._db.read() as session:
                found = store.volunteers_matching(session, search)
            volunteers = tuple(v[0] for v in found)
        return store.Filter(
            start=start_of(filters.first_day) if filters.first_day else None,
            end=start_of(filters.last_day + timedelta(days=1)) if filters.last_day else None,
            choice=filters.choice or None,
            kiosk_id=filters.kiosk_id or None,
            volunteers=volunteers,
            text=search or None,
            ticket=ticket,
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
        where = self._store_filter(log, filters)
        if store.matches_nothing(log.value, where):
            return LogPage((), None)
        with self._db.read() as session:
            rows = store.page(session, log.value, where, after, limit)
            people = (
                {v[0]: (v[1], v[1]) for v in store.all_volunteers(session)}
                if log in (LogKind.INCIDENTS, LogKind.AUDIT) and rows
                else {}
            )
        names = self._names(log)
        pick = 0 if language == "zh" else 1
        if log in _EXTRA_CELLS:
            make = _EXTRA_CELLS[log]
            cells = [make(self, row, pick, unmasked, names | people) for row in rows]
        else:
            cells = [self._cells(log, row, language, unmasked, names) for row in rows]
        more = store.cursor_of(log.value, rows[-1]) if len(rows) == limit else None
        return LogPage(tuple(LogRow(c) for c in cells), more)

    def count(self, log: LogKind, filters: LogFilters) -> tuple[int, bool]:
        """How many rows match, and whether that is a floor (more than the cap)."""
        where = self._store_filter(log, filters)
        if store.matches_nothing(log.value, where):
            return 0, False
        with self._db.read() as session:
            found = store.count(session, log.value, where)
        return min(found, store.COUNT_CAP), found > store.COUNT_CAP

    def _time(self, value: str | None) -> str:
        moment = store.parse_stored(value)
        return "" if moment is None else moment.astimezone(self._tz).strftime("%Y-%m-%d %H:%M:%S")

    def _names(self, log: LogKind) -> dict[str, tuple[str, str]]:
        if log is LogKind.USES:
            return self._service_names()
        if log is LogKind.LENDING:
            return self._lending_names()
        if log is LogKind.INCIDENTS:
            return self._medicine_names()
        return {}

    def _incident_cells(
        self, row: Any, pick: int, unmasked: bool, names: dict[str, tuple[str, str]]
    ) -> tuple[str, ...]:
        """`names`: medicine items and volunteers (id -> name, both languages alike)."""
        _id, at, place, what, aid, items, aed, called, outcome, attended, note, kiosk = row[:12]
        voided, amendments = row[12:]
        state = words.pick(words.WHAT_HAPPENED, what, pick)
        if voided:
            state += ("（已作废）", " (void)")[pick]
        elif amendments:
            state += ("（已更正）", " (corrected)")[pick]
        done = [words.pick(words.FIRST_AID, a, pick) for a in _json_list(aid)]
        if aed and "aed" not in _json_list(aid):
            done.append(("使用 AED", "AED used")[pick])
        if called:
            done.append(("已拨 120", "called 120")[pick])
        used = [
            f"{_person(names, str(i.get('item_id')), pick)} ×{i.get('quantity')}"
            for i in _json_list(items)
            if isinstance(i, dict)
        ]
        people = [_person(names, str(v)) for v in _json_list(attended)]
        sep = ("、", ", ")[pick]
        return (
            self._time(at),
            state,
            words.pick(words.PLACES, place, pick),
            sep.join(done),
            sep.join(used),
            words.pick(words.INCIDENT_OUTCOMES, outcome, pick),
            sep.join(people),
            short_kiosk(kiosk),
            note or "",
        )

    def _lending_cells(
        self, row: Any, pick: int, unmasked: bool, names: dict[str, tuple[str, str]]
    ) -> tuple[str, ...]:
        _id, at, item, status, due, returned, written_off, reason, _method, phone = row[:10]
        approver, kiosk, flagged = row[10:]
        state = words.pick(words.LOAN_STATUSES, status, pick)
        due_at = store.parse_stored(due)
        if status == "out" and due_at is not None and due_at < self._clock.now():
            state = ("逾期未还", "Overdue")[pick]
        if status == "written_off" and reason:
            why = words.pick(words.WRITE_OFF_REASONS, reason, pick)
            state += f"（{why}）" if pick == 0 else f" ({why})"
        if flagged:
            state += ("（待核查）", " (flagged)")[pick]
        phone = phone or ""
        return (
            names.get(item, (item, item))[pick],
            self._time(at),
            self._time(due),
            self._time(returned or written_off),
            state,
            phone if unmasked else mask_phone(phone),
            approver or "",
            short_kiosk(kiosk),
        )

    def _request_cells(
        self, row: Any, pick: int, unmasked: bool, names: dict[str, tuple[str, str]]
    ) -> tuple[str, ...]:
        _id, at, ticket, category, accepted, completed, response_s, status = row[:8]
        helper, channel, rating, kiosk, flagged = row[8:]
        state = words.pick(words.REQUEST_STATUSES, status, pick)
        if flagged:
            state += ("（待核查）", " (flagged)")[pick]
        return (
            ticket,
            words.pick(words.REQUEST_CATEGORIES, category, pick),
            self._time(at),
            self._time(accepted),
            self._time(completed),
            "" if response_s is None else format_seconds(int(response_s), pick),
            state,
            helper or "",
            words.pick(words.CHANNELS, channel, pick),
            words.pick(words.RATINGS, rating, pick),
            short_kiosk(kiosk),
        )

    def _wish_cells(
        self, row: Any, pick: int, unmasked: bool, names: dict[str, tuple[str, str]]
    ) -> tuple[str, ...]:
        _id, at, ticket, category, status, body, answer, channel, kiosk = row
        return (
            self._time(at),
            ticket,
            words.pick(words.WISH_CATEGORIES, category, pick),
            words.pick(words.WISH_STATUSES, status, pick),
            words.pick(words.CHANNELS, channel, pick),
            short_kiosk(kiosk),
            _one_line(body),
            _one_line(answer),
        )

    def _audit_cells(
        self, row: Any, pick: int, unmasked: bool, names: dict[str, tuple[str, str]]
    ) -> tuple[str, ...]:
        """`names`: volunteers (a target that is a volunteer shows as their name)."""
        _pos, at, actor, account_name, payload, kiosk = row
        try:
            body: dict[str, Any] = json.loads(payload)
        except ValueError:
            body = {}
        who = (
            account_name
            if account_name and account_name != actor
            else _ACCOUNTS.get(actor or "", (actor or "", actor or ""))[pick]
        )
        target = str(body.get("target", ""))
        return (
            self._time(at),
            who,
            words.pick(words.ACTIONS, str(body.get("action", "")), pick),
            _person(names, target.removeprefix(TEAM_LEADER_PREFIX)) if target else "",
            short_kiosk(kiosk),
            _change(body.get("before"), body.get("after"), unmasked),
        )

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
                words.SHIFT_STATUSES.get(status, (status, status))[pick],
                short_kiosk(kiosk),
            )
        if log is LogKind.USES:
            _id, at, service, audience, people, kiosk = row
            return (
                self._time(at),
                names.get(service, (service, service))[pick],
                words.AUDIENCES.get(audience, (audience, audience))[pick],
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
        state = words.CHARGING_STATUSES.get(status, (status, status))[pick]
        if locked and status == "open":
            state += "（已锁定）" if pick == 0 else " (locked)"
        if flagged:
            state += "（待核查）" if pick == 0 else " (flagged)"
        if closed_by == "code":
            how = ("凭取件码", "pickup code")[pick]
        elif closed_by == "volunteer":
            why = words.CHARGING_CLOSE_REASONS.get(reason or "", (reason or "", reason or ""))[pick]
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


_CellMaker = Callable[[LogService, Any, int, bool, dict[str, tuple[str, str]]], tuple[str, ...]]
_EXTRA_CELLS: dict[LogKind, _CellMaker] = {
    LogKind.INCIDENTS: LogService._incident_cells,
    LogKind.LENDING: LogService._lending_cells,
    LogKind.REQUESTS: LogService._request_cells,
    LogKind.WISHES: LogService._wish_cells,
    LogKind.AUDIT: LogService._audit_cells,
}
