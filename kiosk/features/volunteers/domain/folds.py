"""Fold one volunteer's events into their roster entry (pure; the store writes the result)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.core.events import Event
from kiosk.core.order import agreed_order


@dataclass(frozen=True)
class VolunteerState:
    id: str
    name: str  # "" when sealed: opened by the store or the hub (docs/privacy.md, "Volunteers")
    number: str
    phone: str  # "" when sealed
    pin_hash: str | None
    active: bool
    registered_at: datetime
    sealed: str | None = None  # the name and phone under the volunteer's own key
    # The latest setup code the centre gave (its hash, last moment) and when a PIN set after
    # it used it up (None: still waiting).
    setup_hash: str | None = None
    setup_expires_at: datetime | None = None
    setup_used_at: datetime | None = None


@dataclass(frozen=True)
class SetupCode:
    code_hash: str
    expires_at: datetime
    used_at: datetime | None


def fold_setup_code(events: list[Event]) -> SetupCode | None:
    """The latest setup code in the agreed order, and when a PIN set with it used it up (the
    PIN event names the code's hash, so kiosk and hub clocks need not agree)."""
    codes = [e for e in agreed_order(events) if e.kind == "volunteer.setup_code_issued"]
    if not codes:
        return None
    latest = codes[-1].payload
    code_hash = str(latest["code_hash"])
    used = [
        e.occurred_at
        for e in events
        if e.kind == "volunteer.pin_set" and e.payload.get("setup_code_hash") == code_hash
    ]
    return SetupCode(code_hash, _moment(latest["expires_at"]), min(used) if used else None)


def _moment(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def is_active(events: list[Event]) -> bool:
    """Active unless the latest of deactivated/reactivated (agreed order) is a deactivation."""
    active = True
    for event in agreed_order(events):
        if event.kind == "volunteer.deactivated":
            active = False
        elif event.kind == "volunteer.reactivated":
            active = True
    return active


def fold_volunteer(events: list[Event]) -> VolunteerState | None:
    """The roster entry: the latest registration's fields, latest PIN, the latest of
    deactivated/reactivated, the latest setup code (latest in the agreed order, so a PIN
    changed at two kiosks ends the same on both)."""
    events = agreed_order(events)
    registered = [e for e in events if e.kind == "volunteer.registered"]
    if not registered:
        return None
    latest = registered[-1].payload
    setup = fold_setup_code(events)
    return VolunteerState(
        id=str(latest["volunteer_id"]),
        name=str(latest.get("name") or ""),
        number=str(latest["number"]),
        phone=str(latest.get("phone") or ""),
        pin_hash=latest_pin_hash(events),
        active=is_active(events),
        registered_at=registered[0].occurred_at,
        sealed=latest.get("sealed"),
        setup_hash=setup.code_hash if setup else None,
        setup_expires_at=setup.expires_at if setup else None,
        setup_used_at=setup.used_at if setup else None,
    )


def latest_pin_hash(events: list[Event]) -> str | None:
    """The volunteer's PIN hash last set in the agreed order (also for a volunteer the hub's
    roster lists whose registration is not in this log)."""
    pins = [e for e in agreed_order(events) if e.kind == "volunteer.pin_set"]
    return str(pins[-1].payload["pin_hash"]) if pins else None
