"""What the centre's stations page counts over every kiosk it covers, without loading them (#15).

The page shows a page of stations and their kiosks, but its totals (kiosks online, offline and
revoked; the silent kiosks, counted and the first named) are over every station the account
sees: a province has 4,000 kiosks. Online, offline and revoked are one grouped count. Silent is
a rule in Python (open time between the last push and now, `opening.is_silent`), so SQL picks the
only kiosks it can hold for, those not heard from for longer than the limit (open time never
exceeds the time elapsed), and the rule decides for those alone: exact, and on a healthy
province a handful of rows instead of every kiosk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.opening import OpeningHours, is_silent


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
    silent: list[SilentKiosk]  # every silent kiosk, by station then kiosk

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
) -> KioskTally:
    """The totals over the kiosks of `stations` (None: every station, with no list of ids to
    bind); a kiosk never heard from is silent while its station is open, as on the kiosk rows."""
    with database.read() as session:
        kiosks, revoked, online = repo.kiosk_counts(session, stations, now - online_window)
        quiet = repo.quiet_kiosks(session, stations, now - silent_after)
    silent = [
        SilentKiosk(row.id, row.station_id, row.name)
        for row in quiet
        if is_silent(
            row.last_seen, now, OpeningHours.stored(row.opens_at, row.closes_at), tz, silent_after
        )
    ]
    return KioskTally(kiosks, online, revoked, silent)


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
