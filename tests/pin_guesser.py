"""A patient PIN guesser with a simulated clock: how many guesses a day the kiosk's keypads let
through to one secret (shared by the services and Qt tests of issue 13, item 2)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Locked, ValidationError
from kiosk.core.secrets import GrowingLockout

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


ALLOWED = allowed_per_day(GrowingLockout())
