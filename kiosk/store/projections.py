"""Projections: tables derived from the event log, one aggregate at a time, and their rebuild."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Table, bindparam, delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.domain.charging import fold_charging
from kiosk.domain.errors import ValidationError
from kiosk.domain.events import Event, validate_payload
from kiosk.domain.folds import fold_admin_account, fold_shift, fold_volunteer
from kiosk.domain.roster import Roster, RosterEntry
from kiosk.store.models import (
    PROJECTION_TABLES,
    AdminAccountRow,
    AdminRow,
    ChargingSessionRow,
    ConfigItemRow,
    EventRow,
    ServiceUseDayRow,
    ServiceUseRow,
    ShiftRow,
    VolunteerRow,
)

Loader = Callable[[Session, str, str], list[Event]]


_UPSERTS: dict[str, Any] = {}


def _upsert(session: Session, table: Table, key: str, values: dict[str, Any]) -> None:
    """Insert or replace one projection row; the statement is built once per table (hot path)."""
    statement = _UPSERTS.get(table.name)
    if statement is None:
        base = sqlite_insert(table)
        statement = base.on_conflict_do_update(
            index_elements=[key],
            set_={c.name: base.excluded[c.name] for c in table.columns if c.name != key},
        )
        _UPSERTS[table.name] = statement
    session.connection().execute(statement, values)


def _apply_shift(session: Session, events: list[Event]) -> object:
    state = fold_shift(events)
    if state is not None:
        _upsert(session, ShiftRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


def _apply_volunteer(session: Session, events: list[Event]) -> object:
    state = fold_volunteer(events)
    if state is None:
        return None
    values = asdict(state)
    entry = published_roster(session).get(state.id)
    if entry is not None:  # the hub's roster is authoritative for the volunteers it lists
        values.update(_roster_values(entry, values["registered_at"]))
    _upsert(session, VolunteerRow.__table__, "id", values)  # type: ignore[arg-type]
    return state


def published_roster(session: Session) -> dict[str, RosterEntry]:
    """The latest roster the hub published for this station (empty before any pull)."""
    body = session.scalars(  # a column, not the entity: never a stale identity-mapped row
        select(ConfigItemRow.body)
        .where(ConfigItemRow.kind == "roster")
        .order_by((ConfigItemRow.scope == "*").asc())  # a station's own beats a global one
    ).first()
    if body is None:
        return {}
    try:
        roster = Roster.model_validate_json(body)
    except PydanticValidationError:
        return {}  # a malformed publication changes nothing (the hub validates too)
    return {entry.volunteer_id: entry for entry in roster.volunteers}


def _roster_values(entry: RosterEntry, registered_at: object) -> dict[str, object]:
    values: dict[str, object] = {
        "id": entry.volunteer_id,
        "name": entry.name,
        "number": entry.number,
        "phone": entry.phone,
        "active": entry.active,
        "registered_at": registered_at,
    }
    if entry.pin_hash is not None:
        values["pin_hash"] = entry.pin_hash
    return values


def apply_roster(session: Session, published_at: datetime) -> int:
    """Overlay the published roster on the volunteers projection; returns entries applied."""
    roster = published_roster(session)
    for entry in roster.values():
        existing = session.get(VolunteerRow, entry.volunteer_id)
        values = _roster_values(entry, existing.registered_at if existing else published_at)
        if existing is None:
            values.setdefault("pin_hash", None)
        _upsert(session, VolunteerRow.__table__, "id", values)  # type: ignore[arg-type]
    return len(roster)


def _apply_admin(session: Session, events: list[Event]) -> object:
    """Admin credentials: the first-run PIN by role, and the named accounts (audit events fold
    to nothing: they are read from the log)."""
    pins = [e for e in events if e.kind == "admin.pin_set"]
    if pins:
        latest = pins[-1].payload
        values = {"role": latest["role"], "pin_hash": latest["pin_hash"]}
        _upsert(session, AdminRow.__table__, "role", values)  # type: ignore[arg-type]
    account = fold_admin_account(events)
    if account is not None:
        _upsert(session, AdminAccountRow.__table__, "account_id", asdict(account))  # type: ignore[arg-type]
    return account


_DAY_TOTAL = select(func.coalesce(func.sum(ServiceUseRow.count), 0), func.count()).where(
    ServiceUseRow.day == bindparam("day"),
    ServiceUseRow.service_id == bindparam("service_id"),
    ServiceUseRow.audience == bindparam("audience"),
)


def _apply_service_use(session: Session, events: list[Event]) -> object:
    """Fold one use into its row, then recount its (day, service, audience) line.

    Recounting from the per-use rows, rather than adding to the line, keeps the fold idempotent:
    a use folded again (a rebuild, a re-pulled page) or later amended never counts twice.
    """
    uses = [e for e in events if e.kind == "service.used"]
    if not uses:
        return None
    first = uses[0]
    use = first.payload
    key = {"day": use["day"], "service_id": use["service_id"], "audience": use["audience"]}
    values = {
        "id": use["use_id"],
        **key,
        "count": use["count"],
        "kiosk_id": first.kiosk_id,
        "occurred_at": first.occurred_at,
    }
    _upsert(session, ServiceUseRow.__table__, "id", values)  # type: ignore[arg-type]
    conn = session.connection()
    people, taps = conn.execute(_DAY_TOTAL, key).one()
    statement = sqlite_insert(ServiceUseDayRow).values(**key, people=people, uses=taps)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["day", "service_id", "audience"],
            set_={"people": statement.excluded.people, "uses": statement.excluded.uses},
        )
    )
    return values


def _apply_charging(session: Session, events: list[Event]) -> object:
    state = fold_charging(events)
    if state is not None:
        _upsert(session, ChargingSessionRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


_APPLIERS: dict[str, Callable[[Session, list[Event]], object]] = {
    "shift.": _apply_shift,
    "volunteer.": _apply_volunteer,
    "admin.": _apply_admin,
    "service.": _apply_service_use,
    "charging.": _apply_charging,
}


def _foldable(event: Event) -> bool:
    """False for an event stored without folding (unknown kind or payload, see `ingest`)."""
    try:
        validate_payload(event.kind, event.payload)
    except ValidationError:
        return False
    return True


def prefix_of(kind: str) -> str:
    return kind.split(".", 1)[0] + "."


def apply_aggregate(session: Session, kind: str, aggregate_id: str, load: Loader) -> object:
    """Refold the aggregate `aggregate_id` of `kind`'s family into its projection row.

    Returns the folded state (e.g. a ShiftState) so callers need not read the row back.
    """
    prefix = prefix_of(kind)
    applier = _APPLIERS.get(prefix)
    if applier is None:
        return None
    return applier(session, load(session, aggregate_id, prefix))


def rebuild(session: Session, load: Loader) -> int:
    """Empty every projection and fold it again from the log; returns aggregates folded."""
    for table in PROJECTION_TABLES:
        session.execute(delete(table))
    family = func.substr(EventRow.kind, 1, func.instr(EventRow.kind, "."))
    aggregates = session.execute(
        select(family, EventRow.aggregate_id)
        .group_by(family, EventRow.aggregate_id)
        .order_by(func.min(EventRow.pos))
    ).all()
    for prefix, aggregate_id in aggregates:
        applier = _APPLIERS.get(prefix)
        if applier is not None:
            events = [e for e in load(session, aggregate_id, prefix) if _foldable(e)]
            if events:
                applier(session, events)
    roster = session.scalar(select(func.max(ConfigItemRow.published_at)))
    if roster is not None:
        apply_roster(session, roster)
    session.flush()
    return len(aggregates)
