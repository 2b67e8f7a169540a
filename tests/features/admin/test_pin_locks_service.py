"""One lock per secret: every keypad that checks the admin's or a volunteer's PIN shares that
secret's growing lock, so a guesser gets no more tries a day through all the keypads together
than through the admin login alone (issue 13, item 2)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Locked, ValidationError
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services
from tests.pin_guesser import ALLOWED, Keypad, Outcome, guess_for_a_day

PHONE = "13800000001"


def _on_duty_volunteer(services: KioskServices, pin: str) -> None:
    volunteer = services.roster.register("Wang Fang", "N-1", PHONE, pin)
    token = services.badges.issue(volunteer.id, services.clock.now().date())
    services.shifts.scan_badge(token)  # checked in: the staff keypads know this PIN now


def _volunteer_keypads(services: KioskServices) -> list[Keypad]:
    """Every keypad that checks a volunteer's PIN: phone + PIN and the PIN-only ones."""
    return [
        lambda pin: services.shifts.clock_with_pin(PHONE, pin),
        lambda pin: services.duty.by_phone_pin(PHONE, pin),  # medicine, the emergency keypad
        lambda pin: services.lending.approve_by_pin(PHONE, pin),
        lambda pin: services.requests.identify_pin(PHONE, pin),
        services.charging.verify_staff_pin,  # the charging slot unlock
    ]


def _admin_keypads(services: KioskServices) -> list[Keypad]:
    """Every keypad that checks the station admin's PIN."""
    return [services.admin.login, services.charging.verify_staff_pin]


def test_about_a_hundred_guesses_a_day() -> None:
    assert 90 <= ALLOWED <= 110  # a fixed 5-minute lock would allow 1,440


def test_the_admin_login_alone_allows_what_its_growing_lockout_says(
    services: KioskServices, clock: FixedClock
) -> None:
    """The yardstick: what the admin login alone lets through in a day."""
    pins = [f"{n:06d}" for n in range(ALLOWED + 1)]  # the right PIN is one guess too far
    services.admin.set_first_pin(pins[-1], pins[-1])
    assert guess_for_a_day(clock, [services.admin.login], pins) == Outcome(None, ALLOWED)


def test_every_keypad_together_allows_no_more_guesses_at_the_admin_pin(
    services: KioskServices, clock: FixedClock
) -> None:
    """The admin login and the charging unlock share one lock."""
    pins = [f"{n:06d}" for n in range(ALLOWED + 1)]
    services.admin.set_first_pin(pins[-1], pins[-1])
    assert guess_for_a_day(clock, _admin_keypads(services), pins) == Outcome(None, ALLOWED)


@pytest.mark.parametrize("right", [ALLOWED, ALLOWED + 1])
def test_every_keypad_together_allows_no_more_guesses_at_a_volunteer_pin(
    services: KioskServices, clock: FixedClock, right: int
) -> None:
    """Clocking, medicine, lending, help requests, emergency and charging unlock share one lock
    per volunteer. With the right PIN as the ALLOWED-th guess the guesser gets in (so each
    "Wrong PIN" was a real check), one later and it does not within the day."""
    pins = [f"{n:04d}" for n in range(right)]
    _on_duty_volunteer(services, pins[-1])
    outcome = guess_for_a_day(clock, _volunteer_keypads(services), pins)
    if right == ALLOWED:
        assert outcome == Outcome(ALLOWED, ALLOWED - 1)
    else:
        assert outcome == Outcome(None, ALLOWED)


def test_each_admin_account_has_its_own_lock_shared_by_every_keypad_and_kept(
    services: KioskServices, kiosk_settings: Settings, clock: FixedClock
) -> None:
    """Wrong PINs on the charging keypad lock the station admin's PIN (not the team leader's)
    at the admin login too, across a restart; a malformed PIN is not a guess."""
    services.admin.set_first_pin("246810", "246810")
    admin = services.admin.login("246810")
    volunteer = services.roster.register("Li Qiang", "N-2", "13800000002", "1357")
    services.admin.set_team_leader(admin, volunteer.id, "975310")
    with pytest.raises(ValidationError, match="4 to 8 digits"):
        services.charging.verify_staff_pin("12")  # not a PIN: counted against nobody
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError, match=f"Wrong PIN: {left} tries left"):
            services.charging.verify_staff_pin("000000")
    with pytest.raises(Locked, match="Wrong PIN: locked, try again in 30 s"):
        services.charging.verify_staff_pin("000000")
    restarted = build_services(kiosk_settings, clock)  # a new kiosk process, the same database
    try:
        with pytest.raises(Locked, match="Wrong PIN, or locked: try again in 30 s"):
            restarted.admin.login("246810")  # right, but locked (the leader's PIN was checked)
        assert restarted.admin.login("975310").role == "team_leader"
        clock.advance(timedelta(seconds=30))
        assert restarted.admin.login("246810").role == "station_admin"
    finally:
        restarted.close()
