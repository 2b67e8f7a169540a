"""The timetable as the centre publishes it (config kind "timetable") and as a station's file
is imported: the hub refuses a body that fails `Timetable` (422 `bad_timetable`, naming the
field, e.g. `trains.3.departs`); the kiosk reads the same model.

`{"trains": [{"train": "G1234", "to_zh": "北京南", "to_en": "Beijing South", "departs": "08:05",
"days": [1, 2, 3, 4, 5], "gate": "A12", "waiting_room": "第一候车室", "platform": "3",
"check_in_min": 20}]}`: `departs` is station-local HH:MM; `days` (ISO weekdays, 1 = Monday)
is optional, empty meaning every day.
"""

from __future__ import annotations

import re
from datetime import time

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kiosk.core.events import DEFER_BUILD
from kiosk.core.tickets import TRAIN_PATTERN
from kiosk.features.trains.domain import GATE_PATTERN, Scheduled

MAX_TRAINS = 1000  # departures of one station a day: a large hub station has a few hundred
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class TimetableEntry(BaseModel):
    """One train leaving the station every day (or on `days`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=DEFER_BUILD)

    train: str = Field(pattern=TRAIN_PATTERN)
    to_zh: str = Field(min_length=1, max_length=12)
    to_en: str = Field(min_length=1, max_length=40)
    departs: str
    days: list[int] = Field(default_factory=list, max_length=7)
    gate: str = Field(default="", max_length=5)
    waiting_room: str = Field(default="", max_length=12)
    platform: str = Field(default="", max_length=4, pattern=r"^[0-9A-Za-z]*$")
    check_in_min: int = Field(default=20, ge=5, le=90)

    @field_validator("departs")
    @classmethod
    def _hhmm(cls, value: str) -> str:
        if not _HHMM.match(value):
            raise ValueError("departure is station-local HH:MM, e.g. 08:05")
        return value

    @field_validator("days")
    @classmethod
    def _weekdays(cls, value: list[int]) -> list[int]:
        if any(d < 1 or d > 7 for d in value) or len(set(value)) != len(value):
            raise ValueError("days are distinct weekdays 1 (Monday) to 7 (Sunday)")
        return value

    @field_validator("gate")
    @classmethod
    def _gate(cls, value: str) -> str:
        if value and not re.match(GATE_PATTERN, value):
            raise ValueError("a gate is a number with an optional letter, e.g. 5, A12 or 12B")
        return value

    def scheduled(self) -> Scheduled:
        hours, minutes = self.departs.split(":")
        return Scheduled(
            train=self.train,
            to_zh=self.to_zh.strip(),
            to_en=self.to_en.strip(),
            departs=time(int(hours), int(minutes)),
            days=frozenset(self.days),
            gate=self.gate,
            waiting_room=self.waiting_room.strip(),
            platform=self.platform,
            check_in_min=self.check_in_min,
        )


class Timetable(BaseModel):
    """A whole timetable: at least one train, each train number once."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=DEFER_BUILD)

    trains: list[TimetableEntry] = Field(min_length=1, max_length=MAX_TRAINS)

    @model_validator(mode="after")
    def _each_train_once(self) -> Timetable:
        seen: set[str] = set()
        for entry in self.trains:
            if entry.train in seen:
                raise ValueError(f"train {entry.train} is listed twice")
            seen.add(entry.train)
        return self

    def scheduled(self) -> list[Scheduled]:
        return [entry.scheduled() for entry in self.trains]
