"""The roll call's store: roll calls taken (table, projector), the read that builds a roll."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import JSON, Index, Integer, Select, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.activities.store import ActivityRow, ActivitySignInRow
from kiosk.features.rollcall.domain import RollEntry, fold_rollcall
from kiosk.features.shifts.store import ShiftRow
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store.models import Base, KioskMeta, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class RollCallRow(Base):
    """Projection: one finished roll call, with who was present and who was missing."""

    __tablename__ = "roll_calls"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
    taker_id: Mapped[str] = mapped_column(String(64))
    present: Mapped[list[str]] = mapped_column(JSON)
    missing: Mapped[list[str]] = mapped_column(JSON)
    present_count: Mapped[int] = mapped_column(Integer)
    missing_count: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_roll_calls_taken", "taken_at", "id"),)  # log review keyset


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (RollCallRow,)


def _project_rollcall(session: Session, events: list[Event]) -> object:
    state = fold_rollcall(events)
    if state is not None:
        upsert(session, RollCallRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


PROJECTORS: dict[str, Projector] = {"rollcall.": _project_rollcall}


# --- reads --------------------------------------------------------------------------------------

# Everyone with an open shift at the station, with their name: one query on the shifts'
# (status, checked_in_at) index, already in check-in order, so the roll is on screen at once.
_CHECKED_IN = (
    select(
        ShiftRow.volunteer_id,
        VolunteerRow.name,
        VolunteerRow.number,
        ShiftRow.checked_in_at,
    )
    .join(VolunteerRow, VolunteerRow.id == ShiftRow.volunteer_id)
    .where(
        ShiftRow.status == "open",
        ShiftRow.station_id
        == select(KioskMeta.station_id).where(KioskMeta.id == 1).scalar_subquery(),
    )
    .order_by(ShiftRow.checked_in_at, ShiftRow.id)
)


def checked_in(session: Session, now: datetime | None = None) -> list[RollEntry]:
    """The roll: each volunteer with an open shift at this kiosk's station, once (two open
    shifts of one volunteer, made at two exits before they synced, are one person), in
    check-in order; then (given `now`) those signed in to an activity under way, not cancelled,
    in sign-in order (a meeting's attendees are in the building too)."""
    seen: set[str] = set()
    entries: list[RollEntry] = []
    rows = session.execute(_CHECKED_IN)
    for volunteer_id, name, number, at in rows:
        if volunteer_id in seen:
            continue
        seen.add(volunteer_id)
        entries.append(RollEntry(volunteer_id, name, number, at))
    if now is not None:
        for volunteer_id, name, number, at in session.execute(_attending(now)):
            if volunteer_id not in seen:
                seen.add(volunteer_id)
                entries.append(RollEntry(volunteer_id, name, number, at))
    return entries


def _attending(now: datetime) -> Select[str, str, str, datetime]:
    """Who signed in to an activity under way now (started, not ended, not cancelled)."""
    return (
        select(
            ActivitySignInRow.volunteer_id,
            VolunteerRow.name,
            VolunteerRow.number,
            ActivitySignInRow.signed_at,
        )
        .join(ActivityRow, ActivityRow.id == ActivitySignInRow.activity_id)
        .join(VolunteerRow, VolunteerRow.id == ActivitySignInRow.volunteer_id)
        .where(
            ActivityRow.cancelled.is_(False),
            ActivityRow.starts_at <= now,
            ActivityRow.ends_at > now,
        )
        .order_by(ActivitySignInRow.signed_at, ActivitySignInRow.volunteer_id)
    )


def roll_calls(session: Session, limit: int = 20) -> Sequence[RollCallRow]:
    """The latest roll calls, newest first."""
    return session.scalars(
        select(RollCallRow)
        .order_by(RollCallRow.taken_at.desc(), RollCallRow.id.desc())
        .limit(limit)
    ).all()


def names(session: Session, volunteer_ids: set[str]) -> dict[str, str]:
    """Volunteers' names by id (an id no longer on the roster is left out)."""
    if not volunteer_ids:
        return {}
    rows = session.execute(
        select(VolunteerRow.id, VolunteerRow.name).where(VolunteerRow.id.in_(volunteer_ids))
    )
    return {vid: name for vid, name in rows}
