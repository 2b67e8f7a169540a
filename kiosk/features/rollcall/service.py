"""Roll call use cases: build the roll from local data, record a finished roll, read the log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.core.errors import ValidationError
from kiosk.core.ids import new_id
from kiosk.features.rollcall import store
from kiosk.features.rollcall.domain import Tally
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.services import ServiceContext
from kiosk.platform.store import eventlog

EMPTY_ROLL = ValidationError(
    "现在没有人签到，无需清点", "Nobody is checked in now: there is no one to count"
)
NOT_A_VOLUNTEER = ValidationError(
    "清点须由签到值班的志愿者完成", "A volunteer on duty takes the roll"
)


@dataclass(frozen=True)
class RollCallRecorded:
    """A roll call stored: its id and its counts."""

    rollcall_id: str
    taken_at: datetime
    present: int
    missing: int


@dataclass(frozen=True)
class RollCallView:
    """A roll call as the admin reads it, names resolved."""

    id: str
    taken_at: datetime
    taker: str
    present: int
    missing: int
    missing_names: list[str]


class RollCallService:
    """The roll at this station: from the kiosk's own database only (no network), so it is
    there in an evacuation with the hub unreachable."""

    def __init__(self, context: ServiceContext) -> None:
        self._db = context.database
        self._clock = context.clock

    def roll(self) -> Tally:
        """Everyone checked in at the station now, and at an activity under way (local reads),
        nobody ticked yet."""
        with self._db.read() as session:
            return Tally(store.checked_in(session, self._clock.now()))

    def record(self, taker: Actor, tally: Tally) -> RollCallRecorded:
        """Store the finished roll as one `rollcall.taken` event (taker, present, missing)."""
        if taker.volunteer_id is None:
            raise NOT_A_VOLUNTEER
        if not len(tally):
            raise EMPTY_ROLL
        rollcall_id = new_id()
        now = self._clock.now()
        present, missing = tally.present, tally.missing
        payload = {
            "rollcall_id": rollcall_id,
            "taker_id": taker.volunteer_id,
            "present": present,
            "missing": missing,
        }
        with self._db.write() as session:
            eventlog.append(session, "rollcall.taken", payload, occurred_at=now, actor=taker.actor)
        return RollCallRecorded(rollcall_id, now, len(present), len(missing))

    def recent(self, limit: int = 20) -> list[RollCallView]:
        """The latest roll calls, newest first, with the names of who was missing."""
        with self._db.read() as session:
            rows = store.roll_calls(session, limit)
            wanted = {r.taker_id for r in rows} | {v for r in rows for v in r.missing}
            names = store.names(session, wanted)
            return [
                RollCallView(
                    r.id,
                    r.taken_at,
                    names.get(r.taker_id, r.taker_id),
                    r.present_count,
                    r.missing_count,
                    [names.get(v, v) for v in r.missing],
                )
                for r in rows
            ]


SERVICES = (RollCallService,)
