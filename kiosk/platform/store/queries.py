"""Read queries over the projections; services call these inside their own sessions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from kiosk.features.admin.store import AdminAccountRow, AdminRow
from kiosk.features.catalogue.domain.edits import EDIT_FIELDS, CatalogueEdit
from kiosk.features.catalogue.store import CatalogueEditRow
from kiosk.features.charging.store import ChargingSessionRow
from kiosk.features.items.domain import FIELDS, ItemEdit, Target
from kiosk.features.items.store import ItemSettingRow
from kiosk.features.shifts.store import ShiftRow
from kiosk.features.uses.store import ServiceUseDayRow
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store.models import AttemptRow, OutboxRow, SyncStateRow


def volunteer(session: Session, volunteer_id: str) -> VolunteerRow | None:
    return session.get(VolunteerRow, volunteer_id)


def volunteer_by_phone(session: Session, phone: str) -> VolunteerRow | None:
    return session.scalars(
        select(VolunteerRow)
        .where(VolunteerRow.phone == phone)
        .order_by(VolunteerRow.active.desc(), VolunteerRow.registered_at.desc())
        .limit(1)
    ).first()


def volunteers(session: Session) -> Sequence[VolunteerRow]:
    return session.scalars(select(VolunteerRow).order_by(VolunteerRow.number)).all()


def open_shift(session: Session, volunteer_id: str) -> ShiftRow | None:
    return session.scalars(
        select(ShiftRow)
        .where(ShiftRow.volunteer_id == volunteer_id, ShiftRow.status == "open")
        .order_by(ShiftRow.checked_in_at.desc())
        .limit(1)
    ).first()


_SHIFT_STATE = select(
    select(ShiftRow.id)
    .where(ShiftRow.volunteer_id == bindparam("vid"), ShiftRow.status == "open")
    .order_by(ShiftRow.checked_in_at.desc())
    .limit(1)
    .scalar_subquery(),
    select(func.max(ShiftRow.checked_out_at))
    .where(ShiftRow.volunteer_id == bindparam("vid"), ShiftRow.status == "closed")
    .scalar_subquery(),
)


def shift_state(session: Session, volunteer_id: str) -> tuple[ShiftRow | None, datetime | None]:
    """The volunteer's open shift (if any) and last check-out time, in one round trip."""
    open_id, closed_at = session.execute(_SHIFT_STATE, {"vid": volunteer_id}).one()
    current = session.get(ShiftRow, open_id) if open_id else None
    if isinstance(closed_at, str):  # a bare scalar subquery bypasses the column's type
        closed_at = datetime.fromisoformat(closed_at).replace(tzinfo=UTC)
    return current, closed_at


def last_closed_at(session: Session, volunteer_id: str) -> datetime | None:
    return session.scalar(
        select(func.max(ShiftRow.checked_out_at)).where(
            ShiftRow.volunteer_id == volunteer_id, ShiftRow.status == "closed"
        )
    )


def shift(session: Session, shift_id: str) -> ShiftRow | None:
    return session.get(ShiftRow, shift_id)


def on_duty(session: Session) -> Sequence[tuple[ShiftRow, VolunteerRow]]:
    rows = session.execute(
        select(ShiftRow, VolunteerRow)
        .join(VolunteerRow, VolunteerRow.id == ShiftRow.volunteer_id)
        .where(ShiftRow.status == "open")
        .order_by(ShiftRow.checked_in_at)
    ).all()
    return [(s, v) for s, v in rows]


def on_duty_count(session: Session) -> int:
    return int(
        session.scalar(select(func.count()).select_from(ShiftRow).where(ShiftRow.status == "open"))
        or 0
    )


def open_shifts_before(session: Session, cutoff: datetime) -> Sequence[ShiftRow]:
    return session.scalars(
        select(ShiftRow).where(ShiftRow.status == "open", ShiftRow.checked_in_at <= cutoff)
    ).all()


def shifts_between(
    session: Session, start: datetime, end: datetime
) -> Sequence[tuple[ShiftRow, VolunteerRow]]:
    """Credited shifts (closed or swept) that began in [start, end)."""
    rows = session.execute(
        select(ShiftRow, VolunteerRow)
        .join(VolunteerRow, VolunteerRow.id == ShiftRow.volunteer_id)
        .where(
            ShiftRow.checked_in_at >= start,
            ShiftRow.checked_in_at < end,
            ShiftRow.status.in_(("closed", "auto_closed")),
        )
        .order_by(VolunteerRow.number, ShiftRow.checked_in_at)
    ).all()
    return [(s, v) for s, v in rows]


def flagged_shifts(session: Session) -> Sequence[tuple[ShiftRow, VolunteerRow]]:
    rows = session.execute(
        select(ShiftRow, VolunteerRow)
        .join(VolunteerRow, VolunteerRow.id == ShiftRow.volunteer_id)
        .where(ShiftRow.flagged.is_(True))
        .order_by(ShiftRow.checked_in_at.desc())
    ).all()
    return [(s, v) for s, v in rows]


def admin(session: Session, role: str) -> AdminRow | None:
    return session.get(AdminRow, role)


def active_admin_accounts(session: Session) -> Sequence[AdminAccountRow]:
    return session.scalars(
        select(AdminAccountRow)
        .where(AdminAccountRow.active.is_(True))
        .order_by(AdminAccountRow.account_id)
    ).all()


def attempt(session: Session, subject: str) -> AttemptRow | None:
    return session.get(AttemptRow, subject)


def pending_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


# --- people served (人次) -------------------------------------------------------------------


def people_served(session: Session, day: str) -> int:
    """People served on one local day ("YYYY-MM-DD"), all services and audiences."""
    total = session.scalar(
        select(func.coalesce(func.sum(ServiceUseDayRow.people), 0)).where(
            ServiceUseDayRow.day == day
        )
    )
    return int(total or 0)


def served_by_service(session: Session, day: str) -> list[tuple[str, str, int, int]]:
    """(service id, audience, people, uses) lines of one local day, by service then audience."""
    rows = session.execute(
        select(
            ServiceUseDayRow.service_id,
            ServiceUseDayRow.audience,
            ServiceUseDayRow.people,
            ServiceUseDayRow.uses,
        )
        .where(ServiceUseDayRow.day == day)
        .order_by(ServiceUseDayRow.service_id, ServiceUseDayRow.audience)
    ).all()
    return [(r.service_id, r.audience, int(r.people), int(r.uses)) for r in rows]


def enrolled_hub_url(session: Session) -> str | None:
    """The hub this kiosk enrolled with, if any (read only: never creates the sync state)."""
    row = session.get(SyncStateRow, 1)
    return None if row is None else row.hub_url


# --- phone charging -----------------------------------------------------------------------


def charging_session(session: Session, session_id: str) -> ChargingSessionRow | None:
    return session.get(ChargingSessionRow, session_id)


def open_charging(session: Session, kiosk_id: str) -> Sequence[ChargingSessionRow]:
    """Open sessions of one kiosk's slots, oldest first (one per busy slot).

    Slots belong to a kiosk: the other exit's locker "1" is not this kiosk's locker "1".
    """
    return session.scalars(
        select(ChargingSessionRow)
        .where(ChargingSessionRow.status == "open", ChargingSessionRow.kiosk_id == kiosk_id)
        .order_by(ChargingSessionRow.started_at)
    ).all()


def open_charging_station(session: Session) -> Sequence[ChargingSessionRow]:
    """Open sessions at every kiosk of the station, oldest first (the dashboard's figure)."""
    return session.scalars(
        select(ChargingSessionRow)
        .where(ChargingSessionRow.status == "open")
        .order_by(ChargingSessionRow.started_at)
    ).all()


def open_charging_in_slot(session: Session, slot: str, kiosk_id: str) -> ChargingSessionRow | None:
    return session.scalars(
        select(ChargingSessionRow)
        .where(
            ChargingSessionRow.status == "open",
            ChargingSessionRow.kiosk_id == kiosk_id,
            ChargingSessionRow.slot == slot,
        )
        .order_by(ChargingSessionRow.started_at)
        .limit(1)
    ).first()


def overdue_charging_count(session: Session, started_before: datetime, kiosk_id: str) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(ChargingSessionRow)
            .where(
                ChargingSessionRow.status == "open",
                ChargingSessionRow.kiosk_id == kiosk_id,
                ChargingSessionRow.started_at <= started_before,
            )
        )
        or 0
    )


# --- local catalogue edits ----------------------------------------------------------------


def catalogue_edits(session: Session) -> list[CatalogueEdit]:
    """Every local admin edit of the catalogue (few: a station edits a handful a year)."""
    rows = session.scalars(select(CatalogueEditRow)).all()
    edits = []
    for row in rows:
        body = json.loads(row.body)
        edits.append(
            CatalogueEdit(
                service_id=row.service_id,
                occurred_at=row.occurred_at,
                kiosk_id=row.kiosk_id,
                seq=row.seq,
                values={k: body.get(k) for k in EDIT_FIELDS},
                reset=bool(body.get("reset")),
            )
        )
    return edits


def item_edits(session: Session) -> list[ItemEdit]:
    """Every local admin edit of slots, lending and medicine items (a handful a year)."""
    edits = []
    for row in session.scalars(select(ItemSettingRow)).all():
        body = json.loads(row.body)
        target = Target(row.target)
        edits.append(
            ItemEdit(
                target=target,
                item_id=row.item_id,
                occurred_at=row.occurred_at,
                kiosk_id=row.kiosk_id,
                seq=row.seq,
                values={k: body.get(k) for k in FIELDS[target]},
                reset=bool(body.get("reset")),
            )
        )
    return edits
