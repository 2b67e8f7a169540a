"""Emergencies raised at a kiosk: the fold of one alert from raised to acknowledged.

An `emergency.raised` from any kiosk of the station shows on every kiosk (it arrives by sync
like any other event) until an `emergency.acknowledged` for it is in the log; the first
acknowledgement wins, later ones change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import Field

from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.order import agreed_order

if TYPE_CHECKING:  # events.py imports this module's patterns
    from kiosk.core.events import Event

MAX_PLACE = 40


class AckBy(StrEnum):
    """Who acknowledged: a volunteer on duty (badge or PIN) or the station admin."""

    VOLUNTEER = "volunteer"
    ADMIN = "admin"


ACK_BY_PATTERN = "^(" + "|".join(a.value for a in AckBy) + ")$"


@dataclass(frozen=True)
class EmergencyState:
    """One emergency alert (the projection row)."""

    id: str
    station_id: str
    kiosk_id: str
    place_zh: str
    place_en: str
    raised_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None  # volunteer | admin
    ack_actor: str | None  # the volunteer id, or the admin role
    ack_kiosk_id: str | None


def fold_emergency(events: list[Event]) -> EmergencyState | None:
    """The alert's state: open until the first acknowledgement in the log (first in the agreed
    order, so two kiosks that both acknowledged show the same one)."""
    events = agreed_order(events)
    raised = next((e for e in events if e.kind == "emergency.raised"), None)
    if raised is None:
        return None
    ack = next((e for e in events if e.kind == "emergency.acknowledged"), None)
    return EmergencyState(
        id=raised.payload["emergency_id"],
        station_id=raised.station_id,
        kiosk_id=raised.kiosk_id,
        place_zh=raised.payload["place_zh"],
        place_en=raised.payload["place_en"],
        raised_at=raised.occurred_at,
        acknowledged_at=ack.occurred_at if ack else None,
        acknowledged_by=ack.payload["by"] if ack else None,
        ack_actor=ack.actor if ack else None,
        ack_kiosk_id=ack.kiosk_id if ack else None,
    )


# --- event kinds (payload schemas, one declaration each) ------------------------------------------


class EmergencyRaised(Payload):
    """The emergency button was pressed at a kiosk (its place, for the other kiosks' banner)."""

    emergency_id: str = ID
    place_zh: str = Field(min_length=1, max_length=MAX_PLACE)
    place_en: str = Field(min_length=1, max_length=MAX_PLACE)


class EmergencyAcknowledged(Payload):
    emergency_id: str = ID
    by: str = Field(pattern=ACK_BY_PATTERN)


KINDS: tuple[EventKind, ...] = (
    # Urgent: every kiosk of the station shows the alert within seconds, and stops its alarm as
    # soon as someone is attending.
    EventKind("emergency.raised", EmergencyRaised, "emergency_id", urgent=True),
    EventKind("emergency.acknowledged", EmergencyAcknowledged, "emergency_id", urgent=True),
)
