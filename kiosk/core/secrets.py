"""Hashing of PINs and pickup codes (scrypt) and the growing lockout rule for wrong PINs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime, timedelta

# scrypt cost: ~20 ms on a kiosk-class CPU, so a check-in stays well under a second while an
# offline guess of a 6-digit PIN from a stolen database still costs hours per volunteer.
_N, _R, _P = 2**14, 8, 1


def hash_secret(secret: str) -> str:
    """Hash a PIN or code with a fresh salt; the result is self-describing."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    salt_b64 = base64.b64encode(salt).decode()
    digest_b64 = base64.b64encode(digest).decode()
    return f"scrypt${_N}${_R}${_P}${salt_b64}${digest_b64}"


def verify_secret(secret: str, stored: str) -> bool:
    """True when `secret` matches `stored` (constant-time compare)."""
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(digest_b64)
        actual = hashlib.scrypt(
            secret.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@dataclass(frozen=True)
class AttemptState:
    """Wrong PINs counted since the last right one, and the lock they earned."""

    failures: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


@dataclass(frozen=True)
class GrowingLockout:
    """Every PIN's lock (admin accounts and volunteers alike): the `locks_from`-th wrong PIN
    in a row locks for the first delay, and each wrong PIN after a lock ends locks for the next
    one (the last repeats). A right PIN resets.

    Growing rather than fixed: a fixed 5-minute lock lets a patient guesser try 1,440 PINs a
    day; with delays that grow to 15 minutes a person who mistyped loses half a minute, a
    guesser gets about a hundred tries a day (104).
    """

    locks_from: int = 5
    delays: tuple[timedelta, ...] = (
        timedelta(seconds=30),
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=5),
        timedelta(minutes=10),
        timedelta(minutes=15),
    )

    def delay_after(self, failures: int) -> timedelta | None:
        """How long `failures` wrong attempts in a row lock for (None: not locked yet)."""
        step = failures - self.locks_from
        if step < 0:
            return None
        return self.delays[min(step, len(self.delays) - 1)]

    def after_failure(self, state: AttemptState, now: datetime) -> AttemptState:
        """One more wrong attempt; the count survives the lock's end (only a right PIN resets
        it), so the next lock is longer."""
        failures = state.failures + 1
        delay = self.delay_after(failures)
        return AttemptState(failures=failures, locked_until=now + delay if delay else None)

    def tries_left(self, failures: int) -> int:
        """Wrong PINs still allowed before the first lock."""
        return max(0, self.locks_from - failures)
