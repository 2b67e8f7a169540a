"""Credited volunteer hours over any span: the monthly rounding rule applied per shift.

The admin's monthly table, the dashboard, the monthly report and the hours certificates all
credit a shift the same way: its minutes rounded by the station's rule, except a shift closed
by the sweep, which is credited what the sweep granted (it is flagged for review).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.features.shifts.domain import HoursRule, credited_minutes
from kiosk.features.shifts.store import ShiftRow
from kiosk.features.volunteers.store import VolunteerRow


def shift_credit(status: str, minutes: int | None, rule: HoursRule) -> int:
    """Minutes one shift counts for."""
    raw = minutes or 0
    return raw if status == "auto_closed" else credited_minutes(raw, rule)


@dataclass(frozen=True)
class VolunteerTotal:
    """One volunteer's credited hours over a span."""

    volunteer_id: str
    name: str
    number: str
    shifts: int
    credited_minutes: int
    first_day: date | None
    last_day: date | None


def totals_by_volunteer(
    rows: Sequence[tuple[ShiftRow, VolunteerRow]], rule: HoursRule, tz: ZoneInfo
) -> list[VolunteerTotal]:
    """Per volunteer, by volunteer number."""
    found: dict[str, VolunteerTotal] = {}
    for shift, volunteer in rows:
        credit = shift_credit(shift.status, shift.minutes, rule)
        day = shift.checked_in_at.astimezone(tz).date() if shift.checked_in_at else None
        old = found.get(volunteer.id)
        if old is None:
            found[volunteer.id] = VolunteerTotal(
                volunteer.id, volunteer.name, volunteer.number, 1, credit, day, day
            )
            continue
        first = min(d for d in (old.first_day, day) if d) if (old.first_day or day) else None
        last = max(d for d in (old.last_day, day) if d) if (old.last_day or day) else None
        found[volunteer.id] = VolunteerTotal(
            old.volunteer_id,
            old.name,
            old.number,
            old.shifts + 1,
            old.credited_minutes + credit,
            first,
            last,
        )
    return sorted(found.values(), key=lambda t: t.number)


def minutes_by_day(
    rows: Sequence[tuple[ShiftRow, VolunteerRow]], rule: HoursRule, tz: ZoneInfo
) -> dict[date, int]:
    """Credited minutes per local day a shift began on."""
    found: dict[date, int] = {}
    for shift, _volunteer in rows:
        if shift.checked_in_at is None:
            continue
        day = shift.checked_in_at.astimezone(tz).date()
        found[day] = found.get(day, 0) + shift_credit(shift.status, shift.minutes, rule)
    return found


def local_start(day: date, tz: ZoneInfo) -> datetime:
    """The first instant of a local day."""
    return datetime(day.year, day.month, day.day, tzinfo=tz)
