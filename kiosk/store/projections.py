"""Projections: tables derived from the event log, one aggregate at a time, and their rebuild."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from sqlalchemy import Table, delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.domain.events import Event
from kiosk.domain.folds import fold_shift, fold_volunteer
from kiosk.store.models import PROJECTION_TABLES, AdminRow, EventRow, ShiftRow, VolunteerRow

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
    if state is not None:
        _upsert(session, VolunteerRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


def _apply_admin(session: Session, events: list[Event]) -> object:
    pins = [e for e in events if e.kind == "admin.pin_set"]
    if not pins:
        return None
    latest = pins[-1].payload
    values = {"role": latest["role"], "pin_hash": latest["pin_hash"]}
    _upsert(session, AdminRow.__table__, "role", values)  # type: ignore[arg-type]
    return values


_APPLIERS: dict[str, Callable[[Session, list[Event]], object]] = {
    "shift.": _apply_shift,
    "volunteer.": _apply_volunteer,
    "admin.": _apply_admin,
}


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
            applier(session, load(session, aggregate_id, prefix))
    session.flush()
    return len(aggregates)
