"""The rota (轮值表 / 排班): the facts, their fold, and the day's planned shifts.

A station publishes who is expected when, as two kinds of entry: a weekly pattern (a volunteer,
a weekday, a start and an end in station-local wall-clock time, valid from a day and optionally
until a day) and a one-off shift (a volunteer, a start and an end, stored as UTC). Both are
written at the kiosk admin or the centre; an entry is never edited, only removed (a change is a
removal and a new entry), so every kiosk and the hub fold the same events to the same rota
whatever order they arrived in: the first `rota.*_set` in the agreed order is the entry, a
removal is final.

Patterns keep wall-clock times, not instants, so "Monday 09:00" stays 09:00 across a daylight
saving change in the station's zone; `planned_on` turns them into instants for one local day.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

from pydantic import Field, model_validator

from kiosk.core.errors import ValidationError
from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.order import agreed_order

if TYPE_CHECKING:
    from kiosk.core.events import Event

MAX_SHIFT = timedelta(hours=12)  # a rota shift is half a day at most
NO_SHOW_AFTER = timedelta(minutes=15)  # nobody checked in this long after the start: a no-show
EARLY_CHECK_IN = timedelta(hours=1)  # a closed shift begun this long before the start counts


LOOK_AHEAD_DAYS = 14  # a volunteer's shifts ahead: this many days

# Refusals of a swap, the same at the kiosk and on the phone page.
SWAP_NOT_YOURS = ValidationError(
    "这不是您的排班，不能让出", "This is not your rota shift: you cannot offer it"
)
SWAP_STARTED = ValidationError(
    "这一班已经开始，不能再换班", "This shift has started: no more swaps"
)
SWAP_OFFERED = ValidationError("这一班已经在换班中", "This shift is already offered for a swap")
SWAP_NOT_FOUND = ValidationError("没有这条换班", "No such swap")
SWAP_OWN = ValidationError("不能接自己让出的班", "You cannot take your own shift")
SWAP_TAKEN = ValidationError("这一班已被其他志愿者接下", "Another volunteer has taken this shift")
SWAP_CLOSED = ValidationError(
    "这条换班已结束（已批准或已撤回）", "This swap is over (approved or withdrawn)"
)
SWAP_NOT_OFFERER = ValidationError(
    "只有让出这一班的志愿者可以撤回", "Only the volunteer who offered it can withdraw it"
)
SWAP_NOT_TAKEN = ValidationError(
    "还没有人接这一班，不能批准", "Nobody has taken this shift yet: nothing to approve"
)
SWAP_DENIED = ValidationError(
    "只有班长或站点管理员可以批准换班", "Only a team leader or station admin can approve a swap"
)


class DutyState(StrEnum):
    """A planned shift on today's board."""

    EXPECTED = "expected"  # not started yet, or started less than 15 minutes ago
    CHECKED_IN = "checked_in"
    NO_SHOW = "no_show"  # nobody checked in 15 minutes after the start
    OVER = "over"  # ended without a check-in


Clock = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class RotaPatternSet(Payload):
    """A weekly pattern: `volunteer_id` on `weekday` (0 Monday … 6 Sunday) from `starts` to
    `ends` (station-local HH:MM, same day), from `valid_from` until `valid_until` (inclusive)."""

    rota_id: str = ID
    volunteer_id: str = ID
    weekday: int = Field(ge=0, le=6)
    starts: Clock
    ends: Clock
    valid_from: date
    valid_until: date | None = None

    @model_validator(mode="after")
    def _span(self) -> RotaPatternSet:
        if self.ends <= self.starts:
            raise ValueError("a pattern ends after it starts, the same day")
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("a pattern is valid until a day after it starts")
        return self


class RotaShiftSet(Payload):
    """A one-off shift: `volunteer_id` from `starts_at` to `ends_at` (instants, UTC)."""

    rota_id: str = ID
    volunteer_id: str = ID
    starts_at: datetime
    ends_at: datetime

    @model_validator(mode="after")
    def _span(self) -> RotaShiftSet:
        if not timedelta(0) < self.ends_at - self.starts_at <= MAX_SHIFT:
            raise ValueError("a shift ends after it starts, within 12 hours")
        return self


class RotaRemoved(Payload):
    rota_id: str = ID


class RotaNoShow(Payload):
    """Nobody checked into the planned shift (`rota_id` on the station-local `day`, starting at
    `starts_at`) 15 minutes after its start. `number` is the volunteer's badge number (not
    personal data): the station's webhooks say it, never a name or a phone."""

    rota_id: str = ID
    volunteer_id: str = ID
    number: str = Field(default="", max_length=32)
    day: date
    starts_at: datetime
    ends_at: datetime


class SwapOffered(Payload):
    """`volunteer_id` offers their planned shift (`rota_id` on the station-local `day`, from
    `starts_at` to `ends_at`) to another volunteer."""

    swap_id: str = ID
    rota_id: str = ID
    volunteer_id: str = ID
    day: date
    starts_at: datetime
    ends_at: datetime


class SwapTaken(Payload):
    """`volunteer_id` takes the offered shift (awaiting the team leader's approval)."""

    swap_id: str = ID
    volunteer_id: str = ID


class SwapClosed(Payload):
    """The team leader approved the swap (`rota.swap_approved`), or its offerer withdrew it
    (`rota.swap_withdrawn`)."""

    swap_id: str = ID


KINDS: tuple[EventKind, ...] = (
    EventKind("rota.pattern_set", RotaPatternSet, "rota_id"),
    EventKind("rota.shift_set", RotaShiftSet, "rota_id"),
    EventKind("rota.removed", RotaRemoved, "rota_id"),
    EventKind("rota.no_show", RotaNoShow, "rota_id"),
    EventKind("rota.swap_offered", SwapOffered, "swap_id"),
    EventKind("rota.swap_taken", SwapTaken, "swap_id"),
    EventKind("rota.swap_approved", SwapClosed, "swap_id"),
    EventKind("rota.swap_withdrawn", SwapClosed, "swap_id"),
)
SWAP_KINDS = frozenset(k.name for k in KINDS if k.name.startswith("rota.swap_"))

_NO_SHOW_NAMESPACE = uuid.UUID("6f1d3a52-0c8e-4c1e-9a57-2b7a5d0e9c11")


def no_show_event_id(station_id: str, rota_id: str, day: date) -> str:
    """The one id of a no-show, the same at every kiosk of the station: two kiosks noticing it
    at once write one event (the hub and each kiosk keep an id once), so it is announced once."""
    return str(uuid.uuid5(_NO_SHOW_NAMESPACE, f"{station_id}/{rota_id}/{day.isoformat()}"))


# --- the fold -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RotaEntry:
    """One rota entry as every kiosk and the centre hold it: a weekly pattern (`weekday` set) or
    a one-off shift (`starts_at` set)."""

    id: str
    station_id: str
    kiosk_id: str
    volunteer_id: str
    created_at: datetime
    weekday: int | None = None
    starts: time | None = None
    ends: time | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    removed: bool = False

    @property
    def weekly(self) -> bool:
        return self.weekday is not None


def _time(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _day(value: object) -> date | None:
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def fold_entry(events: list[Event]) -> RotaEntry | None:
    """The entry: its first setting in the agreed order (a later one for the same id, which no
    writer makes, is ignored) and a removal (final, even when it arrived first)."""
    events = agreed_order(events)
    made = next((e for e in events if e.kind in ("rota.pattern_set", "rota.shift_set")), None)
    if made is None:
        return None
    p = made.payload
    removed = any(e.kind == "rota.removed" for e in events)
    weekly = made.kind == "rota.pattern_set"
    valid_until = p.get("valid_until") if weekly else None
    return RotaEntry(
        id=str(p["rota_id"]),
        station_id=made.station_id,
        kiosk_id=made.kiosk_id,
        volunteer_id=str(p["volunteer_id"]),
        created_at=made.occurred_at,
        weekday=int(str(p["weekday"])) if weekly else None,
        starts=time.fromisoformat(str(p["starts"])) if weekly else None,
        ends=time.fromisoformat(str(p["ends"])) if weekly else None,
        valid_from=_day(p["valid_from"]) if weekly else None,
        valid_until=_day(valid_until),
        starts_at=None if weekly else _time(p["starts_at"]),
        ends_at=None if weekly else _time(p["ends_at"]),
        removed=removed,
    )


# --- the day's plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """One shift expected on a day: who, from when to when (aware, station-local)."""

    rota_id: str
    volunteer_id: str
    starts_at: datetime
    ends_at: datetime
    weekly: bool


def planned_on(day: date, entries: list[RotaEntry], tz: ZoneInfo) -> list[Planned]:
    """The shifts expected on the station-local `day`: each pattern for its weekday within its
    validity, at its wall-clock times in `tz` (so across a DST change 09:00 stays 09:00), and
    each one-off shift starting that local day. Removed entries are left out. Soonest first."""
    found: list[Planned] = []
    for entry in entries:
        if entry.removed:
            continue
        if entry.weekly:
            assert entry.starts is not None and entry.ends is not None
            if entry.weekday != day.weekday():
                continue
            if entry.valid_from is not None and day < entry.valid_from:
                continue
            if entry.valid_until is not None and day > entry.valid_until:
                continue
            starts = datetime.combine(day, entry.starts, tz)
            ends = datetime.combine(day, entry.ends, tz)
            found.append(Planned(entry.id, entry.volunteer_id, starts, ends, True))
        else:
            assert entry.starts_at is not None and entry.ends_at is not None
            starts = entry.starts_at.astimezone(tz)
            if starts.date() != day:
                continue
            found.append(
                Planned(entry.id, entry.volunteer_id, starts, entry.ends_at.astimezone(tz), False)
            )
    return sorted(found, key=lambda p: (p.starts_at, p.volunteer_id, p.rota_id))


def checked_in_for(
    planned: Planned, check_ins: list[tuple[datetime, datetime | None]], now: datetime
) -> bool:
    """Whether one of the volunteer's shifts (check-in, check-out or None while open) covers the
    planned one: checked in before its end (an hour early, or already on duty since the morning)
    and not checked out before it started."""
    for checked_in, checked_out in check_ins:
        if checked_in > now or checked_in >= planned.ends_at:
            continue
        if checked_out is not None and checked_out <= planned.starts_at:
            continue
        if planned.starts_at - checked_in > EARLY_CHECK_IN and checked_out is not None:
            continue  # a shift long before, ended: not this one
        return True
    return False


def no_show(planned: Planned, checked_in: bool, now: datetime) -> bool:
    """Nobody checked in 15 minutes after the start (and the shift has not ended long ago)."""
    return not checked_in and planned.starts_at + NO_SHOW_AFTER <= now < planned.ends_at


# --- swaps --------------------------------------------------------------------------------------


class SwapState(StrEnum):
    OFFERED = "offered"  # waiting for someone to take it
    TAKEN = "taken"  # taken, waiting for the team leader
    APPROVED = "approved"  # the shift is the taker's now (final)
    WITHDRAWN = "withdrawn"  # the offerer took it back before approval (final)


@dataclass(frozen=True)
class Swap:
    """One offered shift and what became of it, as every kiosk folds it."""

    id: str
    rota_id: str
    day: date
    offered_by: str
    starts_at: datetime
    ends_at: datetime
    offered_at: datetime
    state: SwapState
    taken_by: str | None = None
    approved_by: str | None = None
    closed_at: datetime | None = None


def fold_swap(events: list[Event]) -> Swap | None:
    """The swap in the agreed order: the offer, then the first take (a take by the offerer, or
    after another, is ignored: two kiosks taking one offer offline agree on the first), then
    the first approval of a taken offer or a withdrawal before approval. Approved and withdrawn
    are final."""
    events = agreed_order(events)
    offer = next((e for e in events if e.kind == "rota.swap_offered"), None)
    if offer is None:
        return None
    p = offer.payload
    offered_by = str(p["volunteer_id"])
    state, taken_by, approved_by, closed_at = SwapState.OFFERED, None, None, None
    for e in events:
        if state in (SwapState.APPROVED, SwapState.WITHDRAWN):
            break
        if e.kind == "rota.swap_taken" and state == SwapState.OFFERED:
            taker = str(e.payload["volunteer_id"])
            if taker != offered_by:
                state, taken_by = SwapState.TAKEN, taker
        elif e.kind == "rota.swap_approved" and state == SwapState.TAKEN:
            state, approved_by, closed_at = SwapState.APPROVED, e.actor, e.occurred_at
        elif e.kind == "rota.swap_withdrawn":
            state, closed_at = SwapState.WITHDRAWN, e.occurred_at
    return Swap(
        id=str(p["swap_id"]),
        rota_id=str(p["rota_id"]),
        day=_day(p["day"]) or date.min,
        offered_by=offered_by,
        starts_at=_time(p["starts_at"]),
        ends_at=_time(p["ends_at"]),
        offered_at=offer.occurred_at,
        state=state,
        taken_by=taken_by,
        approved_by=approved_by,
        closed_at=closed_at,
    )


def with_swaps(plan: list[Planned], swaps: list[Swap]) -> list[Planned]:
    """The day's plan after the approved swaps: a planned shift goes to the taker when its
    holder offered it. Swaps apply in the order approved (then by id), so a shift swapped on
    and swapped again ends with the last taker; a swap whose offerer no longer holds the shift
    changes nothing."""
    approved = sorted(
        (s for s in swaps if s.state == SwapState.APPROVED and s.taken_by),
        key=lambda s: (s.closed_at or s.offered_at, s.id),
    )
    if not approved:
        return plan
    holders = {(p.rota_id, p.starts_at.date()): p.volunteer_id for p in plan}
    for swap in approved:
        key = (swap.rota_id, swap.day)
        if holders.get(key) == swap.offered_by and swap.taken_by:
            holders[key] = swap.taken_by
    changed = [
        Planned(
            p.rota_id, holders[(p.rota_id, p.starts_at.date())], p.starts_at, p.ends_at, p.weekly
        )
        for p in plan
    ]
    return sorted(changed, key=lambda p: (p.starts_at, p.volunteer_id, p.rota_id))
