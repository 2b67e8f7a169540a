"""Projections: tables derived from the event log, one aggregate at a time, and their rebuild.

Every applier gets its aggregate's events in the agreed order (`domain.order`), never in this
kiosk's arrival order, so every kiosk of a station holding the same events writes the same rows
(DESIGN §3); the pure folds order their input too, for the hub's read models.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import MetaData, Table, bindparam, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.core.errors import ValidationError
from kiosk.core.events import Event, aggregate_of, validate_payload
from kiosk.core.folds import fold_admin_account, fold_shift, fold_volunteer, latest_pin_hash
from kiosk.core.order import agreed_order
from kiosk.features.admin.store import AdminAccountRow, AdminRow
from kiosk.features.catalogue.store import CatalogueEditRow
from kiosk.features.certificates.store import CertificateRow
from kiosk.features.charging.domain import fold_charging
from kiosk.features.charging.store import ChargingSessionRow
from kiosk.features.emergency.domain import fold_emergency
from kiosk.features.emergency.store import EmergencyRow
from kiosk.features.incidents.domain import fold_incident
from kiosk.features.incidents.store import IncidentRow
from kiosk.features.items.domain import ID_FIELD, TARGET_OF_KIND
from kiosk.features.items.store import ItemSettingRow
from kiosk.features.lending.domain import LoanStatus, fold_loan
from kiosk.features.lending.store import LoanRow, StockMoveRow, StockRow
from kiosk.features.medicine.domain import fold_lot
from kiosk.features.medicine.store import AedCheckRow, MedicineLotRow
from kiosk.features.requests.domain import fold_request, fold_wish
from kiosk.features.requests.store import RequestRow
from kiosk.features.shifts.store import ShiftRow
from kiosk.features.uses.store import ServiceUseDayRow, ServiceUseRow
from kiosk.features.volunteers.domain.roster import Roster, RosterEntry
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.features.wishes.store import WishRow
from kiosk.platform import registry
from kiosk.platform.store.models import Base, ConfigItemRow, EventRow

Loader = Callable[[Session, str, str], list[Event]]


def projection_tables() -> tuple[type[Base], ...]:
    """Every feature's projection tables (`features/<name>/store.py`: `TABLES`)."""
    return tuple(table for _, tables in registry.parts("store", "TABLES") for table in tables)


def metadata() -> MetaData:
    """The one `MetaData` with every feature's tables on it (what Alembic compares)."""
    projection_tables()  # importing each feature's store puts its tables on Base
    return Base.metadata


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
    published = _published_roster(session)
    volunteer_id = str(events[0].payload["volunteer_id"])
    entry = published.entries.get(volunteer_id) if published else None
    values = _volunteer_values(events, entry, published.at if published else None)
    if values is not None:
        _upsert(session, VolunteerRow.__table__, "id", values)  # type: ignore[arg-type]
    return fold_volunteer(events)


@dataclass(frozen=True)
class _Published:
    """The roster the volunteers projection is overlaid with, and when the hub published it."""

    entries: dict[str, RosterEntry]
    at: datetime


def _published_roster(session: Session) -> _Published | None:
    """The latest roster the hub published for this station (None before any pull)."""
    row = session.execute(  # columns, not the entity: never a stale identity-mapped row
        select(ConfigItemRow.body, ConfigItemRow.published_at)
        .where(ConfigItemRow.kind == "roster")
        .order_by((ConfigItemRow.scope == "*").asc())  # a station's own beats a global one
    ).first()
    if row is None:
        return None
    try:
        roster = Roster.model_validate_json(row.body)
    except PydanticValidationError:
        return None  # a malformed publication changes nothing (the hub validates too)
    return _Published({entry.volunteer_id: entry for entry in roster.volunteers}, row.published_at)


def published_roster(session: Session) -> dict[str, RosterEntry]:
    """The latest roster the hub published for this station (empty before any pull)."""
    published = _published_roster(session)
    return published.entries if published else {}


def _volunteer_values(
    events: list[Event], entry: RosterEntry | None, published_at: datetime | None
) -> dict[str, object] | None:
    """One volunteers row from the volunteer's events and the published roster, nothing else
    (None: neither knows the volunteer).

    The hub's roster is authoritative for the volunteers it lists (a PIN hash only when it
    gives one; otherwise the PIN last set here counts); what the row held before never counts,
    so every kiosk holding the same events and the same roster writes the same row, whatever
    order they arrived in.
    """
    state = fold_volunteer(events)
    if state is None and entry is None:
        return None
    values: dict[str, object] = (
        asdict(state)
        if state
        else {"pin_hash": latest_pin_hash(events), "registered_at": published_at}
    )
    if entry is not None:
        values.update(
            id=entry.volunteer_id,
            name=entry.name,
            number=entry.number,
            phone=entry.phone,
            active=entry.active,
        )
        if entry.pin_hash is not None:
            values["pin_hash"] = entry.pin_hash
    return values


_VOLUNTEER_EVENTS = select(
    EventRow.id,
    EventRow.kind,
    EventRow.station_id,
    EventRow.kiosk_id,
    EventRow.seq,
    EventRow.occurred_at,
    EventRow.actor,
    EventRow.payload,
    EventRow.aggregate_id,
).where(EventRow.kind.startswith("volunteer."))


def apply_roster(session: Session) -> int:
    """Overlay the published roster on the volunteers projection; returns entries applied.

    Each listed volunteer's row is folded again from their events with the roster laid over it
    (a roster is pulled rarely; a station lists at most some thousands).
    """
    published = _published_roster(session)
    if published is None:
        return 0
    by_volunteer: dict[str, list[Event]] = {}
    for row in session.connection().execute(_VOLUNTEER_EVENTS):
        if row.aggregate_id in published.entries:
            event = Event(
                id=row.id,
                kind=row.kind,
                station_id=row.station_id,
                kiosk_id=row.kiosk_id,
                seq=row.seq,
                occurred_at=row.occurred_at,
                actor=row.actor,
                payload=json.loads(row.payload),
            )
            if _foldable(event):
                by_volunteer.setdefault(row.aggregate_id, []).append(event)
    for volunteer_id, entry in published.entries.items():
        values = _volunteer_values(by_volunteer.get(volunteer_id, []), entry, published.at)
        assert values is not None  # listed: the roster knows them
        _upsert(session, VolunteerRow.__table__, "id", values)  # type: ignore[arg-type]
    return len(published.entries)


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


def _apply_certificate(session: Session, events: list[Event]) -> object:
    """An issued certificate is one event; a second issue of the same id changes nothing."""
    issued = [e for e in events if e.kind == "certificate.issued"]
    if not issued:
        return None
    first = issued[0]
    body = first.payload
    values = {
        "id": body["certificate_id"],
        **{
            key: body[key]
            for key in (
                "number",
                "year",
                "sequence",
                "volunteer_id",
                "volunteer_name",
                "volunteer_number",
                "service",
                "minutes",
                "shifts",
            )
        },
        "first_day": str(body["first_day"]),
        "last_day": str(body["last_day"]),
        "issued_on": str(body["issued_on"]),
        "kiosk_id": first.kiosk_id,
        "issued_at": first.occurred_at,
        "actor": first.actor,
    }
    _upsert(session, CertificateRow.__table__, "id", values)  # type: ignore[arg-type]
    return values


_STOCK_MOVED = select(func.coalesce(func.sum(StockMoveRow.quantity), 0)).where(
    StockMoveRow.item == bindparam("item")
)
_LOANS_BY_STATUS = (
    select(LoanRow.status, func.count())
    .where(LoanRow.item == bindparam("item"), LoanRow.borrowed_at.is_not(None))
    .group_by(LoanRow.status)
)


def _recount_stock(session: Session, item: str) -> None:
    """Recount one item's stock from its moves and loans (never add to it: idempotent)."""
    conn = session.connection()
    stocked = int(conn.execute(_STOCK_MOVED, {"item": item}).scalar_one())
    counts = dict(conn.execute(_LOANS_BY_STATUS, {"item": item}).all())
    out = int(counts.get(LoanStatus.OUT.value, 0))
    gone = int(counts.get(LoanStatus.WRITTEN_OFF.value, 0))
    values = {
        "item": item,
        "stocked": stocked,
        "out": out,
        "written_off": gone,
        "left": stocked - out - gone,
    }
    _upsert(session, StockRow.__table__, "item", values)  # type: ignore[arg-type]


def _apply_lending(session: Session, events: list[Event]) -> object:
    """A stock move (its own aggregate) or one loan, then the item's stock recounted.

    The recount matches `domain.lending.stock_levels`, which the property tests hold to the
    log: a loan counts once whatever order its borrow and return arrived in.
    """
    moves = [e for e in events if e.kind == "lending.stocked"]
    if moves:
        move = moves[0]
        item = str(move.payload["item"])
        values = {
            "id": move.payload["stock_id"],
            "item": item,
            "quantity": int(move.payload["quantity"]),
            "kiosk_id": move.kiosk_id,
            "occurred_at": move.occurred_at,
        }
        _upsert(session, StockMoveRow.__table__, "id", values)  # type: ignore[arg-type]
        _recount_stock(session, item)
        return values
    state = fold_loan(events)
    if state is None:
        return None
    previous = (
        session.connection().execute(select(LoanRow.item).where(LoanRow.id == state.id)).scalar()
    )
    _upsert(session, LoanRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    _recount_stock(session, state.item)
    if previous is not None and previous != state.item:  # a return landed before its borrow
        _recount_stock(session, previous)
    return state


def _apply_catalogue_edit(session: Session, events: list[Event]) -> object:
    """One edit per aggregate: stored as it is; `domain.catalogue_edits` folds them all."""
    edits = [e for e in events if e.kind == "catalogue.item_set"]
    if not edits:
        return None
    edit = edits[0]
    values = {
        "id": edit.payload["edit_id"],
        "service_id": edit.payload["service_id"],
        "occurred_at": edit.occurred_at,
        "kiosk_id": edit.kiosk_id,
        "seq": edit.seq,
        "body": json.dumps(edit.payload, ensure_ascii=False, sort_keys=True),
    }
    _upsert(session, CatalogueEditRow.__table__, "id", values)  # type: ignore[arg-type]
    return values


def _apply_item_setting(session: Session, events: list[Event]) -> object:
    """One edit per aggregate: stored as it is; `domain.item_settings` folds them all."""
    edits = [e for e in events if e.kind in TARGET_OF_KIND]
    if not edits:
        return None
    edit = edits[0]
    target = TARGET_OF_KIND[edit.kind]
    values = {
        "id": edit.payload["edit_id"],
        "target": target.value,
        "item_id": edit.payload[ID_FIELD[target]],
        "occurred_at": edit.occurred_at,
        "kiosk_id": edit.kiosk_id,
        "seq": edit.seq,
        "body": json.dumps(edit.payload, ensure_ascii=False, sort_keys=True),
    }
    _upsert(session, ItemSettingRow.__table__, "id", values)  # type: ignore[arg-type]
    return values


def _apply_lot(session: Session, events: list[Event]) -> object:
    state = fold_lot(events)
    if state is not None:
        _upsert(session, MedicineLotRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


def _apply_aed_check(session: Session, events: list[Event]) -> object:
    checks = [e for e in events if e.kind == "aed.checked"]
    if not checks:
        return None
    first = checks[0]
    p = first.payload
    values = {
        "id": p["check_id"],
        "day": p["day"],
        "box_checked": p["box_checked"],
        "light": p["light"],
        "pads_expiry": date.fromisoformat(p["pads_expiry"]),
        "battery_expiry": date.fromisoformat(p["battery_expiry"]),
        "volunteer_id": p["volunteer_id"],
        "kiosk_id": first.kiosk_id,
        "checked_at": first.occurred_at,
    }
    _upsert(session, AedCheckRow.__table__, "id", values)  # type: ignore[arg-type]
    return values


def _apply_emergency(session: Session, events: list[Event]) -> object:
    state = fold_emergency(events)
    if state is not None:
        _upsert(session, EmergencyRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


def _apply_incident(session: Session, events: list[Event]) -> object:
    state = fold_incident(events)
    if state is not None:
        _upsert(session, IncidentRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


def _apply_request(session: Session, events: list[Event]) -> object:
    state = fold_request(events)
    if state is not None:
        values = asdict(state)
        values["refused"] = json.dumps(
            [{"volunteer_id": r.volunteer_id, "kiosk_id": r.kiosk_id} for r in state.refused]
        )
        _upsert(session, RequestRow.__table__, "id", values)  # type: ignore[arg-type]
    return state


def _apply_wish(session: Session, events: list[Event]) -> object:
    state = fold_wish(events)
    if state is not None:
        _upsert(session, WishRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


_APPLIERS: dict[str, Callable[[Session, list[Event]], object]] = {
    "shift.": _apply_shift,
    "volunteer.": _apply_volunteer,
    "admin.": _apply_admin,
    "service.": _apply_service_use,
    "charging.": _apply_charging,
    "certificate.": _apply_certificate,
    "lending.": _apply_lending,
    "catalogue.": _apply_catalogue_edit,
    "item.": _apply_item_setting,
    "medicine.": _apply_lot,
    "aed.": _apply_aed_check,
    "emergency.": _apply_emergency,
    "incident.": _apply_incident,
    "request.": _apply_request,
    "wish.": _apply_wish,
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
    return applier(session, agreed_order(load(session, aggregate_id, prefix)))


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
    for pos, event_id, kind, payload in rows:
        try:
            aggregate = aggregate_of(kind, validate_payload(kind, json.loads(payload)))
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
    for prefix, aggregate_id in aggregates:
        applier = _APPLIERS.get(prefix)
        if applier is not None:
            events = agreed_order(e for e in load(session, aggregate_id, prefix) if _foldable(e))
            if events:
                applier(session, events)
    apply_roster(session)
    session.flush()
    return len(aggregates)
