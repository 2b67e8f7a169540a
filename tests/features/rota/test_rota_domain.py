"""The day's planned shifts are a pure function of the rota entries and the station's zone:
weekly patterns keep their wall-clock times across a daylight saving change, one-off shifts
fall on their station-local day (not their UTC day), removed entries and days outside a
pattern's validity plan nothing; check-ins and no-shows are judged against the plan."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from kiosk.features.rota.domain import (
    Planned,
    RotaEntry,
    RotaPatternSet,
    RotaShiftSet,
    checked_in_for,
    no_show,
    planned_on,
)

T0 = datetime(2026, 3, 1, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")  # DST begins 2026-03-29
SHANGHAI = ZoneInfo("Asia/Shanghai")


def pattern(rid: str, weekday: int, starts: str, ends: str, **kw: date | None) -> RotaEntry:
    return RotaEntry(
        rid,
        "st",
        "k",
        f"vol-{rid}",
        T0,
        weekday=weekday,
        starts=time.fromisoformat(starts),
        ends=time.fromisoformat(ends),
        valid_from=kw.get("valid_from", date(2026, 3, 1)),
        valid_until=kw.get("valid_until"),
    )


def test_a_weekly_pattern_keeps_its_wall_clock_time_across_a_dst_change() -> None:
    monday = pattern("p", 0, "09:00", "12:00")
    before, after = date(2026, 3, 23), date(2026, 3, 30)  # Mondays around 29 March
    (a,) = planned_on(before, [monday], BERLIN)
    (b,) = planned_on(after, [monday], BERLIN)
    assert (a.starts_at.hour, b.starts_at.hour) == (9, 9)
    assert a.starts_at.astimezone(UTC).hour == 8  # CET
    assert b.starts_at.astimezone(UTC).hour == 7  # CEST: the same 09:00, an hour earlier in UTC
    assert planned_on(date(2026, 3, 24), [monday], BERLIN) == []  # a Tuesday


def test_validity_and_removal() -> None:
    bounded = pattern(
        "p", 0, "09:00", "12:00", valid_from=date(2026, 3, 9), valid_until=date(2026, 3, 16)
    )
    assert planned_on(date(2026, 3, 2), [bounded], SHANGHAI) == []
    assert len(planned_on(date(2026, 3, 9), [bounded], SHANGHAI)) == 1
    assert len(planned_on(date(2026, 3, 16), [bounded], SHANGHAI)) == 1
    assert planned_on(date(2026, 3, 23), [bounded], SHANGHAI) == []
    gone = RotaEntry(**{**bounded.__dict__, "removed": True})
    assert planned_on(date(2026, 3, 9), [gone], SHANGHAI) == []


def test_a_one_off_shift_falls_on_its_station_local_day() -> None:
    # 2026-03-01 23:00 UTC is 2026-03-02 07:00 in Shanghai
    once = RotaEntry(
        "s",
        "st",
        "k",
        "vol-s",
        T0,
        starts_at=datetime(2026, 3, 1, 23, 0, tzinfo=UTC),
        ends_at=datetime(2026, 3, 2, 3, 0, tzinfo=UTC),
    )
    assert planned_on(date(2026, 3, 1), [once], SHANGHAI) == []
    (p,) = planned_on(date(2026, 3, 2), [once], SHANGHAI)
    assert (p.starts_at.hour, p.ends_at.hour, p.weekly) == (7, 11, False)
    assert len(planned_on(date(2026, 3, 1), [once], ZoneInfo("UTC"))) == 1


def test_the_plan_is_soonest_first() -> None:
    day = date(2026, 3, 2)  # a Monday
    late, early = pattern("b", 0, "14:00", "18:00"), pattern("a", 0, "08:00", "12:00")
    assert [p.rota_id for p in planned_on(day, [late, early], SHANGHAI)] == ["a", "b"]


def test_checked_in_and_no_show() -> None:
    starts = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
    plan = Planned("p", "v", starts, starts + timedelta(hours=3), True)
    at = starts + timedelta(minutes=14)
    assert not no_show(plan, False, at)  # 14 minutes: not yet
    assert no_show(plan, False, starts + timedelta(minutes=15))
    assert not no_show(plan, True, starts + timedelta(minutes=15))
    assert not no_show(plan, False, starts + timedelta(hours=3))  # over: no longer flagged
    early = starts - timedelta(minutes=50)
    assert checked_in_for(plan, [(early, None)], at)
    assert checked_in_for(plan, [(starts - timedelta(hours=2), None)], at)  # on duty since 7
    assert not checked_in_for(plan, [(starts + timedelta(hours=4), None)], at)  # not yet
    assert not checked_in_for(plan, [(early, starts - timedelta(minutes=1))], at)  # left


def test_bad_payloads_are_refused() -> None:
    with pytest.raises(ValidationError):
        RotaPatternSet(
            rota_id="p",
            volunteer_id="v",
            weekday=7,
            starts="09:00",
            ends="12:00",
            valid_from=date(2026, 3, 2),
        )
    with pytest.raises(ValidationError):
        RotaPatternSet(
            rota_id="p",
            volunteer_id="v",
            weekday=0,
            starts="12:00",
            ends="09:00",
            valid_from=date(2026, 3, 2),
        )
    with pytest.raises(ValidationError):
        RotaShiftSet(
            rota_id="s",
            volunteer_id="v",
            starts_at=T0,
            ends_at=T0 + timedelta(hours=13),
        )
