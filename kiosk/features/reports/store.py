"""Read-only aggregate queries over the projections for the dashboard and the monthly report.

Days are the station's local days as the service_use_days projection stores them
("YYYY-MM-DD" text, so a range is a primary-key range scan); times are UTC moments.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.features.charging.store import ChargingSessionRow
from kiosk.features.shifts.store import ShiftRow
from kiosk.features.uses.store import ServiceUseDayRow
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store.models import OutboxRow, SyncRejectRow, SyncStateRow


def people_by_service_audience(
    session: Session, first_day: str, last_day: str
) -> list[tuple[str, str, int]]:
    """(service id, audience, people) summed over the local days first..last (inclusive)."""
    rows = session.execute(
        select(
            ServiceUseDayRow.service_id,
            ServiceUseDayRow.audience,
            func.sum(ServiceUseDayRow.people),
        )
        .where(ServiceUseDayRow.day >= first_day, ServiceUseDayRow.day <= last_day)
        .group_by(ServiceUseDayRow.service_id, ServiceUseDayRow.audience)
        .order_by(ServiceUseDayRow.service_id, ServiceUseDayRow.audience)
    ).all()
    return [(str(r[0]), str(r[1]), int(r[2] or 0)) for r in rows]


def people_by_day(session: Session, first_day: str, last_day: str) -> list[tuple[str, int]]:
    """(local day, people) for the days that had any use."""
    rows = session.execute(
        select(ServiceUseDayRow.day, func.sum(ServiceUseDayRow.people))
        .where(ServiceUseDayRow.day >= first_day, ServiceUseDayRow.day <= last_day)
        .group_by(ServiceUseDayRow.day)
        .order_by(ServiceUseDayRow.day)
    ).all()
    return [(str(r[0]), int(r[1] or 0)) for r in rows]


def credited_shifts(
    session: Session, start: datetime, end: datetime, volunteer_id: str | None = None
) -> Sequence[tuple[ShiftRow, VolunteerRow]]:
    """Closed or swept shifts begun in [start, end), optionally of one volunteer."""
    statement = (
        select(ShiftRow, VolunteerRow)
        .join(VolunteerRow, VolunteerRow.id == ShiftRow.volunteer_id)
        .where(
            ShiftRow.checked_in_at >= start,
            ShiftRow.checked_in_at < end,
            ShiftRow.status.in_(("closed", "auto_closed")),
        )
        .order_by(VolunteerRow.number, ShiftRow.checked_in_at)
    )
    if volunteer_id is not None:
        statement = statement.where(ShiftRow.volunteer_id == volunteer_id)
    return [(s, v) for s, v in session.execute(statement).all()]


def charging_between(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Sessions begun in [start, end) by how they stand: open, collected (code), closed (staff),
    and how many of them were flagged."""
    rows = session.execute(
        select(ChargingSessionRow.status, func.count(), func.sum(ChargingSessionRow.flagged))
        .where(ChargingSessionRow.started_at >= start, ChargingSessionRow.started_at < end)
        .group_by(ChargingSessionRow.status)
    ).all()
    found = {"open": 0, "collected": 0, "closed": 0, "flagged": 0}
    for status, count, flagged in rows:
        found[str(status)] = found.get(str(status), 0) + int(count)
        found["flagged"] += int(flagged or 0)
    return found


def sync_overview(session: Session) -> tuple[SyncStateRow | None, int, int]:
    """The sync-state row (None before enrolment; never created here), events waiting for the
    hub, and events the hub refused."""
    state = session.get(SyncStateRow, 1)
    pending = int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)
    rejects = int(session.scalar(select(func.count()).select_from(SyncRejectRow)) or 0)
    return state, pending, rejects


def charging_close_reasons(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Sessions begun in [start, end) that staff closed, by the reason they gave."""
    rows = session.execute(
        select(ChargingSessionRow.reason, func.count())
        .where(
            ChargingSessionRow.started_at >= start,
            ChargingSessionRow.started_at < end,
            ChargingSessionRow.status == "closed",
        )
        .group_by(ChargingSessionRow.reason)
    ).all()
    return {str(reason or "other"): int(count) for reason, count in rows}
