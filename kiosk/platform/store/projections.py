"""The projection runner: tables derived from the event log, one aggregate at a time, and their
rebuild. It knows no feature: each feature's store registers its projectors by kind family
(`PROJECTORS`), its tables (`TABLES`) and what a published configuration item refolds
(`CONFIG_APPLIERS`), and the runner iterates what the registry hands it.

Every projector gets its aggregate's events in the agreed order (`core.order`), never in this
kiosk's arrival order, so every kiosk of a station holding the same events writes the same rows
(DESIGN §3); the pure folds order their input too, for the hub's read models.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import MetaData, Table, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.core.errors import ValidationError
from kiosk.core.events import Event
from kiosk.core.order import agreed_order
from kiosk.platform import registry
from kiosk.platform.store.models import Base, EventRow

Loader = Callable[[Session, str, str], list[Event]]
# Folds one aggregate's events (agreed order) into its rows; returns the folded state.
Projector = Callable[[Session, list[Event]], object]
# Folds many aggregates of one family at once (each one's events in the agreed order): a pulled
# page's, in a few statements instead of a few per aggregate. Optional (`PAGE_PROJECTORS`), and
# must leave the rows `Projector` would leave folding each aggregate in turn.
PageProjector = Callable[[Session, list[list[Event]]], None]
# Refolds what a published configuration item changes (e.g. the roster over the volunteers).
ConfigApplier = Callable[[Session], object]


class _Parts:
    """What the registry's features register, read once per registry generation (hot path)."""

    def __init__(self) -> None:
        self.generation = -1
        self.projectors: dict[str, Projector] = {}
        self.page_projectors: dict[str, PageProjector] = {}
        self.config_appliers: dict[str, ConfigApplier] = {}
        self.tables: tuple[type[Base], ...] = ()

    def current(self) -> _Parts:
        if self.generation != registry.generation:
            self.projectors = registry.merged("store", "PROJECTORS")
            self.page_projectors = registry.merged("store", "PAGE_PROJECTORS")
            self.config_appliers = registry.merged("store", "CONFIG_APPLIERS")
            self.tables = tuple(
                t for _, tables in registry.parts("store", "TABLES") for t in tables
            )
            self.generation = registry.generation
        return self


_parts = _Parts()


def projectors() -> dict[str, Projector]:
    """Every feature's projector by kind family ("shift.": its store's projector)."""
    return _parts.current().projectors


def page_projectors() -> dict[str, PageProjector]:
    """The features' projectors of many aggregates at once, by kind family (few have one)."""
    return _parts.current().page_projectors


def projection_tables() -> tuple[type[Base], ...]:
    """Every feature's projection tables (`features/<name>/store.py`: `TABLES`)."""
    return _parts.current().tables


def metadata() -> MetaData:
    """The one `MetaData` with every feature's tables on it (what Alembic compares)."""
    projection_tables()  # importing each feature's store puts its tables on Base
    return Base.metadata


_UPSERTS: dict[str, Any] = {}


def upsert(
    session: Session, table: Table, key: str, values: dict[str, Any] | list[dict[str, Any]]
) -> None:
    """Insert or replace one projection row (or many, in one executemany: a page projector);
    the statement is built once per table (hot path)."""
    statement = _UPSERTS.get(table.name)
    if statement is None:
        base = sqlite_insert(table)
        statement = base.on_conflict_do_update(
            index_elements=[key],
            set_={c.name: base.excluded[c.name] for c in table.columns if c.name != key},
        )
        _UPSERTS[table.name] = statement
    session.connection().execute(statement, values)


def foldable(event: Event) -> bool:
    """False for an event stored without folding (unknown kind or payload, see `ingest`)."""
    try:
        registry.kinds().validate(event.kind, event.payload)
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
    projector = projectors().get(prefix)
    if projector is None:
        return None
    return projector(session, agreed_order(load(session, aggregate_id, prefix)))


def applies_config(kind: str) -> bool:
    """Whether a published configuration item of `kind` refolds a projection."""
    return kind in _parts.current().config_appliers


def apply_config(session: Session, kind: str) -> object:
    """Refold what a published configuration item of `kind` changes (None: nothing does)."""
    applier = _parts.current().config_appliers.get(kind)
    return None if applier is None else applier(session)


def _regroup_late_foldable(session: Session) -> int:
    """File under its aggregate each event stored before this build could fold it.

    `eventlog.ingest` files an event it cannot fold (a kind or payload of a newer build) under
    its own id. Once a newer build folds it, it must be folded with the rest of its aggregate,
    or this kiosk folds a loan's return alone where every other kiosk folds it with its borrow.
    The aggregate id indexes the log; it is not part of the fact, so setting it rewrites none.
    """
    rows = session.execute(
        select(EventRow.pos, EventRow.id, EventRow.kind, EventRow.payload).where(
            EventRow.aggregate_id == EventRow.id
        )
    ).all()
    moved = 0
    kinds = registry.kinds()
    for pos, event_id, kind, payload in rows:
        try:
            aggregate = kinds.aggregate_of(kind, kinds.validate(kind, json.loads(payload)))
        except ValidationError:
            continue  # still not foldable here: it stays filed under its own id
        if aggregate == event_id:
            continue
        session.execute(update(EventRow).where(EventRow.pos == pos).values(aggregate_id=aggregate))
        moved += 1
    return moved


def rebuild(session: Session, load: Loader) -> int:
    """Empty every projection and fold it again from the log; returns aggregates folded."""
    _regroup_late_foldable(session)
    for table in projection_tables():
        session.execute(delete(table))
    family = func.substr(EventRow.kind, 1, func.instr(EventRow.kind, "."))
    aggregates = session.execute(
        select(family, EventRow.aggregate_id)
        .group_by(family, EventRow.aggregate_id)
        .order_by(func.min(EventRow.pos))
    ).all()
    registered = projectors()
    for prefix, aggregate_id in aggregates:
        projector = registered.get(prefix)
        if projector is not None:
            events = agreed_order(e for e in load(session, aggregate_id, prefix) if foldable(e))
            if events:
                projector(session, events)
    for applier in _parts.current().config_appliers.values():
        applier(session)
    session.flush()
    return len(aggregates)
