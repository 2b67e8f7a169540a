"""Phone charging through the service layer: codes, lockout, staff actions, bad input."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Conflict, Locked, NotFound, ValidationError
from kiosk.features.charging.domain import MAX_WRONG_CODES, CodeAttempts, parse_code_qr
from kiosk.features.charging.store import ChargingSessionRow
from kiosk.platform.store.models import ConfigItemRow, EventRow
from kiosk.shell.context import KioskServices


def event_count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_start_then_collect_with_the_code(services: KioskServices) -> None:
    started = services.charging.start("3")
    assert len(started.code) == 6 and started.code.isdigit()
    assert started.qr_text == f"SKC1.{started.session_id}.{started.code}"
    with services.database.read() as session:
        row = session.get(ChargingSessionRow, started.session_id)
        assert row is not None and row.status == "open" and row.slot == "3"
        assert started.code not in row.code_hash and row.code_hash.startswith("scrypt$")
        payloads = session.scalars(select(EventRow.payload)).all()
    assert not any(started.code in p for p in payloads)  # never in clear in the log
    assert {v.slot.id: v.state for v in services.charging.slot_views()}["3"] == "busy"
    assert services.uses.served_today() == 1  # a charge counts as one person served
    closed = services.charging.collect_with_code("3", started.code)
    assert closed.slot.id == "3" and closed.by == "code"
    assert {v.slot.id: v.state for v in services.charging.slot_views()}["3"] == "free"


def test_slot_taken_a_moment_ago_writes_nothing(services: KioskServices) -> None:
    services.charging.start("1")
    before = event_count(services)
    with pytest.raises(Conflict) as caught:
        services.charging.start("1")
    assert caught.value.zh.startswith("该充电位刚被占用") and "just taken" in caught.value.en
    assert event_count(services) == before


def test_wrong_codes_count_down_then_lock_until_a_volunteer_unlocks(
    services: KioskServices,
) -> None:
    started = services.charging.start("2")
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError, match=f"{left} tries left"):
            services.charging.collect_with_code("2", wrong(started.code))
    with pytest.raises(Locked):
        services.charging.collect_with_code("2", wrong(started.code))
    with pytest.raises(Locked):  # even the right code waits for a volunteer now
        services.charging.collect_with_code("2", started.code)
    assert {v.slot.id: v.state for v in services.charging.slot_views()}["2"] == "locked"
    with pytest.raises(ValidationError, match="Wrong PIN"):
        services.charging.unlock("2", "999999")
    services.admin.set_first_pin("246810", "246810")
    services.charging.unlock("2", "246810")
    assert {v.slot.id: v.state for v in services.charging.slot_views()}["2"] == "busy"
    with pytest.raises(ValidationError, match="4 tries left"):  # the count starts again
        services.charging.collect_with_code("2", wrong(started.code))
    assert services.charging.collect_with_code("2", started.code).by == "code"


def test_qr_collect_and_bad_qr_texts(services: KioskServices) -> None:
    started = services.charging.start("4")
    before = event_count(services)
    for text in ("SKC1.", "SKC1.x.12", "SKC1." + "a" * 500, "SKC1.abc.12345x", "SKC2.a.123456"):
        with pytest.raises(ValidationError, match="Unrecognised pickup QR"):
            services.charging.collect_by_qr(text)
    with pytest.raises(NotFound):
        services.charging.collect_by_qr(f"SKC1.nosuchsession.{started.code}")
    assert event_count(services) == before
    services.charging.collect_by_qr(started.qr_text)
    before = event_count(services)
    with pytest.raises(Conflict, match="already used"):
        services.charging.collect_by_qr(started.qr_text)
    assert event_count(services) == before


def test_staff_close_with_a_reason_and_the_code_of_a_closed_session(
    services: KioskServices,
) -> None:
    started = services.charging.start("5")
    with pytest.raises(ValidationError):
        services.charging.close(started.session_id, "felt_like_it", "station_admin")
    closed = services.charging.close(started.session_id, "lost_and_found", "station_admin")
    assert closed.by == "volunteer" and closed.reason == "lost_and_found"
    with pytest.raises(Conflict, match="closed by a volunteer"):
        services.charging.collect_by_qr(started.qr_text)
    with pytest.raises(Conflict):
        services.charging.close(started.session_id, "other", "station_admin")


def test_overdue_after_the_configured_hours(services: KioskServices, clock: FixedClock) -> None:
    services.charging.start("1")
    clock.advance(timedelta(hours=1))
    services.charging.start("2")
    clock.advance(timedelta(hours=3, minutes=1))
    assert services.charging.overdue_count() == 1
    sessions = services.charging.open_sessions()
    assert [(s.slot.id, s.overdue) for s in sessions] == [("1", True), ("2", False)]


def test_published_slots_replace_the_bundled_ones(services: KioskServices) -> None:
    assert len(services.slots) == 8
    body = {
        "slots": [
            {"id": "N1", "number": 1, "kind": "cable", "label_zh": "北 1", "label_en": "North 1"},
            {"id": "bad id!"},
        ]
    }
    with services.database.write() as session:
        session.add(
            ConfigItemRow(
                kind="charging_slots",
                scope="*",
                version=1,
                published_at=services.clock.now(),
                body=json.dumps(body),
            )
        )
    services.refresh_config()
    assert [s.id for s in services.slots] == ["N1"]
    assert services.charging.start("N1").slot.label_en == "North 1"
    with pytest.raises(NotFound):
        services.charging.start("1")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.sampled_from(["wrong", "right", "unlock"]), min_size=1, max_size=8))
def test_lockout_matches_the_rule(services: KioskServices, actions: list[str]) -> None:
    """Whatever the sequence, the service locks exactly when the pure rule says so."""
    services.admin.has_pin() or services.admin.set_first_pin("246810", "246810")
    started = services.charging.start("8")
    model = CodeAttempts()
    collected = False
    for action in actions:
        if action == "unlock":
            services.charging.unlock("8", "246810")
            if model.locked:
                model = model.after_unlock()
            continue
        code = started.code if action == "right" else wrong(started.code)
        if model.locked:
            with pytest.raises(Locked):
                services.charging.collect_with_code("8", code)
        elif action == "right":
            services.charging.collect_with_code("8", code)
            collected = True
            break
        else:
            model = model.after_wrong()
            expected = Locked if model.locked else ValidationError
            with pytest.raises(expected):
                services.charging.collect_with_code("8", code)
        state = {v.slot.id: v.state for v in services.charging.slot_views()}["8"]
        assert state == ("locked" if model.locked else "busy")
    if not collected:
        services.charging.close(started.session_id, "other", "station_admin")
    assert {v.slot.id: v.state for v in services.charging.slot_views()}["8"] == "free"


@given(st.lists(st.sampled_from(["wrong", "unlock"]), max_size=40))
def test_pure_lockout_rule(actions: list[str]) -> None:
    state = CodeAttempts()
    since_unlock = 0
    for action in actions:
        if action == "unlock":
            state, since_unlock = state.after_unlock(), 0
        else:
            state, since_unlock = state.after_wrong(), since_unlock + 1
        assert state.locked is (since_unlock >= MAX_WRONG_CODES)
        assert state.tries_left() == max(0, MAX_WRONG_CODES - since_unlock)


def test_qr_text_round_trip() -> None:
    assert parse_code_qr("SKC1.0190abcd-ef.012345") == ("0190abcd-ef", "012345")
