"""Opening hours and the silent-kiosk rule: only open time counts (#16)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.platform.hub.opening import HoursError, OpeningHours, is_silent

SHANGHAI = ZoneInfo("Asia/Shanghai")
LIMIT = timedelta(minutes=15)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


def test_a_kiosk_quiet_overnight_is_not_silent_until_the_station_has_been_open_a_while() -> None:
    hours = OpeningHours(time(7), time(22))
    last_seen = local(5, 22, 5)  # the station closed at 22:00; the kiosk was switched off
    assert not is_silent(last_seen, local(6, 6, 59), hours, SHANGHAI, LIMIT)
    assert not is_silent(last_seen, local(6, 7, 15), hours, SHANGHAI, LIMIT)  # 15 min: not more
    assert is_silent(last_seen, local(6, 7, 16), hours, SHANGHAI, LIMIT)
    # Open all day (no hours): the same silence is flagged at once.
    assert is_silent(last_seen, local(5, 22, 21), None, SHANGHAI, LIMIT)


def test_hours_past_midnight_and_a_kiosk_never_heard_from() -> None:
    night = OpeningHours(time(20), time(6))  # a night shelter: 20:00 to 06:00
    assert night.open_between(local(5, 23), local(6, 7), SHANGHAI) == timedelta(hours=7)
    assert night.is_open(local(6, 3), SHANGHAI) and not night.is_open(local(6, 12), SHANGHAI)
    assert is_silent(None, local(6, 3), night, SHANGHAI, LIMIT)  # open now: where is it?
    assert not is_silent(None, local(6, 12), night, SHANGHAI, LIMIT)


@pytest.mark.parametrize(
    ("opens", "closes", "reason"),
    [
        ("7:00", "22:00", "时:分"),
        ("07:00", "", "同时填写"),
        ("", "22:00", "同时填写"),
        ("24:00", "22:00", "时:分"),
        ("07:00", "07:00", "相同"),
    ],
)
def test_bad_hours_are_refused_with_the_reason(opens: str, closes: str, reason: str) -> None:
    with pytest.raises(HoursError) as refused:
        OpeningHours.parse(opens, closes)
    assert reason in refused.value.reason_zh


def test_both_empty_is_open_all_day() -> None:
    assert OpeningHours.parse(" ", "") is None
    assert OpeningHours.parse("07:00", "22:30") == OpeningHours(time(7), time(22, 30))


minutes = st.integers(min_value=0, max_value=24 * 60 - 1)


@settings(max_examples=60, deadline=None)
@given(
    opens=minutes,
    closes=minutes,
    start=st.integers(min_value=0, max_value=3 * 24 * 60),
    length=st.integers(min_value=0, max_value=2 * 24 * 60),
)
def test_open_time_is_what_a_minute_by_minute_count_gives(
    opens: int, closes: int, start: int, length: int
) -> None:
    if opens == closes:
        return
    hours = OpeningHours(time(opens // 60, opens % 60), time(closes // 60, closes % 60))
    origin = datetime(2026, 12, 1, tzinfo=SHANGHAI)
    begin = origin + timedelta(minutes=start)
    counted = sum(
        1
        for m in range(length)
        if hours.is_open((begin + timedelta(minutes=m, seconds=30)).astimezone(UTC), SHANGHAI)
    )
    assert hours.open_between(begin, begin + timedelta(minutes=length), SHANGHAI) == timedelta(
        minutes=counted
    )


@settings(max_examples=200, deadline=None)
@given(
    opens=minutes,
    closes=minutes,
    now=st.integers(min_value=0, max_value=3 * 24 * 60),
    quiet=st.integers(min_value=0, max_value=4 * 24 * 60),
    limit=st.sampled_from([1, 15, 60, 600]),
)
def test_silent_before_is_the_line_is_silent_draws(
    opens: int, closes: int, now: int, quiet: int, limit: int
) -> None:
    """The stations page counts silent kiosks in SQL as `last_seen < silent_before`: the same
    kiosks `is_silent` flags, to the second, whatever the hours and the silence."""
    if opens == closes:
        return
    hours = OpeningHours(time(opens // 60, opens % 60), time(closes // 60, closes % 60))
    at = datetime(2026, 12, 1, tzinfo=SHANGHAI) + timedelta(minutes=now, seconds=17)
    line = hours.silent_before(at, SHANGHAI, timedelta(minutes=limit))
    for last_seen in (at - timedelta(minutes=quiet), line, line - timedelta(seconds=1)):
        flagged = is_silent(last_seen, at, hours, SHANGHAI, timedelta(minutes=limit))
        assert flagged == (last_seen < line), (last_seen, line)
