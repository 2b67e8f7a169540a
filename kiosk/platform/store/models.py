"""SQLAlchemy 2.0 typed models of the platform: the one `Base` (its naming convention), the
event log, the outbox, sync state and local-only settings. Each feature's projection tables are
in its `store.py` (`TABLES`), on this same `Base`."""

from __future__ import annotations

from datetime import UTC, datetime

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


class PreferenceRow(Base):
    """Local-only (never synced, not an event): choices made on this device, such as the
    folder exports are written to (a USB stick is plugged into one kiosk, not the station).
    Kept apart from `local_settings`, whose rows are all overrides of `Settings` fields."""

    __tablename__ = "local_preferences"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


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
    # What pulls brought that this kiosk refused (kiosk.platform.sync.inbound): how many, and the
    # last.
    pull_refused: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_refusal: Mapped[str | None] = mapped_column(String(300))
    # A new kiosk's first pull (docs/hub.md): None (never began; an older kiosk), "live" (the
    # live pass under way, at `live_cursor`), "history" (the live state is in, the history
    # arriving from cursor ""), "done".
    live_state: Mapped[str | None] = mapped_column(String(16))
    live_cursor: Mapped[str] = mapped_column(String(120), default="", server_default="")


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


class SubjectKeyRow(Base):
    """Local-only, never an event: one subject's data key (a request, a wish, a loan), wrapped
    by the master key kept outside the database. Deleting the row erases the subject's personal
    data on this kiosk (docs/privacy.md); the events stay as they are."""

    __tablename__ = "subject_keys"

    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    wrapped: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ErasedSubjectRow(Base):
    """Local-only: a subject whose key was destroyed here (by erasure or retention), so a key
    arriving later (a resent pull page) is never stored again."""

    __tablename__ = "erased_subjects"

    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime())
