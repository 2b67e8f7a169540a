"""SQLAlchemy 2.0 typed models: the event log, the outbox, and the projections folded from it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC as naive ISO text (sortable in SQLite); always returns aware datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class KioskMeta(Base):
    """The one row that says who this kiosk is and how far its own sequence has gone."""

    __tablename__ = "kiosk_meta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    station_id: Mapped[str] = mapped_column(String(64))
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EventRow(Base):
    """One immutable fact. `pos` is the local arrival order; `seq` the author kiosk's order."""

    __tablename__ = "events"

    pos: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(64))
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str | None] = mapped_column(String(64))
    aggregate_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("kiosk_id", "seq", name="uq_events_kiosk_seq"),
        Index("ix_events_aggregate", "aggregate_id", "pos"),
        Index("ix_events_kind_occurred", "kind", "occurred_at", "pos"),
        Index("ix_events_occurred", "occurred_at", "pos"),
        Index("ix_events_kiosk_occurred", "kiosk_id", "occurred_at", "pos"),  # log review
        Index("ix_events_actor_occurred", "actor", "occurred_at", "pos"),  # log review
    )


class OutboxRow(Base):
    """An event of this kiosk not yet acknowledged by the hub, by its dense seq."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), unique=True)


class VolunteerRow(Base):
    """Projection: the roster."""

    __tablename__ = "volunteers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(15), index=True)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())


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


class AdminRow(Base):
    """Projection: admin credentials by role."""

    __tablename__ = "admins"

    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    pin_hash: Mapped[str] = mapped_column(String(200))


class AdminAccountRow(Base):
    """Projection: named admin accounts (station admins and team leaders) by account id."""

    __tablename__ = "admin_accounts"

    account_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(32))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class LocalSettingRow(Base):
    """Local-only: settings an admin changed on this kiosk's screen (JSON values), laid over
    the installer's TOML and environment at start. Each change is also an audit event."""

    __tablename__ = "local_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(400))


class AttemptRow(Base):
    """Local-only security state (never synced, not an event): wrong-attempt counters."""

    __tablename__ = "attempts"

    subject: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ServiceUseRow(Base):
    """Projection: one recorded use (人次), by its use id, so folding it twice changes nothing."""

    __tablename__ = "service_uses"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[str] = mapped_column(String(10))  # the station's local day, YYYY-MM-DD
    service_id: Mapped[str] = mapped_column(String(64))
    audience: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_service_uses_key", "day", "service_id", "audience"),
        Index("ix_service_uses_occurred", "occurred_at", "id"),  # log review keyset
        Index("ix_service_uses_service", "service_id", "occurred_at", "id"),
    )


class ServiceUseDayRow(Base):
    """Projection: people served per local day, service and audience (the 人次 reports)."""

    __tablename__ = "service_use_days"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    audience: Mapped[str] = mapped_column(String(16), primary_key=True)
    people: Mapped[int] = mapped_column(Integer)  # the sum of counts: 人次
    uses: Mapped[int] = mapped_column(Integer)  # taps recorded


class ChargingSessionRow(Base):
    """Projection: one phone-charging session; a slot is busy while it has an open one."""

    __tablename__ = "charging_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    slot: Mapped[str] = mapped_column(String(16))
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    code_hash: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))  # open | collected | closed
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    closed_actor: Mapped[str | None] = mapped_column(String(64))
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_charging_sessions_status_slot", "status", "slot"),
        Index("ix_charging_sessions_started", "started_at"),
    )


PROJECTION_TABLES: tuple[Any, ...] = (
    VolunteerRow,
    ShiftRow,
    AdminRow,
    AdminAccountRow,
    ServiceUseRow,
    ServiceUseDayRow,
    ChargingSessionRow,
)


class SyncStateRow(Base):
    """Local-only: where this kiosk syncs, how far it has pulled, and how the last try went."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hub_url: Mapped[str | None] = mapped_column(String(300))
    cursor: Mapped[str] = mapped_column(String(120), default="")
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    clock_offset_s: Mapped[float | None] = mapped_column()
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(300))


class SyncRejectRow(Base):
    """An event of this kiosk the hub refused: kept for staff to see, never blocking the queue."""

    __tablename__ = "sync_rejects"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(300))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConfigItemRow(Base):
    """Configuration published on the hub (read-only here); the latest version of each wins."""

    __tablename__ = "config_items"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    scope: Mapped[str] = mapped_column(String(64), primary_key=True)  # station id, or "*"
    version: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    body: Mapped[str] = mapped_column(Text)
