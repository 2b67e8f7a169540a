"""Event kinds and their payload schemas: every fact the kiosk records is one of these.

Payloads are validated on the way in (kiosk writes, and later the hub's push) so the log never
holds a fact that a projection cannot fold. New kinds are added here and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic import ValidationError as PydanticValidationError

from kiosk.core.errors import ValidationError
from kiosk.core.tickets import (
    CHANNEL_PATTERN,
    MAX_ANSWER,
    MAX_TEXT,
    RATING_PATTERN,
    REQUEST_CATEGORY_PATTERN,
    TICKET_PATTERN,
    TRAIN_PATTERN,
    WISH_CATEGORY_PATTERN,
    WISH_STATUS_PATTERN,
)
from kiosk.features.admin.domain import (
    ACTION_PATTERN,
    AMEND_REASON_PATTERN,
    MAX_AMEND_MINUTES,
    ROLE_PATTERN,
)
from kiosk.features.charging.domain import CLOSE_REASON_PATTERN, SLOT_ID_PATTERN
from kiosk.features.emergency.domain import ACK_BY_PATTERN, MAX_PLACE
from kiosk.features.incidents.domain import (
    FIRST_AID_PATTERN,
    MAX_ATTENDED,
    MAX_NOTE,
    OUTCOME_PATTERN,
    PLACE_PATTERN,
    VOID_REASON_PATTERN,
    WHAT_PATTERN,
)
from kiosk.features.items.domain import MAX_MIN_STOCK
from kiosk.features.lending.domain import (
    BORROW_METHOD_PATTERN,
    MAX_DUE_DAYS,
    MAX_STOCK_MOVE,
    WRITE_OFF_PATTERN,
)
from kiosk.features.lending.domain import ITEM_ID_PATTERN as LENDING_ITEM_PATTERN
from kiosk.features.medicine.domain import (
    AED_LIGHT_PATTERN,
    BATCH_PATTERN,
    DISCARD_REASON_PATTERN,
    DISPENSE_REASON_PATTERN,
    ITEM_ID_PATTERN,
    LOT_ID_PATTERN,
    MAX_MOVE,
)
from kiosk.features.uses.domain import AUDIENCE_PATTERN, MAX_COUNT, MIN_COUNT

_ID = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
_ID_OPTIONAL = Field(default=None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")


class Payload(BaseModel):
    """Base of payload schemas: frozen, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class VolunteerRegistered(Payload):
    volunteer_id: str = _ID
    name: str = Field(min_length=1, max_length=40)
    number: str = Field(min_length=1, max_length=32)
    phone: str = Field(min_length=6, max_length=15, pattern=r"^\d+$")


class VolunteerPinSet(Payload):
    volunteer_id: str = _ID
    pin_hash: str = Field(min_length=20, max_length=200)


class VolunteerDeactivated(Payload):
    volunteer_id: str = _ID
    reason: str = Field(default="", max_length=200)


class ShiftCheckedIn(Payload):
    shift_id: str = _ID
    volunteer_id: str = _ID
    method: str = Field(pattern=r"^(badge|pin|manual)$")


class ShiftCheckedOut(Payload):
    shift_id: str = _ID
    volunteer_id: str = _ID
    method: str = Field(pattern=r"^(badge|pin|manual)$")


class ShiftCancelled(Payload):
    shift_id: str = _ID
    volunteer_id: str = _ID


class ShiftAutoClosed(Payload):
    """The sweep closed a shift left open past the maximum; credited minutes need review."""

    shift_id: str = _ID
    volunteer_id: str = _ID
    credited_minutes: int = Field(ge=0, le=24 * 60)


class ShiftApproved(Payload):
    """A team leader or admin checked a flagged shift and kept its minutes."""

    shift_id: str = _ID
    volunteer_id: str = _ID


class ShiftAmended(Payload):
    """A flagged shift's credited minutes corrected, with a reason from the list."""

    shift_id: str = _ID
    volunteer_id: str = _ID
    minutes: int = Field(ge=0, le=MAX_AMEND_MINUTES)
    reason: str = Field(pattern=AMEND_REASON_PATTERN)


class AdminPinSet(Payload):
    role: str = Field(default="station_admin", pattern=ROLE_PATTERN)
    pin_hash: str = Field(min_length=20, max_length=200)


class AdminAccountSet(Payload):
    """A named admin account (created, PIN changed or switched off): the audit names it."""

    account_id: str = _ID
    name: str = Field(min_length=1, max_length=40)
    role: str = Field(pattern=ROLE_PATTERN)
    pin_hash: str = Field(min_length=20, max_length=200)
    # A constraint, not a bare default: the hub's fast push path mirrors each field with its
    # metadata and cannot take a field without any.
    active: bool = Field(default=True, strict=True)


AuditValue = str | int | float | bool | None


class AdminAudited(Payload):
    """One admin action: who (the account, or "unknown" for a failed login), what, on what,
    and the values before and after. The event's time is when."""

    audit_id: str = _ID
    account_id: str = _ID
    action: str = Field(pattern=ACTION_PATTERN)
    target: str = Field(default="", max_length=64)
    before: dict[str, AuditValue] = Field(default_factory=dict, max_length=16)
    after: dict[str, AuditValue] = Field(default_factory=dict, max_length=16)


class ServiceUsed(Payload):
    """People served once by a service (人次); `day` is the station's local day of the use.

    The day is fixed by the recording kiosk, which knows its station's time zone, so every
    kiosk and the hub count the use on the same day without converting clocks.
    """

    use_id: str = _ID
    service_id: str = _ID
    audience: str = Field(default="none", pattern=AUDIENCE_PATTERN)
    count: int = Field(ge=MIN_COUNT, le=MAX_COUNT)
    day: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


class ChargingStarted(Payload):
    """A phone left in a slot; the pickup code is kept only as its scrypt hash."""

    session_id: str = _ID
    slot: str = Field(pattern=SLOT_ID_PATTERN)
    code_hash: str = Field(min_length=20, max_length=200)


class ChargingCollected(Payload):
    """The session ended: the rider's code, or a volunteer with a reason from the list."""

    session_id: str = _ID
    slot: str = Field(pattern=SLOT_ID_PATTERN)
    by: str = Field(pattern=r"^(code|volunteer)$")
    reason: str | None = Field(default=None, pattern=CLOSE_REASON_PATTERN)


class ChargingLocked(Payload):
    """Too many wrong codes: the slot stays shut until a volunteer unlocks it."""

    session_id: str = _ID
    slot: str = Field(pattern=SLOT_ID_PATTERN)


class ChargingUnlocked(Payload):
    session_id: str = _ID
    slot: str = Field(pattern=SLOT_ID_PATTERN)


class LendingStocked(Payload):
    """Units put on (or, negative, taken off) an item's shelf by staff; `stock_id` is its own."""

    stock_id: str = _ID
    item: str = Field(pattern=LENDING_ITEM_PATTERN)
    quantity: int = Field(ge=-MAX_STOCK_MOVE, le=MAX_STOCK_MOVE)
    note: str = Field(default="", max_length=200)


class LendingBorrowed(Payload):
    """One unit lent: against a phone number (shown only masked) or a volunteer's approval."""

    loan_id: str = _ID
    item: str = Field(pattern=LENDING_ITEM_PATTERN)
    method: str = Field(pattern=BORROW_METHOD_PATTERN)
    phone: str | None = Field(default=None, min_length=6, max_length=15, pattern=r"^\d+$")
    approved_by: str | None = _ID_OPTIONAL
    due_at: datetime


class LendingReturned(Payload):
    """The unit came back, at any kiosk of the station."""

    loan_id: str = _ID
    item: str = Field(pattern=LENDING_ITEM_PATTERN)


class LendingWrittenOff(Payload):
    """An admin wrote off a unit that is not coming back (lost, damaged), with a reason."""

    loan_id: str = _ID
    item: str = Field(pattern=LENDING_ITEM_PATTERN)
    reason: str = Field(pattern=WRITE_OFF_PATTERN)
    note: str = Field(default="", max_length=200)


class CatalogueItemSet(Payload):
    """A local admin set fields of one service over the hub's or bundled catalogue (or reset
    them); fields left out (None) are unchanged."""

    edit_id: str = _ID
    service_id: str = _ID
    enabled: bool | None = None
    order: int | None = Field(default=None, ge=-10_000, le=10_000)
    where_zh: str | None = Field(default=None, min_length=1, max_length=120)
    where_en: str | None = Field(default=None, min_length=1, max_length=120)
    hours: str | None = Field(default=None, min_length=1, max_length=40)
    hours_en: str | None = Field(default=None, max_length=40)
    reset: bool = False


class ItemSlotSet(Payload):
    """A local admin switched one of this kiosk's charging slots on or off, or added a slot
    (`kind` and `number` given); the event's kiosk is the one whose slot it is."""

    edit_id: str = _ID
    slot_id: str = Field(pattern=SLOT_ID_PATTERN)
    enabled: bool | None = None
    kind: str | None = Field(default=None, pattern=r"^(cable|locker)$")
    number: int | None = Field(default=None, ge=1, le=999)
    reset: bool = False


class ItemLendingSet(Payload):
    """A local admin set a lending item lent or not, or its loan period, over the hub's or
    bundled definition (or reset it)."""

    edit_id: str = _ID
    item_id: str = Field(pattern=LENDING_ITEM_PATTERN)
    enabled: bool | None = None
    due_days: int | None = Field(default=None, ge=1, le=MAX_DUE_DAYS)
    reset: bool = False


class ItemMedicineSet(Payload):
    """A local admin set a medicine item offered or not, or its low-stock threshold."""

    edit_id: str = _ID
    item_id: str = Field(pattern=ITEM_ID_PATTERN)
    enabled: bool | None = None
    min_stock: int | None = Field(default=None, ge=0, le=MAX_MIN_STOCK)
    reset: bool = False


class AdminLogOpened(Payload):
    """An admin opened the log review (who looked at personal data, and when)."""

    audit_id: str = _ID
    log: str = Field(pattern=r"^[a-z_]{1,20}$")


class AdminExported(Payload):
    """An admin exported a filtered log; `unmasked` says full phone numbers left the kiosk."""

    audit_id: str = _ID
    log: str = Field(pattern=r"^[a-z_]{1,20}$")
    format: str = Field(pattern=r"^(csv|xlsx|pdf)$")  # pdf: the monthly report
    filters: dict[str, str] = Field(max_length=12)
    rows: int = Field(ge=0)
    unmasked: bool
    file: str = Field(min_length=1, max_length=200)


class RequestOrdered(Payload):
    """A traveller or worker asked for help (点单), at a kiosk or on their phone via the hub.

    `departs_at` is the train's departure (aware); a request whose train leaves soon is
    escalated. The phone is optional and only ever shown masked.
    """

    request_id: str = _ID
    ticket: str = Field(pattern=TICKET_PATTERN)
    category: str = Field(pattern=REQUEST_CATEGORY_PATTERN)
    channel: str = Field(pattern=CHANNEL_PATTERN)
    train: str | None = Field(default=None, pattern=TRAIN_PATTERN)
    departs_at: datetime | None = None
    phone: str | None = Field(default=None, min_length=6, max_length=15, pattern=r"^\d+$")
    text: str = Field(default="", max_length=MAX_TEXT)


class RequestAccepted(Payload):
    """A volunteer on duty took the request (接单); the first accept in the log wins."""

    request_id: str = _ID
    volunteer_id: str = _ID


class RequestCompleted(Payload):
    request_id: str = _ID
    volunteer_id: str = _ID
    note: str = Field(default="", max_length=MAX_TEXT)


class RequestRated(Payload):
    """The requester's verdict with one of three faces (评单)."""

    request_id: str = _ID
    rating: str = Field(pattern=RATING_PATTERN)


class RequestCancelled(Payload):
    request_id: str = _ID
    reason: str = Field(default="", max_length=MAX_TEXT)


class WishSubmitted(Payload):
    """A need or wish (诉求 / 微心愿), anonymous unless a phone is given."""

    wish_id: str = _ID
    ticket: str = Field(pattern=TICKET_PATTERN)
    category: str = Field(pattern=WISH_CATEGORY_PATTERN)
    channel: str = Field(pattern=CHANNEL_PATTERN)
    text: str = Field(default="", max_length=MAX_TEXT)
    phone: str | None = Field(default=None, min_length=6, max_length=15, pattern=r"^\d+$")


class WishStatusSet(Payload):
    """Received → in progress → answered; the answer is shown when the ticket is looked up."""

    wish_id: str = _ID
    status: str = Field(pattern=WISH_STATUS_PATTERN)
    answer: str = Field(default="", max_length=MAX_ANSWER)


class CertificateIssued(Payload):
    """A volunteer-hours certificate (志愿服务记录证明) was issued; the paper's facts, copied.

    `number` is `<station prefix><year>-<kiosk code>-<sequence>`: the issuing kiosk's own
    sequence, so two kiosks issuing offline never give the same number.
    """

    certificate_id: str = _ID
    number: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")
    year: int = Field(ge=2000, le=2999)
    sequence: int = Field(ge=1, le=999_999)
    volunteer_id: str = _ID
    volunteer_name: str = Field(min_length=1, max_length=40)
    volunteer_number: str = Field(min_length=1, max_length=32)
    service: str = Field(min_length=1, max_length=200)
    first_day: date
    last_day: date
    minutes: int = Field(ge=0, le=366 * 24 * 60)
    shifts: int = Field(ge=0, le=100_000)
    issued_on: date


class MedicineRestocked(Payload):
    """Units of one batch put into the box; the lot is `item_id:batch`."""

    lot_id: str = Field(pattern=LOT_ID_PATTERN)
    item_id: str = Field(pattern=ITEM_ID_PATTERN)
    batch: str = Field(pattern=BATCH_PATTERN)
    expiry: date
    quantity: int = Field(ge=1, le=MAX_MOVE)
    volunteer_id: str | None = Field(default=None, min_length=1, max_length=64)


class MedicineDispensed(Payload):
    """Units given out by a volunteer on duty, or used in first aid (`incident_id`)."""

    lot_id: str = Field(pattern=LOT_ID_PATTERN)
    item_id: str = Field(pattern=ITEM_ID_PATTERN)
    batch: str = Field(pattern=BATCH_PATTERN)
    quantity: int = Field(ge=1, le=MAX_MOVE)
    reason: str = Field(pattern=DISPENSE_REASON_PATTERN)
    audience: str = Field(default="none", pattern=AUDIENCE_PATTERN)
    volunteer_id: str = _ID
    incident_id: str | None = Field(default=None, min_length=1, max_length=64)


class MedicineDiscarded(Payload):
    """Units taken out without being given (expired, damaged, a count put right)."""

    lot_id: str = Field(pattern=LOT_ID_PATTERN)
    item_id: str = Field(pattern=ITEM_ID_PATTERN)
    batch: str = Field(pattern=BATCH_PATTERN)
    quantity: int = Field(ge=1, le=MAX_MOVE)
    reason: str = Field(pattern=DISCARD_REASON_PATTERN)
    volunteer_id: str | None = Field(default=None, min_length=1, max_length=64)


class AedChecked(Payload):
    """The daily check: the medicine box looked over, and the AED's light, pads and battery."""

    check_id: str = _ID
    day: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    box_checked: bool
    light: str = Field(pattern=AED_LIGHT_PATTERN)
    pads_expiry: date
    battery_expiry: date
    volunteer_id: str = _ID


class EmergencyRaised(Payload):
    """The emergency button was pressed at a kiosk (its place, for the other kiosks' banner)."""

    emergency_id: str = _ID
    place_zh: str = Field(min_length=1, max_length=MAX_PLACE)
    place_en: str = Field(min_length=1, max_length=MAX_PLACE)


class EmergencyAcknowledged(Payload):
    emergency_id: str = _ID
    by: str = Field(pattern=ACK_BY_PATTERN)


class ItemUsed(Payload):
    lot_id: str = Field(pattern=LOT_ID_PATTERN)
    item_id: str = Field(pattern=ITEM_ID_PATTERN)
    batch: str = Field(pattern=BATCH_PATTERN)
    quantity: int = Field(ge=1, le=MAX_MOVE)


class IncidentRecorded(Payload):
    """A first-aid book entry; items used are also `medicine.dispensed` events (stock)."""

    incident_id: str = _ID
    emergency_id: str | None = Field(default=None, min_length=1, max_length=64)
    happened_at: datetime
    place: str = Field(pattern=PLACE_PATTERN)
    what: str = Field(pattern=WHAT_PATTERN)
    first_aid: list[str] = Field(max_length=10)
    items_used: list[ItemUsed] = Field(default_factory=list, max_length=20)
    aed_used: bool
    called_120: bool
    outcome: str = Field(pattern=OUTCOME_PATTERN)
    attended: list[str] = Field(min_length=1, max_length=MAX_ATTENDED)
    note: str = Field(default="", max_length=MAX_NOTE)

    @field_validator("first_aid")
    @classmethod
    def _first_aid(cls, value: list[str]) -> list[str]:
        return _choices(value, FIRST_AID_PATTERN)


class IncidentAmended(Payload):
    """A correction: only the fields given change."""

    incident_id: str = _ID
    happened_at: datetime | None = None
    place: str | None = Field(default=None, pattern=PLACE_PATTERN)
    what: str | None = Field(default=None, pattern=WHAT_PATTERN)
    first_aid: list[str] | None = Field(default=None, max_length=10)
    aed_used: bool | None = None
    called_120: bool | None = None
    outcome: str | None = Field(default=None, pattern=OUTCOME_PATTERN)
    attended: list[str] | None = Field(default=None, min_length=1, max_length=MAX_ATTENDED)
    note: str | None = Field(default=None, max_length=MAX_NOTE)

    @field_validator("first_aid")
    @classmethod
    def _first_aid(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _choices(value, FIRST_AID_PATTERN)


class IncidentVoided(Payload):
    incident_id: str = _ID
    reason: str = Field(pattern=VOID_REASON_PATTERN)


def _choices(values: list[str], pattern: str) -> list[str]:
    """Every entry of a multiple choice must be one of the list, each once."""
    if len(set(values)) != len(values) or not all(re.match(pattern, v) for v in values):
        raise ValueError("unknown or repeated choice")
    return values


PAYLOADS: dict[str, type[Payload]] = {
    "volunteer.registered": VolunteerRegistered,
    "volunteer.pin_set": VolunteerPinSet,
    "volunteer.deactivated": VolunteerDeactivated,
    "shift.checked_in": ShiftCheckedIn,
    "shift.checked_out": ShiftCheckedOut,
    "shift.cancelled": ShiftCancelled,
    "shift.auto_closed": ShiftAutoClosed,
    "shift.approved": ShiftApproved,
    "shift.amended": ShiftAmended,
    "admin.pin_set": AdminPinSet,
    "admin.account_set": AdminAccountSet,
    "admin.audited": AdminAudited,
    "admin.log_opened": AdminLogOpened,
    "admin.exported": AdminExported,
    "service.used": ServiceUsed,
    "charging.started": ChargingStarted,
    "charging.collected": ChargingCollected,
    "charging.locked": ChargingLocked,
    "charging.unlocked": ChargingUnlocked,
    "lending.stocked": LendingStocked,
    "lending.borrowed": LendingBorrowed,
    "lending.returned": LendingReturned,
    "lending.written_off": LendingWrittenOff,
    "catalogue.item_set": CatalogueItemSet,
    "item.slot_set": ItemSlotSet,
    "item.lending_set": ItemLendingSet,
    "item.medicine_set": ItemMedicineSet,
    "request.ordered": RequestOrdered,
    "request.accepted": RequestAccepted,
    "request.completed": RequestCompleted,
    "request.rated": RequestRated,
    "request.cancelled": RequestCancelled,
    "wish.submitted": WishSubmitted,
    "wish.status_set": WishStatusSet,
    "certificate.issued": CertificateIssued,
    "medicine.restocked": MedicineRestocked,
    "medicine.dispensed": MedicineDispensed,
    "medicine.discarded": MedicineDiscarded,
    "aed.checked": AedChecked,
    "emergency.raised": EmergencyRaised,
    "emergency.acknowledged": EmergencyAcknowledged,
    "incident.recorded": IncidentRecorded,
    "incident.amended": IncidentAmended,
    "incident.voided": IncidentVoided,
}


# The field of each kind's payload that names the aggregate (one shift, one volunteer) it
# belongs to: projections fold all events of one aggregate, whatever order they arrive in.
AGGREGATE_FIELD: dict[str, str] = {
    "volunteer.registered": "volunteer_id",
    "volunteer.pin_set": "volunteer_id",
    "volunteer.deactivated": "volunteer_id",
    "shift.checked_in": "shift_id",
    "shift.checked_out": "shift_id",
    "shift.cancelled": "shift_id",
    "shift.auto_closed": "shift_id",
    "shift.approved": "shift_id",
    "shift.amended": "shift_id",
    "admin.pin_set": "role",
    "admin.account_set": "account_id",
    "admin.audited": "audit_id",
    "admin.log_opened": "audit_id",
    "admin.exported": "audit_id",
    "service.used": "use_id",
    "charging.started": "session_id",
    "charging.collected": "session_id",
    "charging.locked": "session_id",
    "charging.unlocked": "session_id",
    "lending.stocked": "stock_id",
    "lending.borrowed": "loan_id",
    "lending.returned": "loan_id",
    "lending.written_off": "loan_id",
    "catalogue.item_set": "edit_id",
    "item.slot_set": "edit_id",
    "item.lending_set": "edit_id",
    "item.medicine_set": "edit_id",
    "request.ordered": "request_id",
    "request.accepted": "request_id",
    "request.completed": "request_id",
    "request.rated": "request_id",
    "request.cancelled": "request_id",
    "wish.submitted": "wish_id",
    "wish.status_set": "wish_id",
    "certificate.issued": "certificate_id",
    "medicine.restocked": "lot_id",
    "medicine.dispensed": "lot_id",
    "medicine.discarded": "lot_id",
    "aed.checked": "check_id",
    "emergency.raised": "emergency_id",
    "emergency.acknowledged": "emergency_id",
    "incident.recorded": "incident_id",
    "incident.amended": "incident_id",
    "incident.voided": "incident_id",
}


@dataclass(frozen=True)
class Event:
    """One immutable fact, as stored and as synced."""

    id: str
    kind: str
    station_id: str
    kiosk_id: str
    seq: int
    occurred_at: datetime
    actor: str | None
    payload: dict[str, Any]


def aggregate_of(kind: str, payload: Payload | dict[str, Any]) -> str:
    """The aggregate id an event belongs to."""
    field = AGGREGATE_FIELD[kind]
    value = getattr(payload, field) if isinstance(payload, Payload) else payload[field]
    return str(value)


def validate_payload(kind: str, payload: dict[str, Any]) -> Payload:
    """Check a payload against its kind's schema; unknown kinds and bad fields are refused."""
    schema = PAYLOADS.get(kind)
    if schema is None:
        raise ValidationError(f"未知的记录类型 {kind[:40]}", f"Unknown event kind {kind[:40]}")
    try:
        return schema.model_validate(payload)
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValidationError(
            f"记录内容无效（{where}）", f"Invalid event payload ({where}: {first['msg']})"
        ) from None
