"""Roll call (清点人数): the fact recorded when a roll is finished, its fold, and the tally kept
while the roll is being taken.

A roll lists everyone with an open shift at the station when it starts (shifts synced from the
station's other kiosks included). Each person is ticked as accounted for by a badge scan or a
tap; finishing records one `rollcall.taken` event naming who was present and who was missing.
Cancelling records nothing. A roll call is one kiosk's fact, never shared state: its fold is a
copy of its one event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, model_validator

from kiosk.core.events import ID, EventKind, Payload

if TYPE_CHECKING:
    from kiosk.core.events import Event

MAX_ROLL = 2000  # people on one roll: far above any station's volunteers on duty

VolunteerId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


class RollCallTaken(Payload):
    """A finished roll: who took it, who was accounted for and who was not."""

    rollcall_id: str = ID
    taker_id: str = ID
    present: list[VolunteerId] = Field(max_length=MAX_ROLL)
    missing: list[VolunteerId] = Field(max_length=MAX_ROLL)

    @model_validator(mode="after")
    def _each_once(self) -> RollCallTaken:
        everyone = [*self.present, *self.missing]
        if len(set(everyone)) != len(everyone):
            raise ValueError("a person is on the roll once, present or missing")
        if not everyone:
            raise ValueError("a roll call lists at least one person")
        return self


KINDS: tuple[EventKind, ...] = (EventKind("rollcall.taken", RollCallTaken, "rollcall_id"),)


@dataclass(frozen=True)
class RollCallState:
    """One roll call as the log and the centre show it (the projection row)."""

    id: str
    station_id: str
    kiosk_id: str
    taken_at: datetime
    taker_id: str
    present: list[str]
    missing: list[str]
    present_count: int
    missing_count: int


def fold_rollcall(events: list[Event]) -> RollCallState | None:
    """The roll call's one `rollcall.taken` event as a row (a re-pulled copy folds alike)."""
    taken = next((e for e in events if e.kind == "rollcall.taken"), None)
    if taken is None:
        return None
    p = taken.payload
    present = [str(v) for v in p.get("present", [])]
    missing = [str(v) for v in p.get("missing", [])]
    return RollCallState(
        id=str(p["rollcall_id"]),
        station_id=taken.station_id,
        kiosk_id=taken.kiosk_id,
        taken_at=taken.occurred_at,
        taker_id=str(p["taker_id"]),
        present=present,
        missing=missing,
        present_count=len(present),
        missing_count=len(missing),
    )


# --- the roll being taken -----------------------------------------------------------------------


@dataclass(frozen=True)
class RollEntry:
    """One person on the roll: a volunteer with an open shift here when the roll started."""

    volunteer_id: str
    name: str
    number: str
    checked_in_at: datetime | None


class Tally:
    """The roll on screen: its people in check-in order, and who is ticked so far.

    Pure and small, so the page only draws it and the rules (tick once, only people on the
    roll) are tested without Qt."""

    def __init__(self, entries: Iterable[RollEntry]) -> None:
        self.entries: list[RollEntry] = list(entries)
        self._row = {e.volunteer_id: i for i, e in enumerate(self.entries)}
        self._present: set[str] = set()

    def __len__(self) -> int:
        return len(self.entries)

    def row_of(self, volunteer_id: str) -> int | None:
        return self._row.get(volunteer_id)

    def is_present(self, volunteer_id: str) -> bool:
        return volunteer_id in self._present

    def tick(self, volunteer_id: str) -> bool:
        """Accounted for (a scan): True if this newly ticked someone on the roll."""
        if volunteer_id not in self._row or volunteer_id in self._present:
            return False
        self._present.add(volunteer_id)
        return True

    def toggle(self, volunteer_id: str) -> None:
        """A tap on a row: ticks, or unticks a tick made by mistake."""
        if volunteer_id not in self._row:
            return
        if volunteer_id in self._present:
            self._present.discard(volunteer_id)
        else:
            self._present.add(volunteer_id)

    @property
    def present(self) -> list[str]:
        return [e.volunteer_id for e in self.entries if e.volunteer_id in self._present]

    @property
    def missing(self) -> list[str]:
        return [e.volunteer_id for e in self.entries if e.volunteer_id not in self._present]

    @property
    def counts(self) -> tuple[int, int]:
        """(present, missing)."""
        return len(self._present), len(self.entries) - len(self._present)
