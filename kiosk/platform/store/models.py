"""SQLAlchemy 2.0 typed models: the event log, the outbox, and the projections folded from it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
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
        Index("ix_charging_sessions_kiosk_slot", "kiosk_id", "status", "slot"),  # own slots
        Index("ix_charging_sessions_started", "started_at"),
        Index("ix_charging_sessions_started_id", "started_at", "id"),  # log review keyset
        Index("ix_charging_sessions_status_started", "status", "started_at", "id"),
    )


class CertificateRow(Base):
    """Projection: one issued volunteer-hours certificate (志愿服务记录证明), as it was issued.

    Name, number and hours are copied from the event, so the record says what the paper says
    even if the roster changes later. `number` is unique across kiosks because it carries the
    issuing kiosk's code and that kiosk's own sequence (see services/certificates.py).
    """

    __tablename__ = "certificates"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    volunteer_id: Mapped[str] = mapped_column(String(64))
    volunteer_name: Mapped[str] = mapped_column(String(40))
    volunteer_number: Mapped[str] = mapped_column(String(32))
    service: Mapped[str] = mapped_column(String(200))
    first_day: Mapped[str] = mapped_column(String(10))
    last_day: Mapped[str] = mapped_column(String(10))
    minutes: Mapped[int] = mapped_column(Integer)
    shifts: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[str] = mapped_column(String(10))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_certificates_number", "number"),
        Index("ix_certificates_kiosk_year", "kiosk_id", "year", "sequence"),
        Index("ix_certificates_volunteer", "volunteer_id", "issued_at"),
    )


class LoanRow(Base):
    """Projection: one loan (借用), folded from its borrow, return and write-off events."""

    __tablename__ = "lending_loans"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item: Mapped[str] = mapped_column(String(32))
    station_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # out | returned | written_off
    method: Mapped[str | None] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(15))
    approved_by: Mapped[str | None] = mapped_column(String(64))
    borrowed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    borrow_kiosk_id: Mapped[str | None] = mapped_column(String(64))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    return_kiosk_id: Mapped[str | None] = mapped_column(String(64))
    written_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(String(16))
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_lending_loans_status_due", "status", "due_at"),  # overdue list
        Index("ix_lending_loans_phone", "phone", "item", "status"),  # return by phone
        Index("ix_lending_loans_item_status", "item", "status"),  # stock recount
        Index("ix_lending_loans_borrowed", "borrowed_at", "id"),  # log review keyset
        Index("ix_lending_loans_status_borrowed", "status", "borrowed_at", "id"),  # log review
    )


class StockMoveRow(Base):
    """Projection: units put on or taken off a shelf (one `lending.stocked` event each)."""

    __tablename__ = "lending_stock_moves"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item: Mapped[str] = mapped_column(String(32), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StockRow(Base):
    """Projection: each item's stock, recounted from moves and loans after every change."""

    __tablename__ = "lending_stock"

    item: Mapped[str] = mapped_column(String(32), primary_key=True)
    stocked: Mapped[int] = mapped_column(Integer)
    out: Mapped[int] = mapped_column(Integer)
    written_off: Mapped[int] = mapped_column(Integer)
    left: Mapped[int] = mapped_column(Integer)  # negative: lent twice offline (flagged)


class CatalogueEditRow(Base):
    """Projection: one local admin edit of a service (a `catalogue.item_set` event)."""

    __tablename__ = "catalogue_edits"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    kiosk_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)  # the event's payload (JSON)


class ItemSettingRow(Base):
    """Projection: one local admin edit of a charging slot, lending or medicine item (an
    `item.*_set` event); `domain.item_settings` folds them all."""

    __tablename__ = "item_settings"
    __table_args__ = (Index("ix_item_settings_target", "target", "item_id"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    target: Mapped[str] = mapped_column(String(16))  # slot | lending | medicine
    item_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    kiosk_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)  # the event's payload (JSON)


class MedicineLotRow(Base):
    """Projection: one batch of one medicine-box item and the units left of it."""

    __tablename__ = "medicine_lots"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # item_id:batch
    item_id: Mapped[str] = mapped_column(String(32))
    batch: Mapped[str] = mapped_column(String(24))
    expiry: Mapped[date] = mapped_column(Date)
    restocked: Mapped[int] = mapped_column(Integer)
    dispensed: Mapped[int] = mapped_column(Integer)
    discarded: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_medicine_lots_item_expiry", "item_id", "expiry"),)


class AedCheckRow(Base):
    """Projection: one daily check of the medicine box and the AED."""

    __tablename__ = "aed_checks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[str] = mapped_column(String(10))  # the station's local day
    box_checked: Mapped[bool] = mapped_column(Boolean)
    light: Mapped[str] = mapped_column(String(8))
    pads_expiry: Mapped[date] = mapped_column(Date)
    battery_expiry: Mapped[date] = mapped_column(Date)
    volunteer_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_aed_checks_checked", "checked_at"),)


class EmergencyRow(Base):
    """Projection: one emergency alert; open while `acknowledged_at` is empty."""

    __tablename__ = "emergencies"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    place_zh: Mapped[str] = mapped_column(String(40))
    place_en: Mapped[str] = mapped_column(String(40))
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by: Mapped[str | None] = mapped_column(String(16))
    ack_actor: Mapped[str | None] = mapped_column(String(64))
    ack_kiosk_id: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_emergencies_open", "acknowledged_at", "raised_at"),)


class IncidentRow(Base):
    """Projection: one first-aid book entry with its corrections applied."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    emergency_id: Mapped[str | None] = mapped_column(String(64))
    happened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(20))
    what: Mapped[str] = mapped_column(String(20))
    first_aid: Mapped[list[str]] = mapped_column(JSON)
    items_used: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    aed_used: Mapped[bool] = mapped_column(Boolean)
    called_120: Mapped[bool] = mapped_column(Boolean)
    outcome: Mapped[str] = mapped_column(String(20))
    attended: Mapped[list[str]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(60))
    recorded_by: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    amendments: Mapped[int] = mapped_column(Integer, default=0)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    void_reason: Mapped[str | None] = mapped_column(String(20))

    __table_args__ = (Index("ix_incidents_happened", "happened_at", "id"),)


class RequestRow(Base):
    """Projection: one help request (点单), from a kiosk or a phone; refused accepts as JSON."""

    __tablename__ = "requests"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ticket: Mapped[str] = mapped_column(String(6))
    category: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(8))
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    train: Mapped[str | None] = mapped_column(String(8))
    departs_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    phone: Mapped[str | None] = mapped_column(String(15))
    text: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16))
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by: Mapped[str | None] = mapped_column(String(64))
    accept_kiosk_id: Mapped[str | None] = mapped_column(String(64))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_by: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(200), default="")
    rating: Mapped[str | None] = mapped_column(String(8))
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    response_s: Mapped[int | None] = mapped_column(Integer)
    completion_s: Mapped[int | None] = mapped_column(Integer)
    refused: Mapped[str] = mapped_column(Text, default="[]")
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_requests_status_ordered", "status", "ordered_at"),  # the open queue
        Index("ix_requests_ticket", "ticket", "ordered_at"),  # lookup: newest with the number
        Index("ix_requests_ordered_id", "ordered_at", "id"),  # log review keyset
        Index("ix_requests_status_ordered_id", "status", "ordered_at", "id"),  # log review
        Index("ix_requests_category_ordered_id", "category", "ordered_at", "id"),  # log review
        Index("ix_requests_helper_ordered", "accepted_by", "ordered_at", "id"),  # log review
    )


class WishRow(Base):
    """Projection: one need or wish (诉求 / 微心愿)."""

    __tablename__ = "wishes"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ticket: Mapped[str] = mapped_column(String(6))
    category: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(8))
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(16))
    answer: Mapped[str] = mapped_column(String(500), default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_wishes_status_submitted", "status", "submitted_at"),
        Index("ix_wishes_ticket", "ticket", "submitted_at"),
        Index("ix_wishes_submitted_id", "submitted_at", "id"),  # log review keyset
        Index("ix_wishes_status_submitted_id", "status", "submitted_at", "id"),  # log review
    )


PROJECTION_TABLES: tuple[Any, ...] = (
    VolunteerRow,
    ShiftRow,
    AdminRow,
    AdminAccountRow,
    ServiceUseRow,
    ServiceUseDayRow,
    ChargingSessionRow,
    CertificateRow,
    LoanRow,
    StockMoveRow,
    StockRow,
    CatalogueEditRow,
    ItemSettingRow,
    MedicineLotRow,
    AedCheckRow,
    EmergencyRow,
    IncidentRow,
    RequestRow,
    WishRow,
)


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
