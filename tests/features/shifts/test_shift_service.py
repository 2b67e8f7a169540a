"""Clocking shifts through the service layer over a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Conflict, Locked, NotFound, ValidationError
from kiosk.core.results import VolunteerInfo
from kiosk.features.shifts.domain import Method, ScanAction
from kiosk.platform.store.models import EventRow, OutboxRow
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services


def count_events(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


@pytest.fixture
def volunteer(services: KioskServices) -> VolunteerInfo:
    return services.roster.register("王芳", "FZB-0001", "13800000001", "1234")


def badge(services: KioskServices, volunteer: VolunteerInfo) -> str:
    return services.badges.issue(volunteer.id, services.clock.now().date())


def test_badge_scan_checks_in_with_event_outbox_and_projection(
    services: KioskServices, volunteer: VolunteerInfo
) -> None:
    before = count_events(services)
    result = services.shifts.scan_badge(badge(services, volunteer))
    assert result.action is ScanAction.CHECK_IN
    assert [d.volunteer.name for d in services.shifts.on_duty()] == ["王芳"]
    with services.database.read() as session:
        row = session.scalars(select(EventRow).order_by(EventRow.pos.desc())).first()
        assert row is not None and row.kind == "shift.checked_in" and row.actor == volunteer.id
        outbox = session.scalars(select(OutboxRow).order_by(OutboxRow.seq.desc())).first()
        assert outbox is not None and outbox.event_id == row.id and outbox.seq == row.seq
    assert count_events(services) == before + 1


def test_seq_is_dense_per_kiosk(services: KioskServices, volunteer: VolunteerInfo) -> None:
    services.shifts.scan_badge(badge(services, volunteer))
    with services.database.read() as session:
        seqs = list(session.scalars(select(EventRow.seq).order_by(EventRow.pos)))
    assert seqs == list(range(1, len(seqs) + 1))


def test_second_scan_within_two_minutes_writes_nothing(
    services: KioskServices, volunteer: VolunteerInfo, clock: FixedClock
) -> None:
    token = badge(services, volunteer)
    first = services.shifts.scan_badge(token)
    before = count_events(services)
    clock.advance(timedelta(seconds=70))
    second = services.shifts.scan_badge(token)
    assert second.action is ScanAction.ALREADY_CHECKED_IN
    assert second.checked_in_at == first.checked_in_at
    assert count_events(services) == before


def test_later_scan_checks_out_with_length(
    services: KioskServices, volunteer: VolunteerInfo, clock: FixedClock
) -> None:
    token = badge(services, volunteer)
    services.shifts.scan_badge(token)
    clock.advance(timedelta(hours=3, minutes=5))
    result = services.shifts.scan_badge(token)
    assert result.action is ScanAction.CHECK_OUT and result.minutes == 185
    assert services.shifts.on_duty() == []


def test_quick_check_out_offers_cancel_and_cancel_removes_the_shift(
    services: KioskServices, volunteer: VolunteerInfo, clock: FixedClock
) -> None:
    token = badge(services, volunteer)
    services.shifts.scan_badge(token)
    clock.advance(timedelta(minutes=3))
    before = count_events(services)
    offer = services.shifts.scan_badge(token)
    assert offer.action is ScanAction.OFFER_CANCEL and count_events(services) == before
    services.shifts.cancel_check_in(offer.shift_id)
    assert services.shifts.on_duty() == []
    assert services.shifts.monthly_hours(2026, 11) == []
    with pytest.raises(Conflict):
        services.shifts.cancel_check_in(offer.shift_id)


def test_check_out_anyway(
    services: KioskServices, volunteer: VolunteerInfo, clock: FixedClock
) -> None:
    token = badge(services, volunteer)
    services.shifts.scan_badge(token)
    clock.advance(timedelta(minutes=3))
    offer = services.shifts.scan_badge(token)
    result = services.shifts.check_out_now(offer.shift_id, Method.BADGE)
    assert result.action is ScanAction.CHECK_OUT and result.minutes == 3


def test_deactivated_volunteer_cannot_clock_and_nothing_is_written(
    services: KioskServices, volunteer: VolunteerInfo
) -> None:
    token = badge(services, volunteer)
    services.roster.deactivate(volunteer.id, "left the team")
    before = count_events(services)
    with pytest.raises(ValidationError) as info:
        services.shifts.scan_badge(token)
    assert "停用" in info.value.zh and "deactivated" in info.value.en
    assert count_events(services) == before


def test_genuine_badge_of_unknown_volunteer(services: KioskServices) -> None:
    token = services.badges.issue("not-on-roster", services.clock.now().date())
    with pytest.raises(NotFound):
        services.shifts.scan_badge(token)


def test_phone_and_pin(services: KioskServices, volunteer: VolunteerInfo) -> None:
    result = services.shifts.clock_with_pin("13800000001", "1234")
    assert result.action is ScanAction.CHECK_IN and result.volunteer.masked_phone == "138****0001"
    with pytest.raises(NotFound):
        services.shifts.clock_with_pin("13900000000", "1234")


def test_five_wrong_pins_lock_and_the_lock_outlives_a_restart(
    services: KioskServices, volunteer: VolunteerInfo, clock: FixedClock, kiosk_settings: Settings
) -> None:
    before = count_events(services)
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError, match=f"{left} tries left"):
            services.shifts.clock_with_pin("13800000001", "0000")
    with pytest.raises(Locked) as info:
        services.shifts.clock_with_pin("13800000001", "0000")
    assert "锁定" in info.value.zh and "30 s" in info.value.en  # the first lock is short
    # the right PIN does not open a locked account, and a restart does not reset the lock
    restarted = build_services(kiosk_settings, clock)
    try:
        with pytest.raises(Locked, match="try again in 30 s"):
            restarted.shifts.clock_with_pin("13800000001", "1234")
        clock.advance(timedelta(seconds=30))
        assert restarted.shifts.clock_with_pin("13800000001", "1234").action is ScanAction.CHECK_IN
    finally:
        restarted.close()
    assert count_events(services) == before + 1


def test_sweep_closes_stale_shifts_with_credit_and_flags(
    services: KioskServices, volunteer: VolunteerInfo, clock: FixedClock
) -> None:
    services.shifts.scan_badge(badge(services, volunteer))
    clock.advance(timedelta(hours=11))
    assert services.shifts.sweep() == 0
    clock.advance(timedelta(hours=1))
    assert services.shifts.sweep() == 1
    assert services.shifts.on_duty() == []
    [flagged] = services.shifts.flagged()
    assert flagged.status == "auto_closed" and flagged.minutes == 4 * 60
    [hours] = services.shifts.monthly_hours(2026, 11)
    assert hours.credited_minutes == 240 and hours.flagged == 1


def test_monthly_hours_round_per_shift_in_local_month(
    services: KioskServices, volunteer: VolunteerInfo, clock: FixedClock
) -> None:
    token = badge(services, volunteer)
    for minutes in (52, 100):  # credited 45 + 90 with the default "down to 15 min"
        services.shifts.scan_badge(token)
        clock.advance(timedelta(minutes=minutes))
        services.shifts.scan_badge(token)
        clock.advance(timedelta(hours=2))
    [hours] = services.shifts.monthly_hours(2026, 11)
    assert (hours.shifts, hours.minutes, hours.credited_minutes) == (2, 152, 135)
    assert services.shifts.monthly_hours(2026, 10) == []
    assert services.shifts.monthly_hours(2026, 12) == []


def test_registering_bad_input_writes_nothing(services: KioskServices) -> None:
    before = count_events(services)
    for name, phone, pin in [
        ("王芳😀", "13800000009", "1234"),
        ("王芳", "12ab", "1234"),
        ("王芳", "13800000009", "12"),
    ]:
        with pytest.raises(ValidationError):
            services.roster.register(name, "N-1", phone, pin)
    assert count_events(services) == before


def test_admin_pin_first_run_and_lockout(services: KioskServices, clock: FixedClock) -> None:
    assert not services.admin.has_pin()
    with pytest.raises(ValidationError):
        services.admin.set_first_pin("246810", "246811")
    services.admin.set_first_pin("246810", "246810")
    services.admin.verify("246810")
    with pytest.raises(Conflict):
        services.admin.set_first_pin("111111", "111111")
    for _ in range(4):
        with pytest.raises(ValidationError):
            services.admin.verify("000000")
    with pytest.raises(Locked):
        services.admin.verify("000000")
    with pytest.raises(Locked):
        services.admin.verify("246810")
