"""Reads for the medicine box, daily checks, emergencies and incidents (their projections)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.platform.store.models import AedCheckRow, EmergencyRow, IncidentRow, MedicineLotRow


def lots(session: Session) -> Sequence[MedicineLotRow]:
    """Every lot, by item then earliest expiry (the order the box is used in)."""
    return session.scalars(
        select(MedicineLotRow).order_by(MedicineLotRow.item_id, MedicineLotRow.expiry)
    ).all()


def lot(session: Session, lot_id: str) -> MedicineLotRow | None:
    return session.get(MedicineLotRow, lot_id)


def latest_check(session: Session) -> AedCheckRow | None:
    return session.scalars(
        select(AedCheckRow).order_by(AedCheckRow.checked_at.desc()).limit(1)
    ).first()


def open_emergencies(session: Session) -> Sequence[EmergencyRow]:
    return session.scalars(
        select(EmergencyRow)
        .where(EmergencyRow.acknowledged_at.is_(None))
        .order_by(EmergencyRow.raised_at)
    ).all()


def emergency(session: Session, emergency_id: str) -> EmergencyRow | None:
    return session.get(EmergencyRow, emergency_id)


def incidents(session: Session, limit: int = 50) -> Sequence[IncidentRow]:
    return session.scalars(
        select(IncidentRow)
        .order_by(IncidentRow.happened_at.desc(), IncidentRow.id.desc())
        .limit(limit)
    ).all()


def incident(session: Session, incident_id: str) -> IncidentRow | None:
    return session.get(IncidentRow, incident_id)
