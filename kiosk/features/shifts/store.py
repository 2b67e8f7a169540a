"""The shifts feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Index, Integer, String, bindparam, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.shifts.domain import fold_shift
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import PageProjector, Projector, upsert


class ShiftRow(Base):
    """Projection: one shift, folded from its check-in, check-out, cancel and sweep events."""

    __tablename__ = "shifts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    volunteer_id: Mapped[str] = mapped_column(String(64), index=True)
    station_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checkin_kiosk_id: Mapped[str | None] = mapped_column(String(64))
    checkin_method: Mapped[str | None] = mapped_column(String(16))
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checkout_kiosk_id: Mapped[str | None] = mapped_column(String(64))
    checkout_method: Mapped[str | None] = mapped_column(String(16))
    minutes: Mapped[int | None] = mapped_column(Integer)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    amended: Mapped[bool] = mapped_column(Boolean, default=False)  # minutes set by a reviewer

    __table_args__ = (
        Index("ix_shifts_status_in", "status", "checked_in_at"),
        Index("ix_shifts_in", "checked_in_at"),
        Index("ix_shifts_in_id", "checked_in_at", "id"),  # log review keyset
    )


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (ShiftRow,)


def _project_shift(session: Session, events: list[Event]) -> object:
    state = fold_shift(events)
    if state is not None:
        # `vars`, not `asdict`: the fields are flat, and asdict's deep copy was a tenth of a scan.
        upsert(session, ShiftRow.__table__, "id", dict(vars(state)))  # type: ignore[arg-type]
    return state


def _project_shifts(session: Session, aggregates: list[list[Event]]) -> None:
    """A pulled page's shifts at once: each folded as `_project_shift` folds it, the rows
    written in one executemany."""
    rows = [dict(vars(state)) for events in aggregates if (state := fold_shift(events))]
    if rows:
        upsert(session, ShiftRow.__table__, "id", rows)  # type: ignore[arg-type]


PROJECTORS: dict[str, Projector] = {"shift.": _project_shift}
PAGE_PROJECTORS: dict[str, PageProjector] = {"shift.": _project_shifts}


# --- reads --------------------------------------------------------------------------------------


def open_shift(session: Session, volunteer_id: str) -> ShiftRow | None:
    return session.scalars(
        select(ShiftRow)
        .where(ShiftRow.volunteer_id == volunteer_id, ShiftRow.status == "open")
        .order_by(ShiftRow.checked_in_at.desc())
        .limit(1)
    ).first()


class OpenShift(NamedTuple):
    """What a scan needs of the volunteer's open shift."""

    id: str
    checked_in_at: datetime


def _open_shift_column(column: Any) -> Any:
    return (
        select(column)
        .where(ShiftRow.volunteer_id == bindparam("vid"), ShiftRow.status == "open")
        .order_by(ShiftRow.checked_in_at.desc())
        .limit(1)
        .scalar_subquery()
    )


_SHIFT_STATE = select(
    _open_shift_column(ShiftRow.id),
    _open_shift_column(ShiftRow.checked_in_at),
    select(func.max(ShiftRow.checked_out_at))
    .where(ShiftRow.volunteer_id == bindparam("vid"), ShiftRow.status == "closed")
    .scalar_subquery(),
)


def _utc(value: datetime | str | None) -> datetime | None:
    if isinstance(value, str):  # a bare scalar subquery bypasses the column's type
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value


def shift_state(session: Session, volunteer_id: str) -> tuple[OpenShift | None, datetime | None]:
    """The volunteer's open shift (if any) and last check-out time, in one Core round trip
    (a scan's hot path: no ORM load)."""
    row = session.connection().execute(_SHIFT_STATE, {"vid": volunteer_id}).one()
    open_id, checked_in_at, closed_at = row
    opened = _utc(checked_in_at)
    current = OpenShift(open_id, opened) if open_id and opened is not None else None
    return current, _utc(closed_at)


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
