"""The activities' store: each activity's sheet and its sign-ins (tables, projector, reads)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import JSON, Boolean, Index, Integer, String, delete, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.activities.domain import ActivityState, fold_activity
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class ActivityRow(Base):
    """Projection: one activity and its sheet's totals."""

    __tablename__ = "activities"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    place: Mapped[str] = mapped_column(String(40))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    invited: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    signed_count: Mapped[int] = mapped_column(Integer)
    cancelled: Mapped[bool] = mapped_column(Boolean)
    credited_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    credited: Mapped[list[str]] = mapped_column(JSON)

    __table_args__ = (Index("ix_activities_starts", "starts_at", "id"),)  # the list, newest


class ActivitySignInRow(Base):
    """Projection: one person's sign-in on an activity's sheet (their first)."""

    __tablename__ = "activity_sign_ins"

    activity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    volunteer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    method: Mapped[str] = mapped_column(String(10))
    kiosk_id: Mapped[str] = mapped_column(String(64))


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (ActivityRow, ActivitySignInRow)


def _project_activity(session: Session, events: list[Event]) -> object:
    state = fold_activity(events)
    if state is None:
        return None
    upsert(
        session,
        ActivityRow.__table__,  # type: ignore[arg-type]
        "id",
        {
            "id": state.id,
            "station_id": state.station_id,
            "kiosk_id": state.kiosk_id,
            "title": state.title,
            "kind": state.kind,
            "place": state.place,
            "starts_at": state.starts_at,
            "ends_at": state.ends_at,
            "invited": state.invited,
            "created_at": state.created_at,
            "signed_count": len(state.sign_ins),
            "cancelled": state.cancelled,
            "credited_minutes": state.credited_minutes,
            "credited": state.credited,
        },
    )
    connection = session.connection()
    connection.execute(delete(ActivitySignInRow).where(ActivitySignInRow.activity_id == state.id))
    if state.sign_ins:
        connection.execute(
            insert(ActivitySignInRow),
            [
                {
                    "activity_id": state.id,
                    "volunteer_id": s.volunteer_id,
                    "signed_at": s.signed_at,
                    "method": s.method,
                    "kiosk_id": s.kiosk_id,
                }
                for s in state.sign_ins
            ],
        )
    return state


PROJECTORS: dict[str, Projector] = {"activity.": _project_activity}


# --- reads --------------------------------------------------------------------------------------


def activities(session: Session, since: datetime, limit: int = 50) -> Sequence[ActivityRow]:
    """Activities ending after `since` (today's and upcoming first), then the latest past ones
    are left to the log; soonest first."""
    return session.scalars(
        select(ActivityRow)
        .where(ActivityRow.ends_at >= since)
        .order_by(ActivityRow.starts_at, ActivityRow.id)
        .limit(limit)
    ).all()


def recent(session: Session, limit: int = 50) -> Sequence[ActivityRow]:
    """The latest activities, newest start first (past ones included)."""
    return session.scalars(
        select(ActivityRow)
        .order_by(ActivityRow.starts_at.desc(), ActivityRow.id.desc())
        .limit(limit)
    ).all()


def activity(session: Session, activity_id: str) -> ActivityRow | None:
    return session.get(ActivityRow, activity_id)


def sign_ins(session: Session, activity_id: str) -> list[tuple[ActivitySignInRow, str, str]]:
    """The sheet's sign-ins in order, each with the volunteer's name and number."""
    rows = session.execute(
        select(ActivitySignInRow, VolunteerRow.name, VolunteerRow.number)
        .join(VolunteerRow, VolunteerRow.id == ActivitySignInRow.volunteer_id, isouter=True)
        .where(ActivitySignInRow.activity_id == activity_id)
        .order_by(ActivitySignInRow.signed_at, ActivitySignInRow.volunteer_id)
    ).all()
    return [(row, name or row.volunteer_id, number or "") for row, name, number in rows]


def people(session: Session, volunteer_ids: list[str]) -> dict[str, tuple[str, str]]:
    """(name, number) by volunteer id."""
    if not volunteer_ids:
        return {}
    rows = session.execute(
        select(VolunteerRow.id, VolunteerRow.name, VolunteerRow.number).where(
            VolunteerRow.id.in_(volunteer_ids)
        )
    )
    return {vid: (name, number) for vid, name, number in rows}


def state_of(row: ActivityRow) -> ActivityState:
    """The row as the domain's state, without its sign-ins (for the rules that need times)."""
    return ActivityState(
        id=row.id,
        station_id=row.station_id,
        kiosk_id=row.kiosk_id,
        title=row.title,
        kind=row.kind,
        place=row.place,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        invited=list(row.invited),
        created_at=row.created_at,
        cancelled=row.cancelled,
        credited_minutes=row.credited_minutes,
        credited=list(row.credited),
    )
