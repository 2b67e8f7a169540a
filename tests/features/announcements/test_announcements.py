"""The centre's announcements: the hub refuses a bad body with the reason, a kiosk shows what it
can of one, and only in each announcement's time window, warnings first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.features.announcements.domain import (
    MAX_ANNOUNCEMENTS,
    Level,
    current,
    parse_announcements,
    read_announcements,
)

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


def entry(ident: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "zh": f"公告{ident}", "en": f"Notice {ident}", **extra}


def test_a_whole_body_parses_with_its_windows_and_levels() -> None:
    body = {
        "announcements": [
            entry("a"),
            entry("b", level="warning", **{"from": "2026-11-22T08:00:00+08:00"}),
            entry("c", until="2026-11-22T12:00:00+08:00", en=""),
        ]
    }
    found = parse_announcements(body)
    assert [a.id for a in found] == ["a", "b", "c"]
    assert found[1].level is Level.WARNING and found[1].starts == NOW - timedelta(hours=2)
    assert found[2].text("en") == "公告c"  # no English given: the Chinese text
    assert read_announcements(body) == found


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ([], "must be"),
        ({"announcements": "x"}, "must be"),
        ({"announcements": [entry("a", zh="  ")]}, "zh is empty"),
        ({"announcements": [entry("a", zh="长" * 121)]}, "longer than 120"),
        ({"announcements": [entry("a b")]}, "id must be"),
        ({"announcements": [entry("a", level="urgent")]}, "level must be"),
        ({"announcements": [entry("a", until="tomorrow")]}, "not an ISO"),
        ({"announcements": [entry("a", until="2026-11-22T12:00:00")]}, "UTC offset"),
        (
            {
                "announcements": [
                    entry(
                        "a",
                        until="2026-11-22T08:00:00+08:00",
                        **{"from": "2026-11-22T09:00:00+08:00"},
                    )
                ]
            },
            "not after from",
        ),
        ({"announcements": [entry("a"), entry("a")]}, "same id"),
        ({"announcements": [entry("a", colour="red")]}, "unknown field"),
        ({"announcements": [entry(str(i)) for i in range(21)]}, "at most 20"),
    ],
)
def test_the_hub_refuses_a_bad_body_naming_the_problem(body: Any, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_announcements(body)


def test_a_kiosk_skips_only_the_entries_it_cannot_show() -> None:
    body = {"announcements": [entry("a"), entry("b", level="urgent"), "x", entry("c")]}
    assert [a.id for a in read_announcements(body)] == ["a", "c"]
    assert read_announcements(None) == []
    assert read_announcements({"notices": []}) == []


def test_current_keeps_the_window_puts_warnings_first_and_caps_the_count() -> None:
    hour = timedelta(hours=1)
    body = {
        "announcements": [
            entry("past", until=(NOW - hour).isoformat()),
            entry("later", **{"from": (NOW + hour).isoformat()}),
            entry("info"),
            entry("warn", level="warning", until=(NOW + hour).isoformat()),
            entry("ends-now", until=NOW.isoformat()),
        ]
    }
    shown = current(read_announcements(body), NOW)
    assert [a.id for a in shown] == ["warn", "info"]
    many = read_announcements({"announcements": [entry(str(i)) for i in range(9)]})
    assert len(current(many, NOW)) == MAX_ANNOUNCEMENTS
