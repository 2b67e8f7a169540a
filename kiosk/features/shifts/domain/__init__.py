"""Shift rules: what a scan means, when open shifts are swept, how hours are credited."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class ScanAction(StrEnum):
    """What a badge scan or PIN entry should do for one volunteer."""

    CHECK_IN = "check_in"
    ALREADY_CHECKED_IN = "already_checked_in"  # a second scan right after check-in: nothing
    ALREADY_CHECKED_OUT = "already_checked_out"  # a second scan right after check-out: nothing
    OFFER_CANCEL = "offer_cancel"  # out within minutes of in: probably a mistake, ask
    CHECK_OUT = "check_out"


class Method(StrEnum):
    """How a shift was clocked."""

    BADGE = "badge"
    PIN = "pin"
    MANUAL = "manual"
    SWEEP = "sweep"


@dataclass(frozen=True)
class ShiftRules:
    """The configurable timings of shift clocking."""

    duplicate_window: timedelta = timedelta(minutes=2)
    cancel_window: timedelta = timedelta(minutes=5)
    max_shift: timedelta = timedelta(hours=12)
    sweep_credit: timedelta = timedelta(hours=4)


def decide_scan(
    now: datetime,
    open_since: datetime | None,
    last_closed_at: datetime | None,
    rules: ShiftRules,
) -> ScanAction:
    """Decide what a scan does, given the volunteer's open shift (if any) and last check-out.

    A clock that went backwards (negative elapsed) is treated as "just now" so that a scan never
    closes a shift with a negative length.
    """
    if open_since is not None:
        elapsed = now - open_since
        if elapsed < rules.duplicate_window:
            return ScanAction.ALREADY_CHECKED_IN
        if elapsed < rules.cancel_window:
            return ScanAction.OFFER_CANCEL
        return ScanAction.CHECK_OUT
    if last_closed_at is not None and timedelta(0) <= now - last_closed_at < rules.duplicate_window:
        return ScanAction.ALREADY_CHECKED_OUT
    return ScanAction.CHECK_IN


def shift_minutes(checked_in_at: datetime, checked_out_at: datetime) -> int:
    """Whole minutes between in and out; never negative, whatever the clocks did."""
    return max(0, int((checked_out_at - checked_in_at).total_seconds() // 60))


def needs_sweep(now: datetime, checked_in_at: datetime, rules: ShiftRules) -> bool:
    """An open shift past the maximum length is closed by the sweep and flagged."""
    return now - checked_in_at >= rules.max_shift


class Rounding(StrEnum):
    """How a shift's minutes are credited: down, nearest or up to a unit of minutes."""

    NONE = "none"
    DOWN = "down"
    NEAREST = "nearest"
    UP = "up"


@dataclass(frozen=True)
class HoursRule:
    """Credit each shift rounded to `unit_minutes` with `mode` (applied per shift)."""

    mode: Rounding = Rounding.DOWN
    unit_minutes: int = 15


def credited_minutes(minutes: int, rule: HoursRule) -> int:
    """Minutes credited for one shift under the rounding rule."""
    if rule.mode is Rounding.NONE or rule.unit_minutes <= 1:
        return minutes
    units = minutes / rule.unit_minutes
    if rule.mode is Rounding.DOWN:
        whole = math.floor(units)
    elif rule.mode is Rounding.UP:
        whole = math.ceil(units)
    else:
        whole = math.floor(units + 0.5)
    return int(whole * rule.unit_minutes)


def format_duration(minutes: int, language: str) -> str:
    """ "3 小时 05 分" / "3 h 05 min" for screens and reports."""
    hours, mins = divmod(max(0, minutes), 60)
    if language == "zh":
        return f"{hours} 小时 {mins:02d} 分" if hours else f"{mins} 分钟"
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"


# The event kinds, payload models and folds are in `events` and load on first use (PEP 562):
# the settings and the window read these rules before the home screen is painted, and the
# payload models would bring pydantic with them.
_EVENTS = frozenset(
    (
        "ShiftCheckedIn",
        "ShiftCheckedOut",
        "ShiftCancelled",
        "ShiftAutoClosed",
        "ShiftApproved",
        "ShiftAmended",
        "KINDS",
        "ShiftState",
        "_REVIEWS",
        "fold_shift",
    )
)


def __getattr__(name: str) -> Any:
    if name in _EVENTS:
        from kiosk.features.shifts.domain import events

        return getattr(events, name)
    raise AttributeError(name)
