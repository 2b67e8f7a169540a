"""The admin PIN: set on first run, verified with lockout before the admin screen opens."""

from __future__ import annotations

from kiosk.domain.clock import Clock
from kiosk.domain.errors import Conflict, ValidationError
from kiosk.domain.secrets import LockoutPolicy, hash_secret, verify_secret
from kiosk.domain.text import clean_pin
from kiosk.services import attempts
from kiosk.store import eventlog, queries
from kiosk.store.db import Database

ROLE = "station_admin"


class AdminService:
    def __init__(self, database: Database, clock: Clock, lockout: LockoutPolicy | None = None):
        self._db = database
        self._clock = clock
        self._lockout = lockout or LockoutPolicy()

    def has_pin(self) -> bool:
        with self._db.read() as session:
            return queries.admin(session, ROLE) is not None

    def set_first_pin(self, pin: str, confirm: str) -> None:
        """First run only: the two entries must match; later changes go through the console."""
        pin = clean_pin(pin)
        if len(pin) < 6:
            raise ValidationError("管理员密码至少 6 位", "The admin PIN needs at least 6 digits")
        if pin != confirm:
            raise ValidationError("两次输入不一致", "The two entries do not match")
        pin_hash = hash_secret(pin)
        with self._db.write() as session:
            if queries.admin(session, ROLE) is not None:
                raise Conflict("管理员密码已设置", "The admin PIN is already set")
            eventlog.append(
                session,
                "admin.pin_set",
                {"role": ROLE, "pin_hash": pin_hash},
                occurred_at=self._clock.now(),
            )

    def verify(self, pin: str) -> None:
        """Raise unless `pin` is the admin PIN; wrong PINs count toward a lockout."""
        now = self._clock.now()
        subject = f"admin:{ROLE}"
        with self._db.write() as session:
            attempts.check_not_locked(session, subject, now)
            row = queries.admin(session, ROLE)
            if row is not None and verify_secret(pin, row.pin_hash):
                attempts.record_success(session, subject)
                return
            left = attempts.record_failure(session, subject, now, self._lockout)
        # Raised after the commit, so the failure is counted even though the login fails.
        raise attempts.wrong_pin_error(left, self._lockout)
