"""The wire protocol between kiosk and hub (DESIGN §3), as pydantic models both sides import.

One module, no I/O and no Qt, so the kiosk's client and the hub validate the same shapes and a
change to the protocol is a change in one place. Limits live here too: the hub enforces them and
the kiosk sizes its batches by them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

PROTOCOL_VERSION = 1
MAX_PUSH_EVENTS = 500
MAX_PAYLOAD_BYTES = 16 * 1024
MAX_PUSH_BODY_BYTES = 10 * 1024 * 1024  # 500 events x 16 KiB plus envelope; larger → 413
MAX_PULL_LIMIT = 1000
MAX_CONFIG_BODY_BYTES = 1024 * 1024
SKEW_THRESHOLD_S = 300.0
MAX_PENDING = 2**31 - 1
# What a hub understands beyond protocol 1 as first released; it lists them in every push reply
# (`PushResponse.features`) and a kiosk uses a feature only once its hub has listed it, so a new
# kiosk never sends an old hub a field it would refuse (every message forbids unknown fields).
FEATURE_PENDING = "pending"
HUB_FEATURES = (FEATURE_PENDING,)

# Kiosk and station ids are printed, logged and used in file names: keep them plain ASCII.
Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
EventId = Annotated[str, Field(min_length=1, max_length=36, pattern=r"^[0-9a-fA-F-]{1,36}$")]

CONFIG_KINDS = (
    "catalogue",
    "roster",
    "charging_slots",
    "medicine_items",
    "lending_items",
    "announcements",
    "badge_public_key",
)
ConfigKind = Literal[
    "catalogue",
    "roster",
    "charging_slots",
    "medicine_items",
    "lending_items",
    "announcements",
    "badge_public_key",
]


class WireModel(BaseModel):
    """Base of every message: unknown fields refused, so a typo is an error, not a silent drop."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class WireEvent(WireModel):
    """One event as it travels; the same fields as `kiosk.domain.events.Event`."""

    id: EventId
    kind: str = Field(min_length=1, max_length=64)
    station_id: Ident
    kiosk_id: Ident
    seq: int = Field(ge=1)
    occurred_at: AwareDatetime
    actor: str | None = Field(default=None, max_length=64)
    payload: dict[str, Any]


class PushRequest(WireModel):
    """A batch of the kiosk's outbox, in seq order with no holes (`seq` dense per kiosk).

    `sent_at` is the kiosk's wall clock when it sent the batch; the hub records the offset and
    flags skew. Ordering never depends on it. `pending` is how many events the kiosk still holds
    unsent after this batch (for the centre's stations page); a kiosk sends it only to a hub whose
    push reply listed the "pending" feature, and a hub keeps the last value sent (None: unknown).
    """

    kiosk_id: Ident
    sent_at: AwareDatetime | None = None
    pending: int | None = Field(default=None, ge=0, le=MAX_PENDING)
    events: list[WireEvent] = Field(max_length=MAX_PUSH_EVENTS)

    @model_validator(mode="after")
    def _seqs_contiguous(self) -> PushRequest:
        for before, after in zip(self.events, self.events[1:], strict=False):
            if after.seq != before.seq + 1:
                raise ValueError("events must be in ascending seq order with no holes")
        return self


EventStatus = Literal["applied", "duplicate", "rejected"]


class EventResult(WireModel):
    """What the hub did with one event. A `duplicate` carries the stored outcome in `stored`."""

    seq: int
    id: str
    status: EventStatus
    stored: Literal["applied", "rejected"] | None = None
    reason: str | None = None


class PushResponse(WireModel):
    """After a push, every event up to `acked_seq` is on the hub (as an event or a reject)."""

    acked_seq: int
    results: list[EventResult]
    hub_time: datetime
    clock_offset_s: float | None = None
    skew_flagged: bool = False
    features: list[str] = Field(default_factory=list)  # HUB_FEATURES; absent from older hubs


class GapBody(WireModel):
    """409 body: the batch starts past the hub's next expected seq; resend from `expected_seq`."""

    detail: str
    reason_zh: str | None = None
    expected_seq: int


class ErrorBody(WireModel):
    """Every 4xx carries this: `detail` in English and a machine `reason` where one exists."""

    detail: Any
    reason: str | None = None
    reason_zh: str | None = None


class PulledEvent(WireModel):
    """An event from another kiosk of the station; `hub_seq` is the hub's arrival order."""

    hub_seq: int
    event: WireEvent


class ConfigItem(WireModel):
    """A published piece of configuration; the latest `version` of a (kind, scope) wins."""

    position: int
    kind: ConfigKind
    station_id: str | None  # None: every station
    version: int
    published_at: datetime
    body: dict[str, Any]


class PullResponse(WireModel):
    """One page. Store `events`, `config` and `next_cursor` in one transaction, then pull again
    with `after=next_cursor` while `has_more`. The cursor is opaque to the kiosk."""

    events: list[PulledEvent]
    config: list[ConfigItem]
    next_cursor: str
    has_more: bool


class OwnReject(WireModel):
    """One of the kiosk's own events the hub refused (its payload is not sent back)."""

    seq: int
    id: str
    kind: str
    reason: str


class OwnEventsResponse(WireModel):
    """The kiosk's own events the hub holds with `after_seq` < seq <= `next_after_seq`, for a
    kiosk restored from a backup (or started empty) to take back what it had pushed. Seqs the
    hub refused are in `rejected`. Ask again with `after_seq=next_after_seq` while `has_more`."""

    events: list[WireEvent]
    rejected: list[OwnReject]
    acked_seq: int
    next_after_seq: int
    has_more: bool


class EnrollRequest(WireModel):
    """Exchange a one-time code for a device credential. `kiosk_id` is chosen by the kiosk
    (or left out for the hub to choose)."""

    code: str = Field(min_length=4, max_length=64)
    kiosk_id: Ident | None = None
    name: str | None = Field(default=None, max_length=80)


class EnrollResponse(WireModel):
    """Shown once: the hub keeps only a hash of `device_token`."""

    kiosk_id: str
    station_id: str
    device_token: str


class StationCreate(WireModel):
    station_id: Ident
    name: str = Field(min_length=1, max_length=80)


class StationOut(WireModel):
    station_id: str
    name: str


class EnrolCodeRequest(WireModel):
    station_id: Ident
    ttl_s: int = Field(default=24 * 3600, ge=60, le=30 * 24 * 3600)


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
    acked_seq: int
    rejects: int
    clock_offset_s: float | None
    skew_flagged: bool
    revoked: bool
    pending: int | None = None  # events the kiosk held unsent at its last push (None: unknown)


class ConfigPublish(WireModel):
    kind: ConfigKind
    station_id: Ident | None = None
    body: dict[str, Any]


class RejectOut(WireModel):
    kiosk_id: str
    seq: int
    event_id: str
    kind: str
    reason: str
    received_at: datetime
    payload: dict[str, Any]


class BadgeRequest(WireModel):
    volunteer_id: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")


class BadgeOut(WireModel):
    volunteer_id: str
    key_id: str
    token: str


class HubStatus(WireModel):
    stations: int
    kiosks: int
    events: int
    rejects: int
    database: str
    badge_key_id: str


MAX_CURSOR_PART = 2**63 - 1  # a database BIGINT: a larger number would fail the query, not page


class Cursor(WireModel):
    """The hub's position in a station's feed: (writing transaction, row) for events and config.

    On PostgreSQL rows are paged in (txid, position) order and served only below the oldest
    running transaction, so no row can later appear behind the cursor. On SQLite txid is 0.
    """

    event_txid: int = 0
    event_pos: int = 0
    config_txid: int = 0
    config_pos: int = 0

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


# --- what a kiosk reads from a hub (DESIGN §3: the kiosk trusts nothing on the wire) ----------

MAX_CURSOR_LENGTH = 120  # the hub refuses a longer `after`: a kiosk never stores one
MAX_PULL_PAGE_BYTES = 4 * 1024 * 1024  # a pull or own-events reply is cut off past this
MAX_REPLY_BYTES = 1024 * 1024  # any other reply (push, enrol, errors)


class RawPullResponse(WireModel):
    """A pull page as the kiosk first reads it: the envelope checked, each event and config
    item left raw, to be validated on its own (`PulledEvent`, `ConfigItem`) so one it cannot
    take is refused alone and the rest of the page is still stored."""

    events: list[dict[str, Any]]
    config: list[dict[str, Any]]
    next_cursor: str
    has_more: bool
