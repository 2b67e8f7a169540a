"""One lock per secret: every keypad that checks the admin's or a volunteer's PIN shares that
secret's growing lock, so a guesser gets no more tries a day through all the keypads together
than through the admin login alone (issue 13, item 2)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest

from kiosk.domain.clock import FixedClock
from kiosk.domain.errors import Locked, ValidationError
from kiosk.domain.secrets import GrowingLockout
from kiosk.services.context import KioskServices

PHONE = "13800000001"
DAY = timedelta(hours=24)

Keypad = Callable[[str], object]


def allowed_per_day(policy: GrowingLockout) -> int:
    """Guesses the growing lockout lets through one keypad in 24 hours, by its own rule: a
    guesser who tries again the moment each lock ends."""
    spent, guesses = timedelta(0), 0
    while spent < DAY:
        guesses += 1
        spent += policy.delay_after(guesses) or timedelta(0)
    return guesses


def _wait(error: Locked) -> timedelta:
    """How long the screen says to wait: "try again in 30 s" / "in 15 min"."""
    found = re.search(r"in (\d+) (s|min)\b", error.en)
    assert found, error.en
    amount = int(found.group(1))
    return timedelta(seconds=amount) if found.group(2) == "s" else timedelta(minutes=amount)


@dataclass(frozen=True)
class Outcome:
    """A day of guessing: which guess got in (None: none did), and how many were answered
    "Wrong PIN" (each a guess checked against the secret and counted against its lock)."""

    got_in_at: int | None
    wrong: int


def guess_for_a_day(clock: FixedClock, keypads: list[Keypad], guesses: list[str]) -> Outcome:
    """A patient guesser: tries `guesses` in order on whichever keypad will take one, and when
    a keypad says it is locked, comes back to it when the screen says, for 24 hours.

    A guess is spent when the answer says the PIN was wrong ("Wrong PIN: …"); a plain
    "locked, try again" means it was not checked, so the same guess is tried again later. (The
    guesser reads "wrong" as "checked against the one secret it is after", so each test has one
    secret behind the PIN-only keypads: the lock of one secret does not depend on others.)"""
    end = clock.now() + DAY
    ready = {index: clock.now() for index in range(len(keypads))}
    position = 0
    while position < len(guesses):
        due = [index for index, at in ready.items() if at <= clock.now()]
        if not due:
            upcoming = min(ready.values())
            if upcoming >= end:
                break
            clock.set(upcoming)
            continue
        for index in due:
            try:
                keypads[index](guesses[position])
            except Locked as error:
                ready[index] = clock.now() + _wait(error)
                if error.en.startswith("Wrong PIN"):
                    position += 1
            except ValidationError as error:
                assert error.en.startswith("Wrong PIN"), error.en
                position += 1
            else:
                return Outcome(position + 1, position)
            if position == len(guesses):
                break
    return Outcome(None, position)


def _on_duty_volunteer(services: KioskServices, pin: str) -> None:
    volunteer = services.roster.register("Wang Fang", "N-1", PHONE, pin)
    token = services.badges.issue(volunteer.id, services.clock.now().date())
    services.shifts.scan_badge(token)  # checked in: the staff keypads know this PIN now


def _volunteer_keypads(services: KioskServices) -> list[Keypad]:
    """Every keypad that checks a volunteer's PIN: phone + PIN and the PIN-only ones."""
    return [
        lambda pin: services.shifts.clock_with_pin(PHONE, pin),
        lambda pin: services.duty.by_phone_pin(PHONE, pin),  # medicine
        lambda pin: services.lending.approve_by_pin(PHONE, pin),
        lambda pin: services.requests.identify_pin(PHONE, pin),
        services.duty.by_staff_pin,  # the emergency keypad
        services.charging.verify_staff_pin,  # the charging slot unlock
    ]


def _admin_keypads(services: KioskServices) -> list[Keypad]:
    """Every keypad that checks the station admin's PIN."""
    return [services.admin.login, services.duty.by_staff_pin, services.charging.verify_staff_pin]


ALLOWED = allowed_per_day(GrowingLockout())


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
    """The admin login, the emergency keypad and the charging unlock share one lock."""
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
