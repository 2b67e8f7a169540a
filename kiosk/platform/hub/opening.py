"""A station's opening hours, and how long a kiosk has been silent while its station was open.

A kiosk that stops syncing at 22:05 when its station closes at 22:00 is not a fault until the
station has been open for the silent limit again the next morning (#16: "silent for longer than
15 min during opening hours"). Hours are station-local ("HH:MM" in the hub's time zone); a
closing time earlier than the opening time runs past midnight; no hours, open all day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class HoursError(ValueError):
    """Hours a person typed that are not a pair of distinct HH:MM times."""

    def __init__(self, reason: str, reason_zh: str) -> None:
        super().__init__(reason)
        self.reason_zh = reason_zh


def parse_hhmm(text: str) -> time:
    """ "07:30" → 07:30; anything else is refused with the reason."""
    found = _HHMM.match(text.strip())
    if found is None:
        raise HoursError("times are HH:MM, e.g. 07:00", "时间格式为 时:分，如 07:00")
    return time(int(found.group(1)), int(found.group(2)))


@dataclass(frozen=True)
class OpeningHours:
    opens: time
    closes: time  # earlier than `opens`: closes the next day

    @classmethod
    def parse(cls, opens: str, closes: str) -> OpeningHours | None:
        """From the form's two fields: both empty is open all day (None)."""
        if not opens.strip() and not closes.strip():
            return None
        if not opens.strip() or not closes.strip():
            raise HoursError(
                "give both the opening and the closing time, or neither (open all day)",
                "请同时填写开门和关门时间，或都不填（全天开放）",
            )
        hours = cls(parse_hhmm(opens), parse_hhmm(closes))
        if hours.opens == hours.closes:
            raise HoursError(
                "opening and closing times are the same; leave both empty for all day",
                "开门与关门时间相同；全天开放请都不填",
            )
        return hours

    @classmethod
    def stored(cls, opens: str | None, closes: str | None) -> OpeningHours | None:
        """From the station's row (validated when set)."""
        if not opens or not closes:
            return None
        return cls(parse_hhmm(opens), parse_hhmm(closes))

    def text(self) -> str:
        return f"{self.opens:%H:%M}–{self.closes:%H:%M}"

    def _windows(self, day: datetime) -> list[tuple[datetime, datetime]]:
        """The open spans that start on the local calendar day of `day` (tz-aware)."""
        start = day.replace(hour=self.opens.hour, minute=self.opens.minute, second=0, microsecond=0)
        end = day.replace(hour=self.closes.hour, minute=self.closes.minute, second=0, microsecond=0)
        if end <= start:
            end += timedelta(days=1)
        # Compared and subtracted in UTC: two times of one zone differ by wall time in Python.
        return [(start.astimezone(UTC), end.astimezone(UTC))]

    def open_between(
        self, start: datetime, end: datetime, tz: ZoneInfo, above: timedelta | None = None
    ) -> timedelta:
        """How much of [start, end] the station was open (both aware; any time zone). With
        `above`: stops once the total is past it (a kiosk silent for a year is past the limit
        after a day: no need to walk the other 364)."""
        if end <= start:
            return timedelta(0)
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        total = timedelta(0)
        day = (start.astimezone(tz) - timedelta(days=1)).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        while day <= end:
            for opened, closed in self._windows(day):
                overlap = min(closed, end) - max(opened, start)
                if overlap > timedelta(0):
                    total += overlap
            if above is not None and total > above:
                return total
            day = (day + timedelta(days=1)).replace(hour=0, minute=0)
        return total

    def silent_before(self, now: datetime, tz: ZoneInfo, limit: timedelta) -> datetime:
        """The time before which a kiosk last heard from is silent now: `is_silent` holds
        exactly for a `last_seen` earlier than this (open time grows as `last_seen` moves back),
        so a page counts silent kiosks with one comparison in SQL. Walks back from `now`
        through the open spans until more than `limit` of them lies behind."""
        end_at, need = now.astimezone(UTC), limit
        day = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
        while True:
            for opened, closed in self._windows(day):
                closed = min(closed, end_at)
                if closed > opened:
                    if closed - opened > need:
                        return closed - need
                    need -= closed - opened
            day = (day - timedelta(days=1)).replace(hour=0, minute=0)

    def is_open(self, at: datetime, tz: ZoneInfo) -> bool:
        return self.open_between(at - timedelta(seconds=1), at, tz) > timedelta(0)


def silent_for(
    last_seen: datetime | None, now: datetime, hours: OpeningHours | None, tz: ZoneInfo
) -> timedelta | None:
    """How long a kiosk has been silent while its station was open (None: never seen, which
    counts as silent whenever the station is open)."""
    if last_seen is None:
        return None
    if hours is None:
        return now - last_seen
    return hours.open_between(last_seen, now, tz)


def is_silent(
    last_seen: datetime | None,
    now: datetime,
    hours: OpeningHours | None,
    tz: ZoneInfo,
    limit: timedelta,
) -> bool:
    """The stations page's flag: silent for longer than `limit` of open time; a kiosk never
    heard from is flagged while its station is open."""
    if last_seen is None:
        return hours is None or hours.is_open(now, tz)
    if hours is None:
        return now - last_seen > limit
    return hours.open_between(last_seen, now, tz, above=limit) > limit
