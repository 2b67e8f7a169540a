"""Who is acting: a volunteer on duty, identified by badge scan or phone + PIN (or the admin).

Dispensing medicine, the daily check and acknowledging an emergency are for volunteers checked
in now; the same roster, shifts and PIN locks as clocking are used, and a volunteer who is not
on duty is refused with a bilingual message before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.errors import KioskError, NotFound, ValidationError
from kiosk.core.text import clean_phone
from kiosk.features.admin.service import attempts
from kiosk.features.shifts import store as shifts_store
from kiosk.features.shifts.service.shifts import volunteer_info
from kiosk.features.volunteers import store as volunteers_store
from kiosk.features.volunteers.service.serials import identify
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store.db import Database

ADMIN_ACTOR = "station_admin"

NOT_ON_DUTY = ValidationError(
    "您当前未签到值班，请先签到", "You are not checked in for duty; please check in first"
)
MAX_PIN_DIGITS = 8
PIN_ALONE = ValidationError(
    "只输入密码无法确认是谁：请刷工牌，或先输入手机号，再输入密码",
    "A PIN alone does not say who you are: scan your badge, or enter your phone number, "
    "then your PIN",
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
    ) -> None:
        self._db = database
        self._clock = clock
        self._public_keys = public_keys

    def by_badge(self, token: str, refusal: KioskError = NOT_ON_DUTY) -> Actor:
        """A badge scan: verified offline, then the volunteer must be checked in now (else
        `refusal`, worded for what the caller was about to do)."""
        with self._db.read() as session:
            volunteer_id = identify(session, token, self._public_keys, self._clock.now().date())
            row = volunteers_store.volunteer(session, volunteer_id)
            if row is None:
                raise _UNKNOWN_BADGE
            return self._on_duty(session, row, refusal)

    def by_phone_pin(self, phone: str, pin: str, refusal: KioskError = NOT_ON_DUTY) -> Actor:
        """Phone + PIN; the volunteer's PIN has one lock, shared with clocking in and every
        other keypad.

        The one place a volunteer on duty is identified (medicine, lending, help requests)."""
        phone = clean_phone(phone)
        now = self._clock.now()
        with self._db.write() as session:
            row = volunteers_store.volunteer_by_phone(session, phone, self._db.vault)
            if row is None:
                raise NotFound("此手机号未登记为志愿者", "This phone number is not on the roster")
            found = attempts.check_pin(session, pin, attempts.volunteer_secrets(row), now)
            if found.owner is not None:
                return self._on_duty(session, found.owner, refusal)
        raise found.failure()

    def member_by_badge(self, token: str) -> Actor:
        """A badge scan of any active volunteer of the station, on duty or not (an activity's
        sign-in sheet)."""
        with self._db.read() as session:
            volunteer_id = identify(session, token, self._public_keys, self._clock.now().date())
            row = volunteers_store.volunteer(session, volunteer_id)
            if row is None:
                raise _UNKNOWN_BADGE
            return _member(row)

    def member_by_phone_pin(self, phone: str, pin: str) -> Actor:
        """Phone + PIN of any active volunteer (the PIN's one lock, as everywhere)."""
        phone = clean_phone(phone)
        now = self._clock.now()
        with self._db.write() as session:
            row = volunteers_store.volunteer_by_phone(session, phone, self._db.vault)
            if row is None:
                raise NotFound("此手机号未登记为志愿者", "This phone number is not on the roster")
            found = attempts.check_pin(session, pin, attempts.volunteer_secrets(row), now)
            if found.owner is not None:
                return _member(found.owner)
        raise found.failure()

    @staticmethod
    def attending_phone(digits: str) -> str:
        """The phone typed on the "I am attending" keypad. A PIN alone is refused: two
        volunteers may share a PIN, and an acknowledgement must say who is attending."""
        if len(digits) <= MAX_PIN_DIGITS:
            raise PIN_ALONE
        return clean_phone(digits)

    @staticmethod
    def admin() -> Actor:
        """The admin, already past the admin PIN (a tap on the admin screen)."""
        return Actor(ADMIN_ACTOR, "站长 / Admin", None)

    @staticmethod
    def _on_duty(session: Session, row: VolunteerRow, refusal: KioskError) -> Actor:
        if not row.active or shifts_store.open_shift(session, row.id) is None:
            raise refusal
        info = volunteer_info(row)
        return Actor(info.id, info.name, info.id, info.number)


_INACTIVE = ValidationError(
    "此志愿者已停用，请联系站长", "This volunteer is no longer active; ask the admin"
)


def _member(row: VolunteerRow) -> Actor:
    if not row.active:
        raise _INACTIVE
    info = volunteer_info(row)
    return Actor(info.id, info.name, info.id, info.number)
