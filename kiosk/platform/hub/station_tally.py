"""What the centre's stations page counts over every kiosk it covers, without loading them (#15).

The page shows a page of stations and their kiosks, but its totals (kiosks online, offline and
revoked; the silent kiosks, counted and the first named) are over every station the account
sees: a province has 4,000 kiosks. Online, offline and revoked are one grouped count. Silent is
a rule over open time (`opening.is_silent`), but for one set of opening hours it comes down to
one moment (`OpeningHours.silent_before`): a kiosk is silent exactly when last heard from
before it. So the rule is worked out once per distinct hours, and SQL counts the kiosks and
names the first few: exact, with no kiosk loaded, at night (every kiosk quiet) as by day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.opening import OpeningHours


@dataclass(frozen=True)
class SilentKiosk:
    kiosk_id: str
    station_id: str
    name: str | None


@dataclass(frozen=True)
class KioskTally:
    """Totals over every kiosk of the stations a page covers (exact, whatever page is shown)."""

    kiosks: int
    online: int
    revoked: int
    silent: int
    named: list[SilentKiosk]  # the first silent kiosks, by station then kiosk

    @property
    def offline(self) -> int:
        return self.kiosks - self.revoked - self.online


@dataclass(frozen=True)
class StationSettings:
    """What the centre set on a station that its section of the page shows."""

    hours: OpeningHours | None
    region: str


def kiosk_tally(
    database: Database,
    stations: Sequence[str] | None,
    now: datetime,
    *,
    online_window: timedelta,
    silent_after: timedelta,
    tz: ZoneInfo,
    named: int,
) -> KioskTally:
    """The totals over the kiosks of `stations` (None: every station, with no list of ids to
    bind); a kiosk never heard from is silent while its station is open, as on the kiosk rows."""
    with database.read() as session:
        kiosks, revoked, online = repo.kiosk_counts(session, stations, now - online_window)
        rules = [
            _rule(opens, closes, now, tz, silent_after)
            for opens, closes in repo.hours_in_use(session, stations)
        ]
        silent, first = repo.silent_kiosks(session, stations, rules, named)
    return KioskTally(
        kiosks, online, revoked, silent, [SilentKiosk(r.id, r.station_id, r.name) for r in first]
    )


def _rule(
    opens: str | None, closes: str | None, now: datetime, tz: ZoneInfo, limit: timedelta
) -> repo.SilentRule:
    hours = OpeningHours.stored(opens, closes)
    if hours is None:  # open all day: silent once quiet for longer than the limit
        return repo.SilentRule(None, None, now - limit, True)
    return repo.SilentRule(
        opens, closes, hours.silent_before(now, tz, limit), hours.is_open(now, tz)
    )


def station_settings(database: Database, stations: Sequence[str]) -> dict[str, StationSettings]:
    """The hours and region of `stations` only (the page's), not of the province."""
    if not stations:
        return {}
    with database.read() as session:
        rows = repo.station_settings(session, stations)
    return {
        sid: StationSettings(OpeningHours.stored(opens, closes), region or "")
        for sid, opens, closes, region in rows
    }
