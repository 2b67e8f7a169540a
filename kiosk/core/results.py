"""Plain results the services hand to the UI (never ORM rows); pure, so a screen of any feature
may show a volunteer or a clock result without importing the feature that made it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class VolunteerInfo:
    id: str
    name: str
    number: str
    masked_phone: str
    active: bool


@dataclass(frozen=True)
class ClockResult:
    """What a scan or PIN entry did, for the result screen."""

    action: str  # a kiosk.features.shifts.domain.ScanAction (a StrEnum)
    volunteer: VolunteerInfo
    shift_id: str
    checked_in_at: datetime
    checked_out_at: datetime | None = None
    minutes: int | None = None


@dataclass(frozen=True)
class OnDuty:
    volunteer: VolunteerInfo
    shift_id: str
    checked_in_at: datetime


@dataclass(frozen=True)
class VolunteerHours:
    volunteer: VolunteerInfo
    shifts: int
    minutes: int  # raw
    credited_minutes: int  # after the rounding rule
    flagged: int


@dataclass(frozen=True)
class FlaggedShift:
    shift_id: str
    volunteer: VolunteerInfo
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    status: str
    minutes: int | None
