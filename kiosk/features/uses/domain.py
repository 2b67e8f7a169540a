"""People served (人次): the audience groups a use may name and the rules for a recorded use.

Pure rules shared by the kiosk's service layer and its event schema, so a bad count or an odd
audience is refused the same way whether it comes from a tap or from a pulled event.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import Field

from kiosk.core.errors import ValidationError
from kiosk.core.events import ID, EventKind, Payload

MIN_COUNT = 1
MAX_COUNT = 50  # a tour group at most; a larger figure is a typo, not a family


class Audience(StrEnum):
    """Who was served, chosen with one tap; NONE when nobody picked a group."""

    TRAVELLER = "traveller"
    RIDER = "rider"
    COURIER = "courier"
    SANITATION = "sanitation"
    DRIVER = "driver"
    ELDERLY = "elderly"
    DISABLED = "disabled"
    OTHER = "other"
    NONE = "none"


AUDIENCE_PATTERN = "^(" + "|".join(a.value for a in Audience) + ")$"


def clean_audience(value: str | None) -> Audience:
    """The audience named by `value` (None or "" mean none given); anything else is refused."""
    if value is None or value == "":
        return Audience.NONE
    try:
        return Audience(value)
    except ValueError:
        raise ValidationError(
            "无法识别的服务对象，请重新选择", "Unknown group of people; please choose again"
        ) from None


def clean_count(value: int) -> int:
    """A count of people served at once: 1 to 50."""
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_COUNT <= value <= MAX_COUNT:
        raise ValidationError(
            f"人数须在 {MIN_COUNT} 到 {MAX_COUNT} 之间",
            f"The number of people must be {MIN_COUNT} to {MAX_COUNT}",
        )
    return value


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    """The station's calendar day of an instant: the day a use is counted on."""
    return moment.astimezone(tz).date()


# --- event kinds (payload schemas, one declaration each) ------------------------------------------


def use_line(use: Mapping[str, Any]) -> tuple[tuple[str, str, str], int]:
    """Where a use counts — its local day, service and audience group — and how many people:
    the one rule of 人次, folded alike by the kiosk's projection and the hub's read model."""
    line = (str(use["day"]), str(use["service_id"]), str(use.get("audience") or "none"))
    return line, int(use["count"])


class ServiceUsed(Payload):
    """People served once by a service (人次); `day` is the station's local day of the use.

    The day is fixed by the recording kiosk, which knows its station's time zone, so every
    kiosk and the hub count the use on the same day without converting clocks.
    """

    use_id: str = ID
    service_id: str = ID
    audience: str = Field(default="none", pattern=AUDIENCE_PATTERN)
    count: int = Field(ge=MIN_COUNT, le=MAX_COUNT)
    day: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


KINDS: tuple[EventKind, ...] = (EventKind("service.used", ServiceUsed, "use_id"),)
