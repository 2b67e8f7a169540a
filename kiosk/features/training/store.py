"""The training feature's store: the records (table, projector) and the reads the admin,
the log and the emergency page make."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy import Boolean, Date, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.training.domain import FIRST_AID_KINDS, fold_training
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class TrainingRow(Base):
    """Projection: one training record of a volunteer, as corrected (voided ones kept)."""

    __tablename__ = "training_records"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    volunteer_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    trained_on: Mapped[date] = mapped_column(Date)
    trainer: Mapped[str] = mapped_column(String(40))
    certificate_no: Mapped[str] = mapped_column(String(40))
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    corrections: Mapped[int] = mapped_column(Integer)
    voided: Mapped[bool] = mapped_column(Boolean)
    void_reason: Mapped[str | None] = mapped_column(String(20), nullable=True)

    __table_args__ = (
        Index("ix_training_records_recorded", "recorded_at", "id"),  # log review keyset
        Index("ix_training_records_expires", "expires_on"),  # the expiry warnings
    )


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (TrainingRow,)


def _project_training(session: Session, events: list[Event]) -> object:
    state = fold_training(events)
    if state is not None:
        upsert(session, TrainingRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


PROJECTORS: dict[str, Projector] = {"training.": _project_training}


# --- reads --------------------------------------------------------------------------------------


def records(session: Session, limit: int = 200) -> Sequence[tuple[TrainingRow, str]]:
    """The latest records (voided ones too), newest training first, with the volunteer's name."""
    rows = session.execute(
        select(TrainingRow, VolunteerRow.name)
        .join(VolunteerRow, VolunteerRow.id == TrainingRow.volunteer_id, isouter=True)
        .order_by(TrainingRow.trained_on.desc(), TrainingRow.recorded_at.desc(), TrainingRow.id)
        .limit(limit)
    ).all()
    return [(row, name or row.volunteer_id) for row, name in rows]


def record(session: Session, training_id: str) -> TrainingRow | None:
    return session.get(TrainingRow, training_id)


def expiring(session: Session, until: date) -> Sequence[tuple[TrainingRow, str]]:
    """Records in force (not voided) whose certificate ends on or before `until` (expired ones
    included), soonest first, with the volunteer's name."""
    rows = session.execute(
        select(TrainingRow, VolunteerRow.name)
        .join(VolunteerRow, VolunteerRow.id == TrainingRow.volunteer_id, isouter=True)
        .where(
            TrainingRow.voided.is_(False),
            TrainingRow.expires_on.is_not(None),
            TrainingRow.expires_on <= until,
        )
        .order_by(TrainingRow.expires_on, TrainingRow.id)
    ).all()
    return [(row, name or row.volunteer_id) for row, name in rows]


def first_aid_trained(session: Session, volunteer_ids: set[str], today: date) -> dict[str, str]:
    """Of `volunteer_ids`, who holds a valid first-aid/AED or CPR certificate today: id -> the
    kind of their latest-expiring one."""
    if not volunteer_ids:
        return {}
    rows = session.execute(
        select(TrainingRow.volunteer_id, TrainingRow.kind, TrainingRow.expires_on).where(
            TrainingRow.volunteer_id.in_(volunteer_ids),
            TrainingRow.voided.is_(False),
            TrainingRow.kind.in_(FIRST_AID_KINDS),
        )
    ).all()
    found: dict[str, str] = {}
    for volunteer_id, kind, expires_on in sorted(rows, key=lambda r: (r[1], r[0])):
        if expires_on is None or expires_on >= today:
            found.setdefault(volunteer_id, kind)
    return found


def on_duty(session: Session) -> list[tuple[str, str]]:
    """(id, name) of each volunteer with an open shift at this kiosk's station, once, in
    check-in order (shifts synced from the station's other kiosks included)."""
    from kiosk.features.shifts.store import ShiftRow
    from kiosk.platform.store.models import KioskMeta

    station = select(KioskMeta.station_id).where(KioskMeta.id == 1).scalar_subquery()
    rows = session.execute(
        select(ShiftRow.volunteer_id, VolunteerRow.name)
        .join(VolunteerRow, VolunteerRow.id == ShiftRow.volunteer_id)
        .where(ShiftRow.status == "open", ShiftRow.station_id == station)
        .order_by(ShiftRow.checked_in_at, ShiftRow.id)
    ).all()
    seen: dict[str, str] = {}
    for volunteer_id, name in rows:
        seen.setdefault(volunteer_id, name)
    return list(seen.items())


def volunteer_by_number(session: Session, number: str) -> VolunteerRow | None:
    """The active volunteer with this number (工号), matched without regard to case."""
    return session.scalars(
        select(VolunteerRow).where(VolunteerRow.active.is_(True), VolunteerRow.number.ilike(number))
    ).first()


def number_of(session: Session, volunteer_id: str) -> str:
    row = session.get(VolunteerRow, volunteer_id)
    return row.number if row is not None else volunteer_id


def names(session: Session, volunteer_ids: set[str]) -> dict[str, str]:
    """Volunteers' names by id (an id no longer on the roster is left out)."""
    if not volunteer_ids:
        return {}
    rows = session.execute(
        select(VolunteerRow.id, VolunteerRow.name).where(VolunteerRow.id.in_(volunteer_ids))
    )
    return {vid: name for vid, name in rows}
