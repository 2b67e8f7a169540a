"""The wire protocol between kiosk and hub (DESIGN §3), as pydantic models both sides import.

One module, no I/O and no Qt, so the kiosk's client and the hub validate the same shapes and a
change to the protocol is a change in one place. Limits live here too: the hub enforces them and
the kiosk sizes its batches by them.

Trust nothing on the wire (DESIGN §3): an event is valid only if every store can hold it and
every reader can convert it. Its `occurred_at` lies in [OCCURRED_FROM, OCCURRED_UNTIL) with a
real UTC offset (at most 14 hours): wide enough for a kiosk whose clock reset to 1970 to sync,
finite so that Python, PostgreSQL and SQLite can all convert it to UTC (year 1 at +14:00 is
year 0 in UTC, which PostgreSQL stores and then cannot return). Its text holds no NUL and no lone
surrogate, its payload no non-finite or >64-bit number and no deeper nesting than
`MAX_JSON_DEPTH` (kiosk.core.text). Numbers are strict: `"1"` or `true` for an integer is
refused, never coerced. The hub turns an event that fails any of this into a per-event reject
(`PushEnvelope`), and the kiosk refuses a pulled one.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    field_validator,
    model_validator,
)

from kiosk.core.text import unstorable_char, unstorable_json

PROTOCOL_VERSION = 1
MAX_PUSH_EVENTS = 500  # a push any hub takes (the protocol as first released)
# A hub that lists `push_events:N` (FEATURE_PUSH_EVENTS) takes up to N events a push, N at most
# this; a kiosk sends it more than MAX_PUSH_EVENTS only while it has a backlog, and only up to
# MAX_LARGE_PUSH_BYTES of events beyond the first MAX_PUSH_EVENTS (docs/hub.md "A backlog in
# larger pushes"). The body limit stays MAX_PUSH_BODY_BYTES either way, so a hub's memory per
# push is what it was.
MAX_LARGE_PUSH_EVENTS = 5000
MAX_LARGE_PUSH_BYTES = 2 * 1024 * 1024
MAX_PAYLOAD_BYTES = 16 * 1024
MAX_PUSH_BODY_BYTES = 10 * 1024 * 1024  # 500 events x 16 KiB plus envelope; larger → 413
MAX_PULL_LIMIT = 1000
MAX_CONFIG_BODY_BYTES = 1024 * 1024
SKEW_THRESHOLD_S = 300.0
MAX_PENDING = 2**31 - 1
# A kiosk's seq; below BIGINT's 2**63 - 1 with room for the hub's `acked_seq + 1` arithmetic.
MAX_SEQ = 2**62
# The instants a kiosk can have written (its clock may be wrong, DESIGN §3), as [from, until).
OCCURRED_FROM = datetime(1970, 1, 1, tzinfo=UTC)
OCCURRED_UNTIL = datetime(2100, 1, 1, tzinfo=UTC)
MAX_UTC_OFFSET = timedelta(hours=14)  # the widest real zone (Kiribati, UTC+14)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]")
# What a hub understands beyond protocol 1 as first released; it lists them in every push reply
# (`PushResponse.features`) and a kiosk uses a feature only once its hub has listed it, so a new
# kiosk never sends an old hub a field it would refuse (every message forbids unknown fields).
FEATURE_PENDING = "pending"
HUB_FEATURES = (FEATURE_PENDING,)
# "push_events:N": the hub takes pushes of up to N events (N > MAX_PUSH_EVENTS); a hub that does
# not list it takes MAX_PUSH_EVENTS.
FEATURE_PUSH_EVENTS = "push_events:"


def push_events_feature(limit: int) -> tuple[str, ...]:
    """The feature a hub lists for pushes of up to `limit` events (none for the first limit)."""
    return (f"{FEATURE_PUSH_EVENTS}{limit}",) if limit > MAX_PUSH_EVENTS else ()


def hub_push_events(features: frozenset[str] | list[str]) -> int:
    """How many events a push to a hub listing `features` may carry (MAX_PUSH_EVENTS when it
    lists no larger limit; never more than MAX_LARGE_PUSH_EVENTS, whatever it lists)."""
    best = MAX_PUSH_EVENTS
    for feature in features:
        number = feature.removeprefix(FEATURE_PUSH_EVENTS)
        if number != feature and number.isdigit() and len(number) <= 6:
            best = max(best, min(int(number), MAX_LARGE_PUSH_EVENTS))
    return best


def sane_time_problem(value: datetime) -> str | None:
    """Why `value` is not an instant a kiosk can have written (None if it is)."""
    offset = value.utcoffset()
    if offset is None:
        return "a time must have a UTC offset"
    if abs(offset) > MAX_UTC_OFFSET:
        return "the UTC offset must be at most 14 hours"
    if not OCCURRED_FROM <= value < OCCURRED_UNTIL:
        return f"must be from {OCCURRED_FROM:%Y-%m-%d} to before {OCCURRED_UNTIL:%Y-%m-%d} (UTC)"
    return None


def _iso_time(value: Any) -> Any:
    """Only ISO 8601 text (or an aware datetime) is a time on the wire: pydantic would also read
    0 or "1700000000" as seconds since 1970, a coercion the protocol refuses. (A before-validator
    hands pydantic the text to parse, so WireTime is for lax models; the strict fast path checks
    its times on the raw bytes, kiosk/platform/hub/fastpush.py.)"""
    if isinstance(value, datetime) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return value
    raise ValueError("a time must be ISO 8601 text with a UTC offset")


def _sane_time(value: datetime) -> datetime:
    problem = sane_time_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _storable_text(value: str) -> str:
    problem = unstorable_char(value)
    if problem is not None:
        raise ValueError(f"contains {problem}")
    return value


def _storable_object(value: dict[str, Any]) -> dict[str, Any]:
    problem = unstorable_json(value)
    if problem is not None:
        raise ValueError(problem)
    return value


# Kiosk and station ids are printed, logged and used in file names: keep them plain ASCII.
IDENT_PATTERN = r"^[A-Za-z0-9_.:-]+$"
Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=IDENT_PATTERN)]
EventId = Annotated[str, Field(min_length=1, max_length=36, pattern=r"^[0-9a-fA-F-]{1,36}$")]
Kind = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
Seq = Annotated[int, Field(strict=True, ge=1, le=MAX_SEQ)]
WireTime = Annotated[AwareDatetime, BeforeValidator(_iso_time), AfterValidator(_sane_time)]
StorableText = Annotated[str, AfterValidator(_storable_text)]
StorableObject = Annotated[dict[str, Any], AfterValidator(_storable_object)]
Actor = Annotated[str, Field(max_length=64), AfterValidator(_storable_text)] | None

KIOSK_NAME_MAX = 40  # "北出口 2 号机 / North exit 2" fits a table cell and a log row
REGION_MAX = 40  # a station's region (片区): "福州市" / "Fuzhou", "闽北片区"

CONFIG_KINDS = (
    "catalogue",
    "roster",
    "charging_slots",
    "medicine_items",
    "lending_items",
    "announcements",
    "badge_public_key",
    "kiosk_names",
    "timetable",
)
ConfigKind = Literal[
    "catalogue",
    "roster",
    "charging_slots",
    "medicine_items",
    "lending_items",
    "announcements",
    "badge_public_key",
    "kiosk_names",  # written by the hub when a kiosk is named (never by the publish form)
    "timetable",
]


class WireModel(BaseModel):
    """Base of every message: unknown fields refused, so a typo is an error, not a silent drop."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class WireEvent(WireModel):
    """One event as it travels; the same fields as `kiosk.core.events.Event`, each checked as
    the module says (a sane time, storable text, strict numbers)."""

    id: EventId
    kind: Kind
    station_id: Ident
    kiosk_id: Ident
    seq: Seq
    occurred_at: WireTime
    actor: Actor = None
    payload: StorableObject


class PushedEvent(WireModel):
    """One event of a push as the hub first reads it (`PushEnvelope`).

    Only what places it in the kiosk's queue is checked here (`id`, `kiosk_id`, `seq`): a batch
    that gets those wrong is refused whole (422), as no kiosk can have written it. The content is
    kept as sent and judged per event against `WireEvent`, so an event the hub cannot store
    becomes a reject that staff can see and the queue moves on (DESIGN §3).
    """

    id: EventId
    kiosk_id: Ident
    seq: Seq
    kind: Any
    station_id: Any
    occurred_at: Any
    actor: Any = None
    payload: Any

    def content(self) -> dict[str, Any]:
        """The event's fields as sent, for `WireEvent.model_validate`."""
        return {
            "id": self.id,
            "kind": self.kind,
            "station_id": self.station_id,
            "kiosk_id": self.kiosk_id,
            "seq": self.seq,
            "occurred_at": self.occurred_at,
            "actor": self.actor,
            "payload": self.payload,
        }


class PushRequest(WireModel):
    """A batch of the kiosk's outbox, in seq order with no holes (`seq` dense per kiosk).

    `sent_at` is the kiosk's wall clock when it sent the batch; the hub records the offset and
    flags skew. Ordering never depends on it. `pending` is how many events the kiosk still holds
    unsent after this batch (for the centre's stations page); a kiosk sends it only to a hub whose
    push reply listed the "pending" feature, and a hub keeps the last value sent (None: unknown).
    At most MAX_PUSH_EVENTS events, or the N of a hub that lists "push_events:N".
    """

    kiosk_id: Ident
    sent_at: WireTime | None = None
    pending: Annotated[int, Field(strict=True, ge=0, le=MAX_PENDING)] | None = None
    events: list[WireEvent] = Field(max_length=MAX_LARGE_PUSH_EVENTS)

    @model_validator(mode="after")
    def _seqs_contiguous(self) -> PushRequest:
        _check_contiguous([e.seq for e in self.events])
        return self


class KioskHealth(WireModel):
    """What a kiosk reports of itself every few minutes (POST /v1/sync/health), apart from its
    pushes: the centre's kiosk list shows it. `last_error` is its latest failed sync round,
    kept after later successes so the centre sees what went wrong and when."""

    app_version: str = Field(min_length=1, max_length=32, pattern=r"^[0-9A-Za-z.+_-]+$")
    disk_free_mb: Annotated[int, Field(strict=True, ge=0, le=MAX_PENDING)] | None = None
    last_error: Annotated[StorableText, Field(max_length=300)] | None = None
    last_error_at: WireTime | None = None


class PushEnvelope(WireModel):
    """What the hub reads of a push: `PushRequest`, with each event's content left for the
    per-event judgement (`PushedEvent`)."""

    kiosk_id: Ident
    sent_at: WireTime | None = None
    pending: Annotated[int, Field(strict=True, ge=0, le=MAX_PENDING)] | None = None
    events: list[PushedEvent] = Field(max_length=MAX_LARGE_PUSH_EVENTS)

    @model_validator(mode="after")
    def _seqs_contiguous(self) -> PushEnvelope:
        _check_contiguous([e.seq for e in self.events])
        return self


def _check_contiguous(seqs: list[int]) -> None:
    for before, after in itertools.pairwise(seqs):
        if after != before + 1:
            raise ValueError("events must be in ascending seq order with no holes")


EventStatus = Literal["applied", "duplicate", "rejected"]


class EventResult(WireModel):
    """What the hub did with one event. A `duplicate` carries the stored outcome in `stored`."""

    seq: StrictInt
    id: str
    status: EventStatus
    stored: Literal["applied", "rejected"] | None = None
    reason: str | None = None


class PushResponse(WireModel):
    """After a push, every event up to `acked_seq` is on the hub (as an event or a reject)."""

    acked_seq: StrictInt
    results: list[EventResult]
    hub_time: datetime
    clock_offset_s: StrictFloat | None = None
    skew_flagged: StrictBool = False
    features: list[str] = Field(default_factory=list)  # HUB_FEATURES; absent from older hubs


class GapBody(WireModel):
    """409 body: the batch starts past the hub's next expected seq; resend from `expected_seq`."""

    detail: str
    reason_zh: str | None = None
    expected_seq: StrictInt


class ErrorBody(WireModel):
    """Every 4xx carries this: `detail` in English and a machine `reason` where one exists."""

    detail: Any
    reason: str | None = None
    reason_zh: str | None = None


class PulledEvent(WireModel):
    """An event from another kiosk of the station; `hub_seq` is the hub's arrival order."""

    hub_seq: StrictInt
    event: WireEvent


class ConfigItem(WireModel):
    """A published piece of configuration; the latest `version` of a (kind, scope) wins."""

    position: StrictInt
    kind: ConfigKind
    station_id: str | None  # None: every station
    version: StrictInt
    published_at: datetime
    body: dict[str, Any]


# A subject's data key as it travels (32 bytes, base64url without padding; docs/privacy.md).
KeyText = Annotated[str, Field(min_length=43, max_length=43, pattern=r"^[A-Za-z0-9_-]{43}$")]


class SubjectKey(WireModel):
    """One subject's data key (a request, a wish, a loan): never in an event, only beside."""

    subject: Ident
    key: KeyText


class KeysUpload(WireModel):
    """`POST /v1/sync/keys`, sent before the push that carries the events sealed under them:
    the keys of the subjects those events introduce. Its own call, so the push body and its
    fast path stay as they are, and an older hub (404) costs nothing but the keys."""

    kiosk_id: Ident
    keys: list[SubjectKey] = Field(max_length=MAX_PUSH_EVENTS)


class PullResponse(WireModel):
    """One page. Store `events`, `config` and `next_cursor` in one transaction, then pull again
    with `after=next_cursor` while `has_more`. The cursor is opaque to the kiosk. `keys`: the
    data keys the hub holds of the subjects whose sealed events are in the page (none for an
    erased subject); stored in the same transaction, before the events."""

    events: list[PulledEvent]
    config: list[ConfigItem]
    next_cursor: str
    has_more: StrictBool
    keys: list[SubjectKey] = Field(default_factory=list)


MAX_WAIT_S = 25  # a long-poll ends by then: under the 30 s idle cut of most proxies


class WaitResponse(WireModel):
    """The push channel's answer (`GET /v1/sync/wait`): `pull` is true when the station has an
    urgent event from another kiosk after the cursor; the kiosk then pulls at once (the pull
    stays the source of truth). False: the wait timed out; ask again."""

    pull: StrictBool


class OwnReject(WireModel):
    """One of the kiosk's own events the hub refused (its payload is not sent back)."""

    seq: StrictInt
    id: str
    kind: str
    reason: str


class OwnEventsResponse(WireModel):
    """The kiosk's own events the hub holds with `after_seq` < seq <= `next_after_seq`, for a
    kiosk restored from a backup (or started empty) to take back what it had pushed. Seqs the
    hub refused are in `rejected`. Ask again with `after_seq=next_after_seq` while `has_more`."""

    events: list[WireEvent]
    rejected: list[OwnReject]
    acked_seq: StrictInt
    next_after_seq: StrictInt
    has_more: StrictBool
    # The keys the hub holds of the subjects whose sealed events are in `events` (as a pull
    # page's): a kiosk that lost its database reads its own volunteers' names again.
    keys: list[SubjectKey] = Field(default_factory=list)


class EnrollRequest(WireModel):
    """Exchange a one-time code for a device credential. `kiosk_id` is chosen by the kiosk
    (or left out for the hub to choose)."""

    code: StorableText = Field(min_length=4, max_length=64)
    kiosk_id: Ident | None = None
    name: StorableText | None = Field(default=None, max_length=80)


class EnrollResponse(WireModel):
    """Shown once: the hub keeps only a hash of `device_token`."""

    kiosk_id: str
    station_id: str
    device_token: str


class StationCreate(WireModel):
    station_id: Ident
    name: StorableText = Field(min_length=1, max_length=80)
    name_en: StorableText | None = Field(default=None, min_length=1, max_length=80)
    region: StorableText = Field(default="", max_length=REGION_MAX)  # "": no region


class StationRename(WireModel):
    """A station's names; `name_en` null: English pages show the Chinese name."""

    name: StorableText = Field(min_length=1, max_length=80)
    name_en: StorableText | None = Field(default=None, min_length=1, max_length=80)


class StationRegion(WireModel):
    """A station's region (片区) for the centre's figures; "": no region."""

    region: StorableText = Field(max_length=REGION_MAX)


class StationOut(WireModel):
    station_id: str
    name: str
    name_en: str | None = None
    region: str = ""


class EnrolCodeRequest(WireModel):
    station_id: Ident
    ttl_s: int = Field(default=24 * 3600, strict=True, ge=60, le=30 * 24 * 3600)


class EnrolCodeOut(WireModel):
    code: str
    station_id: str
    expires_at: datetime


class KioskStatus(WireModel):
    kiosk_id: str
    station_id: str
    name: str | None
    enrolled_at: datetime
    last_seen: datetime | None
    acked_seq: StrictInt
    rejects: StrictInt
    clock_offset_s: StrictFloat | None
    skew_flagged: StrictBool
    revoked: StrictBool
    pending: StrictInt | None = (
        None  # events the kiosk held unsent at its last push (None: unknown)
    )
    app_version: str | None = None  # from its last health report (None: never reported)
    disk_free_mb: StrictInt | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    health_at: datetime | None = None


class KioskRename(WireModel):
    name: StorableText = Field(min_length=1, max_length=KIOSK_NAME_MAX)


class ConfigPublish(WireModel):
    kind: ConfigKind
    station_id: Ident | None = None
    body: StorableObject


class RejectOut(WireModel):
    kiosk_id: str
    seq: StrictInt
    event_id: str
    kind: str
    reason: str
    received_at: datetime
    payload: dict[str, Any]


class BadgeRequest(WireModel):
    """A badge for a volunteer. With `station_id`, a serial badge that the station's kiosks
    learn of by sync (its previous serial stops working); without, an old-style signed badge
    (works only until the volunteer's first serial badge)."""

    volunteer_id: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")
    station_id: str | None = Field(
        default=None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$"
    )


class BadgeOut(WireModel):
    volunteer_id: str
    key_id: str  # "serial" for a serial badge
    token: str
    serial: str | None = None
    expires_on: date | None = None


class HubStatus(WireModel):
    stations: StrictInt
    kiosks: StrictInt
    events: StrictInt
    rejects: StrictInt
    database: str
    badge_key_id: str


MAX_CURSOR_PART = 2**63 - 1  # a database BIGINT: a larger number would fail the query, not page


class Cursor(WireModel):
    """The hub's position in a station's feed: (writing transaction, row) for events and config.

    On PostgreSQL rows are paged in (txid, position) order and served only below the oldest
    running transaction, so no row can later appear behind the cursor. On SQLite txid is 0.
    """

    event_txid: StrictInt = 0
    event_pos: StrictInt = 0
    config_txid: StrictInt = 0
    config_pos: StrictInt = 0

    def encode(self) -> str:
        parts = (self.event_txid, self.event_pos, self.config_txid, self.config_pos)
        return ".".join(str(p) for p in (PROTOCOL_VERSION, *parts))

    @classmethod
    def decode(cls, text: str | None) -> Cursor:
        """Parse a cursor; '' or None is the start. Raises ValueError on a malformed one."""
        if not text:
            return cls()
        parts = text.split(".")
        if len(parts) != 5 or parts[0] != str(PROTOCOL_VERSION) or len(text) > 120:
            raise ValueError("malformed cursor")
        numbers = [int(p) for p in parts[1:]]
        if any(not 0 <= n <= MAX_CURSOR_PART for n in numbers):
            raise ValueError("malformed cursor")
        return cls(
            event_txid=numbers[0],
            event_pos=numbers[1],
            config_txid=numbers[2],
            config_pos=numbers[3],
        )

    @field_validator("event_txid", "event_pos", "config_txid", "config_pos")
    @classmethod
    def _non_negative(cls, value: int) -> int:
        if not 0 <= value <= MAX_CURSOR_PART:
            raise ValueError("cursor parts are 0 to 2**63 - 1")
        return value


class LiveCursor(WireModel):
    """A live pass's position (`GET /v1/sync/live`, docs/hub.md "A new kiosk's first pull"):
    the window's start fixed at the first page (`since`, UTC seconds; 0 before it), then the
    feed and config positions as a pull's `Cursor`. Opaque to the kiosk."""

    since: StrictInt = 0
    event_txid: StrictInt = 0
    event_pos: StrictInt = 0
    config_txid: StrictInt = 0
    config_pos: StrictInt = 0

    def encode(self) -> str:
        parts = (self.since, self.event_txid, self.event_pos, self.config_txid, self.config_pos)
        return f"L{PROTOCOL_VERSION}." + ".".join(str(p) for p in parts)

    @classmethod
    def decode(cls, text: str | None) -> LiveCursor:
        """Parse a live cursor; '' or None is the start. Raises ValueError on a malformed one."""
        if not text:
            return cls()
        parts = text.split(".")
        if len(parts) != 6 or parts[0] != f"L{PROTOCOL_VERSION}" or len(text) > 120:
            raise ValueError("malformed cursor")
        if not all(p.isdigit() and len(p) <= 19 for p in parts[1:]):
            raise ValueError("malformed cursor")
        numbers = [int(p) for p in parts[1:]]
        if any(not 0 <= n <= MAX_CURSOR_PART for n in numbers):
            raise ValueError("malformed cursor")
        return cls(
            since=numbers[0],
            event_txid=numbers[1],
            event_pos=numbers[2],
            config_txid=numbers[3],
            config_pos=numbers[4],
        )


# --- what a kiosk reads from a hub (DESIGN §3: the kiosk trusts nothing on the wire) ----------

MAX_CURSOR_LENGTH = 120  # the hub refuses a longer `after`: a kiosk never stores one
MAX_PULL_PAGE_BYTES = 4 * 1024 * 1024  # a pull or own-events reply is cut off past this
MAX_REPLY_BYTES = 1024 * 1024  # any other reply (enrol, errors)
# A push reply: one result per event, a reject's reason up to 300 characters (900 bytes).
MAX_PUSH_REPLY_BYTES = 8 * 1024 * 1024


class RawPullResponse(WireModel):
    """A pull page as the kiosk first reads it: the envelope checked, each event and config
    item left raw, to be validated on its own (`PulledEvent`, `ConfigItem`) so one it cannot
    take is refused alone and the rest of the page is still stored."""

    events: list[dict[str, Any]]
    config: list[dict[str, Any]]
    next_cursor: str
    has_more: bool
    keys: list[dict[str, Any]] = Field(default_factory=list)  # each read as a `SubjectKey`
