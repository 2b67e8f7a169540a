"""Shift rules with an injected clock: what a scan means, sweeps, rounding."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kiosk.features.shifts.domain import (
    HoursRule,
    Rounding,
    ScanAction,
    ShiftRules,
    credited_minutes,
    decide_scan,
    format_duration,
    needs_sweep,
    shift_minutes,
)

T0 = datetime(2026, 11, 2, 0, 2, tzinfo=UTC)
RULES = ShiftRules()


def test_first_scan_checks_in() -> None:
    assert decide_scan(T0, None, None, RULES) is ScanAction.CHECK_IN


def test_second_scan_within_two_minutes_is_a_duplicate() -> None:
    assert (
        decide_scan(T0 + timedelta(seconds=119), T0, None, RULES) is ScanAction.ALREADY_CHECKED_IN
    )


def test_scan_between_two_and_five_minutes_offers_cancel() -> None:
    assert decide_scan(T0 + timedelta(minutes=2), T0, None, RULES) is ScanAction.OFFER_CANCEL
    assert decide_scan(T0 + timedelta(minutes=4, seconds=59), T0, None, RULES) is (
        ScanAction.OFFER_CANCEL
    )


def test_scan_after_five_minutes_checks_out() -> None:
    assert decide_scan(T0 + timedelta(minutes=5), T0, None, RULES) is ScanAction.CHECK_OUT


def test_scan_right_after_check_out_writes_nothing() -> None:
    closed = T0 + timedelta(hours=3)
    assert decide_scan(closed + timedelta(seconds=30), None, closed, RULES) is (
        ScanAction.ALREADY_CHECKED_OUT
    )
    assert decide_scan(closed + timedelta(minutes=3), None, closed, RULES) is ScanAction.CHECK_IN


def test_clock_that_went_backwards_never_checks_out() -> None:
    assert decide_scan(T0 - timedelta(hours=1), T0, None, RULES) is ScanAction.ALREADY_CHECKED_IN
    assert shift_minutes(T0, T0 - timedelta(hours=1)) == 0


def test_sweep_threshold() -> None:
    assert not needs_sweep(T0 + timedelta(hours=11, minutes=59), T0, RULES)
    assert needs_sweep(T0 + timedelta(hours=12), T0, RULES)


def test_rounding_modes() -> None:
    assert credited_minutes(52, HoursRule(Rounding.DOWN, 15)) == 45
    assert credited_minutes(52, HoursRule(Rounding.NEAREST, 15)) == 45
    assert credited_minutes(53, HoursRule(Rounding.NEAREST, 15)) == 60
    assert credited_minutes(46, HoursRule(Rounding.UP, 30)) == 60
    assert credited_minutes(52, HoursRule(Rounding.NONE, 15)) == 52


def test_format_duration_both_languages() -> None:
    assert format_duration(185, "zh") == "3 小时 05 分"
    assert format_duration(185, "en") == "3 h 05 min"
    assert format_duration(7, "zh") == "7 分钟"


@given(
    open_for=st.one_of(st.none(), st.integers(min_value=-10_000, max_value=100_000)),
    since_close=st.one_of(st.none(), st.integers(min_value=-10_000, max_value=100_000)),
)
def test_scan_decision_is_total_and_consistent(
    open_for: int | None, since_close: int | None
) -> None:
    """Every state gets exactly one action, and only an open shift can be checked out."""
    now = T0 + timedelta(days=10)
    open_since = None if open_for is None else now - timedelta(seconds=open_for)
    closed_at = None if since_close is None else now - timedelta(seconds=since_close)
    action = decide_scan(now, open_since, closed_at, RULES)
    if open_since is None:
        assert action in (ScanAction.CHECK_IN, ScanAction.ALREADY_CHECKED_OUT)
    else:
        assert action in (
            ScanAction.ALREADY_CHECKED_IN,
            ScanAction.OFFER_CANCEL,
            ScanAction.CHECK_OUT,
        )
        if action is ScanAction.CHECK_OUT:
            assert now - open_since >= RULES.cancel_window


@given(
    minutes=st.integers(min_value=0, max_value=24 * 60),
    unit=st.sampled_from([1, 5, 15, 30, 60]),
    mode=st.sampled_from(list(Rounding)),
)
def test_rounding_stays_within_one_unit(minutes: int, unit: int, mode: Rounding) -> None:
    credited = credited_minutes(minutes, HoursRule(mode, unit))
    assert abs(credited - minutes) <= unit
    assert credited % unit == 0 or mode is Rounding.NONE
    if mode is Rounding.DOWN:
        assert credited <= minutes
    if mode is Rounding.UP:
        assert credited >= minutes
