"""Fold one aggregate's events into its current state (pure; the store writes the result).

Events may be given in any order (arrival order on a kiosk, the hub's order on the hub): each
fold puts them in the agreed order (`domain.order`) first, so every kiosk holding the same events
folds the same state. Folding the whole aggregate each time means a late event from another
kiosk (a check-out at the north exit of a shift begun at the south exit) lands in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.core.events import Event
from kiosk.core.order import agreed_order
from kiosk.features.shifts.domain import shift_minutes


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


@dataclass(frozen=True)
class VolunteerState:
    id: str
    name: str
    number: str
    phone: str
    pin_hash: str | None
    active: bool
    registered_at: datetime


def fold_volunteer(events: list[Event]) -> VolunteerState | None:
    """The roster entry: the latest registration's fields, latest PIN, deactivation sticks
    (latest in the agreed order, so a PIN changed at two kiosks ends the same on both)."""
    events = agreed_order(events)
    registered = [e for e in events if e.kind == "volunteer.registered"]
    if not registered:
        return None
    latest = registered[-1].payload
    return VolunteerState(
        id=str(latest["volunteer_id"]),
        name=str(latest["name"]),
        number=str(latest["number"]),
        phone=str(latest["phone"]),
        pin_hash=latest_pin_hash(events),
        active=not any(e.kind == "volunteer.deactivated" for e in events),
        registered_at=registered[0].occurred_at,
    )


def latest_pin_hash(events: list[Event]) -> str | None:
    """The volunteer's PIN hash last set in the agreed order (also for a volunteer the hub's
    roster lists whose registration is not in this log)."""
    pins = [e for e in agreed_order(events) if e.kind == "volunteer.pin_set"]
    return str(pins[-1].payload["pin_hash"]) if pins else None


@dataclass(frozen=True)
class AdminAccountState:
    account_id: str
    name: str
    role: str
    pin_hash: str
    active: bool


def fold_admin_account(events: list[Event]) -> AdminAccountState | None:
    """One admin account: the first-run `admin.pin_set` (id = its role, named after it) and
    any later `admin.account_set`; the latest event's fields in the agreed order win."""
    state: AdminAccountState | None = None
    for event in agreed_order(events):
        payload = event.payload
        if event.kind == "admin.pin_set":
            role = str(payload["role"])
            name = state.name if state else role
            state = AdminAccountState(role, name, role, str(payload["pin_hash"]), True)
        elif event.kind == "admin.account_set":
            state = AdminAccountState(
                str(payload["account_id"]),
                str(payload["name"]),
                str(payload["role"]),
                str(payload["pin_hash"]),
                bool(payload.get("active", True)),
            )
    return state
