"""Counting people served (人次): record a use of a service and read the day's figures.

Each recorded use is one anonymous `service.used` event; the daily counts the home screen and
reports show are its projection. Input is checked here, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from kiosk.core.clock import Clock
from kiosk.core.errors import NotFound
from kiosk.core.ids import new_id
from kiosk.features.uses import store as uses_store
from kiosk.features.uses.domain import Audience, clean_audience, clean_count, local_day
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database


@dataclass(frozen=True)
class RecordedUse:
    """What one tap recorded, and the station's total for the day after it."""

    use_id: str
    service_id: str
    audience: Audience
    count: int
    served_today: int


@dataclass(frozen=True)
class ServiceCount:
    """People served by one service for one audience on one day."""

    service_id: str
    audience: Audience
    people: int
    uses: int


class UseService:
    """Records uses; `known_services` gives the ids of the catalogue currently shown."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        timezone: ZoneInfo,
        known_services: Callable[[], Collection[str]],
    ) -> None:
        self._db = database
        self._clock = clock
        self._tz = timezone
        self._known = known_services

    def today(self) -> date:
        return local_day(self._clock.now(), self._tz)

    def record(self, service_id: str, audience: str | None = None, count: int = 1) -> RecordedUse:
        """One tap: `count` people (a family of four = 4) of `audience` used `service_id`."""
        if not isinstance(service_id, str) or service_id not in self._known():
            raise NotFound(
                "没有这项服务，请返回首页重新选择", "No such service; please choose again"
            )
        group = clean_audience(audience)
        people = clean_count(count)
        now = self._clock.now()
        day = local_day(now, self._tz).isoformat()
        use_id = new_id()
        with self._db.write() as session:
            eventlog.append(
                session,
                "service.used",
                {
                    "use_id": use_id,
                    "service_id": service_id,
                    "audience": group.value,
                    "count": people,
                    "day": day,
                },
                occurred_at=now,
            )
            total = uses_store.people_served(session, day)
        return RecordedUse(use_id, service_id, group, people, total)

    def served_today(self) -> int:
        """People served today (the station's local day), all kiosks whose uses are here."""
        with self._db.read() as session:
            return uses_store.people_served(session, self.today().isoformat())

    def by_service(self, day: date | None = None) -> list[ServiceCount]:
        """The day's figures per service and audience (today when `day` is None)."""
        wanted = (day or self.today()).isoformat()
        with self._db.read() as session:
            lines = uses_store.served_by_service(session, wanted)
        return [ServiceCount(s, Audience(a), p, u) for s, a, p, u in lines]
