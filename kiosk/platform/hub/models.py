"""SQLAlchemy 2.0 typed models of the hub's schema (PostgreSQL in production, SQLite to try out).

The schema itself is owned by the Alembic migrations in db/hub; these models name the tables for
queries and let `alembic check` compare. `txid` is PostgreSQL's xid8 of the writing transaction,
the basis of the gap-free pull (see repository.py); on SQLite it stays NULL.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    FetchedValue,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, BIT
from sqlalchemy.dialects.postgresql import base as postgresql_base
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import UserDefinedType

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BIGINT on PostgreSQL; INTEGER PRIMARY KEY on SQLite so it is the rowid (autoincrementing).
BigId = BigInteger().with_variant(Integer(), "sqlite")


class XID8(UserDefinedType[int]):
    """PostgreSQL's 64-bit transaction id type (`pg_current_xact_id()`)."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "xid8"


# Let reflection (alembic check) recognise the column type.
postgresql_base.ischema_names.setdefault("xid8", XID8)

# FetchedValue: the ORM must leave the column out of INSERTs so PostgreSQL's default
# (pg_current_xact_id(), set by the migration) fills it.
TxId = BigInteger().with_variant(XID8(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """timestamptz on PostgreSQL, naive UTC on SQLite; always returns aware UTC datetimes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    name_en: Mapped[str | None] = mapped_column(String(80))  # None: English pages show `name`
    # Opening hours, "HH:MM" in the hub's time zone; both None: open all day (opening.py).
    opens_at: Mapped[str | None] = mapped_column(String(5))
    closes_at: Mapped[str | None] = mapped_column(String(5))
    # The region (片区) the centre groups it in, free text; None: "未分区 / No region".
    region: Mapped[str | None] = mapped_column(String(40))

    def name_in(self, lang: str) -> str:
        """The name a page in `lang` shows: the English one if the station has it."""
        return self.name_en or self.name if lang == "en" else self.name


class Kiosk(Base):
    """An enrolled device. `token_hash` is sha256 of a 256-bit random token (high entropy, so a
    fast hash suffices and the lookup is an index hit)."""

    __tablename__ = "kiosks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime())
    clock_offset_s: Mapped[float | None] = mapped_column(Float)
    pending: Mapped[int | None] = mapped_column(BigInteger)  # unsent at its last push; NULL unknown
    # What the kiosk last reported of itself (POST /v1/sync/health); NULL: never reported.
    app_version: Mapped[str | None] = mapped_column(String(32))
    disk_free_mb: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(String(300))
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    health_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class EnrolCode(Base):
    """A one-time enrolment code: only its sha256 is stored; short-lived and single use."""

    __tablename__ = "enrol_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    kiosk_id: Mapped[str | None] = mapped_column(String(64))


# Schema objects one database has and the other not (h0014: PostgreSQL's events table is
# partitioned, its dedup is in `event_keys`; SQLite's stays one table with its unique
# constraints). `ddl_if` keeps them out of the other's create_all, the marker out of its
# `alembic check` (`schema_filter`).
ONLY_ON = "only_on"
_ON_POSTGRESQL = {ONLY_ON: "postgresql"}
_ON_SQLITE = {ONLY_ON: "sqlite"}
# The monthly and default partitions of `events` (made by the hub, not the models).
EVENTS_PARTITION = re.compile(r"^events_(\d{4}_\d{2}|default)$")


def schema_filter(dialect: str) -> Callable[[Any, str | None, str, bool, Any], bool]:
    """Alembic's `include_object` for `dialect`: leaves out the objects the models keep for the
    other database, and the events table's partitions."""

    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if type_ == "table" and name is not None and EVENTS_PARTITION.match(name):
            return False
        model = compare_to if reflected else obj
        only = getattr(model, "info", {}).get(ONLY_ON) if model is not None else None
        return only is None or only == dialect

    return include


class HubEvent(Base):
    """An accepted event. `hub_seq` is the hub's arrival order across kiosks.

    On PostgreSQL the table is partitioned by month of `received_at` (its primary key there is
    (hub_seq, received_at)); the unique id and (kiosk_id, seq) are kept by `EventKey`, where
    an event is also found by (kiosk_id, seq)."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("id", name="uq_events_id", info=_ON_SQLITE).ddl_if(dialect="sqlite"),
        UniqueConstraint("kiosk_id", "seq", name="uq_events_kiosk_id_seq", info=_ON_SQLITE).ddl_if(
            dialect="sqlite"
        ),
        Index("ix_events_station_feed", "station_id", "txid", "hub_seq"),
        Index("ix_events_kind_station", "kind", "station_id", "occurred_at"),
        Index("ix_events_id", "id", info=_ON_POSTGRESQL).ddl_if(dialect="postgresql"),
    )

    hub_seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36))
    station_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    txid: Mapped[int | None] = mapped_column(TxId, server_default=FetchedValue())


class EventKey(Base):
    """PostgreSQL: one row per stored event, the dedup a partitioned `events` cannot hold
    (unique by id and by (kiosk_id, seq)); written with its event, in the same statement or
    transaction, and kept when the event's month is archived."""

    __tablename__ = "event_keys"
    __table_args__ = (
        UniqueConstraint("kiosk_id", "seq", name="uq_event_keys_kiosk_id_seq"),
        {"info": _ON_POSTGRESQL},
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    # The event's partition key: `JOIN events e ON (e.id, e.received_at) = (k.id,
    # k.received_at)` reads one partition's index, not every month's.
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ArchivedMonth(Base):
    """PostgreSQL: a month of events detached into the `events_archive` schema
    (`kiosk-hub archive-events`), so a rebuild reads it and knows when it has gone."""

    __tablename__ = "events_archived"
    __table_args__ = ({"info": _ON_POSTGRESQL},)

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "YYYY-MM"
    table_name: Mapped[str] = mapped_column(String(63))
    rows: Mapped[int] = mapped_column(BigInteger)
    archived_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Reject(Base):
    """An event the hub refused (bad payload, wrong station, too large): kept for staff to see;
    it still counts toward the kiosk's acked_seq so it never blocks the queue."""

    __tablename__ = "rejects"
    __table_args__ = (UniqueConstraint("kiosk_id", "seq", name="uq_rejects_kiosk_id_seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    event_id: Mapped[str] = mapped_column(String(64))
    station_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConfigRow(Base):
    """One published version of one kind of configuration, for a station or (NULL) for all."""

    __tablename__ = "config_items"
    __table_args__ = (Index("ix_config_items_feed", "txid", "position"),)

    position: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    station_id: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    txid: Mapped[int | None] = mapped_column(TxId, server_default=FetchedValue())


class HubAuthor(Base):
    """The hub writing events itself for a station (a request made on a traveller's phone).

    Each station has one pseudo-kiosk id (`hub:<station>`) whose `last_seq` hands out the next
    dense seq inside the writing transaction, so hub-made events fit the (kiosk_id, seq) rules
    every kiosk-made event follows and reach the station's kiosks through the ordinary pull.
    """

    __tablename__ = "hub_authors"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), unique=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Account(Base):
    """A dashboard login: a centre admin sees every station, a station admin only `stations`."""

    __tablename__ = "accounts"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # centre | station
    stations: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class WebSession(Base):
    """A signed-in browser: only sha256 of the cookie's token is kept; the CSRF token goes in
    every form and must come back with every POST."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(ForeignKey("accounts.username"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RateBucket(Base):
    """One client's token bucket of one web limiter (`key` = "<limiter>:<client>"), shared by
    every worker process; `at` is wall-clock epoch seconds of the last refill."""

    __tablename__ = "rate_buckets"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    at: Mapped[float] = mapped_column(Float, index=True)
    granted: Mapped[bool] = mapped_column(Boolean)  # whether the last take spent a token


class StationWebhook(Base):
    """A robot the hub calls for a station's emergencies and urgent requests: a WeCom (企业微信)
    group robot, a DingTalk (钉钉) robot or a generic JSON receiver. `secret` is DingTalk's
    signing secret (加签), when the robot has one. Turned off, never deleted: its deliveries
    stay in the log."""

    __tablename__ = "station_webhooks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # wecom | dingtalk | json
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str | None] = mapped_column(String(200))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WebhookDelivery(Base):
    """One event sent (or being sent) to one webhook: its attempts and how the last one went.
    One row per (webhook, event), so a pushed event resent by a kiosk is not announced twice."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("webhook_id", "event_id"),
        Index("ix_webhook_deliveries_station_id_id", "station_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    webhook_id: Mapped[str] = mapped_column(ForeignKey("station_webhooks.id"))
    station_id: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str] = mapped_column(String(64))
    event_kind: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(120))  # the notice's "zh / en" title
    status: Mapped[str] = mapped_column(String(16))  # sending | delivered | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HubSubjectKey(Base):
    """One subject's data key (a request, a wish, a loan) for a station, wrapped by the hub's
    master key (a file outside the database, docs/privacy.md). Never in an event: deleting the
    row erases the subject's personal data on the hub, its events stay as they are."""

    __tablename__ = "subject_keys"

    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64), index=True)
    wrapped: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HubErasedSubject(Base):
    """A subject whose key the hub destroyed (on request or after retention): a key a kiosk
    uploads again for it is refused."""

    __tablename__ = "erased_subjects"

    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime())


# --- read models (docs/hub.md "Read models"): kept in the push transaction by the hub parts'
# `ReadModel`s (kiosk/platform/hub/read_models.py), rebuilt from the events by
# `kiosk-hub rebuild-read-models`. The centre's reports read these, never the raw events.


class UsageDaily(Base):
    """人次 of one station's local day, service and audience group (service.used, summed)."""

    __tablename__ = "usage_daily"
    # A range across every station reads its days' lines only (the key leads with the station).
    # Not covering: a push's upsert changes only people and records, which PostgreSQL then
    # updates in place (HOT) without touching either index (#15, h0015).
    __table_args__ = (Index("ix_usage_daily_day", "day", "station_id"),)

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # the station's local day
    service_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    audience: Mapped[str] = mapped_column(String(32), primary_key=True)
    people: Mapped[int] = mapped_column(BigInteger)  # the uses' counts, summed
    records: Mapped[int] = mapped_column(BigInteger)  # how many uses were recorded


class UsageMonthly(Base):
    """`usage_daily` summed by the station's local month ("2026-11"), kept beside it in the same
    statement: a year's page reads 12 rows a line instead of 365 (#15)."""

    __tablename__ = "usage_monthly"

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    audience: Mapped[str] = mapped_column(String(32), primary_key=True)
    people: Mapped[int] = mapped_column(BigInteger)
    records: Mapped[int] = mapped_column(BigInteger)


class UsageStationDaily(Base):
    """`usage_daily` summed over a station's groups: its 人次 of each local day (#15, h0017).
    The centre's per-station bars, totals and day chart read one row a station and day,
    not one a group; keyed by day first, as every page reads a range of days."""

    __tablename__ = "usage_station_daily"
    # A range's rows, read from the index alone (h0022): the rows are written in the order uses
    # arrive, not by day, so a bitmap scan of a 30-day range touched nearly every heap page of
    # two years' history (3,764 of 3,8xx at 1M events). Not HOT any more: an upsert writes this
    # index too, one row a station and day a push (#15).
    __table_args__ = (
        Index(
            "ix_usage_station_daily_sums",
            "day",
            "station_id",
            postgresql_include=["people", "records"],
            info=_ON_POSTGRESQL,
        ).ddl_if(dialect="postgresql"),
    )

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    people: Mapped[int] = mapped_column(BigInteger)
    records: Mapped[int] = mapped_column(BigInteger)


class UsageStationMonthly(Base):
    """`usage_station_daily` summed by the station's local month ("2026-11"): a year's page
    reads 12 rows a station (#15, h0017)."""

    __tablename__ = "usage_station_monthly"
    __table_args__ = (  # as usage_station_daily's (h0022)
        Index(
            "ix_usage_station_monthly_sums",
            "month",
            "station_id",
            postgresql_include=["people", "records"],
            info=_ON_POSTGRESQL,
        ).ddl_if(dialect="postgresql"),
    )

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    people: Mapped[int] = mapped_column(BigInteger)
    records: Mapped[int] = mapped_column(BigInteger)


# A group's days as bits, one per `day_slot`: a row holds two years (the one before its `year`,
# then its own), so any range within two calendar years (every range of up to a year) reads one
# row a group. BIT on PostgreSQL (53 bytes a year, OR-ed in place by the push), "0"/"1" text on
# SQLite.
USAGE_DAY_SLOTS = 418  # a year's slots
DaySlots = String(2 * USAGE_DAY_SLOTS).with_variant(BIT(2 * USAGE_DAY_SLOTS), "postgresql")


def day_slot(day: str) -> int:
    """A use's day ("2026-11-04") as its slot in its year: month × 32 + day, so slots order as
    the day strings do and a range of days is a range of slots. A day the payload's pattern
    admits but no calendar has ("2026-02-30", "2026-13-01", other digits) takes the slot its
    text sorts to, never an error (a rebuild folds every stored event)."""
    month, dom = day[5:7], day[8:10]
    if not (month.isascii() and month.isdigit()) or int(month) > 12:
        return USAGE_DAY_SLOTS - 1  # after the year's every day
    return int(month) * 32 + (min(int(dom), 32) if dom.isascii() and dom.isdigit() else 32)


def day_bits(day: str) -> list[tuple[str, int]]:
    """The (`UsageGroup.year`, bit) a use's day sets: the second half of its year's row and
    the first half of the next year's (none for a year that is not four digits: no range of
    the centre's pages reaches it)."""
    year, slot = day[:4], day_slot(day)
    bits = [(year, USAGE_DAY_SLOTS + slot)]
    if year.isascii() and year.isdigit() and year < "9999":
        bits.append((f"{int(year) + 1:04d}", slot))
    return bits


class UsageGroup(Base):
    """Which days of two years a (station, service, audience) group had uses (#15, h0017):
    the centre's 人次 table counts the groups of a range (the pager's rows, and where a page's
    rows begin) from one row a group instead of a distinct over every line of the range."""

    __tablename__ = "usage_groups"

    year: Mapped[str] = mapped_column(String(4), primary_key=True)  # its days: year - 1, year
    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    audience: Mapped[str] = mapped_column(String(32), primary_key=True)
    days: Mapped[str] = mapped_column(DaySlots)


class RosterEntry(Base):
    """One volunteer of a station as the hub's roster views need them (volunteers'
    `station_roster` read model): the events of theirs those views fold (registrations, PINs,
    setup codes, (de)activations, badges, their team-leader account), kept whole in the agreed
    order, and the number their latest registration gives (a sign-in looks them up by it).
    Personal data only as the events hold it: sealed, or scrubbed by an erasure as they are."""

    __tablename__ = "station_roster"
    __table_args__ = (Index("ix_station_roster_number", "station_id", "number"),)

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    volunteer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[str | None] = mapped_column(String(64))  # None until a registration arrives
    events: Mapped[list[Any]] = mapped_column(JSON)


class ShiftFact(Base):
    """One shift as the kiosks' fold sees it (shifts' `fold_shift`), with the events it was
    folded from, so a check-out that arrives in a later push refolds the whole shift."""

    __tablename__ = "shift_facts"
    __table_args__ = (
        Index("ix_shift_facts_station_day", "station_id", "day"),
        Index("ix_shift_facts_day", "day"),  # a range across every station (h0021)
    )

    shift_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    volunteer_id: Mapped[str] = mapped_column(String(64))
    day: Mapped[str | None] = mapped_column(String(10))  # local day of the check-in, if any
    status: Mapped[str] = mapped_column(String(16))
    minutes: Mapped[int] = mapped_column(Integer)  # as clocked (or swept, or amended)
    credited: Mapped[int] = mapped_column(Integer)  # by the hub's hours rule, as kiosks credit
    flagged: Mapped[bool] = mapped_column(Boolean)
    events: Mapped[list[Any]] = mapped_column(JSON)  # the shift's events, compact
    version: Mapped[int] = mapped_column(Integer)  # bumped by every fold (compare-and-set)


class ShiftHoursMonthly(Base):
    """The counted shifts of `shift_facts` (a known day, not cancelled) summed by station,
    volunteer and local month of the check-in, kept by the shifts' fold in the same
    transaction (h0021): a year's hours page groups a row a volunteer and month, not a shift."""

    __tablename__ = "shift_hours_monthly"
    __table_args__ = (Index("ix_shift_hours_monthly_month", "month"),)  # every station's months

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    volunteer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    shifts: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(BigInteger)
    credited: Mapped[int] = mapped_column(BigInteger)
    flagged: Mapped[int] = mapped_column(Integer)  # shifts to review


class ShiftHoursStationMonthly(Base):
    """`shift_hours_monthly` summed over each station's volunteers (h0026): a year's totals
    and month chart read a row a station and month (24,000 at 2,000 stations), not a row a
    volunteer and month (440,000)."""

    __tablename__ = "shift_hours_station_monthly"
    __table_args__ = (Index("ix_shift_hours_station_monthly_month", "month"),)

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    shifts: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(BigInteger)
    credited: Mapped[int] = mapped_column(BigInteger)
    flagged: Mapped[int] = mapped_column(Integer)


class ShiftHoursVolunteerYear(Base):
    """Which months of a year a volunteer has a line in `shift_hours_monthly` at a station
    (bit m - 1 for month m; h0026): the hours table's rows over whole months are the
    volunteers whose months meet the range's, counted from a row a volunteer and year."""

    __tablename__ = "shift_hours_volunteer_years"
    __table_args__ = (Index("ix_shift_hours_volunteer_years_year", "year"),)

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    volunteer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[str] = mapped_column(String(4), primary_key=True)
    months: Mapped[int] = mapped_column(Integer)  # never 0: a year with no line has no row


class MedicineLot(Base):
    """One lot of a station's medicine box: its item, batch and expiry, from its first
    restock in the agreed order (`first_order`: that event's order key as text), as the
    kiosks' `fold_lot` fixes them."""

    __tablename__ = "medicine_lots"

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    lot_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64))
    batch: Mapped[str] = mapped_column(String(64))
    expiry: Mapped[str] = mapped_column(String(10))
    first_order: Mapped[str] = mapped_column(String(160))


class MedicineLotDay(Base):
    """A lot's stock change over one station-local day (restocked minus dispensed and
    discarded): summed up to a day, its stock at that day's end; summed over all, its stock."""

    __tablename__ = "medicine_lot_days"
    __table_args__ = (Index("ix_medicine_lot_days_day", "day"),)  # the days ahead of today

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    lot_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    change: Mapped[int] = mapped_column(BigInteger)


class AedLastCheck(Base):
    """A station's latest daily check (the AED and the box): the `aed.checked` event latest in
    (occurred_at, id), as the kiosks' admin screen reads it."""

    __tablename__ = "aed_last_checks"

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    event_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class StockAlertDay(Base):
    """The medicine box's stock and expiry alerts standing at the end of one station-local day
    (`stock_alerts` on that day's closing stock; None: the box held nothing yet), as counted
    under the items list whose `items_key` it carries. Filled lazily by the alerts page's
    trend; a push of a box change dated D deletes the station's rows from D on."""

    __tablename__ = "stock_alert_days"

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    alerts: Mapped[int | None] = mapped_column(Integer)
    items_key: Mapped[str] = mapped_column(String(32))
    # The alerts themselves, on a station's last day counted only (the alerts open now), and
    # how many of them are urgent (the page's summary reads it without reading the lines).
    lines: Mapped[list[Any] | None] = mapped_column(JSON)
    urgent: Mapped[int | None] = mapped_column(Integer)
    # On a station's last day counted by a view of the whole trend (h0020): the counts of the
    # `TREND_DAYS` days ending on this one, oldest first (None: no box yet), so the page sums
    # a row a station instead of grouping its 30 days' rows.
    trend: Mapped[list[int | None] | None] = mapped_column(JSON(none_as_null=True))


class StockAlertMark(Base):
    """Each station's count of box pushes (bumped with the deletion of its `stock_alert_days`):
    a trend fill writes a station's rows only if no push came between its read and its write."""

    __tablename__ = "stock_alert_marks"

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class HubLoan(Base):
    """One loan as the kiosks' `fold_loan` sees it (#15, h0018): its item, status, when it was
    borrowed (None: only its return or write-off has arrived) and due, and its events (agreed
    order, no borrower's phone), so a later push refolds the whole loan."""

    __tablename__ = "lending_loans"
    __table_args__ = (
        Index("ix_lending_loans_status", "status", "station_id"),
        # a new kiosk's live pass: the station's loans returned before its window (h0027)
        Index("ix_lending_loans_station_returned", "station_id", "returned_at"),
    )

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    loan_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str | None] = mapped_column(String(16))  # out | returned | written_off
    borrowed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # its first return in the agreed order (h0027): only ever moves earlier, as events arrive
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    events: Mapped[list[Any]] = mapped_column(JSON)


class HubLendingStock(Base):
    """Units ever put on (net of taken off) one item's shelf at a station (`lending.stocked`
    summed): the `stocked` of the kiosks' `stock_levels` (#15, h0018)."""

    __tablename__ = "lending_stock"

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item: Mapped[str] = mapped_column(String(64), primary_key=True)
    stocked: Mapped[int] = mapped_column(BigInteger)


class HubChargingSession(Base):
    """One charging session as the kiosks' `fold_charging` sees it (#15, h0018): its slot,
    status (None: its start has not arrived), lock and start, and its events (agreed order,
    no code hash), so a later push refolds the whole session."""

    __tablename__ = "charging_sessions"
    __table_args__ = (
        Index("ix_charging_sessions_status", "status", "started_at"),
        # a new kiosk's live pass: the station's sessions closed before its window (h0027)
        Index("ix_charging_sessions_station_closed", "station_id", "closed_at"),
    )

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    slot: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(16))  # open | collected | closed
    locked: Mapped[bool | None] = mapped_column(Boolean)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # its first collection in the agreed order (h0027): only ever moves earlier
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    events: Mapped[list[Any]] = mapped_column(JSON)


# A ticket waiting or being served (the centre's open list): its states, and what the list shows.
OPEN_TICKETS = "status IN ('ordered', 'accepted', 'received', 'in_progress')"
OPEN_TICKET_COLUMNS = (
    "station_id",
    "kind",
    "aggregate_id",
    "ticket",
    "category",
    "channel",
    "status",
    "response_min",
    "departs_at",
)


class ActivityFact(Base):
    """One activity as the centre's activities page shows it (#15, h0025), folded by the kiosks'
    own `fold_activity` from the activity's events kept in the row (aggregates.py), so a sign-in
    that arrives in a later push refolds the whole sheet. Until its `activity.created` arrives
    the row holds only its events (`starts_at` None): the page leaves it out."""

    __tablename__ = "activity_facts"
    __table_args__ = (
        Index("ix_activity_facts_station_starts", "station_id", "starts_at"),
        Index("ix_activity_facts_starts", "starts_at"),  # a range across every station
    )

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    activity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str | None] = mapped_column(String(16))
    place: Mapped[str | None] = mapped_column(String(64))
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    invited: Mapped[int | None] = mapped_column(Integer)  # how many (0: everyone)
    signed: Mapped[int | None] = mapped_column(Integer)  # people signed in, as the fold counts
    cancelled: Mapped[bool | None] = mapped_column(Boolean)
    credited_minutes: Mapped[int | None] = mapped_column(Integer)
    who: Mapped[list[Any] | None] = mapped_column(JSON)  # who signed in, in sign-in order
    events: Mapped[list[Any]] = mapped_column(JSON)  # the activity's events, compact


class TicketFact(Base):
    """One request or wish (a ticket) as the kiosks' folds see it (`fold_request`,
    `fold_wish`), with the ids of the events it was folded from, so an accept or an answer that
    arrives in a later push refolds the whole ticket. Until its opening event arrives the row
    holds only its events (`status` and `made_at` None): the centre's pages leave it out."""

    __tablename__ = "ticket_facts"
    # The key leads with the id: a push finds its tickets' rows by id (the pages go by the
    # (station, made_at) index).
    __table_args__ = (
        PrimaryKeyConstraint("aggregate_id", "kind", "station_id"),
        Index("ix_ticket_facts_station_made_at", "station_id", "made_at"),
        # A range across every station, read from this index alone (h0022): the counts and
        # the medians need no ticket's row (nor its event ids); without it each read the
        # whole table, every ticket of the history (#15).
        Index(
            "ix_ticket_facts_made_at",
            "made_at",
            postgresql_include=["station_id", "kind", "status", "day", "response_min"],
            info=_ON_POSTGRESQL,
        ).ddl_if(dialect="postgresql"),
        # The open ones of a range (the page's list of 50, the CSV): a few in a hundred.
        Index(
            "ix_ticket_facts_open",
            "made_at",
            postgresql_include=list(OPEN_TICKET_COLUMNS),
            postgresql_where=text(OPEN_TICKETS),
            info=_ON_POSTGRESQL,
        ).ddl_if(dialect="postgresql"),
    )

    station_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))  # request | wish
    aggregate_id: Mapped[str] = mapped_column(String(64))  # its request_id or wish_id
    ticket: Mapped[str | None] = mapped_column(String(16))  # the six-digit number
    category: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(16))  # as the fold says (rated kept)
    train: Mapped[str | None] = mapped_column(String(16))
    made_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    day: Mapped[str | None] = mapped_column(String(10))  # local day it was made
    departs_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the winning accept
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # done, called off, answered
    response_min: Mapped[float | None] = mapped_column(Float)  # ordered → accepted, minutes
    flagged: Mapped[bool] = mapped_column(Boolean)
    events: Mapped[list[Any]] = mapped_column(JSON)  # the ticket's event ids
    version: Mapped[int] = mapped_column(Integer)  # bumped by every fold (compare-and-set)


class TicketMonth(Base):
    """The tickets made at a station in a local month (`ticket_facts.day`'s month), summed
    (h0028): a year's tickets page reads whole months from here, a row a station and month
    (24,000 at 2,000 stations), and only its part-months at the ends from `ticket_facts`
    (200,000 tickets a year at 20M events). Each status the state filter can ask for has its
    count; `response_min` holds the minutes to accept of every accepted request of the
    month, in order, so the page's medians stay exact (`statistics.median` of the union).
    Kept in the push by the tickets' fold (ticket_facts.py), a month with no ticket has no
    row."""

    __tablename__ = "ticket_months"
    __table_args__ = (Index("ix_ticket_months_month", "month"),)

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-11"
    requests: Mapped[int] = mapped_column(Integer)
    ordered: Mapped[int] = mapped_column(Integer)  # requests waiting for a volunteer
    accepted: Mapped[int] = mapped_column(Integer)  # requests a volunteer took, not done
    done: Mapped[int] = mapped_column(Integer)  # completed or rated
    cancelled: Mapped[int] = mapped_column(Integer)
    wishes: Mapped[int] = mapped_column(Integer)
    received: Mapped[int] = mapped_column(Integer)  # wishes not taken up yet
    in_progress: Mapped[int] = mapped_column(Integer)
    # float8[] on PostgreSQL (read as floats, not parsed from JSON text), a JSON list on SQLite
    response_min: Mapped[list[float]] = mapped_column(
        JSON().with_variant(ARRAY(Float()), "postgresql")
    )


class HubListFigure(Base):
    """One figure of one station's three lists (#15, h0023): `needs.open`, `resources.venue`,
    `projects.done`, `units`, and per month of completion `done.2026-12` (projects completed)
    and `met.2026-12` (needs they met), as the kiosks' folds count them
    (kiosk.features.lists.hub.figures). A figure of zero has no row. The lists page sums them
    in SQL per station, region and province instead of folding every station's lists a view."""

    __tablename__ = "list_figures"

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    figure: Mapped[str] = mapped_column(String(32), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class HubTrainingRecord(Base):
    """One training record (a certificate line) as the kiosks' `fold_training` sees it (#15,
    h0024): `listed` when it was recorded and not voided, its fields as corrected, and its
    events (agreed order), so a later correction or void refolds the whole record. The
    centre's training page reads a page of these rows instead of folding every record."""

    __tablename__ = "training_records"
    __table_args__ = (Index("ix_training_records_station", "station_id", "expires_on"),)

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    training_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    listed: Mapped[bool] = mapped_column(Boolean)  # recorded, not voided
    volunteer_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str | None] = mapped_column(String(32))
    trained_on: Mapped[str | None] = mapped_column(String(10))  # ISO day
    trainer: Mapped[str | None] = mapped_column(String(80))
    certificate_no: Mapped[str | None] = mapped_column(String(80))
    expires_on: Mapped[str | None] = mapped_column(String(10))  # ISO day; None: no expiry
    events: Mapped[list[Any]] = mapped_column(JSON)


class HubRotaLine(Base):
    """One rota line (a weekly pattern or a one-off shift) as the kiosks' `fold_entry` sees it
    (#15, h0024): `listed` when it was set and not removed, its setting, the time it was set
    (the page shows lines set within its look-back, as it did) and `sort_at`, the time the page
    orders by ("HH:MM" of a pattern, the UTC minute "YYYY-MM-DD HH:MM" of a one-off), and its
    events (agreed order; no-shows and swaps are not the line's), so a removal refolds it."""

    __tablename__ = "rota_lines"
    __table_args__ = (Index("ix_rota_lines_station", "station_id", "weekday", "sort_at"),)

    station_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rota_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    listed: Mapped[bool] = mapped_column(Boolean)  # set, not removed
    volunteer_id: Mapped[str | None] = mapped_column(String(64))
    set_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    weekday: Mapped[int | None] = mapped_column(Integer)  # None: a one-off shift
    starts: Mapped[str | None] = mapped_column(String(5))  # a pattern's "HH:MM"
    ends: Mapped[str | None] = mapped_column(String(5))
    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_until: Mapped[str | None] = mapped_column(String(10))
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # a one-off's
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sort_at: Mapped[str | None] = mapped_column(String(16))
    events: Mapped[list[Any]] = mapped_column(JSON)
