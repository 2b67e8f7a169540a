"""Each station's latest daily check (the AED and the box), a read model: `aed_last_checks`
holds the check `latest_check` picks (the latest in (occurred_at, event id)), kept in the push
transaction, so the alerts page reads one row per station instead of every check ever made (a
province's stations check daily: 730,000 events in a year).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.features.medicine.domain import AedLight, DailyCheck
from kiosk.features.medicine.hub.boxes import among
from kiosk.platform.hub.models import AedLastCheck
from kiosk.platform.hub.read_models import ReadContext, ReadModel

AED_KIND = "aed.checked"


def daily_check(payload: dict[str, Any]) -> DailyCheck:
    """A check's payload as the rules read it."""
    return DailyCheck(
        date.fromisoformat(str(payload["day"])),
        AedLight(str(payload["light"])),
        date.fromisoformat(str(payload["pads_expiry"])),
        date.fromisoformat(str(payload["battery_expiry"])),
    )


def _latest(events: list[Event]) -> Event | None:
    checks = [e for e in events if e.kind == AED_KIND]
    return max(checks, key=lambda e: (e.occurred_at, e.id)) if checks else None


def latest_check(events: list[Event]) -> DailyCheck | None:
    """The station's last daily check (the latest recorded, as a kiosk's admin screen reads it)."""
    last = _latest(events)
    return None if last is None else daily_check(last.payload)


def fold_checks(connection: Connection, events: list[Event], _context: ReadContext) -> None:
    """Keep each station's latest check of the push, unless a later one is kept already."""
    by_station: dict[str, list[Event]] = {}
    for event in events:
        by_station.setdefault(event.station_id, []).append(event)
    rows = []
    for station in sorted(by_station):  # one lock order for every push
        last = _latest(by_station[station])
        if last is not None:
            rows.append(
                {
                    "station_id": station,
                    "occurred_at": last.occurred_at,
                    "event_id": last.id,
                    "payload": last.payload,
                }
            )
    if not rows:
        return
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    kept, statement = AedLastCheck.__table__.c, insert(AedLastCheck)
    new = statement.excluded
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["station_id"],
            set_={c: new[c] for c in ("occurred_at", "event_id", "payload")},
            where=or_(
                new.occurred_at > kept.occurred_at,
                (new.occurred_at == kept.occurred_at) & (new.event_id > kept.event_id),
            ),
        ),
        rows,
    )


LAST_CHECKS = ReadModel("aed_last_checks", (AED_KIND,), ("aed_last_checks",), fold_checks)


def last_checks(session: Session, stations: list[str]) -> dict[str, DailyCheck]:
    """The stations' latest daily checks (stations that never checked: absent)."""
    rows = session.connection().execute(
        select(AedLastCheck.station_id, AedLastCheck.payload).where(
            among(session, AedLastCheck.station_id, stations)
        )
    )
    return {station: daily_check(payload) for station, payload in rows}
