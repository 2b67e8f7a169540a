"""The admin's log tabs: the audit of admin actions, the raw event log and the sync rejects."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.core.text import mask_phone
from kiosk.features.admin.domain import Permission, Role
from kiosk.platform.logs.query import Filter, LogQuery, distinct
from kiosk.platform.logs.spec import (
    LEADER_ACCOUNT_PREFIX,
    NUMBER,
    TIME,
    Cells,
    Choice,
    LogColumn,
    LogSpec,
    Names,
    Search,
    choices_of,
)

AUDIT_KIND = "admin.audited"
_SECRET_FIELDS = {"pin_hash", "code_hash", "setup_code_hash"}
_ACCOUNTS = {  # account ids that name a role rather than a person
    Role.STATION_ADMIN.value: words.ROLES[Role.STATION_ADMIN],
    "unknown": ("未知账号", "Unknown account"),
}


def kinds(session: Session) -> list[str]:
    """The event kinds present in the log."""
    return distinct(session, "events", "kind", "ix_events_kind_occurred")


def reject_kinds(session: Session) -> list[str]:
    rows = session.connection().execute(text("SELECT DISTINCT kind FROM sync_rejects ORDER BY 1"))
    return [str(r[0]) for r in rows]


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
        if key == "sealed" and isinstance(value, str):  # personal data: never its ciphertext
            value = "🔒"
        if isinstance(value, dict):
            value = ",".join(f"{k}:{v}" for k, v in value.items())
        parts.append(f"{key}={value}")
    return " ".join(parts)[:160]


def _audit_cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    """`c.names`: volunteers (a target that is a volunteer shows as their name)."""
    _pos, at, actor, account_name, payload, kiosk = row
    try:
        body: dict[str, Any] = json.loads(payload)
    except ValueError:
        body = {}
    who = c.account(actor, account_name, _ACCOUNTS)
    target = str(body.get("target", ""))
    person = target.removeprefix(LEADER_ACCOUNT_PREFIX)
    return (
        c.time(at),
        who,
        words.pick(words.ACTIONS, str(body.get("action", "")), c.pick),
        c.names.get(person, (person, person))[0] if target else "",
        c.kiosk(kiosk),
        _change(body.get("before"), body.get("after"), c.unmasked),
    )


def _event_cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _pos, at, kind, kiosk, seq, actor, payload, actor_name, actor_number = row
    who = f"{actor_name} {actor_number}" if actor_name else (actor or "")
    return (c.time(at), kind, who, c.kiosk(kiosk), str(seq), _details(payload, c.unmasked))


def _reject_cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    seq, at, kind, _event_id, reason = row
    return (c.time(at), kind, str(seq), reason)


def _audit_index(where: Filter) -> str:
    """One account's events, else the audit kind's slice of a million."""
    if where.volunteers is not None and len(where.volunteers) == 1:
        return "INDEXED BY ix_events_actor_occurred"
    return "INDEXED BY ix_events_kind_occurred"


def _events_index(where: Filter) -> str:
    """The index a page of the event log walks: the most selective filter given wins.

    A volunteer's events are few, a kind is chosen to find the rare ones, a kiosk holds a share;
    each index ends in (occurred_at, pos), so the page comes out in order without a sort.
    """
    if where.volunteers is not None and len(where.volunteers) == 1:
        return "INDEXED BY ix_events_actor_occurred"
    if where.choice:
        return "INDEXED BY ix_events_kind_occurred"
    if where.kiosk_id:
        return "INDEXED BY ix_events_kiosk_occurred"
    return "INDEXED BY ix_events_occurred"


def _kind_choices(session: Session, names: Names) -> list[Choice]:
    return [Choice(k, k, k) for k in kinds(session)]


def _reject_choices(session: Session, names: Names) -> list[Choice]:
    return [Choice(k, k, k) for k in reject_kinds(session)]


def _action_choices(session: Session, names: Names) -> list[Choice]:
    return choices_of(words.ACTIONS)


AUDIT = LogSpec(
    key="audit",
    position=80,
    title=("管理审计", "Admin audit"),
    columns=(
        LogColumn("time", "时间", "Time", TIME),
        LogColumn("who", "账号", "Who"),
        LogColumn("action", "操作", "Action"),
        LogColumn("target", "对象", "Target"),
        LogColumn("kiosk", "终端", "Kiosk"),
        LogColumn("change", "变更（前 → 后）", "Change (before → after)"),
    ),
    query=LogQuery(
        select=(
            "SELECT e.pos, e.occurred_at, e.actor, a.name, e.payload, e.kiosk_id"
            " FROM events AS e {index} LEFT JOIN admin_accounts AS a ON a.account_id = e.actor"
        ),
        at="e.occurred_at",
        key="e.pos",
        choice="json_extract(e.payload, '$.action')",
        kiosk="e.kiosk_id",
        volunteer="e.actor",  # the admin account (searched by its name)
        base=f"e.kind = '{AUDIT_KIND}'",
        index=_audit_index,
    ),
    cells=_audit_cells,
    choices=_action_choices,
    people=True,
    # Decision: the audit of admin actions is the station admin's (it watches the team leaders
    # too); every other log is "review logs".
    requires=Permission.MANAGE_ACCOUNTS.value,
    search=Search.ACCOUNTS,
)

EVENTS = LogSpec(
    key="events",
    position=90,
    title=("事件日志", "Event log"),
    columns=(
        LogColumn("time", "时间", "Time", TIME),
        LogColumn("kind", "类型", "Kind"),
        LogColumn("actor", "人员", "Who"),
        LogColumn("kiosk", "终端", "Kiosk"),
        LogColumn("seq", "序号", "Seq", NUMBER),
        LogColumn("details", "内容", "Details"),
    ),
    query=LogQuery(
        select=(
            "SELECT e.pos, e.occurred_at, e.kind, e.kiosk_id, e.seq, e.actor, e.payload,"
            " v.name AS actor_name, v.number AS actor_number"
            " FROM events AS e {index} LEFT JOIN volunteers AS v ON v.id = e.actor"
        ),
        at="e.occurred_at",
        key="e.pos",
        choice="e.kind",
        kiosk="e.kiosk_id",
        volunteer="e.actor",
        index=_events_index,
    ),
    cells=_event_cells,
    choices=_kind_choices,
    search=Search.VOLUNTEERS,
)

REJECTS = LogSpec(
    key="rejects",
    position=100,
    title=("同步拒收", "Sync rejects"),
    columns=(
        LogColumn("time", "时间", "Time", TIME),
        LogColumn("kind", "类型", "Kind"),
        LogColumn("seq", "序号", "Seq", NUMBER),
        LogColumn("reason", "原因", "Reason"),
    ),
    query=LogQuery(
        select=(
            "SELECT r.seq, r.recorded_at, r.kind, r.event_id, r.reason FROM sync_rejects AS r"
            " {index}"
        ),
        at="r.recorded_at",
        key="r.seq",
        choice="r.kind",
        kiosk=None,
        volunteer=None,
    ),
    cells=_reject_cells,
    choices=_reject_choices,
)
LOGS = (AUDIT, EVENTS, REJECTS)
