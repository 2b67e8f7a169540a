"""Fold one volunteer's events into their roster entry (pure; the store writes the result)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.core.events import Event
from kiosk.core.order import agreed_order


@dataclass(frozen=True)
class VolunteerState:
    id: str
    name: str
    number: str
    phone: str  # "" when sealed (docs/privacy.md, "Volunteers")
    pin_hash: str | None
    active: bool
    registered_at: datetime
    sealed: str | None = None  # the phone under the volunteer's own key


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
        phone=str(latest.get("phone") or ""),
        pin_hash=latest_pin_hash(events),
        active=not any(e.kind == "volunteer.deactivated" for e in events),
        registered_at=registered[0].occurred_at,
        sealed=latest.get("sealed"),
    )


def latest_pin_hash(events: list[Event]) -> str | None:
    """The volunteer's PIN hash last set in the agreed order (also for a volunteer the hub's
    roster lists whose registration is not in this log)."""
    pins = [e for e in agreed_order(events) if e.kind == "volunteer.pin_set"]
    return str(pins[-1].payload["pin_hash"]) if pins else None
