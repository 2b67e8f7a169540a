"""Incident records (the fields of a first-aid book): choices, the fold, amendments and voiding.

Most fields are picked from lists (the kiosk has no Chinese text input); the note is short. A
correction is an `incident.amended` event naming only the fields it changes; a wrong record is
voided with `incident.voided`, never deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator

from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.order import agreed_order
from kiosk.features.medicine.domain import BATCH_PATTERN, ITEM_ID_PATTERN, LOT_ID_PATTERN, MAX_MOVE

if TYPE_CHECKING:  # events.py imports this module's patterns
    from kiosk.core.events import Event

MAX_NOTE = 60
MAX_ATTENDED = 10


class Place(StrEnum):
    WAITING_HALL = "waiting_hall"
    PLATFORM = "platform"
    ENTRANCE = "entrance"
    SQUARE = "square"
    REST_STATION = "rest_station"
    OTHER = "other"


class What(StrEnum):
    FAINTING = "fainting"
    FALL = "fall"
    BLEEDING = "bleeding"
    CHEST_PAIN = "chest_pain"
    BREATHING = "breathing"
    HEAT = "heat"
    SEIZURE = "seizure"
    ILLNESS = "illness"
    OTHER = "other"


class FirstAid(StrEnum):
    CPR = "cpr"
    AED = "aed"
    WOUND_CARE = "wound_care"
    RECOVERY_POSITION = "recovery_position"
    COOLING = "cooling"
    OBSERVATION = "observation"
    MEDICINE = "medicine"


class Outcome(StrEnum):
    RECOVERED = "recovered"
    HOSPITAL = "hospital"
    FAMILY = "family"
    POLICE = "police"
    DECLINED = "declined"
    OTHER = "other"


class VoidReason(StrEnum):
    DUPLICATE = "duplicate"
    MISTAKE = "mistake"
    OTHER = "other"


def _pattern(choices: type[StrEnum]) -> str:
    return "^(" + "|".join(c.value for c in choices) + ")$"


PLACE_PATTERN = _pattern(Place)
WHAT_PATTERN = _pattern(What)
FIRST_AID_PATTERN = _pattern(FirstAid)
OUTCOME_PATTERN = _pattern(Outcome)
VOID_REASON_PATTERN = _pattern(VoidReason)
# The fields an amendment may change (items used are stock events and stay as recorded).
AMENDABLE = (
    "happened_at",
    "place",
    "what",
    "first_aid",
    "aed_used",
    "called_120",
    "outcome",
    "attended",
    "note",
)


@dataclass(frozen=True)
class IncidentState:
    """One incident as recorded and corrected (the projection row)."""

    id: str
    station_id: str
    kiosk_id: str
    emergency_id: str | None
    happened_at: datetime
    place: str
    what: str
    first_aid: list[str]
    items_used: list[dict[str, Any]]
    aed_used: bool
    called_120: bool
    outcome: str
    attended: list[str]
    note: str
    recorded_by: str | None
    recorded_at: datetime
    amendments: int = 0
    voided: bool = False
    void_reason: str | None = None


def fold_incident(events: list[Event]) -> IncidentState | None:
    """The record with its amendments applied in the agreed order; a void is final."""
    events = agreed_order(events)
    recorded = next((e for e in events if e.kind == "incident.recorded"), None)
    if recorded is None:
        return None
    p = recorded.payload
    values: dict[str, Any] = {
        "happened_at": datetime.fromisoformat(p["happened_at"]),
        "place": p["place"],
        "what": p["what"],
        "first_aid": list(p["first_aid"]),
        "aed_used": p["aed_used"],
        "called_120": p["called_120"],
        "outcome": p["outcome"],
        "attended": list(p["attended"]),
        "note": p["note"],
    }
    amendments, voided, reason = 0, False, None
    for event in events:
        if event.kind == "incident.amended" and not voided:
            amendments += 1
            for name in AMENDABLE:
                value = event.payload.get(name)
                if value is None:
                    continue
                values[name] = datetime.fromisoformat(value) if name == "happened_at" else value
        elif event.kind == "incident.voided" and not voided:
            voided, reason = True, event.payload["reason"]
    return IncidentState(
        id=p["incident_id"],
        station_id=recorded.station_id,
        kiosk_id=recorded.kiosk_id,
        emergency_id=p.get("emergency_id"),
        items_used=list(p["items_used"]),
        recorded_by=recorded.actor,
        recorded_at=recorded.occurred_at,
        amendments=amendments,
        voided=voided,
        void_reason=reason,
        **values,
    )


# --- event kinds (payload schemas, one declaration each) ------------------------------------------


class ItemUsed(Payload):
    lot_id: str = Field(pattern=LOT_ID_PATTERN)
    item_id: str = Field(pattern=ITEM_ID_PATTERN)
    batch: str = Field(pattern=BATCH_PATTERN)
    quantity: int = Field(ge=1, le=MAX_MOVE)


class IncidentRecorded(Payload):
    """A first-aid book entry; items used are also `medicine.dispensed` events (stock)."""

    incident_id: str = ID
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

    incident_id: str = ID
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
    incident_id: str = ID
    reason: str = Field(pattern=VOID_REASON_PATTERN)


def _choices(values: list[str], pattern: str) -> list[str]:
    """Every entry of a multiple choice must be one of the list, each once."""
    if len(set(values)) != len(values) or not all(re.match(pattern, v) for v in values):
        raise ValueError("unknown or repeated choice")
    return values


KINDS: tuple[EventKind, ...] = (
    EventKind("incident.recorded", IncidentRecorded, "incident_id"),
    EventKind("incident.amended", IncidentAmended, "incident_id"),
    EventKind("incident.voided", IncidentVoided, "incident_id"),
)
