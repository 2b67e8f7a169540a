"""Who is acting: a volunteer on duty, identified by badge scan or phone + PIN (or the admin).

Dispensing medicine, the daily check and acknowledging an emergency are for volunteers checked
in now; the same roster, shifts and PIN lockout as clocking are used, and a volunteer who is not
on duty is refused with a bilingual message before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from kiosk.domain.badges import verify_badge
from kiosk.domain.clock import Clock
from kiosk.domain.errors import KioskError, NotFound, ValidationError
from kiosk.domain.secrets import LockoutPolicy, verify_secret
from kiosk.domain.text import clean_phone, clean_pin
from kiosk.services import attempts
from kiosk.services.shifts import volunteer_info
from kiosk.store import queries
from kiosk.store.db import Database
from kiosk.store.models import VolunteerRow

ADMIN_ACTOR = "station_admin"
_STAFF_SUBJECT = "duty:staff-pin"

NOT_ON_DUTY = ValidationError(
    "您当前未签到值班，请先签到", "You are not checked in for duty; please check in first"
)
_UNKNOWN_BADGE = NotFound(
    "此工牌未登记，请联系站长", "This badge is not on the roster; ask the admin"
)


@dataclass(frozen=True)
class Actor:
    """The person behind an action: a volunteer on duty, or the admin (`volunteer_id` None)."""

    actor: str  # the volunteer id, or "station_admin"
    name: str
    volunteer_id: str | None
    number: str = ""  # the volunteer number, where one is shown

    @property
    def is_admin(self) -> bool:
        return self.volunteer_id is None


class DutyService:
    """Identify a volunteer on duty; `public_keys` is read on each scan (keys arrive by sync)."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        public_keys: Callable[[], dict[str, Ed25519PublicKey]],
        lockout: LockoutPolicy | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._public_keys = public_keys
        self._lockout = lockout or LockoutPolicy()

    def by_badge(self, token: str, refusal: KioskError = NOT_ON_DUTY) -> Actor:
        """A badge scan: verified offline, then the volunteer must be checked in now (else
        `refusal`, worded for what the caller was about to do)."""
        badge = verify_badge(token.strip(), self._public_keys())
        with self._db.read() as session:
            row = queries.volunteer(session, badge.volunteer_id)
            if row is None:
                raise _UNKNOWN_BADGE
            return self._on_duty(session, row, refusal)

    def by_phone_pin(self, phone: str, pin: str, refusal: KioskError = NOT_ON_DUTY) -> Actor:
        """Phone + PIN; wrong PINs count toward the same lock as clocking in.

        The one place a volunteer on duty is identified (medicine, lending, help requests)."""
        phone = clean_phone(phone)
        now = self._clock.now()
        with self._db.write() as session:
            row = queries.volunteer_by_phone(session, phone)
            if row is None:
                raise NotFound("此手机号未登记为志愿者", "This phone number is not on the roster")
            subject = f"volunteer:{row.id}"
            attempts.check_not_locked(session, subject, now)
            if _matches(pin, row.pin_hash):
                attempts.record_success(session, subject)
                return self._on_duty(session, row, refusal)
            left = attempts.record_failure(session, subject, now, self._lockout)
        raise attempts.wrong_pin_error(left, self._lockout)

    def by_staff_pin(self, pin: str) -> Actor:
        """A PIN alone (an emergency must be quick): the admin's, or a volunteer's on duty."""
        now = self._clock.now()
        with self._db.write() as session:
            attempts.check_not_locked(session, _STAFF_SUBJECT, now)
            found = self._staff(session, pin)
            if found is not None:
                attempts.record_success(session, _STAFF_SUBJECT)
                return found
            left = attempts.record_failure(session, _STAFF_SUBJECT, now, self._lockout)
        raise attempts.wrong_pin_error(left, self._lockout)

    @staticmethod
    def admin() -> Actor:
        """The admin, already past the admin PIN (a tap on the admin screen)."""
        return Actor(ADMIN_ACTOR, "站长 / Admin", None)

    @staticmethod
    def _staff(session: Session, pin: str) -> Actor | None:
        if not pin.isdigit() or not 4 <= len(pin) <= 8:
            return None
        admin = queries.admin(session, ADMIN_ACTOR)
        if admin is not None and verify_secret(pin, admin.pin_hash):
            return DutyService.admin()
        for _, volunteer in queries.on_duty(session):
            if volunteer.active and volunteer.pin_hash and verify_secret(pin, volunteer.pin_hash):
                return Actor(volunteer.id, volunteer.name, volunteer.id)
        return None

    @staticmethod
    def _on_duty(session: Session, row: VolunteerRow, refusal: KioskError) -> Actor:
        if not row.active or queries.open_shift(session, row.id) is None:
            raise refusal
        info = volunteer_info(row)
        return Actor(info.id, info.name, info.id, info.number)


def _matches(pin: str, pin_hash: str | None) -> bool:
    try:
        return pin_hash is not None and verify_secret(clean_pin(pin), pin_hash)
    except ValidationError:
        return False
