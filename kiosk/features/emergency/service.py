"""Emergencies: the button raises an alert on every kiosk of the station until acknowledged.

Raising needs no identification (anyone may press it); acknowledging needs a volunteer on duty
(badge or PIN) or the admin. Alerts raised at other kiosks arrive through sync and are folded
like any other event, so `open_alerts` shows them here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, NotFound
from kiosk.core.ids import new_id
from kiosk.features.emergency import store as emergency_queries
from kiosk.features.emergency.store import EmergencyRow
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

# A second press at the same kiosk this soon after is the same emergency, not a new one.
REPEAT_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True)
class EmergencyView:
    id: str
    kiosk_id: str
    place_zh: str
    place_en: str
    raised_at: datetime
    here: bool  # raised at this kiosk

    def place(self, language: str) -> str:
        return self.place_zh if language == "zh" else self.place_en


class EmergencyService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def raise_alert(self, place_zh: str, place_en: str) -> EmergencyView:
        """Record an emergency at this kiosk (or return the one just raised here)."""
        now = self._clock.now()
        with self._db.write() as session:
            me = eventlog.meta(session).kiosk_id
            for row in emergency_queries.open_emergencies(session):
                if row.kiosk_id == me and now - row.raised_at < REPEAT_WINDOW:
                    return _view(row, me)
            payload = {
                "emergency_id": new_id(),
                "place_zh": place_zh[:40],
                "place_en": place_en[:40],
            }
            eventlog.append(session, "emergency.raised", payload, occurred_at=now)
            new = emergency_queries.emergency(session, payload["emergency_id"])
            assert new is not None
            return _view(new, me)

    def open_alerts(self) -> list[EmergencyView]:
        """Alerts not yet acknowledged, from every kiosk of the station, oldest first."""
        with self._db.read() as session:
            me = eventlog.meta(session).kiosk_id
            return [_view(row, me) for row in emergency_queries.open_emergencies(session)]

    def acknowledge(self, emergency_id: str, actor: Actor) -> None:
        """Someone is attending: the alert leaves every kiosk once this syncs."""
        with self._db.write() as session:
            row = emergency_queries.emergency(session, emergency_id)
            if row is None:
                raise NotFound("没有找到这条紧急求助", "No such emergency alert")
            if row.acknowledged_at is not None:
                raise Conflict(
                    "这条紧急求助已有人响应", "Someone has already acknowledged this alert"
                )
            payload = {
                "emergency_id": emergency_id,
                "by": "admin" if actor.is_admin else "volunteer",
            }
            eventlog.append(
                session,
                "emergency.acknowledged",
                payload,
                occurred_at=self._clock.now(),
                actor=actor.actor,
            )


def _view(row: EmergencyRow, me: str) -> EmergencyView:
    return EmergencyView(
        row.id, row.kiosk_id, row.place_zh, row.place_en, row.raised_at, row.kiosk_id == me
    )
