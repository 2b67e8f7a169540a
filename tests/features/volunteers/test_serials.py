"""Serial badges: the fold every kiosk applies (the same events in any order decide the same),
the scan's refusals, and old signed badges kept working only until the first serial badge."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.core.errors import KioskError, ValidationError
from kiosk.core.events import Event
from kiosk.features.admin.service.logs import LogKind
from kiosk.features.volunteers.domain.serials import (
    BadgeStatus,
    fold_badges,
    judge,
    new_badge,
    parse_token,
)
from kiosk.features.volunteers.service.serials import BadgeService, identify
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import tap_row
from tests.features.admin.test_log_review import shown
from tests.features.admin.test_log_review_tabs import open_logs
from tests.kiosk_fixtures import tap

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
REASONS = {"lost": ("遗失", "Lost")}


def _event(n: int, kind: str, kiosk: str, minutes: int, **payload: object) -> Event:
    return Event(f"e{n}", kind, "st", kiosk, n, T0 + timedelta(minutes=minutes), None, payload)


def _issued(n: int, serial: str, kiosk: str, minutes: int) -> Event:
    return _event(
        n,
        "badge.issued",
        kiosk,
        minutes,
        serial=serial,
        volunteer_id="v1",
        secret_hash="0" * 64,
        expires_on="2028-11-01",
    )


EVENTS = [
    _issued(1, "AAAAAAAAAA", "south", 0),
    _issued(2, "BBBBBBBBBB", "north", 5),  # reprinted at the other exit
    _issued(3, "CCCCCCCCCC", "south", 5),  # and here in the same minute, offline
    _event(4, "badge.revoked", "north", 1, serial="CCCCCCCCCC", volunteer_id="v1", reason="lost"),
]


@settings(max_examples=60)
@given(st.permutations(EVENTS))
def test_the_same_badge_events_in_any_order_fold_the_same(events: list[Event]) -> None:
    states = {s.serial: (s.status, s.revoked_reason) for s in fold_badges(events)}
    assert states == {
        "AAAAAAAAAA": (BadgeStatus.REPLACED, None),
        "BBBBBBBBBB": (BadgeStatus.REPLACED, None),  # (when, kiosk, seq): south's came last
        "CCCCCCCCCC": (BadgeStatus.REVOKED, "lost"),  # revoked, even before it arrived
    }


def test_judge_checks_the_secret_before_saying_anything_else() -> None:
    badge = new_badge()
    serial, secret = parse_token(badge.token) or ("", "")
    [state] = fold_badges(
        [
            _event(
                1,
                "badge.issued",
                "south",
                0,
                serial=serial,
                volunteer_id="v1",
                secret_hash=badge.secret_hash,
                expires_on="2028-11-01",
            ),
            _event(2, "badge.revoked", "south", 1, serial=serial, volunteer_id="v1", reason="lost"),
        ]
    )
    with pytest.raises(ValidationError, match="altered"):
        judge(state, secret[::-1], date(2026, 11, 2), REASONS)
    with pytest.raises(ValidationError, match="Lost"):
        judge(state, secret, date(2026, 11, 2), REASONS)


def test_old_signed_badges_work_until_the_first_serial_badge(
    services: KioskServices, clock: FixedClock
) -> None:
    wang = services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    with pytest.raises(ValidationError) as expired:  # dated 2001: past any lifetime
        services.shifts.scan_badge(services.badges.issue(wang.id, date(2001, 1, 1)))
    assert "过期" in expired.value.zh and "expired" in expired.value.en
    with pytest.raises(ValidationError, match="altered"):  # dated 2099: not a badge we printed
        services.shifts.scan_badge(services.badges.issue(wang.id, date(2099, 1, 1)))
    old = services.badges.issue(wang.id, clock.now().date() - timedelta(days=30))
    assert services.shifts.scan_badge(old).volunteer.name == "王芳"
    clock.advance(timedelta(hours=3))
    new = services.get(BadgeService).issue(wang.id)
    pending = services.pending_count()
    with pytest.raises(ValidationError) as replaced:  # a reprint retires the old badge too
        services.shifts.scan_badge(old)
    assert "新工牌" in replaced.value.zh and services.pending_count() == pending
    assert services.shifts.scan_badge(new.token).volunteer.name == "王芳"


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=120) | st.from_regex(r"SKB2\.[0-9A-Z]{10}\.[A-Za-z0-9_-]{22}"))
def test_any_scan_is_a_volunteer_or_a_clear_refusal(services: KioskServices, text: str) -> None:
    with services.database.read() as session, pytest.raises(KioskError) as refused:
        identify(session, text, dict, T0.date())  # this kiosk knows no badge at all
    assert refused.value.zh and refused.value.en


def test_issued_and_revoked_badges_in_the_log_review(
    qtbot: QtBot, kiosk: tuple[MainWindow, KioskServices]
) -> None:
    window, services = kiosk
    window.top_bar.logo.set_hold_ms(30)
    open_logs(qtbot, window)
    tap(qtbot, window.flow("admin").logs.back_button)
    flow = window.flow("admin")
    tap(qtbot, flow.console.tool_buttons["volunteers"])
    tap_row(qtbot, window.flow("volunteers").volunteers.table, 3)
    name = window.flow("volunteers").volunteers.table.item(3, 0).text()
    tap(qtbot, window.flow("volunteers").volunteers.action_buttons["badge"])
    tap(qtbot, window.flow("volunteers").badge.done_button)
    tap_row(qtbot, window.flow("volunteers").volunteers.table, 3)
    tap(qtbot, window.flow("volunteers").volunteers.action_buttons["revoke_badge"])
    tap(qtbot, window.flow("volunteers").revoke_badge.reason_buttons["lost"])
    [badge] = services.get(BadgeService).of(window.flow("volunteers").volunteers.selected().id)  # type: ignore[union-attr]
    tap(qtbot, window.flow("volunteers").volunteers.back_button)
    tap(qtbot, flow.console.logs_button)
    tap(qtbot, flow.logs.tabs[LogKind.BADGES])
    rows = shown(window)
    mine = [r for r in rows if r[4] == badge.serial]
    assert [(r[1], r[3], r[5], r[6]) for r in mine] == [
        (name, "作废工牌", "遗失", "station_admin"),
        (name, "打印工牌", f"有效期至 {badge.expires_on}", "station_admin"),
    ]
    assert len(rows) == 5  # and the demo's three volunteers on duty got theirs
