"""Shift handover (交接班): the facts, their fold, the rules of a stock count.

At check-out the leaving volunteer records a handover: what is still open at the station
(requests, needs and wishes, phones charging, items lent out, as the kiosk counted them then),
a note, and a count of the medicine box and the lending shelf against what the kiosk expects,
each difference explained. The next volunteer to check in reads it and acknowledges it. Both are
events of the station: every kiosk folds them to the same row (the first acknowledgement in the
agreed order is the one shown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import Field, model_validator

from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.order import agreed_order

if TYPE_CHECKING:
    from kiosk.core.events import Event

MAX_NOTE = 200
MAX_LINES = 100
MAX_COUNT = 9999


class CountKind(StrEnum):
    MEDICINE = "medicine"
    LENDING = "lending"


class DifferenceReason(StrEnum):
    UNLOGGED = "unlogged"  # given out or lent without being recorded
    DAMAGED = "damaged"  # damaged or expired, thrown away
    MISSING = "missing"  # cannot be found
    FOUND = "found"  # more than expected (returned without being recorded)
    OTHER = "other"


def _pattern(choices: type[StrEnum]) -> str:
    return "^(" + "|".join(c.value for c in choices) + ")$"


class CountLine(Payload):
    """One item counted: what the kiosk expected, what was counted, why they differ."""

    kind: str = Field(pattern=_pattern(CountKind))
    item_id: str = ID
    expected: int = Field(ge=-MAX_COUNT, le=MAX_COUNT)  # over-lent shelves go below zero
    counted: int = Field(ge=0, le=MAX_COUNT)
    reason: str | None = Field(default=None, pattern=_pattern(DifferenceReason))

    @model_validator(mode="after")
    def _explained(self) -> CountLine:
        if self.counted != self.expected and self.reason is None:
            raise ValueError("a difference needs a reason")
        return self


class OpenThings(Payload):
    """What was still open when the handover was recorded (the kiosk's counts then)."""

    requests: int = Field(ge=0, le=MAX_COUNT)
    wishes: int = Field(ge=0, le=MAX_COUNT)
    charging: int = Field(ge=0, le=MAX_COUNT)
    lent: int = Field(ge=0, le=MAX_COUNT)


class HandoverRecorded(Payload):
    handover_id: str = ID
    volunteer_id: str = ID
    open: OpenThings
    counts: list[CountLine] = Field(default_factory=list, max_length=MAX_LINES)
    note: str = Field(default="", max_length=MAX_NOTE)


class HandoverAcknowledged(Payload):
    handover_id: str = ID
    volunteer_id: str = ID


KINDS: tuple[EventKind, ...] = (
    EventKind("handover.recorded", HandoverRecorded, "handover_id"),
    EventKind("handover.acknowledged", HandoverAcknowledged, "handover_id"),
)


@dataclass(frozen=True)
class HandoverState:
    """A handover as the kiosks show it (the projection row)."""

    id: str
    station_id: str
    kiosk_id: str
    volunteer_id: str
    recorded_at: datetime
    open: dict[str, int]
    counts: list[dict[str, Any]]
    note: str
    differences: int
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None


def fold_handover(events: list[Event]) -> HandoverState | None:
    """The recorded handover and its first acknowledgement (an acknowledgement synced in
    before the handover itself still counts)."""
    events = agreed_order(events)
    recorded = next((e for e in events if e.kind == "handover.recorded"), None)
    if recorded is None:
        return None
    p = recorded.payload
    ack = next((e for e in events if e.kind == "handover.acknowledged"), None)
    counts = [dict(c) for c in p.get("counts", [])]
    return HandoverState(
        id=str(p["handover_id"]),
        station_id=recorded.station_id,
        kiosk_id=recorded.kiosk_id,
        volunteer_id=str(p["volunteer_id"]),
        recorded_at=recorded.occurred_at,
        open={k: int(v) for k, v in dict(p["open"]).items()},
        counts=counts,
        note=str(p.get("note", "")),
        differences=sum(1 for c in counts if int(c["counted"]) != int(c["expected"])),
        acknowledged_by=None if ack is None else str(ack.payload["volunteer_id"]),
        acknowledged_at=None if ack is None else ack.occurred_at,
    )
