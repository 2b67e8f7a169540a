"""Service requests (点单→接单→评单) and needs/wishes: the pure folds and the escalation rule.

A request is folded the same way on every kiosk of the station and on the hub, whatever order
its events arrived in: the winning accept is the earliest in the agreed order (`domain.order`:
time, kiosk, seq), not the first to arrive here, so two kiosks that each accepted offline agree
after sync on who won, and the loser's accept stays visible as refused. Times of the response
and the completion are measured from the order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import Field

from kiosk.core.errors import ValidationError
from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.order import agreed_order
from kiosk.core.sealing import MAX_SEALED, SEALED_PATTERN
from kiosk.core.tickets import (
    CHANNEL_PATTERN,
    MAX_TEXT,
    RATING_PATTERN,
    REQUEST_CATEGORY_PATTERN,
    TICKET_PATTERN,
    TRAIN_PATTERN,
)

if TYPE_CHECKING:  # the home screen reads this module's tile ids before any payload schema
    from kiosk.core.events import Event

DEFAULT_ACCEPT_MINUTES = 5
TRAIN_SOON = timedelta(minutes=60)
HELP_SERVICE_ID = "volunteer_help"  # the catalogue tile that orders help (请志愿者帮忙)
REQUESTS_SERVICE_ID = "assistance"  # help for the disabled and elderly: the same flow
LOST_SERVICE_ID = "lost_found"  # the same flow, "lost" preselected
WISHES_SERVICE_ID = "wishes"
# Catalogue tiles that open these flows rather than a service page.
FLOW_SERVICE_IDS = frozenset(
    {HELP_SERVICE_ID, REQUESTS_SERVICE_ID, LOST_SERVICE_ID, WISHES_SERVICE_ID}
)


def use_service_id(category: str) -> str:
    """The catalogue service an order counts toward (人次), like a charge counts for charging."""
    if category == "lost":
        return LOST_SERVICE_ID
    if category == "wheelchair":
        return REQUESTS_SERVICE_ID
    return HELP_SERVICE_ID


class RequestStatus(StrEnum):
    ORDERED = "ordered"
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    RATED = "rated"
    CANCELLED = "cancelled"


OPEN_STATUSES = (RequestStatus.ORDERED.value, RequestStatus.ACCEPTED.value)


class WishStatus(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"


class CompletionNote(StrEnum):
    """What a volunteer picks when closing a request (the pick list)."""

    ESCORTED = "escorted"  # escorted to the train / exit
    HELPED = "helped"  # helped on the spot
    FOUND = "found"  # item or person found
    HANDED_OVER = "handed_over"  # handed to station staff / police
    NOT_FOUND = "not_found"  # requester could not be found
    OTHER = "other"


class Escalation(StrEnum):
    """Why a request needs attention now."""

    LATE = "late"  # not accepted within the configured minutes
    TRAIN = "train"  # the requester's train leaves within 60 minutes


@dataclass(frozen=True)
class RefusedAccept:
    """An accept that lost to an earlier one (two kiosks accepted before syncing)."""

    volunteer_id: str
    kiosk_id: str


@dataclass(frozen=True)
class RequestState:
    """One request as the queue, the ticket lookup and the admin see it (the projection row)."""

    id: str
    ticket: str
    category: str
    channel: str
    station_id: str
    kiosk_id: str
    train: str | None
    departs_at: datetime | None
    phone: str | None
    text: str
    status: str
    ordered_at: datetime
    accepted_at: datetime | None = None
    accepted_by: str | None = None
    accept_kiosk_id: str | None = None
    completed_at: datetime | None = None
    completed_by: str | None = None
    note: str = ""
    rating: str | None = None
    rated_at: datetime | None = None
    cancelled_at: datetime | None = None
    response_s: int | None = None
    completion_s: int | None = None
    refused: tuple[RefusedAccept, ...] = field(default_factory=tuple)
    flagged: bool = False
    sealed: str | None = None  # the phone and text under the request's own key (privacy.md)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def _seconds(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds()))


def fold_request(events: list[Event]) -> RequestState | None:
    """The request's state: earliest accept wins, later ones are refused and flagged."""
    events = agreed_order(events)
    ordered = [e for e in events if e.kind == "request.ordered"]
    if not ordered:
        return None
    first = ordered[0]
    p = first.payload
    departs = p.get("departs_at")
    if isinstance(departs, str):
        departs = datetime.fromisoformat(departs)
    state: dict[str, object] = {
        "id": p["request_id"],
        "ticket": p["ticket"],
        "category": p["category"],
        "channel": p["channel"],
        "station_id": first.station_id,
        "kiosk_id": first.kiosk_id,
        "train": p.get("train"),
        "departs_at": departs,
        "phone": p.get("phone"),
        "text": p.get("text", ""),
        "sealed": p.get("sealed"),
        "status": RequestStatus.ORDERED.value,
        "ordered_at": first.occurred_at,
        "flagged": len(ordered) > 1,
    }
    rest = [e for e in events if e.kind != "request.ordered"]
    accepts = [e for e in rest if e.kind == "request.accepted"]
    refused: list[RefusedAccept] = []
    for event in rest:
        status = state["status"]
        if event.kind == "request.cancelled":
            if status in OPEN_STATUSES:
                state.update(status=RequestStatus.CANCELLED.value, cancelled_at=event.occurred_at)
            else:
                state["flagged"] = True
        elif event.kind == "request.accepted":
            if event is accepts[0] and status == RequestStatus.ORDERED.value:
                state.update(
                    status=RequestStatus.ACCEPTED.value,
                    accepted_at=event.occurred_at,
                    accepted_by=event.payload["volunteer_id"],
                    accept_kiosk_id=event.kiosk_id,
                    response_s=_seconds(first.occurred_at, event.occurred_at),
                )
            else:
                refused.append(RefusedAccept(event.payload["volunteer_id"], event.kiosk_id))
                state["flagged"] = True
        elif event.kind == "request.completed":
            if status == RequestStatus.ACCEPTED.value:
                state.update(
                    status=RequestStatus.COMPLETED.value,
                    completed_at=event.occurred_at,
                    completed_by=event.payload["volunteer_id"],
                    note=event.payload.get("note", ""),
                    completion_s=_seconds(first.occurred_at, event.occurred_at),
                )
            else:
                state["flagged"] = True
        elif event.kind == "request.rated":
            if status == RequestStatus.COMPLETED.value:
                state.update(
                    status=RequestStatus.RATED.value,
                    rating=event.payload["rating"],
                    rated_at=event.occurred_at,
                )
            else:
                state["flagged"] = True
    state["refused"] = tuple(refused)
    return RequestState(**state)  # type: ignore[arg-type]


def escalations(
    status: str,
    ordered_at: datetime,
    departs_at: datetime | None,
    now: datetime,
    accept_within: timedelta,
) -> tuple[Escalation, ...]:
    """Why an open request is escalated now (empty when it is not, or no longer open)."""
    if status not in OPEN_STATUSES:
        return ()
    found: list[Escalation] = []
    if status == RequestStatus.ORDERED.value and now - ordered_at >= accept_within:
        found.append(Escalation.LATE)
    if departs_at is not None and departs_at - now <= TRAIN_SOON:
        found.append(Escalation.TRAIN)
    return tuple(found)


# Categories worth calling the station's robots for at once: a medical need, a lost child.
URGENT_CATEGORIES = frozenset({"medical", "lost"})


def urgent_at_order(category: str, ordered_at: datetime, departs_at: datetime | None) -> bool:
    """Whether a request is urgent as it is ordered (the station's webhooks are called): its
    category, or a train that leaves within the hour."""
    if category in URGENT_CATEGORIES:
        return True
    return departs_at is not None and departs_at - ordered_at <= TRAIN_SOON


def departure_from_hhmm(raw: str, now: datetime, timezone: ZoneInfo) -> datetime:
    """The departure typed as HHMM on the keypad, as an aware time: today, or tomorrow when
    that time was more than an hour ago (a 00:10 train typed at 23:30)."""
    if len(raw) != 4 or not raw.isascii() or not raw.isdigit():
        raise ValidationError(
            "请按 4 位输入发车时间，如 1430", "Type the time as 4 digits, e.g. 1430"
        )
    hour, minute = int(raw[:2]), int(raw[2:])
    if hour > 23 or minute > 59:
        raise ValidationError("发车时间无效", "That departure time is not valid")
    local_now = now.astimezone(timezone)
    moment = datetime.combine(local_now.date(), time(hour, minute), tzinfo=timezone)
    if moment < local_now - timedelta(hours=1):
        moment += timedelta(days=1)
    return moment


@dataclass(frozen=True)
class WishState:
    """One need or wish (the projection row)."""

    id: str
    ticket: str
    category: str
    channel: str
    station_id: str
    kiosk_id: str
    text: str
    phone: str | None
    status: str
    answer: str
    submitted_at: datetime
    updated_at: datetime
    answered_at: datetime | None
    sealed: str | None = None  # the phone and text under the wish's own key (privacy.md)


def fold_wish(events: list[Event]) -> WishState | None:
    """Received, then the latest status set (in the agreed order) with its answer."""
    events = agreed_order(events)
    submitted = [e for e in events if e.kind == "wish.submitted"]
    if not submitted:
        return None
    first = submitted[0]
    p = first.payload
    state: dict[str, object] = {
        "id": p["wish_id"],
        "ticket": p["ticket"],
        "category": p["category"],
        "channel": p["channel"],
        "station_id": first.station_id,
        "kiosk_id": first.kiosk_id,
        "text": p.get("text", ""),
        "phone": p.get("phone"),
        "sealed": p.get("sealed"),
        "status": WishStatus.RECEIVED.value,
        "answer": "",
        "submitted_at": first.occurred_at,
        "updated_at": first.occurred_at,
        "answered_at": None,
    }
    for event in (e for e in events if e.kind == "wish.status_set"):
        status = event.payload["status"]
        state.update(status=status, updated_at=event.occurred_at)
        if status == WishStatus.ANSWERED.value:
            state.update(answer=event.payload.get("answer", ""), answered_at=event.occurred_at)
    return WishState(**state)  # type: ignore[arg-type]


# --- event kinds (payload schemas, one declaration each) ------------------------------------------


class RequestOrdered(Payload):
    """A traveller or worker asked for help (点单), at a kiosk or on their phone via the hub.

    `departs_at` is the train's departure (aware); a request whose train leaves soon is
    escalated. The phone is optional and only ever shown masked.

    Personal data (the phone, the traveller's words) travels sealed under the request's own
    key (`sealed`, docs/privacy.md) with `consent`, the notice version agreed to; `phone` and
    `text` in clear are what kiosks wrote before, still read.
    """

    request_id: str = ID
    ticket: str = Field(pattern=TICKET_PATTERN)
    category: str = Field(pattern=REQUEST_CATEGORY_PATTERN)
    channel: str = Field(pattern=CHANNEL_PATTERN)
    train: str | None = Field(default=None, pattern=TRAIN_PATTERN)
    departs_at: datetime | None = None
    phone: str | None = Field(default=None, min_length=6, max_length=15, pattern=r"^\d+$")
    text: str = Field(default="", max_length=MAX_TEXT)
    sealed: str | None = Field(default=None, max_length=MAX_SEALED, pattern=SEALED_PATTERN)
    consent: int | None = Field(default=None, ge=1, le=999)


class RequestAccepted(Payload):
    """A volunteer on duty took the request (接单); the first accept in the log wins."""

    request_id: str = ID
    volunteer_id: str = ID


class RequestCompleted(Payload):
    request_id: str = ID
    volunteer_id: str = ID
    note: str = Field(default="", max_length=MAX_TEXT)


class RequestRated(Payload):
    """The requester's verdict with one of three faces (评单)."""

    request_id: str = ID
    rating: str = Field(pattern=RATING_PATTERN)


class RequestCancelled(Payload):
    request_id: str = ID
    reason: str = Field(default="", max_length=MAX_TEXT)


KINDS: tuple[EventKind, ...] = (
    # Urgent: a request for help reaches the volunteers at every exit within seconds.
    EventKind("request.ordered", RequestOrdered, "request_id", urgent=True),
    EventKind("request.accepted", RequestAccepted, "request_id"),
    EventKind("request.completed", RequestCompleted, "request_id"),
    EventKind("request.rated", RequestRated, "request_id"),
    EventKind("request.cancelled", RequestCancelled, "request_id"),
)
