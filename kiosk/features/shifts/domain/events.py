"""The shifts feature's event kinds: payload models (one declaration each), and its folds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import Field

from kiosk.core.events import ID, Event, EventKind, Payload
from kiosk.core.order import agreed_order
from kiosk.features.admin.domain import AMEND_REASON_PATTERN, MAX_AMEND_MINUTES
from kiosk.features.shifts.domain import (
    shift_minutes,
)

# --- event kinds (payload schemas, one declaration each) ------------------------------------------


class ShiftCheckedIn(Payload):
    shift_id: str = ID
    volunteer_id: str = ID
    method: str = Field(pattern=r"^(badge|pin|manual)$")


class ShiftCheckedOut(Payload):
    shift_id: str = ID
    volunteer_id: str = ID
    method: str = Field(pattern=r"^(badge|pin|manual)$")


class ShiftCancelled(Payload):
    shift_id: str = ID
    volunteer_id: str = ID


class ShiftAutoClosed(Payload):
    """The sweep closed a shift left open past the maximum; credited minutes need review."""

    shift_id: str = ID
    volunteer_id: str = ID
    credited_minutes: int = Field(ge=0, le=24 * 60)


class ShiftApproved(Payload):
    """A team leader or admin checked a flagged shift and kept its minutes."""

    shift_id: str = ID
    volunteer_id: str = ID


class ShiftAmended(Payload):
    """A flagged shift's credited minutes corrected, with a reason from the list."""

    shift_id: str = ID
    volunteer_id: str = ID
    minutes: int = Field(ge=0, le=MAX_AMEND_MINUTES)
    reason: str = Field(pattern=AMEND_REASON_PATTERN)


KINDS: tuple[EventKind, ...] = (
    EventKind("shift.checked_in", ShiftCheckedIn, "shift_id"),
    EventKind("shift.checked_out", ShiftCheckedOut, "shift_id"),
    EventKind("shift.cancelled", ShiftCancelled, "shift_id"),
    EventKind("shift.auto_closed", ShiftAutoClosed, "shift_id"),
    EventKind("shift.approved", ShiftApproved, "shift_id"),
    EventKind("shift.amended", ShiftAmended, "shift_id"),
)


# --- the shift's fold -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftState:
    id: str
    volunteer_id: str
    station_id: str
    status: str  # open | closed | cancelled | auto_closed
    checked_in_at: datetime | None
    checkin_kiosk_id: str | None
    checkin_method: str | None
    checked_out_at: datetime | None
    checkout_kiosk_id: str | None
    checkout_method: str | None
    minutes: int | None
    flagged: bool
    amended: bool = False  # minutes set by a reviewer: credited as they are, not rounded


_REVIEWS = ("shift.approved", "shift.amended")


def fold_shift(events: list[Event]) -> ShiftState | None:
    """The shift's state; the first closing event in the agreed order wins (two exits that both
    closed the shift offline agree on which) and any later one flags it for review.

    A review (approved, amended) is applied after the closing whatever the arrival order, so a
    review synced in before the check-out it judged still lands; the latest amend sets the minutes.
    """
    if not events:
        return None
    events = agreed_order(events)
    first = events[0]
    state: dict[str, object] = {
        "id": first.payload["shift_id"],
        "volunteer_id": first.payload["volunteer_id"],
        "station_id": first.station_id,
        "status": "open",
        "checked_in_at": None,
        "checkin_kiosk_id": None,
        "checkin_method": None,
        "checked_out_at": None,
        "checkout_kiosk_id": None,
        "checkout_method": None,
        "minutes": None,
        "flagged": False,
        "amended": False,
    }
    closed = False
    reviews = [e for e in events if e.kind in _REVIEWS]
    for event in events:
        if event.kind in _REVIEWS:
            continue
        if event.kind == "shift.checked_in":
            state.update(
                checked_in_at=event.occurred_at,
                checkin_kiosk_id=event.kiosk_id,
                checkin_method=event.payload["method"],
                station_id=event.station_id,
            )
            continue
        if closed:
            state["flagged"] = True  # two kiosks closed the same shift: keep the first, flag it
            continue
        closed = True
        if event.kind == "shift.checked_out":
            state.update(
                status="closed",
                checked_out_at=event.occurred_at,
                checkout_kiosk_id=event.kiosk_id,
                checkout_method=event.payload["method"],
            )
        elif event.kind == "shift.cancelled":
            state.update(status="cancelled", checked_out_at=event.occurred_at, minutes=0)
        elif event.kind == "shift.auto_closed":
            state.update(
                status="auto_closed",
                checked_out_at=event.occurred_at,
                checkout_kiosk_id=event.kiosk_id,
                checkout_method="sweep",
                minutes=int(event.payload["credited_minutes"]),
                flagged=True,
            )
    checked_in_at = state["checked_in_at"]
    checked_out_at = state["checked_out_at"]
    if (
        state["status"] == "closed"
        and isinstance(checked_in_at, datetime)
        and isinstance(checked_out_at, datetime)
    ):
        state["minutes"] = shift_minutes(checked_in_at, checked_out_at)
    if reviews and state["status"] != "open":
        state["flagged"] = False  # a reviewer looked at it; an amend also sets the minutes
        amends = [e for e in reviews if e.kind == "shift.amended"]
        if amends:
            state["minutes"] = int(amends[-1].payload["minutes"])
            state["amended"] = True
    return ShiftState(**state)  # type: ignore[arg-type]
