"""Projections: tables derived from the event log, one aggregate at a time, and their rebuild."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.domain.events import Event
from kiosk.domain.folds import fold_shift, fold_volunteer
from kiosk.store.models import PROJECTION_TABLES, AdminRow, EventRow, ShiftRow, VolunteerRow

Loader = Callable[[Session, str, str], list[Event]]


def _apply_shift(session: Session, events: list[Event]) -> None:
    state = fold_shift(events)
    if state is not None:
        session.merge(ShiftRow(**asdict(state)))


def _apply_volunteer(session: Session, events: list[Event]) -> None:
    state = fold_volunteer(events)
    if state is not None:
        session.merge(VolunteerRow(**asdict(state)))


def _apply_admin(session: Session, events: list[Event]) -> None:
    pins = [e for e in events if e.kind == "admin.pin_set"]
    if pins:
        latest = pins[-1].payload
        session.merge(AdminRow(role=latest["role"], pin_hash=latest["pin_hash"]))


_APPLIERS: dict[str, Callable[[Session, list[Event]], None]] = {
    "shift.": _apply_shift,
    "volunteer.": _apply_volunteer,
    "admin.": _apply_admin,
}


def prefix_of(kind: str) -> str:
    return kind.split(".", 1)[0] + "."


def apply_aggregate(session: Session, kind: str, aggregate_id: str, load: Loader) -> None:
    """Refold the aggregate `aggregate_id` of `kind`'s family into its projection row."""
    prefix = prefix_of(kind)
    applier = _APPLIERS.get(prefix)
    if applier is not None:
        applier(session, load(session, aggregate_id, prefix))
        session.flush()


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
