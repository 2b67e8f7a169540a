"""Train times (列车动态): the facts staff record about a train's run, their fold, and the board.

A station has no public API for its trains: the timetable comes from the centre (config kind
`timetable`) or from the station's passenger-information system as a file imported at the
kiosk admin. What changes on the day is recorded by staff as events on one *run* (a train on a
service day, `run_id` "2026-12-06/G1234"): `train.delayed` (minutes, 0 = on time again),
`train.gate_changed`, `train.cancelled` and `train.reinstated` (a cancellation marked by
mistake). The events sync to the station's other kiosks; every kiosk folds a run's events in
the agreed order, so two kiosks holding the same marks show the same board.

Every time here is station-local: a departure "08:05" is 08:05 in the station's time zone,
whatever the hub's or the kiosk's system clock zone is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import Field, model_validator

from kiosk.core.events import EventKind, Payload
from kiosk.core.order import agreed_order
from kiosk.core.tickets import TRAIN_PATTERN

if TYPE_CHECKING:
    from kiosk.core.events import Event

MAX_DELAY_MIN = 720  # twelve hours: longer is a cancellation in all but name
GATE_PATTERN = r"^[A-Z]?\d{1,3}[A-Z]?$"  # 5, A12, 12B
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
RUN_PATTERN = r"^\d{4}-\d{2}-\d{2}/[GDCZTKYLS]?\d{1,5}$"
CLOSE_MIN = 3  # check-in closes this many minutes before departure (停止检票)
BOARD_ROWS = 8  # departures the board shows at once: large type on one 1080p screen


class TrainStatus(StrEnum):
    """What the board's 状态 column says of a departure."""

    ON_TIME = "on_time"
    DELAYED = "delayed"
    CHECKING_IN = "checking_in"
    CHECK_IN_CLOSED = "check_in_closed"
    CANCELLED = "cancelled"


class TrainMark(StrEnum):
    """What staff said of a run (one event each; the log tab's 标记 column)."""

    DELAYED = "delayed"
    GATE_CHANGED = "gate_changed"
    CANCELLED = "cancelled"
    REINSTATED = "reinstated"


def run_id(day: date, train: str) -> str:
    """The run of `train` on the service day `day` (its scheduled departure's local date)."""
    return f"{day.isoformat()}/{train}"


class _RunPayload(Payload):
    run_id: str = Field(pattern=RUN_PATTERN)
    train: str = Field(pattern=TRAIN_PATTERN)
    day: str = Field(pattern=DAY_PATTERN)

    @model_validator(mode="after")
    def _names_its_run(self) -> _RunPayload:
        date.fromisoformat(self.day)  # a real date, not 2026-13-40
        if self.run_id != f"{self.day}/{self.train}":
            raise ValueError("run_id is day/train")
        return self


class TrainDelayed(_RunPayload):
    """Staff say the train leaves `minutes` late (0: on time again)."""

    minutes: int = Field(ge=0, le=MAX_DELAY_MIN)


class TrainGateChanged(_RunPayload):
    """Staff say the train checks in at another gate (检票口)."""

    gate: str = Field(pattern=GATE_PATTERN)


class TrainCancelled(_RunPayload):
    """Staff say the train does not run (停运) on this day."""


class TrainReinstated(_RunPayload):
    """A cancellation marked by mistake is taken back."""


KINDS: tuple[EventKind, ...] = (
    EventKind("train.delayed", TrainDelayed, "run_id"),
    EventKind("train.gate_changed", TrainGateChanged, "run_id"),
    EventKind("train.cancelled", TrainCancelled, "run_id"),
    EventKind("train.reinstated", TrainReinstated, "run_id"),
)


@dataclass(frozen=True)
class RunState:
    """A run as staff left it: its delay, its gate when changed, cancelled or not."""

    run_id: str
    train: str
    day: date
    delay_min: int
    gate: str | None
    cancelled: bool
    marked_at: datetime
    marks: int


def fold_run(events: list[Event]) -> RunState | None:
    """A run's marks in the agreed order: the last of each kind wins (the same on every kiosk)."""
    ordered = agreed_order(e for e in events if e.kind.startswith("train."))
    if not ordered:
        return None
    first = ordered[0].payload
    delay, gate, cancelled = 0, None, False
    for event in ordered:
        p = event.payload
        if event.kind == "train.delayed":
            delay = int(p["minutes"])
        elif event.kind == "train.gate_changed":
            gate = str(p["gate"])
        elif event.kind == "train.cancelled":
            cancelled = True
        elif event.kind == "train.reinstated":
            cancelled = False
    return RunState(
        run_id=str(first["run_id"]),
        train=str(first["train"]),
        day=date.fromisoformat(str(first["day"])),
        delay_min=delay,
        gate=gate,
        cancelled=cancelled,
        marked_at=ordered[-1].occurred_at,
        marks=len(ordered),
    )


# --- the timetable and the board ----------------------------------------------------------------


@dataclass(frozen=True)
class Scheduled:
    """One train of the timetable: its daily departure (station-local) and where it boards."""

    train: str
    to_zh: str
    to_en: str
    departs: time
    days: frozenset[int] = frozenset()  # ISO weekdays it runs (1 = Monday); empty: every day
    gate: str = ""
    waiting_room: str = ""
    platform: str = ""
    check_in_min: int = 20

    def runs_on(self, day: date) -> bool:
        return not self.days or day.isoweekday() in self.days


@dataclass(frozen=True)
class Departure:
    """One line of the board: a train's run today (or tomorrow), with staff's marks applied."""

    train: str
    to_zh: str
    to_en: str
    day: date
    departs: datetime  # scheduled, station-local
    expected: datetime  # departs + delay
    delay_min: int
    gate: str
    gate_changed: bool
    waiting_room: str
    platform: str
    status: TrainStatus

    @property
    def run_id(self) -> str:
        return run_id(self.day, self.train)


def status_at(
    now: datetime, expected: datetime, check_in_min: int, delay_min: int, cancelled: bool
) -> TrainStatus:
    """停运 over everything; then 停止检票 in the last minutes, 正在检票 from the check-in
    window, 晚点 while waiting for a late train, else 正点."""
    if cancelled:
        return TrainStatus.CANCELLED
    if now >= expected - timedelta(minutes=CLOSE_MIN):
        return TrainStatus.CHECK_IN_CLOSED
    if now >= expected - timedelta(minutes=check_in_min):
        return TrainStatus.CHECKING_IN
    if delay_min > 0:
        return TrainStatus.DELAYED
    return TrainStatus.ON_TIME


def departures(
    timetable: Iterable[Scheduled],
    runs: Mapping[str, RunState],
    now: datetime,
    tz: ZoneInfo,
) -> list[Departure]:
    """Every run still to leave, today's and tomorrow's (station-local days), soonest first.

    A run leaves the board once its expected departure has passed; a cancelled one once its
    scheduled time has, so a traveller arriving for it still reads 停运."""
    local_now = now.astimezone(tz)
    today = local_now.date()
    yesterday = today - timedelta(days=1)
    marked = {(r.day, r.train): r for r in runs.values()}
    late_yesterday = {t for (d, t), r in marked.items() if d == yesterday and r.delay_min}
    found: list[Departure] = []
    for day in (yesterday, today, today + timedelta(days=1)):
        weekday = day.isoweekday()
        for train in timetable:
            if day == yesterday and train.train not in late_yesterday:
                continue  # yesterday's: only a late one still waiting
            if train.days and weekday not in train.days:
                continue
            departs = datetime.combine(day, train.departs, tzinfo=tz)
            run = marked.get((day, train.train)) if marked else None
            if run is None:
                if departs < local_now:
                    continue
                delay, cancelled, gate, expected = 0, False, train.gate, departs
            else:
                delay, cancelled = run.delay_min, run.cancelled
                expected = departs + timedelta(minutes=delay)
                if (departs if cancelled else expected) < local_now:
                    continue
                gate = run.gate or train.gate
            found.append(
                Departure(
                    train=train.train,
                    to_zh=train.to_zh,
                    to_en=train.to_en,
                    day=day,
                    departs=departs,
                    expected=expected,
                    delay_min=delay,
                    gate=gate,
                    gate_changed=gate != train.gate,
                    waiting_room=train.waiting_room,
                    platform=train.platform,
                    status=status_at(local_now, expected, train.check_in_min, delay, cancelled),
                )
            )
    found.sort(key=lambda d: (d.departs, d.train))
    return found


def matches(train: str, typed: str) -> bool:
    """Search on the keypad: "G12" finds G1234; digits alone find the number whatever its
    letter (a traveller who forgot it typed 1234)."""
    typed = typed.strip().upper()
    if not typed:
        return True
    if train.startswith(typed):
        return True
    return typed.isdigit() and train.lstrip("GDCZTKYLS").startswith(typed)
