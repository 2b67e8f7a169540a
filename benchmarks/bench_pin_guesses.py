"""Guesses a day at one PIN: a patient guesser (tests/pin_guesser.py) tries PINs for 24
simulated hours on every keypad that checks the secret, and this counts the PIN checks that
reached it (scrypt runs), against the admin login alone in the same run.

Prints one JSON line: checks a day at the admin PIN through the admin login alone (the
yardstick), through every keypad that accepts the admin PIN, and at a volunteer's PIN through
every keypad that accepts it; `ratio` is the worst of the two over the yardstick (1.0: the
keypads together allow no more than the admin login). About 20 s: each check is a real
scrypt.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PHONE = "13800000001"
START = datetime(2026, 11, 2, 0, 30, tzinfo=UTC)


@contextmanager
def _counting_checks() -> Iterator[list[int]]:
    """Count scrypt runs: with one secret behind the keypads, one run is one PIN checked."""
    real = hashlib.scrypt
    count = [0]

    def counted(*args: Any, **kwargs: Any) -> bytes:
        count[0] += 1
        return real(*args, **kwargs)

    hashlib.scrypt = counted  # type: ignore[assignment]
    try:
        yield count
    finally:
        hashlib.scrypt = real


def _checks_a_day(secret: str, every_keypad: bool) -> int:
    from kiosk.core.clock import FixedClock
    from kiosk.settings import Settings
    from kiosk.shell.context import build_services
    from tests.pin_guesser import guess_for_a_day

    clock = FixedClock(START)
    with tempfile.TemporaryDirectory() as folder:
        services = build_services(Settings(data_dir=Path(folder)), clock)
        try:
            keypads: list[Callable[[str], object]]
            if secret == "admin":  # nobody on duty: the admin's is the only PIN checked
                services.admin.set_first_pin("99999999", "99999999")
                guesses = [f"{n:06d}" for n in range(100_000)]
                keypads = [services.admin.login]
                if every_keypad:
                    keypads += [services.charging.verify_staff_pin]
            else:  # no admin PIN: the volunteer's is the only PIN checked
                volunteer = services.roster.register("Wang Fang", "N-1", PHONE, "9999")
                services.shifts.scan_badge(services.badges.issue(volunteer.id, START.date()))
                guesses = [f"{n:04d}" for n in range(9999)]
                keypads = [
                    lambda pin: services.shifts.clock_with_pin(PHONE, pin),
                    lambda pin: services.duty.by_phone_pin(PHONE, pin),  # medicine, emergency
                    lambda pin: services.lending.approve_by_pin(PHONE, pin),
                    lambda pin: services.requests.identify_pin(PHONE, pin),
                    services.charging.verify_staff_pin,
                ]
            with _counting_checks() as count:
                guess_for_a_day(clock, keypads, guesses)
            return count[0]
        finally:
            services.close()


def main() -> None:
    login = _checks_a_day("admin", every_keypad=False)
    admin = _checks_a_day("admin", every_keypad=True)
    volunteer = _checks_a_day("volunteer", every_keypad=True)
    print(
        json.dumps(
            {
                "admin_login_alone_per_day": login,
                "admin_pin_every_keypad_per_day": admin,
                "volunteer_pin_every_keypad_per_day": volunteer,
                "ratio": round(max(admin, volunteer) / login, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
